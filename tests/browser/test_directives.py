"""From Resolution 59-NQ/TW down to a task of Action Programme 50-CTr/ĐUCA, in a browser."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def test_walk_the_cascade_to_a_task(page, demo_site):
    page.goto(demo_site + "/login/")
    page.fill("#id_username", "qninh")
    page.fill("#id_password", "hoptac-demo")
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login/" not in url)

    page.goto(demo_site + "/instruments/directives/")
    page.fill("#id_q", "59-nq/tw")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=59"))
    page.get_by_role("link", name="59-NQ/TW", exact=True).click()
    page.wait_for_url(re.compile(r"/instruments/directives/\d+/$"))
    assert "59-NQ/TW" in page.locator("h1").inner_text()

    page.get_by_test_id("implemented-by").get_by_role("link", name="50-CTr/ĐUCA").click()
    page.wait_for_url(re.compile(r"/instruments/directives/\d+/$"))
    assert "50-CTr/ĐUCA" in page.locator("h1").inner_text()
    tree = page.get_by_test_id("directive-tree")
    tasks = tree.locator("li.kind-task > a")
    assert tasks.count() >= 8
    tasks.first.click()
    page.wait_for_url(re.compile(r"/instruments/items/\d+/$"))
    assert "50-CTr/ĐUCA" in page.locator("main").inner_text()
