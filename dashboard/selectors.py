"""The leadership dashboard's figures: aggregates over what the viewer may see.

Every figure is counted through ``visible_to(user)`` with grouped queries (values/annotate/
Count), never a loop over records, so the number of queries does not grow with the data.
The whole set is cached for the viewer until the next recorded change (``dashboard``).
Each figure carries the URL of the list behind it, with the filters that list understands,
so that following the link shows the same number of records.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Max, Q, QuerySet
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from access.rules import Action, can
from capacity import selectors as capacity_selectors
from capacity.models import StaffProfile
from cases.choices import CaseType
from cases.models import CooperationCase
from core.figures import cached_figures
from core.text import as_id
from events import selectors as event_selectors
from events.choices import EventType
from events.models import Event
from org.models import Unit
from partners import selectors as partner_selectors
from partners.models import CountryGroup
from partners.selectors import figure_links, group_country_ids
from tracking import coverage as tracking_coverage
from tracking import selectors as tracking_selectors
from tracking.choices import OPEN_STATUSES, Status
from tracking.models import Assignment

UPCOMING_DAYS = 30
UPCOMING_ROWS = 10
TOP_UNITS = 15
TOP_COUNTRIES = 10
# Width of one step of a unit's materialised path ("000029/").
PATH_STEP = 7

# The labels of /partners/ (the same msgids, so the same translations).
PARTNER_LABELS = {
    "foreign_agencies": _("foreign law-enforcement agencies"),
    "countries": _("countries and territories"),
    "multilateral_participation": _("multilateral organisations, forums and mechanisms taken part in"),
    "members_organizations": _("organisations (member)"),
    "members_forums": _("forums (member)"),
    "members_mechanisms": _("cooperation mechanisms (member)"),
    "instruments_signed": _("cooperation documents signed"),
}
PARTNER_KEYS = tuple(PARTNER_LABELS)


def day_text(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _url(name: str, **params: Any) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return reverse(name) + (f"?{query}" if query else "")


@dataclass(frozen=True)
class Scope:
    """Who looks, on which date, and (ministry-wide viewers only) which unit subtree."""

    user: Any
    as_of: datetime.date
    unit: Unit | None = None
    # A country group: the country-linked figures (agencies, countries, cases, events) count
    # its members only, on the date of each figure's list (partners.filters.GroupFilterMixin).
    group: CountryGroup | None = None


def filter_units(user: Any) -> list[Unit]:
    """Units offered in the subtree filter: the ministry's departments and provinces."""
    if not user.has_ministry_scope:
        return []
    return list(Unit.objects.visible_to(user).filter(depth__lte=1).order_by("depth", "sort_key", "pk"))


def filter_groups(user: Any) -> list[CountryGroup]:
    """Country groups offered in the filter (reference data, through visibility)."""
    return list(
        CountryGroup.objects.visible_to(user).only("id", "name_vi", "name_en").order_by("name_vi", "pk")
    )


def chosen_group(user: Any, raw: Any) -> CountryGroup | None:
    """The country group of the filter, when the viewer may see it."""
    value = as_id(raw)
    if value is None:
        return None
    return CountryGroup.objects.visible_to(user).filter(pk=value).first()


def _group_param(scope: Scope) -> dict[str, Any]:
    return {"group": scope.group.pk} if scope.group is not None else {}


def chosen_unit(user: Any, raw: Any) -> Unit | None:
    """The unit of the filter, when the viewer has ministry-wide scope and may see it."""
    value = as_id(raw)
    if value is None or not user.has_ministry_scope:
        return None
    return Unit.objects.visible_to(user).filter(pk=value).first()


# --------------------------------------------------------------------------------------------
# Partner registry
# --------------------------------------------------------------------------------------------


# The registry figures a country group narrows (the others count bodies and instruments,
# which belong to no one country).
GROUP_FIGURES = ("foreign_agencies", "countries")


def partner_figures(scope: Scope) -> list[dict[str, Any]]:
    """The registry's headline figures on the date (the same as /partners/), each with its list.

    With a country group, the agencies and countries count the group's members on the date
    only, and their lists carry the same group (``by_group``); the other figures stay whole."""
    figures = partner_selectors.indicators(user=scope.user, as_of=scope.as_of)
    links = figure_links(scope.as_of)
    links["instruments_signed"] = _url("instruments:instrument_list", signed_to=day_text(scope.as_of))
    if scope.group is not None:
        agencies = partner_selectors.related_agencies(scope.user, scope.as_of).filter(
            country_id__in=group_country_ids(scope.group, scope.as_of)
        )
        figures["foreign_agencies"] = agencies.count()
        figures["countries"] = agencies.values("country_id").distinct().count()
        for key in GROUP_FIGURES:
            links[key] += f"&group={scope.group.pk}"
    return [
        {
            "key": key,
            "label": str(PARTNER_LABELS[key]),
            "value": figures[key],
            "url": links[key],
            "by_group": scope.group is not None and key in GROUP_FIGURES,
        }
        for key in PARTNER_KEYS
    ]


