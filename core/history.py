"""Change history: snapshots of a record before and after, written with the change."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .context import current_actor, current_request_id
from .models import ChangeAction, ObjectChange

# Fields no record's history shows, each with its reason: bookkeeping that every change
# touches, values derived from others, and secrets. A model adds its own in
# ``history_exclude`` (field -> reason); every other concrete field is recorded.
SKIPPED_FIELDS: dict[str, str] = {
    "version": "the edit counter; each history entry is one version",
    "search_text": "derived from the record's own fields (its folded search text)",
    "sort_key": "derived from the name (the Vietnamese sort key)",
    "created_at": "the entry's own time records it",
    "updated_at": "the entry's own time records it",
    "created_by": "the entry's own user records it",
    "updated_by": "the entry's own user records it",
    "path": "derived from the unit tree (the parent is recorded)",
    "depth": "derived from the unit tree (the parent is recorded)",
    "password": "a secret: a password change is recorded as a message and in the audit log",
    "last_login": "logins are security events of the audit log",
}


def history_field_names(model: type[models.Model]) -> list[str]:
    """Every concrete and many-to-many field, but the skipped ones and ``history_exclude``."""
    excluded = {**SKIPPED_FIELDS, **getattr(model, "history_exclude", {})}
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
    return [f.name for f in fields if not f.primary_key and f.name not in excluded]


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


def mask_history_links(
    model: type[models.Model], snapshots: list[dict[str, Any] | None], viewer: Any, replacement: Any = None
) -> None:
    """Take out of history snapshots (in place) every link to a record ``viewer`` may not see.

    A hidden single link, or a generic link's id, becomes ``replacement`` (``None`` in the
    API; the pages pass the "restricted record" marker), and hidden members of a
    many-to-many are dropped. One query per linked model for the whole page.
    """
    from django.contrib.contenttypes.fields import GenericForeignKey

    from access.links import is_business_model, visible_ids

    snapshots = [s for s in snapshots if s]
    fields = []
    for name in history_field_names(model):
        field = model._meta.get_field(name)
        if field.is_relation and is_business_model(field.related_model):
            fields.append(field)
    generic = [f for f in model._meta.private_fields if isinstance(f, GenericForeignKey)]
    wanted: dict[Any, set] = {}
    for field in fields:
        ids = wanted.setdefault(field.related_model, set())
        for data in snapshots:
            value = data.get(field.name)
            ids.update(value if isinstance(value, list) else [value])
    for gfk in generic:
        for data in snapshots:
            ct_id = data.get(model._meta.get_field(gfk.ct_field).name)
            if ct_id is not None and data.get(gfk.fk_field) is not None:
                rel = ContentType.objects.get_for_id(ct_id).model_class()
                if rel is not None and is_business_model(rel):
                    wanted.setdefault(rel, set()).add(rel._meta.pk.to_python(data[gfk.fk_field]))
    seen = {rel: {str(i) for i in visible_ids(rel, viewer, ids)} for rel, ids in wanted.items()}
    for data in snapshots:
        for field in fields:
            value = data.get(field.name)
            visible = seen[field.related_model]
            if isinstance(value, list):
                data[field.name] = [v for v in value if str(v) in visible]
            elif value is not None and str(value) not in visible:
                data[field.name] = replacement
        for gfk in generic:
            ct_id = data.get(model._meta.get_field(gfk.ct_field).name)
            object_id = data.get(gfk.fk_field)
            if ct_id is None or object_id is None:
                continue
            rel = ContentType.objects.get_for_id(ct_id).model_class()
            if rel in seen and str(rel._meta.pk.to_python(object_id)) not in seen[rel]:
                data[gfk.fk_field] = replacement


def history_for(obj: models.Model):
    """Changes of one record, newest first."""
    return ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(obj._meta.model), object_id=str(obj.pk)
    ).select_related("user")


__all__ = ["ChangeAction", "history_for", "record_change", "snapshot"]
