"""Prometheus metrics that django-prometheus does not give: database queries counted without
replacing the database engine, and the depth and age of the background queue."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client import Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

QUERIES = Counter("hoptac_db_queries_total", "Database queries executed.", ["alias", "vendor"])
QUERY_ERRORS = Counter("hoptac_db_query_errors_total", "Database queries that raised.", ["alias", "vendor"])
QUERY_SECONDS = Histogram(
    "hoptac_db_query_duration_seconds",
    "Time of one database query.",
    ["alias", "vendor"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


class QueryMetrics:
    """An execute wrapper (Django's hook around every query of a connection) that counts and
    times queries. Installed on each new connection, so the engine stays Django's own."""

    def __init__(self, alias: str, vendor: str) -> None:
        self.labels = (alias, vendor)

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        except Exception:
            QUERY_ERRORS.labels(*self.labels).inc()
            raise
        finally:
            QUERIES.labels(*self.labels).inc()
            QUERY_SECONDS.labels(*self.labels).observe(time.perf_counter() - start)


def install_query_metrics(sender: Any, connection: Any, **kwargs: Any) -> None:
    """connection_created receiver: wrap the connection's queries once."""
    if not any(isinstance(w, QueryMetrics) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(QueryMetrics(connection.alias, connection.vendor))


class QueueCollector(Collector):
    """Jobs of the database queue by status, and the age of the oldest ready one, read from
    the database at each scrape (one query each), so every node reports the same queue."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from django.db import DatabaseError

        readable = GaugeMetricFamily(
            "hoptac_task_queue_readable", "Whether the queue could be read (0: database unavailable)."
        )
        try:
            families = list(self._queue())
        except DatabaseError:
            # The other metrics stay readable while the database is away.
            readable.add_metric([], 0)
            yield readable
            return
        readable.add_metric([], 1)
        yield readable
        yield from families

    def _queue(self) -> Iterator[GaugeMetricFamily]:
        from django.db.models import Count
        from django_tasks_db.models import DBTaskResult

        from .health import oldest_queued_job_age

        depth = GaugeMetricFamily(
            "hoptac_task_queue_jobs", "Jobs of the background queue by status.", labels=["status"]
        )
        counts = dict(
            DBTaskResult.objects.filter(status__in=["READY", "RUNNING"])
            .values_list("status")
            .annotate(n=Count("id"))
            .order_by()
        )
        for status in ("READY", "RUNNING"):
            depth.add_metric([status.lower()], counts.get(status, 0))
        yield depth
        age = oldest_queued_job_age()
        yield GaugeMetricFamily(
            "hoptac_task_queue_oldest_seconds",
            "How long the oldest job ready to run has waited (0: none waits).",
            value=age.total_seconds() if age is not None else 0.0,
        )
