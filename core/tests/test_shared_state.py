"""State shared by several nodes: the cache in Redis, and jobs taken once by many workers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import override_settings
from django_tasks import task
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from core import figures

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("HOPTAC_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _settings_value(expression: str, **env: str) -> str:
    full = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    full.update(env, DJANGO_SETTINGS_MODULE="hoptac.settings.test")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; print({expression})",
        ],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_cache_is_redis_when_redis_url_is_set_and_local_otherwise():
    """REDIS_URL selects django-redis; without it each process keeps a local cache."""
    expression = 'settings.CACHES["default"]["BACKEND"]'
    assert _settings_value(expression, REDIS_URL=REDIS_URL) == "django_redis.cache.RedisCache"
    assert _settings_value(expression) == "django.core.cache.backends.locmem.LocMemCache"


def _redis_cache(url: str, prefix: str) -> dict:
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2, "IGNORE_EXCEPTIONS": True},
        }
    }


def _redis_reachable() -> bool:
    host, port = REDIS_URL.split("//")[1].split("/")[0].split(":")
    try:
        with socket.create_connection((host, int(port)), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.django_db
def test_a_figure_computed_on_one_node_is_reused_by_another():
    """With Redis, a cached figure computed by one process is read by another's cache client."""
    if not _redis_reachable():
        if os.environ.get("CI"):
            pytest.fail("Redis must run in CI (.ci/run starts it)")
        pytest.skip(f"no Redis at {REDIS_URL} (CI starts one)")
    calls = []

    def compute() -> int:
        calls.append(1)
        return 42

    with override_settings(CACHES=_redis_cache(REDIS_URL, f"test-{uuid.uuid4().hex}")):
        assert figures.cached_figures("shared", None, ["x"], compute) == 42
        # Another node: a new connection with the same settings, nothing in memory.
        other = caches.create_connection("default")
        keys = other.keys("figures:shared:*")
        assert len(keys) == 1 and other.get(keys[0]) == 42
        assert figures.cached_figures("shared", None, ["x"], compute) == 42
        other.delete_pattern("figures:*")
    assert calls == [1]


@pytest.mark.django_db
def test_a_redis_that_is_down_only_costs_recomputation():
    """An unreachable Redis is not an error: the figure is computed each time."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    with override_settings(CACHES=_redis_cache(f"redis://127.0.0.1:{closed}/0", "down")):
        assert figures.cached_figures("down", None, [], lambda: 7) == 7
        assert figures.cached_figures("down", None, [], lambda: 8) == 8


RUNS: list[str] = []
_RUNS_LOCK = threading.Lock()


@task()
def record_run(label: str) -> str:
    """A job that notes each time it runs."""
    with _RUNS_LOCK:
        RUNS.append(label)
    return label


DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_several_database_workers_take_each_job_once():
    """Three workers on one queue run 30 jobs: each job once, by one worker."""
    RUNS.clear()
    with override_settings(TASKS=DB_TASKS):
        results = [record_run.enqueue(f"job-{i}") for i in range(30)]

        def work(worker_id: str) -> None:
            from django.db import connection

            try:
                Worker(
                    queue_names=["default"],
                    interval=0,
                    batch=True,
                    backend_name="default",
                    startup_delay=False,
                    max_tasks=None,
                    worker_id=worker_id,
                    excluded_queue_names=[],
                ).run()
            finally:
                connection.close()

        threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert sorted(RUNS) == sorted(f"job-{i}" for i in range(30))
    rows = DBTaskResult.objects.filter(id__in=[r.id for r in results])
    assert {row.status for row in rows} == {"SUCCESSFUL"}
    assert all(len(row.worker_ids) == 1 for row in rows)


@pytest.mark.django_db(transaction=True)
def test_the_node_worker_waits_out_a_database_outage_and_then_runs_the_jobs(monkeypatch):
    """``run_worker``'s worker: a connection error while polling (PostgreSQL restarting) is
    waited out, where django-tasks-db's worker would exit and leave the node without one."""
    from django.db.utils import OperationalError

    from core.management.commands import run_worker

    worker = run_worker.ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="outage",
        excluded_queue_names=[],
    )
    polls = {"n": 0}
    real_ready = DBTaskResult.objects.ready

    def ready():
        polls["n"] += 1
        if polls["n"] <= 2:
            raise OperationalError("connection to server failed: Connection refused")
        return real_ready()

    waits: list[float] = []
    monkeypatch.setattr(DBTaskResult.objects, "ready", ready)
    monkeypatch.setattr(run_worker.time, "sleep", waits.append)
    monkeypatch.setattr(run_worker.connections, "close_all", lambda: None)
    worker.run()  # batch mode: returns once the queue is empty
    assert polls["n"] == 3
    assert waits == [1.0, 2.0]

    with pytest.raises(OperationalError):
        db_worker_run_fails = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="plain",
            excluded_queue_names=[],
        )
        polls["n"] = 0
        db_worker_run_fails.run()
