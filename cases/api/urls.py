"""API routes of the cases app (registered on core.api.router.router)."""

from core.api.router import router

from .views import (
    CaseMessageViewSet,
    CaseReferenceViewSet,
    CaseSubjectViewSet,
    CaseViewSet,
    CompetentAuthorityViewSet,
    LetterTemplateViewSet,
    OperationViewSet,
    OutcomeViewSet,
    PersonalDataItemViewSet,
    PersonalDataTransferViewSet,
    ReleaseDecisionViewSet,
    ResponseRuleViewSet,
    RuleSetViewSet,
)

router.register("cases", CaseViewSet, basename="case")
router.register("case-references", CaseReferenceViewSet, basename="case-reference")
router.register("case-messages", CaseMessageViewSet, basename="case-message")
router.register("case-subjects", CaseSubjectViewSet, basename="case-subject")
router.register("operations", OperationViewSet, basename="operation")
router.register("outcomes", OutcomeViewSet, basename="outcome")
router.register("competent-authorities", CompetentAuthorityViewSet, basename="competent-authority")
router.register("response-rules", ResponseRuleViewSet, basename="response-rule")
router.register("rule-sets", RuleSetViewSet, basename="rule-set")
router.register("release-decisions", ReleaseDecisionViewSet, basename="release-decision")
router.register("personal-data-items", PersonalDataItemViewSet, basename="personal-data-item")
router.register("personal-data-transfers", PersonalDataTransferViewSet, basename="personal-data-transfer")
router.register("letter-templates", LetterTemplateViewSet, basename="letter-template")
