"""Writes of the partner registry: validation across rows, history, one transaction."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from core.context import SYSTEM
from core.exceptions import ValidationError
from core.services import record_create, record_delete, record_update, service

from .countries import country_rows
from .models import (
    Country,
    CountryGroup,
    CountryGroupMember,
    ForeignAgency,
    Membership,
    MultilateralBody,
    Relationship,
)
from .selectors import similar_agencies


@service
def countries_load(*, actor: Any = SYSTEM) -> int:
    """Create or update every ISO 3166-1 entry from pycountry and CLDR; returns changes."""
    existing = {c.code: c for c in Country.objects.all()}
    changed = 0
    for row in country_rows():
        country = existing.get(row["code"])
        if country is None:
            record_create(actor=actor, model=Country, data=row)
            changed += 1
            continue
        diff = {k: v for k, v in row.items() if getattr(country, k) != v}
        if diff:
            record_update(actor=actor, obj=country, data=diff, version=country.version)
            changed += 1
    return changed


def _check_duplicate(actor: Any, data: dict[str, Any], exclude_pk: int | None, confirmed: bool) -> None:
    if confirmed or not data.get("country") or not data.get("name_vi"):
        return
    similar = similar_agencies(
        user=actor,
        country=data["country"],
        names=[data.get("name_vi", ""), data.get("name_en", "")],
        exclude_pk=exclude_pk,
    )
    if similar:
        raise ValidationError(
            {
                "name_vi": _(
                    "A similar agency of this country is already registered: {}. Tick the confirmation to save anyway."
                ).format("; ".join(str(a) for a in similar[:3]))
            },
            code="possible_duplicate",
        )


@service
def agency_create(*, actor: Any, data: dict[str, Any], confirm_duplicate: bool = False) -> ForeignAgency:
    """Register a foreign agency; a likely duplicate in the same country needs confirmation."""
    _check_duplicate(actor, data, None, confirm_duplicate)
    return record_create(actor=actor, model=ForeignAgency, data=data)


@service
def agency_update(
    *,
    actor: Any,
    obj: ForeignAgency,
    data: dict[str, Any],
    version: int | None,
    confirm_duplicate: bool = False,
) -> ForeignAgency:
    merged = {
        "country": data.get("country", obj.country),
        "name_vi": data.get("name_vi", obj.name_vi),
        "name_en": data.get("name_en", obj.name_en),
    }
    if merged["name_vi"] != obj.name_vi or merged["country"] != obj.country:
        _check_duplicate(actor, merged, obj.pk, confirm_duplicate)
    return record_update(actor=actor, obj=obj, data=data, version=version)


@service
def agency_delete(*, actor: Any, obj: ForeignAgency, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


def _check_overlap(model: type, obj: Any, partner_field: str, actor: Any = None) -> None:
    """Spells of the same pair (partner, owner unit) may not overlap (rule across rows).

    The refusal names the other spell's start only when the actor may see that spell: a
    hidden relationship's dates are not told (the refusal itself cannot be avoided)."""
    others = model._base_manager.filter(
        **{partner_field: getattr(obj, partner_field + "_id"), "owner_unit_id": obj.owner_unit_id}
    ).exclude(pk=obj.pk)
    start, end = obj.start, obj.end
    for other in others.only("start", "end"):
        if (other.end is None or other.end >= start) and (end is None or end >= other.start):
            if actor is None or model.objects.visible_to(actor).filter(pk=other.pk).exists():
                message = _(
                    "Another period of the same unit with the same partner overlaps these dates "
                    "(from {}). End it first, then open the new one."
                ).format(other.start.strftime("%d/%m/%Y"))
            else:
                message = _(
                    "Another period of the same unit with the same partner overlaps these dates, "
                    "in a record you may not see. Ask the unit's head or a coordinator."
                )
            raise ValidationError({"start": message})


def _spell_services(model: type, partner_field: str):
    def check(obj: Any, actor: Any = None) -> None:
        for name in ("start", "end"):  # strings from services' callers become dates first
            try:
                setattr(obj, name, model._meta.get_field(name).to_python(getattr(obj, name)))
            except ValidationError:
                return  # full_clean reports the bad date on its field
        if obj.start is not None and obj.owner_unit_id and getattr(obj, partner_field + "_id"):
            _check_overlap(model, obj, partner_field, actor)

    @service
    def create(*, actor: Any, data: dict[str, Any]) -> Any:
        data = dict(data)
        units = data.pop("responsible_units", None)
        return record_create(
            actor=actor,
            model=model,
            data=data,
            m2m={"responsible_units": units} if units is not None else None,
            before_save=lambda obj: check(obj, actor),
        )

    @service
    def update(*, actor: Any, obj: Any, data: dict[str, Any], version: int | None) -> Any:
        data = dict(data)
        units = data.pop("responsible_units", None)
        return record_update(
            actor=actor,
            obj=obj,
            data=data,
            version=version,
            m2m={"responsible_units": units} if units is not None else None,
            before_save=lambda obj: check(obj, actor),
        )

    @service
    def delete(*, actor: Any, obj: Any, version: int | None) -> None:
        record_delete(actor=actor, obj=obj, version=version)

    return create, update, delete


relationship_create, relationship_update, relationship_delete = _spell_services(Relationship, "agency")
membership_create, membership_update, membership_delete = _spell_services(Membership, "body")


@service
def relationship_end(*, actor: Any, obj: Relationship, end, version: int | None) -> Relationship:
    """End a relationship on a date (the way to change its terms is to end it and open another)."""
    return relationship_update(actor=actor, obj=obj, data={"end": end}, version=version)


@service
def body_create(*, actor: Any, data: dict[str, Any]) -> MultilateralBody:
    return record_create(actor=actor, model=MultilateralBody, data=data)


@service
def body_update(
    *, actor: Any, obj: MultilateralBody, data: dict[str, Any], version: int | None
) -> MultilateralBody:
    return record_update(actor=actor, obj=obj, data=data, version=version)


@service
def body_delete(*, actor: Any, obj: MultilateralBody, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


@service
def country_update(*, actor: Any, obj: Country, data: dict[str, Any], version: int | None) -> Country:
    """Correct a country's names or region (codes come from ISO and stay)."""
    data = {k: v for k, v in data.items() if k in ("name_vi", "name_en", "region")}
    return record_update(actor=actor, obj=obj, data=data, version=version)


@service
def group_create(*, actor: Any, data: dict[str, Any]) -> CountryGroup:
    return record_create(actor=actor, model=CountryGroup, data=data)


@service
def group_update(*, actor: Any, obj: CountryGroup, data: dict[str, Any], version: int | None) -> CountryGroup:
    return record_update(actor=actor, obj=obj, data=data, version=version)


@service
def group_delete(*, actor: Any, obj: CountryGroup, version: int | None) -> None:
    """A group goes with its memberships (they mean nothing without it); history keeps both."""
    for member in CountryGroupMember.objects.filter(group=obj):
        record_delete(actor=actor, obj=member, version=member.version)
    record_delete(actor=actor, obj=obj, version=version)


@service
def group_member_create(*, actor: Any, data: dict[str, Any]) -> CountryGroupMember:
    return record_create(actor=actor, model=CountryGroupMember, data=data)


@service
def group_member_update(
    *, actor: Any, obj: CountryGroupMember, data: dict[str, Any], version: int | None
) -> CountryGroupMember:
    return record_update(actor=actor, obj=obj, data=data, version=version)


@service
def group_member_delete(*, actor: Any, obj: CountryGroupMember, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)
