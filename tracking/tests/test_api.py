"""The tracking API: visibility, derived status and filters, workflow actions, bulk assignment."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from core.context import SYSTEM
from core.testing import count_queries, make_user
from tracking import services
from tracking.models import CalendarDay, Notification, ProgressReport

pytestmark = pytest.mark.django_db
D = datetime.date


def api_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def frozen(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(9)), tick=False)


def obligation(units, owner="CDN", **extra):
    return services.obligation_create(
        actor=SYSTEM,
        data={"title": "Triển khai kế hoạch hợp tác", "owner_unit": units[owner], **extra},
    )


def assign(ob, unit, **extra):
    data = {
        "obligation": ob,
        "unit": unit,
        "role": "lead",
        "assigned_on": D(2026, 1, 5),
        "due_on": D(2026, 3, 31),
        **extra,
    }
    return services.assignment_create(actor=SYSTEM, data=data)


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def url(name, *args):
    return reverse(f"api:{name}", args=args)


@pytest.fixture
def qn(units):
    return units["CA-QUANG-NINH"]


@pytest.fixture
def hanoi_officer(units):
    return make_user(units["CA-HA-NOI"], "officer", "tuyet_mat")


# --------------------------------------------------------------------------------------------
# Assignments: visibility, derived fields, filters
# --------------------------------------------------------------------------------------------


def test_a_province_officer_lists_only_its_own_assignments_a_coordinator_all(units, users, qn):
    """qninh sees Quảng Ninh's assignment and not Hà Nội's (404 on it); doingoai sees both."""
    ob = obligation(units)
    mine = assign(ob, qn)
    other = assign(ob, units["CA-HA-NOI"], role="support")
    officer = api_for(users["qninh"])
    listed = ids(officer.get(url("assignment-list"), {"page_size": 500}))
    assert mine.pk in listed and other.pk not in listed
    assert officer.get(url("assignment-detail", other.pk)).status_code == 404
    assert {mine.pk, other.pk} <= ids(
        api_for(users["doingoai"]).get(url("assignment-list"), {"page_size": 500})
    )


def test_an_assignment_shows_its_derived_status_and_periods(units, users, qn):
    """status, next_due, overdue_since, last_percent and the periods are read-only derived values."""
    a = assign(obligation(units), qn)
    with frozen(D(2026, 2, 1)):
        r = services.report_submit(
            actor=users["qninh"], data={"assignment": a, "percent": 40, "narrative": "Đã triển khai"}
        )
        services.report_approve(actor=users["qninh_truong"], obj=r, version=r.version)
    with frozen(D(2026, 4, 2)):
        body = api_for(users["qninh"]).get(url("assignment-detail", a.pk)).json()
    assert body["status"] == "overdue"
    assert body["overdue_since"] == "2026-03-31" and body["next_due"] == "2026-03-31"
    assert body["last_percent"] == 40
    assert body["obligation_title"] == a.obligation.title
    assert [(p["due_on"], p["status"]) for p in body["periods"]] == [("2026-03-31", "overdue")]
    # Derived fields cannot be written: the edit goes through and the status stays derived.
    with frozen(D(2026, 4, 2)):
        response = api_for(users["doingoai"]).patch(
            url("assignment-detail", a.pk), {"status": "done", "version": a.version}, format="json"
        )
    assert response.status_code == 200
    assert response.json()["status"] == "overdue" and response.json()["version"] == a.version + 1


def test_status_and_overdue_filters_follow_the_frozen_clock(units, users, qn):
    """An assignment whose due date has passed is overdue the day after, not on the due date."""
    late = assign(obligation(units), qn, due_on=D(2026, 3, 31))
    later = assign(obligation(units), qn, due_on=D(2026, 6, 30))
    api = api_for(users["qninh"])
    both = {late.pk, later.pk}
    with frozen(D(2026, 3, 31)):
        assert not ids(api.get(url("assignment-list"), {"status": "overdue"})) & both
        assert both <= ids(api.get(url("assignment-list"), {"status": "not_started"}))
    with frozen(D(2026, 4, 1)):
        overdue = ids(api.get(url("assignment-list"), {"status": "overdue", "page_size": 500}))
        assert late.pk in overdue and later.pk not in overdue
        flagged = ids(api.get(url("assignment-list"), {"overdue": "true", "page_size": 500}))
        assert late.pk in flagged and later.pk not in flagged
        rest = ids(api.get(url("assignment-list"), {"overdue": "false", "page_size": 500}))
        assert later.pk in rest and late.pk not in rest
        ordered = api.get(url("assignment-list"), {"ordering": "overdue_since", "page_size": 500}).json()
        assert ordered["results"][0]["overdue_since"] is not None
    response = api.get(url("assignment-list"), {"status": "someday"})
    assert response.status_code == 400 and "status" in response.json()["error"]["fields"]


def test_due_range_unit_subtree_source_and_role_filters(units, users, qn):
    """due_from/due_to match a period due in the range; unit_subtree takes the divisions in."""
    division = units["CA-QUANG-NINH-PA08"]
    ob = obligation(units)
    root = assign(ob, qn, due_on=D(2026, 3, 31))
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
    monthly = assign(
        obligation(units, source_kind="pledge"),
        qn,
        role="support",
        deadline_kind="recurring",
        due_on=None,
        frequency="month",
        due_day=20,
        starts_on=D(2026, 1, 20),
        ends_on=D(2026, 6, 30),
    )
    api = api_for(users["qninh_truong"])
    mine = {root.pk, sub.pk, monthly.pk}

    def found(**params):
        return ids(api.get(url("assignment-list"), {"page_size": 500, **params})) & mine

    assert found(due_from="2026-04-01", due_to="2026-04-30") == {monthly.pk}
    assert found(due_from="01/03/2026", due_to="31/03/2026") == mine  # dd/mm/yyyy too
    assert found(due_from="2026-03-16", due_to="2026-03-19") == set()  # same period for both bounds
    assert found(unit=qn.pk) == {root.pk, monthly.pk}
    assert found(unit_subtree=qn.pk) == mine
    assert found(unit_subtree=division.pk) == {sub.pk}
    assert found(source="pledge") == {monthly.pk}
    assert found(role="support") == {monthly.pk}
    assert found(obligation=ob.pk) == {root.pk, sub.pk}
    assert found(parent=root.pk) == {sub.pk}


def test_assignment_list_queries_do_not_grow_with_the_rows(units, users, qn):
    """Status, periods and the obligation's title come in a fixed number of queries."""
    api = api_for(users["qninh"])
    assign(obligation(units), qn)
    assign(obligation(units), qn, deadline_kind="recurring", due_on=None, frequency="month", due_day=20)

    def measure():
        return count_queries(lambda: api.get(url("assignment-list")))

    measure()
    small = measure()
    for _ in range(6):
        assign(obligation(units), qn, deadline_kind="recurring", due_on=None, frequency="quarter", due_day=20)
    assert measure() == small


