"""Obligations from their sources: one-POST tracking, the obligation tree, instruments' follow-ups."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.context import SYSTEM
from core.services import record_share
from core.testing import count_queries, make_user
from instruments import services as instruments
from instruments.models import InstrumentStage
from instruments.services import next_yearly_plan_due
from instruments.tests.specs import make_directive, make_instrument
from tracking import services
from tracking.deadlines import due_after_window
from tracking.models import Assignment, Obligation

pytestmark = pytest.mark.django_db
D = datetime.date


def client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def track_url(obj) -> str:
    return reverse("tracking:track", args=[obj._meta.label_lower, obj.pk])


def tree_url(obj) -> str:
    return reverse("tracking:source_tree", args=[obj._meta.label_lower, obj.pk])


def directive_with_tasks(unit):
    """A plan: section I > task group 1 > tasks 1.1 and 1.2, and a viewpoint."""
    directive = make_directive(SYSTEM, unit)
    add = lambda **data: instruments.item_create(actor=SYSTEM, data={"directive": directive, **data})  # noqa: E731
    section = add(kind="section", number="I", text="Nhiệm vụ, giải pháp", order=1)
    group = add(kind="task_group", number="1", text="Hợp tác song phương", parent=section, order=2)
    t1 = add(
        kind="task",
        number="1.1",
        text="Duy trì hội đàm định kỳ với công an tỉnh giáp biên " * 8,
        parent=group,
        order=3,
    )
    t2 = add(
        kind="task",
        number="1.2",
        text="Trao đổi thông tin về tội phạm xuyên biên giới",
        parent=group,
        order=4,
    )
    view = add(kind="viewpoint", number="II", text="Quan điểm chỉ đạo", order=5)
    return directive, {"section": section, "group": group, "t1": t1, "t2": t2, "viewpoint": view}


def test_a_directive_task_is_tracked_in_one_post_and_a_second_post_reuses_it(users, units):
    """The obligation carries the source label and the document; tracking again opens the same one."""
    directive, items = directive_with_tasks(units["CDN"])
    c = client(users["doingoai"])
    response = c.post(track_url(items["t1"]))
    assert response.status_code == 302
    obligation = Obligation.objects.get(source_id=str(items["t1"].pk), source_type__model="directiveitem")
    assert response["Location"] == obligation.get_absolute_url()
    assert obligation.source_label == f"{directive.symbol} · 1.1"
    assert obligation.group_label == str(directive)[:300]
    assert obligation.source_kind == "directive_item" and obligation.owner_unit == units["CDN"]
    # The title is the text cut at a word boundary; the description keeps it whole.
    assert len(obligation.title) <= 200 and not obligation.title.endswith("giáp")
    assert obligation.description == items["t1"].text
    again = c.post(track_url(items["t1"]))
    assert again.status_code == 302 and again["Location"] == obligation.get_absolute_url()
    assert (
        Obligation.objects.filter(source_id=str(items["t1"].pk), source_type__model="directiveitem").count()
        == 1
    )


def test_an_officer_tracks_for_their_own_unit(users, units):
    """services.obligation_from_source gives the officer's unit the obligation."""
    _directive, items = directive_with_tasks(units["CA-QUANG-NINH"])
    response = client(users["qninh"]).post(track_url(items["t2"]))
    assert response.status_code == 302
    obligation = Obligation.objects.get(source_id=str(items["t2"].pk), source_type__model="directiveitem")
    assert obligation.owner_unit == units["CA-QUANG-NINH"] and obligation.created_by == users["qninh"]


