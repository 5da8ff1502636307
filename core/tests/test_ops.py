"""Operations endpoints (liveness, readiness, metrics) and logs carrying the request id."""

from __future__ import annotations

import datetime
import io
import json
import logging
import uuid

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.logging import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_liveness_answers_without_login_or_database(django_assert_num_queries):
    """/health/ answers 200 to an anonymous probe and reads nothing."""
    with django_assert_num_queries(0):
        response = Client().get("/health/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readiness_reports_each_dependency():
    """/health/ready/ checks the database, the cache, the file storage and the queue."""
    response = Client().get("/health/ready/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "storage", "queueage"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["queueage"]["detail"] == "empty"


def _queued_job(age: datetime.timedelta) -> DBTaskResult:
    from core.tests.test_shared_state import record_run

    with override_settings(TASKS=DB_TASKS):
        result = record_run.enqueue("waiting")
    row = DBTaskResult.objects.get(id=result.id)
    row.enqueued_at = timezone.now() - age
    row.save(update_fields=["enqueued_at"])
    return row


@override_settings(HOPTAC_QUEUE_MAX_AGE=600)
def test_readiness_fails_when_the_oldest_queued_job_waits_too_long():
    """A job waiting longer than HOPTAC_QUEUE_MAX_AGE (no worker runs) fails readiness, and
    the answer says how long it waited; a younger one is reported, not failed."""
    row = _queued_job(datetime.timedelta(seconds=120))
    body = Client().get("/health/ready/").json()
    assert body["status"] == "ok" and body["checks"]["queueage"]["detail"].startswith("oldest job 12")
    row.enqueued_at = timezone.now() - datetime.timedelta(hours=2)
    row.save(update_fields=["enqueued_at"])
    response = Client().get("/health/ready/")
    assert response.status_code == 500
    check = response.json()["checks"]["queueage"]
    assert not check["ok"] and "oldest queued job waits 720" in check["detail"]


@override_settings(SECURE_SSL_REDIRECT=True)
def test_probes_are_not_redirected_to_https():
    """With the SSL redirect on, probes over plain HTTP still get their answer."""
    assert Client().get("/health/").status_code == 200
    assert Client().get("/health/ready/").status_code == 200
    assert Client().get("/login/").status_code == 301


def test_health_is_exempt_from_the_second_factor(users):
    """A signed-in user still owing the second factor is sent to it, except from /health/."""
    from core.context import SYSTEM
    from org.models import RoleRecord
    from org.second_factor import role_update

    role = RoleRecord.objects.get(code="officer")
    role_update(actor=SYSTEM, obj=role, data={"requires_second_factor": True}, version=role.version)
    c = Client()
    c.force_login(users["qninh"])
    assert c.get("/tracking/").status_code == 302
    assert c.get("/health/").status_code == 200
    assert c.get("/health/ready/").status_code == 200


def test_metrics_are_readable_from_the_configured_addresses_only():
    """/metrics answers the allowed addresses with requests, latencies, queries and the queue;
    anyone else gets 403."""
    Client().get("/health/")
    _queued_job(datetime.timedelta(seconds=30))
    response = Client().get("/metrics")
    assert response.status_code == 200
    text = response.content.decode()
    for name in (
        "django_http_requests_total_by_method_total",
        "django_http_requests_latency_seconds_by_view_method_bucket",
        "hoptac_db_queries_total",
        "hoptac_db_query_duration_seconds_bucket",
        'hoptac_task_queue_jobs{status="ready"} 1.0',
        "hoptac_task_queue_oldest_seconds",
    ):
        assert name in text, name
    assert Client(REMOTE_ADDR="10.1.2.3").get("/metrics").status_code == 403
    with override_settings(HOPTAC_METRICS_ALLOWED=["10.0.0.0/8"]):
        assert Client(REMOTE_ADDR="10.1.2.3").get("/metrics").status_code == 200
        assert Client().get("/metrics").status_code == 403


def test_log_lines_carry_the_request_id():
    """A log line written while serving a request holds that request's id (X-Request-ID), in
    the JSON format of LOG_FORMAT=json."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    rid = uuid.uuid4()
    try:
        response = Client().get("/no-such-page/", headers={"X-Request-ID": str(rid)})
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404 and response["X-Request-ID"] == str(rid)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines and lines[-1]["request_id"] == str(rid)
    assert lines[-1]["level"] == "WARNING" and lines[-1]["logger"] == "django.request"
    outside = logging.LogRecord("x", logging.INFO, __file__, 1, "m", None, None)
    RequestIdFilter().filter(outside)
    assert outside.request_id == "-"
