from django.urls import path
from django.views.generic import RedirectView

from . import views_pages
from .views import (
    ConsultationViews,
    EventViews,
    MediaItemViews,
    ParticipantViews,
    PledgeViews,
    ProgrammeItemViews,
    TripProposalViews,
)

app_name = "events"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="events:event_list"), name="home"),
    *EventViews.urls(),
    path("calendar/", views_pages.calendar, name="calendar"),
    path("calendar.ics", views_pages.calendar_ics, name="calendar_ics"),
    path("feed/<str:token>.ics", views_pages.feed_ics, name="feed_ics"),
    path("outreach/", views_pages.outreach, name="outreach"),
    *ProgrammeItemViews.urls(),
    *ParticipantViews.urls(),
    *PledgeViews.urls(),
    *TripProposalViews.urls(),
    path("delegations/<int:pk>/approve/", views_pages.trip_approve, name="trip_approve"),
    path("delegations/<int:pk>/return/", views_pages.trip_return, name="trip_return"),
    *ConsultationViews.urls(),
    *MediaItemViews.urls(),
]
