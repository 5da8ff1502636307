"""International conferences held in Vietnam (Decision 06/2020/QĐ-TTg): the consulted bodies'
answers within 15 days and the summary report after the event are tracked obligations."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from core.context import SYSTEM
from core.exceptions import ValidationError
from core.testing import count_queries
from events import services
from events.models import Consultation, Event
from events.tests.specs import make_conference, make_event
from tracking.models import Assignment, Obligation
from tracking.selectors import overdue_board, with_status

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def api_for(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def lead_of(source) -> Assignment:
    ctype = ContentType.objects.get_for_model(type(source))
    return Assignment.objects.get(
        obligation__source_type=ctype, obligation__source_id=str(source.pk), role="lead"
    )


def status_of(assignment: Assignment, day: datetime.date) -> str:
    return with_status(Assignment.objects.filter(pk=assignment.pk), day).get().status


def consult(event, body, on, **extra):
    return services.consultation_create(
        actor=SYSTEM, data={"event": event, "body": body, "consulted_on": D(on), **extra}
    )


def test_answers_are_due_in_15_days_and_an_unanswered_one_reaches_the_overdue_board(units, users):
    """Consulted on 01/05/2030: the answer is due 16/05/2030; the recorded answer completes its
    duty, the missing one is overdue on the board and on the event page."""
    qn = units["CA-QUANG-NINH"]
    event = make_conference(SYSTEM, qn, starts_on="2030-06-30", ends_on="2030-07-01")
    mofa = consult(event, "Bộ Ngoại giao", "2030-05-01")
    silent = consult(event, "Ban Đối ngoại Trung ương", "2030-05-01")
    a_mofa, a_silent = lead_of(mofa), lead_of(silent)
    assert a_mofa.unit == qn and a_mofa.due_on == D("2030-05-16") and a_mofa.deadline_kind == "after_event"
    obligation = a_mofa.obligation
    assert obligation.group_type == ContentType.objects.get_for_model(Event)
    assert obligation.group_id == str(event.pk) and "Bộ Ngoại giao" in obligation.title

    mofa = services.consultation_update(
        actor=users["qninh"],
        obj=mofa,
        data={"answered_on": D("2030-05-10"), "position": "agrees", "answer": "Nhất trí."},
        version=mofa.version,
    )
    assert status_of(a_mofa, D("2030-06-01")) == "done"
    assert status_of(a_silent, D("2030-06-01")) == "overdue"
    board = {a.pk for a in overdue_board(users["doingoai"], today=D("2030-06-01"))["rows"]}
    assert a_silent.pk in board and a_mofa.pk not in board
    # The organising province sees it on its own board too.
    assert a_silent.pk in {a.pk for a in overdue_board(users["qninh"], today=D("2030-06-01"))["rows"]}

    page = client_for(users["qninh"]).get(event.get_absolute_url()).content.decode()
    assert 'data-testid="consultations"' in page and "Bộ Ngoại giao" in page
    assert page.count('data-testid="tracked"') == 3  # two answers and the summary report


def test_the_summary_report_is_due_15_days_after_the_end_moves_with_it_and_is_done_when_sent(units, users):
    """Opened with the conference, due 15 days after its last day, moved with its dates,
    completed when the report date is recorded."""
    qn = units["CA-QUANG-NINH"]
    event = make_conference(SYSTEM, qn, starts_on="2030-06-30", ends_on="2030-07-01")
    report = lead_of(event)
    assert report.due_on == D("2030-07-16") and report.obligation.source_kind == "conference"
    assert "Summary report" in report.obligation.title or "Báo cáo" in report.obligation.title
    event = services.event_update(
        actor=users["qninh_truong"], obj=event, data={"ends_on": D("2030-07-03")}, version=event.version
    )
    report.refresh_from_db()
    assert report.due_on == D("2030-07-18")
    assert status_of(report, D("2030-08-01")) == "overdue"
    services.event_update(
        actor=users["qninh_truong"],
        obj=event,
        data={"summary_report_on": D("2030-07-10")},
        version=event.version,
    )
    assert status_of(report, D("2030-08-01")) == "done"
    assert Obligation.objects.filter(group_id=str(event.pk)).count() == 1


def test_an_event_that_is_no_longer_a_conference_drops_its_open_duty(units, users):
    """Unticking "international conference" removes the summary report still open; other events
    never get one."""
    qn = units["CA-QUANG-NINH"]
    event = make_conference(SYSTEM, qn, starts_on="2030-06-30")
    assert lead_of(event)
    services.event_update(
        actor=users["qninh_truong"],
        obj=event,
        data={"international_conference": False},
        version=event.version,
    )
    plain = make_event(SYSTEM, qn, type="conference")
    ctype = ContentType.objects.get_for_model(Event)
    assert not Obligation.objects.filter(
        source_type=ctype, source_id__in=[str(event.pk), str(plain.pk)]
    ).exists()


def test_bad_consultations_are_refused_and_nothing_is_written(units, users):
    """Not a conference held in Vietnam, an answer before the consultation, a position without an
    answer date: clear errors, no record and no obligation."""
    qn = units["CA-QUANG-NINH"]
    plain = make_event(SYSTEM, qn, type="conference")
    conference = make_conference(SYSTEM, qn, starts_on="2030-06-30")
    before = (Consultation.objects.count(), Obligation.objects.count())
    for event, extra in (
        (plain, {}),
        (conference, {"answered_on": D("2030-04-01")}),
        (conference, {"position": "agrees"}),
    ):
        with pytest.raises(ValidationError):
            consult(event, "Bộ Ngoại giao", "2030-05-01", **extra)
    assert (Consultation.objects.count(), Obligation.objects.count()) == before
    response = api_for(users["qninh"]).post(
        reverse("api:consultation-list"),
        {"event": plain.pk, "body": "Bộ Ngoại giao", "consulted_on": "2030-05-01"},
        format="json",
    )
    assert response.status_code == 400 and "event" in response.json()["error"]["fields"]
    with pytest.raises(ValidationError):
        make_event(SYSTEM, qn, type="outgoing", international_conference=True)
    assert (Consultation.objects.count(), Obligation.objects.count()) == before


def test_the_form_and_the_api_record_a_consultation_and_its_answer(units, users):
    """The UI form records the consultation (its duty opens); the API records the answer (done)."""
    qn = units["CA-QUANG-NINH"]
    event = make_conference(SYSTEM, qn, starts_on="2030-06-30")
    c = client_for(users["qninh"])
    page = c.get(event.get_absolute_url()).content.decode()
    assert 'data-testid="add-consultation"' in page
    response = c.post(
        reverse("events:consultation_add"),
        {"event": event.pk, "body": "Bộ Công Thương", "consulted_on": "02/05/2030", "answer_days": 15},
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get(event=event, body="Bộ Công Thương")
    assignment = lead_of(consultation)
    assert assignment.due_on == D("2030-05-17")
    api = api_for(users["qninh"])
    body = api.get(reverse("api:consultation-detail", args=[consultation.pk])).json()
    assert body["answer_due_on"] == "2030-05-17"
    response = api.patch(
        reverse("api:consultation-detail", args=[consultation.pk]),
        {"answered_on": "2030-05-12", "position": "comments", "version": consultation.version},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert status_of(assignment, D("2030-06-01")) == "done"
    detail = c.get(consultation.get_absolute_url()).content.decode()
    assert 'data-testid="consultation-tracking"' in detail and 'data-testid="tracked"' in detail
    # A recorded answer stays.
    consultation.refresh_from_db()
    with pytest.raises(ValidationError):
        services.consultation_update(
            actor=users["qninh"], obj=consultation, data={"answered_on": None}, version=consultation.version
        )


def test_deleting_a_consultation_takes_its_open_duty_and_an_answered_one_stays(units, users):
    """An unanswered consultation recorded by mistake goes with its obligation; an answered one
    (its duty has a report) cannot be deleted."""
    qn = units["CA-QUANG-NINH"]
    event = make_conference(SYSTEM, qn, starts_on="2030-06-30")
    mistake = consult(event, "Nhầm cơ quan", "2030-05-01")
    obligation_pk = lead_of(mistake).obligation_id
    services.consultation_delete(actor=users["qninh_truong"], obj=mistake, version=mistake.version)
    assert not Obligation.objects.filter(pk=obligation_pk).exists()
    answered = consult(event, "Bộ Ngoại giao", "2030-05-01", answered_on=D("2030-05-03"), position="agrees")
    with pytest.raises(ValidationError):
        services.consultation_delete(actor=users["qninh_truong"], obj=answered, version=answered.version)
    assert Consultation.objects.filter(pk=answered.pk).exists()


def test_another_province_sees_neither_the_consultations_nor_their_duties(units, users):
    """The consultations follow the conference's visibility; so do their obligations."""
    from core.testing import make_user

    event = make_conference(SYSTEM, units["CA-QUANG-NINH"], starts_on="2030-06-30")
    consultation = consult(event, "Bộ Ngoại giao", "2030-05-01")
    other = make_user(units["CA-HA-NOI"], "officer", "mat")
    assert client_for(other).get(consultation.get_absolute_url()).status_code == 404
    assert not Obligation.objects.visible_to(other).filter(group_id=str(event.pk)).exists()
    listing = client_for(other).get(reverse("events:consultation_list")).content.decode()
    assert consultation.get_absolute_url() not in listing