def test_hidden_source_is_404_viewer_is_403_anonymous_goes_to_login(users, units):
    _hidden, hidden_items = directive_with_tasks(units["CA-HA-NOI"])
    _own, own_items = directive_with_tasks(units["CA-QUANG-NINH"])
    assert client(users["qninh"]).post(track_url(hidden_items["t1"])).status_code == 404
    assert client(users["qninh"]).get(tree_url(_hidden)).status_code == 404
    assert client(users["khach"]).post(track_url(own_items["t1"])).status_code == 403
    assert client(users["lanhdao"]).post(track_url(own_items["t1"])).status_code == 403
    anonymous = Client().post(track_url(own_items["t1"]))
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert client(users["qninh"]).get(track_url(own_items["t1"])).status_code == 405
    # Not a source, or not a model at all: 404.
    assert client(users["doingoai"]).post(reverse("tracking:track", args=["org.unit", 1])).status_code == 404
    assert client(users["doingoai"]).post(reverse("tracking:track", args=["nothing", 1])).status_code == 404
    assert not Obligation.objects.filter(
        source_id__in=[str(own_items["t1"].pk), str(hidden_items["t1"].pk)]
    ).exists()


def _report(officer, head, assignment, percent):
    report = services.report_submit(
        actor=officer, data={"assignment": assignment, "percent": percent, "narrative": "Đã triển khai"}
    )
    return services.report_approve(actor=head, obj=report, version=report.version)


def test_the_tree_page_shows_statuses_and_rolls_percentages_up(users, units):
    """A parent's percent is the mean of its tracked descendants; each assignment shows its status."""
    directive, items = directive_with_tasks(units["CA-QUANG-NINH"])
    today = timezone.localdate()
    head = users["qninh_truong"]
    c = client(head)
    page = c.get(tree_url(directive))
    assert page.status_code == 200 and all(row["percent"] is None for row in page.context["rows"])
    before = count_queries(lambda: c.get(tree_url(directive)))
    assignments = []
    for key in ("t1", "t2"):
        c.post(track_url(items[key]))
        obligation = Obligation.objects.get(source_id=str(items[key].pk), source_type__model="directiveitem")
        assignments.append(
            services.assignment_create(
                actor=head,
                data={
                    "obligation": obligation,
                    "unit": units["CA-QUANG-NINH"],
                    "role": "lead",
                    "assigned_on": today,
                    "due_on": today + datetime.timedelta(days=30),
                },
            )
        )
    _report(users["qninh"], head, assignments[0], 100)
    _report(users["qninh"], head, assignments[1], 50)
    response = c.get(tree_url(directive))
    html = response.content.decode()
    assert response.status_code == 200
    rows = {row["node"].pk: row for row in response.context["rows"] if row["kind"] != "viewpoint"}
    assert rows[items["t1"].pk]["percent"] == 100 and rows[items["t2"].pk]["percent"] == 50
    assert rows[items["group"].pk]["percent"] == 75 and rows[items["section"].pk]["percent"] == 75
    assert rows[items["group"].pk]["tracked_below"] == 2
    assert 'data-status="done"' in html and 'data-status="in_progress"' in html and "75%" in html
    # Tracked items do not add queries to the page.
    assert count_queries(lambda: c.get(tree_url(directive))) == before
    # The directive page shows the tracked items and offers tracking for the task group, not the viewpoint.
    detail = client(head).get(directive.get_absolute_url()).content.decode()
    assert detail.count('data-testid="tracked"') == 2
    assert detail.count('data-testid="track-button"') == 1
    assert tree_url(directive) in detail


def test_the_directive_item_page_offers_tracking_then_shows_the_assignments(users, units):
    _directive, items = directive_with_tasks(units["CDN"])
    c = client(users["doingoai"])
    page = c.get(items["t2"].get_absolute_url()).content.decode()
    assert 'data-testid="track-button"' in page and 'data-testid="tracked"' not in page
    c.post(track_url(items["t2"]))
    page = c.get(items["t2"].get_absolute_url()).content.decode()
    assert 'data-testid="tracked"' in page and 'data-testid="source-assignments"' in page
    # A viewer sees no button; a viewpoint is not work.
    assert (
        'data-testid="track-button"'
        not in client(users["khach"]).get(items["t2"].get_absolute_url()).content.decode()
    )
    assert 'data-testid="track-button"' not in c.get(items["viewpoint"].get_absolute_url()).content.decode()


