from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "tracking"
    verbose_name = _("Tracking of obligations")

    def ready(self) -> None:
        from core.declassification import declassify_expired

        from . import classification_notices, coverage, registry  # noqa: F401  (registers the models)
        from .reminders import register_daily_job

        classification_notices.connect()
        # The daily round lifts the classifications whose protection period has ended.
        register_daily_job("declassified", declassify_expired)
