from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    name = "instruments"
    verbose_name = _("Cooperation instruments and directives")

    def ready(self) -> None:
        from . import registry  # noqa: F401  (registers the models and the indicator)
