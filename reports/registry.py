"""The reports module's models in the registry (generic views, API, generated tests)."""

from access.registry import register_model
from core.models import CopyDecision

from .models import (
    IssuedDocument,
    ReceivedSecretDocument,
    ReportRun,
    SecretDestruction,
    SecretHandOver,
    SecretIncident,
)

register_model(ReportRun, namespace="reports", api_basename="report-run")
register_model(IssuedDocument, namespace="reports", api_basename="issued-document")
register_model(ReceivedSecretDocument, namespace="reports", api_basename="received-secret-document")
register_model(SecretHandOver, namespace="reports", api_basename="secret-handover")
register_model(SecretDestruction, namespace="reports", api_basename="secret-destruction")
# The copying register lives in core (the copy caps read it); its pages and API are here.
register_model(CopyDecision, namespace="reports", api_basename="copy-decision")
register_model(SecretIncident, namespace="reports", api_basename="secret-incident")
