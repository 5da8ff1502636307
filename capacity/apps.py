from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapacityConfig(AppConfig):
    name = "capacity"
    verbose_name = _("Staff international capacity")

    def ready(self) -> None:
        from . import imports, registry  # noqa: F401  (registers the models and the Excel imports)
