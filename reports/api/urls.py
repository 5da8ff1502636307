"""Registers the report runs on the shared API router (/api/v1/reports/)."""

from core.api.router import router

from .views import (
    CopyDecisionViewSet,
    IssuedDocumentViewSet,
    ReceivedSecretDocumentViewSet,
    ReportRunViewSet,
    SecretDestructionViewSet,
    SecretHandOverViewSet,
    SecretIncidentViewSet,
    SentRegisterViewSet,
)

router.register("reports", ReportRunViewSet, basename="report-run")
router.register("issued-documents", IssuedDocumentViewSet, basename="issued-document")
router.register("secret-documents-sent", SentRegisterViewSet, basename="secret-document-sent")
router.register(
    "secret-documents-received", ReceivedSecretDocumentViewSet, basename="received-secret-document"
)
router.register("secret-handovers", SecretHandOverViewSet, basename="secret-handover")
router.register("copy-decisions", CopyDecisionViewSet, basename="copy-decision")
router.register("secret-destructions", SecretDestructionViewSet, basename="secret-destruction")
router.register("secret-incidents", SecretIncidentViewSet, basename="secret-incident")
