"""The leadership dashboard in a browser: charts drawn at 1366×768, no console or CSP error,
a figure leads to its list."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def test_leadership_sees_the_charts_and_follows_a_figure(page, demo_site):
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(demo_site + "/login/")
    page.fill("#id_username", "lanhdao")
    page.fill("#id_password", "hoptac-demo")
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login/" not in url)

    page.goto(demo_site + "/?as_of=02/03/2026")
    page.wait_for_load_state("networkidle")
    assert page.get_by_test_id("figure-foreign_agencies").inner_text().strip() == "164"
    assert page.get_by_test_id("figure-countries").inner_text().strip() == "65"
    for key in ("status", "units", "case_types", "case_countries", "capacity"):
        canvas = page.locator(f'canvas[data-chart="{key}"]')
        assert canvas.get_attribute("data-drawn") == "1", key
        box = canvas.bounding_box()
        assert box["width"] > 60 and box["height"] > 40, key
    # Nothing overflows the window sideways at 1366×768.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    # The tables carry the same figures; one leads to the list behind it with that count.
    overdue = page.get_by_test_id("status-overdue")
    count = int(overdue.inner_text())
    overdue.click()
    page.wait_for_url(re.compile(r"/dashboard/assignments/\?.*status=overdue"))
    assert page.get_by_test_id("assignment-row").count() == min(count, 25)
    page.goto(demo_site + "/?as_of=02/03/2026")
    agencies = page.get_by_test_id("figure-foreign_agencies").locator("a")
    agencies.click()
    page.wait_for_url(re.compile(r"/partners/.+related_on="))
    assert "164" in page.get_by_test_id("result-count").inner_text()
    assert problems == [], problems
