from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cooperation cases and operations")

    def ready(self) -> None:
        from . import registry  # noqa: F401  (registers the models and the tracking source)
