"""Query parameters of the API, validated: a bad value is a 400 in the JSON format, never a
500 from the database (a number beyond SQLite's 64-bit integers, a year beyond 9999) and
never silently ignored (``page_size=-3``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from rest_framework import exceptions

from core.text import MAX_ID

# Ids and integer filters stay within a 64-bit signed integer, as both databases store them.
MAX_INT = MAX_ID
MIN_INT = -MAX_ID - 1


def whole_number(raw: str, name: str, *, low: int = MIN_INT, high: int = MAX_INT) -> int:
    """``raw`` as an int within [low, high], else a 400 naming the parameter."""
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise exceptions.ValidationError({name: [_("Use a whole number.")]}) from None
    if not low <= value <= high:
        raise exceptions.ValidationError(
            {name: [_("Use a number from %(low)s to %(high)s.") % {"low": low, "high": high}]}
        )
    return value


def int_param(request: Any, name: str, *, low: int = MIN_INT, high: int = MAX_INT) -> int | None:
    raw = request.query_params.get(name, "").strip()
    return whole_number(raw, name, low=low, high=high) if raw else None


def date_param(request: Any, name: str) -> datetime.date | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise exceptions.ValidationError({name: [_("Use a date as YYYY-MM-DD.")]}) from None


def ordering_param(request: Any, allowed: Iterable[str]) -> str | None:
    """``?ordering=name`` or ``-name`` among ``allowed``; anything else is a 400."""
    raw = request.query_params.get("ordering", "").strip()
    if not raw:
        return None
    if raw.lstrip("-") not in set(allowed):
        raise exceptions.ValidationError(
            {"ordering": [_("Order by one of: %(names)s.") % {"names": ", ".join(sorted(allowed))}]}
        )
    return raw


NUMERIC_FIELDS = (
    forms.ModelChoiceField,
    forms.IntegerField,
    forms.DecimalField,
    forms.FloatField,
)


def _number(value: str) -> Decimal | None:
    try:
        number = Decimal(value.strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def check_filter_numbers(filterset: Any) -> None:
    """Numeric filters (ids included) outside 64-bit integers answer 400, before any query:
    SQLite cannot bind them (OverflowError) and no record has such an id."""
    errors: dict[str, list[str]] = {}
    data = filterset.data
    for name, field in filterset.form.fields.items():
        if not isinstance(field, NUMERIC_FIELDS) or name not in data:
            continue
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        for value in values:
            for part in str(value).split(","):
                number = _number(part)
                if number is not None and not MIN_INT <= number <= MAX_INT:
                    errors[name] = [_("The number is out of range.")]
    if errors:
        raise exceptions.ValidationError(errors)
