from django.urls import path

from . import views_pages
from .views import (
    AgencyViews,
    BodyViews,
    CountryGroupMemberViews,
    CountryGroupViews,
    CountryViews,
    MembershipViews,
    RelationshipViews,
)

app_name = "partners"
urlpatterns = [
    path("", views_pages.indicators_page, name="home"),
    path("compare/", views_pages.compare_page, name="compare"),
    path("map/", views_pages.map_page, name="map"),
    *CountryViews.urls(),
    *BodyViews.urls(),
    *AgencyViews.urls(),
    *RelationshipViews.urls(),
    *MembershipViews.urls(),
    *CountryGroupViews.urls(),
    *CountryGroupMemberViews.urls(),
]
