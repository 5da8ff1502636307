"""The indicator and gap pages, the Excel export of gaps, the definitions and the API."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from capacity import services
from capacity.models import CapacityDefinition
from core.audit import AuditEvent
from core.context import SYSTEM
from core.exceptions import ValidationError
from core.models import AuditEntry
from core.testing import count_queries, make_user

from .conftest import D, leader

pytestmark = pytest.mark.django_db


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def api_for(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def test_indicator_page_shows_share_version_chart_and_units(tree, definitions, users):
    """The page shows the share, the definition version used, the SVG trend and the breakdown."""
    v_a, _v_b = definitions
    leader(tree["top"])
    leader(tree["team"], tech=None)
    response = client_for(users["doingoai"]).get(
        reverse("capacity:home"), {"as_of": "01/06/2040", "unit": tree["top"].pk}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="trend-chart"' in html and "<svg" in html
    assert response.context["share"] == 50.0
    assert "50,0 %" in html or "50.0 %" in html
    assert f"v{v_a.number}" in response.context["definition"].__str__()
    assert response.context["leaders_total"] == 2
    assert 'style="' not in html.split("<main", 1)[-1]


def test_indicator_page_nationally_uses_the_demo(users):
    """Nationally, the demo's leaders are counted and the units listed."""
    response = client_for(users["lanhdao"]).get(reverse("capacity:home"))
    assert response.status_code == 200
    assert response.context["leaders_total"] > 100
    assert len(response.context["per_unit"]) > 20
    assert response.context["definition_version"] is not None


def test_pages_take_the_same_queries_for_2_and_12_profiles(tree, definitions, users):
    """The indicator and gap pages do not query per profile."""
    for _ in range(2):
        leader(tree["top"], tech=None)
    c = client_for(users["doingoai"])
    params = {"as_of": "01/06/2040", "unit": tree["top"].pk}

    def measure():
        return [
            count_queries(lambda: c.get(reverse("capacity:home"), params), cold=True),
            count_queries(lambda: c.get(reverse("capacity:gaps"), params), cold=True),
        ]

    measure()
    small = measure()
    for _ in range(10):
        leader(tree["team"], tech=None)
    assert measure() == small


