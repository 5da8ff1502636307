"""The indicator page in a browser: change the date, follow a figure to its list."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def test_indicators_change_date_and_follow_a_figure(page, demo_site):
    """Leadership opens the indicators, picks 14/12/2021, and follows 162 to the agency list."""
    page.goto(demo_site + "/login/")
    page.fill("#id_username", "lanhdao")
    page.fill("#id_password", "hoptac-demo")
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login/" not in url)

    page.goto(demo_site + "/partners/")
    page.fill("#id_as_of", "02/03/2026")
    page.get_by_test_id("as-of-form").locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"as_of=02%2F03%2F2026"))
    assert page.get_by_test_id("figure-foreign_agencies").inner_text().strip() == "164"
    assert page.get_by_test_id("figure-members_forums").inner_text().strip() == "13"

    page.fill("#id_as_of", "14/12/2021")
    page.get_by_test_id("as-of-form").locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"as_of=14%2F12%2F2021"))
    assert page.get_by_test_id("figure-foreign_agencies").inner_text().strip() == "162"
    assert page.get_by_test_id("figure-countries").inner_text().strip() == "64"
    assert page.get_by_test_id("figure-multilateral_participation").inner_text().strip() == "52"

    page.get_by_test_id("figure-foreign_agencies").locator("a").click()
    page.wait_for_url(re.compile(r"/partners/agencies/\?related_on=14/12/2021"))
    assert "162" in page.get_by_test_id("result-count").inner_text()
