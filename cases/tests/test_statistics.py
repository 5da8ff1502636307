"""Statistics of cases and operations (issue 8, parts 6 and 9) and the case timeline."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cases import selectors, services
from cases.tests.specs import make_case, make_operation
from core.context import SYSTEM
from core.testing import count_queries
from partners.models import Country

pytestmark = pytest.mark.django_db


def _seized(stats):
    return {(r["substance"], r["unit"]): Decimal(str(r["quantity"])) for r in stats["seizures"]}


def _persons(stats):
    return {r["key"]: r["count"] for r in stats["persons"]}


@pytest.mark.parametrize("who", ["doingoai", "lanhdao"])
def test_statistics_reproduce_568p(users, who):
    import datetime

    april = selectors.statistics(
        user=users[who], date_from=datetime.date(2022, 4, 1), date_to=datetime.date(2022, 4, 30)
    )
    assert _seized(april) == {("Ma túy tổng hợp các loại", "kg"): Decimal(44), ("Heroin", "kg"): Decimal(19)}
    assert _persons(april) == {"prosecution": 12}
    assert april["total_operations"] == 1
    year = selectors.statistics(
        user=users[who], date_from=datetime.date(2022, 1, 1), date_to=datetime.date(2022, 12, 31)
    )
    assert _persons(year) == {"prosecution": 12, "arrest": 3}
    everything = selectors.statistics(user=users[who])
    assert _persons(everything)["repatriation"] >= 205
    assert any(r["key"] == "KH" for r in everything["by_country"])
    assert sum(r["count"] for r in everything["by_type"]) == everything["total_cases"]


def test_statistics_count_only_visible_records(users, units):
    op = make_operation(SYSTEM, units["CA-HA-NOI"], "thuong", started_on="2031-05-01")
    services.outcome_create(
        actor=SYSTEM,
        data={
            "operation": op,
            "kind": "seizure",
            "substance": "Cần sa",
            "quantity": "5",
            "measure_unit": "kg",
        },
    )
    make_case(SYSTEM, units["CA-HA-NOI"], opened_on="2031-05-02")
    import datetime

    period = {"date_from": datetime.date(2031, 1, 1), "date_to": datetime.date(2031, 12, 31)}
    mine = selectors.statistics(user=users["qninh"], **period)
    assert mine["total_cases"] == 0 and mine["seizures"] == []
    all_ = selectors.statistics(user=users["doingoai"], **period)
    assert all_["total_cases"] == 1 and _seized(all_) == {("Cần sa", "kg"): Decimal(5)}


def test_statistics_page_has_charts_tables_and_no_inline_script(client, users):
    client.force_login(users["doingoai"])
    response = client.get(reverse("cases:statistics"), {"from": "01/04/2022", "to": "30/04/2022"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="cases-stats-data"' in body and "js/cases-statistics.js" in body
    assert 'data-chart="seizures"' in body and 'data-chart="by_country"' in body
    assert 'data-testid="persons-prosecution">12<' in body
    assert "Heroin" in body and "19 kg" in body and "44 kg" in body
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", body)
    assert all('type="application/json"' in attrs for attrs in scripts), scripts
    assert " style=" not in body
    data = json.loads(
        re.search(r'id="cases-stats-data" type="application/json">(.*?)</script>', body, re.S).group(1)
    )
    assert 44.0 in data["seizures"]["values"] and 19.0 in data["seizures"]["values"]


def test_statistics_api_and_year_filter(users):
    api = APIClient()
    api.force_authenticate(users["lanhdao"])
    response = api.get("/api/v1/cases/statistics/", {"year": 2022})
    assert response.status_code == 200
    data = response.json()
    assert {r["key"]: r["count"] for r in data["persons"]} == {"prosecution": 12, "arrest": 3}
    assert {"substance": "Heroin", "unit": "kg", "quantity": "19"} in data["seizures"]
    api.force_authenticate(None)
    assert api.get("/api/v1/cases/statistics/").status_code == 401


def test_statistics_page_queries_do_not_grow(client, users, units):
    client.force_login(users["doingoai"])
    url = reverse("cases:statistics")
    client.get(url)
    before = count_queries(lambda: client.get(url))
    kh = Country.objects.get(code="KH")
    for _ in range(4):
        make_case(SYSTEM, units["CA-QUANG-NINH"], countries=[kh])
        op = make_operation(SYSTEM, units["CA-QUANG-NINH"])
        services.outcome_create(actor=SYSTEM, data={"operation": op, "kind": "arrest", "count": 2})
    assert count_queries(lambda: client.get(url)) == before


# --- Timeline -------------------------------------------------------------------------------------


def test_case_timeline_lists_events_in_date_order(client, users, units):
    case = make_case(SYSTEM, units["CA-QUANG-NINH"], opened_on="2026-03-02")
    services.message_create(
        actor=SYSTEM,
        data={
            "case": case,
            "date": "2026-03-04",
            "direction": "sent",
            "channel": "interpol",
            "summary": "Gửi yêu cầu",
        },
    )
    case = services.case_transition(actor=SYSTEM, obj=case, status="sent", version=case.version)
    services.message_create(
        actor=SYSTEM,
        data={
            "case": case,
            "date": "2026-03-20",
            "direction": "received",
            "channel": "interpol",
            "summary": "Nhận trả lời của Bên đối tác",
        },
    )
    services.reference_create(actor=SYSTEM, data={"case": case, "kind": "partner", "number": "P-1"})
    events = selectors.case_timeline(user=users["qninh"], case=case)
    kinds = [e["kind"] for e in events]
    assert kinds[0] == "opened" and "status" in kinds and "reference" in kinds and "deadline" in kinds
    days = [e["day"] for e in events]
    assert days == sorted(days)
    texts = [e["text"] for e in events]
    assert texts.index("Gửi yêu cầu") < texts.index("Nhận trả lời của Bên đối tác")
    client.force_login(users["qninh"])
    body = client.get(case.get_absolute_url()).content.decode()
    assert 'data-testid="timeline"' in body and "Nhận trả lời của Bên đối tác" in body
