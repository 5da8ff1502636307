"""Cooperation cases in a browser: the list, a case with its panels, the 568P operation."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def test_coordinator_opens_a_case_and_the_568p_operation(page, demo_site):
    """The case page shows its deadline, legal basis and log; 568P shows its seizures; no console error."""
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(demo_site + "/login/")
    page.fill("#id_username", "doingoai")
    page.fill("#id_password", "hoptac-demo")
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login/" not in url)

    from cases.models import CooperationCase

    case = CooperationCase.objects.get(type="extradition", provisional_arrest_on__isnull=False)
    page.goto(demo_site + "/cases/cooperationcases/?type=extradition")
    page.locator("#object-table tbody a", has_text=case.title).click()
    page.wait_for_url(re.compile(rf"/cases/cooperationcases/{case.pk}/$"))
    assert page.get_by_test_id("deadline").is_visible()
    assert page.get_by_test_id("arrest-countdown").is_visible()
    assert page.get_by_test_id("legal-basis").is_visible()
    assert page.get_by_test_id("subjects").locator("tbody tr").count() >= 1
    page.screenshot(path="test-artifacts/cases-extradition.png", full_page=True)

    page.goto(demo_site + "/cases/operations/")
    page.locator("#object-table tbody a", has_text="Chuyên án 568P").click()
    totals = page.get_by_test_id("totals").inner_text()
    assert "Heroin" in totals and "44" in totals and "12" in totals
    page.screenshot(path="test-artifacts/cases-568p.png")
    assert problems == []


def _save(page):
    page.locator("form button[type=submit].btn-primary").click()


def test_officer_records_an_outgoing_extradition_request_logs_the_answer_and_closes_it(page, demo_site):
    """Drafted, sent (the deadline starts), answered (logged), closed: all through the pages."""
    from cases.models import CompetentAuthority, CooperationCase
    from org.models import Unit

    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(demo_site + "/login/")
    page.fill("#id_username", "qninh")
    page.fill("#id_password", "hoptac-demo")
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login/" not in url)

    qn = Unit.objects.get(code="CA-QUANG-NINH")
    page.goto(demo_site + "/cases/cooperationcases/add/")
    page.fill("#id_title", "Yêu cầu dẫn độ đối tượng lừa đảo (thử nghiệm trình duyệt)")
    page.select_option("#id_type", "extradition")
    page.select_option("#id_direction", "outgoing")
    page.select_option("#id_channel", "diplomatic")
    page.select_option("#id_crime_area", "fraud")
    page.fill("#id_opened_on", "02/09/2026")
    page.select_option("#id_owner_unit", str(qn.pk))
    # After 1 July 2026 an extradition goes through the Ministry of Public Security (Law 100/2025/QH15).
    ministry = CompetentAuthority.objects.get(
        country__code="VN", request_kind="extradition", role="central", name="Bộ Công an"
    )
    page.select_option("#id_central_authority", str(ministry.pk))
    _save(page)
    page.wait_for_url(re.compile(r"/cases/cooperationcases/\d+/$"))
    case = CooperationCase.objects.get(title__contains="thử nghiệm trình duyệt")
    assert case.status == "drafted"

    for status in ("sent", "answered"):
        page.goto(demo_site + f"/cases/cooperationcases/{case.pk}/edit/")
        page.select_option("#id_status", status)
        _save(page)
        page.wait_for_url(re.compile(rf"/cases/cooperationcases/{case.pk}/$"))
        if status == "sent":
            assert page.get_by_test_id("deadline-status").is_visible()
            page.get_by_role("link", name=re.compile("^(Ghi nhận trao đổi|Log a message)$", re.I)).click()
            page.fill("#id_date", "20/10/2026")
            page.select_option("#id_direction", "received")
            page.select_option("#id_channel", "diplomatic")
            page.fill("#id_summary", "Bên đối tác trả lời đồng ý dẫn độ")
            _save(page)
            page.wait_for_url(re.compile(r"/cases/messages/\d+/$"))

    page.goto(demo_site + f"/cases/cooperationcases/{case.pk}/edit/")
    page.select_option("#id_status", "closed")
    _save(page)
    page.wait_for_url(re.compile(rf"/cases/cooperationcases/{case.pk}/$"))
    assert "Bên đối tác trả lời đồng ý dẫn độ" in page.get_by_test_id("messages").inner_text()
    case.refresh_from_db()
    assert case.status == "closed" and case.closed_on is not None
    assert problems == []


def test_statistics_charts_and_the_live_legal_basis_panel(page, demo_site):
    """The statistics page draws its charts (Chart.js, no console error); the case form's
    legal-basis panel follows the chosen partner country (HTMX)."""
    from partners.models import Country

    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(demo_site + "/login/")
    page.fill("#id_username", "doingoai")
    page.fill("#id_password", "hoptac-demo")
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login/" not in url)

    page.goto(demo_site + "/cases/statistics/?from=01/04/2022&to=30/04/2022")
    page.wait_for_selector('canvas[data-chart="seizures"][data-drawn="1"]')
    assert "Heroin" in page.get_by_test_id("seizures").inner_text()
    assert page.get_by_test_id("persons-prosecution").inner_text() == "12"
    page.screenshot(path="test-artifacts/cases-statistics.png", full_page=True)

    page.goto(demo_site + "/cases/cooperationcases/add/")
    panel = page.get_by_test_id("legal-basis-live")
    panel.get_by_test_id("legal-panel").wait_for()
    page.select_option("#id_type", "mla")
    page.fill("#id_opened_on", "02/03/2026")
    antarctica = Country.objects.filter(code__in=["AQ", "BV", "HM"]).first()
    page.select_option("#id_countries", str(antarctica.pk))
    panel.get_by_test_id("legal-panel-reciprocity").wait_for()
    kh = Country.objects.get(code="KH")
    page.select_option("#id_countries", str(kh.pk))
    panel.get_by_test_id("legal-panel-instruments").locator("a").first.wait_for()
    page.screenshot(path="test-artifacts/cases-legal-panel.png", full_page=True)
    assert problems == []


def test_an_agency_is_chosen_by_typing_its_name(page, demo_site):
    """The case form offers agencies by search-as-you-type: typing finds the Cambodian police,
    a click chooses it, and the saved case carries it; no console error (the CSP holds)."""
    from cases.models import CooperationCase

    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    login(page, demo_site, "doingoai")
    case = CooperationCase.objects.filter(agencies__isnull=True).order_by("pk").first()
    page.goto(demo_site + f"/cases/cooperationcases/{case.pk}/edit/")
    picker = page.locator("[data-link-picker]").filter(has=page.locator("select#id_agencies"))
    picker.locator("[data-link-search]").fill("campuchia")
    choice = picker.locator("[data-link-choice]").first
    choice.wait_for()
    label = choice.inner_text()
    choice.click()
    assert page.locator("#id_agencies option:checked").count() == 1
    page.screenshot(path="test-artifacts/cases-link-picker.png")
    page.locator("form button[type=submit].btn-primary").click()
    page.wait_for_url(re.compile(rf"/cases/cooperationcases/{case.pk}/$"))
    assert [str(a) for a in case.agencies.all()] == [label]
    assert problems == []
