"""Personal data: which fields are personal, who sees them in full, and the record of views."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from access.rules import Action, can

from .context import current_request_id
from .models import PersonalDataView

MASK = "•••"


def personal_fields(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(getattr(model, "personal_fields", ()))


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
    """Record a full view of an object's personal data (detail, API or export)."""
    names = list(fields if fields is not None else personal_fields(type(obj)))
    if not names:
        return
    PersonalDataView.objects.create(
        user=user if getattr(user, "pk", None) else None,
        user_name=getattr(user, "username", ""),
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        fields=names,
        channel=channel,
        request_id=current_request_id(),
    )
