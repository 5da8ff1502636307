"""Issued documents (issue 21, item 1): numbers and symbols, the outgoing register, the number
in the Word file, immutability and replacement, permissions, bad input, query counts, API,
and concurrent issuing on PostgreSQL."""

from __future__ import annotations

import datetime
import io
import threading
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from docx import Document
from rest_framework.test import APIClient

from cases.letters import docx_text as letter_text
from cases.tests.specs import make_case
from core.context import SYSTEM
from core.exceptions import PermissionDenied, ValidationError
from core.models import CopyRegisterEntry, ObjectChange
from core.testing import count_queries
from reports import services
from reports.models import DocumentCounter, IssuedDocument, ReportRun

pytestmark = pytest.mark.django_db


def make_run(user, capture, unit=None, **data):
    """A generated report run of ``unit`` (default: the user's), defined by ``user``: a year
    before the demo's records and, for Cục Đối ngoại, the scope of one of its divisions, so
    that it counts nothing classified and stays Thường unless asked otherwise."""
    from org.models import Unit

    data = {"period_kind": "year", "year": 2001, "owner_unit": unit or user.unit, **data}
    if data["owner_unit"].code == "CDN":
        data.setdefault("scope_unit", Unit.objects.get(code="CDN-DP"))
    with capture(execute=True):
        run = services.run_create(actor=user, data=data)
    return ReportRun.objects.get(pk=run.pk)


def particulars(signer, **extra):
    return {
        "summary": "Kết quả công tác đối ngoại năm 2025",
        "signer": signer,
        "signer_title": "Cục trưởng",
        "recipients": [
            {"name": "Lãnh đạo Bộ (để báo cáo)", "copies": 1},
            {"name": "Văn phòng Bộ", "copies": 2},
        ],
        "drafter_code": "LTH",
        "copying_permitted": False,
        **extra,
    }


def form_data(signer, **extra):
    return {
        "doc_type": "BC",
        "summary": "Kết quả công tác đối ngoại năm 2025",
        "signer": signer.pk,
        "signer_title": "Giám đốc",
        "recipients": "Lãnh đạo Bộ (để báo cáo) | 1\nCục Đối ngoại (để tổng hợp) | 2",
        "drafter_code": "VĐT",
        **extra,
    }


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture
def cdn_run(users, django_capture_on_commit_callbacks):
    return make_run(users["doingoai"], django_capture_on_commit_callbacks)


@pytest.fixture
def qn_run(users, django_capture_on_commit_callbacks):
    return make_run(users["qninh"], django_capture_on_commit_callbacks)


# --- Symbols and numbers -------------------------------------------------------------------------


def test_symbols_follow_decree_30(units):
    """n/TYPE-UNIT with two digits at least; a công văn names only its issuer."""
    cdn = units["CDN"]
    assert services.format_symbol(1, "BC", cdn) == "01/BC-CĐN"
    assert services.format_symbol(12, "KH", cdn) == "12/KH-CĐN"
    assert services.format_symbol(123, "TTr", cdn) == "123/TTr-CĐN"
    assert services.format_symbol(7, "CV", cdn) == "07/CĐN"
    # A unit without a short name is abbreviated by its code (set the short name to change it).
    assert services.format_symbol(3, "BC", units["CA-QUANG-NINH"]) == "03/BC-CA-QUANG-NINH"


