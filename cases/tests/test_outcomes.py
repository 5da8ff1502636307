"""Outcomes tied to their source: on a case, an operation or a progress report, serving an
obligation and an instrument; the chain clause → obligation → assignment → report → outcome
walked both ways in the pages and the API (issue 20, item 2)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from cases import services
from cases.models import Operation, Outcome
from cases.tests.specs import make_case, make_operation
from core.context import SYSTEM
from core.exceptions import ValidationError
from core.models import Share
from core.services import service
from core.testing import count_queries, make_user
from instruments.tests.specs import make_clause, make_instrument
from tracking import services as tracking
from tracking.tests.specs import make_obligation, make_report

pytestmark = pytest.mark.django_db

SEIZURE = {"kind": "seizure", "substance": "Heroin", "quantity": "19", "measure_unit": "kg"}


def api_for(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


@pytest.fixture
def chain(units, users):
    """A clause of an instrument tracked as an obligation, assigned to Quảng Ninh, with a
    progress report that records an outcome; and an operation with a case whose outcome
    serves the same obligation and instrument."""
    qn = units["CA-QUANG-NINH"]
    clause = make_clause(SYSTEM, qn)
    instrument = clause.instrument
    obligation = tracking.obligation_from_source(actor=users["doingoai"], source=clause)
    assignment = tracking.assignment_create(
        actor=users["doingoai"],
        data={
            "obligation": obligation,
            "unit": qn,
            "role": "lead",
            "assigned_on": "2026-03-01",
            "due_on": "2026-12-31",
        },
    )
    report = tracking.report_submit(
        actor=users["qninh"], data={"assignment": assignment, "percent": 50, "narrative": "Đã trao trả"}
    )
    case = make_case(SYSTEM, qn)
    operation = make_operation(SYSTEM, qn)
    services.operation_update(actor=SYSTEM, obj=operation, data={"cases": [case]}, version=operation.version)
    op_outcome = services.outcome_create(
        actor=users["qninh"],
        data={
            "operation": operation,
            **SEIZURE,
            "occurred_on": "2025-04-30",
            "obligation": obligation,
            "instrument": instrument,
        },
    )
    report_outcome = services.outcome_create(
        actor=users["qninh"],
        data={"report": report, "kind": "repatriation", "count": 2, "occurred_on": "2026-05-02"},
    )
    return {
        "clause": clause,
        "instrument": instrument,
        "obligation": obligation,
        "assignment": assignment,
        "report": report,
        "case": case,
        "operation": operation,
        "op_outcome": op_outcome,
        "report_outcome": report_outcome,
    }


# --- The service: exactly one owner, the report's obligation, derived links -------------------


@pytest.mark.parametrize(
    "owners",
    [(), ("case", "operation"), ("operation", "report"), ("case", "operation", "report")],
    ids=["none", "case+operation", "operation+report", "all three"],
)
def test_an_outcome_needs_exactly_one_owner_and_nothing_is_written_otherwise(units, users, owners):
    """No owner, or more than one, is refused with the same clear error on each owner field."""
    qn = units["CA-QUANG-NINH"]
    records = {
        "case": make_case(SYSTEM, qn),
        "operation": make_operation(SYSTEM, qn),
        "report": make_report(SYSTEM, qn),
    }
    before = Outcome.objects.count()
    with translation.override("en"):
        with pytest.raises(ValidationError) as exc:
            services.outcome_create(actor=users["qninh"], data={**SEIZURE, **{o: records[o] for o in owners}})
        assert set(exc.value.message_dict) == {"case", "operation", "report"}
        assert "exactly one" in exc.value.message_dict["case"][0]
    assert Outcome.objects.count() == before


def test_new_kinds_need_their_number(units, users):
    """Trainings delivered and documents exchanged are counts, with their own message."""
    case = make_case(SYSTEM, units["CA-QUANG-NINH"])
    for kind, word in (("training", "trainings"), ("documents", "documents")):
        with translation.override("en"):
            with pytest.raises(ValidationError) as exc:
                services.outcome_create(actor=users["qninh"], data={"case": case, "kind": kind})
            assert word in exc.value.message_dict["count"][0]
    outcome = services.outcome_create(
        actor=users["qninh"], data={"case": case, "kind": "training", "count": 3}
    )
    assert outcome.kind == "training" and str(outcome) == f"{outcome.get_kind_display()}: 3"


def test_a_report_outcome_serves_the_obligation_of_its_assignment(chain, users):
    """Left empty, the obligation is the assignment's and the instrument the clause's; another
    obligation is refused and nothing is written."""
    outcome = chain["report_outcome"]
    assert outcome.obligation == chain["obligation"]
    assert outcome.instrument == chain["instrument"]
    assert outcome.owner == chain["report"] and outcome.owner_unit == chain["report"].owner_unit
    other = make_obligation(SYSTEM, chain["report"].owner_unit)
    before = Outcome.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.outcome_create(
            actor=users["qninh"],
            data={"report": chain["report"], "kind": "arrest", "count": 1, "obligation": other},
        )
    assert "obligation" in exc.value.message_dict
    assert Outcome.objects.count() == before


def test_a_case_outcome_takes_the_legal_basis_as_its_instrument(units, users):
    qn = units["CA-QUANG-NINH"]
    instrument = make_instrument(SYSTEM, qn)
    case = make_case(SYSTEM, qn, legal_basis=instrument)
    outcome = services.outcome_create(actor=users["qninh"], data={"case": case, "kind": "arrest", "count": 1})
    assert outcome.instrument == instrument


def test_an_outcome_stays_on_its_record_and_keeps_its_unit(chain, units, users):
    """An edit cannot move an outcome to another record, unit or classification."""
    outcome = chain["op_outcome"]
    other = make_operation(SYSTEM, units["CA-QUANG-NINH"])
    services.outcome_update(
        actor=users["qninh"],
        obj=outcome,
        data={"operation": other, "classification": "mat", "notes": "Đã giám định"},
        version=outcome.version,
    )
    outcome.refresh_from_db()
    assert outcome.operation == chain["operation"] and outcome.classification == "thuong"
    assert outcome.notes == "Đã giám định"


# --- Links obey the access rule ----------------------------------------------------------------


def test_a_writer_links_only_what_they_see(units, users):
    """An obligation or instrument the writer cannot see is refused like a missing one."""
    from access.links import LINK_ERROR

    hn = units["CA-HA-NOI"]
    hidden_obligation = make_obligation(SYSTEM, hn)
    hidden_instrument = make_instrument(SYSTEM, hn)
    operation = make_operation(SYSTEM, units["CA-QUANG-NINH"])
    before = Outcome.objects.count()
    for field, value in (("obligation", hidden_obligation), ("instrument", hidden_instrument)):
        with pytest.raises(ValidationError) as exc:
            services.outcome_create(
                actor=users["qninh"], data={"operation": operation, **SEIZURE, field: value}
            )
        assert exc.value.message_dict[field] == [str(LINK_ERROR)]
    assert Outcome.objects.count() == before


def test_a_viewer_never_sees_a_linked_record_they_cannot_see_and_an_edit_keeps_it(units, users):
    """The Hà Nội obligation an outcome serves reads "restricted" for Quảng Ninh, on the page
    and in the API; Quảng Ninh's edit keeps it."""
    qn = units["CA-QUANG-NINH"]
    obligation = make_obligation(SYSTEM, units["CA-HA-NOI"], title="Nghĩa vụ mật của Hà Nội số 1")
    operation = make_operation(SYSTEM, qn)
    outcome = services.outcome_create(
        actor=users["doingoai"], data={"operation": operation, **SEIZURE, "obligation": obligation}
    )
    officer = users["qninh"]
    seen = Outcome.objects.visible_to(officer).get(pk=outcome.pk)
    assert not seen.obligation and seen.obligation_id == obligation.pk

    c = APIClient()
    c.force_authenticate(officer)
    body = c.get(reverse("api:outcome-detail", args=[outcome.pk])).json()
    assert body["obligation"] is None and body["obligation_restricted"] is True
    assert c.get(reverse("api:outcome-list"), {"obligation": obligation.pk}).status_code == 400

    from django.test import Client

    page = Client()
    page.force_login(officer)
    html = page.get(outcome.get_absolute_url()).content.decode()
    assert "Nghĩa vụ mật của Hà Nội" not in html

    services.outcome_update(
        actor=officer, obj=seen, data={"obligation": None, "notes": "Sửa"}, version=seen.version
    )
    outcome.refresh_from_db()
    assert outcome.obligation_id == obligation.pk and outcome.notes == "Sửa"


