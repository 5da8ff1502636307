"""URLs of tracking.views_pages (kept apart so each part of the UI owns its routes)."""

from django.urls import path

from . import views_pages

urlpatterns: list = [
    path("my-work/", views_pages.my_work, name="my_work"),
    path("overdue/", views_pages.overdue_board, name="overdue"),
    path("completion/", views_pages.completion, name="completion"),
    path("calendar/", views_pages.deadline_calendar, name="calendar"),
    path("not-implemented/", views_pages.not_implemented, name="not_implemented"),
    path("coverage/", views_pages.coverage_list, name="coverage"),
    path("coverage/track/<str:key>/<int:pk>/", views_pages.coverage_track, name="coverage_track"),
    path("feed/", views_pages.feed_page, name="feed"),
    path("feed/<str:token>.ics", views_pages.feed_ics, name="feed_ics"),
    path("obligations/<int:pk>/assign/", views_pages.obligation_assign, name="obligation_assign"),
    path(
        "obligations/<int:pk>/assign-many/", views_pages.obligation_assign_many, name="obligation_assign_many"
    ),
    path("reports/<int:pk>/approve/", views_pages.report_approve, name="report_approve"),
    path("reports/<int:pk>/return/", views_pages.report_return, name="report_return"),
    path("obstacles/<int:pk>/answer/", views_pages.obstacle_answer, name="obstacle_answer"),
    path("obstacles/<int:pk>/escalate/", views_pages.obstacle_escalate, name="obstacle_escalate"),
    path("obstacles/<int:pk>/decide/", views_pages.obstacle_decide, name="obstacle_decide"),
]
