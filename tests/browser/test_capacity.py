"""The capacity indicator in a browser: the chart draws, a unit is chosen, gaps follow."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def test_leadership_reads_the_share_picks_a_unit_and_opens_the_gaps(page, demo_site):
    """The national share and its trend chart show without console errors; Quảng Ninh narrows it."""
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(demo_site + "/login/")
    page.fill("#id_username", "lanhdao")
    page.fill("#id_password", "hoptac-demo")
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login/" not in url)

    page.goto(demo_site + "/capacity/")
    chart = page.get_by_test_id("trend-chart")
    assert chart.locator("rect").count() > 3
    assert chart.bounding_box()["width"] > 300
    assert "%" in page.get_by_test_id("capacity-share").inner_text()
    assert re.search(r"v\d", page.get_by_test_id("definition-version").inner_text())

    from org.models import Unit

    qn = Unit.objects.get(code="CA-QUANG-NINH")
    page.select_option("#id_unit", str(qn.pk))
    page.get_by_test_id("capacity-filters").locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"unit={qn.pk}"))
    assert "Quảng Ninh" in page.get_by_test_id("capacity-share").inner_text()

    page.get_by_role("link", name=re.compile("Gaps|Thiếu|khoảng|nhu cầu", re.I)).last.click()
    page.wait_for_url(re.compile(r"/capacity/gaps/"))
    assert page.get_by_test_id("one-short").locator("tbody tr").count() >= 1
    assert problems == []