def group_figures(scope: Scope) -> dict[str, Any] | None:
    """ "Relations with all five permanent members on date D": members of the chosen group on
    the date and how many of them have a visible related agency, with the page that lists them."""
    if scope.group is None:
        return None
    relations = partner_selectors.group_relations(user=scope.user, group=scope.group, day=scope.as_of)
    return {
        "id": scope.group.pk,
        "name": str(scope.group),
        "members": relations["members"],
        "related": relations["related"],
        "url": _url("partners:home", as_of=day_text(scope.as_of), group=scope.group.pk),
    }


# --------------------------------------------------------------------------------------------
# Obligations: assignments by derived status and by unit
# --------------------------------------------------------------------------------------------


def assignments(scope: Scope) -> QuerySet:
    """Visible assignments with their status derived against the chosen date (subtree filter applied)."""
    qs = tracking_selectors.with_status(Assignment.objects.visible_to(scope.user), scope.as_of)
    if scope.unit is not None:
        qs = qs.filter(unit_id__any_of=Unit.objects.subtree_ids(scope.unit))
    return qs


def drill_url(scope: Scope, **params: Any) -> str:
    """The dashboard's own list of assignments (status as of the date, subtree or exact unit)."""
    base: dict[str, Any] = {"as_of": day_text(scope.as_of)}
    if scope.unit is not None and "unit" not in params:
        base["within"] = scope.unit.pk
    return _url("dashboard:assignments", **{**base, **params})


def assignment_figures(scope: Scope) -> dict[str, Any]:
    """Counts by status, and by unit one level below the scope with the most overdue first.

    One grouped query: (unit, status) -> count, summed by unit path prefix; the unit paths
    and the candidate units in two more. Work assigned to the root unit itself (a shorter path) is a row of its own; work of
    units outside the root's subtree (shared with the viewer) counts in the totals only.
    """
    # The rows are the units one level below the chosen unit, or below the viewer's own
    # unit when the viewer sees only a subtree, or the ministry's departments and provinces.
    root = scope.unit
    if root is None and not scope.user.has_ministry_scope:
        root = scope.user.unit
    depth = len(root.path) + PATH_STEP if root is not None else 2 * PATH_STEP
    # Grouped by unit id (no join with units for each of 200,000 rows nationally), then
    # summed by path prefix here: at most units × statuses rows.
    rows = assignments(scope).order_by().values("unit_id", "status").annotate(n=Count("pk"))
    paths = dict(Unit.objects.values_list("pk", "path"))
    by_status = {s.value: 0 for s in Status}
    groups: dict[str, dict[str, int]] = {}
    for row in rows:
        by_status[row["status"]] += row["n"]
        group = groups.setdefault(paths.get(row["unit_id"], "")[:depth], {s.value: 0 for s in Status})
        group[row["status"]] += row["n"]
    # The candidate rows whatever the data (one query, also when nothing is assigned).
    if root is None:
        candidates = Unit.objects.filter(depth__lte=1)
    else:
        candidates = Unit.objects.filter(Q(parent=root) | Q(pk=root.pk))
    units = {u.path: u for u in candidates if u.path in groups}
    open_values = [s.value for s in OPEN_STATUSES]
    by_unit = []
    for prefix, counts in groups.items():
        unit = units.get(prefix)
        if unit is None:
            continue
        total = sum(counts.values())
        # A unit with a path as long as the prefix stands for its subtree; a shorter one
        # (the scope's own unit) for itself only.
        key = {"within": unit.pk} if len(unit.path) == depth else {"unit": unit.pk}
        by_unit.append(
            {
                "unit_id": unit.pk,
                "unit": str(unit),
                "path": unit.path,
                "total": total,
                "overdue": counts[Status.OVERDUE.value],
                "open": sum(counts[s] for s in open_values),
                "done": counts[Status.DONE.value] + counts[Status.DONE_LATE.value],
                "url": drill_url(scope, **key),
                "overdue_url": drill_url(scope, status=Status.OVERDUE.value, **key),
            }
        )
    by_unit.sort(key=lambda r: (-r["overdue"], -r["open"], r["path"]))
    total = sum(by_status.values())
    return {
        "total": total,
        "url": drill_url(scope),
        "by_status": [
            {
                "status": s.value,
                "label": str(s.label),
                "count": by_status[s.value],
                "url": drill_url(scope, status=s.value),
            }
            for s in Status
        ],
        "units_count": len(by_unit),
        "by_unit": by_unit[:TOP_UNITS],
    }


