from django.urls import path

from . import views_pages
from .views import (
    CapacityDefinitionViews,
    LanguageSkillViews,
    PostingViews,
    QualificationViews,
    StaffProfileViews,
)

app_name = "capacity"
urlpatterns = [
    path("", views_pages.indicator_page, name="home"),
    path("gaps/", views_pages.gaps_page, name="gaps"),
    *StaffProfileViews.urls(),
    *LanguageSkillViews.urls(),
    *QualificationViews.urls(),
    *PostingViews.urls(),
    *CapacityDefinitionViews.urls(),
]
