"""The tracking engine in a browser: assign, report, approve, raise an obstacle, answer it.

Cục Đối ngoại's coordinator creates an obligation and gives it to Quảng Ninh's police; the
province's officer reports 100 % from My work; the unit head approves; the officer raises an
obstacle, and the coordinator answers it. Screenshots of My work and of the obligation page
at 1366×768 go to test-artifacts/ for a look at the layout.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TITLE = "Triển khai Bản ghi nhớ hợp tác phòng, chống ma túy qua biên giới"


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def login(page, base, username):
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "hoptac-demo")
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def logout(page):
    page.get_by_test_id("logout").click()
    page.wait_for_url(re.compile(r"/login/"))


def test_assign_report_approve_and_handle_an_obstacle(page, demo_site):
    from org.models import Unit

    cdn = Unit.objects.get(code="CDN")
    quang_ninh = Unit.objects.get(code="CA-QUANG-NINH")
    due = (datetime.date.today() + datetime.timedelta(days=30)).strftime("%d/%m/%Y")
    ARTIFACTS.mkdir(exist_ok=True)
    # Every page of the journey holds under the Content-Security-Policy: no console error.
    problems: list[str] = []
    page.on(
        "console", lambda msg: problems.append(page.url + ": " + msg.text) if msg.type == "error" else None
    )
    page.on("pageerror", lambda exc: problems.append(str(exc)))

    # The coordinator records the obligation and assigns it to Quảng Ninh's police.
    login(page, demo_site, "doingoai")
    page.goto(demo_site + "/tracking/obligations/add/")
    page.fill("#id_title", TITLE)
    page.fill("#id_expected_result", "Kế hoạch triển khai được ban hành")
    page.select_option("#id_owner_unit", str(cdn.pk))
    page.select_option("#id_classification", "thuong")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r"/tracking/obligations/\d+/$"))
    obligation_url = page.url
    assert TITLE in page.locator("h1").inner_text()
    assert page.get_by_test_id("not-assigned").is_visible()
    form = page.get_by_test_id("assign-one-form")
    form.locator("select[name=unit]").select_option(str(quang_ninh.pk))
    form.locator("select[name=role]").select_option("lead")
    form.locator("select[name=deadline_kind]").select_option("date")
    assert form.locator("input[name=due_on]").is_visible()
    assert not form.locator("input[name=event_label]").is_visible()  # only the chosen kind's fields
    form.locator("input[name=due_on]").fill(due)
    page.get_by_test_id("assign-one-submit").click()
    page.wait_for_url(re.compile(r"/tracking/obligations/\d+/$"))
    page.get_by_test_id("status-counts").wait_for()
    row = page.get_by_test_id("consolidated").locator('tr[data-unit="CA-QUANG-NINH"]')
    assert row.locator('[data-status="not_started"]').count() == 1
    page.screenshot(path=str(ARTIFACTS / "tracking-obligation.png"), full_page=False)
    page.screenshot(path=str(ARTIFACTS / "tracking-obligation-full.png"), full_page=True)
    logout(page)

    # The province's officer finds it in My work and reports 100 %.
    login(page, demo_site, "qninh")
    page.goto(demo_site + "/tracking/my-work/")
    page.screenshot(path=str(ARTIFACTS / "tracking-my-work.png"), full_page=False)
    page.fill("#id_q", "ban ghi nho ma tuy bien gioi")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=ban"))
    work_row = page.get_by_test_id("work-row").filter(has_text=TITLE)
    assert work_row.count() == 1
    assert work_row.locator('[data-status="not_started"]').count() == 1
    work_row.get_by_test_id("row-report").click()
    page.wait_for_url(re.compile(r"/tracking/reports/add/\?assignment=\d+"))
    assert TITLE in page.locator("#id_assignment option:checked").inner_text()
    page.fill("#id_percent", "100")
    page.fill("#id_narrative", "Đã ban hành kế hoạch triển khai và tổ chức tập huấn.")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r"/tracking/reports/\d+/$"))
    report_url = page.url
    assert page.get_by_test_id("review").locator('[data-status="submitted"]').count() == 1
    assert "Công an tỉnh Quảng Ninh" in page.get_by_test_id("awaiting").inner_text()
    logout(page)

    # The unit head approves it.
    login(page, demo_site, "qninh_truong")
    page.goto(report_url)
    page.fill("#id_comment", "Đồng ý.")
    page.get_by_test_id("approve").click()
    page.wait_for_url(report_url)
    assert page.get_by_test_id("review").locator('[data-status="approved"]').count() == 1
    logout(page)

    # The officer sees the assignment done and raises an obstacle on it.
    login(page, demo_site, "qninh")
    page.goto(demo_site + "/tracking/my-work/?q=ban+ghi+nho+ma+tuy")
    page.get_by_test_id("work-row").filter(has_text=TITLE).get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(r"/tracking/assignments/\d+/$"))
    assert page.get_by_test_id("assignment-status").locator('[data-status="done"]').count() == 1
    page.screenshot(path=str(ARTIFACTS / "tracking-assignment.png"), full_page=True)
    page.get_by_test_id("raise-obstacle").click()
    page.wait_for_url(re.compile(r"/tracking/obstacles/add/\?assignment=\d+"))
    page.fill("#id_description", "Phía đối tác chưa cử đầu mối liên lạc cho giai đoạn hai.")
    page.fill("#id_proposal", "Đề nghị Cục Đối ngoại trao đổi qua kênh ngoại giao.")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r"/tracking/obstacles/\d+/$"))
    obstacle_url = page.url
    assert page.get_by_test_id("obstacle-status").locator('[data-status="raised"]').count() == 1
    logout(page)

    # The coordinator answers with guidance.
    login(page, demo_site, "doingoai")
    page.goto(obstacle_url)
    page.fill("#id_text", "Cục Đối ngoại đã đề nghị Đại sứ quán hỗ trợ; đơn vị tiếp tục triển khai.")
    page.get_by_test_id("answer").click()
    page.wait_for_url(obstacle_url)
    assert page.get_by_test_id("obstacle-status").locator('[data-status="answered"]').count() == 1
    assert "Đại sứ quán" in page.get_by_test_id("answer-text").inner_text()
    page.screenshot(path=str(ARTIFACTS / "tracking-obstacle.png"), full_page=True)
    for name in ("overdue", "calendar", "completion", "not-implemented", "feed"):
        page.goto(demo_site + f"/tracking/{name}/")
        page.screenshot(path=str(ARTIFACTS / f"tracking-{name}.png"), full_page=True)
    page.goto(report_url)
    page.screenshot(path=str(ARTIFACTS / "tracking-report.png"), full_page=True)
    # The obligation's consolidated progress shows the unit done, 100 %.
    page.goto(obligation_url)
    row = page.get_by_test_id("consolidated").locator('tr[data-unit="CA-QUANG-NINH"]')
    assert row.locator('[data-status="done"]').count() == 1
    assert "100 %" in page.get_by_test_id("overall-percent").inner_text()
    assert problems == []