def test_a_clause_that_creates_an_obligation_is_tracked_from_the_instrument_page(users, units):
    instrument = make_instrument(SYSTEM, units["CDN"])
    clause = instruments.clause_create(
        actor=SYSTEM,
        data={
            "instrument": instrument,
            "number": "Điều 3",
            "text": "Hai Bên duy trì đường dây nóng",
            "creates_obligation": True,
        },
    )
    instruments.clause_create(
        actor=SYSTEM,
        data={"instrument": instrument, "number": "Điều 1", "text": "Mục đích", "creates_obligation": False},
    )
    c = client(users["doingoai"])
    page = c.get(instrument.get_absolute_url()).content.decode()
    # The clause and the instrument as a whole can be tracked; the plain clause cannot.
    assert page.count('data-testid="track-button"') == 2
    assert c.post(track_url(clause)).status_code == 302
    obligation = Obligation.objects.get(source_id=str(clause.pk), source_type__model="clause")
    assert obligation.source_kind == "clause" and obligation.group_label == str(instrument)[:300]
    assert obligation.source_label.endswith("· Điều 3")
    page = c.get(instrument.get_absolute_url()).content.decode()
    assert 'data-testid="tracked"' in page and tree_url(instrument) in page
    tree = c.get(tree_url(instrument))
    assert tree.status_code == 200 and any(row["obligation"] == obligation for row in tree.context["rows"])


def _follow_ups(instrument):
    stages = InstrumentStage.objects.filter(
        instrument=instrument, kind__in=["report_to_mofa", "implementation_plan", "yearly_plan"]
    )
    return {s.kind: services.existing_for_source(s) for s in stages}


def test_post_signing_duties_become_obligations_with_their_due_dates_once(users, units):
    """Report to MOFA 15 days after signing, implementation plan 15 days after entry into force,
    yearly plan by 15/11; assigned to the owner unit; an edit creates nothing twice."""
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9), tick=False):
        instrument = make_instrument(SYSTEM, units["XNC"], status="negotiating")
        instrument = instruments.instrument_update(
            actor=users["doingoai"],
            obj=instrument,
            data={"status": "signed", "signed_on": D(2026, 2, 20)},
            version=instrument.version,
        )
        made = _follow_ups(instrument)
        assert set(made) == {"report_to_mofa"}
        report = made["report_to_mofa"]
        assert report.source_kind == "instrument" and report.owner_unit == units["XNC"]
        assert report.group_label == str(instrument)[:300]
        a = Assignment.objects.get(obligation=report)
        assert (a.unit, a.role, a.deadline_kind, a.assigned_on, a.due_on) == (
            units["XNC"],
            "lead",
            "date",
            D(2026, 2, 20),
            D(2026, 3, 7),
        )
        instrument = instruments.instrument_update(
            actor=users["doingoai"],
            obj=instrument,
            data={"status": "in_force", "in_force_on": D(2026, 3, 1)},
            version=instrument.version,
        )
        made = _follow_ups(instrument)
        plan = Assignment.objects.get(obligation=made["implementation_plan"])
        assert (plan.assigned_on, plan.due_on) == (D(2026, 3, 1), D(2026, 3, 16))
        yearly = Assignment.objects.get(obligation=made["yearly_plan"])
        assert yearly.due_on == D(2026, 11, 15) and yearly.deadline_kind == "date"
        count = Obligation.objects.count()
        instruments.instrument_update(
            actor=users["doingoai"], obj=instrument, data={"notes": "x"}, version=instrument.version
        )
        assert Obligation.objects.count() == count
        assert InstrumentStage.objects.filter(instrument=instrument).count() == 3
    # After 15/11 the next cycle's plan is due the next year.
    assert next_yearly_plan_due(D(2026, 11, 15)) == D(2026, 11, 15)
    assert next_yearly_plan_due(D(2026, 11, 16)) == D(2027, 11, 15)


