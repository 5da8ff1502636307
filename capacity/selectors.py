"""The 2030 capacity indicator: the share of leaders and commanders who meet the criterion.

Everything is computed as of a date, under the definition version in effect then (or a
chosen one), over the profiles the user may see (aggregates count only visible records),
with a handful of queries and Python over the subtree's leaders: no query per profile.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from org.models import Unit

from .choices import CEFR_RANK, Criterion, QualificationKind
from .models import CapacityDefinition, LanguageSkill, Posting, Qualification, StaffProfile, add_years

TARGET_MIN = 25  # per cent of leaders and commanders by 2030 (seed 004)
TARGET_MAX = 30
TARGET_YEAR = 2030
FIRST_TREND_YEAR = 2020

LAW_KINDS = {QualificationKind.INTERNATIONAL_LAW}
TECH_KINDS = {QualificationKind.TECHNOLOGY, QualificationKind.CYBER}


@dataclass
class Leader:
    """A visible leader profile with what the criterion reads (plain values, no queries)."""

    pk: int
    unit_id: int
    unit_path: str
    post_from: datetime.date | None
    post_to: datetime.date | None
    languages: list[dict[str, Any]] = field(default_factory=list)
    qualifications: list[dict[str, Any]] = field(default_factory=list)
    postings: list[dict[str, Any]] = field(default_factory=list)

    def in_post(self, day: datetime.date) -> bool:
        return (self.post_from is None or self.post_from <= day) and (
            self.post_to is None or day <= self.post_to
        )


def language_valid_until(skill: dict[str, Any], definition: CapacityDefinition) -> datetime.date | None:
    """The last day a language certificate counts: its expiry, and younger than N years."""
    if skill["certificate_on"] is None:
        return None
    # "younger than N years": on the N-th anniversary it no longer counts.
    limit = add_years(skill["certificate_on"], definition.certificate_max_years) - datetime.timedelta(days=1)
    if skill["expires_on"] is not None:
        limit = min(limit, skill["expires_on"])
    return limit


def _valid(start: datetime.date | None, end: datetime.date | None, day: datetime.date) -> bool:
    return start is not None and start <= day and (end is None or day <= end)


def missing_criteria(leader: Leader, definition: CapacityDefinition, day: datetime.date) -> list[str]:
    """The parts of the criterion ``leader`` does not meet on ``day`` (empty: meets it)."""
    missing = []
    minimum = CEFR_RANK[definition.min_level]
    language = any(
        CEFR_RANK.get(s["level"], 0) >= minimum
        and _valid(s["certificate_on"], language_valid_until(s, definition), day)
        for s in leader.languages
    )
    if not language:
        missing.append(Criterion.LANGUAGE)
    if definition.requires_law_or_posting:
        law = any(
            q["kind"] in LAW_KINDS and _valid(q["obtained_on"], q["expires_on"], day)
            for q in leader.qualifications
        ) or any(p["start_on"] is not None and p["start_on"] <= day for p in leader.postings)
        if not law:
            missing.append(Criterion.LAW_OR_POSTING)
    if definition.requires_tech_or_cyber:
        tech = any(
            q["kind"] in TECH_KINDS and _valid(q["obtained_on"], q["expires_on"], day)
            for q in leader.qualifications
        )
        if not tech:
            missing.append(Criterion.TECH_OR_CYBER)
    return missing


def visible_profiles(user: Any, unit: Unit | None = None):
    """Profiles the user may see, in the unit's subtree when one is given."""
    qs = StaffProfile.objects.visible_to(user)
    if unit is not None:
        qs = qs.filter(owner_unit__path__startswith=unit.path)
    return qs


