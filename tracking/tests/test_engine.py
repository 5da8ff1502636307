"""The tracking engine: derived status under a frozen clock, periods, approval chain, obstacles."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from core.context import SYSTEM
from core.exceptions import PermissionDenied, ValidationError
from core.testing import make_user, pdf_bytes
from tracking import selectors, services
from tracking.deadlines import due_after_window, recurring_periods
from tracking.models import Assignment, AssignmentPeriod, Obstacle, ProgressReport

pytestmark = pytest.mark.django_db
D = datetime.date


def obligation(units, **extra):
    return services.obligation_create(
        actor=SYSTEM,
        data={"title": "Triển khai thỏa thuận hợp tác", "owner_unit": units["CDN"], **extra},
    )


def assign(ob, unit, **extra):
    data = {
        "obligation": ob,
        "unit": unit,
        "role": "lead",
        "assigned_on": D(2026, 1, 5),
        "due_on": D(2026, 3, 31),
    }
    data.update(extra)
    return services.assignment_create(actor=SYSTEM, data=data)


def status(a, today):
    return selectors.with_status(Assignment.objects.filter(pk=a.pk), today).get().status


def report(actor, a, percent, on, period=None):
    with time_machine.travel(datetime.datetime.combine(on, datetime.time(9)), tick=False):
        return services.report_submit(
            actor=actor,
            data={"assignment": a, "percent": percent, "narrative": "Đã triển khai", "period": period},
        )


def approve(actor, r):
    r.refresh_from_db()
    return services.report_approve(actor=actor, obj=r, version=r.version)


@pytest.fixture
def qn(units):
    return units["CA-QUANG-NINH"]


def test_one_off_status_matrix(units, users, qn):
    """not_started → in_progress → done / done_late / overdue, derived from dates and approvals."""
    ob = obligation(units)
    a = assign(ob, qn)
    assert status(a, D(2026, 2, 1)) == "not_started"
    assert status(a, D(2026, 3, 31)) == "not_started"  # due today is not yet overdue
    assert status(a, D(2026, 4, 1)) == "overdue"
    r = report(users["qninh"], a, 50, D(2026, 2, 10))
    assert r.awaiting_unit == qn and not r.late
    assert status(a, D(2026, 2, 11)) == "in_progress"
    assert status(a, D(2026, 4, 1)) == "overdue"  # a partial report does not stop the clock
    approve(users["qninh_truong"], r)
    r2 = report(users["qninh"], a, 100, D(2026, 3, 30))
    assert status(a, D(2026, 4, 1)) == "overdue"  # not approved yet
    approve(users["qninh_truong"], r2)
    # Approved after the due date, but submitted before it: done on time, for ever.
    assert status(a, D(2026, 4, 1)) == "done"
    assert status(a, D(2030, 1, 1)) == "done"


def test_done_late_when_the_completing_report_came_after_the_due_date(units, users, qn):
    ob = obligation(units)
    a = assign(ob, qn, due_on=D(2026, 2, 28))
    r = report(users["qninh"], a, 100, D(2026, 3, 2))
    assert r.late
    approve(users["qninh_truong"], r)
    assert status(a, D(2026, 3, 3)) == "done_late"


def test_a_returned_report_counts_for_nothing(units, users, qn):
    ob = obligation(units)
    a = assign(ob, qn)
    r = report(users["qninh"], a, 100, D(2026, 2, 1))
    services.report_return(actor=users["qninh_truong"], obj=r, version=r.version, comment="Thiếu số liệu")
    assert status(a, D(2026, 2, 2)) == "not_started"
    r.refresh_from_db()
    with pytest.raises(ValidationError):
        services.report_return(actor=users["qninh_truong"], obj=r, version=r.version, comment="again")
    # Corrected and resubmitted, then approved: done.
    with time_machine.travel(datetime.datetime(2026, 2, 3, 9), tick=False):
        services.report_update(
            actor=users["qninh"],
            obj=r,
            data={"narrative": "Bổ sung số liệu", "percent": 100},
            version=r.version,
        )
    approve(users["qninh_truong"], r)
    assert status(a, D(2026, 5, 1)) == "done"


def test_an_approved_report_is_locked(units, users, qn):
    ob = obligation(units)
    a = assign(ob, qn)
    r = approve(users["qninh_truong"], report(users["qninh"], a, 40, D(2026, 2, 1)))
    assert r.status == "approved" and r.awaiting_unit is None
    with pytest.raises(ValidationError):
        services.report_update(actor=users["qninh"], obj=r, data={"percent": 90}, version=r.version)
    with pytest.raises(ValidationError):
        services.report_delete(actor=users["qninh_truong"], obj=r, version=r.version)


def test_nobody_reviews_their_own_report_and_officers_do_not_review(units, users, qn):
    ob = obligation(units)
    a = assign(ob, qn)
    r = report(users["qninh_truong"], a, 40, D(2026, 2, 1))
    with pytest.raises(PermissionDenied):
        services.report_approve(actor=users["qninh_truong"], obj=r, version=r.version)
    r2 = report(users["qninh"], assign(obligation(units), qn), 40, D(2026, 2, 1))
    with pytest.raises(PermissionDenied):
        services.report_approve(actor=make_user(qn, "officer", "mat"), obj=r2, version=r2.version)


def test_a_division_report_is_approved_level_by_level(units, users, qn):
    """Division head first, then the province head; only then is it approved."""
    ob = obligation(units)
    root = assign(ob, qn)
    division = units["CA-QUANG-NINH-PA08"]
    sub = services.assignment_create(
        actor=users["qninh_truong"],
        data={
            "obligation": ob,
            "parent": root,
            "unit": division,
            "role": "lead",
            "assigned_on": D(2026, 1, 10),
            "due_on": D(2026, 3, 15),
        },
    )
    assert sub.owner_unit == qn
    officer = make_user(division, "officer", "mat")
    head = make_user(division, "unit_head", "mat")
    r = report(officer, sub, 100, D(2026, 3, 1))
    assert r.awaiting_unit == division
    with pytest.raises(PermissionDenied):  # the province waits for its division's head
        services.report_approve(actor=users["qninh_truong"], obj=r, version=r.version)
    r = approve(head, r)
    assert r.status == "submitted" and r.awaiting_unit == qn
    r = approve(users["qninh_truong"], r)
    assert r.status == "approved"
    assert status(sub, D(2026, 4, 1)) == "done"


def test_sub_assignment_stays_inside_the_parent_units_subtree(units, users, qn):
    ob = obligation(units)
    root = assign(ob, qn)
    with pytest.raises(ValidationError):
        services.assignment_create(
            actor=users["qninh_truong"],
            data={
                "obligation": ob,
                "parent": root,
                "unit": units["CA-HA-NOI"],
                "assigned_on": D(2026, 1, 10),
                "due_on": D(2026, 3, 1),
            },
        )
    with pytest.raises((ValidationError, PermissionDenied)):
        services.assignment_create(
            actor=users["qninh_truong"],
            data={
                "obligation": ob,
                "unit": units["CA-HA-NOI"],
                "assigned_on": D(2026, 1, 10),
                "due_on": D(2026, 3, 1),
            },
        )
    with pytest.raises(PermissionDenied):  # officers do not assign
        services.assignment_create(
            actor=users["qninh"],
            data={
                "obligation": ob,
                "parent": root,
                "unit": units["CA-QUANG-NINH-PA08"],
                "due_on": D(2026, 3, 1),
            },
        )


def test_exactly_one_lead_and_one_assignment_per_unit(units, qn):
    ob = obligation(units)
    assign(ob, qn)
    with pytest.raises(ValidationError) as exc:
        assign(ob, units["CA-HA-NOI"])
    assert "role" in exc.value.message_dict
    assign(ob, units["CA-HA-NOI"], role="support")
    with pytest.raises(ValidationError):
        assign(ob, qn, role="support")


def test_bulk_assignment_to_all_provinces_is_all_or_nothing(units):
    from org.models import Unit

    provinces = list(Unit.objects.filter(kind="province"))
    assert len(provinces) == 34
    ob = obligation(units)
    made = services.assign_many(
        actor=SYSTEM,
        obligation=ob,
        units=provinces,
        data={"role": "support", "assigned_on": D(2026, 1, 5), "due_on": D(2026, 6, 30)},
    )
    assert len(made) == 34 and ob.assignments.count() == 34
    ob2 = obligation(units)
    assign(ob2, provinces[5], role="support")
    with pytest.raises(ValidationError):
        services.assign_many(
            actor=SYSTEM,
            obligation=ob2,
            units=provinces,
            data={"role": "support", "assigned_on": D(2026, 1, 5), "due_on": D(2026, 6, 30)},
        )
    assert ob2.assignments.count() == 1


def test_recurring_periods_follow_the_decree_09_windows():
    months = recurring_periods("month", 20, D(2026, 1, 20), D(2026, 4, 30), today=D(2026, 1, 1))
    assert [(p.starts_on, p.ends_on, p.due_on) for p in months[:2]] == [
        (D(2026, 1, 15), D(2026, 2, 14), D(2026, 2, 20)),
        (D(2026, 2, 15), D(2026, 3, 14), D(2026, 3, 20)),
    ]
    quarters = recurring_periods("quarter", 20, D(2026, 1, 1), D(2026, 12, 31), today=D(2026, 1, 1))
    assert quarters[0].starts_on == D(2025, 12, 15) and quarters[0].ends_on == D(2026, 3, 14)
    assert len(quarters) == 5  # Q1..Q4 of 2026 and Q1 2027, whose window opens 15/12/2026
    year = recurring_periods("year", 20, D(2026, 6, 1), D(2026, 12, 1), today=D(2026, 1, 1))
    assert [(p.starts_on, p.ends_on, p.due_on) for p in year] == [
        (D(2025, 12, 15), D(2026, 12, 14), D(2026, 12, 20))
    ]
    # A due day after the window's 14th falls in the same month; before it, in the next; clamped to the month.
    assert due_after_window(D(2028, 2, 14), 31) == D(2028, 2, 29)  # leap year
    assert due_after_window(D(2027, 2, 14), 31) == D(2027, 2, 28)
    assert due_after_window(D(2026, 12, 14), 5) == D(2027, 1, 5)  # across the year end


def test_recurring_status_across_periods(units, users, qn):
    """A monthly report: each period on its own; the assignment is overdue while any period is."""
    ob = obligation(units)
    a = assign(
        ob,
        qn,
        deadline_kind="recurring",
        due_on=None,
        frequency="month",
        due_day=20,
        starts_on=D(2026, 1, 20),
        ends_on=D(2026, 4, 30),
    )
    periods = list(AssignmentPeriod.objects.filter(assignment=a).order_by("due_on"))
    assert [p.due_on for p in periods] == [D(2026, 2, 20), D(2026, 3, 20), D(2026, 4, 20), D(2026, 5, 20)]
    assert status(a, D(2026, 2, 1)) == "not_started"
    assert status(a, D(2026, 2, 21)) == "overdue"
    r = approve(users["qninh_truong"], report(users["qninh"], a, 30, D(2026, 2, 19), period=periods[0]))
    assert r.status == "approved"
    assert status(a, D(2026, 2, 21)) == "in_progress"  # January is done, February under way
    late = approve(users["qninh_truong"], report(users["qninh"], a, 60, D(2026, 3, 25), period=periods[1]))
    assert late.late
    statuses = {
        p.pk: p.status
        for p in selectors.periods_with_status(AssignmentPeriod.objects.filter(assignment=a), D(2026, 4, 21))
    }
    assert [statuses[p.pk] for p in periods] == ["done", "done_late", "overdue", "not_started"]
    assert status(a, D(2026, 4, 21)) == "overdue"


def test_after_event_deadline_counts_working_days_and_waits_for_the_event(units, qn):
    ob = obligation(units)
    a = assign(ob, qn, deadline_kind="after_event", due_on=None, event_label="Entry into force", days=5)
    assert a.due_on is None and not a.periods.exists()
    assert status(a, D(2026, 12, 31)) == "not_started"
    a = services.assignment_update(actor=SYSTEM, obj=a, data={"event_on": D(2026, 2, 13)}, version=a.version)
    # 13/02/2026 is the eve of Tết (Tết holidays 16–20/02): five working days end on 27/02.
    assert a.due_on == D(2026, 2, 27)
    assert list(a.periods.values_list("due_on", flat=True)) == [D(2026, 2, 27)]


def test_a_government_day_off_moves_working_day_deadlines(units, users, qn):
    ob = obligation(units)
    services.calendar_day_create(actor=users["doingoai"], data={"date": D(2026, 3, 2), "kind": "day_off"})
    a = assign(
        ob,
        qn,
        deadline_kind="after_event",
        due_on=None,
        event_label="Signing",
        days=1,
        event_on=D(2026, 2, 27),
    )
    assert a.due_on == D(2026, 3, 3)
    with pytest.raises(PermissionDenied):
        services.calendar_day_create(actor=users["qninh"], data={"date": D(2026, 3, 3), "kind": "day_off"})


def test_changing_the_due_date_keeps_the_reports(units, users, qn):
    ob = obligation(units)
    a = assign(ob, qn)
    report(users["qninh"], a, 20, D(2026, 2, 1))
    a = services.assignment_update(actor=SYSTEM, obj=a, data={"due_on": D(2026, 2, 15)}, version=a.version)
    assert list(a.periods.values_list("due_on", flat=True)) == [D(2026, 2, 15)]
    assert ProgressReport.objects.filter(assignment=a).count() == 1
    with pytest.raises(ValidationError):
        services.assignment_delete(actor=SYSTEM, obj=a, version=a.version)


def test_obstacle_goes_to_cuc_doi_ngoai_then_the_leadership(units, users, qn):
    ob = obligation(units)
    a = assign(ob, qn)
    with time_machine.travel(datetime.datetime(2026, 2, 2, 9), tick=False):
        o = services.obstacle_raise(
            actor=users["qninh"],
            data={
                "assignment": a,
                "description": "Đối tác chưa cử đầu mối",
                "proposal": "Đề nghị Cục Đối ngoại trao đổi",
            },
        )
    assert o.status == "raised" and o.handler_unit == units["CDN"]
    assert o.response_due_on == D(2026, 2, 9)  # five working days
    with pytest.raises(PermissionDenied):
        services.obstacle_answer(actor=users["qninh_truong"], obj=o, version=o.version, answer="x")
    with pytest.raises(ValidationError):  # not escalated yet
        services.obstacle_decide(actor=users["lanhdao"], obj=o, version=o.version, decision="x")
    o = services.obstacle_escalate(actor=users["doingoai"], obj=o, version=o.version, note="Vượt thẩm quyền")
    assert o.status == "escalated" and o.decision_due_on
    assert o.handler_unit == units["LDB"]  # the step's owner is now the leadership
    with pytest.raises(ValidationError):
        services.obstacle_answer(actor=users["doingoai"], obj=o, version=o.version, answer="x")
    o = services.obstacle_decide(actor=users["lanhdao"], obj=o, version=o.version, decision="Đồng ý đề xuất")
    assert o.status == "decided" and o.decided_by == users["lanhdao"]
    assert Obstacle.objects.get(pk=o.pk).decision == "Đồng ý đề xuất"
    from core.history import history_for

    assert history_for(o).count() == 3


def test_a_province_officer_sees_only_its_own_assignments(units, users, qn):
    ob = obligation(units)
    mine = assign(ob, qn)
    other = assign(ob, units["CA-HA-NOI"], role="support")
    visible = set(Assignment.objects.visible_to(users["qninh"]).values_list("pk", flat=True))
    assert mine.pk in visible and other.pk not in visible
    assert ob in set(type(ob).objects.visible_to(users["qninh"]))
    everything = set(Assignment.objects.visible_to(users["doingoai"]).values_list("pk", flat=True))
    assert {mine.pk, other.pk} <= everything
    with pytest.raises(Exception):  # noqa: B017  (404 in the service: not visible)
        report(users["qninh"], other, 10, D(2026, 2, 1))


def test_assignments_reports_and_obstacles_take_the_obligations_classification(units, users, qn):
    """Raising the obligation's level hides its assignments from lower clearances too."""
    from core.services import record_set_classification

    ob = obligation(units)
    a = assign(ob, qn)
    r = report(users["qninh"], a, 10, D(2026, 2, 1))
    khach = users["khach"]  # viewer of Quảng Ninh, clearance thuong
    assert Assignment.objects.visible_to(khach).filter(pk=a.pk).exists()
    record_set_classification(actor=users["doingoai"], obj=ob, level="mat", version=ob.version, reason="test")
    a.refresh_from_db()
    r.refresh_from_db()
    assert a.classification == "mat" and r.classification == "mat"
    assert not Assignment.objects.visible_to(khach).filter(pk=a.pk).exists()
    assert not ProgressReport.objects.visible_to(khach).filter(pk=r.pk).exists()
    assert Assignment.objects.visible_to(users["qninh"]).filter(pk=a.pk).exists()


