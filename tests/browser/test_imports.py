"""The Excel import in a real browser: upload, preview, commit, under the CSP."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from openpyxl import Workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def workbook_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["title", "status", "owner_unit", "classification", "subject_name", "birth_date"])
    ws.append(
        ["Biên bản nhập qua trình duyệt", "draft", "CA-QUANG-NINH", "thuong", "", datetime.date(1990, 5, 1)]
    )
    ws.append(["Biên bản thứ hai", "Chính thức", "CA-QUANG-NINH", "Mật", "", "02/05/1990"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_officer_imports_a_file_without_console_errors(page, demo_site):
    """Upload, preview with two new rows, commit: the records exist and no CSP violation occurs."""
    from core.tests.sampleapp.models import SampleRecord

    problems: list[str] = []
    page.on(
        "console", lambda msg: problems.append(page.url + ": " + msg.text) if msg.type == "error" else None
    )
    page.on("pageerror", lambda exc: problems.append(str(exc)))

    page.goto(demo_site + "/login/")
    page.fill("#id_username", "qninh")
    page.fill("#id_password", "hoptac-demo")
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login/" not in url)

    page.goto(demo_site + "/imports/sampleapp.samplerecord/")
    page.set_input_files(
        "#id_file",
        files=[{"name": "records.xlsx", "mimeType": "application/octet-stream", "buffer": workbook_bytes()}],
    )
    page.get_by_test_id("import-upload").click()
    page.wait_for_url(lambda url: "/imports/job/" in url)
    assert page.locator("[data-testid=import-rows] tbody tr[data-action=create]").count() == 2
    page.get_by_test_id("import-commit").click()
    page.wait_for_selector("[data-testid=import-committed]")
    assert page.locator(".alert-success").count() == 1
    assert (
        SampleRecord.objects.filter(title__in=["Biên bản nhập qua trình duyệt", "Biên bản thứ hai"]).count()
        == 2
    )
    assert problems == [], problems
