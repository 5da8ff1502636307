"""Reads of the tracking engine: the derived status, boards and roll-ups, all through visible_to.

Status is computed in the query against ``today`` and the approved reports, so it is never
stale (DESIGN.md §2, Assignment): a period is done when an approved report completes it
(100 % for a one-off task, any approved report for a recurring report), done late when that
report was submitted after the due date, overdue when its due date has passed without one.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.utils import timezone

from .choices import DeadlineKind, ReportStatus, Status
from .models import Assignment, AssignmentPeriod, Obligation, Obstacle, ProgressReport


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def period_status_annotations(today: datetime.date, prefix: str = "") -> dict[str, Any]:
    """Annotations of an AssignmentPeriod queryset: ``done_on``, ``reported`` and ``status``.

    ``prefix`` lets the same expressions run on a queryset of another model whose rows hold a
    period (``period__``) — not needed by the callers today.
    """
    completing = ProgressReport.objects.filter(period=OuterRef("pk"), status=ReportStatus.APPROVED).filter(
        Q(percent=100) | Q(assignment__deadline_kind=DeadlineKind.RECURRING)
    )
    done_on = Subquery(completing.order_by("submitted_on", "pk").values("submitted_on")[:1])
    reported = Exists(
        ProgressReport.objects.filter(period=OuterRef("pk")).exclude(status=ReportStatus.RETURNED)
    )
    return {
        "done_on": done_on,
        "reported": reported,
    }


def _status_case(today: datetime.date) -> Case:
    return Case(
        When(done_on__isnull=False, done_on__lte=F("due_on"), then=Value(Status.DONE.value)),
        When(done_on__isnull=False, then=Value(Status.DONE_LATE.value)),
        When(due_on__lt=today, then=Value(Status.OVERDUE.value)),
        When(reported=True, then=Value(Status.IN_PROGRESS.value)),
        default=Value(Status.NOT_STARTED.value),
        output_field=models.CharField(),
    )


def periods_with_status(qs: models.QuerySet, today: datetime.date | None = None) -> models.QuerySet:
    """Periods with ``done_on``, ``reported`` and ``status`` (not_started ... overdue)."""
    today = _today(today)
    return qs.annotate(**period_status_annotations(today)).annotate(status=_status_case(today))


def _ranked_periods(today: datetime.date) -> models.QuerySet:
    """Periods of the outer assignment ranked: 0 overdue, 1 open and started, 2 closed, 3 future."""
    return periods_with_status(AssignmentPeriod.objects.filter(assignment=OuterRef("pk")), today).annotate(
        rank=Case(
            When(status=Status.OVERDUE.value, then=Value(0)),
            When(
                status__in=[Status.NOT_STARTED.value, Status.IN_PROGRESS.value],
                starts_on__lte=today,
                then=Value(1),
            ),
            When(status__in=[Status.DONE.value, Status.DONE_LATE.value], then=Value(2)),
            default=Value(3),
            output_field=models.IntegerField(),
        )
    )


def with_status(qs: models.QuerySet, today: datetime.date | None = None) -> models.QuerySet:
    """Assignments annotated with ``status``, ``next_due``, ``overdue_since`` and ``last_percent``.

    The assignment's status: overdue when any period is; else the status of the current
    period (the earliest open one whose window has started, "in progress" when an earlier
    period is done); else done late / done when every period is closed; else not started.
    """
    today = _today(today)
    ranked = _ranked_periods(today)
    last_approved = ProgressReport.objects.filter(
        assignment=OuterRef("pk"), status=ReportStatus.APPROVED
    ).order_by("-submitted_on", "-pk")
    last_any = ProgressReport.objects.filter(assignment=OuterRef("pk")).order_by("-submitted_on", "-pk")
    return qs.annotate(
        _has_overdue=Exists(ranked.filter(rank=0)),
        _current=Subquery(ranked.filter(rank=1).order_by("due_on").values("status")[:1]),
        _has_closed=Exists(ranked.filter(rank=2)),
        _has_late=Exists(ranked.filter(status=Status.DONE_LATE.value)),
        _has_future=Exists(ranked.filter(rank=3)),
        next_due=Subquery(ranked.filter(rank__in=[0, 1, 3]).order_by("due_on").values("due_on")[:1]),
        overdue_since=Subquery(ranked.filter(rank=0).order_by("due_on").values("due_on")[:1]),
        last_percent=Subquery(last_approved.values("percent")[:1]),
        last_report_on=Subquery(last_any.values("submitted_on")[:1]),
    ).annotate(
        status=Case(
            When(_has_overdue=True, then=Value(Status.OVERDUE.value)),
            When(
                _current=Status.NOT_STARTED.value,
                _has_closed=True,
                then=Value(Status.IN_PROGRESS.value),
            ),
            When(_current__isnull=False, then=F("_current")),
            When(_has_closed=True, _has_future=True, then=Value(Status.IN_PROGRESS.value)),
            When(_has_closed=True, _has_late=True, then=Value(Status.DONE_LATE.value)),
            When(_has_closed=True, then=Value(Status.DONE.value)),
            default=Value(Status.NOT_STARTED.value),
            output_field=models.CharField(),
        )
    )


def visible_assignments(user: Any, today: datetime.date | None = None) -> models.QuerySet:
    return with_status(Assignment.objects.visible_to(user), today).select_related(
        "obligation", "unit", "owner_unit", "parent__unit"
    )


def my_work(user: Any, today: datetime.date | None = None) -> models.QuerySet:
    """The assignments of the user's unit subtree, due soon first (overdue on top)."""
    qs = visible_assignments(user, today)
    if getattr(user, "unit", None) is not None:
        qs = qs.filter(unit__path__startswith=user.unit.path)
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


def overdue_board(user: Any, today: datetime.date | None = None) -> dict[str, Any]:
    """Overdue assignments oldest first, with counts by unit and by source."""
    rows = list(
        visible_assignments(user, today).filter(status=Status.OVERDUE.value).order_by("overdue_since", "pk")
    )
    by_unit = Counter(a.unit for a in rows)
    by_source = Counter((a.obligation.source_kind, a.obligation.get_source_kind_display()) for a in rows)
    return {
        "rows": rows,
        "by_unit": sorted(by_unit.items(), key=lambda kv: (-kv[1], kv[0].path)),
        "by_source": sorted(by_source.items(), key=lambda kv: -kv[1]),
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
