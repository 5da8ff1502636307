"""Reads of lists, reports, search and the dashboard on a read replica (optional).

Enabled only when ``DATABASE_REPLICA_URL`` is set (hoptac/settings/base.py adds the
``replica`` database and this router). ``ReplicaReadsMiddleware`` decides per request whether
its reads may go to the replica: a GET of a list, a report, search or the dashboard, from a
client that has not written in the last ``HOPTAC_REPLICA_STICKY_SECONDS`` (read-your-writes:
the replica lags the primary a little). Everything else stays on the primary: writes, any
read inside a transaction, migrations, and the session, authentication and job tables
(docs/operations.md, "Read replica").
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
_replica_reads: ContextVar[bool] = ContextVar("hoptac_replica_reads", default=False)

# Read on the primary always: the rows a request checks before anything else (who is signed
# in, with which token and second factor, how many failed logins) and the job queue.
PRIMARY_APPS = frozenset(
    {"sessions", "auth", "authtoken", "axes", "otp_totp", "otp_static", "django_tasks_db", "contenttypes"}
)
# The parts whose reads are worth moving: by URL namespace, and every list (pages and API).
REPLICA_NAMESPACES = frozenset({"dashboard", "search", "reports"})


def replica_enabled() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    """Sends a read to the replica only when the request allowed it and no transaction is open."""

    def db_for_read(self, model: type, **hints: Any) -> str | None:
        if not _replica_reads.get() or model._meta.app_label in PRIMARY_APPS:
            return "default"
        if connections["default"].in_atomic_block:
            return "default"
        return REPLICA

    def db_for_write(self, model: type, **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # one database, two copies

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"


def _client_key(request: HttpRequest) -> str:
    """Who the client is for read-your-writes: its token or its session cookie."""
    identity = request.headers.get("Authorization", "") or request.COOKIES.get(
        settings.SESSION_COOKIE_NAME, ""
    )
    return "hoptac:wrote:" + hashlib.sha256(identity.encode()).hexdigest()[:32] if identity else ""


def replica_eligible(request: HttpRequest) -> bool:
    """A GET of a list, a report, search or the dashboard."""
    if request.method not in ("GET", "HEAD") or request.resolver_match is None:
        return False
    match = request.resolver_match
    name = match.url_name or ""
    return bool(set(match.namespaces) & REPLICA_NAMESPACES) or name.endswith(("_list", "-list"))


class ReplicaReadsMiddleware:
    """Allows replica reads for eligible requests, and keeps a client that wrote on the
    primary for HOPTAC_REPLICA_STICKY_SECONDS (a flag in the shared cache). A no-op when no
    replica is configured."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_enabled():
            return self.get_response(request)
        token = _replica_reads.set(False)
        try:
            response = self.get_response(request)
        finally:
            _replica_reads.reset(token)
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            key = _client_key(request) or _client_key_from_response(response)
            if key:
                cache.set(key, 1, settings.HOPTAC_REPLICA_STICKY_SECONDS)
        return response

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> None:
        if replica_enabled() and replica_eligible(request):
            key = _client_key(request)
            _replica_reads.set(not (key and cache.get(key)))


def _client_key_from_response(response: HttpResponse) -> str:
    """A write that signed the client in (no cookie before it): key by the new session."""
    cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
    if cookie is None or not cookie.value:
        return ""
    return "hoptac:wrote:" + hashlib.sha256(cookie.value.encode()).hexdigest()[:32]
