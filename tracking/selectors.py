"""Reads of the tracking engine: the derived status, boards and roll-ups, all through visible_to.

Status is computed in the query against ``today`` and the facts of the approved reports
(when a period was completed, stored by ``services.refresh_facts`` with the reports), so it is
never stale (DESIGN.md §2, Assignment): a period is done when an approved report completes
it (100 % for a one-off task, any approved report for a recurring report), done late when
that report was submitted after the due date, overdue when its due date has passed without
one. No subquery per row: the boards sort and filter by status on indexed columns.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone

from .choices import SourceKind, Status
from .models import Assignment, AssignmentPeriod, Obligation, Obstacle


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def _period_status_case(today: datetime.date) -> Case:
    return Case(
        When(completed_on__isnull=False, completed_on__lte=F("due_on"), then=Value(Status.DONE.value)),
        When(completed_on__isnull=False, then=Value(Status.DONE_LATE.value)),
        When(due_on__lt=today, then=Value(Status.OVERDUE.value)),
        When(has_report=True, then=Value(Status.IN_PROGRESS.value)),
        default=Value(Status.NOT_STARTED.value),
        output_field=models.CharField(),
    )


def periods_with_status(qs: models.QuerySet, today: datetime.date | None = None) -> models.QuerySet:
    """Periods with ``done_on``, ``reported`` and ``status`` (not_started ... overdue)."""
    today = _today(today)
    return qs.annotate(done_on=F("completed_on"), reported=F("has_report"), status=_period_status_case(today))


def overdue_q(today: datetime.date) -> Q:
    """The overdue branch of ``with_status`` on the stored columns: it reads the overdue rows
    through the due-date index, and the planner estimates their number (filtering on the
    computed status, it guessed 68 rows for 38,000 and chose a nested loop)."""
    return Q(has_periods=True, open_due_on__lt=today)


def with_status(qs: models.QuerySet, today: datetime.date | None = None) -> models.QuerySet:
    """Assignments annotated with ``status``, ``next_due``, ``overdue_since``, ``last_percent``, ``last_report_on``.

    From the stored facts of the periods and reports (services.refresh_facts) and today:
    overdue when the earliest open period is past its due date; else in progress when that
    period has started and has a report, or an earlier period is done; else not started;
    when every period is closed, done late if any was late, else done; no period yet (an
    event date unknown): not started.
    """
    today = _today(today)
    started = Q(open_starts_on__lte=today)
    return qs.annotate(
        next_due=F("open_due_on"),
        overdue_since=Case(When(open_due_on__lt=today, then=F("open_due_on")), default=None),
        last_percent=F("latest_percent"),
        last_report_on=F("latest_report_on"),
        status=Case(
            When(has_periods=False, then=Value(Status.NOT_STARTED.value)),
            When(open_due_on__lt=today, then=Value(Status.OVERDUE.value)),
            When(open_due_on__isnull=False, any_closed=True, then=Value(Status.IN_PROGRESS.value)),
            When(started & Q(open_reported=True), then=Value(Status.IN_PROGRESS.value)),
            When(open_due_on__isnull=False, then=Value(Status.NOT_STARTED.value)),
            When(any_late=True, then=Value(Status.DONE_LATE.value)),
            default=Value(Status.DONE.value),
            output_field=models.CharField(),
        ),
    )


def visible_assignments(user: Any, today: datetime.date | None = None) -> models.QuerySet:
    return with_status(Assignment.objects.visible_to(user), today).select_related(
        "obligation", "unit", "owner_unit", "parent__unit"
    )


def my_work(user: Any, today: datetime.date | None = None) -> models.QuerySet:
    """The assignments of the user's unit subtree, due soon first (overdue on top)."""
    from org.models import Unit

    qs = visible_assignments(user, today)
    if getattr(user, "unit", None) is not None:
        qs = qs.filter(unit_id__any_of=Unit.objects.subtree_ids(user.unit))
    return qs.order_by(
        Case(
            When(status=Status.OVERDUE.value, then=Value(0)),
            When(status__in=[Status.NOT_STARTED.value, Status.IN_PROGRESS.value], then=Value(1)),
            default=Value(2),
            output_field=models.IntegerField(),
        ),
        F("next_due").asc(nulls_last=True),
        "pk",
    )


BOARD_TOP_UNITS = 20


