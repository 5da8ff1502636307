"""How a field value is shown in lists, details, history and exports."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .personal import mask


def field_label(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name)
    except Exception:  # a property or method column
        attr = getattr(model, name, None)
        return str(getattr(attr, "short_description", name.replace("_", " ")))
    # capfirst, not str.capitalize(): "name (English)" must not become "Name (english)".
    return capfirst(str(getattr(field, "verbose_name", name)))


def plain_value(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def field_value(obj: models.Model, name: str, *, masked: bool = False) -> str:
    """A display string for ``obj.name``: choices by label, relations by name."""
    display = getattr(obj, f"get_{name}_display", None)
    value = display() if callable(display) else getattr(obj, name, None)
    if callable(value) and not isinstance(value, models.Manager):
        value = value()
    if isinstance(value, models.Manager):
        value = ", ".join(str(v) for v in value.all())
    text = plain_value(value)
    return mask(text) if masked else text
