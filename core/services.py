"""Generic write services: permission, validation, version check, history, one transaction.

Domain services call these (or follow the same steps); views, serializers and commands call
domain services. Nothing else writes a business model (the model guards enforce it).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from access.choices import level_rank
from access.links import LINK_ERROR, is_business_model, visible_ids
from access.rules import Action, can

from .audit import AuditEvent, audit_record
from .context import change_context, current_actor, service_scope
from .declassification import classification_changed
from .exceptions import PermissionDenied, StaleVersion, ValidationError
from .history import ChangeAction, record_change, snapshot
from .text import fold, vi_sort_key

F = TypeVar("F", bound=Callable[..., Any])
M = TypeVar("M", bound=models.Model)


def service(func: F) -> F:
    """Run a write service in a transaction, inside the service scope, with its actor set."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        actor = kwargs.get("actor", current_actor())
        with transaction.atomic(), service_scope(), change_context(actor):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def build_search_text(obj: models.Model) -> str:
    parts: list[str] = []
    for name in getattr(obj, "search_fields", ()):
        value = getattr(obj, name, "")
        if callable(value):
            value = value()
        parts.append(fold(value))
    return " ".join(p for p in parts if p)


def check_classification(actor: Any, obj: models.Model) -> None:
    """A record may not exceed the instance's cap, nor the clearance of who writes it."""
    level = getattr(obj, "classification", None)
    if level is None:
        return
    if level_rank(level) > level_rank(settings.HOPTAC_MAX_CLASSIFICATION):
        raise ValidationError(
            {"classification": _("This system may not hold information at this classification.")}
        )
    if actor is not None and level_rank(level) > level_rank(actor.clearance):
        raise ValidationError(
            {"classification": _("You cannot save information classified above your clearance.")}
        )


def _touch(obj: models.Model, actor: Any, *, creating: bool) -> None:
    names = {f.name for f in obj._meta.concrete_fields}
    if creating and "created_by" in names:
        obj.created_by = actor if getattr(actor, "pk", None) else None
    if "updated_by" in names:
        obj.updated_by = actor if getattr(actor, "pk", None) else None
    if "search_text" in names:
        obj.search_text = build_search_text(obj)
    if "sort_key" in names and getattr(obj, "sort_source", None):
        obj.sort_key = vi_sort_key(getattr(obj, obj.sort_source))


