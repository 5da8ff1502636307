"""The daily round of reminders (đôn đốc): due soon, due today, overdue digests, nudges.

System code, not a view: it reads every period unfiltered, then sends each recipient only
what that recipient may see (their unit subtree, at most their clearance). It is idempotent
by construction: every ``notify()`` key names the occasion and its date, so a restarted or
doubled worker, or the round run twice a day, sends nothing twice (``tracking.notify``).

Run by the ``run_daily_round`` task (``tracking.tasks``) or ``manage.py send_reminders``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from access.choices import Role, level_rank
from core.context import SYSTEM, change_context
from core.services import service

from . import notify
from .choices import DeadlineKind, NotificationKind, Status
from .models import Assignment, AssignmentPeriod
from .selectors import periods_with_status
from .services import planned_periods, sync_periods

# Statuses of a period still waiting for its report (before or on its due date).
PENDING = (Status.NOT_STARTED.value, Status.IN_PROGRESS.value)
OPEN = (*PENDING, Status.OVERDUE.value)
# A digest lists at most this many assignments; the rest are counted.
DIGEST_MAX_ITEMS = 50


def days_before() -> int:
    return int(getattr(settings, "HOPTAC_REMINDER_DAYS_BEFORE", 3))


def nudge_after() -> int:
    return int(getattr(settings, "HOPTAC_NUDGE_AFTER_DAYS", 30))


# Daily jobs of other modules (instruments' expiry alerts, yearly plans...): name -> fn(today) -> count.
DAILY_JOBS: dict[str, Any] = {}


def register_daily_job(name: str, job: Any) -> None:
    """Run ``job(today)`` in every daily round (tracking does not import the modules that use it)."""
    DAILY_JOBS[name] = job


def daily_round(today: datetime.date | None = None) -> dict[str, int]:
    """Send today's reminders and top up recurring periods; return what was created, by kind.

    The top-up runs first, so a period it adds is reminded in the same round. Texts are in
    the site language (Vietnamese), whatever language the caller has active.
    """
    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE), change_context(SYSTEM):
        counts = {"periods_added": top_up_recurring(today)}
        for name, job in DAILY_JOBS.items():
            counts[name] = job(today)
        cache = _RecipientCache()
        counts["due_soon"] = send_due_soon(today, cache)
        counts["due_today"] = send_due_today(today, cache)
        counts["overdue_digests"] = send_overdue_digests(today)
        counts["nudges"] = send_nudges(today, cache)
        counts["untracked_digests"] = send_untracked_digests(today)
    return counts


# --------------------------------------------------------------------------------------------
# Recurring duties: keep their periods generated ahead
# --------------------------------------------------------------------------------------------


@service
def recurring_top_up(*, actor: Any, assignment: Assignment, today: datetime.date) -> int:
    """Generate the periods of a recurring assignment up to today's horizon; the number added."""
    before = AssignmentPeriod.objects.filter(assignment=assignment).count()
    sync_periods(assignment, today)
    return AssignmentPeriod.objects.filter(assignment=assignment).count() - before


def top_up_recurring(today: datetime.date) -> int:
    """Running recurring assignments get their next periods as time passes.

    Only additive: an assignment is synced when its declaration plans a period not yet
    stored, so a round run for an earlier day never removes periods. Each assignment is
    its own transaction.
    """
    is_running = Q(deadline_kind=DeadlineKind.RECURRING) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    running = list(Assignment.objects.filter(is_running).order_by("pk"))
    stored: dict[int, set[datetime.date]] = defaultdict(set)
    periods = AssignmentPeriod.objects.filter(
        assignment__in=Assignment.objects.filter(is_running).values("pk")
    )
    for assignment_id, starts_on in periods.values_list("assignment_id", "starts_on"):
        stored[assignment_id].add(starts_on)
    added = 0
    for assignment in running:
        if {p.starts_on for p in planned_periods(assignment, today)} - stored[assignment.pk]:
            added += max(0, recurring_top_up(actor=SYSTEM, assignment=assignment, today=today))
    return added


# --------------------------------------------------------------------------------------------
# Who may be told what
# --------------------------------------------------------------------------------------------


def cleared(users: Iterable[Any], classification: str) -> list[Any]:
    """The users whose clearance reaches ``classification``: nobody learns of what they cannot see."""
    rank = level_rank(classification)
    return [u for u in users if level_rank(u.clearance) >= rank]


