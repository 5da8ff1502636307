from django.urls import path
from django.views.generic import RedirectView

from . import urls_notifications, urls_pages, urls_sources
from .views import AssignmentViews, CalendarDayViews, ObligationViews, ObstacleViews, ProgressReportViews

app_name = "tracking"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="tracking:obligation_list"), name="home"),
    *urls_pages.urlpatterns,
    *urls_notifications.urlpatterns,
    *urls_sources.urlpatterns,
    *ObligationViews.urls(),
    *AssignmentViews.urls(),
    *ProgressReportViews.urls(),
    *ObstacleViews.urls(),
    *CalendarDayViews.urls(),
]
