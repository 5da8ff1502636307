"""The read-replica router's rules (the real replica is exercised in tests/servers/test_replica.py)."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.test import RequestFactory
from django.urls import resolve

from core.db_router import ReplicaRouter, _replica_reads, replica_eligible
from core.models import Attachment


def test_reads_go_to_the_replica_only_when_the_request_allowed_it():
    """Allowed: business reads on the replica; sessions and writes always on the primary."""
    router = ReplicaRouter()
    assert router.db_for_read(Attachment) == "default"
    token = _replica_reads.set(True)
    try:
        assert router.db_for_read(Attachment) == "replica"
        assert router.db_for_read(Session) == "default"
        assert router.db_for_write(Attachment) == "default"
        assert router.allow_migrate("replica", "core") is False
    finally:
        _replica_reads.reset(token)


def test_only_gets_of_lists_dashboard_search_and_reports_are_eligible():
    def eligible(method: str, path: str) -> bool:
        request = getattr(RequestFactory(), method)(path)
        request.resolver_match = resolve(path)
        return replica_eligible(request)

    assert eligible("get", "/api/v1/cases/")
    assert eligible("get", "/dashboard/")
    assert not eligible("post", "/api/v1/cases/")
    assert not eligible("get", "/api/v1/cases/1/")