def test_an_outcome_is_seen_where_its_record_is_seen(units, users):
    """Participating units of an operation, and units a case is shared with, see its outcomes;
    others do not; a lower clearance never does."""
    qn, hn = units["CA-QUANG-NINH"], units["CA-HA-NOI"]
    hanoi = make_user(hn, "officer", "mat")
    operation = make_operation(SYSTEM, qn, "mat")
    outcome = services.outcome_create(actor=SYSTEM, data={"operation": operation, **SEIZURE})
    assert not Outcome.objects.visible_to(hanoi).filter(pk=outcome.pk).exists()
    services.operation_update(
        actor=SYSTEM, obj=operation, data={"participating_units": [hn]}, version=operation.version
    )
    assert Outcome.objects.visible_to(hanoi).filter(pk=outcome.pk).exists()
    assert Operation.objects.visible_to(hanoi).filter(pk=operation.pk).exists()
    low = make_user(hn, "officer", "thuong")
    assert not Outcome.objects.visible_to(low).filter(pk=outcome.pk).exists()

    case = make_case(SYSTEM, qn, "mat")
    case_outcome = services.outcome_create(actor=SYSTEM, data={"case": case, "kind": "arrest", "count": 1})
    assert not Outcome.objects.visible_to(hanoi).filter(pk=case_outcome.pk).exists()

    from django.contrib.contenttypes.models import ContentType

    @service
    def share(*, actor):
        Share.objects.create(
            content_type=ContentType.objects.get_for_model(type(case)), object_id=case.pk, unit=hn
        )

    share(actor=SYSTEM)
    assert Outcome.objects.visible_to(hanoi).filter(pk=case_outcome.pk).exists()


