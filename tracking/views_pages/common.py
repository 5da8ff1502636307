"""What the tracking pages share: page size, visibility, refusals, errors, paging."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db import models
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from access.rules import Action, can
from core.audit import audit_refused
from core.exceptions import PermissionDenied, ValidationError
from core.paging import CappedPaginator
from core.text import fold

from ..models import Assignment

PAGE_SIZE = 25
FEED_PAST_DAYS = 60
FEED_FUTURE_DAYS = 365


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _require_view(user: Any) -> None:
    """The pages list business records: a user without a content role gets 403."""
    if not can(user, Action.VIEW, Assignment):
        raise PermissionDenied


def _visible(request: HttpRequest, model: type[models.Model], pk: int, *related: str) -> Any:
    """The record through ``visible_to``; hidden or missing is 404 (a hidden one audited)."""
    qs = model.objects.visible_to(request.user)
    if related:
        qs = qs.select_related(*related)
    obj = qs.filter(pk=pk).first()
    if obj is None:
        audit_refused(request.user, model, pk, "hidden")
        raise Http404
    return obj


def _refuse(request: HttpRequest, obj: Any, action: str) -> None:
    audit_refused(request.user, type(obj), obj.pk, action)
    raise PermissionDenied


def _add_errors(form: forms.Form, exc: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """A service's errors beside the form's fields (``aliases`` maps service names to fields)."""
    aliases = aliases or {}
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            field = aliases.get(name, name)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _stale_message() -> str:
    return _(
        "The record was changed by someone else in the meantime; nothing was saved. Reload the page and try again."
    )


def _page(request: HttpRequest, rows: Any) -> Any:
    return CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _search(qs: models.QuerySet, q: str) -> models.QuerySet:
    """Each folded word must appear in the stored folded text (as the generic lists do)."""
    for word in fold(q).split():
        qs = qs.filter(search_text__contains=word)
    return qs


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")
