from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from core.benchmarks import register_benchmark
        from core.declassification import register_holders
        from tracking.reminders import register_daily_job

        from . import registry  # noqa: F401  (registers the report run)
        from .benchmarks import yearly_report
        from .duties import secrets_report_duties

        register_benchmark("yearly_report", yearly_report)
        # A level change reaches the units and persons a document was handed over to.
        from .registers import handover_holders

        register_holders(handover_holders)
        # The yearly state-secrets report, due 20/12: one tracked duty per unit and year.
        register_daily_job("secrets_report_duties", secrets_report_duties)
