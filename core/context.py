"""Who is acting and in which request: a context for services, commands and jobs.

History must not depend on an HTTP request (STYLE.md "History and audit"), so the actor
and request id live in context variables that the middleware, commands and jobs set.
"""

import contextlib
import contextvars
import uuid
from collections.abc import Iterator
from typing import Any

# The service scope is access's (the lowest app's); services open it through this module.
from access.scope import in_service, service_scope

__all__ = ["in_service", "service_scope"]

_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("hoptac_actor", default=None)
_request_id: contextvars.ContextVar[uuid.UUID | None] = contextvars.ContextVar(
    "hoptac_request_id", default=None
)
_client_ip: contextvars.ContextVar[str] = contextvars.ContextVar("hoptac_client_ip", default="")
_bulk_loading: contextvars.ContextVar[bool] = contextvars.ContextVar("hoptac_bulk_loading", default=False)


@contextlib.contextmanager
def change_context(actor: Any = None, request_id: uuid.UUID | None = None) -> Iterator[uuid.UUID]:
    """Set the acting user and a request id for everything recorded inside the block."""
    rid = request_id or _request_id.get() or uuid.uuid4()
    actor_token = _actor.set(actor)
    rid_token = _request_id.set(rid)
    try:
        yield rid
    finally:
        _actor.reset(actor_token)
        _request_id.reset(rid_token)


def current_actor() -> Any:
    return _actor.get()


@contextlib.contextmanager
def client_ip_context(ip: str) -> Iterator[None]:
    """The client address of the current request, for the audit log."""
    token = _client_ip.set(ip)
    try:
        yield
    finally:
        _client_ip.reset(token)


def current_client_ip() -> str:
    return _client_ip.get()


# The request id for the logs: set by the outermost middleware and cleared when the response
# is finished, so that Django's own "Not Found" and error lines, written after the middlewares
# returned, carry it too.
_log_request_id: contextvars.ContextVar[uuid.UUID | None] = contextvars.ContextVar(
    "hoptac_log_request_id", default=None
)


def set_log_request_id(rid: uuid.UUID | None) -> None:
    _log_request_id.set(rid)


def request_id_or_none() -> uuid.UUID | None:
    """The id of the request or job being served, if any (for the logs)."""
    return _request_id.get() or _log_request_id.get()


def current_request_id() -> uuid.UUID:
    rid = _request_id.get()
    return rid if rid is not None else uuid.uuid4()


@contextlib.contextmanager
def bulk_loading() -> Iterator[None]:
    """A loader that rebuilds derived indexes once at its end (the demo loader): modules may
    skip their per-record upkeep inside it (the search index does)."""
    token = _bulk_loading.set(True)
    try:
        yield
    finally:
        _bulk_loading.reset(token)


def is_bulk_loading() -> bool:
    return _bulk_loading.get()


class SystemActor:
    """The actor of commands and jobs that act for the system itself (demo loader, setup).

    It holds every role and ministry-wide scope; history records it as "system".
    """

    pk = None
    id = None
    username = "system"
    is_authenticated = True
    is_active = True
    is_anonymous = False
    unit = None
    unit_id = None
    clearance = "tuyet_mat"
    has_ministry_scope = True

    @property
    def role_codes(self) -> frozenset[str]:
        from access.choices import Role

        return frozenset(Role.values)

    def __str__(self) -> str:
        return "system"


SYSTEM = SystemActor()
