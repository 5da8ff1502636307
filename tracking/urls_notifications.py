"""URLs of tracking.views_notifications (kept apart so each part of the UI owns its routes)."""

from django.urls import path

from . import views_notifications as views

urlpatterns = [
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_mark_read, name="notifications_read"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
]