def test_numbers_run_per_unit_and_year_with_a_secret_sequence_of_their_own(
    users, units, django_capture_on_commit_callbacks
):
    """Consecutive from 01 in each unit; Mật and above in their own sequence; 01 again next year."""
    head = users["doingoai"]
    first, second = (make_run(head, django_capture_on_commit_callbacks) for _ in range(2))
    secret = make_run(head, django_capture_on_commit_callbacks, classification="mat")
    a = services.run_issue(actor=head, run=first, data=particulars(head))
    b = services.run_issue(actor=head, run=second, data=particulars(head))
    s = services.run_issue(actor=head, run=secret, data=particulars(head))
    year = a.year
    assert (a.number, a.symbol, a.secret_sequence) == (1, "01/BC-CĐN", False)
    assert (b.number, b.symbol) == (2, "02/BC-CĐN")
    assert (s.number, s.secret_sequence, s.classification) == (1, True, secret.classification)
    # Another unit counts on its own.
    qn_head = users["qninh_truong"]
    qn = make_run(users["qninh"], django_capture_on_commit_callbacks)
    q = services.run_issue(actor=qn_head, run=qn, data=particulars(qn_head, signer_title="Giám đốc"))
    assert q.number == 1 and q.owner_unit == units["CA-QUANG-NINH"]
    # 1 January: the sequence starts again.
    third = make_run(head, django_capture_on_commit_callbacks)
    with mock.patch("reports.services.timezone.localdate", return_value=datetime.date(year + 1, 1, 1)):
        c = services.run_issue(actor=head, run=third, data=particulars(head))
    assert (c.year, c.number, c.symbol, c.issued_on) == (
        year + 1,
        1,
        "01/BC-CĐN",
        datetime.date(year + 1, 1, 1),
    )
    counters = DocumentCounter.objects.filter(unit=units["CDN"])
    assert {(x.year, x.secret_sequence, x.last_number) for x in counters} == {
        (year, False, 2),
        (year, True, 1),
        (year + 1, False, 1),
    }


def test_the_register_line_keeps_every_particular(users, cdn_run):
    head = users["doingoai"]
    doc = services.run_issue(actor=head, run=cdn_run, data=particulars(head, copying_permitted=True))
    assert (doc.doc_type == "BC" and doc.issued_on == datetime.date.today()) or doc.issued_on
    assert doc.signer == head and doc.signer_name == head.full_name and doc.signer_title == "Cục trưởng"
    assert doc.recipients == [
        {"name": "Lãnh đạo Bộ (để báo cáo)", "copies": 1},
        {"name": "Văn phòng Bộ", "copies": 2},
    ]
    assert doc.copies == 3 and doc.drafter_code == "LTH" and doc.copying_permitted is True
    assert doc.source == cdn_run and doc.source_label == cdn_run.title
    assert doc.created_by == head
    change = ObjectChange.objects.get(
        content_type=ContentType.objects.get_for_model(IssuedDocument), object_id=doc.pk
    )
    assert change.action == "create" and change.postchange_data["symbol"] == "01/BC-CĐN"


# --- The number in the Word file -----------------------------------------------------------------


def test_a_draft_has_no_number_and_the_issued_report_prints_it(users, cdn_run):
    """Before issue "Số:        /BC-CĐN"; after, the symbol, the signer and the recipients."""
    head = users["doingoai"]
    c = client_for(head)
    draft = docx_text(c.get(f"/reports/runs/{cdn_run.pk}/download/docx/").content)
    assert "Số:        /BC-CĐN" in draft and "(Ký, ghi rõ họ tên)" in draft
    page = c.get(cdn_run.get_absolute_url())
    assert b'data-testid="run-draft"' in page.content and b'data-testid="run-issue"' in page.content
    doc = services.run_issue(actor=head, run=cdn_run, data=particulars(head))
    issued = docx_text(bytes(doc.docx))
    assert "Số: 01/BC-CĐN" in issued and "Số:        /" not in issued
    assert head.full_name in issued and "CỤC TRƯỞNG" in issued
    assert "- Văn phòng Bộ;" in issued and "- Lưu: VT, LTH." in issued
    day = doc.issued_on
    assert f"ngày {day.day:02d} tháng" in issued
    # The report's own downloads now carry the number too.
    again = docx_text(c.get(f"/reports/runs/{cdn_run.pk}/download/docx/").content)
    assert "Số: 01/BC-CĐN" in again
    page = c.get(cdn_run.get_absolute_url())
    assert "01/BC-CĐN" in page.content.decode() and b'data-testid="run-draft"' not in page.content


def test_a_request_letter_is_issued_as_a_cong_van_with_its_number(users, units):
    case = make_case(SYSTEM, units["CA-QUANG-NINH"], "thuong", title="Yêu cầu xác minh hư cấu")
    head = users["qninh_truong"]
    doc = services.letter_issue(
        actor=head, case=case, data=particulars(head, summary="V/v đề nghị xác minh", signer_title="Giám đốc")
    )
    assert doc.doc_type == "CV" and doc.symbol == "01/CA-QUANG-NINH" and doc.source == case
    text = letter_text(bytes(doc.docx))
    assert "Số: 01/CA-QUANG-NINH" in text and "DỰ THẢO" not in text
    assert head.full_name in text and "Nơi nhận:" in text
    # The same unit's next report continues the sequence.
    assert services.take_number(unit=units["CA-QUANG-NINH"], year=doc.year, secret=False) == 2


