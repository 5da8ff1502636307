from django.urls import path
from django.views.generic import RedirectView

from .views import (
    AuthorityViews,
    CaseMessageViews,
    CaseReferenceViews,
    CaseSubjectViews,
    CaseViews,
    OperationViews,
    OutcomeViews,
    ResponseRuleViews,
)

app_name = "cases"
# "home" is what the main menu links to.
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="cases:cooperationcase_list"), name="home"),
    *CaseViews.urls(),
    *CaseReferenceViews.urls(),
    *CaseMessageViews.urls(),
    *CaseSubjectViews.urls(),
    *OperationViews.urls(),
    *OutcomeViews.urls(),
    *AuthorityViews.urls(),
    *ResponseRuleViews.urls(),
]
