from django.urls import path
from django.views.generic import RedirectView

from .views import (
    AuthorityViews,
    CaseMessageViews,
    CaseReferenceViews,
    CaseSubjectViews,
    CaseViews,
    LetterTemplateViews,
    OperationViews,
    OutcomeViews,
    PersonalDataItemViews,
    PersonalDataTransferViews,
    ReleaseDecisionViews,
    ResponseRuleViews,
    RuleSetViews,
)
from .views_pages import CaseLetterView, CaseShareView, CaseStatisticsView, LegalBasisPanelView

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
    *RuleSetViews.urls(),
    *ReleaseDecisionViews.urls(),
    *PersonalDataItemViews.urls(),
    *PersonalDataTransferViews.urls(),
    path("legal-basis/", LegalBasisPanelView.as_view(viewset=CaseViews), name="legal_basis_panel"),
    path("statistics/", CaseStatisticsView.as_view(viewset=CaseViews), name="statistics"),
    *LetterTemplateViews.urls(),
    path("<int:pk>/letter/", CaseLetterView.as_view(viewset=CaseViews), name="case_letter"),
    path("<int:pk>/share/", CaseShareView.as_view(viewset=CaseViews), name="cooperationcase_share"),
]
