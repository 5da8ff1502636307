"""Record an incoming delegation with a pledge and follow the pledge into the tracking engine."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def test_incoming_delegation_pledge_becomes_an_obligation(page, demo_site):
    page.goto(demo_site + "/login/")
    page.fill("#id_username", "qninh")
    page.fill("#id_password", "hoptac-demo")
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login/" not in url)

    title = "Đón đoàn Cảnh sát Hoàng gia Thái Lan (thử nghiệm trình duyệt)"
    page.goto(demo_site + "/events/events/add/")
    page.select_option("#id_type", "incoming")
    page.fill("#id_title", title)
    page.fill("#id_starts_on", "10/03/2026")
    page.fill("#id_ends_on", "11/03/2026")
    page.select_option("#id_level", "province")
    page.fill("#id_participants_count", "12")
    page.select_option("#id_owner_unit", label="Công an tỉnh Quảng Ninh")
    page.select_option("#id_classification", "thuong")
    page.locator("main button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/events/events/\d+/$"))
    assert title in page.locator("h1").inner_text()
    event_url = page.url

    page.get_by_test_id("add-pledge").click()
    page.wait_for_url(re.compile(r"/events/pledges/add/"))
    page.select_option("#id_event", label=title)
    page.fill("#id_text", "Hai bên thiết lập kênh trao đổi thông tin trực tiếp về tội phạm mua bán người")
    page.locator("main button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/events/pledges/\d+/$"))

    page.get_by_test_id("track-button").click()
    page.wait_for_url(re.compile(r"/tracking/obligations/\d+/$"))
    assert "Hai bên thiết lập kênh trao đổi thông tin" in page.locator("main").inner_text()

    page.goto(event_url)
    assert page.get_by_test_id("pledges").get_by_test_id("tracked").count() == 1


def test_a_conference_in_vietnam_tracks_the_consulted_bodys_answer_and_its_summary_report(page, demo_site):
    """An international conference recorded in the UI gets its summary-report duty; a consultation
    recorded from its page becomes a tracked answer due in 15 days, shown on the conference."""
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(demo_site + "/login/")
    page.fill("#id_username", "qninh")
    page.fill("#id_password", "hoptac-demo")
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login/" not in url)

    title = "Hội thảo quốc tế về an ninh biên giới (thử nghiệm trình duyệt)"
    page.goto(demo_site + "/events/events/add/")
    page.select_option("#id_type", "conference")
    page.fill("#id_title", title)
    page.fill("#id_starts_on", "30/06/2030")
    page.select_option("#id_level", "province")
    page.check("#id_international_conference")
    page.select_option("#id_owner_unit", label="Công an tỉnh Quảng Ninh")
    page.select_option("#id_classification", "thuong")
    page.locator("main button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/events/events/\d+/$"))
    event_url = page.url
    assert page.get_by_test_id("summary-report").get_by_test_id("tracked").count() == 1

    page.get_by_test_id("add-consultation").click()
    page.wait_for_url(re.compile(r"/events/consultations/add/"))
    page.select_option("#id_event", label=title)
    page.fill("#id_body", "Bộ Ngoại giao")
    page.fill("#id_consulted_on", "01/05/2030")
    page.locator("main button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/events/consultations/\d+/$"))
    assert page.get_by_test_id("consultation-tracking").get_by_test_id("tracked").count() == 1

    page.goto(event_url)
    table = page.get_by_test_id("consultations")
    assert "Bộ Ngoại giao" in table.inner_text() and "16/05/2030" in table.inner_text()
    assert table.get_by_test_id("tracked").count() == 2
    assert problems == []