# --- Immutability and replacement ----------------------------------------------------------------


def test_an_issued_report_cannot_change_and_is_replaced_by_a_new_issue(users, cdn_run):
    head = users["doingoai"]
    doc = services.run_issue(actor=head, run=cdn_run, data=particulars(head))
    run = ReportRun.objects.get(pk=cdn_run.pk)
    with pytest.raises(ValidationError):
        services.run_update(actor=head, obj=run, data={"title": "Đổi tên"}, version=run.version)
    with pytest.raises(ValidationError):
        services.run_delete(actor=head, obj=run, version=run.version)
    c = client_for(head)
    page = c.get(run.get_absolute_url()).content.decode()
    assert f"/reports/runs/{run.pk}/edit/" not in page
    # Issuing it again without naming the issue it replaces is refused.
    with pytest.raises(ValidationError) as err:
        services.run_issue(actor=head, run=run, data=particulars(head))
    assert "replaces" in err.value.error_dict
    new = services.run_issue(actor=head, run=run, data=particulars(head, replaces=doc))
    assert new.number == 2 and new.replaces == doc
    doc.refresh_from_db()
    assert doc.is_replaced and doc.symbol == "01/BC-CĐN"
    with pytest.raises(ValidationError):
        services.run_issue(actor=head, run=run, data=particulars(head, replaces=doc))
    detail = c.get(doc.get_absolute_url()).content.decode()
    assert 'data-testid="replaced-by"' in detail and "02/BC-CĐN" in detail
    assert 'data-testid="issued-replace"' not in detail
    # No edit or delete page exists for an issued document.
    assert c.get(f"/reports/issued/{doc.pk}/edit/").status_code == 404
    assert c.get(f"/reports/issued/{doc.pk}/delete/").status_code == 404


def test_the_replacement_page_names_the_issue_it_replaces(users, cdn_run):
    head = users["doingoai"]
    doc = services.run_issue(actor=head, run=cdn_run, data=particulars(head))
    c = client_for(head)
    page = c.get(f"/reports/runs/{cdn_run.pk}/issue/")
    assert page.status_code == 200 and b'data-testid="issue-replaces"' in page.content
    response = c.post(f"/reports/runs/{cdn_run.pk}/issue/", form_data(head, signer_title="Cục trưởng"))
    assert response.status_code == 302
    new = IssuedDocument.objects.get(replaces=doc)
    assert response["Location"] == new.get_absolute_url() and new.symbol == "02/BC-CĐN"


def test_an_unfinished_report_cannot_be_issued(users):
    head = users["doingoai"]
    run = services.run_create(actor=head, data={"period_kind": "year", "year": 2025, "owner_unit": head.unit})
    with pytest.raises(ValidationError):
        services.run_issue(actor=head, run=run, data=particulars(head))
    assert client_for(head).get(f"/reports/runs/{run.pk}/issue/").status_code == 404


# --- Permissions ---------------------------------------------------------------------------------


def test_the_unit_head_issues_and_an_officer_or_viewer_may_not(users, qn_run):
    """Issuing is approving the unit's work: unit head (subtree), coordinator, leadership."""
    officer, viewer, head = users["qninh"], users["khach"], users["qninh_truong"]
    for user in (officer, viewer):
        assert client_for(user).get(f"/reports/runs/{qn_run.pk}/issue/").status_code == 403
        assert client_for(user).post(f"/reports/runs/{qn_run.pk}/issue/", form_data(head)).status_code == 403
        with pytest.raises(PermissionDenied):
            services.run_issue(actor=user, run=qn_run, data=particulars(head))
    assert not IssuedDocument.objects.filter(owner_unit=qn_run.owner_unit).exists()
    c = client_for(head)
    assert c.get(f"/reports/runs/{qn_run.pk}/issue/").status_code == 200
    response = c.post(f"/reports/runs/{qn_run.pk}/issue/", form_data(head))
    assert response.status_code == 302
    doc = IssuedDocument.objects.get(owner_unit=qn_run.owner_unit)
    assert doc.symbol == "01/BC-CA-QUANG-NINH" and doc.recipients[1] == {
        "name": "Cục Đối ngoại (để tổng hợp)",
        "copies": 2,
    }
    page = client_for(officer).get(qn_run.get_absolute_url())
    assert b'data-testid="run-issue"' not in page.content and b"01/BC-CA-QUANG-NINH" in page.content


