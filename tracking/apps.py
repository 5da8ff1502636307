from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "tracking"
    verbose_name = _("Tracking of obligations")

    def ready(self) -> None:
        from . import registry  # noqa: F401  (registers the models)
