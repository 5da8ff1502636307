from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from core.benchmarks import register_benchmark
        from core.declassification import register_holders

        from . import registry  # noqa: F401  (registers the report run)
        from .benchmarks import yearly_report

        register_benchmark("yearly_report", yearly_report)
        # A level change reaches the units and persons a document was handed over to.
        from .registers import handover_holders

        register_holders(handover_holders)