def assignment_rows(
    scope: Scope, *, status: str = "", unit: Unit | None = None, within: Unit | None = None
) -> QuerySet:
    """The records behind an assignment figure: status on the date, exact unit or subtree."""
    qs = tracking_selectors.with_status(Assignment.objects.visible_to(scope.user), scope.as_of)
    if within is not None:
        qs = qs.filter(unit_id__any_of=Unit.objects.subtree_ids(within))
    if unit is not None:
        qs = qs.filter(unit=unit)
    if status in Status.values:
        qs = qs.filter(status=status)
    return qs.select_related("obligation", "unit").order_by("unit__path", "next_due", "pk")


# --------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------


def cases(scope: Scope) -> QuerySet:
    """Visible cases received or opened on or before the date (owner unit in the subtree)."""
    qs = CooperationCase.objects.visible_to(scope.user).filter(opened_on__lte=scope.as_of)
    if scope.unit is not None:
        qs = qs.filter(owner_unit_id__any_of=Unit.objects.subtree_ids(scope.unit))
    if scope.group is not None:
        # Members on the date, as the case list reads its group on "opened until".
        members = group_country_ids(scope.group, scope.as_of)
        qs = qs.filter(
            pk__in=CooperationCase.countries.through.objects.filter(country_id__in=members).values(
                "cooperationcase_id"
            )
        )
    return qs


def case_figures(scope: Scope) -> dict[str, Any]:
    """Cases by type and by partner country (a case with two countries counts in each)."""
    base = {"opened_to": day_text(scope.as_of), **_group_param(scope)}
    if scope.unit is not None:
        base["unit_subtree"] = scope.unit.pk
    qs = cases(scope)
    type_counts = dict(qs.order_by().values_list("type").annotate(n=Count("pk")))
    total = sum(type_counts.values())
    # One query, whether or not any row comes back. The links are grouped by the country id
    # alone (a hash of 300,000 links nationally) and the names taken as aggregates of each
    # group: grouping by the names too sorted every link on disk.
    country_rows = list(
        CooperationCase.countries.through.objects.filter(cooperationcase__in=qs.order_by().values("pk"))
        .values("country_id")
        .annotate(
            n=Count("pk"),
            code=Max("country__code"),
            name_vi=Max("country__name_vi"),
            name_en=Max("country__name_en"),
            sort_key=Max("country__sort_key"),
        )
        .order_by("-n", "sort_key", "country_id")[:TOP_COUNTRIES]
    )
    english = (get_language() or "vi").startswith("en")
    return {
        "total": total,
        "url": _url("cases:cooperationcase_list", **base),
        "by_type": [
            {
                "type": t.value,
                "label": str(t.label),
                "count": type_counts.get(t.value, 0),
                "url": _url("cases:cooperationcase_list", type=t.value, **base),
            }
            for t in CaseType
            if type_counts.get(t.value)
        ],
        "by_country": [
            {
                "country_id": row["country_id"],
                "country": (english and row["name_en"]) or row["name_vi"],
                "code": row["code"],
                "count": row["n"],
                "url": _url("cases:cooperationcase_list", country=row["country_id"], **base),
            }
            for row in country_rows
        ],
    }


# --------------------------------------------------------------------------------------------
# Events and delegations
# --------------------------------------------------------------------------------------------


def upcoming_events(scope: Scope) -> QuerySet:
    """Visible events starting in the 30 days from the date (organised or attended by the subtree)."""
    end = scope.as_of + datetime.timedelta(days=UPCOMING_DAYS)
    qs = Event.objects.visible_to(scope.user).filter(starts_on__gte=scope.as_of, starts_on__lte=end)
    if scope.unit is not None:
        subtree = Unit.objects.subtree_ids(scope.unit)
        attended = Event.objects.filter(attending_units__in=subtree).order_by().values("pk")
        qs = qs.filter(Q(owner_unit_id__any_of=subtree) | Q(pk__any_of=attended))
    if scope.group is not None:
        # Members on the last day of the window, as the event list reads its group.
        qs = event_selectors.with_countries(
            qs, user=scope.user, country_ids=group_country_ids(scope.group, end)
        )
    return qs