# --- Pages: both ways along the chain, with query counts ----------------------------------------


def test_the_chain_is_walked_both_ways_in_the_pages(client, chain, users):
    """Case → its operation's outcomes; outcome → report → assignment → obligation → clause;
    obligation → its outcomes; instrument → outcomes by year; report → outcomes and "add"."""
    client.force_login(users["qninh"])
    op_outcome, report_outcome = chain["op_outcome"], chain["report_outcome"]

    case_page = client.get(chain["case"].get_absolute_url()).content.decode()
    assert f'data-outcome="{op_outcome.pk}"' in case_page

    obligation_page = client.get(chain["obligation"].get_absolute_url()).content.decode()
    assert 'data-testid="outcomes-panel"' in obligation_page
    assert f'data-outcome="{op_outcome.pk}"' in obligation_page
    assert f'data-outcome="{report_outcome.pk}"' in obligation_page

    instrument_page = client.get(chain["instrument"].get_absolute_url()).content.decode()
    assert 'data-year="2025"' in instrument_page and 'data-year="2026"' in instrument_page
    assert instrument_page.index('data-year="2026"') < instrument_page.index('data-year="2025"')
    assert f'data-outcome="{op_outcome.pk}"' in instrument_page

    report_page = client.get(chain["report"].get_absolute_url()).content.decode()
    assert f'data-outcome="{report_outcome.pk}"' in report_page
    assert f"{reverse('cases:outcome_add')}?report={chain['report'].pk}" in report_page

    outcome_page = client.get(report_outcome.get_absolute_url()).content.decode()
    walk = outcome_page[outcome_page.index('data-testid="outcome-chain"') :]
    for record in (chain["clause"], chain["obligation"], chain["assignment"], chain["report"]):
        assert record.get_absolute_url() in walk
    assert walk.index(chain["obligation"].get_absolute_url()) < walk.index(chain["report"].get_absolute_url())

    listed = client.get(
        reverse("cases:outcome_list"), {"obligation": chain["obligation"].pk}
    ).content.decode()
    assert op_outcome.get_absolute_url() in listed