def test_a_hidden_source_or_document_is_404(users, cdn_run):
    head = users["doingoai"]
    doc = services.run_issue(actor=head, run=cdn_run, data=particulars(head))
    outsider = users["qninh_truong"]
    c = client_for(outsider)
    assert c.get(f"/reports/runs/{cdn_run.pk}/issue/").status_code == 404
    assert c.get(doc.get_absolute_url()).status_code == 404
    assert c.get(f"/reports/issued/{doc.pk}/history/").status_code == 404
    assert c.get(f"/reports/issued/{doc.pk}/download/").status_code == 404
    assert doc.symbol not in c.get("/reports/issued/").content.decode()
    assert c.get("/reports/letters/999999/issue/").status_code == 404
    assert Client().get(doc.get_absolute_url()).status_code == 302
    api = APIClient()
    assert api.get("/api/v1/issued-documents/").status_code == 401
    api.force_authenticate(outsider)
    assert api.get(f"/api/v1/issued-documents/{doc.pk}/").status_code == 404
    body = {"source_kind": "report", "source_id": cdn_run.pk, **particulars(outsider)}
    body["signer"] = outsider.pk
    assert api.post("/api/v1/issued-documents/", body, format="json").status_code == 404


def test_a_viewer_reads_the_register_but_may_not_download(users, qn_run):
    head = users["qninh_truong"]
    doc = services.run_issue(actor=head, run=qn_run, data=particulars(head, signer_title="Giám đốc"))
    c = client_for(users["khach"])
    assert c.get(doc.get_absolute_url()).status_code == 200
    assert c.get(f"/reports/issued/{doc.pk}/download/").status_code == 403
    page = client_for(head).get(f"/reports/issued/{doc.pk}/download/")
    assert page.status_code == 200 and "01/BC-CA-QUANG-NINH" in docx_text(page.content)


def test_a_classified_issue_downloads_as_a_numbered_registered_copy(
    users, django_capture_on_commit_callbacks
):
    head = users["doingoai"]
    run = make_run(head, django_capture_on_commit_callbacks, classification="mat")
    doc = services.run_issue(actor=head, run=run, data=particulars(head))
    before = CopyRegisterEntry.objects.count()
    response = client_for(head).get(f"/reports/issued/{doc.pk}/download/")
    assert response.status_code == 200
    entry = CopyRegisterEntry.objects.order_by("-pk").first()
    assert CopyRegisterEntry.objects.count() == before + 1
    assert entry.kind == "document" and entry.object_ids == [str(doc.pk)]
    header = Document(io.BytesIO(response.content)).sections[0].first_page_header
    assert entry.copy_label in header._element.xml
    assert "Số: 01/BC-CĐN" in docx_text(response.content)


# --- Bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change, field",
    [
        ({"recipients": []}, "recipients"),
        ({"recipients": [{"name": "Văn phòng Bộ", "copies": 0}]}, "recipients"),
        ({"recipients": [{"name": " ", "copies": 1}]}, "recipients"),
        ({"summary": "  "}, "summary"),
        ({"signer_title": ""}, "signer_title"),
        ({"drafter_code": ""}, "drafter_code"),
        ({"doc_type": "XX"}, "doc_type"),
        ({"signer": None}, "signer"),
    ],
)
def test_bad_particulars_are_refused_and_take_no_number(users, cdn_run, change, field):
    head = users["doingoai"]
    with pytest.raises(ValidationError) as err:
        services.run_issue(actor=head, run=cdn_run, data={**particulars(head), **change})
    assert field in err.value.error_dict
    assert not IssuedDocument.objects.filter(owner_unit=cdn_run.owner_unit).exists()
    assert not DocumentCounter.objects.filter(unit=cdn_run.owner_unit, last_number__gt=0).exists()