def test_gap_page_lists_one_criterion_short_and_exports_to_excel_audited(tree, definitions, users):
    """The gap list names the missing part; the Excel export holds it and is audited."""
    short = leader(tree["top"], law=None)
    c = client_for(users["doingoai"])
    params = {"as_of": "01/06/2040", "unit": tree["top"].pk}
    response = c.get(reverse("capacity:gaps"), params)
    assert response.status_code == 200
    assert short.staff_code in response.content.decode()
    before = AuditEntry.objects.filter(event=AuditEvent.EXPORT).count()
    response = c.get(reverse("capacity:gaps"), {**params, "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.cell(row=2, column=1).value == short.staff_code
    assert AuditEntry.objects.filter(event=AuditEvent.EXPORT).count() == before + 1


def test_a_viewer_reads_the_pages_but_may_not_export(users):
    """Viewers see the indicator; the export is 403 for them; anonymous users go to login."""
    viewer = users["khach"]
    assert client_for(viewer).get(reverse("capacity:home")).status_code == 200
    assert client_for(viewer).get(reverse("capacity:gaps"), {"export": "xlsx"}).status_code == 403
    assert Client().get(reverse("capacity:home")).status_code == 302


def test_only_coordinators_add_definitions_and_one_in_effect_never_changes(users):
    """An officer cannot add a version; a version in effect refuses edits and deletion."""
    data = {
        "title": "Thử",
        "effective_from": "01/01/2020",
        "min_level": "B2",
        "certificate_max_years": 2,
        "requires_law_or_posting": "on",
        "requires_tech_or_cyber": "on",
    }
    add = reverse("capacity:capacitydefinition_add")
    assert client_for(users["qninh"]).post(add, data).status_code == 403
    assert client_for(users["doingoai"]).post(add, data).status_code == 302
    used = CapacityDefinition.objects.latest("number")
    with pytest.raises(ValidationError):
        services.definition_update(
            actor=users["doingoai"], obj=used, data={"title": "x"}, version=used.version
        )
    with pytest.raises(ValidationError):
        services.definition_delete(actor=SYSTEM, obj=used, version=used.version)
    future = services.definition_create(
        actor=users["doingoai"], data={"title": "Sau này", "effective_from": D(2099, 1, 1)}
    )
    assert future.number == used.number + 1
    services.definition_update(actor=users["doingoai"], obj=future, data={"title": "Đã sửa"}, version=1)


def test_api_capacity_answers_the_figures_with_the_version(tree, definitions, users):
    """GET /api/v1/capacity/ gives leaders_total, leaders_meeting, share and definition_version."""
    v_a, v_b = definitions
    leader(tree["top"])
    leader(tree["top"], tech=None)
    assert reverse("api:capacity-list") == "/api/v1/capacity/"
    api = api_for(users["doingoai"])
    body = api.get("/api/v1/capacity/", {"as_of": "2040-06-01", "unit": tree["top"].pk}).json()
    assert (body["leaders_total"], body["leaders_meeting"], body["share"]) == (2, 1, 50.0)
    assert body["definition_version"] == v_a.number
    body = api.get("/api/v1/capacity/", {"as_of": "2042-03-01", "unit": tree["top"].pk}).json()
    assert (body["definition_version"], body["leaders_meeting"]) == (v_b.number, 0)
    assert api.get("/api/v1/capacity/", {"as_of": "01/06/2040"}).status_code == 400
    assert api.get("/api/v1/capacity/", {"unit": "x"}).status_code == 400
    assert api.get("/api/v1/capacity/", {"unit": 999999}).status_code == 404
    assert APIClient().get("/api/v1/capacity/").status_code == 401


def test_api_counts_only_what_the_caller_sees(tree, definitions, units):
    """Another province's officer gets zero leaders for this subtree."""
    leader(tree["top"])
    other = make_user(units["CA-HA-NOI"], "officer", "tuyet_mat")
    body = api_for(other).get("/api/v1/capacity/", {"as_of": "2040-06-01", "unit": tree["top"].pk}).json()
    assert body["leaders_total"] == 0 and body["share"] is None


def test_profile_page_lists_languages_qualifications_and_postings(tree, definitions, users):
    """The profile page shows its children; the name is masked for a viewer."""
    profile = leader(tree["top"], posting=D(2039, 5, 1))
    html = client_for(users["qninh_truong"]).get(profile.get_absolute_url()).content.decode()
    assert "An ninh mạng" in html and "Luật quốc tế" in html and 'data-testid="postings"' in html
    assert "Người Thử Nghiệm" in html
    viewer = make_user(units_of(profile), "viewer", "mat")
    assert "Người Thử Nghiệm" not in client_for(viewer).get(profile.get_absolute_url()).content.decode()


def units_of(profile):
    return profile.owner_unit


def test_definitions_through_the_api_take_the_next_number(users):
    """A coordinator adds a version through the API (numbered); an officer is refused."""
    body = {"title": "Qua API", "effective_from": "2098-01-01", "min_level": "C1", "certificate_max_years": 2}
    assert (
        api_for(users["qninh"]).post("/api/v1/capacity-definitions/", body, format="json").status_code == 403
    )
    response = api_for(users["doingoai"]).post("/api/v1/capacity-definitions/", body, format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["number"] == CapacityDefinition.objects.latest("number").number
    bad = api_for(users["doingoai"]).post(
        "/api/v1/capacity-definitions/", {**body, "certificate_max_years": 0}, format="json"
    )
    assert bad.status_code == 400


def test_moving_a_profile_moves_its_records_with_it(tree, definitions):
    """A profile moved to another unit takes its languages and qualifications along."""
    profile = leader(tree["top"])
    services.profile_update(actor=SYSTEM, obj=profile, data={"owner_unit": tree["team"]}, version=1)
    assert set(profile.languages.values_list("owner_unit", flat=True)) == {tree["team"].pk}
    assert set(profile.qualifications.values_list("owner_unit", flat=True)) == {tree["team"].pk}


def test_the_gap_list_is_paged_and_filtered_and_the_export_stays_complete(
    tree, definitions, users, monkeypatch
):
    """Two per page: page 2 holds the next leaders; the filter keeps one missing part; the Excel
    export has every leader one criterion short, whatever the page or filter shown."""
    from capacity import views_pages

    monkeypatch.setattr(views_pages, "GAP_PAGE_SIZE", 2)
    no_tech = [leader(tree["top"], code=f"GP-{i}", tech=None) for i in range(3)]
    no_law = leader(tree["top"], code="GP-9", law=None)
    c = client_for(users["doingoai"])
    params = {"as_of": "01/06/2040", "unit": tree["top"].pk}
    first = c.get(reverse("capacity:gaps"), params)
    assert first.context["one_short_total"] == 4 and first.context["pages"] == 2
    assert [r["profile"].staff_code for r in first.context["one_short"]] == ["GP-0", "GP-1"]
    html = first.content.decode()
    assert 'data-testid="gap-pages"' in html and 'data-testid="next-page"' in html
    second = c.get(reverse("capacity:gaps"), {**params, "page": 2})
    assert [r["profile"].staff_code for r in second.context["one_short"]] == ["GP-2", "GP-9"]
    assert c.get(reverse("capacity:gaps"), {**params, "page": "x"}).context["page"] == 1
    assert c.get(reverse("capacity:gaps"), {**params, "page": 99}).context["page"] == 2
    law = c.get(reverse("capacity:gaps"), {**params, "missing": "law_or_posting"})
    assert [r["profile"].pk for r in law.context["one_short"]] == [no_law.pk]
    counts = {r["value"]: r["count"] for r in law.context["one_short_by_criterion"]}
    assert counts == {"language": 0, "law_or_posting": 1, "tech_or_cyber": 3}
    assert c.get(reverse("capacity:gaps"), {**params, "missing": "bogus"}).context["one_short_total"] == 4
    export = c.get(reverse("capacity:gaps"), {**params, "page": 2, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
    codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert codes == ["GP-0", "GP-1", "GP-2", "GP-9"]
    assert {p.staff_code for p in no_tech} <= set(codes)
