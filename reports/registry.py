"""The reports module's model in the registry (generic views, API, generated tests)."""

from access.registry import register_model

from .models import IssuedDocument, ReportRun

register_model(ReportRun, namespace="reports", api_basename="report-run")
register_model(IssuedDocument, namespace="reports", api_basename="issued-document")
