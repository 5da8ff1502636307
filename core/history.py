"""Change history: snapshots of a record before and after, written with the change."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .context import current_actor, current_request_id
from .models import ChangeAction, ObjectChange

# Bookkeeping fields that every change touches; history shows what a person changed.
SKIPPED_FIELDS = frozenset(
    {
        "version",
        "search_text",
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
        "path",
        "depth",
        "password",
        "last_login",
    }
)


def history_field_names(model: type[models.Model]) -> list[str]:
    declared = getattr(model, "history_fields", ())
    if declared:
        return list(declared)
    return [f.name for f in model._meta.concrete_fields if not f.primary_key and f.name not in SKIPPED_FIELDS]


def snapshot(obj: models.Model) -> dict[str, Any]:
    """JSON-ready values of the record's history fields (foreign keys as ids)."""
    data: dict[str, Any] = {}
    for name in history_field_names(obj._meta.model):
        field = obj._meta.get_field(name)
        if field.many_to_many:
            data[name] = sorted(str(o.pk) for o in field.value_from_object(obj)) if obj.pk else []
        elif field.is_relation:
            data[name] = getattr(obj, field.attname)
        else:
            data[name] = field.value_from_object(obj)
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def record_change(
    *,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    actor: Any = None,
    message: str = "",
) -> ObjectChange:
    """Write one ObjectChange; call inside the transaction that makes the change."""
    actor = actor if actor is not None else current_actor()
    return ObjectChange.objects.create(
        user=actor if getattr(actor, "pk", None) else None,
        user_name=getattr(actor, "username", "") or "system",
        request_id=current_request_id(),
        action=action,
        content_type=ContentType.objects.get_for_model(obj._meta.model),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        prechange_data=before,
        postchange_data=after,
        message=message[:255],
    )


def history_for(obj: models.Model):
    """Changes of one record, newest first."""
    return ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(obj._meta.model), object_id=str(obj.pk)
    ).select_related("user")


__all__ = ["ChangeAction", "history_for", "record_change", "snapshot"]