def test_a_recurring_yearly_duty_would_fall_on_15_december_so_the_plan_is_a_one_off(units):
    """Decree 09's year window ends 14/12: due day 15 gives 15/12, not the law's 15/11."""
    assert due_after_window(D(2026, 12, 14), 15) == D(2026, 12, 15)


def test_follow_ups_are_tracked_whoever_records_the_signature_but_not_for_old_signatures(users, units):
    """The duty follows from the law (instruments.StageRule): an officer who may not assign work
    still records a signature whose report to MOFA is tracked, lead = the owner unit."""
    officer = make_user(units["CA-QUANG-NINH"], "officer", "mat")
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9), tick=False):
        instrument = make_instrument(SYSTEM, units["CA-QUANG-NINH"], status="negotiating")
        instrument = instruments.instrument_update(
            actor=officer,
            obj=instrument,
            data={"status": "signed", "signed_on": D(2026, 2, 20)},
            version=instrument.version,
        )
        assert InstrumentStage.objects.filter(instrument=instrument, kind="report_to_mofa").exists()
        obligation = _follow_ups(instrument)["report_to_mofa"]
        assert obligation.assignments.get(role="lead").unit == units["CA-QUANG-NINH"]
        old = make_instrument(SYSTEM, units["CDN"], status="negotiating")
        old = instruments.instrument_update(
            actor=SYSTEM, obj=old, data={"status": "signed", "signed_on": D(2015, 5, 4)}, version=old.version
        )
        # The 2015 stage is recorded for the file, but no 2015 deadline lands on anyone's board.
        assert _follow_ups(old) == {"report_to_mofa": None}


def test_the_yearly_plan_job_opens_each_cycle_once(users, units):
    """yearly_plan_follow_ups: one plan per instrument in force and cycle; after 15/11, the next year's."""
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9), tick=False):
        instrument = make_instrument(
            SYSTEM, units["CDN"], status="in_force", signed_on=D(2026, 1, 5), in_force_on=D(2026, 1, 5)
        )
        assert _follow_ups(instrument)["yearly_plan"] is not None  # opened when recorded
        instruments.yearly_plan_follow_ups(actor=SYSTEM)  # the demo's instruments in force
        assert instruments.yearly_plan_follow_ups(actor=SYSTEM) == 0
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9), tick=False):
        assert instruments.yearly_plan_follow_ups(actor=SYSTEM) >= 1
        assert instruments.yearly_plan_follow_ups(actor=SYSTEM) == 0
    dues = sorted(
        InstrumentStage.objects.filter(instrument=instrument, kind="yearly_plan").values_list(
            "due_on", flat=True
        )
    )
    assert dues == [D(2026, 11, 15), D(2027, 11, 15)]


def test_a_unit_that_cannot_see_anothers_obligation_tracks_its_own(users, units):
    """A province tracking a task Cục Đối ngoại already tracks gets its own obligation, and
    learns nothing of the hidden one (not even who owns it)."""
    directive, items = directive_with_tasks(units["CDN"])
    record_share(actor=SYSTEM, obj=directive, units=[units["CA-QUANG-NINH"]])
    client(users["doingoai"]).post(track_url(items["t1"]))
    response = client(users["qninh"]).post(track_url(items["t1"]), follow=True)
    assert "Cục Đối ngoại" not in response.content.decode()
    mine = Obligation.objects.visible_to(users["qninh"]).get(source_id=str(items["t1"].pk))
    assert mine.owner_unit == units["CA-QUANG-NINH"]
    assert response.redirect_chain[-1][0] == mine.get_absolute_url()
    tracked = Obligation.objects.filter(source_id=str(items["t1"].pk), source_type__model="directiveitem")
    assert tracked.count() == 2
    # Tracking it again finds the province's own.
    client(users["qninh"]).post(track_url(items["t1"]))
    assert tracked.count() == 2
