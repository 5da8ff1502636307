"""Cooperation cases: transitions, the 45-day countdown, rules by date, deadlines in the
tracking engine, personal data of subjects, the legal basis panel, operations' outcomes."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType

from cases import selectors, services
from cases.choices import LAWS_2025_FROM
from cases.models import CooperationCase, Operation
from cases.tests.specs import make_case, make_operation
from core.context import SYSTEM
from core.exceptions import ValidationError
from core.testing import make_user
from instruments.tests.specs import make_instrument
from partners.models import Country
from tracking.models import Obligation
from tracking.selectors import overdue_board, with_status

pytestmark = pytest.mark.django_db


def D(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def _assignment(case):
    ctype = ContentType.objects.get_for_model(CooperationCase)
    obligation = Obligation.objects.get(source_type=ctype, source_id=str(case.pk))
    return obligation.assignments.get()


# --- Status transitions --------------------------------------------------------------------------


def test_a_new_case_starts_received_or_drafted_by_direction(units):
    incoming = make_case(SYSTEM, units["CSHS"], direction="incoming")
    outgoing = make_case(SYSTEM, units["CSHS"], direction="outgoing")
    assert incoming.status == "received"
    assert outgoing.status == "drafted"


def test_status_moves_only_along_the_allowed_transitions(units):
    case = make_case(SYSTEM, units["CSHS"], direction="outgoing")
    with pytest.raises(ValidationError) as exc:
        services.case_transition(actor=SYSTEM, obj=case, status="answered", version=case.version)
    assert "status" in exc.value.message_dict
    case.refresh_from_db()
    assert case.status == "drafted"
    for step in ("sent", "acknowledged", "in_progress", "answered", "closed"):
        case = services.case_transition(actor=SYSTEM, obj=case, status=step, version=case.version)
    assert case.status == "closed" and case.closed_on is not None
    with pytest.raises(ValidationError):
        services.case_transition(actor=SYSTEM, obj=case, status="in_progress", version=case.version)


def test_notice_colour_belongs_to_interpol_notices_and_reciprocity_excludes_an_instrument(units):
    with pytest.raises(ValidationError) as exc:
        make_case(SYSTEM, units["CSHS"], notice_colour="red")
    assert "notice_colour" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        make_case(SYSTEM, units["CSHS"], type="interpol_notice")
    assert "notice_colour" in exc.value.message_dict
    instrument = make_instrument(SYSTEM, units["CDN"])
    with pytest.raises(ValidationError) as exc:
        make_case(SYSTEM, units["CSHS"], legal_basis=instrument, reciprocity=True)
    assert "reciprocity" in exc.value.message_dict


# --- 45-day countdown ------------------------------------------------------------------------------


def test_provisional_arrest_counts_down_45_days(units):
    case = make_case(
        SYSTEM, units["CSHS"], type="extradition", direction="incoming", provisional_arrest_on="2026-09-01"
    )
    assert case.provisional_arrest_deadline == D("2026-10-16")
    assert case.provisional_arrest_days_left(D("2026-09-01")) == 45
    assert case.provisional_arrest_days_left(D("2026-10-16")) == 0
    assert case.provisional_arrest_days_left(D("2026-10-20")) == -4
    with pytest.raises(ValidationError) as exc:
        make_case(SYSTEM, units["CSHS"], type="mla", provisional_arrest_on="2026-09-01")
    assert "provisional_arrest_on" in exc.value.message_dict


# --- Rules applied by date ------------------------------------------------------------------------


def test_rules_applied_follow_the_date_of_the_case_and_stay(units):
    before = make_case(SYSTEM, units["CSHS"], opened_on="2026-06-30")
    after = make_case(SYSTEM, units["CSHS"], opened_on=LAWS_2025_FROM.isoformat())
    assert before.rules_applied == "before_2026"
    assert after.rules_applied == "laws_2025"
    # Stamped on creation: a later edit does not rewrite which rules applied.
    before = services.case_update(
        actor=SYSTEM, obj=before, data={"opened_on": D("2026-07-02"), "rules_applied": "x"}, version=1
    )
    assert before.rules_applied == "before_2026"


# --- Deadlines in the tracking engine -------------------------------------------------------------


def test_incoming_request_deadline_is_a_tracking_assignment_that_turns_overdue(units, users):
    qn = units["CA-QUANG-NINH"]
    with time_machine.travel(datetime.datetime(2026, 9, 1, 9, 0), tick=False):
        case = make_case(users["qninh"], qn, type="information", direction="incoming", opened_on="2026-09-01")
        assert case.response_due_on == D("2026-10-01")  # the default 30 days of an information request
        assignment = _assignment(case)
        assert (
            assignment.unit == qn and assignment.role == "lead" and assignment.due_on == case.response_due_on
        )
        assert assignment.obligation.source_kind == "case"
    on_time = with_status(type(assignment).objects.filter(pk=assignment.pk), D("2026-09-15")).get()
    assert on_time.status != "overdue"
    late = D("2026-10-05")
    assert with_status(type(assignment).objects.filter(pk=assignment.pk), late).get().status == "overdue"
    board = overdue_board(users["doingoai"], late)
    assert assignment.pk in [a.pk for a in board["rows"]]
    assert selectors.deadline_status(user=users["qninh"], case=case) is not None


def test_answering_completes_the_tracked_deadline(units, users):
    qn = units["CA-QUANG-NINH"]
    with time_machine.travel(datetime.datetime(2026, 9, 1, 9, 0), tick=False):
        case = make_case(users["qninh"], qn, type="mla", direction="incoming", opened_on="2026-09-01")
    with time_machine.travel(datetime.datetime(2026, 9, 20, 9, 0), tick=False):
        case = services.case_transition(
            actor=users["qninh"], obj=case, status="answered", version=case.version
        )
        status = with_status(type(_assignment(case)).objects.filter(pk=_assignment(case).pk)).get().status
    assert status == "done"


def test_outgoing_request_deadline_starts_when_sent_and_follows_the_coordinators_rule(units, users):
    services.response_rule_update(
        actor=users["doingoai"],
        obj=services.ResponseRule.objects.get(case_type="mla"),
        data={"days": 40},
        version=services.ResponseRule.objects.get(case_type="mla").version,
    )
    with time_machine.travel(datetime.datetime(2026, 9, 1, 9, 0), tick=False):
        case = make_case(SYSTEM, units["CSHS"], type="mla", direction="outgoing", opened_on="2026-08-20")
        assert case.response_due_on is None and services.case_assignment(case) is None
    with time_machine.travel(datetime.datetime(2026, 9, 10, 9, 0), tick=False):
        case = services.case_transition(actor=SYSTEM, obj=case, status="sent", version=case.version)
    assert case.response_due_on == D("2026-10-20")
    assert _assignment(case).due_on == D("2026-10-20")


def test_a_changed_response_date_moves_the_assignment_and_pause_is_recorded(units):
    case = make_case(SYSTEM, units["CSHS"], direction="incoming", opened_on="2026-09-01")
    case = services.case_update(
        actor=SYSTEM,
        obj=case,
        data={"response_due_on": D("2026-12-01"), "paused_reason": "Chờ Bên đối tác bổ sung hồ sơ"},
        version=case.version,
    )
    assert _assignment(case).due_on == D("2026-12-01")
    assert case.is_paused and case.paused_on is not None
    # The pause is the deadline's: the tracking engine's reminders stop, and resume with it.
    assert _assignment(case).pause_reason == "Chờ Bên đối tác bổ sung hồ sơ"
    assert _assignment(case).reminders_paused_on is not None
    case = services.case_update(actor=SYSTEM, obj=case, data={"paused_reason": ""}, version=case.version)
    assert _assignment(case).reminders_paused_on is None


def test_deleting_a_case_removes_its_open_deadline(units):
    case = make_case(SYSTEM, units["CSHS"], direction="incoming")
    ctype = ContentType.objects.get_for_model(CooperationCase)
    assert Obligation.objects.filter(source_type=ctype, source_id=str(case.pk)).exists()
    services.case_delete(actor=SYSTEM, obj=case, version=case.version)
    assert not Obligation.objects.filter(source_type=ctype, source_id=str(case.pk)).exists()


def test_an_officer_may_not_set_response_rules(users):
    from django.core.exceptions import PermissionDenied

    rule = services.ResponseRule.objects.get(case_type="information")
    with pytest.raises(PermissionDenied):
        services.response_rule_update(actor=users["qninh"], obj=rule, data={"days": 2}, version=rule.version)


# --- Personal data of subjects --------------------------------------------------------------------


@pytest.fixture
def subject_case(units):
    case = make_case(SYSTEM, units["CA-QUANG-NINH"], direction="incoming")
    services.subject_create(
        actor=SYSTEM,
        data={
            "case": case,
            "role": "Đối tượng",
            "full_name": "Vũ Văn Hư Cấu",
            "birth_date": D("1988-02-03"),
            "nationality": "Việt Nam",
            "document_number": "DEMO-B7654321",
        },
    )
    return case


@pytest.mark.parametrize(
    "who,full",
    [("khach", False), ("qninh", True), ("qninh_truong", True), ("doingoai", True), ("lanhdao", True)],
)
def test_subjects_personal_data_is_masked_by_role(client, users, subject_case, who, full):
    client.force_login(users[who])
    body = client.get(subject_case.get_absolute_url()).content.decode()
    assert ("Vũ Văn Hư Cấu" in body) is full
    assert ("DEMO-B7654321" in body) is full
    assert ('data-testid="masked-note"' in body) is (not full)


def test_an_officer_of_another_unit_sees_shared_subjects_masked(client, units, subject_case):
    from core.models import Share
    from core.services import service

    other = make_user(units["CA-HA-NOI"], "officer", "mat")

    @service
    def share(*, actor):
        Share.objects.create(
            content_type=ContentType.objects.get_for_model(CooperationCase),
            object_id=subject_case.pk,
            unit=units["CA-HA-NOI"],
        )

    share(actor=SYSTEM)
    client.force_login(other)
    body = client.get(subject_case.get_absolute_url()).content.decode()
    assert "Đối tượng" in body and "Vũ Văn Hư Cấu" not in body


# --- Legal basis panel ----------------------------------------------------------------------------


def test_legal_basis_panel_lists_instruments_in_force_on_the_case_date(units, users):
    """An instrument in force with the partner whose coverage is recorded is a basis for the
    requests it covers only; before its entry into force it is not."""
    country = Country.objects.get(code="NZ")
    treaty = make_instrument(
        SYSTEM,
        units["CDN"],
        type="treaty",
        status="in_force",
        signed_on=D("2025-01-10"),
        in_force_on=D("2025-06-01"),
        countries=[country],
        request_types=["information", "joint_investigation"],
    )
    case = make_case(SYSTEM, units["CSHS"], opened_on="2026-03-01", countries=[country])
    panel = selectors.legal_basis_panel(user=users["doingoai"], case=case)
    assert treaty in panel["instruments"] and not panel["reciprocity_applies"]
    assert treaty in panel["covering"]
    extradition_treaty = make_instrument(
        SYSTEM,
        units["CDN"],
        title="Hiệp ước dẫn độ giữa Việt Nam và New Zealand (thử nghiệm)",
        type="treaty",
        status="in_force",
        signed_on=D("2025-01-10"),
        in_force_on=D("2025-06-01"),
        countries=[country],
        request_types=["extradition"],
    )
    extradition = make_case(
        SYSTEM,
        units["CSHS"],
        type="extradition",
        direction="incoming",
        opened_on="2026-03-01",
        countries=[country],
    )
    panel = selectors.legal_basis_panel(user=users["doingoai"], case=extradition)
    # ... but not an extradition request: the extradition treaty does, and comes first.
    assert panel["covering"] == [extradition_treaty] and panel["instruments"][0] == extradition_treaty
    early = make_case(SYSTEM, units["CSHS"], opened_on="2025-03-01", countries=[country])
    panel = selectors.legal_basis_panel(user=users["doingoai"], case=early)
    assert treaty not in panel["covering"]
    lonely = make_case(SYSTEM, units["CSHS"], opened_on="2026-03-01")
    assert selectors.legal_basis_panel(user=users["doingoai"], case=lonely)["reciprocity_applies"]


# --- Operations and the demo ----------------------------------------------------------------------


def test_outcome_totals_add_persons_and_seizures(units):
    operation = make_operation(SYSTEM, units["CSMT"])
    for data in (
        {"kind": "seizure", "substance": "Heroin", "quantity": Decimal("2.5"), "measure_unit": "kg"},
        {"kind": "seizure", "substance": "Heroin", "quantity": Decimal("1.5"), "measure_unit": "kg"},
        {"kind": "arrest", "count": 4},
        {"kind": "arrest", "count": 1},
    ):
        services.outcome_create(actor=SYSTEM, data={"operation": operation, **data})
    totals = selectors.outcome_totals(list(operation.outcomes.all()))
    assert totals["persons"][0]["count"] == 5
    assert totals["seized"][0]["quantity"] == Decimal("4")
    with pytest.raises(ValidationError) as exc:
        services.outcome_create(actor=SYSTEM, data={"operation": operation, "kind": "seizure"})
    assert {"substance", "quantity", "measure_unit"} <= set(exc.value.message_dict)


def test_demo_holds_568p_and_the_three_interpol_arrests(users):
    op = Operation.objects.visible_to(users["doingoai"]).get(name="Chuyên án 568P")
    assert op.started_on.year == 2022 and op.started_on.month == 4
    assert [c.code for c in op.countries.all()] == ["KH"]
    totals = selectors.outcome_totals(list(op.outcomes.all()))
    seized = {s["substance"]: s["quantity"] for s in totals["seized"]}
    assert seized == {"Ma túy tổng hợp các loại": Decimal("44"), "Heroin": Decimal("19")}
    assert [(p["kind"], p["count"]) for p in totals["persons"]] == [("prosecution", 12)]
    red = CooperationCase.objects.visible_to(users["doingoai"]).filter(notice_colour="red")
    assert red.count() == 3 and all(c.subjects.count() == 1 for c in red)
    assert selectors.operation_totals(user=users["lanhdao"]).get("arrest", 0) >= 3
    overdue = [a for a in overdue_board(users["doingoai"])["rows"] if a.obligation.source_kind == "case"]
    assert overdue


def test_demo_cases_are_hidden_from_other_units(users):
    """Quảng Ninh's viewer sees its own cases only, never the ministry units'."""
    visible = CooperationCase.objects.visible_to(users["khach"])
    assert visible.exists()
    assert not visible.exclude(owner_unit__code__startswith="CA-QUANG-NINH").exists()
