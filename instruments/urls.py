from django.urls import path
from django.views.generic import RedirectView

from . import views_pages
from .views import (
    ClauseViews,
    DirectiveItemViews,
    DirectiveViews,
    InstrumentViews,
    PartyActionViews,
    SigningPlanViews,
    StageRuleViews,
    StageViews,
)

app_name = "instruments"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="instruments:instrument_list"), name="home"),
    *InstrumentViews.urls(),
    path("expiring/", views_pages.expiry_calendar, name="expiring"),
    *ClauseViews.urls(),
    *StageViews.urls(),
    *StageRuleViews.urls(),
    *SigningPlanViews.urls(),
    *PartyActionViews.urls(),
    *DirectiveViews.urls(),
    *DirectiveItemViews.urls(),
]
