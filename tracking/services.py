"""Writes of the tracking engine: obligations, assignments and their periods, reports, obstacles.

Every function checks permission, validates, records history and runs in one transaction
(``core.services``). Other modules create their deadlines through ``obligation_from_source``
and ``assignment_create`` so one engine covers every duty.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _

from access.rules import Action, can
from core.exceptions import PermissionDenied, ValidationError
from core.services import record_create, record_delete, record_update, service

from . import notify
from .calendar import add_working_days, work_calendar
from .choices import (
    AssignmentRole,
    DeadlineKind,
    NotificationKind,
    ObstacleStatus,
    ReportStatus,
)
from .deadlines import Period, after_event_due, recurring_periods
from .models import Assignment, AssignmentPeriod, CalendarDay, Obligation, Obstacle, ProgressReport
from .sources import kind_of, source_spec


def _today() -> datetime.date:
    return timezone.localdate()


def _as_date(value: Any) -> Any:
    if isinstance(value, str) and value:
        return datetime.date.fromisoformat(value)
    return value


# --------------------------------------------------------------------------------------------
# Obligations
# --------------------------------------------------------------------------------------------

OBLIGATION_FIXED = ("source_type", "source_id", "source_label", "group_type", "group_id", "group_label")


@service
def obligation_create(*, actor: Any, data: dict[str, Any]) -> Obligation:
    """A leadership instruction or any obligation recorded by hand."""
    data = {k: v for k, v in data.items() if k not in OBLIGATION_FIXED}
    return record_create(actor=actor, model=Obligation, data=data)


@service
def obligation_update(
    *, actor: Any, obj: Obligation, data: dict[str, Any], version: int | None
) -> Obligation:
    data = {k: v for k, v in data.items() if k not in OBLIGATION_FIXED and k != "source_kind"}
    return record_update(actor=actor, obj=obj, data=data, version=version)


@service
def obligation_delete(*, actor: Any, obj: Obligation, version: int | None) -> None:
    """An obligation with reports cannot be deleted: its history is the record of the work."""
    if ProgressReport.objects.filter(assignment__obligation=obj).exists():
        raise ValidationError(_("This obligation has progress reports and cannot be deleted."))
    record_delete(actor=actor, obj=obj, version=version)


def existing_for_source(source: Any, actor: Any = None, kind: str | None = None) -> Obligation | None:
    """The obligation already made from ``source`` that ``actor`` sees (any, for the system).

    A unit that cannot see another unit's obligation of the same task tracks its own: nobody
    learns of an obligation hidden from them. ``kind`` picks one of several duties of the same
    source (a case's response deadline and its provisional-arrest limit).
    """
    ctype = ContentType.objects.get_for_model(type(source))
    qs = Obligation.objects.filter(source_type=ctype, source_id=str(source.pk))
    if kind is not None:
        qs = qs.filter(source_kind=kind)
    if getattr(actor, "pk", None) is not None:
        qs = qs.visible_to(actor)
    return qs.order_by("pk").first()


@service
def obligation_from_source(
    *,
    actor: Any,
    source: Any,
    data: dict[str, Any] | None = None,
    owner_unit: Any = None,
    kind: str | None = None,
) -> Obligation:
    """Turn a directive task, a clause, a pledge... into an obligation (once per source).

    The obligation is owned by the actor's unit (or ``owner_unit``) and keeps the source's
    classification; calling it again for the same source returns the obligation the actor
    already sees.
    """
    spec = source_spec(type(source))
    if spec is None:
        raise ValidationError(_("This kind of record cannot become an obligation."))
    existing = existing_for_source(source, actor, kind)
    if existing is not None:
        return existing
    group = spec.group(source)
    fields = {
        "priority": "normal",
        **spec.defaults(source),
        **(data or {}),
        "source_kind": kind or kind_of(spec, source),
        "owner_unit": owner_unit or getattr(actor, "unit", None) or source.owner_unit,
        "classification": getattr(source, "classification", "thuong"),
    }
    fields["title"] = str(fields.get("title", ""))[:500]

    def stamp(obligation: Obligation) -> None:
        obligation.source_type = ContentType.objects.get_for_model(type(source))
        obligation.source_id = str(source.pk)
        obligation.source_label = spec.label(source)[:300]
        if group is not None:
            obligation.group_type = ContentType.objects.get_for_model(type(group))
            obligation.group_id = str(group.pk)
            obligation.group_label = str(group)[:300]
        from core.services import build_search_text

        obligation.search_text = build_search_text(obligation)

    return record_create(actor=actor, model=Obligation, data=fields, before_save=stamp)


# --------------------------------------------------------------------------------------------
# Assignments and their periods
# --------------------------------------------------------------------------------------------

DEADLINE_FIELDS = (
    "deadline_kind",
    "due_on",
    "event_label",
    "event_on",
    "days",
    "day_count",
    "frequency",
    "due_day",
    "starts_on",
    "ends_on",
)


def _check_deadline(a: Assignment) -> None:
    errors: dict[str, str] = {}
    kind = a.deadline_kind
    if kind == DeadlineKind.DATE:
        if not a.due_on:
            errors["due_on"] = _("Give the due date.")
        elif a.assigned_on and a.due_on < a.assigned_on:
            errors["due_on"] = _("The due date cannot be before the assignment date.")
    elif kind == DeadlineKind.AFTER_EVENT:
        if not a.days:
            errors["days"] = _("Give the number of days after the event.")
        if not a.event_label:
            errors["event_label"] = _("Name the event the deadline counts from.")
    elif kind == DeadlineKind.RECURRING:
        if not a.frequency:
            errors["frequency"] = _("Choose how often the report is due.")
        if not a.due_day:
            errors["due_day"] = _("Give the due day of the month.")
        if a.starts_on and a.ends_on and a.ends_on < a.starts_on:
            errors["ends_on"] = _("The end cannot be before the start.")
    if errors:
        raise ValidationError(errors)
    if kind != DeadlineKind.RECURRING:
        a.frequency, a.due_day, a.starts_on, a.ends_on = "", None, None, None
    if kind != DeadlineKind.AFTER_EVENT:
        a.event_label, a.event_on, a.days = "", None, None
    if kind == DeadlineKind.AFTER_EVENT:
        a.due_on = after_event_due(a.event_on, a.days, a.day_count, work_calendar()) if a.event_on else None
    if kind == DeadlineKind.RECURRING:
        a.due_on = None
        a.starts_on = a.starts_on or a.assigned_on


def planned_periods(a: Assignment, today: datetime.date | None = None) -> list[Period]:
    """The periods an assignment's deadline declares (none while an event date is unknown)."""
    today = today or _today()
    if a.deadline_kind == DeadlineKind.RECURRING:
        return recurring_periods(
            a.frequency, a.due_day, _as_date(a.starts_on), _as_date(a.ends_on), today=today
        )
    if a.due_on:
        due = _as_date(a.due_on)
        start = min(_as_date(a.assigned_on), due)
        return [Period("", start, due, due)]
    return []


def sync_periods(assignment: Assignment, today: datetime.date | None = None) -> None:
    """Make the stored periods match the deadline; periods with reports are kept (dates updated)."""
    _sync_period_rows(assignment, today)
    refresh_facts(assignment)


def _sync_period_rows(assignment: Assignment, today: datetime.date | None = None) -> None:
    wanted = planned_periods(assignment, today)
    existing = list(assignment.periods.all())
    with_reports = set(
        ProgressReport.objects.filter(assignment=assignment).values_list("period_id", flat=True)
    )
    if assignment.deadline_kind != DeadlineKind.RECURRING:
        # One period: move it rather than replace it, so its reports stay attached.
        if not wanted:
            AssignmentPeriod.objects.filter(assignment=assignment).exclude(pk__in=with_reports).delete()
            return
        period = wanted[0]
        keep = existing[0] if existing else None
        if keep is None:
            AssignmentPeriod.objects.create(
                assignment=assignment,
                starts_on=period.starts_on,
                ends_on=period.ends_on,
                due_on=period.due_on,
            )
        else:
            AssignmentPeriod.objects.filter(pk=keep.pk).update(
                label="", starts_on=period.starts_on, ends_on=period.ends_on, due_on=period.due_on
            )
            AssignmentPeriod.objects.filter(assignment=assignment).exclude(pk=keep.pk).exclude(
                pk__in=with_reports
            ).delete()
        return
    by_start = {p.starts_on: p for p in existing}
    wanted_starts = {p.starts_on for p in wanted}
    for p in wanted:
        current = by_start.get(p.starts_on)
        if current is None:
            AssignmentPeriod.objects.create(
                assignment=assignment,
                label=p.label,
                starts_on=p.starts_on,
                ends_on=p.ends_on,
                due_on=p.due_on,
            )
        elif (current.ends_on, current.due_on, current.label) != (p.ends_on, p.due_on, p.label):
            AssignmentPeriod.objects.filter(pk=current.pk).update(
                label=p.label, ends_on=p.ends_on, due_on=p.due_on
            )
    AssignmentPeriod.objects.filter(assignment=assignment).exclude(starts_on__in=wanted_starts).exclude(
        pk__in=with_reports
    ).delete()


def refresh_facts(assignment: Assignment | int) -> None:
    """Recompute the stored facts of an assignment's periods and reports (not its status).

    A period is completed by its first approved report that completes it (100 % for a one-off
    task, any approved report for a recurring report); the assignment keeps its earliest
    open period, whether any period is closed or closed late, and its latest report. Called
    by every service that changes periods or reports, inside their transaction.
    """
    pk = assignment if isinstance(assignment, int) else assignment.pk
    current = Assignment.objects.filter(pk=pk).values("deadline_kind").first()
    if current is None:
        return
    recurring = current["deadline_kind"] == DeadlineKind.RECURRING
    reports = list(
        ProgressReport.objects.filter(assignment_id=pk)
        .order_by("submitted_on", "pk")
        .values("period_id", "status", "percent", "submitted_on")
    )
    periods = list(AssignmentPeriod.objects.filter(assignment_id=pk).order_by("due_on", "pk"))
    for period in periods:
        own = [r for r in reports if r["period_id"] == period.pk]
        completing = [
            r for r in own if r["status"] == ReportStatus.APPROVED and (recurring or r["percent"] == 100)
        ]
        completed_on = completing[0]["submitted_on"] if completing else None
        has_report = any(r["status"] != ReportStatus.RETURNED for r in own)
        if (period.completed_on, period.has_report) != (completed_on, has_report):
            AssignmentPeriod.objects.filter(pk=period.pk).update(
                completed_on=completed_on, has_report=has_report
            )
            period.completed_on, period.has_report = completed_on, has_report
    open_ = [p for p in periods if p.completed_on is None]
    first = open_[0] if open_ else None
    approved = [r for r in reports if r["status"] == ReportStatus.APPROVED]
    Assignment.objects.filter(pk=pk).update(
        open_due_on=first.due_on if first else None,
        open_starts_on=first.starts_on if first else None,
        open_reported=bool(first and first.has_report),
        any_closed=any(p.completed_on is not None for p in periods),
        any_late=any(p.completed_on is not None and p.completed_on > p.due_on for p in periods),
        has_periods=bool(periods),
        latest_percent=approved[-1]["percent"] if approved else None,
        latest_report_on=reports[-1]["submitted_on"] if reports else None,
    )


def _check_placement(actor: Any, a: Assignment) -> None:
    """Who may assign to whom: inside one's subtree, a sub-assignment inside its parent's unit."""
    errors: dict[str, str] = {}
    if a.parent_id:
        parent = a.parent
        if parent.obligation_id != a.obligation_id:
            errors["parent"] = _("The parent assignment belongs to another obligation.")
        elif a.unit_id == parent.unit_id or not a.unit.path.startswith(parent.unit.path):
            errors["unit"] = _("A sub-assignment goes to a unit inside {}.").format(parent.unit)
    if not actor_has_ministry_scope(actor) and getattr(actor, "unit", None) is not None:
        if not a.unit.path.startswith(actor.unit.path):
            errors["unit"] = _("You can assign work only to units inside {}.").format(actor.unit)
    if errors:
        raise ValidationError(errors)
    siblings = Assignment.objects.filter(obligation_id=a.obligation_id, parent_id=a.parent_id)
    if a.pk:
        siblings = siblings.exclude(pk=a.pk)
    if siblings.filter(unit_id=a.unit_id).exists():
        raise ValidationError({"unit": _("{} already has this assignment.").format(a.unit)})
    if a.role == AssignmentRole.LEAD and siblings.filter(role=AssignmentRole.LEAD).exists():
        lead = siblings.filter(role=AssignmentRole.LEAD).select_related("unit").first()
        raise ValidationError(
            {"role": _("{} already leads this obligation; a second unit can only support.").format(lead.unit)}
        )


def actor_has_ministry_scope(actor: Any) -> bool:
    return bool(getattr(actor, "has_ministry_scope", False)) or getattr(actor, "pk", None) is None


def _assignment_data(data: dict[str, Any]) -> dict[str, Any]:
    obligation = data["obligation"]
    parent = data.get("parent")
    return {
        **data,
        "owner_unit": parent.unit if parent else obligation.owner_unit,
        "classification": obligation.classification,
        "classified_on": obligation.classified_on,
        "protection_years": obligation.protection_years,
    }


def _notify_assigned(assignment: Assignment) -> None:
    notify.notify(
        notify.unit_staff(assignment.unit),
        kind=NotificationKind.ASSIGNED,
        title=_("New assignment: {}").format(assignment.obligation.title),
        key=f"assigned:{assignment.pk}",
        classification=assignment.classification,
        url=assignment.get_absolute_url(),
    )


@service
def assignment_create(*, actor: Any, data: dict[str, Any]) -> Assignment:
    """Give an obligation to a unit (lead or support) with its deadline; periods are generated."""
    data = _assignment_data(data)

    def check(a: Assignment) -> None:
        _check_deadline(a)
        _check_placement(actor, a)

    assignment = record_create(
        actor=actor, model=Assignment, data=data, before_save=check, permission=Action.ASSIGN
    )
    sync_periods(assignment)
    _notify_assigned(assignment)
    return assignment


@service
def assignment_update(
    *, actor: Any, obj: Assignment, data: dict[str, Any], version: int | None
) -> Assignment:
    """Change the unit, role or deadline; the periods follow (those with reports are kept)."""
    data = {
        k: v for k, v in data.items() if k not in ("obligation", "parent", "owner_unit", "classification")
    }

    def check(a: Assignment) -> None:
        _check_deadline(a)
        _check_placement(actor, a)

    assignment = record_update(
        actor=actor, obj=obj, data=data, version=version, before_save=check, permission=Action.ASSIGN
    )
    sync_periods(assignment)
    return assignment


@service
def assignment_pause_reminders(
    *, actor: Any, obj: Assignment, reason: str, version: int | None
) -> Assignment:
    """Pause (a reason) or resume (an empty reason) the reminders of an assignment.

    Used while waiting on a partner; the deadline and its status are not changed.
    """
    reason = (reason or "").strip()

    def stamp(a: Assignment) -> None:
        if reason:
            a.reminders_paused_on = a.reminders_paused_on or _today()
            a.pause_reason = reason[:300]
        else:
            a.reminders_paused_on, a.pause_reason = None, ""

    return record_update(actor=actor, obj=obj, data={}, version=version, before_save=stamp)


@service
def assignment_delete(*, actor: Any, obj: Assignment, version: int | None) -> None:
    """An assignment with reports stays: its reports are the record of the work done."""
    if ProgressReport.objects.filter(assignment__in=_subtree_of(obj)).exists():
        raise ValidationError(_("This assignment has progress reports and cannot be deleted."))
    record_delete(actor=actor, obj=obj, version=version, permission=Action.ASSIGN)


def _subtree_of(assignment: Assignment) -> list[int]:
    ids, frontier = [assignment.pk], [assignment.pk]
    while frontier:
        frontier = list(Assignment.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


@service
def assign_many(
    *,
    actor: Any,
    obligation: Obligation,
    units: Iterable[Any],
    data: dict[str, Any],
    lead_unit: Any | None = None,
) -> list[Assignment]:
    """One obligation to many units (all 34 provinces) in one transaction: all or nothing.

    Only one unit may lead at a level, so with ``lead_unit`` that unit leads and every other
    unit supports; without it, asking several units to lead is refused up front with the
    reason, not after the first unit has taken the lead.
    """
    units = list(units)
    if lead_unit is not None and all(u.pk != lead_unit.pk for u in units):
        units.append(lead_unit)
    if not units:
        raise ValidationError({"units": _("Choose at least one unit.")})
    if lead_unit is None and data.get("role") == AssignmentRole.LEAD and len(units) > 1:
        raise ValidationError(
            {"role": _("Only one unit can lead an obligation: choose the lead unit, the others support.")}
        )
    made: list[Assignment] = []
    errors: list[str] = []
    for unit in units:
        row = {**data, "obligation": obligation, "unit": unit}
        if lead_unit is not None:
            row["role"] = AssignmentRole.LEAD if unit.pk == lead_unit.pk else AssignmentRole.SUPPORT
        try:
            made.append(assignment_create(actor=actor, data=row))
        except ValidationError as exc:
            # The failed unit's savepoint is rolled back; go on to report every refusal at once.
            errors.append(f"{unit}: {' '.join(exc.messages)}")
    if errors:
        raise ValidationError({"units": _("Nothing was assigned. {}").format(" ".join(errors))})
    return made


# --------------------------------------------------------------------------------------------
# Progress reports, approved level by level
# --------------------------------------------------------------------------------------------


def approval_chain(assignment: Assignment) -> list[Any]:
    """The units that approve a report, bottom-up: the assignment's unit, then its parents' units."""
    chain = []
    node: Assignment | None = assignment
    while node is not None:
        chain.append(node.unit)
        node = node.parent
    return chain


def current_period(assignment: Assignment, today: datetime.date | None = None) -> AssignmentPeriod | None:
    """The period a new report is for: the earliest not yet done whose window has started."""
    from .selectors import periods_with_status

    today = today or _today()
    periods = periods_with_status(AssignmentPeriod.objects.filter(assignment=assignment), today)
    open_ = [p for p in periods if p.status not in ("done", "done_late")]
    started = [p for p in open_ if p.starts_on <= today]
    if started:
        return started[0]
    if open_:
        return open_[0]
    return None


def _check_report(report: ProgressReport) -> None:
    if report.period.assignment_id != report.assignment_id:
        raise ValidationError({"period": _("The period belongs to another assignment.")})
    pending = ProgressReport.objects.filter(
        period_id=report.period_id, status=ReportStatus.SUBMITTED
    ).exclude(pk=report.pk)
    if pending.exists():
        raise ValidationError({"period": _("A report for this period is already awaiting approval.")})
    done = ProgressReport.objects.filter(
        period_id=report.period_id, status=ReportStatus.APPROVED, percent=100
    )
    if done.exclude(pk=report.pk).exists():
        raise ValidationError({"period": _("This period is already done.")})
    report.late = report.submitted_on > report.period.due_on


@service
def report_submit(*, actor: Any, data: dict[str, Any]) -> ProgressReport:
    """An officer of the assigned unit reports progress; it waits for that unit's head."""
    assignment = data["assignment"]
    period = data.get("period") or current_period(assignment)
    if period is None:
        raise ValidationError({"period": _("This assignment has no period to report on yet.")})
    fields = {
        **data,
        "period": period,
        "submitted_on": _today(),
        "status": ReportStatus.SUBMITTED,
        "owner_unit": assignment.unit,
        "classification": assignment.classification,
        "classified_on": assignment.classified_on,
        "protection_years": assignment.protection_years,
    }

    def stamp(report: ProgressReport) -> None:
        report.awaiting_unit = assignment.unit
        _check_report(report)

    report = record_create(actor=actor, model=ProgressReport, data=fields, before_save=stamp)
    refresh_facts(assignment)
    _notify_reviewers(report)
    return report


def _notify_reviewers(report: ProgressReport) -> None:
    notify.notify(
        notify.unit_heads(report.awaiting_unit),
        kind=NotificationKind.REPORT_SUBMITTED,
        title=_("Report to review: {}").format(report.assignment.obligation.title),
        key=f"report:{report.pk}:v{report.version}:{report.awaiting_unit_id}",
        classification=report.classification,
        url=report.get_absolute_url(),
    )


@service
def report_update(
    *, actor: Any, obj: ProgressReport, data: dict[str, Any], version: int | None
) -> ProgressReport:
    """Correct a report before approval; a returned report goes back for approval. Approved is locked."""
    if obj.status == ReportStatus.APPROVED:
        raise ValidationError(_("An approved report is locked."))
    # An empty period in an edit keeps the report's period.
    data = {k: v for k, v in data.items() if k in ("percent", "narrative") or (k == "period" and v)}

    def stamp(report: ProgressReport) -> None:
        if report.status == ReportStatus.RETURNED:
            report.status = ReportStatus.SUBMITTED
            report.submitted_on = _today()
        report.awaiting_unit = report.assignment.unit
        _check_report(report)

    report = record_update(actor=actor, obj=obj, data=data, version=version, before_save=stamp)
    refresh_facts(report.assignment_id)
    _notify_reviewers(report)
    return report


@service
def report_delete(*, actor: Any, obj: ProgressReport, version: int | None) -> None:
    if obj.status == ReportStatus.APPROVED:
        raise ValidationError(_("An approved report is locked."))
    record_delete(actor=actor, obj=obj, version=version)
    refresh_facts(obj.assignment_id)


def _check_reviewer(actor: Any, report: ProgressReport) -> None:
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be approved or returned."))
    if not can(actor, Action.APPROVE, report):
        raise PermissionDenied(_("You may not review this report."))
    if report.created_by_id and report.created_by_id == getattr(actor, "pk", None):
        raise PermissionDenied(_("You cannot review your own report."))
    if not actor_has_ministry_scope(actor) and actor.unit_id != report.awaiting_unit_id:
        raise PermissionDenied(_("This report awaits the head of {}.").format(report.awaiting_unit))


@service
def report_approve(
    *, actor: Any, obj: ProgressReport, version: int | None, comment: str = ""
) -> ProgressReport:
    """Approve at this level; it moves up to the next unit of the chain or is final (and locked)."""
    _check_reviewer(actor, obj)
    chain = approval_chain(obj.assignment)
    ids = [u.pk for u in chain]
    position = ids.index(obj.awaiting_unit_id) if obj.awaiting_unit_id in ids else len(ids) - 1
    final = actor_has_ministry_scope(actor) or position + 1 >= len(chain)

    def stamp(report: ProgressReport) -> None:
        report.reviewed_by = actor if getattr(actor, "pk", None) else None
        report.reviewed_on = _today()
        report.review_comment = comment
        if final:
            report.status = ReportStatus.APPROVED
            report.awaiting_unit = None
        else:
            report.awaiting_unit = chain[position + 1]

    report = record_update(
        actor=actor, obj=obj, data={}, version=version, before_save=stamp, permission=Action.APPROVE
    )
    refresh_facts(report.assignment_id)
    if final:
        notify.notify(
            [report.created_by] if report.created_by else [],
            kind=NotificationKind.REPORT_APPROVED,
            title=_("Report approved: {}").format(report.assignment.obligation.title),
            key=f"approved:{report.pk}",
            classification=report.classification,
            url=report.get_absolute_url(),
        )
    else:
        _notify_reviewers(report)
    return report


@service
def report_return(*, actor: Any, obj: ProgressReport, version: int | None, comment: str) -> ProgressReport:
    """Send a report back with a comment; the officer corrects and resubmits it."""
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say why the report is returned.")})
    _check_reviewer(actor, obj)

    def stamp(report: ProgressReport) -> None:
        report.status = ReportStatus.RETURNED
        report.awaiting_unit = None
        report.review_comment = comment
        report.reviewed_by = actor if getattr(actor, "pk", None) else None
        report.reviewed_on = _today()

    report = record_update(
        actor=actor, obj=obj, data={}, version=version, before_save=stamp, permission=Action.APPROVE
    )
    refresh_facts(report.assignment_id)
    notify.notify(
        [report.created_by] if report.created_by else [],
        kind=NotificationKind.REPORT_RETURNED,
        title=_("Report returned: {}").format(report.assignment.obligation.title),
        key=f"returned:{report.pk}:v{report.version}",
        classification=report.classification,
        url=report.get_absolute_url(),
        body=comment,
    )
    return report


# --------------------------------------------------------------------------------------------
# Obstacles and escalation
# --------------------------------------------------------------------------------------------


def coordination_unit() -> Any:
    """Cục Đối ngoại: the unit that answers obstacles (settings.HOPTAC_COORDINATION_UNIT)."""
    from org.models import Unit

    return Unit.objects.filter(code=settings.HOPTAC_COORDINATION_UNIT).first()


def leadership_unit() -> Any:
    """The Ministry leadership (settings.HOPTAC_LEADERSHIP_UNIT): owner of escalated obstacles."""
    from org.models import Unit

    return Unit.objects.filter(code=settings.HOPTAC_LEADERSHIP_UNIT).first()


def answer_days() -> int:
    return int(getattr(settings, "HOPTAC_OBSTACLE_ANSWER_DAYS", 5))


@service
def obstacle_raise(*, actor: Any, data: dict[str, Any]) -> Obstacle:
    """An officer raises a vướng mắc with a kiến nghị; Cục Đối ngoại answers within N working days."""
    if not can(actor, Action.RAISE_ESCALATION, Obstacle):
        raise PermissionDenied(_("You may not raise obstacles."))
    assignment = data["assignment"]
    fields = {
        **{k: v for k, v in data.items() if k in ("assignment", "description", "proposal")},
        "owner_unit": assignment.unit,
        "classification": assignment.classification,
        "classified_on": assignment.classified_on,
        "protection_years": assignment.protection_years,
    }
    today = _today()

    def stamp(obstacle: Obstacle) -> None:
        obstacle.status = ObstacleStatus.RAISED
        obstacle.raised_on = today
        obstacle.handler_unit = coordination_unit()
        obstacle.response_due_on = add_working_days(today, answer_days())

    obstacle = record_create(actor=actor, model=Obstacle, data=fields, before_save=stamp)
    notify.notify(
        notify.coordinators(),
        kind=NotificationKind.OBSTACLE_RAISED,
        title=_("Obstacle raised by {}: {}").format(assignment.unit, obstacle.description[:80]),
        key=f"obstacle:{obstacle.pk}:raised",
        classification=obstacle.classification,
        url=obstacle.get_absolute_url(),
    )
    return obstacle


@service
def obstacle_update(*, actor: Any, obj: Obstacle, data: dict[str, Any], version: int | None) -> Obstacle:
    """The text can change while Cục Đối ngoại has not answered."""
    if obj.status != ObstacleStatus.RAISED:
        raise ValidationError(_("An obstacle that has been answered or escalated cannot be changed."))
    data = {k: v for k, v in data.items() if k in ("description", "proposal")}
    return record_update(actor=actor, obj=obj, data=data, version=version)


@service
def obstacle_delete(*, actor: Any, obj: Obstacle, version: int | None) -> None:
    if obj.status != ObstacleStatus.RAISED:
        raise ValidationError(_("An obstacle that has been answered or escalated cannot be deleted."))
    record_delete(actor=actor, obj=obj, version=version)


def _step(
    actor: Any, obj: Obstacle, *, expected: str, permission: str, version: int | None, stamp
) -> Obstacle:
    if obj.status != expected:
        raise ValidationError(
            _("This step is not possible: the obstacle is “{}”.").format(obj.get_status_display())
        )
    return record_update(
        actor=actor, obj=obj, data={}, version=version, before_save=stamp, permission=permission
    )


@service
def obstacle_answer(*, actor: Any, obj: Obstacle, version: int | None, answer: str) -> Obstacle:
    """Cục Đối ngoại answers with guidance."""
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Write the guidance.")})

    def stamp(o: Obstacle) -> None:
        o.status = ObstacleStatus.ANSWERED
        o.answer = answer
        o.answered_by = actor if getattr(actor, "pk", None) else None
        o.answered_on = _today()

    obstacle = _step(
        actor,
        obj,
        expected=ObstacleStatus.RAISED,
        permission=Action.ANSWER_ESCALATION,
        version=version,
        stamp=stamp,
    )
    notify.notify(
        notify.unit_staff(obstacle.assignment.unit),
        kind=NotificationKind.OBSTACLE_ANSWERED,
        title=_("Guidance on your obstacle: {}").format(obstacle.description[:80]),
        key=f"obstacle:{obstacle.pk}:answered",
        classification=obstacle.classification,
        url=obstacle.get_absolute_url(),
        body=answer,
    )
    return obstacle


@service
def obstacle_escalate(*, actor: Any, obj: Obstacle, version: int | None, note: str = "") -> Obstacle:
    """Cục Đối ngoại cannot settle it: the leadership decides, within N working days."""
    today = _today()

    def stamp(o: Obstacle) -> None:
        o.status = ObstacleStatus.ESCALATED
        o.escalated_on = today
        o.handler_unit = leadership_unit() or o.handler_unit
        o.decision_due_on = add_working_days(today, answer_days())
        if note:
            o.answer = note
            o.answered_by = actor if getattr(actor, "pk", None) else None
            o.answered_on = today

    obstacle = _step(
        actor,
        obj,
        expected=ObstacleStatus.RAISED,
        permission=Action.ANSWER_ESCALATION,
        version=version,
        stamp=stamp,
    )
    notify.notify(
        notify.leadership(),
        kind=NotificationKind.OBSTACLE_ESCALATED,
        title=_("Obstacle for decision: {}").format(obstacle.description[:80]),
        key=f"obstacle:{obstacle.pk}:escalated",
        classification=obstacle.classification,
        url=obstacle.get_absolute_url(),
    )
    return obstacle


@service
def obstacle_decide(*, actor: Any, obj: Obstacle, version: int | None, decision: str) -> Obstacle:
    """The leadership's decision closes the escalation."""
    if not (decision or "").strip():
        raise ValidationError({"decision": _("Write the decision.")})

    def stamp(o: Obstacle) -> None:
        o.status = ObstacleStatus.DECIDED
        o.decision = decision
        o.decided_by = actor if getattr(actor, "pk", None) else None
        o.decided_on = _today()

    obstacle = _step(
        actor,
        obj,
        expected=ObstacleStatus.ESCALATED,
        permission=Action.DECIDE_ESCALATION,
        version=version,
        stamp=stamp,
    )
    notify.notify(
        [*notify.unit_staff(obstacle.assignment.unit), *notify.coordinators()],
        kind=NotificationKind.OBSTACLE_DECIDED,
        title=_("Leadership decision on an obstacle: {}").format(obstacle.description[:80]),
        key=f"obstacle:{obstacle.pk}:decided",
        classification=obstacle.classification,
        url=obstacle.get_absolute_url(),
        body=decision,
    )
    return obstacle


# --------------------------------------------------------------------------------------------
# Calendar of days off and notifications
# --------------------------------------------------------------------------------------------


@service
def calendar_day_create(*, actor: Any, data: dict[str, Any]) -> CalendarDay:
    """Record a Government decision on a day (an extra day off or a swapped working day)."""
    return record_create(actor=actor, model=CalendarDay, data=data)


@service
def calendar_day_update(
    *, actor: Any, obj: CalendarDay, data: dict[str, Any], version: int | None
) -> CalendarDay:
    return record_update(actor=actor, obj=obj, data=data, version=version)


@service
def calendar_day_delete(*, actor: Any, obj: CalendarDay, version: int | None = None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


@service
def notifications_mark_read(*, actor: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the actor's notifications read (all of them when ``ids`` is None)."""
    from .models import Notification

    qs = Notification.objects.visible_to(actor).unread()
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


@service
def feed_token_renew(*, actor: Any) -> str:
    """Create or replace the secret of the actor's iCal feed (the old URL stops working)."""
    from .models import FeedToken, new_feed_token

    token = new_feed_token()
    FeedToken.objects.update_or_create(user=actor, defaults={"token": token})
    return token


# --------------------------------------------------------------------------------------------
# Coverage of commitments: track an untracked commitment in one action
# --------------------------------------------------------------------------------------------

# The lead's deadline when the commitment names none (its pledge's "expected by" is used first).
TRACK_DEFAULT_DAYS = 30


@service
def commitment_track(
    *,
    actor: Any,
    source: Any,
    lead_unit: Any = None,
    due_on: datetime.date | None = None,
) -> Assignment:
    """Track a commitment: its obligation (made from the source once per visibility, or the
    leadership instruction itself) and a lead assignment to ``lead_unit`` (default: the
    actor's unit) due on ``due_on`` (default: in ``TRACK_DEFAULT_DAYS`` days).

    All or nothing: an actor who may make the obligation but not assign it leaves nothing.
    Returns the lead assignment (the one the actor already sees when there is one).
    """
    if isinstance(source, Obligation):
        obligation = source
    else:
        obligation = obligation_from_source(actor=actor, source=source)
    lead = (
        Assignment.objects.visible_to(actor)
        .filter(obligation=obligation, parent__isnull=True, role=AssignmentRole.LEAD)
        .first()
    )
    if lead is not None:
        return lead
    unit = lead_unit or getattr(actor, "unit", None)
    if unit is None:
        raise ValidationError({"lead_unit": _("Choose the lead unit.")})
    hint = getattr(source, "due_hint", None)
    if due_on is None:
        due_on = hint if hint and hint >= _today() else _today() + datetime.timedelta(days=TRACK_DEFAULT_DAYS)
    return assignment_create(
        actor=actor,
        data={
            "obligation": obligation,
            "unit": unit,
            "role": AssignmentRole.LEAD,
            "deadline_kind": DeadlineKind.DATE,
            "due_on": due_on,
        },
    )
