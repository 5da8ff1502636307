"""The search box in a browser: type in the top bar, see grouped results, click through."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def test_search_from_the_top_bar_groups_results_and_opens_a_record(page, demo_site):
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(demo_site + "/login/")
    page.fill("#id_username", "doingoai")
    page.fill("#id_password", "hoptac-demo")
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login/" not in url)

    box = page.get_by_test_id("topbar-search").locator("input[name=q]")
    box.fill("chuyen an 568p")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=chuyen"))
    groups = page.get_by_test_id("search-group")
    assert groups.count() >= 2
    operation = page.locator('[data-testid=search-group][data-kind="operation"]')
    assert operation.get_by_test_id("group-count").inner_text() == "1"
    assert page.get_by_test_id("search-input").input_value() == "chuyen an 568p"

    # The search page's own box: a symbol in another spelling.
    page.get_by_test_id("search-input").fill("50/ctr-duca")
    page.get_by_test_id("search-submit").click()
    page.wait_for_url(re.compile(r"q=50%2Fctr-duca"))
    first = page.get_by_test_id("search-group").first
    assert first.get_attribute("data-kind") == "directive"
    assert "50-CTr/ĐUCA" in first.get_by_test_id("search-hit").first.inner_text()

    page.goto(demo_site + "/search/?q=chuyen+an+568p")
    page.locator('[data-testid=search-group][data-kind="operation"]').get_by_test_id(
        "search-hit"
    ).first.click()
    page.wait_for_url(re.compile(r"/cases/"))
    assert "Chuyên án 568P" in page.locator("h1").first.inner_text()
    assert problems == []
