"""Operations endpoints: liveness, readiness and Prometheus metrics (docs/operations.md).

None of them needs a login or shows a record; /metrics answers only the addresses of
HOPTAC_METRICS_ALLOWED. They stay outside the API schema.
"""

from __future__ import annotations

import ipaddress
import os

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.views.decorators.cache import never_cache
from health_check.views import HealthCheckView


@never_cache
def live(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. Touches nothing else, so a database outage does not
    make an orchestrator restart healthy web processes."""
    return JsonResponse({"status": "ok"})


class ReadyView(HealthCheckView):
    """Readiness: database, cache, file storage and the background queue, answered as JSON
    (500 when one fails), each check with its error, detail and time taken."""

    checks = (
        "health_check.checks.Database",
        "health_check.checks.Cache",
        "health_check.checks.Storage",
        "core.health.QueueAge",
    )

    def render_to_response(self, context, **kwargs):  # the HTML page of the library
        return self.render_to_response_json(kwargs.get("status", 200))

    def render_to_response_json(self, status):
        checks = {
            result.check.labels["check"].lower(): {
                "ok": result.error is None,
                "detail": str(result.error) if result.error else result.check.pretty_status(),
                "seconds": round(result.time_taken, 4),
            }
            for result in self.results
        }
        ok = all(check["ok"] for check in checks.values())
        return JsonResponse({"status": "ok" if ok else "error", "checks": checks}, status=status)


def client_allowed(address: str, allowed: list[str]) -> bool:
    """Whether ``address`` is one of the addresses or networks in ``allowed``."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in allowed:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus metrics of this node: requests and latencies (django-prometheus), database
    queries and the background queue (core.metrics). With several gunicorn workers, the
    values of all of them (prometheus_client's multiprocess mode, set up by
    deploy/gunicorn.conf.py)."""
    if not client_allowed(request.META.get("REMOTE_ADDR", ""), settings.HOPTAC_METRICS_ALLOWED):
        return HttpResponseForbidden("metrics are readable from the configured addresses only\n")
    import prometheus_client
    from prometheus_client import multiprocess

    from .metrics import QueueCollector

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = prometheus_client.CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = prometheus_client.CollectorRegistry()
        for collector in list(prometheus_client.REGISTRY._collector_to_names):
            registry.register(collector)
    registry.register(QueueCollector())
    return HttpResponse(
        prometheus_client.generate_latest(registry), content_type=prometheus_client.CONTENT_TYPE_LATEST
    )