def test_the_signer_belongs_to_the_unit_or_above_and_holds_the_clearance(
    users, units, django_capture_on_commit_callbacks
):
    head = users["doingoai"]
    run = make_run(head, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError) as err:
        services.run_issue(actor=head, run=run, data=particulars(users["qninh_truong"]))
    assert "signer" in err.value.error_dict
    secret = make_run(head, django_capture_on_commit_callbacks, classification="toi_mat")
    low = users["khach"]  # thường clearance, and not of the unit either
    with pytest.raises(ValidationError):
        services.run_issue(actor=head, run=secret, data=particulars(low))
    # The leadership signs for any unit.
    doc = services.run_issue(actor=head, run=run, data=particulars(users["lanhdao"]))
    assert doc.signer == users["lanhdao"]


def test_the_form_shows_errors_with_400_and_writes_nothing(users, qn_run):
    head = users["qninh_truong"]
    c = client_for(head)
    response = c.post(f"/reports/runs/{qn_run.pk}/issue/", form_data(head, recipients="Cục Đối ngoại | 0"))
    assert response.status_code == 400 and b'data-testid="form-errors"' in response.content
    response = c.post(
        f"/reports/runs/{qn_run.pk}/issue/", {**form_data(head), "signer": users["doingoai"].pk}
    )
    assert response.status_code == 400
    assert not IssuedDocument.objects.filter(owner_unit=qn_run.owner_unit).exists()


# --- The register: list, filters, sort, export, query counts -------------------------------------


def test_the_register_filters_sorts_and_exports(users, django_capture_on_commit_callbacks):
    head = users["doingoai"]
    docs = [
        services.run_issue(
            actor=head, run=make_run(head, django_capture_on_commit_callbacks), data=particulars(head)
        )
        for _ in range(2)
    ]
    secret = services.run_issue(
        actor=head,
        run=make_run(head, django_capture_on_commit_callbacks, classification="mat"),
        data=particulars(head),
    )
    c = client_for(head)
    page = c.get("/reports/issued/").content.decode()
    assert all(d.symbol in page for d in docs)
    year = docs[0].year
    assert c.get(f"/reports/issued/?year={year - 1}").content.decode().count("/BC-CĐN") == 0
    only_secret = c.get("/reports/issued/?secret_sequence=true").content.decode()
    assert f'href="{secret.get_absolute_url()}"' in only_secret
    assert f'href="{docs[0].get_absolute_url()}"' not in only_secret
    by_level = c.get("/reports/issued/?classification=thuong").content.decode()
    assert f'href="{secret.get_absolute_url()}"' not in by_level
    assert c.get("/reports/issued/?doc_type=CV").content.decode().count("/BC-CĐN") == 0
    ascending = c.get("/reports/issued/?sort=symbol&secret_sequence=false").content.decode()
    assert ascending.index(docs[0].get_absolute_url()) < ascending.index(docs[1].get_absolute_url())
    export = c.get("/reports/issued/?export=csv")
    assert export.status_code == 200 and "02/BC-CĐN" in export.content.decode("utf-8-sig")
    assert c.get("/reports/issued/?page=2&per_page=25").status_code == 200
    history = c.get(f"/reports/issued/{docs[0].pk}/history/")
    assert history.status_code == 200


def test_register_and_detail_queries_do_not_grow(users, django_capture_on_commit_callbacks):
    head = users["doingoai"]
    first = services.run_issue(
        actor=head, run=make_run(head, django_capture_on_commit_callbacks), data=particulars(head)
    )
    c = client_for(head)
    api = APIClient()
    api.force_authenticate(head)

    def measure():
        return [
            count_queries(lambda: c.get("/reports/issued/")),
            count_queries(lambda: c.get(first.get_absolute_url())),
            count_queries(lambda: api.get("/api/v1/issued-documents/")),
        ]

    measure()
    small = measure()
    for _ in range(3):
        services.run_issue(
            actor=head, run=make_run(head, django_capture_on_commit_callbacks), data=particulars(head)
        )
    assert measure() == small


# --- API -----------------------------------------------------------------------------------------


