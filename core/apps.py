from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("System core")

    def ready(self) -> None:
        from django.core.signals import request_finished
        from django.db.backends.signals import connection_created

        from . import signals
        from .metrics import install_query_metrics
        from .middleware import clear_log_request_id

        signals.connect()
        connection_created.connect(install_query_metrics, dispatch_uid="hoptac_query_metrics")
        request_finished.connect(clear_log_request_id, dispatch_uid="hoptac_log_request_id")
