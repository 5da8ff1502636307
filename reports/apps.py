from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from core.benchmarks import register_benchmark
        from tracking.reminders import register_daily_job

        from . import registry  # noqa: F401  (registers the report run)
        from .benchmarks import yearly_report
        from .duties import secrets_report_duties

        register_benchmark("yearly_report", yearly_report)
        # The yearly state-secrets report, due 20/12: one tracked duty per unit and year.
        register_daily_job("secrets_report_duties", secrets_report_duties)