def test_evidence_files_are_added_before_approval_and_locked_after(units, users, qn, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.attachments import attachment_add

    settings.MEDIA_ROOT = tmp_path
    pdf = pdf_bytes()
    a = assign(obligation(units), qn)
    r = report(users["qninh"], a, 100, D(2026, 2, 1))
    attachment_add(actor=users["qninh"], parent=r, file=SimpleUploadedFile("Biên bản.pdf", pdf))
    approve(users["qninh_truong"], r)
    r.refresh_from_db()
    with pytest.raises(PermissionDenied):
        attachment_add(actor=users["qninh"], parent=r, file=SimpleUploadedFile("Thêm.pdf", pdf))


def _reference_status(assignment, periods, reports, today):
    """The status rule written out plainly from periods and reports (no stored facts)."""
    recurring = assignment.deadline_kind == "recurring"

    def period_status(p):
        own = [r for r in reports if r.period_id == p.pk]
        completing = sorted(
            (r for r in own if r.status == "approved" and (recurring or r.percent == 100)),
            key=lambda r: (r.submitted_on, r.pk),
        )
        if completing:
            return "done" if completing[0].submitted_on <= p.due_on else "done_late"
        if p.due_on < today:
            return "overdue"
        return "in_progress" if any(r.status != "returned" for r in own) else "not_started"

    statuses = [(p, period_status(p)) for p in sorted(periods, key=lambda p: (p.due_on, p.pk))]
    if not statuses:
        return "not_started"
    if any(s == "overdue" for _, s in statuses):
        return "overdue"
    open_ = [(p, s) for p, s in statuses if s in ("not_started", "in_progress")]
    closed = [s for _, s in statuses if s in ("done", "done_late")]
    if open_:
        first, status = open_[0]
        if closed:
            return "in_progress"
        return status if first.starts_on <= today else "not_started"
    return "done_late" if "done_late" in closed else "done"


@pytest.mark.parametrize("today", [D(2025, 6, 1), D(2026, 2, 15), D(2026, 11, 28), D(2027, 12, 31)])
def test_stored_facts_give_the_same_status_as_the_reports_for_every_demo_assignment(today):
    """The status read from the facts equals the rule applied to the reports, on any date."""
    from collections import defaultdict

    periods, reports = defaultdict(list), defaultdict(list)
    for p in AssignmentPeriod.objects.all():
        periods[p.assignment_id].append(p)
    for r in ProgressReport.objects.all():
        reports[r.assignment_id].append(r)
    rows = list(selectors.with_status(Assignment.objects.all(), today))
    assert len(rows) > 100  # the demo's assignments
    for a in rows:
        assert a.status == _reference_status(a, periods[a.pk], reports[a.pk], today), a.pk


@pytest.mark.parametrize(
    ("due", "last_day_on_time", "first_day_overdue"),
    [
        (D(2028, 2, 29), D(2028, 2, 29), D(2028, 3, 1)),  # leap day
        (D(2026, 1, 31), D(2026, 1, 31), D(2026, 2, 1)),  # month end
        (D(2026, 12, 31), D(2026, 12, 31), D(2027, 1, 1)),  # year end
    ],
)
def test_a_deadline_turns_overdue_the_day_after_across_month_and_year_ends(
    units, qn, due, last_day_on_time, first_day_overdue
):
    a = assign(obligation(units), qn, due_on=due)
    assert status(a, last_day_on_time) == "not_started"
    assert status(a, first_day_overdue) == "overdue"
    with time_machine.travel(datetime.datetime.combine(first_day_overdue, datetime.time(10)), tick=False):
        # The page's default "today" is the frozen day too.
        assert selectors.with_status(Assignment.objects.filter(pk=a.pk)).get().status == "overdue"