def split_m2m(data: dict[str, Any], names: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Take the many-to-many values out of a service's ``data`` (they are set after the save)."""
    data = dict(data)
    m2m = {name: list(data.pop(name)) for name in names if name in data and data[name] is not None}
    for name in names:
        data.pop(name, None)
    return data, (m2m or None)


def child_data(parent: models.Model, data: dict[str, Any]) -> dict[str, Any]:
    """Children carry their parent's unit and classification (they follow it for access)."""
    return {**data, "owner_unit": parent.owner_unit, "classification": parent.classification}


def child_changes(obj: models.Model, data: dict[str, Any]) -> dict[str, Any]:
    """An edit of a child may not move it to another parent, unit or classification."""
    fixed = {obj.access_parent, "owner_unit", "classification"}
    return {k: v for k, v in data.items() if k not in fixed}


def _link_id(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


def _writable_links(model: type[models.Model]) -> dict[str, Any]:
    """Every field of ``model`` that names a business record (a child's parent included)."""
    from django.contrib.contenttypes.fields import GenericForeignKey

    out: dict[str, Any] = {}
    for field in model._meta.get_fields():
        if isinstance(field, GenericForeignKey):
            out[field.name] = field
        elif (
            field.is_relation
            and not field.auto_created
            and (field.many_to_one or field.one_to_one or field.many_to_many)
            and is_business_model(field.related_model)
        ):
            out[field.name] = field
    return out


def _current_m2m_ids(obj: models.Model, field: Any) -> set:
    through = field.remote_field.through
    return set(
        through._base_manager.filter(**{f"{field.m2m_field_name()}_id": obj.pk}).values_list(
            f"{field.m2m_reverse_field_name()}_id", flat=True
        )
    )


def check_links(
    *,
    actor: Any,
    model: type[models.Model],
    data: dict[str, Any],
    m2m: dict[str, Iterable[Any]] | None = None,
    current: models.Model | None = None,
) -> tuple[dict[str, Any], dict[str, list[Any]] | None]:
    """The rule for links on write (DESIGN.md 4.1), for every service.

    A new link must name a record ``actor`` sees, else the field is refused with
    ``LINK_ERROR``, the answer for an id that does not exist. On an edit (``current``), the
    links the actor cannot see are kept: an empty single link leaves a hidden one in place,
    and the hidden members of a many-to-many stay beside the ones submitted. Returns the
    ``data`` and ``m2m`` to save.
    """
    from django.contrib.contenttypes.fields import GenericForeignKey

    links = _writable_links(model)
    data = dict(data)
    m2m = {name: list(values) for name, values in (m2m or {}).items()}
    errors: dict[str, list[Any]] = {}
    for name, value in list(data.items()):
        field = links.get(name)
        if field is None:
            continue
        if isinstance(field, GenericForeignKey):
            if value is not None and not visible_ids(type(value), actor, [value.pk]):
                errors[name] = [LINK_ERROR]
            continue
        if field.many_to_many:
            m2m[name] = list(data.pop(name) or [])
            continue
        new, old = _link_id(value), getattr(current, field.attname) if current is not None else None
        if new == old:
            continue
        if new is None:
            if old is not None and not visible_ids(field.related_model, actor, [old]):
                data.pop(name)  # an edit keeps the link its editor cannot see
            continue
        if not visible_ids(field.related_model, actor, [new]):
            errors[name] = [LINK_ERROR]
    for name, values in m2m.items():
        field = links.get(name)
        if field is None:
            continue
        new_ids = {_link_id(v) for v in values}
        old_ids = _current_m2m_ids(current, field) if current is not None else set()
        added = new_ids - old_ids
        if added - visible_ids(field.related_model, actor, added):
            errors[name] = [LINK_ERROR]
            continue
        kept = old_ids - new_ids
        hidden = kept - visible_ids(field.related_model, actor, kept)
        if hidden:
            values.extend(hidden)
    if errors:
        raise ValidationError(errors)
    return data, (m2m or None)


def _set_m2m(obj: models.Model, m2m: dict[str, Iterable[Any]] | None) -> None:
    for name, values in (m2m or {}).items():
        getattr(obj, name).set(values)


@service
def record_create(
    *,
    actor: Any,
    model: type[M],
    data: dict[str, Any],
    m2m: dict[str, Iterable[Any]] | None = None,
    before_save: Callable[[M], None] | None = None,
    permission: str = Action.ADD,
) -> M:
    """Create a record of ``model`` from validated field values.

    ``permission`` is the action checked on the new record (assignments need ASSIGN, not ADD).
    """
    data, m2m = check_links(actor=actor, model=model, data=data, m2m=m2m)
    obj = model(**data)
    if not can(actor, permission, obj):
        raise PermissionDenied(_("You do not have permission to create this record."))
    check_classification(actor, obj)
    _stamp_classification(obj, previous=None, actor=actor)
    _touch(obj, actor, creating=True)
    if before_save:
        before_save(obj)
    obj.full_clean()
    obj.save()
    _set_m2m(obj, m2m)
    record_change(action=ChangeAction.CREATE, obj=obj, before=None, after=snapshot(obj), actor=actor)
    return obj


def lock_for_write(actor: Any, obj: M) -> M:
    """Re-read the record under a row lock, through the visibility rule (404 if hidden)."""
    model = obj._meta.model
    manager = model._default_manager
    qs = manager.visible_to(actor) if hasattr(manager, "visible_to") else manager.all()
    try:
        return qs.select_for_update(of=("self",)).get(pk=obj.pk)
    except model.DoesNotExist:
        raise model.DoesNotExist() from None


def check_version(obj: models.Model, version: int | None) -> None:
    if version is None or int(version) != obj.version:
        raise StaleVersion(obj, version)


@service
def record_update(
    *,
    actor: Any,
    obj: M,
    data: dict[str, Any],
    version: int | None,
    m2m: dict[str, Iterable[Any]] | None = None,
    before_save: Callable[[M], None] | None = None,
    permission: str = Action.CHANGE,
    classification_decision: bool = False,
) -> M:
    """Change a record; refused with StaleVersion when someone saved it in between.

    Lowering, lifting or re-timing a classification is not an edit: only
    ``record_set_classification`` passes ``classification_decision``.
    """
    current = lock_for_write(actor, obj)
    if not can(actor, permission, current):
        raise PermissionDenied(_("You do not have permission to change this record."))
    check_version(current, version)
    data, m2m = check_links(actor=actor, model=current._meta.model, data=data, m2m=m2m, current=current)
    before = snapshot(current)
    previous_level = getattr(current, "classification", None)
    previous_years = getattr(current, "protection_years", None)
    for name, value in data.items():
        setattr(current, name, value)
    if not classification_decision:
        _refuse_declassification(current, previous_level, previous_years)
    _stamp_classification(current, previous=previous_level, actor=actor)
    # The change must not move the record where the actor could not have put it (a decision
    # on the level moves nothing, and lifting it forgets the classifying unit).
    if not classification_decision and not can(actor, permission, current):
        raise PermissionDenied(_("You do not have permission to move the record to this unit."))
    check_classification(actor, current)
    _touch(current, actor, creating=False)
    current.version += 1
    if before_save:
        before_save(current)
    current.full_clean()
    current.save()
    _set_m2m(current, m2m)
    after = snapshot(current)
    record_change(action=ChangeAction.UPDATE, obj=current, before=before, after=after, actor=actor)
    if previous_level is not None and current.classification != previous_level:
        # Records whose level others follow (an obligation's assignments) pass it on.
        hook = getattr(current, "classification_changed", None)
        if hook is not None:
            hook()
        audit_record(
            AuditEvent.CLASSIFICATION_CHANGE,
            actor=actor,
            target=current,
            extra={
                "before": previous_level,
                "after": current.classification,
                "direction": _direction(previous_level, current.classification),
                "declassify_on": current.declassify_on,
                "reason": getattr(current, "_classification_reason", ""),
            },
        )
    return current


def _direction(before: str, after: str) -> str:
    if after == "thuong":
        return "lifted"
    return "raised" if level_rank(after) > level_rank(before) else "lowered"


DECLASSIFY_BY_EDIT = gettext_lazy(
    "Lowering or lifting a classification, or changing its protection period, is decided on the "
    "record's classification page (Classification), with a reason, by the head of the unit that "
    "classified it or of a unit above it, or by the Ministry leadership."
)


def is_declassification(before: str, years_before: int | None, after: str, years_after: int | None) -> bool:
    """Lowering, lifting or re-timing a classification (not raising it)."""
    if level_rank(after) != level_rank(before):
        return level_rank(after) < level_rank(before)
    return after != "thuong" and years_after != years_before


def _refuse_declassification(current: models.Model, level: str | None, years: int | None) -> None:
    if level is None or getattr(current, "classification_follows", None):
        return
    if is_declassification(level, years, current.classification, getattr(current, "protection_years", None)):
        field = "classification" if current.classification != level else "protection_years"
        raise ValidationError({field: DECLASSIFY_BY_EDIT})


def _stamp_classification(obj: models.Model, *, previous: str | None, actor: Any) -> None:
    """A new level starts its protection period today; lifting it clears the period.

    Classifying or raising records who decided it (person and unit): the authority that
    later lowers, lifts or extends it (``access.rules.Action.DECLASSIFY``).
    """
    level = getattr(obj, "classification", None)
    if level is None or not hasattr(obj, "classified_on"):
        return
    if level == "thuong":
        obj.classified_on = None  # a protection period left set is refused by clean()
        obj.classified_by = None
        obj.classifying_unit = None
        return
    if previous is None:
        obj.classified_on = obj.classified_on or timezone.localdate()
    elif level != previous:
        obj.classified_on = timezone.localdate()
    if previous is None or level_rank(level) > level_rank(previous):
        if getattr(obj, "classification_follows", None):
            return  # a child follows its parent's authority
        person = actor if getattr(actor, "pk", None) else None
        obj.classified_by = person
        obj.classifying_unit = getattr(person, "unit", None) or getattr(obj, "owner_unit", None)


@service
def record_set_classification(
    *,
    actor: Any,
    obj: M,
    level: str,
    version: int | None,
    protection_years: int | None = None,
    reason: str = "",
) -> M:
    """Raise, lower, lift or extend a record's classification, with a reason: history and its
    own audit event.

    Raising is open to whoever may change the record (within their clearance); lowering,
    lifting and changing the protection period belong to the classifying authority or its
    superior (``Action.DECLASSIFY``), as Law 117/2025 gives them.
    """
    if getattr(obj, "classification_follows", None):
        raise ValidationError(
            {
                "classification": _("This record takes the classification of its {}.").format(
                    obj.classification_follows
                )
            }
        )
    if getattr(actor, "pk", None) and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the change.")})
    before, years_before = obj.classification, obj.protection_years
    if level == before and protection_years == years_before:
        raise ValidationError({"classification": _("The level and the protection period are unchanged.")})
    if is_declassification(before, years_before, level, protection_years):
        permission = Action.DECLASSIFY
        if not can(actor, permission, obj):
            raise PermissionDenied(
                _(
                    "Only the head of the unit that classified this record, or of a unit above it, "
                    "or the Ministry leadership may lower, lift or extend its classification."
                )
            )
    else:
        permission = Action.CHANGE if can(actor, Action.CHANGE, obj) else Action.DECLASSIFY
    updated = record_update(
        actor=actor,
        obj=obj,
        data={"classification": level, "protection_years": protection_years},
        version=version,
        before_save=lambda current: setattr(current, "_classification_reason", reason),
        permission=permission,
        classification_decision=True,
    )
    # Whoever holds the record or a copy must hear of it (tracking turns this into notices).
    classification_changed.send(
        sender=type(updated),
        obj=updated,
        before=before,
        after=level,
        years_before=years_before,
        years_after=protection_years,
        actor=actor,
        reason=reason,
    )
    return updated


@service
def record_delete(
    *, actor: Any, obj: models.Model, version: int | None = None, permission: str = Action.DELETE
) -> None:
    """Delete a record, keeping its last values in history."""
    current = lock_for_write(actor, obj)
    if not can(actor, permission, current):
        raise PermissionDenied(_("You do not have permission to delete this record."))
    if version is not None:
        check_version(current, version)
    before = snapshot(current)
    pk = current.pk
    record_change(action=ChangeAction.DELETE, obj=current, before=before, after=None, actor=actor)
    try:
        current.delete()
    except models.ProtectedError as exc:
        raise ValidationError(
            _("Cannot delete: the record is used by {} other records.").format(len(exc.protected_objects))
        ) from exc
    current.pk = pk


@service
def record_share(*, actor: Any, obj: models.Model, units: Iterable[Any], note: str = "") -> int:
    """Share a record with units (their subtrees then see it); returns the shares added."""
    from django.contrib.contenttypes.models import ContentType

    from .models import Share

    if not can(actor, Action.CHANGE, obj):
        raise PermissionDenied(_("You do not have permission to share this record."))
    units = list(units)
    # A record may refuse further dissemination (a case's handling codes): it raises.
    check = getattr(obj, "check_share", None)
    if check is not None:
        check(actor=actor, units=units)
    ctype = ContentType.objects.get_for_model(obj._meta.model)
    existing = set(
        Share.objects.filter(content_type=ctype, object_id=obj.pk).values_list("unit_id", flat=True)
    )
    added = [u for u in units if u.pk not in existing]
    for unit in added:
        Share.objects.create(
            content_type=ctype,
            object_id=obj.pk,
            unit=unit,
            created_by=actor if getattr(actor, "pk", None) else None,
            note=note,
        )
    if added:
        record_change(
            action=ChangeAction.UPDATE,
            obj=obj,
            before=None,
            after=None,
            actor=actor,
            message=_("Shared with {}").format(", ".join(str(u) for u in added))[:255],
        )
    return len(added)