def load_leaders(user: Any, unit: Unit | None = None) -> list[Leader]:
    """Every visible leader profile of the subtree with its languages, qualifications and
    postings: four queries whatever the number of profiles."""
    profiles = visible_profiles(user, unit).filter(is_leader=True)
    leaders = {
        row["pk"]: Leader(
            pk=row["pk"],
            unit_id=row["owner_unit_id"],
            unit_path=row["owner_unit__path"],
            post_from=row["post_from"],
            post_to=row["post_to"],
        )
        for row in profiles.values("pk", "owner_unit_id", "owner_unit__path", "post_from", "post_to")
    }
    ids = profiles.values("pk")
    for row in (
        LanguageSkill.objects.visible_to(user)
        .filter(profile__in=ids)
        .values("profile_id", "level", "certificate_on", "expires_on")
    ):
        leaders[row["profile_id"]].languages.append(row)
    for row in (
        Qualification.objects.visible_to(user)
        .filter(profile__in=ids)
        .values("profile_id", "kind", "obtained_on", "expires_on")
    ):
        leaders[row["profile_id"]].qualifications.append(row)
    for row in Posting.objects.visible_to(user).filter(profile__in=ids).values("profile_id", "start_on"):
        leaders[row["profile_id"]].postings.append(row)
    return list(leaders.values())


def definitions(user: Any) -> list[CapacityDefinition]:
    return list(CapacityDefinition.objects.visible_to(user).order_by("effective_from", "number"))


def definition_for(defs: list[CapacityDefinition], day: datetime.date) -> CapacityDefinition | None:
    """The latest version effective on ``day`` (versions sorted by date and number)."""
    found = None
    for d in defs:
        if d.effective_from <= day:
            found = d
    return found


def share(meeting: int, total: int) -> float | None:
    return round(100 * meeting / total, 1) if total else None


def _count(
    leaders: list[Leader], definition: CapacityDefinition | None, day: datetime.date
) -> tuple[int, int]:
    total = meeting = 0
    for leader in leaders:
        if not leader.in_post(day):
            continue
        total += 1
        if definition is not None and not missing_criteria(leader, definition, day):
            meeting += 1
    return total, meeting


def groups_of(user: Any, unit: Unit | None) -> list[Unit]:
    """The units a figure is broken down by: the children of the chosen unit (or of the
    ministry, nationally)."""
    units = Unit.objects.visible_to(user)
    if unit is None:
        return list(units.filter(depth=1).order_by("sort_key", "pk"))
    return list(units.filter(parent=unit).order_by("sort_key", "pk"))


def status_of(value: float | None) -> str:
    if value is None:
        return "none"
    if value >= TARGET_MIN:
        return "met"
    return "below"


def indicator(
    *,
    user: Any,
    as_of: datetime.date,
    unit: Unit | None = None,
    version: int | None = None,
    trend_from: int = FIRST_TREND_YEAR,
) -> dict[str, Any]:
    """The share of leaders and commanders meeting the criterion on ``as_of`` in the subtree,
    per unit below it and by year, with the definition version each figure used."""
    defs = definitions(user)
    if version is not None:
        chosen = next((d for d in defs if d.number == version), None)
        pick = lambda day: chosen  # noqa: E731
    else:
        chosen = definition_for(defs, as_of)
        pick = lambda day: definition_for(defs, day)  # noqa: E731
    leaders = load_leaders(user, unit)
    total, meeting = _count(leaders, chosen, as_of)

    groups = groups_of(user, unit)
    by_group: dict[int, list[Leader]] = defaultdict(list)
    own: list[Leader] = []
    paths = {g.path: g for g in groups}
    for leader in leaders:
        group = next((g for p, g in paths.items() if leader.unit_path.startswith(p)), None)
        if group is None:
            own.append(leader)
        else:
            by_group[group.pk].append(leader)
    per_unit = []
    for g in groups:
        t, m = _count(by_group[g.pk], chosen, as_of)
        if t:
            value = share(m, t)
            per_unit.append(
                {
                    "unit": g,
                    "leaders_total": t,
                    "leaders_meeting": m,
                    "share": value,
                    "status": status_of(value),
                }
            )
    if own and unit is not None:
        t, m = _count(own, chosen, as_of)
        if t:
            value = share(m, t)
            per_unit.insert(
                0,
                {
                    "unit": unit,
                    "leaders_total": t,
                    "leaders_meeting": m,
                    "share": value,
                    "status": status_of(value),
                    "own": True,
                },
            )

    trend = []
    for year in range(min(trend_from, as_of.year), as_of.year + 1):
        day = as_of if year == as_of.year else datetime.date(year, 12, 31)
        d = pick(day)
        t, m = _count(leaders, d, day)
        trend.append(
            {
                "year": year,
                "as_of": day,
                "leaders_total": t,
                "leaders_meeting": m,
                "share": share(m, t),
                "definition_version": d.number if d else None,
            }
        )
    value = share(meeting, total)
    return {
        "as_of": as_of,
        "unit": unit,
        "definition": chosen,
        "definition_version": chosen.number if chosen else None,
        "leaders_total": total,
        "leaders_meeting": meeting,
        "share": value,
        "status": status_of(value),
        "target_min": TARGET_MIN,
        "target_max": TARGET_MAX,
        "target_year": TARGET_YEAR,
        "per_unit": per_unit,
        "furthest": sorted(per_unit, key=lambda r: (r["share"], -r["leaders_total"]))[:10],
        "trend": trend,
    }


