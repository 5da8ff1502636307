"""Writes of the capacity module: profiles, their languages, qualifications and postings, and
new versions of the capacity definition."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ValidationError
from core.services import child_changes, child_data, record_create, record_delete, record_update, service

from .models import CapacityDefinition, LanguageSkill, Posting, Qualification, StaffProfile


@service
def profile_create(*, actor: Any, data: dict[str, Any]) -> StaffProfile:
    """Record an officer's capacity profile in their unit."""
    return record_create(actor=actor, model=StaffProfile, data=data)


@service
def profile_update(
    *, actor: Any, obj: StaffProfile, data: dict[str, Any], version: int | None
) -> StaffProfile:
    profile = record_update(actor=actor, obj=obj, data=data, version=version)
    # The children follow the profile's unit and classification.
    for related in (profile.languages, profile.qualifications, profile.postings):
        related.exclude(owner_unit=profile.owner_unit, classification=profile.classification).update(
            owner_unit=profile.owner_unit, classification=profile.classification
        )
    return profile


@service
def profile_delete(*, actor: Any, obj: StaffProfile, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


@service
def language_create(*, actor: Any, data: dict[str, Any]) -> LanguageSkill:
    return record_create(actor=actor, model=LanguageSkill, data=child_data(data["profile"], data))


@service
def language_update(
    *, actor: Any, obj: LanguageSkill, data: dict[str, Any], version: int | None
) -> LanguageSkill:
    return record_update(actor=actor, obj=obj, data=child_changes(obj, data), version=version)


@service
def language_delete(*, actor: Any, obj: LanguageSkill, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


@service
def qualification_create(*, actor: Any, data: dict[str, Any]) -> Qualification:
    return record_create(actor=actor, model=Qualification, data=child_data(data["profile"], data))


@service
def qualification_update(
    *, actor: Any, obj: Qualification, data: dict[str, Any], version: int | None
) -> Qualification:
    return record_update(actor=actor, obj=obj, data=child_changes(obj, data), version=version)


@service
def qualification_delete(*, actor: Any, obj: Qualification, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


@service
def posting_create(*, actor: Any, data: dict[str, Any]) -> Posting:
    return record_create(actor=actor, model=Posting, data=child_data(data["profile"], data))


@service
def posting_update(*, actor: Any, obj: Posting, data: dict[str, Any], version: int | None) -> Posting:
    return record_update(actor=actor, obj=obj, data=child_changes(obj, data), version=version)


@service
def posting_delete(*, actor: Any, obj: Posting, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


def _next_number(obj: CapacityDefinition) -> None:
    if not obj.number:
        last = CapacityDefinition.objects.aggregate(n=Max("number"))["n"] or 0
        obj.number = last + 1


def _refuse_if_in_effect(obj: CapacityDefinition) -> None:
    if obj.effective_from <= timezone.localdate():
        raise ValidationError(
            _(
                "Version {} is in effect and figures use it: it cannot change. Create a new version instead."
            ).format(obj.number)
        )


@service
def definition_create(*, actor: Any, data: dict[str, Any]) -> CapacityDefinition:
    """A new version of the capacity criterion (coordinators); it takes the next number."""
    data = {k: v for k, v in data.items() if k != "number"}
    return record_create(actor=actor, model=CapacityDefinition, data=data, before_save=_next_number)


@service
def definition_update(
    *, actor: Any, obj: CapacityDefinition, data: dict[str, Any], version: int | None
) -> CapacityDefinition:
    """Only a version not yet in effect may be corrected; a used one never changes."""
    _refuse_if_in_effect(obj)
    data = {k: v for k, v in data.items() if k != "number"}
    updated = record_update(actor=actor, obj=obj, data=data, version=version)
    _refuse_if_in_effect(updated)
    return updated


@service
def definition_delete(*, actor: Any, obj: CapacityDefinition, version: int | None = None) -> None:
    _refuse_if_in_effect(obj)
    record_delete(actor=actor, obj=obj, version=version)
