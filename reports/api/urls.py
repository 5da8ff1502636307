"""Registers the report runs on the shared API router (/api/v1/reports/)."""

from core.api.router import router

from .views import IssuedDocumentViewSet, ReportRunViewSet

router.register("reports", ReportRunViewSet, basename="report-run")
router.register("issued-documents", IssuedDocumentViewSet, basename="issued-document")