def gaps(
    *, user: Any, as_of: datetime.date, unit: Unit | None = None, within_days: int = 90
) -> dict[str, Any]:
    """Leaders one criterion short (and which), and certificates that stop counting soon."""
    defs = definitions(user)
    definition = definition_for(defs, as_of)
    leaders = load_leaders(user, unit)
    short: dict[int, str] = {}
    if definition is not None:
        for leader in leaders:
            if leader.in_post(as_of):
                missing = missing_criteria(leader, definition, as_of)
                if len(missing) == 1:
                    short[leader.pk] = missing[0]
    labels = dict(Criterion.choices)
    profiles = StaffProfile.objects.visible_to(user).filter(pk__in=list(short)).select_related("owner_unit")
    one_short = (
        [
            {"profile": p, "missing": short[p.pk], "missing_label": labels[short[p.pk]]}
            for p in profiles.order_by("owner_unit__path", "staff_code")
        ]
        if short
        else []
    )

    until = as_of + datetime.timedelta(days=within_days)
    expiring = []
    if definition is not None:
        # A certificate stops counting at its expiry or when it becomes N years old.
        oldest = add_years(as_of, -definition.certificate_max_years)
        languages = (
            LanguageSkill.objects.visible_to(user)
            .filter(profile__in=visible_profiles(user, unit).values("pk"))
            .filter(certificate_on__isnull=False, certificate_on__lte=as_of, certificate_on__gt=oldest)
            .filter(level__in=[c for c, rank in CEFR_RANK.items() if rank >= CEFR_RANK[definition.min_level]])
            .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=as_of))
            .select_related("profile", "profile__owner_unit")
        )
        for skill in languages:
            end = language_valid_until(
                {"certificate_on": skill.certificate_on, "expires_on": skill.expires_on}, definition
            )
            if end is not None and as_of <= end <= until:
                expiring.append({"record": skill, "profile": skill.profile, "kind": skill, "ends_on": end})
    qualifications = (
        Qualification.objects.visible_to(user)
        .filter(profile__in=visible_profiles(user, unit).values("pk"))
        .filter(expires_on__gte=as_of, expires_on__lte=until, obtained_on__lte=as_of)
        .select_related("profile", "profile__owner_unit")
    )
    for q in qualifications:
        expiring.append({"record": q, "profile": q.profile, "kind": q, "ends_on": q.expires_on})
    expiring.sort(key=lambda r: (r["ends_on"], r["profile"].staff_code))
    return {
        "as_of": as_of,
        "unit": unit,
        "definition": definition,
        "definition_version": definition.number if definition else None,
        "within_days": within_days,
        "one_short": one_short,
        "expiring": expiring,
    }