def event_figures(scope: Scope) -> dict[str, Any]:
    """Upcoming events by type (delegations are the incoming and outgoing types) and the first ones."""
    end = scope.as_of + datetime.timedelta(days=UPCOMING_DAYS)
    base = {"starts_from": day_text(scope.as_of), "starts_to": day_text(end), **_group_param(scope)}
    if scope.unit is not None:
        base["unit_subtree"] = scope.unit.pk
    qs = upcoming_events(scope)
    type_counts = dict(qs.order_by().values_list("type").annotate(n=Count("pk")))
    rows = qs.select_related("country").order_by("starts_on", "pk")[:UPCOMING_ROWS]
    delegation_types = (EventType.INCOMING.value, EventType.OUTGOING.value)
    return {
        "from": scope.as_of,
        "to": end,
        "total": sum(type_counts.values()),
        "delegations": sum(type_counts.get(t, 0) for t in delegation_types),
        "url": _url("events:event_list", **base),
        "by_type": [
            {
                "type": t.value,
                "label": str(t.label),
                "count": type_counts.get(t.value, 0),
                "delegation": t.value in delegation_types,
                "url": _url("events:event_list", type=t.value, **base),
            }
            for t in EventType
            if type_counts.get(t.value) or t.value in delegation_types
        ],
        "upcoming": [
            {
                "id": e.pk,
                "title": e.title,
                "type": e.type,
                "type_label": str(e.get_type_display()),
                "starts_on": e.starts_on,
                "ends_on": e.ends_on,
                "url": e.get_absolute_url(),
            }
            for e in rows
        ],
    }


# --------------------------------------------------------------------------------------------
# Capacity indicator
# --------------------------------------------------------------------------------------------


CAPACITY_KEYS = (
    "share",
    "leaders_total",
    "leaders_meeting",
    "status",
    "target_min",
    "target_max",
    "target_year",
    "definition_version",
)


def capacity_figures(scope: Scope) -> dict[str, Any] | None:
    """The share of leaders meeting the criterion on the date against the 25–30 % target."""
    if not can(scope.user, Action.VIEW, StaffProfile):
        return None
    data = capacity_selectors.indicator(
        user=scope.user, as_of=scope.as_of, unit=scope.unit, trend_from=scope.as_of.year
    )
    figures = {name: data[name] for name in CAPACITY_KEYS}
    return {
        **figures,
        "url": _url(
            "capacity:home",
            as_of=day_text(scope.as_of),
            unit=scope.unit.pk if scope.unit is not None else None,
        ),
    }


# --------------------------------------------------------------------------------------------
# Coverage of commitments ("x of y commitments tracked, z % done on time")
# --------------------------------------------------------------------------------------------

COVERAGE_KEYS = ("total", "tracked", "done", "done_late", "overdue", "untracked")


def coverage_figures(scope: Scope) -> dict[str, Any]:
    """The commitments on the date and how many are tracked and done, each figure a link to
    the list of those commitments (tracking.coverage; the same rows, so the same numbers)."""
    figures = tracking_coverage.coverage(scope.user, scope.as_of, unit=scope.unit)
    unit = scope.unit.pk if scope.unit is not None else None
    links = {
        key: _url(
            "tracking:coverage",
            as_of=day_text(scope.as_of),
            unit=unit,
            status="all" if key == "total" else key,
        )
        for key in COVERAGE_KEYS
    }
    return {
        **{key: figures[key] for key in COVERAGE_KEYS},
        "percent_on_time": figures["percent_on_time"],
        "links": links,
    }


# --------------------------------------------------------------------------------------------
# Everything
# --------------------------------------------------------------------------------------------


def dashboard(scope: Scope) -> dict[str, Any]:
    """All the figures of the dashboard for the viewer, the date and the optional subtree,
    cached until the next recorded change (``core.figures``): nationally the grouped counts
    cover 200,000 assignments and 300,000 cases."""
    unit = scope.unit.pk if scope.unit is not None else ""
    group = scope.group.pk if scope.group is not None else ""
    return cached_figures(
        "dashboard", scope.user, (scope.as_of, unit, group), lambda: compute_dashboard(scope)
    )


def compute_dashboard(scope: Scope) -> dict[str, Any]:
    may_view = can(scope.user, Action.VIEW, Assignment)
    return {
        "as_of": scope.as_of,
        "unit": {"id": scope.unit.pk, "name": str(scope.unit)} if scope.unit is not None else None,
        "limited_to_unit": not scope.user.has_ministry_scope,
        "group": group_figures(scope),
        "partners": partner_figures(scope),
        "assignments": assignment_figures(scope) if may_view else None,
        "coverage": coverage_figures(scope) if may_view else None,
        "cases": case_figures(scope) if may_view else None,
        "events": event_figures(scope) if may_view else None,
        "capacity": capacity_figures(scope),
    }
