"""One error format for the whole API: {"error": {"status", "code", "message", "fields"}}."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import StaleVersion


def error_response(
    status_code: int, code: str, message: str, fields: dict[str, Any] | None = None, **extra: Any
) -> Response:
    body: dict[str, Any] = {"status": status_code, "code": code, "message": message}
    if fields:
        body["fields"] = fields
    body.update(extra)
    return Response({"error": body}, status=status_code)


def _messages(detail: Any, prefix: str = "") -> list[str]:
    """Every message under one field as a flat list; a list item's or a nested field's
    messages say where (``"2: ..."``, ``"unit: ..."``), as the schema promises strings."""
    if isinstance(detail, dict):
        return [m for key, value in detail.items() for m in _messages(value, f"{prefix}{key}: ")]
    if isinstance(detail, list):
        return [m for item in detail for m in _messages(item, prefix)]
    return [f"{prefix}{detail}"]


def _flatten(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {k: _messages(v) for k, v in detail.items()}
    return _messages(detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, StaleVersion):
        view = context.get("view")
        current = view.current_representation(exc.obj) if hasattr(view, "current_representation") else None
        return error_response(
            status.HTTP_409_CONFLICT,
            "stale_version",
            _("The record was changed by someone else; nothing was saved."),
            current_version=exc.current,
            submitted_version=exc.submitted,
            current=current,
        )
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            fields = {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
            non_field = fields.pop("__all__", None)
            if non_field:
                fields["non_field_errors"] = non_field
        else:
            fields = {"non_field_errors": list(exc.messages)}
        return error_response(400, "invalid", _("Invalid data."), fields)
    if isinstance(exc, Http404):
        return error_response(404, "not_found", _("Not found."))
    if isinstance(exc, DjangoPermissionDenied):
        # A service's refusal says why (who may decide instead); a bare one gets the default.
        message = str(exc) or _("You do not have permission to perform this action.")
        return error_response(403, "permission_denied", message)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        if not isinstance(fields, dict):
            fields = {"non_field_errors": fields}
        new = error_response(response.status_code, "invalid", _("Invalid data."), fields)
    else:
        detail = getattr(exc, "detail", "")
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        new = error_response(response.status_code, str(code), str(detail))
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            new[header] = response[header]
    return new
