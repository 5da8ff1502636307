"""The cases pages: list, detail panels, operations with totals, the authority directory."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases import services
from cases.models import CompetentAuthority, CooperationCase, Operation, ResponseRule
from cases.tests.specs import make_case
from core.context import SYSTEM
from core.testing import count_queries

pytestmark = pytest.mark.django_db


def test_home_redirects_to_the_case_list(client, users):
    client.force_login(users["doingoai"])
    response = client.get(reverse("cases:home"))
    assert response.status_code == 302 and response["Location"] == reverse("cases:cooperationcase_list")


def test_case_list_filters_by_type_and_status(client, users):
    client.force_login(users["doingoai"])
    response = client.get(reverse("cases:cooperationcase_list"), {"type": "interpol_notice", "per_page": 100})
    assert response.status_code == 200
    rows = [row["obj"] for row in response.context["rows"]]
    assert rows and all(c.type == "interpol_notice" for c in rows)
    response = client.get(reverse("cases:cooperationcase_list"), {"status": "closed", "per_page": 100})
    assert all(row["obj"].status == "closed" for row in response.context["rows"])


def test_case_detail_shows_deadline_legal_basis_references_and_log(client, users):
    case = CooperationCase.objects.filter(type="information", direction="incoming", status="received").first()
    client.force_login(users["doingoai"])
    body = client.get(case.get_absolute_url()).content.decode()
    for testid in ("deadline", "deadline-status", "legal-basis", "references", "messages", "subjects"):
        assert f'data-testid="{testid}"' in body, testid
    red = CooperationCase.objects.filter(notice_colour="red").first()
    body = client.get(red.get_absolute_url()).content.decode()
    assert "DEMO-RN/2022/0" in body and "Nhận thông báo đỏ" in body


def test_extradition_detail_shows_the_45_day_countdown(client, users):
    case = CooperationCase.objects.filter(type="extradition", provisional_arrest_on__isnull=False).first()
    client.force_login(users["doingoai"])
    body = client.get(case.get_absolute_url()).content.decode()
    assert 'data-testid="arrest-countdown"' in body
    assert case.provisional_arrest_deadline.strftime("%d/%m/%Y") in body


def test_paused_case_shows_its_reason(client, users):
    case = CooperationCase.objects.exclude(paused_reason="").first()
    client.force_login(users["doingoai"])
    body = client.get(case.get_absolute_url()).content.decode()
    assert 'data-testid="paused"' in body and case.paused_reason in body


def test_case_detail_queries_do_not_grow_with_subjects_and_messages(client, users, units):
    case = make_case(SYSTEM, units["CA-QUANG-NINH"], direction="incoming")
    client.force_login(users["qninh"])

    def add(n):
        for i in range(n):
            services.subject_create(
                actor=SYSTEM, data={"case": case, "role": f"Đối tượng {i}", "full_name": "X"}
            )
            services.message_create(
                actor=SYSTEM,
                data={
                    "case": case,
                    "date": "2026-09-02",
                    "direction": "sent",
                    "channel": "interpol",
                    "summary": "Y",
                },
            )
            services.reference_create(actor=SYSTEM, data={"case": case, "kind": "ours", "number": f"N{i}"})

    add(2)
    url = case.get_absolute_url()
    client.get(url)
    small = count_queries(lambda: client.get(url))
    add(10)
    assert count_queries(lambda: client.get(url)) == small


def test_operation_detail_shows_outcomes_and_totals(client, users):
    op = Operation.objects.get(name="Chuyên án 568P")
    client.force_login(users["lanhdao"])
    body = client.get(op.get_absolute_url()).content.decode()
    assert 'data-testid="totals"' in body and 'data-testid="outcomes"' in body
    assert "Heroin" in body and "44" in body and "19" in body and "12" in body
    assert "Phối hợp điều tra Chuyên án 568P" in body


def test_authority_directory_filters_by_country(client, users):
    from partners.models import Country

    kh = Country.objects.get(code="KH")
    client.force_login(users["khach"])
    response = client.get(reverse("cases:competentauthority_list"), {"country": kh.pk, "per_page": 100})
    assert response.status_code == 200
    rows = [row["obj"] for row in response.context["rows"]]
    assert rows and all(a.country_id == kh.pk for a in rows)
    assert {a.request_kind for a in rows} >= {"mla", "extradition", "interpol"}


def test_reference_data_is_edited_by_coordinators_only(client, users):
    rule = ResponseRule.objects.get(case_type="transfer")
    authority = CompetentAuthority.objects.first()
    client.force_login(users["qninh"])
    assert client.get(reverse("cases:responserule_edit", args=[rule.pk])).status_code == 403
    assert client.get(reverse("cases:competentauthority_add")).status_code == 403
    client.force_login(users["doingoai"])
    response = client.post(
        reverse("cases:responserule_edit", args=[rule.pk]),
        {"case_type": "transfer", "days": 100, "note": "", "version": rule.version},
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.days == 100
    assert client.get(reverse("cases:competentauthority_edit", args=[authority.pk])).status_code == 200


def test_child_add_forms_are_prefilled_from_the_case(client, users, units):
    case = make_case(SYSTEM, units["CA-QUANG-NINH"])
    client.force_login(users["qninh"])
    response = client.get(reverse("cases:casesubject_add"), {"case": case.pk})
    assert response.status_code == 200
    assert response.context["form"].initial.get("case") == case.pk


def test_status_change_through_the_form_is_checked(client, users, units):
    case = make_case(SYSTEM, units["CA-QUANG-NINH"], direction="outgoing")
    client.force_login(users["qninh"])
    data = {
        "title": case.title,
        "type": case.type,
        "direction": case.direction,
        "channel": case.channel,
        "crime_area": case.crime_area,
        "status": "closed",
        "opened_on": "02/03/2026",
        "owner_unit": case.owner_unit_id,
        "classification": "thuong",
        "version": case.version,
    }
    response = client.post(reverse("cases:cooperationcase_edit", args=[case.pk]), data)
    assert response.status_code == 400
    assert response.context["form"].errors["status"]
    response = client.post(reverse("cases:cooperationcase_edit", args=[case.pk]), {**data, "status": "sent"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "sent" and case.response_due_on is not None


def test_partner_profile_lists_its_cases_and_operations(client, users):
    from partners.models import Country

    kh = Country.objects.get(code="KH")
    client.force_login(users["doingoai"])
    body = client.get(kh.get_absolute_url()).content.decode()
    assert 'data-testid="partner-cases"' in body
    assert "Chuyên án 568P" in body and "Phối hợp điều tra Chuyên án 568P" in body
    client.force_login(users["khach"])
    body = client.get(kh.get_absolute_url()).content.decode()
    assert "Phối hợp điều tra Chuyên án 568P" not in body  # a ministry unit's case, hidden from Quảng Ninh


def test_case_form_has_the_live_legal_basis_panel(client, users):
    client.force_login(users["qninh"])
    body = client.get(reverse("cases:cooperationcase_add")).content.decode()
    assert 'id="legal-basis-panel"' in body and 'hx-get="/cases/legal-basis/"' in body
    assert "<script>" not in body


def test_legal_basis_panel_lists_instruments_or_reciprocity(client, users, units):
    from cases.models import CompetentAuthority
    from partners.models import Country

    client.force_login(users["qninh"])
    url = reverse("cases:legal_basis_panel")
    body = client.get(url, {"type": "mla", "opened_on": "02/03/2026"}).content.decode()
    assert "Choose the partner" in body or "Chọn" in body
    # A country with no instrument in force: reciprocity applies.
    lonely = Country.objects.filter(code__in=["AQ", "BV", "HM"]).first()
    body = client.get(
        url, {"type": "mla", "countries": [lonely.pk], "opened_on": "02/03/2026"}
    ).content.decode()
    assert 'data-testid="legal-panel-reciprocity"' in body
    # Cambodia: the instruments in force with it, and its competent authority for MLA.
    kh = Country.objects.get(code="KH")
    body = client.get(url, {"type": "mla", "countries": [kh.pk], "opened_on": "02/03/2026"}).content.decode()
    authority = CompetentAuthority.objects.filter(country=kh, request_kind="mla").first()
    assert authority is None or authority.name in body
    assert 'data-testid="legal-panel-instruments"' in body


def test_legal_basis_panel_queries_do_not_grow_with_the_partners(client, users):
    from partners.models import Country

    client.force_login(users["doingoai"])
    url = reverse("cases:legal_basis_panel")
    few = [c.pk for c in Country.objects.filter(code__in=["KH", "LA"])]
    many = [c.pk for c in Country.objects.filter(code__in=["KH", "LA", "TH", "CN", "KR", "JP", "AU", "US"])]
    client.get(url, {"type": "mla", "countries": few})
    assert count_queries(lambda: client.get(url, {"type": "mla", "countries": few})) == count_queries(
        lambda: client.get(url, {"type": "mla", "countries": many})
    )
