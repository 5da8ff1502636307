"""The service scope: writes of business models are allowed only inside it.

Kept apart from the guards (which define model classes) so that anything may import it
before the app registry is ready (logging, settings-time code). core's services open it
through ``core.context.service_scope``.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

_in_service: contextvars.ContextVar[bool] = contextvars.ContextVar("hoptac_in_service", default=False)


class WriteOutsideService(RuntimeError):
    """A business model was written outside the service layer (STYLE.md 'Where logic lives')."""


@contextlib.contextmanager
def service_scope() -> Iterator[None]:
    """Mark the block as the service layer: business-model writes are allowed inside."""
    token = _in_service.set(True)
    try:
        yield
    finally:
        _in_service.reset(token)


def in_service() -> bool:
    return _in_service.get()