class _RecipientCache:
    """The staff of each unit, fetched once per round."""

    def __init__(self) -> None:
        self._staff: dict[int, list[Any]] = {}

    def staff(self, unit: Any) -> list[Any]:
        if unit.pk not in self._staff:
            self._staff[unit.pk] = notify.unit_staff(unit)
        return self._staff[unit.pk]


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _periods(today: datetime.date):
    """Periods of assignments whose reminders run (a paused one waits on a partner)."""
    periods = AssignmentPeriod.objects.filter(assignment__reminders_paused_on__isnull=True)
    return periods_with_status(periods, today).select_related("assignment__obligation", "assignment__unit")


def _period_body(period: AssignmentPeriod) -> str:
    a = period.assignment
    lines = [
        _("Assignment: {}").format(a.obligation.title),
        _("Assigned unit: {}").format(a.unit),
        _("Due on: {}").format(_date(period.due_on)),
    ]
    if period.label:
        lines.insert(2, _("Period: {}").format(period.label))
    return "\n".join(lines)


def _send_for_periods(
    periods: Iterable[AssignmentPeriod],
    cache: _RecipientCache,
    *,
    kind: str,
    occasion: str,
    title: Callable[[AssignmentPeriod], str],
) -> int:
    sent = 0
    for p in periods:
        a = p.assignment
        sent += len(
            notify.notify(
                cleared(cache.staff(a.unit), a.classification),
                kind=kind,
                title=title(p),
                key=f"{occasion}:{p.pk}:{p.due_on.isoformat()}",
                url=a.get_absolute_url(),
                body=_period_body(p),
            )
        )
    return sent


# --------------------------------------------------------------------------------------------
# The occasions
# --------------------------------------------------------------------------------------------


def send_due_soon(today: datetime.date, cache: _RecipientCache | None = None) -> int:
    """Open periods due within the next N days (HOPTAC_REMINDER_DAYS_BEFORE), to the unit's staff.

    A window rather than the single day N days ahead, so a day the worker missed is caught
    up; the key (period and due date) still sends each reminder once.
    """
    n = days_before()
    if n <= 0:
        return 0
    periods = _periods(today).filter(
        due_on__gt=today, due_on__lte=today + datetime.timedelta(days=n), status__in=PENDING
    )

    def title(p: AssignmentPeriod) -> str:
        left = (p.due_on - today).days
        return ngettext("Due in {n} day: {title}", "Due in {n} days: {title}", left).format(
            n=left, title=p.assignment.obligation.title
        )

    return _send_for_periods(
        periods.order_by("due_on", "pk"),
        cache or _RecipientCache(),
        kind=NotificationKind.DUE_SOON,
        occasion="due_soon",
        title=title,
    )


def send_due_today(today: datetime.date, cache: _RecipientCache | None = None) -> int:
    """Open periods due today, to the unit's staff."""
    periods = _periods(today).filter(due_on=today, status__in=PENDING)
    return _send_for_periods(
        periods.order_by("pk"),
        cache or _RecipientCache(),
        kind=NotificationKind.DUE_TODAY,
        occasion="due_today",
        title=lambda p: _("Due today: {}").format(p.assignment.obligation.title),
    )


def overdue_assignments(today: datetime.date) -> list[Assignment]:
    """Assignments with an overdue period, each once, with ``overdue_since`` (its oldest due date)."""
    since: dict[int, datetime.date] = {}
    rows: dict[int, Assignment] = {}
    overdue = _periods(today).filter(due_on__lt=today, status=Status.OVERDUE.value)
    for p in overdue.order_by("due_on", "pk"):
        if p.assignment_id not in rows:
            rows[p.assignment_id] = p.assignment
            since[p.assignment_id] = p.due_on
    out = list(rows.values())
    for a in out:
        a.overdue_since = since[a.pk]
    return sorted(out, key=lambda a: (a.overdue_since, a.unit.path, a.pk))


def send_overdue_digests(today: datetime.date) -> int:
    """One digest per recipient per day, only when it lists something.

    Unit heads get their subtree's overdue assignments, coordinators every one; each sees
    only assignments at most their clearance.
    """
    from org.models import User

    overdue = overdue_assignments(today)
    if not overdue:
        return 0
    people = (
        User.objects.filter(is_active=True, roles__code__in=[Role.UNIT_HEAD, Role.COORDINATOR])
        .select_related("unit")
        .prefetch_related("roles")
        .distinct()
        .order_by("pk")
    )
    sent = 0
    for user in people:
        codes = {r.code for r in user.roles.all()}
        if Role.COORDINATOR in codes:
            scope = overdue
        elif user.unit is not None:
            scope = [a for a in overdue if a.unit.path.startswith(user.unit.path)]
        else:
            scope = []
        rank = level_rank(user.clearance)
        items = [a for a in scope if level_rank(a.classification) <= rank]
        if not items:
            continue
        sent += len(
            notify.notify(
                [user],
                kind=NotificationKind.OVERDUE_DIGEST,
                title=ngettext("{n} overdue assignment", "{n} overdue assignments", len(items)).format(
                    n=len(items)
                ),
                key=f"digest:{user.pk}:{today.isoformat()}",
                url=reverse("tracking:assignment_list"),
                body=_digest_body(items),
            )
        )
    return sent


