"""Reads of the partner registry that are more than a filter: indicators, comparisons.

Every count goes through ``visible_to``: aggregates count only what the caller sees.
"""

from __future__ import annotations

import datetime
from difflib import SequenceMatcher
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse

from core.text import fold

from .choices import BodyKind, MembershipStatus
from .models import Country, CountryGroupMember, ForeignAgency, Membership, MultilateralBody, Relationship

# How close two folded names must be to be taken for the same agency (difflib's ratio).
NAME_SIMILARITY = 0.85


def names_close(a: str, b: str) -> bool:
    """Two folded agency names that are the same but for small spelling differences."""
    return a == b or SequenceMatcher(None, a, b).ratio() >= NAME_SIMILARITY


def similar_agencies(
    *, user: Any, country: Any, names: list[str], exclude_pk: int | None = None
) -> list[ForeignAgency]:
    """Visible agencies of the same country whose folded name is close to one of ``names``."""
    wanted = [fold(n) for n in names if n]
    if not wanted:
        return []
    qs = ForeignAgency.objects.visible_to(user).filter(country=country)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    found = []
    for agency in qs.only("id", "name_vi", "name_en", "country_id"):
        for mine in (fold(agency.name_vi), fold(agency.name_en)):
            if mine and any(names_close(w, mine) for w in wanted):
                found.append(agency)
                break
    return found


def active_relationships(user: Any, day: datetime.date):
    return Relationship.objects.visible_to(user).active_on(day)


def active_memberships(user: Any, day: datetime.date):
    return Membership.objects.visible_to(user).active_on(day)


def related_agencies(user: Any, day: datetime.date):
    """Visible agencies with a visible relationship active on ``day`` (each once)."""
    return ForeignAgency.objects.visible_to(user).filter(
        pk__in=active_relationships(user, day).values("agency_id")
    )


def related_countries(user: Any, day: datetime.date):
    return Country.objects.filter(pk__in=related_agencies(user, day).values("country_id"))


def participated_bodies(user: Any, day: datetime.date, *, status: str | None = None, kind: str | None = None):
    memberships = active_memberships(user, day)
    if status:
        memberships = memberships.filter(status=status)
    bodies = MultilateralBody.objects.filter(pk__in=memberships.values("body_id"))
    if kind:
        bodies = bodies.filter(kind=kind)
    return bodies


def indicators(*, user: Any, as_of: datetime.date, groups: bool = False) -> dict[str, Any]:
    """The headline figures on a date, counted from spells (never stored).

    ``groups`` adds the figures registered by higher apps (the coverage of commitments),
    which the pages that do not show them need not compute.
    """
    agencies = related_agencies(user, as_of)
    member_counts = dict(
        participated_bodies(user, as_of, status=MembershipStatus.MEMBER)
        .values_list("kind")
        .annotate(n=Count("id"))
    )
    data = {
        "as_of": as_of.isoformat(),
        "foreign_agencies": agencies.count(),
        "countries": agencies.values("country_id").distinct().count(),
        "multilateral_participation": participated_bodies(user, as_of).count(),
        "members_organizations": member_counts.get(BodyKind.ORGANIZATION, 0),
        "members_forums": member_counts.get(BodyKind.FORUM, 0),
        "members_mechanisms": member_counts.get(BodyKind.MECHANISM, 0),
        "instruments_signed": instruments_signed(user, as_of),
    }
    if groups:
        data.update(dict.fromkeys(GROUP_FIGURES, 0))
        for provider in INDICATOR_GROUPS.values():
            data.update(provider(user, as_of))
    return data


# Figures that higher apps add (instruments register "instruments_signed"); partners never
# imports them (STYLE.md: dependencies run one way).
INDICATOR_PROVIDERS: dict[str, Any] = {}


def register_indicator(name: str, provider: Any) -> None:
    """``provider(user, as_of) -> int``, counted through the caller's visibility."""
    INDICATOR_PROVIDERS[name] = provider


# Groups of figures computed together by a higher app (tracking's coverage of commitments,
# registered by instruments): name -> provider(user, as_of) -> {figure: int}.
INDICATOR_GROUPS: dict[str, Any] = {}
# The figures such groups provide, 0 until their app registers (the API's fields are fixed).
GROUP_FIGURES = (
    "commitments_total",
    "commitments_tracked",
    "commitments_done",
    "commitments_done_late",
    "commitments_overdue",
    "commitments_untracked",
)


def register_indicator_group(name: str, provider: Any) -> None:
    """``provider(user, as_of) -> dict`` of figures counted together through the caller's visibility."""
    INDICATOR_GROUPS[name] = provider


