"""How a field value is shown in lists, details, history and exports."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from access.links import RESTRICTED, is_hidden_link

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
    if is_hidden_link(obj, name):
        return str(RESTRICTED)
    display = getattr(obj, f"get_{name}_display", None)
    value = display() if callable(display) else getattr(obj, name, None)
    if callable(value) and not isinstance(value, models.Manager):
        value = value()
    if isinstance(value, models.Manager):
        value = ", ".join(str(v) for v in value.all())
    text = plain_value(value)
    return mask(text) if masked else text


def history_rows(model: type[models.Model], changes: list, user: Any, hidden: set[str]) -> list[dict]:
    """Changes as readable rows: choice labels, names of related records, dates as dd/mm/yyyy.

    Related names are fetched once per related model for the whole page (through the
    visibility rule), so the page's query count does not grow with its rows. A link to a
    record the user may not see reads "restricted record"; hidden members of a list are
    left out.
    """
    from .history import history_field_names, mask_history_links
    from .personal import mask

    marker = str(RESTRICTED)
    mask_history_links(
        model, [d for c in changes for d in (c.prechange_data, c.postchange_data)], user, replacement=marker
    )

    order = {name: i for i, name in enumerate(history_field_names(model))}
    related: dict[str, Any] = {}
    wanted: dict[Any, set] = {}
    for name in order:
        field = model._meta.get_field(name)
        if field.is_relation:
            related[name] = field
            wanted.setdefault(field.related_model, set())
    for change in changes:
        for data in (change.prechange_data or {}, change.postchange_data or {}):
            for name, field in related.items():
                value = data.get(name)
                values = value if isinstance(value, list) else [value]
                wanted[field.related_model].update(str(v) for v in values if v not in (None, "", marker))
    names: dict[Any, dict[str, str]] = {}
    for rel_model, pks in wanted.items():
        manager = rel_model._default_manager
        qs = manager.visible_to(user) if hasattr(manager, "visible_to") else manager.all()
        names[rel_model] = {str(o.pk): str(o) for o in qs.filter(pk__in=list(pks))} if pks else {}

    def show(name: str, value: Any) -> Any:
        if value in (None, ""):
            return None
        if value == marker:
            return marker
        if name in hidden:
            return mask(value)
        try:
            field = model._meta.get_field(name)
        except Exception:
            return value
        if field.is_relation:
            lookup = names.get(field.related_model, {})
            values = value if isinstance(value, list) else [value]
            return ", ".join(lookup.get(str(v), marker) for v in values)
        # A list of choice codes kept in a JSON field (``Model.list_choices``): their labels.
        choices = getattr(model, "list_choices", {}).get(name)
        if choices is not None and isinstance(value, list):
            labels = dict(choices.choices)
            return "; ".join(str(labels.get(v, v)) for v in value)
        if field.flatchoices:
            return str(dict(field.flatchoices).get(value, value))
        try:
            return plain_value(field.to_python(value))
        except Exception:
            return str(value)

    rows = []
    for change in changes:
        diffs = [
            {"name": name, "before": show(name, before), "after": show(name, after)}
            for name, before, after in sorted(change.changed_fields(), key=lambda d: order.get(d[0], 999))
        ]
        rows.append({"change": change, "diffs": diffs})
    return rows