def test_api_issues_a_report_and_a_letter_and_refuses_edits(users, units, cdn_run):
    head = users["doingoai"]
    api = APIClient()
    api.force_authenticate(head)
    body = {"source_kind": "report", "source_id": cdn_run.pk, **particulars(head), "signer": head.pk}
    response = api.post("/api/v1/issued-documents/", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["symbol"] == "01/BC-CĐN" and data["number"] == 1 and data["copies"] == 3
    assert data["source"] == f"reports.reportrun:{cdn_run.pk}" and data["download"].endswith("/download/")
    again = api.post("/api/v1/issued-documents/", body, format="json")
    assert again.status_code == 400 and "replaces" in again.json()["error"]["fields"]
    replaced = api.post("/api/v1/issued-documents/", {**body, "replaces": data["id"]}, format="json")
    assert replaced.status_code == 201 and replaced.json()["replaces"] == data["id"]
    case = make_case(SYSTEM, units["CDN"], "thuong", title="Yêu cầu tương trợ hư cấu")
    letter = api.post(
        "/api/v1/issued-documents/",
        {**body, "source_kind": "letter", "source_id": case.pk, "summary": "V/v đề nghị tương trợ"},
        format="json",
    )
    assert letter.status_code == 201, letter.content
    assert letter.json()["symbol"] == "03/CĐN" and letter.json()["doc_type"] == "CV"
    detail = f"/api/v1/issued-documents/{data['id']}/"
    assert api.get(detail).status_code == 200
    assert api.get(detail + "history/").status_code == 200
    assert api.put(detail, {}, format="json").status_code == 405
    assert api.patch(detail, {"summary": "x"}, format="json").status_code == 405
    assert api.delete(detail).status_code == 405
    listed = api.get("/api/v1/issued-documents/?doc_type=CV&owner_unit={}".format(units["CDN"].pk)).json()
    assert [d["symbol"] for d in listed["results"]] == ["03/CĐN"]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"source_kind": "memo"}, "source_kind"),
        ({"recipients": []}, "recipients"),
        ({"recipients": [{"name": "Văn phòng Bộ", "copies": 100}]}, "recipients"),
        ({"signer": 99999999}, "signer"),
        ({"summary": ""}, "summary"),
        ({"doc_type": "XX"}, "doc_type"),
        ({"replaces": 99999999}, "replaces"),
    ],
)
def test_api_bad_input_is_400_with_the_field_and_writes_nothing(users, cdn_run, change, field):
    head = users["doingoai"]
    api = APIClient()
    api.force_authenticate(head)
    body = {
        "source_kind": "report",
        "source_id": cdn_run.pk,
        **particulars(head),
        "signer": head.pk,
        **change,
    }
    response = api.post("/api/v1/issued-documents/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert not IssuedDocument.objects.filter(owner_unit=cdn_run.owner_unit).exists()


def test_api_officer_is_403(users, qn_run):
    api = APIClient()
    api.force_authenticate(users["qninh"])
    head = users["qninh_truong"]
    body = {"source_kind": "report", "source_id": qn_run.pk, **particulars(head), "signer": head.pk}
    assert api.post("/api/v1/issued-documents/", body, format="json").status_code == 403


# --- Concurrency ---------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_never_share_a_number(demo, django_capture_on_commit_callbacks):
    """Several people issue at the same instant: every number is taken once, none is skipped."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL row locks; SQLite serialises writers on its own")
    users = demo["users"]
    head = users["doingoai"]
    runs = [make_run(head, django_capture_on_commit_callbacks) for _ in range(6)]
    barrier = threading.Barrier(len(runs))
    outcomes: list[object] = []

    def issue(run: ReportRun) -> None:
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=20)
            outcomes.append(services.run_issue(actor=head, run=run, data=particulars(head)).number)
        except Exception as exc:
            outcomes.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=issue, args=(run,)) for run in runs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(o for o in outcomes if isinstance(o, int)) == list(range(1, len(runs) + 1)), outcomes
    numbers = list(IssuedDocument.objects.filter(owner_unit=head.unit).values_list("number", flat=True))
    assert sorted(numbers) == list(range(1, len(runs) + 1))


@pytest.mark.django_db(transaction=True)
def test_the_same_report_issued_twice_at_once_is_issued_once(demo, django_capture_on_commit_callbacks):
    """Two people issue the same draft at the same instant: one number, the other is refused."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL row locks; SQLite serialises writers on its own")
    head = demo["users"]["doingoai"]
    run = make_run(head, django_capture_on_commit_callbacks)
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def issue() -> None:
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=20)
            outcomes.append(services.run_issue(actor=head, run=run, data=particulars(head)).symbol)
        except ValidationError as exc:
            outcomes.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(map(type, outcomes), key=str) == sorted([str, ValidationError], key=str), outcomes
    assert IssuedDocument.objects.filter(source_id=run.pk).count() == 1