def instruments_signed(user: Any, as_of: datetime.date) -> int:
    """Instruments signed on or before the date (0 while no instruments app is installed)."""
    provider = INDICATOR_PROVIDERS.get("instruments_signed")
    return provider(user, as_of) if provider else 0


def compare(*, user: Any, first: datetime.date, second: datetime.date) -> dict[str, dict[str, list]]:
    """What changed between two dates: agencies, countries and bodies added and ended."""
    out: dict[str, dict[str, list]] = {}
    pairs = {
        "agencies": (
            related_agencies(user, first).select_related("country"),
            related_agencies(user, second).select_related("country"),
        ),
        "countries": (related_countries(user, first), related_countries(user, second)),
        "bodies": (participated_bodies(user, first), participated_bodies(user, second)),
    }
    for key, (before_qs, after_qs) in pairs.items():
        before = {o.pk: o for o in before_qs}
        after = {o.pk: o for o in after_qs}
        out[key] = {
            "added": sorted((after[k] for k in after.keys() - before.keys()), key=lambda o: fold(str(o))),
            "ended": sorted((before[k] for k in before.keys() - after.keys()), key=lambda o: fold(str(o))),
        }
    return out


def agency_timeline(*, user: Any, agency: ForeignAgency):
    """The agency's visible relationships, oldest first, with units."""
    return (
        Relationship.objects.visible_to(user)
        .filter(agency=agency)
        .select_related("owner_unit")
        .prefetch_related("responsible_units")
        .order_by("start", "pk")
    )


def country_summary(*, user: Any, country: Country, day: datetime.date) -> dict[str, Any]:
    """The country's visible agencies (with whether each is related on ``day``) and spells."""
    active_ids = set(
        active_relationships(user, day).filter(agency__country=country).values_list("agency_id", flat=True)
    )
    agencies = list(ForeignAgency.objects.visible_to(user).filter(country=country).order_by("name_vi"))
    for agency in agencies:
        agency.is_active = agency.pk in active_ids
    relationships = (
        Relationship.objects.visible_to(user)
        .filter(agency__country=country)
        .select_related("agency", "owner_unit")
        .order_by("start", "pk")
    )
    return {"agencies": agencies, "relationships": relationships}


def dmy(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def figure_links(day: datetime.date) -> dict[str, str]:
    """The list behind each figure, filtered to the same date."""
    d = dmy(day)
    agencies = reverse("partners:foreignagency_list")
    countries = reverse("partners:country_list")
    bodies = reverse("partners:multilateralbody_list")
    return {
        "foreign_agencies": f"{agencies}?related_on={d}",
        "countries": f"{countries}?related_on={d}",
        "multilateral_participation": f"{bodies}?participating_on={d}",
        "members_organizations": f"{bodies}?member_on={d}&kind=organization",
        "members_forums": f"{bodies}?member_on={d}&kind=forum",
        "members_mechanisms": f"{bodies}?member_on={d}&kind=mechanism",
        "instruments_signed": "",
    }


def member_on(day: datetime.date) -> Q:
    """Group memberships in effect on ``day``: joined on or before it (or on an unknown date,
    which is never invented), not yet left."""
    return (Q(joined_on__isnull=True) | Q(joined_on__lte=day)) & (
        Q(left_on__isnull=True) | Q(left_on__gt=day)
    )


def group_country_ids(group: Any, day: datetime.date):
    """Ids of the countries members of ``group`` on ``day`` (a subquery)."""
    return CountryGroupMember.objects.filter(member_on(day), group=group).values("country_id")


def group_relations(*, user: Any, group: Any, day: datetime.date) -> dict[str, Any]:
    """Relations with each member of a country group on a date ("relations with all five
    permanent members on date D"): the members then, each with the visible agencies related
    on that day, counted through the caller's visibility."""
    members = list(
        Country.objects.visible_to(user)
        .filter(pk__in=group_country_ids(group, day))
        .only("id", "code", "name_vi", "name_en", "sort_key")
        .order_by("sort_key")
    )
    per_country = dict(
        related_agencies(user, day)
        .filter(country_id__in=[c.pk for c in members])
        .order_by()
        .values_list("country_id")
        .annotate(n=Count("id"))
    )
    rows = [{"country": c, "agencies": per_country.get(c.pk, 0)} for c in members]
    return {
        "group": group,
        "members": len(rows),
        "related": sum(1 for row in rows if row["agencies"]),
        "rows": rows,
    }
