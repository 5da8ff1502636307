"""Periodic reports: periods, seed figures, layout, visibility, audit, copies, API and pages."""

from __future__ import annotations

import datetime
import io
import os
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook
from rest_framework.test import APIClient

from core.exceptions import ValidationError
from core.models import AuditEntry, CopyRegisterEntry
from core.testing import count_queries
from reports import services
from reports.models import ReportRun
from reports.selectors import collect

pytestmark = pytest.mark.django_db

D2021 = datetime.date(2021, 12, 14)
D2026 = datetime.date(2026, 3, 2)


def make(user, django_capture_on_commit_callbacks, **data):
    """Define a run as ``user`` and let the job run (tests use the immediate backend)."""
    data.setdefault("owner_unit", user.unit)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.run_create(actor=user, data=data)
    return ReportRun.objects.get(pk=run.pk)


def docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


# --- Periods -------------------------------------------------------------------------------------


def test_periods_follow_the_decree_09_windows():
    """A year runs 15/12 to 14/12; a quarter from the 15th of the month before; a review spans years."""
    year = services.resolve_period({"period_kind": "year", "year": 2025})
    assert (year["start_on"], year["end_on"]) == (datetime.date(2024, 12, 15), datetime.date(2025, 12, 14))
    quarter = services.resolve_period({"period_kind": "quarter", "year": 2025, "period": 1})
    assert (quarter["start_on"], quarter["end_on"]) == (
        datetime.date(2024, 12, 15),
        datetime.date(2025, 3, 14),
    )
    month = services.resolve_period({"period_kind": "month", "year": 2026, "period": 3})
    assert (month["start_on"], month["end_on"]) == (datetime.date(2026, 2, 15), datetime.date(2026, 3, 14))
    review = services.resolve_period({"period_kind": "years", "year": 2021, "year_to": 2025})
    assert (review["start_on"], review["end_on"]) == (
        datetime.date(2020, 12, 15),
        datetime.date(2025, 12, 14),
    )
    default = services.resolve_period({"period_kind": "year"}, today=datetime.date(2026, 12, 20))
    assert default["year"] == 2027 and default["start_on"] == datetime.date(2026, 12, 15)


@pytest.mark.parametrize(
    "data, field",
    [
        ({"period_kind": "quarter", "year": 2025, "period": 5}, "period"),
        ({"period_kind": "years", "year": 2025, "year_to": 2021}, "year_to"),
        ({"period_kind": "range", "start_on": datetime.date(2025, 3, 1)}, "end_on"),
        (
            {
                "period_kind": "range",
                "start_on": datetime.date(2025, 3, 1),
                "end_on": datetime.date(2025, 1, 1),
            },
            "end_on",
        ),
    ],
)
def test_bad_periods_are_refused_with_the_field(data, field):
    with pytest.raises(ValidationError) as exc:
        services.resolve_period(data)
    assert field in exc.value.message_dict


# --- Seed figures --------------------------------------------------------------------------------


def test_a_report_for_the_seed_dates_reproduces_the_seed_figures(users, django_capture_on_commit_callbacks):
    """Year 2021 (to 14/12/2021): 162 agencies, 64 countries, 52 bodies, 150 documents (seed 001);
    to 02/03/2026: 164 agencies of 65 countries, 18 organisations, 13 forums, 12 mechanisms (seed 000)."""
    user = users["doingoai"]
    first = make(user, django_capture_on_commit_callbacks, period_kind="year", year=2021)
    assert first.status == "done", first.message
    assert first.data_as_of == D2021
    text = docx_text(bytes(first.docx))
    assert "162 cơ quan" in text and "64 quốc gia" in text
    assert "tham gia hoạt động trong 52 tổ chức, diễn đàn" in text
    assert "ký kết 150 văn bản" in text
    second = make(
        user,
        django_capture_on_commit_callbacks,
        period_kind="range",
        start_on=datetime.date(2025, 12, 15),
        end_on=D2026,
    )
    text = docx_text(bytes(second.docx))
    assert "164 cơ quan của 65 quốc gia" in text
    assert "là thành viên của 18 tổ chức, 13 diễn đàn, 12 cơ chế hợp tác" in text
    assert "số liệu tính đến ngày 02/03/2026" in text
    # The annex holds the figure behind each sentence.
    ws = load_workbook(io.BytesIO(bytes(second.xlsx))).active
    figures = {row[1]: row[2] for row in ws.iter_rows(min_row=4, values_only=True)}
    assert figures["Cơ quan thực thi pháp luật nước ngoài có quan hệ"] == 164
    assert figures["Quốc gia và vùng lãnh thổ"] == 65
    assert figures["Tổ chức quốc tế là thành viên"] == 18