def test_assigning_is_for_unit_heads_and_coordinators(units, users, qn):
    """An officer may not assign (403); a unit head assigns inside the province; the lead is unique."""
    ob = obligation(units, owner="CA-QUANG-NINH")
    data = {
        "obligation": ob.pk,
        "unit": qn.pk,
        "role": "lead",
        "assigned_on": "2026-01-05",
        "due_on": "2026-06-30",
    }
    assert api_for(users["qninh"]).post(url("assignment-list"), data, format="json").status_code == 403
    with frozen(D(2026, 1, 5)):
        response = api_for(users["qninh_truong"]).post(url("assignment-list"), data, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "not_started" and response.json()["owner_unit"] == qn.pk
    again = {**data, "unit": units["CA-QUANG-NINH-PA08"].pk}
    response = api_for(users["qninh_truong"]).post(url("assignment-list"), again, format="json")
    assert response.status_code == 400 and "role" in response.json()["error"]["fields"]


# --------------------------------------------------------------------------------------------
# Bulk assignment
# --------------------------------------------------------------------------------------------


def test_bulk_assignment_to_all_34_provinces_in_one_call(units, users):
    """One POST gives the obligation to every province; the answer lists the 34 assignments."""
    from org.models import Unit

    provinces = list(Unit.objects.filter(kind="province"))
    assert len(provinces) == 34
    ob = obligation(units)
    body = {
        "units": [p.pk for p in provinces],
        "role": "support",
        "assigned_on": "2026-01-05",
        "due_on": "2026-06-30",
        "instructions": "Báo cáo kết quả triển khai",
    }
    with frozen(D(2026, 1, 5)):
        response = api_for(users["doingoai"]).post(url("obligation-assign", ob.pk), body, format="json")
    assert response.status_code == 201, response.content
    rows = response.json()
    assert len(rows) == 34 and {r["unit"] for r in rows} == {p.pk for p in provinces}
    assert all(r["status"] == "not_started" and r["periods"][0]["due_on"] == "2026-06-30" for r in rows)
    assert ob.assignments.count() == 34


def test_bulk_assignment_is_all_or_nothing(units, users):
    """When one province cannot take the obligation, nothing is written and the answer says why."""
    from org.models import Unit

    provinces = list(Unit.objects.filter(kind="province").order_by("path"))
    ob = obligation(units)
    assign(ob, provinces[5], role="support")
    notes_before = Notification.objects.count()
    body = {"units": [p.pk for p in provinces], "role": "support", "due_on": "2026-06-30"}
    response = api_for(users["doingoai"]).post(url("obligation-assign", ob.pk), body, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and "units" in error["fields"]
    assert ob.assignments.count() == 1
    assert Notification.objects.count() == notes_before
    # Two leads: the second province fails, the first is rolled back.
    ob2 = obligation(units)
    body = {"units": [provinces[0].pk, provinces[1].pk], "role": "lead", "due_on": "2026-06-30"}
    response = api_for(users["doingoai"]).post(url("obligation-assign", ob2.pk), body, format="json")
    assert response.status_code == 400 and ob2.assignments.count() == 0


def test_bulk_assignment_refusals(units, users, qn, hanoi_officer):
    """Officer 403, hidden obligation 404, a unit head outside its obligation 403, bad input 400."""
    ob = obligation(units)
    body = {"units": [qn.pk], "role": "lead", "due_on": "2026-06-30"}
    assert (
        api_for(users["qninh"]).post(url("obligation-assign", ob.pk), body, format="json").status_code == 404
    )
    assign(ob, qn)  # now Quảng Ninh sees it
    assert (
        api_for(users["qninh"]).post(url("obligation-assign", ob.pk), body, format="json").status_code == 403
    )
    # A unit head does not assign a Department obligation at the root, even to its own division.
    head_body = {"units": [units["CA-QUANG-NINH-PA08"].pk], "role": "support", "due_on": "2026-06-30"}
    response = api_for(users["qninh_truong"]).post(url("obligation-assign", ob.pk), head_body, format="json")
    assert response.status_code == 403
    api = api_for(users["doingoai"])
    for bad, field in (
        ({**body, "units": []}, "units"),
        ({**body, "units": [999_999_999]}, "units"),
        ({**body, "role": "boss"}, "role"),
        ({**body, "due_day": 40}, "due_day"),
    ):
        response = api.post(url("obligation-assign", ob.pk), bad, format="json")
        assert response.status_code == 400, bad
        assert field in response.json()["error"]["fields"], bad
    # A missing due date is the service's error, reported without writing anything.
    response = api.post(
        url("obligation-assign", ob.pk), {"units": [units["CA-HA-NOI"].pk], "role": "support"}, format="json"
    )
    assert response.status_code == 400 and ob.assignments.count() == 1


# --------------------------------------------------------------------------------------------
# Progress reports: submit, approve, return
# --------------------------------------------------------------------------------------------


def submit(user, assignment, percent=50):
    response = api_for(user).post(
        url("progress-report-list"),
        {"assignment": assignment.pk, "percent": percent, "narrative": "Đã triển khai các nội dung"},
        format="json",
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_submit_is_the_post_of_progress_reports(units, users, qn):
    """The officer's report awaits the unit head; late and status are derived, not written."""
    a = assign(obligation(units), qn)
    with frozen(D(2026, 4, 3)):
        body = api_for(users["qninh"]).post(
            url("progress-report-list"),
            {"assignment": a.pk, "percent": 60, "narrative": "Đã làm", "late": False, "status": "approved"},
            format="json",
        )
    assert body.status_code == 201, body.content
    data = body.json()
    assert data["status"] == "submitted" and data["late"] is True
    assert data["awaiting_unit"] == qn.pk and data["owner_unit"] == qn.pk
    assert data["period"] == a.periods.get().pk
    # An edit without a period keeps it.
    response = api_for(users["qninh"]).patch(
        url("progress-report-detail", data["id"]),
        {"percent": 70, "period": None, "version": 1},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["period"] == data["period"] and response.json()["percent"] == 70


def test_a_hidden_or_missing_assignment_cannot_be_reported_on(units, users, qn):
    """A report on another unit's assignment is refused like a missing one: the same field
    error (400), nothing written."""
    from access.links import LINK_ERROR

    other = assign(obligation(units), units["CA-HA-NOI"])
    before = ProgressReport.objects.count()
    api = api_for(users["qninh"])
    answers = []
    for pk in (other.pk, 999_999_999):
        response = api.post(
            url("progress-report-list"), {"assignment": pk, "percent": 10, "narrative": "x"}, format="json"
        )
        assert response.status_code == 400
        assert response.json()["error"]["fields"]["assignment"] == [str(LINK_ERROR)]
        answers.append(response.json())
    assert answers[0] == answers[1]
    assert ProgressReport.objects.count() == before


def test_approve_a_report(units, users, qn, hanoi_officer):
    """Hidden 404, officer or viewer 403, missing version 400, stale 409, the unit head approves."""
    a = assign(obligation(units), qn)
    report = submit(users["qninh"], a)
    approve = url("progress-report-approve", report["id"])
    assert api_for(hanoi_officer).post(approve, {"version": 1}, format="json").status_code == 404
    assert api_for(users["qninh"]).post(approve, {"version": 1}, format="json").status_code == 403
    assert api_for(users["khach"]).post(approve, {"version": 1}, format="json").status_code == 403
    head = api_for(users["qninh_truong"])
    response = head.post(approve, {}, format="json")
    assert response.status_code == 400 and "version" in response.json()["error"]["fields"]
    edited = api_for(users["qninh"]).patch(
        url("progress-report-detail", report["id"]), {"narrative": "Bổ sung", "version": 1}, format="json"
    )
    assert edited.status_code == 200 and edited.json()["version"] == 2
    response = head.post(approve, {"version": 1}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "stale_version"
    assert response.json()["error"]["current_version"] == 2
    response = head.post(approve, {"version": 2, "comment": "Đồng ý"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "approved" and body["review_comment"] == "Đồng ý" and body["version"] == 3
    assert body["reviewed_by"] == users["qninh_truong"].pk
    # Approved is final: approving again is a bad request, not a silent success.
    response = head.post(approve, {"version": 3}, format="json")
    assert response.status_code == 400


def test_nobody_approves_their_own_report(units, users, qn):
    """The service's refusal comes out as 403 in the one error format."""
    a = assign(obligation(units), qn)
    report = submit(users["qninh_truong"], a)
    response = api_for(users["qninh_truong"]).post(
        url("progress-report-approve", report["id"]), {"version": 1}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_return_a_report(units, users, qn, hanoi_officer):
    """A comment is required; the author is told; the returned report can be corrected."""
    a = assign(obligation(units), qn)
    report = submit(users["qninh"], a)
    back = url("progress-report-return", report["id"])
    assert back.endswith("/return/")
    assert api_for(hanoi_officer).post(back, {"version": 1, "comment": "x"}, format="json").status_code == 404
    assert (
        api_for(users["qninh"]).post(back, {"version": 1, "comment": "x"}, format="json").status_code == 403
    )
    head = api_for(users["qninh_truong"])
    response = head.post(back, {"version": 1}, format="json")
    assert response.status_code == 400 and "comment" in response.json()["error"]["fields"]
    response = head.post(back, {"version": 1, "comment": "   "}, format="json")
    assert response.status_code == 400 and "comment" in response.json()["error"]["fields"]
    response = head.post(back, {"version": 1, "comment": "Thiếu số liệu"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "returned" and response.json()["review_comment"] == "Thiếu số liệu"
    assert Notification.objects.filter(recipient=users["qninh"], kind="report_returned").exists()
    response = api_for(users["qninh"]).get(url("progress-report-list"), {"status": "returned"})
    assert report["id"] in ids(response)


def test_report_filters(units, users, qn):
    a = assign(obligation(units), qn, due_on=D(2026, 2, 28))
    with frozen(D(2026, 3, 2)):
        late = submit(users["qninh"], a, 30)
    b = assign(obligation(units), qn)
    with frozen(D(2026, 2, 2)):
        on_time = submit(users["qninh"], b, 30)
    api = api_for(users["qninh"])
    assert ids(api.get(url("progress-report-list"), {"assignment": a.pk})) == {late["id"]}
    found = ids(api.get(url("progress-report-list"), {"late": "true", "page_size": 500}))
    assert late["id"] in found and on_time["id"] not in found
    found = ids(api.get(url("progress-report-list"), {"status": "submitted", "page_size": 500}))
    assert {late["id"], on_time["id"]} <= found


# --------------------------------------------------------------------------------------------
# Obstacles: answer, escalate, decide
# --------------------------------------------------------------------------------------------


def raise_obstacle(users, assignment):
    response = api_for(users["qninh"]).post(
        url("obstacle-list"),
        {
            "assignment": assignment.pk,
            "description": "Đối tác chưa cử đầu mối",
            "proposal": "Đề nghị trao đổi",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_answer_an_obstacle(units, users, qn, hanoi_officer):
    """Only Cục Đối ngoại answers (403 for the unit head), hidden 404, empty 400, stale 409."""
    a = assign(obligation(units), qn)
    obstacle = raise_obstacle(users, a)
    assert obstacle["status"] == "raised" and obstacle["handler_unit"] == units["CDN"].pk
    answer = url("obstacle-answer", obstacle["id"])
    assert (
        api_for(hanoi_officer).post(answer, {"version": 1, "answer": "x"}, format="json").status_code == 404
    )
    response = api_for(users["qninh_truong"]).post(answer, {"version": 1, "answer": "x"}, format="json")
    assert response.status_code == 403
    coordinator = api_for(users["doingoai"])
    response = coordinator.post(answer, {"version": 1, "answer": ""}, format="json")
    assert response.status_code == 400 and "answer" in response.json()["error"]["fields"]
    edited = api_for(users["qninh"]).patch(
        url("obstacle-detail", obstacle["id"]), {"proposal": "Đề nghị hỗ trợ", "version": 1}, format="json"
    )
    assert edited.status_code == 200
    response = coordinator.post(answer, {"version": 1, "answer": "Liên hệ qua Đại sứ quán"}, format="json")
    assert response.status_code == 409
    response = coordinator.post(answer, {"version": 2, "answer": "Liên hệ qua Đại sứ quán"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "answered" and body["answer"] == "Liên hệ qua Đại sứ quán"
    assert body["answered_by"] == users["doingoai"].pk
    # Workflow fields are read-only through the ordinary edit.
    response = api_for(users["doingoai"]).patch(
        url("obstacle-detail", obstacle["id"]), {"status": "raised", "version": 3}, format="json"
    )
    assert response.status_code == 400  # an answered obstacle cannot be changed


def test_escalate_and_decide_an_obstacle(units, users, qn, hanoi_officer):
    """Cục Đối ngoại escalates; only the leadership decides, and only what was escalated."""
    a = assign(obligation(units), qn)
    obstacle = raise_obstacle(users, a)
    decide = url("obstacle-decide", obstacle["id"])
    leader = api_for(users["lanhdao"])
    response = leader.post(decide, {"version": 1, "decision": "Đồng ý"}, format="json")
    assert response.status_code == 400  # not escalated yet
    escalate = url("obstacle-escalate", obstacle["id"])
    assert api_for(hanoi_officer).post(escalate, {"version": 1}, format="json").status_code == 404
    assert api_for(users["qninh"]).post(escalate, {"version": 1}, format="json").status_code == 403
    assert api_for(users["doingoai"]).post(escalate, {"version": "one"}, format="json").status_code == 400
    response = api_for(users["doingoai"]).post(
        escalate, {"version": 1, "note": "Vượt thẩm quyền"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "escalated" and response.json()["decision_due_on"]
    assert (
        api_for(users["doingoai"]).post(decide, {"version": 2, "decision": "x"}, format="json").status_code
        == 403
    )
    assert (
        api_for(hanoi_officer).post(decide, {"version": 2, "decision": "x"}, format="json").status_code == 404
    )
    response = leader.post(decide, {"version": 2, "decision": ""}, format="json")
    assert response.status_code == 400 and "decision" in response.json()["error"]["fields"]
    assert leader.post(decide, {"version": 1, "decision": "Đồng ý"}, format="json").status_code == 409
    response = leader.post(decide, {"version": 2, "decision": "Đồng ý đề xuất"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "decided" and body["decided_by"] == users["lanhdao"].pk
    found = ids(
        api_for(users["doingoai"]).get(url("obstacle-list"), {"status": "decided", "assignment": a.pk})
    )
    assert found == {obstacle["id"]}


# --------------------------------------------------------------------------------------------
# Obligations
# --------------------------------------------------------------------------------------------


def test_obligation_filters_and_source_fields(units, users):
    """An obligation from a directive task carries its source and group; `group` finds it."""
    from instruments.models import DirectiveItem

    item = DirectiveItem.objects.filter(classification="thuong").select_related("directive").first()
    tracked = services.obligation_from_source(actor=users["doingoai"], source=item)
    plain = obligation(units, priority="urgent")
    api = api_for(users["doingoai"])
    body = api.get(url("obligation-detail", tracked.pk)).json()
    assert body["source_kind"] == "directive_item"
    assert body["source"] == f"instruments.directiveitem:{item.pk}"
    assert body["group"] == f"instruments.directive:{item.directive_id}"
    assert body["group_label"] == str(item.directive)
    found = ids(api.get(url("obligation-list"), {"group": body["group"], "page_size": 500}))
    assert tracked.pk in found and plain.pk not in found
    found = ids(api.get(url("obligation-list"), {"priority": "urgent", "page_size": 500}))
    assert plain.pk in found and tracked.pk not in found
    found = ids(api.get(url("obligation-list"), {"source_kind": "directive_item", "page_size": 500}))
    assert tracked.pk in found and plain.pk not in found
    assert api.get(url("obligation-list"), {"group": "nonsense"}).status_code == 400
    # Where an obligation comes from is fixed.
    response = api.patch(
        url("obligation-detail", tracked.pk),
        {"source_kind": "other", "version": tracked.version},
        format="json",
    )
    assert response.status_code == 200 and response.json()["source_kind"] == "directive_item"


# --------------------------------------------------------------------------------------------
# Notifications
# --------------------------------------------------------------------------------------------


def test_notifications_are_the_recipients_own_and_can_be_marked_read(units, users, qn):
    """qninh lists only its notifications, marks some or all read; others' ids are ignored."""
    assign(obligation(units), qn)
    assign(obligation(units), qn)
    mine = list(Notification.objects.filter(recipient=users["qninh"], read_at__isnull=True))
    theirs = Notification.objects.filter(recipient=users["qninh_truong"]).first()
    assert len(mine) >= 2 and theirs is not None
    api = api_for(users["qninh"])
    listed = ids(api.get(url("notification-list"), {"page_size": 500}))
    assert {n.pk for n in mine} <= listed and theirs.pk not in listed
    assert api.get(url("notification-detail", theirs.pk)).status_code == 404
    assert api.get(url("notification-unread-count")).json() == {"unread_count": len(mine)}
    response = api.post(url("notification-mark-read"), {"ids": [mine[0].pk, theirs.pk]}, format="json")
    assert response.status_code == 200
    assert response.json() == {"marked": 1, "unread_count": len(mine) - 1}
    theirs.refresh_from_db()
    assert theirs.read_at is None
    unread = ids(api.get(url("notification-list"), {"unread": "true", "page_size": 500}))
    assert mine[0].pk not in unread and mine[1].pk in unread
    response = api.post(url("notification-mark-read"), {}, format="json")
    assert response.json() == {"marked": len(mine) - 1, "unread_count": 0}
    assert api.post(url("notification-mark-read"), {"ids": ["x"]}, format="json").status_code == 400
    # Read-only otherwise.
    assert api.post(url("notification-list"), {"title": "x"}, format="json").status_code == 405
    assert api.patch(url("notification-detail", mine[0].pk), {"title": "x"}, format="json").status_code == 405
    assert api.delete(url("notification-detail", mine[0].pk)).status_code == 405
    assert APIClient().get(url("notification-list")).status_code == 401


# --------------------------------------------------------------------------------------------
# Calendar days
# --------------------------------------------------------------------------------------------


def test_calendar_days_are_written_by_coordinators_and_read_by_everyone(users):
    """doingoai records a day off (201), qninh may read but not write (403); version and history hold."""
    coordinator, officer = api_for(users["doingoai"]), api_for(users["qninh"])
    day = {"date": "2031-09-01", "kind": "day_off", "note": "Quyết định nghỉ bù"}
    assert officer.post(url("calendar-day-list"), day, format="json").status_code == 403
    response = coordinator.post(url("calendar-day-list"), day, format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["version"] == 1 and CalendarDay.objects.filter(pk=created["id"]).exists()
    assert created["id"] in ids(officer.get(url("calendar-day-list"), {"year": 2031, "q": "nghi"}))
    detail = url("calendar-day-detail", created["id"])
    assert officer.patch(detail, {"note": "x", "version": 1}, format="json").status_code == 403
    assert officer.delete(detail + "?version=1").status_code == 403
    response = coordinator.patch(detail, {"note": "Nghỉ bù Quốc khánh", "version": 1}, format="json")
    assert response.status_code == 200 and response.json()["version"] == 2
    assert coordinator.patch(detail, {"note": "x", "version": 1}, format="json").status_code == 409
    response = coordinator.post(url("calendar-day-list"), day, format="json")
    assert response.status_code == 400 and "date" in response.json()["error"]["fields"]
    response = coordinator.post(
        url("calendar-day-list"), {**day, "date": "2031-09-02", "kind": "x"}, format="json"
    )
    assert response.status_code == 400 and "kind" in response.json()["error"]["fields"]
    history = officer.get(url("calendar-day-history", created["id"])).json()
    assert [row["action"] for row in history["results"]] == ["update", "create"]
    assert api_for(users["admin"]).delete(detail + "?version=2").status_code == 204
    assert not CalendarDay.objects.filter(pk=created["id"]).exists()


def test_bulk_assign_with_a_lead_unit_gives_the_others_support(users, units):
    ob = obligation(units)
    body = {
        "units": [units["CA-HA-NOI"].pk, units["CA-HUE"].pk],
        "lead_unit": units["CA-QUANG-NINH"].pk,
        "assigned_on": "2026-01-05",
        "deadline_kind": "date",
        "due_on": "2026-03-31",
    }
    response = api_for(users["doingoai"]).post(url("obligation-assign", ob.pk), body, format="json")
    assert response.status_code == 201, response.content
    roles = dict(ob.assignments.values_list("unit__code", "role"))
    assert roles == {"CA-QUANG-NINH": "lead", "CA-HA-NOI": "support", "CA-HUE": "support"}


def test_bulk_assign_refuses_several_leads_up_front(users, units):
    ob = obligation(units)
    body = {
        "units": [units["CA-HA-NOI"].pk, units["CA-HUE"].pk],
        "role": "lead",
        "assigned_on": "2026-01-05",
        "deadline_kind": "date",
        "due_on": "2026-03-31",
    }
    response = api_for(users["doingoai"]).post(url("obligation-assign", ob.pk), body, format="json")
    assert response.status_code == 400
    assert "role" in response.json()["error"]["fields"]
    assert ob.assignments.count() == 0
