from django.urls import path

from . import views
from .views import ReportRunViews

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("runs/<int:pk>/progress/", views.run_progress, name="progress"),
    path("runs/<int:pk>/download/<str:fmt>/", views.run_download, name="download"),
    path("copies/", views.copy_register, name="copies"),
    *ReportRunViews.urls(),
]