def overdue_board(
    user: Any,
    today: datetime.date | None = None,
    *,
    top: int | None = BOARD_TOP_UNITS,
    keep: int | None = None,
) -> dict[str, Any]:
    """Overdue assignments oldest first (a lazy queryset: pages fetch their rows), with
    counts by unit and by source computed in SQL, so the board costs the same at any size.

    The by-unit breakdown names the ``top`` units with most overdue work (and ``keep``, the
    unit filtered on); ``top=None`` names all. At national scale that is 591 units and most of
    the page: the board links to the full breakdown instead of printing it every time.
    """
    from org.models import Unit

    today = _today(today)
    rows = visible_assignments(user, today).filter(overdue_q(today)).order_by("open_due_on", "pk")
    # One grouped query for both breakdowns (at most units × source kinds rows). Plain
    # counts: visible_to never repeats a row (many-valued paths are subqueries).
    unit_counts: Counter[int] = Counter()
    source_counts: Counter[str] = Counter()
    for r in rows.order_by().values("unit", "obligation__source_kind").annotate(n=Count("pk")):
        unit_counts[r["unit"]] += r["n"]
        source_counts[r["obligation__source_kind"]] += r["n"]
    named = [pk for pk, _n in unit_counts.most_common(top)]
    if keep is not None and keep in unit_counts and keep not in named:
        named.append(keep)
    units = Unit.objects.in_bulk(named)
    by_unit = [(units[pk], unit_counts[pk]) for pk in named if pk in units]
    labels = dict(SourceKind.choices)
    by_source = [((kind, labels.get(kind, kind)), n) for kind, n in source_counts.items()]
    return {
        "rows": rows,
        "total": sum(unit_counts.values()),
        "units_count": len(unit_counts),
        "by_unit": sorted(by_unit, key=lambda kv: (-kv[1], kv[0].path)),
        "by_source": sorted(by_source, key=lambda kv: -kv[1]),
    }


def status_counts(assignments: list[Any]) -> dict[str, int]:
    counts = Counter(a.status for a in assignments)
    return {s.value: counts.get(s.value, 0) for s in Status}


