from django.urls import path
from django.views.generic import RedirectView

from .views import ClauseViews, DirectiveItemViews, DirectiveViews, InstrumentViews

app_name = "instruments"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="instruments:instrument_list"), name="home"),
    *InstrumentViews.urls(),
    *ClauseViews.urls(),
    *DirectiveViews.urls(),
    *DirectiveItemViews.urls(),
]