def _digest_body(items: list[Assignment]) -> str:
    lines = [
        _("• {title} — {unit} — overdue since {date}").format(
            title=a.obligation.title, unit=a.unit, date=_date(a.overdue_since)
        )
        for a in items[:DIGEST_MAX_ITEMS]
    ]
    more = len(items) - DIGEST_MAX_ITEMS
    if more > 0:
        lines.append(ngettext("… and {n} more.", "… and {n} more.", more).format(n=more))
    return "\n".join(lines)


def send_nudges(today: datetime.date, cache: _RecipientCache | None = None) -> int:
    """An open assignment without any report for N days (HOPTAC_NUDGE_AFTER_DAYS): nudge its unit.

    The silence counts from the last report (or the assignment date); a nudge falls due every
    N days of it, and its key is the date it fell due, so each is sent once.
    """
    n = nudge_after()
    if n <= 0:
        return 0
    cache = cache or _RecipientCache()
    open_ids = (
        _periods(today).filter(status__in=OPEN, starts_on__lte=today).values("assignment_id").distinct()
    )
    assignments = (
        Assignment.objects.filter(pk__in=open_ids, assigned_on__lte=today - datetime.timedelta(days=n))
        .annotate(last_report_on=Max("reports__submitted_on"))
        .select_related("obligation", "unit")
        .order_by("pk")
    )
    sent = 0
    for a in assignments:
        silent_since = a.last_report_on or a.assigned_on
        days = (today - silent_since).days
        if days < n:
            continue
        fell_due = silent_since + datetime.timedelta(days=n * (days // n))
        created = notify.notify(
            cleared(cache.staff(a.unit), a.classification),
            kind=NotificationKind.NO_REPORT,
            title=ngettext("No report for {n} day: {title}", "No report for {n} days: {title}", days).format(
                n=days, title=a.obligation.title
            ),
            key=f"no_report:{a.pk}:{fell_due.isoformat()}",
            url=a.get_absolute_url(),
            body="\n".join(
                [
                    _("Assignment: {}").format(a.obligation.title),
                    _("Assigned unit: {}").format(a.unit),
                    _("Last report: {}").format(_date(a.last_report_on))
                    if a.last_report_on
                    else _("No report yet since the assignment on {}.").format(_date(a.assigned_on)),
                ]
            ),
        )
        sent += len(created)
    return sent


# --------------------------------------------------------------------------------------------
# Commitments nobody tracks (tracking.coverage)
# --------------------------------------------------------------------------------------------


def send_untracked_digests(today: datetime.date) -> int:
    """Each coordinator, once a day, the commitments untracked ``UNTRACKED_ALERT_DAYS`` days
    after they bind, counted as that coordinator sees them (their visibility and clearance)."""
    from org.models import User

    from .coverage import UNTRACKED, UNTRACKED_ALERT_DAYS, commitments

    people = (
        User.objects.filter(is_active=True, roles__code=Role.COORDINATOR)
        .select_related("unit")
        .distinct()
        .order_by("pk")
    )
    sent = 0
    for user in people:
        items = sorted(
            (
                r
                for r in commitments(user, today)
                if r["status"] == UNTRACKED and r["days_untracked"] >= UNTRACKED_ALERT_DAYS
            ),
            key=lambda r: (r["binds_on"], r["key"], r["pk"]),
        )
        if not items:
            continue
        sent += len(
            notify.notify(
                [user],
                kind=NotificationKind.UNTRACKED_DIGEST,
                title=ngettext(
                    "{n} commitment untracked for {days} days or more",
                    "{n} commitments untracked for {days} days or more",
                    len(items),
                ).format(n=len(items), days=UNTRACKED_ALERT_DAYS),
                key=f"untracked:{user.pk}:{today.isoformat()}",
                url=reverse("tracking:coverage") + "?status=untracked",
                body=_untracked_body(items),
            )
        )
    return sent


def _untracked_body(items: list[dict[str, Any]]) -> str:
    lines = [
        _("• {title} — {document} — binding since {date}").format(
            title=r["title"], document=r["document"] or r["kind_label"], date=_date(r["binds_on"])
        )
        for r in items[:DIGEST_MAX_ITEMS]
    ]
    more = len(items) - DIGEST_MAX_ITEMS
    if more > 0:
        lines.append(ngettext("… and {n} more.", "… and {n} more.", more).format(n=more))
    return "\n".join(lines)