def test_the_add_page_prefills_the_report(client, chain, users):
    client.force_login(users["qninh"])
    response = client.get(reverse("cases:outcome_add"), {"report": chain["report"].pk})
    assert response.status_code == 200
    response = client.post(
        reverse("cases:outcome_add"),
        {"report": chain["report"].pk, "kind": "documents", "count": "4", "occurred_on": "03/05/2026"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    outcome = Outcome.objects.latest("pk")
    assert outcome.report == chain["report"] and outcome.obligation == chain["obligation"]


@pytest.mark.parametrize("page", ["obligation", "instrument", "report", "case"])
def test_outcome_panels_do_not_grow_the_page_queries(client, chain, users, page):
    """The panels read their outcomes and every link they show in a fixed number of queries."""
    client.force_login(users["qninh"])
    url = chain[page].get_absolute_url()
    client.get(url)
    small = count_queries(lambda: client.get(url), cold=True)
    for n in range(5):
        services.outcome_create(
            actor=users["qninh"],
            data={
                "report": chain["report"],
                "kind": "arrest",
                "count": n + 1,
                "occurred_on": f"202{n}-01-10",
                "instrument": chain["instrument"],
            },
        )
        services.outcome_create(
            actor=users["qninh"],
            data={"operation": chain["operation"], **SEIZURE, "obligation": chain["obligation"]},
        )
    assert count_queries(lambda: client.get(url), cold=True) == small


def test_outcome_list_and_detail_queries_are_fixed(client, chain, users):
    client.force_login(users["qninh"])
    url = reverse("cases:outcome_list")
    detail = chain["report_outcome"].get_absolute_url()
    client.get(url)
    client.get(detail)
    small, one = (
        count_queries(lambda: client.get(url), cold=True),
        count_queries(lambda: client.get(detail), cold=True),
    )
    for _n in range(5):
        services.outcome_create(
            actor=users["qninh"], data={"report": chain["report"], "kind": "arrest", "count": 1}
        )
    assert count_queries(lambda: client.get(url), cold=True) == small
    assert count_queries(lambda: client.get(detail), cold=True) == one


# --- API: filters and links both ways --------------------------------------------------------


def test_the_api_walks_the_chain_both_ways(chain, users):
    api = api_for(users["qninh"])
    op_outcome, report_outcome = chain["op_outcome"], chain["report_outcome"]

    def ids(params):
        response = api.get(reverse("api:outcome-list"), params)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    assert ids({"obligation": chain["obligation"].pk}) == {op_outcome.pk, report_outcome.pk}
    assert ids({"instrument": chain["instrument"].pk}) == {op_outcome.pk, report_outcome.pk}
    assert ids({"report": chain["report"].pk}) == {report_outcome.pk}
    assert ids({"operation": chain["operation"].pk}) == {op_outcome.pk}
    assert ids({"kind": "repatriation", "obligation": chain["obligation"].pk}) == {report_outcome.pk}

    body = api.get(reverse("api:outcome-detail", args=[report_outcome.pk])).json()
    assert body["report"] == chain["report"].pk and body["obligation"] == chain["obligation"].pk
    assert body["instrument"] == chain["instrument"].pk

    for name, route in (
        ("obligation", "api:obligation-detail"),
        ("instrument", "api:instrument-detail"),
        ("report", "api:progress-report-detail"),
    ):
        related = api.get(reverse(route, args=[chain[name].pk])).json()["related"]
        assert related["outcomes"].endswith(f"{reverse('api:outcome-list')}?{name}={chain[name].pk}")

    case = api.get(reverse("api:case-detail", args=[chain["case"].pk])).json()
    operations = api.get(case["related"]["operations"]).json()["results"]
    assert [o["id"] for o in operations] == [chain["operation"].pk]
    assert [o["id"] for o in operations[0]["outcomes"]] == [op_outcome.pk]


def test_the_api_refuses_a_bad_owner_with_a_clear_error(chain, users):
    api = api_for(users["qninh"])
    before = Outcome.objects.count()
    response = api.post(
        reverse("api:outcome-list"),
        {"case": chain["case"].pk, "operation": chain["operation"].pk, **SEIZURE},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) >= {"case", "operation", "report"}
    response = api.post(reverse("api:outcome-list"), {"kind": "training", "count": 2}, format="json")
    assert response.status_code == 400
    assert Outcome.objects.count() == before


# --- Demo -------------------------------------------------------------------------------------


def test_demo_568p_outcomes_are_reachable_from_its_case_and_serve_the_drug_mou(client, users):
    operation = Operation.objects.get(name="Chuyên án 568P")
    outcomes = list(operation.outcomes.all())
    assert outcomes and all(o.instrument_id for o in outcomes)
    instrument = outcomes[0].instrument
    client.force_login(users["doingoai"])
    case = operation.cases.get()
    body = client.get(case.get_absolute_url()).content.decode()
    assert all(f'data-outcome="{o.pk}"' in body for o in outcomes)
    body = client.get(instrument.get_absolute_url()).content.decode()
    assert 'data-year="2022"' in body and all(f'data-outcome="{o.pk}"' in body for o in outcomes)
