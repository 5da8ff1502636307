"""Periodic reports in a browser: define a run, see it generated, download the Word report."""

from __future__ import annotations

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def test_coordinator_generates_the_2021_report_and_downloads_it(page, demo_site):
    """The run page shows the seed sentence and offers the Word report; no console or CSP errors."""
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(demo_site + "/login/")
    page.fill("#id_username", "doingoai")
    page.fill("#id_password", "hoptac-demo")
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login/" not in url)

    from org.models import Unit

    cdn = Unit.objects.get(code="CDN")
    page.goto(demo_site + "/reports/runs/add/")
    page.select_option("#id_period_kind", "year")
    page.fill("#id_year", "2021")
    page.select_option("#id_owner_unit", str(cdn.pk))
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(lambda url: "/add/" not in url)
    panel = page.get_by_test_id("run-progress")
    panel.wait_for()
    page.wait_for_selector('[data-testid="run-progress"][data-status="done"]', timeout=60000)
    outline = page.get_by_test_id("report-outline").inner_text()
    assert "162 cơ quan" in outline and "64 quốc gia" in outline
    with page.expect_download() as info:
        page.get_by_test_id("download-docx").click()
    assert info.value.suggested_filename.endswith(".docx")
    assert problems == []
