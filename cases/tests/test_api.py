"""The cases API: cases with transitions, operations with outcomes, authorities, masked subjects."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from cases import services
from cases.models import Operation
from cases.tests.specs import make_case
from core.context import SYSTEM

pytestmark = pytest.mark.django_db


def api(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def test_case_created_through_the_api_gets_rules_and_deadline(users, units):
    response = api(users["qninh"]).post(
        "/api/v1/cases/",
        {
            "title": "Đề nghị xác minh qua API",
            "type": "information",
            "direction": "incoming",
            "channel": "aseanapol",
            "crime_area": "drugs",
            "opened_on": "2026-08-01",
            "owner_unit": units["CA-QUANG-NINH"].pk,
            "classification": "thuong",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "received"
    assert body["rules_applied"] == "laws_2025"
    assert body["response_due_on"] == "2026-08-31"


def test_status_patch_follows_the_transitions(users, units):
    case = make_case(SYSTEM, units["CA-QUANG-NINH"], direction="outgoing")
    client = api(users["qninh"])
    response = client.patch(f"/api/v1/cases/{case.pk}/", {"status": "closed", "version": 1}, format="json")
    assert response.status_code == 400
    assert "status" in response.json()["error"]["fields"]
    response = client.patch(f"/api/v1/cases/{case.pk}/", {"status": "sent", "version": 1}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "sent"


def test_extradition_case_answers_the_provisional_arrest_deadline(users, units):
    case = make_case(
        SYSTEM,
        units["CA-QUANG-NINH"],
        type="extradition",
        direction="incoming",
        provisional_arrest_on="2026-09-01",
    )
    body = api(users["qninh"]).get(f"/api/v1/cases/{case.pk}/").json()
    assert body["provisional_arrest_deadline"] == "2026-10-16"


def test_operations_come_with_their_outcomes(users):
    op = Operation.objects.get(name="Chuyên án 568P")
    body = api(users["doingoai"]).get(f"/api/v1/operations/{op.pk}/").json()
    kinds = sorted(o["kind"] for o in body["outcomes"])
    assert kinds == ["prosecution", "seizure", "seizure"]
    listed = api(users["doingoai"]).get("/api/v1/operations/").json()
    assert any(row["name"] == "Chuyên án 568P" for row in listed["results"])


def test_subjects_are_masked_for_a_viewer(users, units):
    case = make_case(SYSTEM, units["CA-QUANG-NINH"])
    subject = services.subject_create(
        actor=SYSTEM,
        data={"case": case, "role": "Nạn nhân", "full_name": "Đinh Thị Hư Cấu", "nationality": "VN"},
    )
    viewer = api(users["khach"]).get(f"/api/v1/case-subjects/{subject.pk}/").json()
    assert viewer["full_name"] == "•••" and viewer["role"] == "Nạn nhân"
    officer = api(users["qninh"]).get(f"/api/v1/case-subjects/{subject.pk}/").json()
    assert officer["full_name"] == "Đinh Thị Hư Cấu"


def test_competent_authorities_are_reference_data(users):
    client = api(users["khach"])
    rows = client.get("/api/v1/competent-authorities/", {"request_kind": "interpol", "page_size": 100}).json()
    assert len(rows["results"]) >= 10
    response = client.post(
        "/api/v1/competent-authorities/",
        {"country": rows["results"][0]["country"], "request_kind": "mla", "role": "central", "name": "X"},
        format="json",
    )
    assert response.status_code == 403
    created = api(users["doingoai"]).post(
        "/api/v1/competent-authorities/",
        {"country": rows["results"][0]["country"], "request_kind": "other", "role": "competent", "name": "Y"},
        format="json",
    )
    assert created.status_code == 201


def test_response_rules_validate_days(users):
    client = api(users["doingoai"])
    rule = client.get("/api/v1/response-rules/", {"case_type": "mla"}).json()["results"][0]
    response = client.patch(
        f"/api/v1/response-rules/{rule['id']}/", {"days": 0, "version": rule["version"]}, format="json"
    )
    assert response.status_code == 400
