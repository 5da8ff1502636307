from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from core.benchmarks import register_benchmark

        from . import registry  # noqa: F401  (registers the report run)
        from .benchmarks import yearly_report

        register_benchmark("yearly_report", yearly_report)
