"""Coverage of commitments: what counts, from when, tracked/done/overdue on a date, the list,
its one-click "track", the dashboard figure, the indicators API, the report and the digest."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.context import SYSTEM
from core.models import AuditEntry, AuditEvent
from core.testing import count_queries, make_user
from events.tests.specs import make_pledge
from instruments import services as instruments
from instruments.models import Clause, Instrument
from instruments.tests.specs import make_directive, make_instrument
from tracking import coverage, services
from tracking.choices import AssignmentRole, NotificationKind
from tracking.coverage import DONE, DONE_LATE, OPEN, OVERDUE, UNTRACKED, _lead_status
from tracking.models import Assignment, Notification, Obligation

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = timezone.localdate


def client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def in_force(unit, *, on=None, classification="thuong", clauses=(True,), **extra):
    """An MOU in force since ``on`` (default 01/01/2025) with clauses (True: creates an obligation)."""
    on = on or D(2025, 1, 1)
    instrument = make_instrument(
        SYSTEM,
        unit,
        classification,
        status="in_force",
        signed_on=on,
        in_force_on=on,
        **extra,
    )
    made = [
        instruments.clause_create(
            actor=SYSTEM,
            data={
                "instrument": instrument,
                "number": f"Điều {i + 1}",
                "text": "Hai bên trao đổi thông tin",
                "creates_obligation": flag,
                "order": i,
            },
        )
        for i, flag in enumerate(clauses)
    ]
    return instrument, made


def row_keys(rows) -> set[tuple[str, int]]:
    return {(r["key"], r["pk"]) for r in rows}


def clause_status(user, day, clause) -> str:
    return {r["pk"]: r["status"] for r in coverage.commitments(user, day, kinds=["clause"])}[clause.pk]


def track(actor, source, unit=None, due=None, assigned_on=None):
    lead = services.commitment_track(actor=actor, source=source, lead_unit=unit, due_on=due)
    if assigned_on is not None:
        lead = services.assignment_update(
            actor=SYSTEM, obj=lead, data={"assigned_on": assigned_on}, version=lead.version
        )
    return lead


# --- What a commitment is ------------------------------------------------------------------------


def test_a_clause_creating_an_obligation_counts_and_not_its_instrument(users, units):
    """An instrument with an obligation clause yields the clause only; without one, the
    instrument itself; a clause not creating an obligation never counts."""
    coordinator = make_user(units["CDN"], "coordinator")
    with_clause, (duty, plain) = in_force(units["CDN"], clauses=(True, False))
    without, _clauses = in_force(units["CDN"], clauses=(False,))
    keys = row_keys(coverage.commitments(coordinator, TODAY()))
    assert ("clause", duty.pk) in keys
    assert ("clause", plain.pk) not in keys
    assert ("instrument", with_clause.pk) not in keys
    assert ("instrument", without.pk) in keys


def test_a_commitment_counts_from_the_date_it_binds(users, units):
    """Before entry into force (or the directive's date, the event's date) it does not count."""
    coordinator = make_user(units["CDN"], "coordinator")
    _i, (clause,) = in_force(units["CDN"], on=D(2025, 3, 1))
    directive = make_directive(SYSTEM, units["CDN"], issued_on="2025-06-01")
    task = instruments.item_create(
        actor=SYSTEM,
        data={"directive": directive, "kind": "task", "number": "1", "text": "Nhiệm vụ", "order": 1},
    )
    pledge = make_pledge(SYSTEM, units["CDN"])  # the event starts on 10/03/2026
    before = row_keys(coverage.commitments(coordinator, D(2025, 2, 28)))
    assert ("clause", clause.pk) not in before and ("directive_task", task.pk) not in before
    after = row_keys(coverage.commitments(coordinator, D(2026, 3, 10)))
    assert {("clause", clause.pk), ("directive_task", task.pk), ("pledge", pledge.pk)} <= after
    assert ("pledge", pledge.pk) not in row_keys(coverage.commitments(coordinator, D(2026, 3, 9)))


def test_an_instrument_no_longer_in_force_drops_its_commitments(users, units):
    coordinator = make_user(units["CDN"], "coordinator")
    _instrument, (clause,) = in_force(units["CDN"], on=D(2024, 1, 1), expires_on=D(2025, 1, 1))
    assert ("clause", clause.pk) in row_keys(coverage.commitments(coordinator, D(2024, 6, 1)))
    assert ("clause", clause.pk) not in row_keys(coverage.commitments(coordinator, D(2025, 6, 1)))


def test_a_leadership_instruction_is_a_commitment_tracked_once_it_has_a_lead(users, units):
    coordinator = make_user(units["CDN"], "coordinator")
    instruction = services.obligation_create(
        actor=coordinator, data={"title": "Chỉ đạo của Bộ trưởng", "owner_unit": units["CDN"]}
    )
    rows = {(r["key"], r["pk"]): r for r in coverage.commitments(coordinator, TODAY())}
    assert rows[("instruction", instruction.pk)]["status"] == UNTRACKED
    track(coordinator, instruction, units["CDN"])
    rows = {(r["key"], r["pk"]): r for r in coverage.commitments(coordinator, TODAY())}
    assert rows[("instruction", instruction.pk)]["status"] == OPEN


# --- Status on a date ----------------------------------------------------------------------------


def test_the_status_of_a_lead_on_a_date_follows_its_periods():
    """Done on time, done late, overdue, open: from the due and completion dates only."""
    due = D(2026, 5, 1)
    assert _lead_status([], D(2026, 6, 1)) == OPEN
    assert _lead_status([(due, D(2026, 4, 30))], D(2026, 6, 1)) == DONE
    assert _lead_status([(due, D(2026, 5, 3))], D(2026, 6, 1)) == DONE_LATE
    # On 02/05 the report of 03/05 did not exist yet: overdue then.
    assert _lead_status([(due, D(2026, 5, 3))], D(2026, 5, 2)) == OVERDUE
    assert _lead_status([(due, None)], D(2026, 5, 2)) == OVERDUE
    assert _lead_status([(due, None)], D(2026, 5, 1)) == OPEN
    assert _lead_status([(due, D(2026, 4, 1)), (D(2026, 9, 1), None)], D(2026, 6, 1)) == OPEN


def test_tracked_on_a_date_reads_the_assignment_date_not_today(users, units):
    """A lead given on 01/03/2026 makes the clause tracked from then, untracked before."""
    coordinator = make_user(units["CDN"], "coordinator")
    _i, (clause,) = in_force(units["CDN"])
    track(coordinator, clause, units["CDN"], due=D(2026, 12, 31), assigned_on=D(2026, 3, 1))

    def status(day):
        return clause_status(coordinator, day, clause)

    assert status(D(2026, 2, 28)) == UNTRACKED
    assert status(D(2026, 3, 1)) == OPEN
    assert status(D(2027, 1, 1)) == OVERDUE


def test_a_support_assignment_alone_does_not_track(users, units):
    coordinator = make_user(units["CDN"], "coordinator")
    _i, (clause,) = in_force(units["CDN"])
    obligation = services.obligation_from_source(actor=coordinator, source=clause)
    services.assignment_create(
        actor=coordinator,
        data={
            "obligation": obligation,
            "unit": units["CDN"],
            "role": AssignmentRole.SUPPORT,
            "due_on": TODAY(),
        },
    )
    rows = {r["pk"]: r for r in coverage.commitments(coordinator, TODAY(), kinds=["clause"])}
    assert rows[clause.pk]["status"] == UNTRACKED


# --- The page and its one-click track -----------------------------------------------------------


def test_an_untracked_clause_is_listed_and_disappears_once_tracked_in_one_click(users, units):
    coordinator = make_user(units["CDN"], "coordinator")
    _i, (clause,) = in_force(units["CDN"])
    c = client(coordinator)
    url = reverse("tracking:coverage")
    page = c.get(url, {"kind": "clause"})
    assert page.status_code == 200
    assert f'data-key="clause-{clause.pk}"' in page.content.decode()
    response = c.post(
        reverse("tracking:coverage_track", args=["clause", clause.pk]), {"next": url + "?kind=clause"}
    )
    assert response.status_code == 302 and response["Location"] == url + "?kind=clause"
    lead = Assignment.objects.get(
        obligation__source_id=str(clause.pk), obligation__source_type__model="clause"
    )
    assert lead.role == AssignmentRole.LEAD and lead.unit == units["CDN"] and lead.parent_id is None
    assert lead.due_on == TODAY() + datetime.timedelta(days=services.TRACK_DEFAULT_DAYS)
    page = c.get(url, {"kind": "clause"})
    assert f'data-key="clause-{clause.pk}"' not in page.content.decode()
    page = c.get(url, {"kind": "clause", "status": "tracked"})
    assert f'data-key="clause-{clause.pk}"' in page.content.decode()
    # Tracking again makes nothing new.
    c.post(reverse("tracking:coverage_track", args=["clause", clause.pk]))
    assert Obligation.objects.filter(source_id=str(clause.pk), source_type__model="clause").count() == 1


def test_track_with_a_chosen_lead_unit_and_due_date(users, units):
    coordinator = make_user(units["CDN"], "coordinator")
    _i, (clause,) = in_force(units["CDN"])
    c = client(coordinator)
    url = reverse("tracking:coverage_track", args=["clause", clause.pk])
    assert c.get(url).status_code == 200
    response = c.post(url, {"lead_unit": units["CA-QUANG-NINH"].pk, "due_on": "31/12/2026"})
    assert response.status_code == 302
    lead = Assignment.objects.get(
        obligation__source_id=str(clause.pk), obligation__source_type__model="clause"
    )
    assert lead.unit == units["CA-QUANG-NINH"] and lead.due_on == D(2026, 12, 31)


def test_track_with_bad_input_says_why_and_writes_nothing(users, units):
    coordinator = make_user(units["CDN"], "coordinator")
    _i, (clause,) = in_force(units["CDN"])
    c = client(coordinator)
    url = reverse("tracking:coverage_track", args=["clause", clause.pk])
    for data in ({"due_on": "garbage"}, {"lead_unit": "999999"}, {"due_on": "01/01/2000"}):
        response = c.post(url, data)
        assert response.status_code == 400, data
    assert not Obligation.objects.filter(source_id=str(clause.pk), source_type__model="clause").exists()


def test_a_clause_not_creating_an_obligation_cannot_be_tracked_here(users, units):
    coordinator = make_user(units["CDN"], "coordinator")
    _i, (clause,) = in_force(units["CDN"], clauses=(False,))
    assert (
        client(coordinator).post(reverse("tracking:coverage_track", args=["clause", clause.pk])).status_code
        == 404
    )
    assert (
        client(coordinator).post(reverse("tracking:coverage_track", args=["nothing", clause.pk])).status_code
        == 404
    )


def test_bad_as_of_is_a_clear_400(users, units):
    coordinator = make_user(units["CDN"], "coordinator")
    response = client(coordinator).get(reverse("tracking:coverage"), {"as_of": "garbage"})
    assert response.status_code == 400
    assert "garbage" in response.content.decode()
    api = client(coordinator).get("/api/v1/indicators/", {"as_of": "garbage"})
    assert api.status_code == 400 and "as_of" in api.json()["error"]["fields"]


# --- Who sees what -------------------------------------------------------------------------------


def test_another_unit_or_a_lower_clearance_never_sees_the_commitment(users, units):
    """Not in the list, not in the counts, not in the export; tracking it is 404."""
    owner = make_user(units["CDN"], "coordinator", clearance="mat")
    _i, (secret,) = in_force(units["CDN"], classification="mat")
    _j, (mine,) = in_force(units["CA-QUANG-NINH"], classification="thuong")
    other_unit = make_user(
        units["CA-HA-NOI"] if "CA-HA-NOI" in units else units["A02"], ["unit_head", "officer"]
    )
    low = make_user(units["CDN"], ["unit_head", "officer"], clearance="thuong")
    assert ("clause", secret.pk) in row_keys(coverage.commitments(owner, TODAY()))
    for user in (other_unit, low):
        assert ("clause", secret.pk) not in row_keys(coverage.commitments(user, TODAY()))
        c = client(user)
        page = c.get(reverse("tracking:coverage"), {"status": "all"}).content.decode()
        assert f'data-key="clause-{secret.pk}"' not in page
        export = c.get(reverse("tracking:coverage"), {"status": "all", "export": "csv"})
        assert (
            export.status_code == 200 and secret.text not in export.content.decode("utf-8-sig")
        ) or secret.text == mine.text
        assert f"clause-{secret.pk}" not in export.content.decode("utf-8-sig")
        assert c.post(reverse("tracking:coverage_track", args=["clause", secret.pk])).status_code == 404
    assert ("clause", mine.pk) not in row_keys(coverage.commitments(other_unit, TODAY()))
    # Counts: the hidden clause adds nothing for them.
    before = coverage.coverage(other_unit, TODAY())["total"]
    in_force(units["CDN"], classification="mat")
    assert coverage.coverage(other_unit, TODAY())["total"] == before
    assert AuditEntry.objects.filter(event=AuditEvent.EXPORT, actor=low).exists()


def test_a_viewer_without_the_right_role_gets_403(users, units):
    _i, (clause,) = in_force(units["CDN"])
    viewer = make_user(units["CDN"], "viewer")
    officer = make_user(units["CDN"], "officer")
    assert client(viewer).get(reverse("tracking:coverage")).status_code == 200
    assert client(viewer).get(reverse("tracking:coverage"), {"export": "csv"}).status_code == 403
    for user in (viewer, officer):
        assert (
            client(user).post(reverse("tracking:coverage_track", args=["clause", clause.pk])).status_code
            == 403
        )
    nobody = make_user(units["CDN"], [])
    assert client(nobody).get(reverse("tracking:coverage")).status_code == 403
    assert not Obligation.objects.filter(source_id=str(clause.pk), source_type__model="clause").exists()


def test_the_unit_filter_keeps_the_subtree(users, units):
    coordinator = make_user(units["CDN"], "coordinator")
    _i, (cdn,) = in_force(units["CDN"])
    _j, (qn,) = in_force(units["CA-QUANG-NINH"])
    keys = row_keys(coverage.commitments(coordinator, TODAY(), unit=units["CA-QUANG-NINH"]))
    assert ("clause", qn.pk) in keys and ("clause", cdn.pk) not in keys


# --- Query counts --------------------------------------------------------------------------------


def test_the_page_costs_the_same_number_of_queries_as_commitments_grow(users, units):
    coordinator = make_user(units["CDN"], "coordinator")
    c = client(coordinator)
    url = reverse("tracking:coverage")
    c.get(url)
    first = count_queries(lambda: c.get(url, {"status": "all"}), cold=True)
    for _n in range(3):
        _i, (clause, _other) = in_force(units["CDN"], clauses=(True, True))
        track(coordinator, clause, units["CDN"])
        make_pledge(SYSTEM, units["CDN"])
    assert count_queries(lambda: c.get(url, {"status": "all"}), cold=True) == first
    assert count_queries(lambda: c.get(url, {"status": "all", "export": "csv"}), cold=True) <= first + 5


def test_the_track_form_costs_the_same_number_of_queries_as_commitments_grow(users, units):
    coordinator = make_user(units["CDN"], "coordinator")
    _i, (clause,) = in_force(units["CDN"])
    c = client(coordinator)
    url = reverse("tracking:coverage_track", args=["clause", clause.pk])
    c.get(url)
    first = count_queries(lambda: c.get(url), cold=True)
    for _n in range(3):
        _j, (other,) = in_force(units["CDN"])
        track(coordinator, other, units["CDN"])
    assert count_queries(lambda: c.get(url), cold=True) == first


# --- Dashboard, indicators API, report, digest --------------------------------------------------


def test_the_indicators_api_gives_the_commitment_figures_on_a_date(users, units):
    coordinator = make_user(units["CDN"], "coordinator")
    _i, (clause,) = in_force(units["CDN"], on=D(2025, 1, 1))
    track(coordinator, clause, units["CDN"], due=D(2026, 12, 31), assigned_on=D(2025, 6, 1))
    c = client(coordinator)
    data = c.get("/api/v1/indicators/", {"as_of": "2025-07-01"}).json()
    expected = coverage.coverage(coordinator, D(2025, 7, 1))
    assert data["commitments_total"] == expected["total"] >= 1
    assert data["commitments_tracked"] == expected["tracked"] >= 1
    assert data["commitments_done"] == expected[DONE]
    assert data["commitments_overdue"] == expected[OVERDUE]
    for day in (D(2025, 5, 31), D(2025, 6, 1)):
        data = c.get("/api/v1/indicators/", {"as_of": day.isoformat()}).json()
        expected = coverage.coverage(coordinator, day)
        assert data["commitments_tracked"] == expected["tracked"]
        assert data["commitments_total"] == expected["total"]

    def status(day):
        return clause_status(coordinator, day, clause)

    assert status(D(2025, 5, 31)) == UNTRACKED and status(D(2025, 6, 1)) == OPEN


def test_the_dashboard_figure_matches_its_lists(users, units):
    coordinator = make_user(units["CDN"], "coordinator")
    _i, (clause, _other) = in_force(units["CDN"], clauses=(True, True))
    track(coordinator, clause, units["CDN"])
    c = client(coordinator)
    page = c.get(reverse("dashboard:home"))
    assert page.status_code == 200
    figures = page.context["coverage"]
    assert figures is not None
    for key in ("total", "tracked", "done", "overdue", "untracked"):
        listed = c.get(figures["links"][key])
        assert listed.status_code == 200
        assert listed.context["page"].paginator.count == figures[key], key
    assert figures["links"]["untracked"] in page.content.decode().replace("&amp;", "&")


def test_the_report_says_how_many_commitments_are_tracked(users, units):
    from reports.selectors import tracking_section

    coordinator = make_user(units["CDN"], "coordinator")
    in_force(units["CDN"])
    from reports.selectors import vi_number

    section = tracking_section(coordinator, None, D(2026, 1, 1), TODAY(), TODAY())
    c = coverage.coverage(coordinator, TODAY())
    assert any(
        f"trong tổng số {vi_number(c['total'])} cam kết" in s
        and f"đã theo dõi thực hiện {vi_number(c['tracked'])} cam kết" in s
        for s in section.sentences
    ), section.sentences
    labels = {f["label"]: f["value"] for f in section.figures}
    assert labels["Cam kết đang có hiệu lực"] == c["total"]
    assert labels["Cam kết đã được theo dõi"] == c["tracked"]


def test_a_commitment_untracked_for_30_days_is_in_the_coordinators_digest(users, units):
    from tracking.reminders import send_untracked_digests

    coordinator = make_user(units["CDN"], "coordinator")
    _i, (old,) = in_force(units["CDN"], on=TODAY() - datetime.timedelta(days=40))
    _j, (new,) = in_force(units["CDN"], on=TODAY() - datetime.timedelta(days=10))
    send_untracked_digests(TODAY())
    note = Notification.objects.get(recipient=coordinator, kind=NotificationKind.UNTRACKED_DIGEST)
    due = [
        r
        for r in coverage.commitments(coordinator, TODAY())
        if r["status"] == UNTRACKED and r["days_untracked"] >= 30
    ]
    keys = row_keys(due)
    assert ("clause", old.pk) in keys and ("clause", new.pk) not in keys
    assert note.title.startswith(str(len(due)))
    assert reverse("tracking:coverage") in note.url
    # Rerun the same day: nothing twice.
    send_untracked_digests(TODAY())
    assert (
        Notification.objects.filter(recipient=coordinator, kind=NotificationKind.UNTRACKED_DIGEST).count()
        == 1
    )
    # A unit head (not a coordinator) gets no such digest.
    head = make_user(units["CDN"], "unit_head")
    assert not Notification.objects.filter(recipient=head, kind=NotificationKind.UNTRACKED_DIGEST).exists()


# --- The demo ------------------------------------------------------------------------------------


def test_an_untracked_clause_of_a_demo_instrument_appears_and_disappears_once_tracked(users, units):
    coordinator = users["doingoai"] if "doingoai" in users else make_user(units["CDN"], "coordinator")
    rows = [
        r for r in coverage.commitments(coordinator, TODAY(), kinds=["clause"]) if r["status"] == UNTRACKED
    ]
    assert rows, "the demo holds an untracked obligation clause of an instrument in force"
    clause = Clause.objects.get(pk=rows[0]["pk"])
    assert Instrument.objects.filter(pk=clause.instrument_id, in_force_on__lte=TODAY()).exists()
    c = client(coordinator)
    url = reverse("tracking:coverage")
    assert (
        f'data-key="clause-{clause.pk}"'
        in c.get(url, {"kind": "clause", "sort": "title", "q": clause.text[:30]}).content.decode()
    )
    assert c.post(reverse("tracking:coverage_track", args=["clause", clause.pk])).status_code == 302
    after = {r["pk"]: r["status"] for r in coverage.commitments(coordinator, TODAY(), kinds=["clause"])}
    assert after[clause.pk] != UNTRACKED


# --- The API ------------------------------------------------------------------------------------


def test_the_commitments_api_lists_counts_and_tracks(users, units):
    from rest_framework.test import APIClient

    coordinator = make_user(units["CDN"], "coordinator")
    _i, (clause,) = in_force(units["CDN"])
    api = APIClient()
    api.force_authenticate(coordinator)
    body = api.get("/api/v1/commitments/", {"kind": "clause", "status": "untracked", "limit": 500}).json()
    assert body["counts"] == coverage.coverage(coordinator, TODAY()) | body["counts"]
    assert ("clause", clause.pk) in {(r["key"], r["pk"]) for r in body["results"]}
    made = api.post(
        "/api/v1/commitments/track/",
        {"key": "clause", "pk": clause.pk, "due_on": "2026-12-31"},
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["lead_unit"] == units["CDN"].pk and made.json()["due_on"] == "2026-12-31"
    body = api.get("/api/v1/commitments/", {"kind": "clause", "status": "untracked", "limit": 500}).json()
    assert ("clause", clause.pk) not in {(r["key"], r["pk"]) for r in body["results"]}
    for params in ({"as_of": "garbage"}, {"status": "nope"}, {"kind": "nope"}, {"limit": "0"}):
        response = api.get("/api/v1/commitments/", params)
        assert response.status_code == 400, params
        assert next(iter(params)) in response.json()["error"]["fields"]


def test_the_commitments_api_hides_what_the_caller_may_not_see(users, units):
    from rest_framework.test import APIClient

    _i, (secret,) = in_force(units["CDN"], classification="mat")
    low = make_user(units["CDN"], ["unit_head", "officer"], clearance="thuong")
    api = APIClient()
    api.force_authenticate(low)
    body = api.get("/api/v1/commitments/", {"kind": "clause", "limit": 500}).json()
    assert ("clause", secret.pk) not in {(r["key"], r["pk"]) for r in body["results"]}
    refused = api.post("/api/v1/commitments/track/", {"key": "clause", "pk": secret.pk}, format="json")
    assert refused.status_code == 404
    officer = make_user(units["CDN"], "officer")
    _j, (clause,) = in_force(units["CDN"])
    api.force_authenticate(officer)
    assert (
        api.post("/api/v1/commitments/track/", {"key": "clause", "pk": clause.pk}, format="json").status_code
        == 403
    )
    assert not Obligation.objects.filter(source_id=str(clause.pk), source_type__model="clause").exists()
