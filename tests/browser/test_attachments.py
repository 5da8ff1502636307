"""Attachments in a real browser: upload, list, download and remove under the CSP."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from core.tests.test_attachments import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def test_officer_uploads_downloads_and_removes_a_file_without_console_errors(page, demo_site):
    """The record's page takes a PDF, lists it, serves it back and removes it; no CSP violation."""
    from core.context import SYSTEM
    from core.models import Attachment
    from core.tests.specs import make
    from org.models import Unit

    record = make(SYSTEM, Unit.objects.get(code="CA-QUANG-NINH"), "thuong")
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

    page.goto(demo_site + record.get_absolute_url())
    page.set_input_files(
        "#attachment-file",
        files=[{"name": "Biên bản.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    page.fill("#attachment-title", "Bản ký")
    page.locator("[data-testid=attachment-form] button[type=submit]").click()
    page.wait_for_selector("[data-testid=attachment-row]")
    assert page.locator(".alert-success").count() == 1
    assert "Biên bản.pdf" in page.locator("[data-testid=attachment-row]").inner_text()

    with page.expect_download() as info:
        page.get_by_test_id("attachment-download").click()
    download = info.value
    assert download.suggested_filename == "Biên bản.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read() == PDF_BYTES

    page.locator("[data-testid=attachment-row] summary").click()
    page.get_by_test_id("attachment-remove").click()
    page.wait_for_selector("[data-testid=attachment-row]", state="detached")
    assert not Attachment.objects.exists()
    assert problems == [], problems
