"""The 2030 capacity indicator: the share of leaders and commanders who meet the criterion.

Everything is computed as of a date, under the definition version in effect then (or a
chosen one), over the profiles the user may see (aggregates count only visible records).
The figures are counted in SQL: one grouped query per date (``criterion_q`` expresses the
criterion as ``Exists`` subqueries, trainings attended included through
``capacity.attendance``), so the cost does not grow with the number of profiles in Python.
``missing_criteria`` is the same rule in Python over ``load_leaders``: the gap list uses it,
and a test holds the two equal.
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, CharField, Count, Exists, IntegerField, OuterRef, Q, Value, When

from core.figures import cached_figures
from org.models import Unit

from .attendance import attendance_sources
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
    staff_code: str = ""
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


def oldest_certificate(day: datetime.date, years: int) -> datetime.date:
    """A certificate counts on ``day`` when dated after this day (younger than ``years``).

    Exactly ``language_valid_until``: on 28 February of a common year whose date ``years``
    back falls in a leap year, a certificate of that 29 February has reached its age limit.
    """
    oldest = add_years(day, -years)
    if day.month == 2 and day.day == 28 and not calendar.isleap(day.year) and calendar.isleap(oldest.year):
        oldest = oldest.replace(day=29)
    return oldest


def _part_exists(user: Any, kinds: set[str], day: datetime.date) -> Q:
    """A valid qualification of one of ``kinds`` on ``day``, recorded or from a training attended."""
    q = Q(
        Exists(
            Qualification.objects.filter(profile=OuterRef("pk"), kind__in=kinds, obtained_on__lte=day).filter(
                Q(expires_on__isnull=True) | Q(expires_on__gte=day)
            )
        )
    )
    for source in attendance_sources():
        q |= Q(
            Exists(source.credits(user).filter(profile=OuterRef("pk"), kind__in=kinds, obtained_on__lte=day))
        )
    return q


def criterion_parts(user: Any, definition: CapacityDefinition, day: datetime.date) -> dict[str, Q]:
    """Each required part of the criterion on ``day`` as a condition on ``StaffProfile`` rows.

    The children of a visible profile are visible with it, so the subqueries need no
    visibility filter; trainings attended come through their source's ``visible_to``.
    """
    levels = [code for code, rank in CEFR_RANK.items() if rank >= CEFR_RANK[definition.min_level]]
    parts = {
        Criterion.LANGUAGE.value: Q(
            Exists(
                LanguageSkill.objects.filter(
                    profile=OuterRef("pk"),
                    level__in=levels,
                    certificate_on__lte=day,
                    certificate_on__gt=oldest_certificate(day, definition.certificate_max_years),
                ).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=day))
            )
        )
    }
    if definition.requires_law_or_posting:
        parts[Criterion.LAW_OR_POSTING.value] = _part_exists(user, LAW_KINDS, day) | Q(
            Exists(Posting.objects.filter(profile=OuterRef("pk"), start_on__lte=day))
        )
    if definition.requires_tech_or_cyber:
        parts[Criterion.TECH_OR_CYBER.value] = _part_exists(user, TECH_KINDS, day)
    return parts


def criterion_q(user: Any, definition: CapacityDefinition, day: datetime.date) -> Q:
    """The whole criterion on ``day`` (``missing_criteria`` in SQL)."""
    q = Q()
    for part in criterion_parts(user, definition, day).values():
        q &= part
    return q


def leaders_in_post(user: Any, unit: Unit | None, day: datetime.date):
    """Visible profiles of the subtree holding a leader or commander post on ``day``."""
    return (
        visible_profiles(user, unit)
        .filter(is_leader=True)
        .filter(Q(post_from__isnull=True) | Q(post_from__lte=day))
        .filter(Q(post_to__isnull=True) | Q(post_to__gte=day))
    )


def one_short(user: Any, unit: Unit | None, definition: CapacityDefinition, day: datetime.date):
    """Leaders in post short of exactly one part, annotated with that part (``missing``)."""
    parts = criterion_parts(user, definition, day)
    count = sum(
        (Case(When(q, then=Value(0)), default=Value(1), output_field=IntegerField()) for q in parts.values()),
        Value(0, output_field=IntegerField()),
    )
    which = Case(
        *[When(~q, then=Value(key)) for key, q in parts.items()], default=Value(""), output_field=CharField()
    )
    return (
        leaders_in_post(user, unit, day).annotate(missing_count=count, missing=which).filter(missing_count=1)
    )


def leader_counts(
    user: Any, unit: Unit | None, definition: CapacityDefinition | None, day: datetime.date
) -> list[dict[str, Any]]:
    """Per owner unit of the subtree: leaders in post on ``day`` and how many meet the criterion
    (one grouped query)."""
    qs = leaders_in_post(user, unit, day)
    aggregates: dict[str, Any] = {"total": Count("pk")}
    if definition is not None:
        aggregates["meeting"] = Count("pk", filter=criterion_q(user, definition, day))
    # Grouped by the unit id, not its path: no join with units for each of the leaders.
    rows = list(qs.values("owner_unit_id").annotate(**aggregates).order_by())
    for row in rows:
        row.setdefault("meeting", 0)
    return rows


def visible_profiles(user: Any, unit: Unit | None = None):
    """Profiles the user may see, in the unit's subtree when one is given."""
    qs = StaffProfile.objects.visible_to(user)
    if unit is not None:
        qs = qs.filter(owner_unit_id__in=Unit.objects.subtree_ids(unit))
    return qs