def test_the_conference_page_costs_the_same_for_2_and_8_consultations(units, users):
    """No query per consultation on the event page."""
    event = make_conference(SYSTEM, units["CA-QUANG-NINH"], starts_on="2030-06-30")

    def add(n):
        for i in range(n):
            consult(event, f"Cơ quan {i}", "2030-05-01")

    add(2)
    c = client_for(users["qninh_truong"])
    c.get(event.get_absolute_url())
    small = count_queries(lambda: c.get(event.get_absolute_url()))
    add(6)
    assert count_queries(lambda: c.get(event.get_absolute_url())) == small


def test_the_demo_conference_has_its_consultations_and_an_overdue_answer(users):
    """The demo's international workshop of 15/12/2026: three bodies consulted, one answer missing."""
    event = Event.objects.get(international_conference=True, starts_on=D("2026-12-15"))
    consultations = list(Consultation.objects.filter(event=event))
    assert len(consultations) == 3
    missing = next(c for c in consultations if c.answered_on is None)
    assert status_of(lead_of(missing), D("2026-11-28")) == "overdue"
    answered = next(c for c in consultations if c.position == "agrees")
    assert status_of(lead_of(answered), D("2026-11-28")) in ("done", "done_late")
    assert lead_of(event).due_on == D("2026-12-31")
