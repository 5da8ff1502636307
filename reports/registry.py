"""The reports module's model in the registry (generic views, API, generated tests)."""

from access.registry import register_model

from .models import ReportRun

register_model(ReportRun, namespace="reports", api_basename="report-run")