def load_leaders(user: Any, unit: Unit | None = None) -> list[Leader]:
    """Every visible leader profile of the subtree with its languages, qualifications and
    postings: four queries whatever the number of profiles, plus one per attendance source
    (trainings attended count as qualifications from their last day)."""
    profiles = visible_profiles(user, unit).filter(is_leader=True)
    leaders = {
        row["pk"]: Leader(
            pk=row["pk"],
            unit_id=row["owner_unit_id"],
            unit_path=row["owner_unit__path"],
            post_from=row["post_from"],
            post_to=row["post_to"],
            staff_code=row["staff_code"],
        )
        for row in profiles.values(
            "pk", "owner_unit_id", "owner_unit__path", "post_from", "post_to", "staff_code"
        )
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
    for source in attendance_sources():
        for row in source.qualifications(user, ids):
            leader = leaders.get(row["profile_id"])
            if leader is not None:
                leader.qualifications.append(row)
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


def _group_rows(
    rows: list[dict[str, Any]], groups: list[Unit], unit_paths: dict[int, str]
) -> tuple[dict[int, list[int]], list[int]]:
    """Sum the per-unit rows into the breakdown's groups (a group is a unit and its subtree)."""
    paths = [(g.path, g.pk) for g in groups]
    by_group: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    own = [0, 0]
    for row in rows:
        path = unit_paths.get(row["owner_unit_id"], "")
        pk = next((gpk for p, gpk in paths if path.startswith(p)), None)
        cell = own if pk is None else by_group[pk]
        cell[0] += row["total"]
        cell[1] += row["meeting"]
    return by_group, own


def _unit_row(unit: Unit, total: int, meeting: int, **extra: Any) -> dict[str, Any]:
    value = share(meeting, total)
    return {
        "unit": unit,
        "leaders_total": total,
        "leaders_meeting": meeting,
        "share": value,
        "status": status_of(value),
        **extra,
    }


def indicator(
    *,
    user: Any,
    as_of: datetime.date,
    unit: Unit | None = None,
    version: int | None = None,
    trend_from: int = FIRST_TREND_YEAR,
) -> dict[str, Any]:
    """``compute_indicator``, cached until the next recorded change (``core.figures``): at
    national size the figures scan 37,000 leaders once per trend year."""
    return cached_figures(
        "capacity-indicator",
        user,
        (as_of, unit.pk if unit is not None else "", version, trend_from),
        lambda: compute_indicator(user=user, as_of=as_of, unit=unit, version=version, trend_from=trend_from),
    )


def compute_indicator(
    *,
    user: Any,
    as_of: datetime.date,
    unit: Unit | None = None,
    version: int | None = None,
    trend_from: int = FIRST_TREND_YEAR,
) -> dict[str, Any]:
    """The share of leaders and commanders meeting the criterion on ``as_of`` in the subtree,
    per unit below it and by year, with the definition version each figure used.

    One grouped query per date (``as_of`` and the 31 December of each earlier trend year)."""
    defs = definitions(user)
    if version is not None:
        chosen = next((d for d in defs if d.number == version), None)
        pick = lambda day: chosen  # noqa: E731
    else:
        chosen = definition_for(defs, as_of)
        pick = lambda day: definition_for(defs, day)  # noqa: E731
    rows = leader_counts(user, unit, chosen, as_of)
    total = sum(r["total"] for r in rows)
    meeting = sum(r["meeting"] for r in rows)

    groups = groups_of(user, unit)
    by_group, own = _group_rows(rows, groups, dict(Unit.objects.values_list("pk", "path")))
    per_unit = [_unit_row(g, *by_group[g.pk]) for g in groups if by_group.get(g.pk, [0, 0])[0]]
    if unit is not None and own[0]:
        per_unit.insert(0, _unit_row(unit, own[0], own[1], own=True))

    trend = []
    for year in range(min(trend_from, as_of.year), as_of.year + 1):
        day = as_of if year == as_of.year else datetime.date(year, 12, 31)
        d = pick(day)
        if day == as_of and d is chosen:
            t, m = total, meeting
        else:
            year_rows = leader_counts(user, unit, d, day)
            t, m = sum(r["total"] for r in year_rows), sum(r["meeting"] for r in year_rows)
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
    *,
    user: Any,
    as_of: datetime.date,
    unit: Unit | None = None,
    within_days: int = 90,
    missing: str | None = None,
    page: int | None = None,
    per_page: int = 50,
) -> dict[str, Any]:
    """Leaders one criterion short (and which), and certificates that stop counting soon.

    ``missing`` keeps those short of one part; ``page`` (from 1) fetches only that page of
    profiles (``one_short``), otherwise all of them (the Excel export). Counted, filtered,
    sorted (unit, staff number) and paged in SQL: no query per profile.
    """
    defs = definitions(user)
    definition = definition_for(defs, as_of)
    by_criterion = {c.value: 0 for c in Criterion}
    rows: list[StaffProfile] = []
    total, pages = 0, 1
    if definition is not None:
        qs = one_short(user, unit, definition, as_of)
        for row in qs.values("missing").annotate(n=Count("pk")).order_by():
            by_criterion[row["missing"]] = row["n"]
        if missing:
            qs = qs.filter(missing=missing)
            total = by_criterion.get(missing, 0)
        else:
            total = sum(by_criterion.values())
        pages = max(1, -(-total // per_page))
        ordered = qs.select_related("owner_unit").order_by("owner_unit__path", "staff_code", "pk")
        if page is not None:
            page = min(max(1, page), pages)
            ordered = ordered[(page - 1) * per_page : page * per_page]
        rows = list(ordered) if total else []
    labels = dict(Criterion.choices)
    one_short_rows = [{"profile": p, "missing": p.missing, "missing_label": labels[p.missing]} for p in rows]

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
        "one_short": one_short_rows,
        "one_short_total": total,
        "one_short_by_criterion": [
            {"value": c.value, "label": c.label, "count": by_criterion[c.value]} for c in Criterion
        ],
        "missing": missing or "",
        "page": page or 1,
        "pages": pages,
        "expiring": expiring,
    }
