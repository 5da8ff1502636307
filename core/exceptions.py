"""Errors that services raise and views and the API translate (404, 403, 409, 400)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from access.scope import WriteOutsideService

__all__ = ["PermissionDenied", "StaleVersion", "ValidationError", "WriteOutsideService"]


class StaleVersion(Exception):
    """Somebody saved the record since the editor loaded it; nothing was written."""

    def __init__(self, obj: Any, submitted: int | None) -> None:
        self.obj = obj
        self.submitted = submitted
        self.current = getattr(obj, "version", None)
        super().__init__(f"Stale version {submitted} of {obj} (current {self.current})")