def test_the_leadership_counts_the_same_seed_figures(users):
    """Leadership reads reports (it does not write them); its figures are the coordinator's."""
    start = datetime.date(2025, 12, 15)
    mine = collect(user=users["lanhdao"], start=start, end=D2026)
    theirs = collect(user=users["doingoai"], start=start, end=D2026)
    assert mine["sections"][0]["figures"] == theirs["sections"][0]["figures"]
    assert "164 cơ quan của 65 quốc gia" in mine["sections"][0]["sentences"][0]


def test_the_2022_report_tells_of_chuyen_an_568p(users, django_capture_on_commit_callbacks):
    """Outcomes of the year's operations are summed: seizures in kg, persons prosecuted."""
    run = make(users["doingoai"], django_capture_on_commit_callbacks, period_kind="year", year=2022)
    cases = next(s for s in run.facts["sections"] if s["key"] == "cases")
    text = " ".join(cases["sentences"])
    assert "chuyên án" in text
    assert "thu giữ" in text


# --- Layout --------------------------------------------------------------------------------------


def test_the_word_report_follows_decree_30(users, django_capture_on_commit_callbacks):
    """A4, margins 20/20/30/15 mm, Times New Roman 14, page numbers from page 2, the header blocks."""
    run = make(users["doingoai"], django_capture_on_commit_callbacks, period_kind="year", year=2025)
    doc = Document(io.BytesIO(bytes(run.docx)))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [
        round(m.mm)
        for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ]
    assert margins == [20, 20, 30, 15]
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt == 14
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml
    assert "PAGE" not in section.first_page_header._element.xml
    text = docx_text(bytes(run.docx))
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BỘ CÔNG AN",
        "CỤC ĐỐI NGOẠI",
        "Số:        /BC-CĐN",
        "BÁO CÁO",
        "I. QUAN HỆ ĐỐI TÁC",
        "II. KÝ KẾT",
        "III. TRIỂN KHAI",
        "IV. HỢP TÁC ĐẤU TRANH",
        "V. HOẠT ĐỘNG ĐỐI NGOẠI",
        "VI. NÂNG CAO NĂNG LỰC",
        "Nơi nhận:",
        "CỤC TRƯỞNG",
    ):
        assert expected in text, expected
    assert "Hà Nội, ngày" in text
    fonts = {r.font.name for p in doc.paragraphs for r in p.runs}
    assert fonts == {"Times New Roman"}
    sizes = {r.font.size.pt for p in doc.paragraphs for r in p.runs}
    assert sizes <= {13, 14}
    assert len(doc.tables) >= 5


# --- Visibility, classification, audit -----------------------------------------------------------


def test_a_province_officer_counts_only_what_they_see(users, units, django_capture_on_commit_callbacks):
    """qninh's report counts through visible_to(qninh): fewer partners than the coordinator's."""
    from cases.models import CooperationCase
    from partners.selectors import indicators

    qninh = users["qninh"]
    run = make(qninh, django_capture_on_commit_callbacks, period_kind="years", year=2021, year_to=2026)
    assert run.status == "done", run.message
    partners = {f["label"]: f["value"] for f in run.facts["sections"][0]["figures"]}
    mine = indicators(user=qninh, as_of=run.data_as_of)
    assert partners["Cơ quan thực thi pháp luật nước ngoài có quan hệ"] == mine["foreign_agencies"]
    assert (
        mine["foreign_agencies"]
        < indicators(user=users["doingoai"], as_of=run.data_as_of)["foreign_agencies"]
    )
    cases = {f["label"]: f["value"] for f in run.facts["sections"][3]["figures"]}
    expected = (
        CooperationCase.objects.visible_to(qninh)
        .filter(opened_on__gte=run.start_on, opened_on__lte=run.end_on)
        .count()
    )
    assert cases["Vụ việc hợp tác tiếp nhận, mở trong kỳ"] == expected


def test_scope_outside_the_users_subtree_is_refused(users, units):
    before = ReportRun.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.run_create(
            actor=users["qninh"],
            data={
                "period_kind": "year",
                "year": 2025,
                "owner_unit": units["CA-QUANG-NINH"],
                "scope_unit": units["CA-HA-NOI"],
            },
        )
    assert "scope_unit" in exc.value.message_dict
    assert ReportRun.objects.count() == before


def test_generation_is_audited_and_takes_the_highest_level_counted(users, django_capture_on_commit_callbacks):
    """The run's level is at least the highest level of what it counted; the audit log has it."""
    run = make(
        users["doingoai"], django_capture_on_commit_callbacks, period_kind="years", year=2020, year_to=2026
    )
    assert set(run.facts["levels"]) and run.classification == max(
        run.facts["levels"], key=["thuong", "mat", "toi_mat", "tuyet_mat"].index
    )
    entry = AuditEntry.objects.filter(target_id=str(run.pk), extra__action="report_generated").get()
    assert entry.actor == users["doingoai"]
    assert entry.extra["data_as_of"] == run.data_as_of.isoformat()


