"""Load the partner registry's demo through the services, idempotently (natural keys)."""

from __future__ import annotations

import datetime

from core.context import SYSTEM
from org.models import Unit

from . import demo_data, services
from .models import Country, ForeignAgency, Membership, MultilateralBody, Relationship


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def load() -> dict[str, int]:
    """Create what is missing; records that exist (by natural key) are left as they are."""
    services.countries_load(actor=SYSTEM)
    units = {u.code: u for u in Unit.objects.all()}
    countries = {c.code: c for c in Country.objects.all()}
    ministry_office = units["CDN"]

    bodies = {b.name_en: b for b in MultilateralBody.objects.all()}
    body_by_key = {}
    for key, kind, scope, name_vi, name_en, acronym in demo_data.BODIES:
        body = bodies.get(name_en)
        if body is None:
            body = services.body_create(
                actor=SYSTEM,
                data={
                    "name_vi": name_vi,
                    "name_en": name_en,
                    "acronym": acronym,
                    "kind": kind,
                    "scope": scope,
                },
            )
        body_by_key[key] = body

    agencies = {(a.country_id, a.name_vi): a for a in ForeignAgency.objects.all()}
    agency_by_key = {}
    for key, country, kind, name_vi, name_en, name_original, acronym in demo_data.AGENCIES:
        c = countries[country]
        agency = agencies.get((c.pk, name_vi))
        if agency is None:
            agency = services.agency_create(
                actor=SYSTEM,
                data={
                    "name_vi": name_vi,
                    "name_en": name_en,
                    "name_original": name_original,
                    "acronym": acronym,
                    "country": c,
                    "kind": kind,
                    "owner_unit": ministry_office,
                },
                confirm_duplicate=True,
            )
        agency_by_key[key] = agency

    existing_rel = set(Relationship.objects.values_list("agency_id", "owner_unit_id", "start"))
    created_rel = 0
    for agency_key, unit_code, start, end, level, channels in demo_data.RELATIONSHIPS:
        agency, unit, start_day = agency_by_key[agency_key], units[unit_code], _day(start)
        if (agency.pk, unit.pk, start_day) in existing_rel:
            continue
        services.relationship_create(
            actor=SYSTEM,
            data={
                "agency": agency,
                "owner_unit": unit,
                "start": start_day,
                "end": _day(end),
                "level": level,
                "channels": list(channels),
            },
        )
        created_rel += 1

    existing_mem = set(Membership.objects.values_list("body_id", "owner_unit_id", "start"))
    created_mem = 0
    for body_key, unit_code, start, end, status in demo_data.MEMBERSHIPS:
        body, unit, start_day = body_by_key[body_key], units[unit_code], _day(start)
        if (body.pk, unit.pk, start_day) in existing_mem:
            continue
        services.membership_create(
            actor=SYSTEM,
            data={"body": body, "owner_unit": unit, "start": start_day, "end": _day(end), "status": status},
        )
        created_mem += 1
    return {
        "agencies": len(agency_by_key),
        "bodies": len(body_by_key),
        "relationships": created_rel,
        "memberships": created_mem,
        "country groups": load_groups(countries),
    }


def load_groups(countries: dict[str, Country]) -> int:
    """The demo's country groups with their dated members (only public facts)."""
    from .models import CountryGroup, CountryGroupMember

    existing = {g.name_en: g for g in CountryGroup.objects.all()}
    members = set(CountryGroupMember.objects.values_list("group_id", "country_id"))
    created = 0
    for row in demo_data.COUNTRY_GROUPS:
        group = existing.get(row["name_en"])
        if group is None:
            data = {k: row[k] for k in ("name_vi", "name_en", "kind", "source")}
            if row.get("body"):
                data["body"] = MultilateralBody.objects.filter(acronym=row["body"]).first()
            group = services.group_create(actor=SYSTEM, data=data)
            created += 1
        for code, joined, source in row["members"]:
            country = countries.get(code)
            if country is None or (group.pk, country.pk) in members:
                continue
            services.group_member_create(
                actor=SYSTEM,
                data={"group": group, "country": country, "joined_on": _day(joined), "source": source},
            )
    return created