def consolidated(user: Any, obligation: Obligation, today: datetime.date | None = None) -> dict[str, Any]:
    """An obligation's visible assignments (tree order) with statuses, counts and percent done."""
    rows = list(visible_assignments(user, today).filter(obligation=obligation).order_by("unit__path", "pk"))
    by_parent: dict[int | None, list[Any]] = defaultdict(list)
    ids = {a.pk for a in rows}
    for a in rows:
        by_parent[a.parent_id if a.parent_id in ids else None].append(a)
    ordered: list[tuple[Any, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for a in sorted(by_parent.get(parent, []), key=lambda a: (a.role != "lead", a.unit.path)):
            ordered.append((a, depth))
            walk(a.pk, depth + 1)

    walk(None, 0)
    return {
        "assignments": ordered,
        "counts": status_counts(rows),
        "percent": completion_percent(rows),
    }


def completion_percent(assignments: list[Any]) -> int | None:
    """Mean of the latest approved percentages (done counts as 100), over the given assignments."""
    if not assignments:
        return None
    total = 0
    for a in assignments:
        if a.status in (Status.DONE.value, Status.DONE_LATE.value):
            total += 100
        else:
            total += a.last_percent or 0
    return round(total / len(assignments))


def obligations_for(user: Any, model: type[models.Model], ids: list[Any]) -> dict[str, Obligation]:
    """Visible obligations whose source is one of ``ids`` of ``model``: {source id: obligation}."""
    ctype = ContentType.objects.get_for_model(model)
    qs = Obligation.objects.visible_to(user).filter(source_type=ctype, source_id__in=[str(i) for i in ids])
    return {o.source_id: o for o in qs}


def group_obligations(user: Any, group: models.Model, today: datetime.date | None = None) -> dict[str, Any]:
    """The obligations of a document (a directive, an instrument) with their assignments' status."""
    ctype = ContentType.objects.get_for_model(type(group))
    obligations = list(
        Obligation.objects.visible_to(user).filter(group_type=ctype, group_id=str(group.pk)).order_by("pk")
    )
    assignments = list(
        visible_assignments(user, today)
        # A subquery, not a list of ids: the same number of queries with or without obligations.
        .filter(
            obligation__in=Obligation.objects.visible_to(user).filter(
                group_type=ctype, group_id=str(group.pk)
            )
        )
        .order_by("unit__path")
    )
    by_obligation: dict[int, list[Any]] = defaultdict(list)
    for a in assignments:
        by_obligation[a.obligation_id].append(a)
    by_source = {}
    for o in obligations:
        rows = by_obligation.get(o.pk, [])
        o.tracked_assignments = rows
        o.counts = status_counts(rows)
        o.percent = completion_percent(rows)
        by_source[o.source_id] = o
    return {
        "obligations": obligations,
        "by_source": by_source,
        "percent": completion_percent(assignments),
        "counts": status_counts(assignments),
    }


def signed_not_implemented(user: Any, today: datetime.date | None = None) -> list[dict[str, Any]]:
    """Documents (instruments, events...) whose obligations have no assignment or an overdue one."""
    obligations = Obligation.objects.visible_to(user).exclude(group_id="")
    assigned = Assignment.objects.visible_to(user).filter(obligation=OuterRef("pk"))
    overdue = with_status(Assignment.objects.visible_to(user), today).filter(
        obligation=OuterRef("pk"), status=Status.OVERDUE.value
    )
    rows = (
        obligations.annotate(has_assignment=Exists(assigned), has_overdue=Exists(overdue))
        .filter(Q(has_assignment=False) | Q(has_overdue=True))
        .select_related("group_type")
        .order_by("group_label", "pk")
    )
    groups: dict[tuple[int, str], dict[str, Any]] = {}
    for o in rows:
        key = (o.group_type_id, o.group_id)
        entry = groups.setdefault(
            key,
            {"label": o.group_label, "kind": o.get_source_kind_display(), "unassigned": [], "overdue": []},
        )
        (entry["overdue"] if o.has_overdue else entry["unassigned"]).append(o)
    return list(groups.values())


def completion_table(
    user: Any, start: datetime.date, end: datetime.date, today: datetime.date | None = None
) -> list[dict[str, Any]]:
    """Per unit: periods due in [start, end], done on time, done late, overdue, and the rate."""
    today = _today(today)
    visible = Assignment.objects.visible_to(user)
    periods = periods_with_status(
        AssignmentPeriod.objects.filter(
            assignment__in=visible.values("pk"), due_on__gte=start, due_on__lte=end
        ),
        today,
    ).select_related("assignment__unit")
    table: dict[int, dict[str, Any]] = {}
    for p in periods:
        unit = p.assignment.unit
        row = table.setdefault(unit.pk, {"unit": unit, **{s.value: 0 for s in Status}, "total": 0})
        row[p.status] += 1
        row["total"] += 1
    out = []
    for row in table.values():
        due = row["total"] - row[Status.NOT_STARTED.value] - row[Status.IN_PROGRESS.value]
        row["rate"] = round(100 * row[Status.DONE.value] / due) if due else None
        out.append(row)
    return sorted(out, key=lambda r: (r["rate"] if r["rate"] is not None else 101, r["unit"].path))


def open_obstacles(user: Any) -> models.QuerySet:
    from .choices import ObstacleStatus

    return (
        Obstacle.objects.visible_to(user)
        .filter(status__in=[ObstacleStatus.RAISED, ObstacleStatus.ESCALATED])
        .select_related("assignment__obligation", "assignment__unit")
        .order_by("raised_on", "pk")
    )


def deadlines_between(
    user: Any, start: datetime.date, end: datetime.date, today: datetime.date | None = None
):
    """Visible periods due in [start, end] of the user's subtree (calendar and iCal feed)."""
    visible = Assignment.objects.visible_to(user)
    if getattr(user, "unit", None) is not None and not user.has_ministry_scope:
        visible = visible.filter(unit__path__startswith=user.unit.path)
    return (
        periods_with_status(
            AssignmentPeriod.objects.filter(
                assignment__in=visible.values("pk"), due_on__gte=start, due_on__lte=end
            ),
            today,
        )
        .select_related("assignment__obligation", "assignment__unit")
        .order_by("due_on", "pk")
    )


def feed_user(token: str) -> Any | None:
    """The active user whose iCal feed secret is ``token``, or None (the feed has no session)."""
    from .models import FeedToken

    if not token:
        return None
    row = FeedToken.objects.select_related("user__unit").filter(token=token, user__is_active=True).first()
    return row.user if row is not None else None
