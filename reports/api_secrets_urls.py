"""GET /api/v1/secrets-report/: the yearly state-secrets report (mounted by hoptac.urls)."""

from django.urls import path

from .api.views import SecretsReportView

urlpatterns = [path("", SecretsReportView.as_view(), name="api-secrets-report")]