def test_generation_queries_do_not_grow_with_the_data(users, units):
    """Aggregates only: the same number of queries before and after more records."""
    from core.context import SYSTEM

    user = users["doingoai"]
    start, end = datetime.date(2024, 12, 15), datetime.date(2025, 12, 14)
    collect(user=user, start=start, end=end)
    first = count_queries(lambda: collect(user=user, start=start, end=end), cold=True)
    from cases.tests import specs as case_specs  # registers the case spec
    from core.testing import all_specs

    spec = next(s for s in all_specs() if s.label == "cases.CooperationCase")
    for _ in range(5):
        spec.make(SYSTEM, units["CDN"], "thuong")
    assert count_queries(lambda: collect(user=user, start=start, end=end), cold=True) == first
    assert case_specs


# --- Downloads and the copy register -------------------------------------------------------------


def test_a_classified_report_is_a_numbered_registered_copy_on_each_download(
    users, django_capture_on_commit_callbacks
):
    user = users["doingoai"]
    run = make(user, django_capture_on_commit_callbacks, period_kind="year", year=2025, classification="mat")
    assert run.classification in ("mat", "toi_mat")
    c = client_for(user)
    before = CopyRegisterEntry.objects.count()
    first = c.get(f"/reports/runs/{run.pk}/download/docx/")
    assert first.status_code == 200
    second = c.get(f"/reports/runs/{run.pk}/download/xlsx/")
    assert second.status_code == 200
    entries = list(CopyRegisterEntry.objects.order_by("pk"))[before:]
    assert [e.kind for e in entries] == ["report", "report"]
    assert entries[0].object_ids == [str(run.pk)] and entries[0].user == user
    assert entries[1].first_copy == entries[0].last_copy + 1
    header = Document(io.BytesIO(first.content)).sections[0].first_page_header
    assert entries[0].copy_label in header._element.xml
    body = docx_text(first.content)
    assert {"mat": "MẬT", "toi_mat": "TỐI MẬT"}[run.classification] in body
    ws = load_workbook(io.BytesIO(second.content)).active
    assert entries[1].copy_label in ws["A1"].value
    assert AuditEntry.objects.filter(target_id=str(run.pk), extra__action="report_download").count() == 2


def test_an_unclassified_report_has_no_copy_number(users, units, django_capture_on_commit_callbacks):
    """Only what holds Mật or above is numbered (the run's level follows what it counted)."""
    khach = users["khach"]  # thuong clearance: counts only unclassified records
    officer = users["qninh"]
    run = make(officer, django_capture_on_commit_callbacks, period_kind="year", year=2025)
    before = CopyRegisterEntry.objects.count()
    response = client_for(officer).get(f"/reports/runs/{run.pk}/download/docx/")
    assert response.status_code == 200
    if run.classification == "thuong":
        assert CopyRegisterEntry.objects.count() == before
    else:
        assert CopyRegisterEntry.objects.count() == before + 1
    # A viewer may read the page but not take a copy; another unit does not see it at all.
    if run.classification == "thuong":
        assert client_for(khach).get(run.get_absolute_url()).status_code == 200
        assert client_for(khach).get(f"/reports/runs/{run.pk}/download/docx/").status_code == 403
    from core.testing import make_user

    stranger = make_user(units["CA-HA-NOI"], "officer", "tuyet_mat")
    assert client_for(stranger).get(f"/reports/runs/{run.pk}/download/docx/").status_code == 404
    assert client_for(stranger).get(f"/reports/runs/{run.pk}/progress/").status_code == 404


# --- Pages and API -------------------------------------------------------------------------------


