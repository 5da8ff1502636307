from django.apps import AppConfig


class SampleAppConfig(AppConfig):
    """Test-only business models that exercise the foundation's machinery end to end."""

    name = "core.tests.sampleapp"
    label = "sampleapp"

    def ready(self) -> None:
        from access.registry import register_model

        from .models import SampleRecord

        register_model(SampleRecord, namespace="sampleapp", api_basename="samplerecord")

        from . import imports  # noqa: F401  (registers the sample record's Excel import)