# --- Request letters through the page, and the demo ----------------------------------------------


def test_the_case_page_offers_issuing_its_letter_to_the_unit_head(users, units):
    case = make_case(SYSTEM, units["CA-QUANG-NINH"], "thuong", title="Đề nghị xác minh hư cấu")
    head, officer = users["qninh_truong"], users["qninh"]
    assert b'data-testid="letter-issue"' in client_for(head).get(case.get_absolute_url()).content
    assert b'data-testid="letter-issue"' not in client_for(officer).get(case.get_absolute_url()).content
    assert client_for(officer).get(f"/reports/letters/{case.pk}/issue/").status_code == 403
    c = client_for(head)
    page = c.get(f"/reports/letters/{case.pk}/issue/")
    assert page.status_code == 200 and "V/v Đề nghị xác minh hư cấu" in page.content.decode()
    data = {
        **form_data(head),
        "doc_type": "CV",
        "summary": "V/v đề nghị xác minh",
        "language": "vi",
        "assistance": "Xác minh nhân thân (dữ liệu mẫu).",
    }
    response = c.post(f"/reports/letters/{case.pk}/issue/", data)
    assert response.status_code == 302
    doc = IssuedDocument.objects.get(source_id=case.pk, owner_unit=case.owner_unit)
    assert doc.symbol.endswith("/CA-QUANG-NINH") and doc.doc_type == "CV"
    text = letter_text(bytes(doc.docx))
    assert f"Số: {doc.symbol}" in text and "Xác minh nhân thân (dữ liệu mẫu)." in text
    detail = c.get(doc.get_absolute_url()).content.decode()
    assert case.get_absolute_url() in detail and 'data-testid="issued-replace"' in detail


def test_the_demo_issues_a_report_and_a_letter_with_consecutive_numbers(units):
    # The demo's report classified Mật (sent to Cục Đối ngoại for the secret registers) takes
    # its number in the secret sequence; the report and the letter are the ordinary ones.
    docs = list(IssuedDocument.objects.filter(owner_unit=units["ANM"], secret_sequence=False).order_by("pk"))
    assert [d.doc_type for d in docs] == ["BC", "CV"]
    secret = IssuedDocument.objects.get(owner_unit=units["ANM"], secret_sequence=True)
    assert secret.classification == "mat" and secret.number == 1
    report, letter = docs
    assert report.source_type.model == "reportrun" and letter.source_type.model == "cooperationcase"
    if report.secret_sequence == letter.secret_sequence:
        assert letter.number == report.number + 1
    assert report.symbol == services.format_symbol(report.number, "BC", units["ANM"])
    assert f"Số: {report.symbol}" in docx_text(bytes(report.docx))


def test_a_letter_with_personal_data_downloads_only_for_who_may_see_it(users, units):
    """A division's letter printed with its persons in full: the province's officer sees the
    register line but may not download it; the province's head may (the view is audited)."""
    from cases import services as case_services
    from core.models import AuditEntry

    division = units["CA-QUANG-NINH-PC02"]
    case = make_case(SYSTEM, division, "thuong", title="Đề nghị xác minh nhân thân hư cấu")
    case_services.subject_create(
        actor=SYSTEM, data={"case": case, "role": "Người cần xác minh", "full_name": "Lê Văn Hư Cấu"}
    )
    head, officer = users["qninh_truong"], users["qninh"]
    doc = services.letter_issue(actor=head, case=case, data=particulars(head, signer_title="Giám đốc"))
    assert doc.personal_data and "Lê Văn Hư Cấu" in letter_text(bytes(doc.docx))
    assert client_for(officer).get(doc.get_absolute_url()).status_code == 200
    assert client_for(officer).get(f"/reports/issued/{doc.pk}/download/").status_code == 403
    response = client_for(head).get(f"/reports/issued/{doc.pk}/download/")
    assert response.status_code == 200
    assert AuditEntry.objects.filter(event="personal_data_view", target_id=str(doc.pk)).exists()
