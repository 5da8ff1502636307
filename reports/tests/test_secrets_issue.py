"""Issuing the yearly state-secrets report (issue 21, items 1 and 5): its counts frozen in a
report run of kind "secrets", its number from the outgoing register (the secret sequence when
it counts documents classified Mật or above), the number printed in the Word file, downloads
as numbered copies; through the page and the API; permissions and bad input."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from core.models import CopyRegisterEntry
from core.testing import api_for, client_for
from reports import registers, services
from reports.choices import ReportKind
from reports.models import IssuedDocument, ReportRun
from reports.tests.test_issued import docx_text, particulars
from reports.tests.test_registers import make_received
from reports.tests.test_secrets_report import HN, IN_2025, QN

pytestmark = pytest.mark.django_db

ISSUE = reverse("reports:secrets_yearly_issue")
API = "/api/v1/secrets-report/"


def form_data(signer, **extra):
    return {
        "doc_type": "BC",
        "summary": "Công tác bảo vệ bí mật nhà nước năm 2025",
        "signer": signer.pk,
        "signer_title": "Giám đốc",
        "recipients": "Lãnh đạo Bộ (để báo cáo) | 1\nVăn phòng Bộ | 1",
        "drafter_code": "VĐT",
        **extra,
    }


def api_body(signer, **extra):
    return {
        "year": 2024,
        "signer": signer.pk,
        "signer_title": "Giám đốc",
        "recipients": [{"name": "Lãnh đạo Bộ (để báo cáo)", "copies": 1}],
        "drafter_code": "VĐT",
        **extra,
    }


def written():
    return (IssuedDocument.objects.count(), ReportRun.objects.count())


def test_the_page_issues_a_classified_report_in_the_secret_sequence_with_its_number_printed(units, users):
    """A unit head issues the 2025 report of a unit that received a Mật document: the report
    is Mật, numbered in the secret sequence, in the sent register; its frozen counts are the
    registers'; the download is a numbered copy with the number printed; a second issue
    replaces the first with the next number."""
    qn, head = units[QN], users["qninh_truong"]
    make_received(users["qninh"], qn, **IN_2025)
    c = client_for(head)
    params = f"?year=2025&unit={qn.pk}"
    page = c.get(reverse("reports:secrets_yearly") + params)
    assert page.status_code == 200 and page.context["can_issue"]
    form = c.get(ISSUE + params)
    assert form.status_code == 200 and form.context["form"].initial["doc_type"] == "BC"

    response = c.post(ISSUE + params, form_data(head))
    assert response.status_code == 302
    doc = IssuedDocument.objects.order_by("-pk").first()
    assert response["Location"] == doc.get_absolute_url()
    assert doc.owner_unit == qn and doc.classification == "mat" and doc.secret_sequence
    assert doc.symbol.endswith("/BC-CA-QUANG-NINH") and doc.copies == 2
    run = doc.source
    assert run.report_kind == ReportKind.SECRETS and run.year == 2025 and run.scope_unit == qn
    assert run.facts["counts"]["overall"]["received"] == 1
    assert doc.pk in set(registers.sent_register(head).values_list("pk", flat=True))
    assert doc.symbol in c.get(reverse("reports:issueddocument_list")).content.decode()
    assert doc.symbol in c.get(reverse("reports:sent_register")).content.decode()

    before = CopyRegisterEntry.objects.count()
    download = c.get(reverse("reports:issued_download", args=[doc.pk]))
    assert download.status_code == 200
    assert CopyRegisterEntry.objects.count() == before + 1
    text = docx_text(download.content)
    assert f"Số: {doc.symbol}" in text and "bảo vệ bí mật nhà nước năm 2025" in text

    # The counts are frozen: a line entered later does not change the issued report.
    make_received(users["qninh"], qn, **IN_2025)
    run.refresh_from_db()
    assert run.facts["counts"]["overall"]["received"] == 1

    again = c.post(ISSUE + params, form_data(head))
    assert again.status_code == 302
    second = IssuedDocument.objects.order_by("-pk").first()
    assert second.replaces == doc and second.number == doc.number + 1 and second.secret_sequence
    assert second.source.facts["counts"]["overall"]["received"] == 2


def test_the_api_issues_consecutive_numbers_and_refuses_a_second_issue_without_replacing(units, users):
    """Through the API: two years that count nothing are Thường, consecutive in the ordinary
    sequence; issuing a year again without naming the live issue is a 400, nothing written."""
    qn, head = units[QN], users["qninh_truong"]
    api = api_for(head)
    first = api.post(API, api_body(head, year=2003, unit=qn.pk), format="json")
    assert first.status_code == 201, first.content
    second = api.post(API, api_body(head, year=2004, unit=qn.pk), format="json")
    assert second.status_code == 201
    one, two = first.json(), second.json()
    assert two["number"] == one["number"] + 1
    assert one["classification"] == "thuong" and not one["secret_sequence"]
    assert one["symbol"] in {d.symbol for d in IssuedDocument.objects.filter(owner_unit=qn)}
    download = client_for(head).get(reverse("reports:issued_download", args=[one["id"]]))
    assert f"Số: {one['symbol']}" in docx_text(download.content)

    before = written()
    refused = api.post(API, api_body(head, year=2003, unit=qn.pk), format="json")
    assert refused.status_code == 400 and "replaces" in refused.json()["error"]["fields"]
    assert written() == before
    replaced = api.post(API, api_body(head, year=2003, unit=qn.pk, replaces=one["id"]), format="json")
    assert replaced.status_code == 201 and replaced.json()["replaces"] == one["id"]


def test_the_service_refuses_a_replacement_of_nothing(units, users):
    head = users["qninh_truong"]
    other = services.secrets_report_issue(actor=head, year=2005, scope=units[QN], data=particulars(head))
    before = written()
    with pytest.raises(Exception, match="không có văn bản nào để thay thế"):
        services.secrets_report_issue(
            actor=head, year=2006, scope=units[QN], data=particulars(head, replaces=other)
        )
    assert written() == before


def test_who_may_issue_role_403_other_unit_404(units, users):
    qn, hn = units[QN], units[HN]
    head, officer, viewer = users["qninh_truong"], users["qninh"], users["khach"]
    before = written()
    for user in (officer, viewer):
        c = client_for(user)
        assert c.get(ISSUE + "?year=2025").status_code == 403
        assert c.post(ISSUE + "?year=2025", form_data(head)).status_code == 403
        assert api_for(user).post(API, api_body(head, unit=qn.pk), format="json").status_code == 403
    assert not client_for(officer).get(reverse("reports:secrets_yearly")).context["can_issue"]
    c = client_for(head)
    assert c.get(ISSUE + f"?year=2025&unit={hn.pk}").status_code == 404
    assert c.post(ISSUE + f"?year=2025&unit={hn.pk}", form_data(head)).status_code == 404
    assert api_for(head).post(API, api_body(head, unit=hn.pk), format="json").status_code == 404
    assert written() == before
    # The coordinator (ministry-wide) issues for any unit, signed by someone of that unit.
    answer = api_for(users["doingoai"]).post(API, api_body(head, year=2007, unit=qn.pk), format="json")
    assert answer.status_code == 201


@pytest.mark.parametrize(
    "params, field",
    [("?year=1999", "year"), ("?year=abc", "year"), ("?year=2025&unit=99999999", "unit")],
)
def test_an_unknown_year_or_unit_is_a_clear_400_and_writes_nothing(units, users, params, field):
    head = users["qninh_truong"]
    before = written()
    page = client_for(head).post(ISSUE + params, form_data(head))
    assert page.status_code == 400 and page.context["error"]
    body = api_body(head, year=1999 if "1999" in params else 2025)
    if "abc" in params:
        body["year"] = "abc"
    if field == "unit":
        body["unit"] = 99999999
    answer = api_for(head).post(API, body, format="json")
    assert answer.status_code == 400 and field in answer.json()["error"]["fields"]
    assert written() == before


def test_bad_particulars_are_400_on_the_form_and_in_the_api_and_write_nothing(units, users):
    qn, head = units[QN], users["qninh_truong"]
    before = written()
    page = client_for(head).post(ISSUE + f"?year=2025&unit={qn.pk}", form_data(head, recipients=""))
    assert page.status_code == 400 and page.context["form"].errors
    answer = api_for(head).post(API, api_body(head, unit=qn.pk, recipients=[]), format="json")
    assert answer.status_code == 400 and "recipients" in answer.json()["error"]["fields"]
    answer = api_for(head).post(API, api_body(head, unit=qn.pk, signer_title=""), format="json")
    assert answer.status_code == 400
    assert written() == before


def test_the_generation_job_leaves_a_secrets_run_as_issued(units, users):
    head = users["qninh_truong"]
    doc = services.secrets_report_issue(
        actor=head, year=2008, scope=units[QN], data=particulars(head, signer_title="Giám đốc")
    )
    run = doc.source
    services.generate(run.pk)
    fresh = ReportRun.objects.get(pk=run.pk)
    assert fresh.facts == run.facts and bytes(fresh.docx) == bytes(run.docx)
    assert datetime.date(2007, 12, 15) == fresh.start_on


def test_the_issue_page_runs_a_fixed_number_of_queries(units, users):
    """The issue form runs as many queries with one issue and two lines as with a replaced
    issue and seven lines."""
    from core.testing import count_queries

    qn, head = units[QN], users["qninh_truong"]
    make_received(users["qninh"], qn, **IN_2025)
    first = services.secrets_report_issue(actor=head, year=2025, scope=qn, data=particulars(head))
    c = client_for(head)
    url = ISSUE + f"?year=2025&unit={qn.pk}"
    c.get(url)
    small = count_queries(lambda: c.get(url))
    for i in range(5):
        make_received(users["qninh"], qn, doc_symbol=f"{i}/VP", **IN_2025)
    services.secrets_report_issue(actor=head, year=2025, scope=qn, data=particulars(head, replaces=first))
    assert count_queries(lambda: c.get(url)) == small
