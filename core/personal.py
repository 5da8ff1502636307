"""Personal data: which fields are personal, who sees them in full, and the record of views."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from access.rules import Action, can

MASK = "•••"


def personal_fields(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(getattr(model, "personal_fields", ()))


def unit_path_for_masking(model: type[models.Model]) -> str | None:
    """The ``select_related`` path to the unit that decides the personal-data right
    (``owner_unit``, or through the parents for child records), for lists that mask: without
    it each row's check reads its unit with a query of its own. None without personal data."""
    if not personal_fields(model):
        return None
    parts: list[str] = []
    current = model
    while parent := getattr(current, "access_parent", None):
        parts.append(parent)
        current = current._meta.get_field(parent).related_model
    if not any(f.name == "owner_unit" for f in current._meta.concrete_fields):
        return None
    return "__".join([*parts, "owner_unit"])


def may_see_personal(user: Any, obj: Any) -> bool:
    return can(user, Action.VIEW_PERSONAL, obj)


def mask(value: Any) -> str:
    """Keep only that a value exists: '•••' (an empty value stays empty)."""
    if value in (None, ""):
        return ""
    return MASK


def record_personal_view(
    user: Any, obj: models.Model, channel: str, fields: Iterable[str] | None = None
) -> None:
    """Audit a full view of an object's personal data (detail, API or export)."""
    from .audit import AuditEvent, audit_record

    names = list(fields if fields is not None else personal_fields(obj._meta.model))
    if not names:
        return
    audit_record(
        AuditEvent.PERSONAL_DATA_VIEW, actor=user, target=obj, extra={"fields": names, "channel": channel}
    )
