"""Main journeys in a real browser: sign in, Vietnamese layout, English, list, detail, history."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def login(page, base, username):
    page.goto(base + "/")
    assert "/login/" in page.url
    page.fill("#id_username", username)
    page.fill("#id_password", "hoptac-demo")
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def test_officer_journey(page, demo_site):
    """The officer signs in, sees the Vietnamese layout, switches to English, opens a list,
    a detail and its history, and signs out."""
    login(page, demo_site, "qninh")
    nav = page.locator("nav.app-nav")
    for label in ("Tổng quan", "Đối tác", "Văn bản hợp tác", "Quản trị"):
        assert nav.get_by_text(label).count() >= 1
    user_box = page.get_by_test_id("user-box")
    assert "Đỗ Thị Lan" in user_box.inner_text()
    assert "Công an tỉnh Quảng Ninh" in user_box.inner_text()
    assert "Mật" in user_box.inner_text()
    assert page.locator("html").get_attribute("lang") == "vi"

    page.get_by_test_id("lang-switch").locator("button[value=en]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("nav.app-nav").get_by_text("Overview").count() == 1
    assert "Quang Ninh Provincial Police" in page.get_by_test_id("user-box").inner_text()
    page.get_by_test_id("lang-switch").locator("button[value=vi]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "vi"

    page.goto(demo_site + "/org/units/")
    table = page.get_by_test_id("object-table")
    assert table.locator("tbody tr").count() == 25
    page.fill("#id_q", "quang ninh")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=quang"))
    page.get_by_role("link", name="CA-QUANG-NINH", exact=True).click()
    page.wait_for_url(re.compile(r"/org/units/\d+/$"))
    assert "Công an tỉnh Quảng Ninh" in page.locator("h1").inner_text()
    page.get_by_test_id("history-tab").click()
    page.wait_for_url(re.compile(r"/history/$"))
    assert "Tạo mới" in page.get_by_test_id("history-list").inner_text()

    page.get_by_test_id("logout").click()
    page.wait_for_url(re.compile(r"/login/"))
    page.goto(demo_site + "/org/units/")
    assert "/login/" in page.url