def test_the_run_page_polls_until_done(users, units):
    """A queued run's panel polls its partial; a finished one stops and offers the downloads."""
    from core.context import SYSTEM

    run = services.run_create(
        actor=SYSTEM, data={"period_kind": "year", "year": 2025, "owner_unit": units["CDN"], "title": "Chờ"}
    )
    c = client_for(users["doingoai"])
    page = c.get(run.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in page and f"/reports/runs/{run.pk}/progress/" in page
    services.generate(run.pk)  # the job, as the worker would run it
    partial = c.get(f"/reports/runs/{run.pk}/progress/", HTTP_HX_REQUEST="true").content.decode()
    assert 'data-status="failed"' in partial or 'data-status="done"' in partial
    assert "hx-trigger" not in partial


def test_run_page_and_partial_queries_do_not_grow(users, units, django_capture_on_commit_callbacks):
    user = users["doingoai"]
    run = make(user, django_capture_on_commit_callbacks, period_kind="year", year=2025)
    c = client_for(user)

    def measure():
        return [
            count_queries(lambda: c.get(run.get_absolute_url())),
            count_queries(lambda: c.get(f"/reports/runs/{run.pk}/progress/")),
            count_queries(lambda: c.get("/reports/runs/")),
        ]

    measure()
    small = measure()
    for _ in range(3):
        make(user, django_capture_on_commit_callbacks, period_kind="quarter", year=2025, period=2)
    assert measure() == small


def test_api_creates_a_run_with_status_and_download_links(users, units, django_capture_on_commit_callbacks):
    api = APIClient()
    api.force_authenticate(users["doingoai"])
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/v1/reports/",
            {"period_kind": "year", "year": 2021, "owner_unit": units["CDN"].pk, "classification": "thuong"},
            format="json",
        )
    assert response.status_code == 201, response.content
    body = api.get(f"/api/v1/reports/{response.json()['id']}/").json()
    assert body["status"] == "done" and body["data_as_of"] == "2021-12-14"
    assert body["downloads"]["docx"].endswith(f"/reports/runs/{body['id']}/download/docx/")
    assert body["title"].startswith("Báo cáo kết quả công tác đối ngoại")
    listed = api.get("/api/v1/reports/").json()
    assert body["id"] in [row["id"] for row in listed["results"]]


@pytest.mark.parametrize(
    "bad, field",
    [
        ({"period_kind": "quarter", "year": 2025, "period": 7}, "period"),
        ({"period_kind": "range", "start_on": "2025-05-01", "end_on": "2025-01-01"}, "end_on"),
        ({"period_kind": "year", "year": 2025, "scope_unit": "CA-HA-NOI"}, "scope_unit"),
        ({"period_kind": "year", "year": "abc"}, "year"),
    ],
)
def test_api_bad_input_is_400_with_field_errors_and_writes_nothing(users, units, bad, field):
    api = APIClient()
    api.force_authenticate(users["qninh"])
    data = {"owner_unit": units["CA-QUANG-NINH"].pk, "classification": "thuong", **bad}
    if data.get("scope_unit") == "CA-HA-NOI":
        data["scope_unit"] = units["CA-HA-NOI"].pk
    before = ReportRun.objects.count()
    response = api.post("/api/v1/reports/", data, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert ReportRun.objects.count() == before


# --- LibreOffice ---------------------------------------------------------------------------------


def test_libreoffice_opens_the_report(users, django_capture_on_commit_callbacks, tmp_path):
    """The .docx converts to PDF with headless LibreOffice, and the seed figures are in it."""
    soffice = shutil.which("soffice") or ("/usr/bin/soffice" if Path("/usr/bin/soffice").exists() else None)
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice is not installed")
    run = make(
        users["doingoai"],
        django_capture_on_commit_callbacks,
        period_kind="range",
        start_on=datetime.date(2025, 12, 15),
        end_on=D2026,
    )
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(bytes(run.docx))
    profile = f"file:///tmp/lo-{uuid.uuid4().hex}"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    shutil.rmtree(profile.removeprefix("file://"), ignore_errors=True)
    pdf = tmp_path / "bao-cao.pdf"
    assert pdf.exists(), result.stderr.decode()
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") + data.count(b"/Type/Page") > 0
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True
        ).stdout.decode()
        flat = " ".join(text.split())
        assert "164 cơ quan của 65 quốc gia" in flat
        assert "18 tổ chức, 13 diễn đàn, 12 cơ chế hợp tác" in flat
    else:
        with zipfile.ZipFile(source) as z:
            xml = z.read("word/document.xml").decode()
        assert "164 cơ quan của 65 quốc gia" in xml


def test_a_unit_scope_narrows_the_units_work_to_its_subtree(users, units):
    """The coordinator's report for Quảng Ninh counts that subtree's assignments and events only."""
    from events.models import Event
    from tracking.models import Assignment

    qn = units["CA-QUANG-NINH"]
    start, end = datetime.date(2020, 12, 15), datetime.date(2026, 12, 14)
    facts = collect(user=users["doingoai"], start=start, end=end, scope=qn)
    assert facts["subject"] == qn.name_vi
    tracking = {f["label"]: f["value"] for f in facts["sections"][2]["figures"]}
    expected = Assignment.objects.visible_to(users["doingoai"]).filter(unit__path__startswith=qn.path).count()
    assert tracking["Lượt giao nhiệm vụ cho các đơn vị"] == expected
    events = {f["label"]: f["value"] for f in facts["sections"][4]["figures"]}
    in_scope = (
        Event.objects.visible_to(users["doingoai"])
        .filter(owner_unit__path__startswith=qn.path, starts_on__lte=end)
        .exclude(ends_on__lt=start)
        .exclude(ends_on__isnull=True, starts_on__lt=start)
        .count()
    )
    assert events["Hoạt động đối ngoại trong kỳ"] == in_scope
