"""Excel import: template, upload checks, preview of every error, all-or-nothing commit."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from access.choices import Classification
from core.context import SYSTEM
from core.imports import (
    CREATE,
    UNCHANGED,
    UPDATE,
    ImportAlreadyCommitted,
    ImportRefused,
    ParseError,
    bool_parser,
    choice_parser,
    date_parser,
    fk_parser,
    get_import,
    import_commit,
    import_preview,
    int_parser,
    parse_workbook,
    str_parser,
    template_workbook,
)
from core.models import AuditEntry, AuditEvent, ImportJob, ImportJobStatus, ObjectChange
from core.testing import count_queries, make_user
from core.tests.sampleapp.imports import SampleRecordImport
from core.tests.sampleapp.models import SampleRecord
from core.tests.specs import make

pytestmark = pytest.mark.django_db

KEY = "sampleapp.samplerecord"
HEADERS = ["title", "status", "owner_unit", "classification", "subject_name", "birth_date"]
QN = "CA-QUANG-NINH"
BIRTH = datetime.date(1990, 1, 1)


def xlsx(rows, headers=HEADERS, name="records.xlsx"):
    """An in-memory workbook with the headers and rows, as an upload."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/octet-stream")


def valid_rows(n=3, prefix="Biên bản nhập"):
    return [
        [f"{prefix} {i}", "draft", QN, "thuong", f"Nguyễn Văn {i}", BIRTH + datetime.timedelta(days=i - 1)]
        for i in range(1, n + 1)
    ]


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def upload(c, file):
    return c.post(reverse("imports:upload", args=[KEY]), {"file": file})


def sample_changes():
    return ObjectChange.objects.filter(content_type=ContentType.objects.get_for_model(SampleRecord))


def imported(prefix="Biên bản nhập"):
    return SampleRecord.objects.filter(title__startswith=prefix)


# Template


def test_template_has_every_column_an_example_row_and_instructions(users):
    """The template lists each column (Vietnamese labels), one example row and the instructions."""
    response = client_for(users["qninh"]).get(reverse("imports:template", args=[KEY]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    data, notes = wb.worksheets
    headers = [c.value for c in data[1]]
    with translation.override("vi"):
        assert headers == [str(c.label) for c in get_import(KEY).columns]
    assert headers[2:5] == ["đơn vị quản lý", "độ mật", "họ và tên"]
    example = [c.value for c in data[2]]
    assert example[2] == QN and example[0]
    text = " ".join(str(c.value) for row in notes.iter_rows() for c in row if c.value)
    for column in get_import(KEY).columns:
        assert str(column.label) in text
    assert "dd/mm/yyyy" in text and "Mật" in text and "Tối mật" in text


def test_the_template_filled_in_imports_as_is(users):
    """Uploading the template with its example row previews one new record, no error."""
    user = users["qninh"]
    content = template_workbook(SampleRecordImport, "vi")
    result = parse_workbook(KEY, content, user)
    assert result.ok, result.errors
    assert [r.action for r in result.rows] == [CREATE]
    english = parse_workbook(KEY, template_workbook(SampleRecordImport, "en"), user)
    assert english.ok, english.errors


def test_a_viewer_may_not_download_the_template_nor_upload(users):
    """A user who may not add the model gets 403 for the template, the upload page and the upload."""
    c = client_for(users["khach"])
    assert c.get(reverse("imports:template", args=[KEY])).status_code == 403
    assert c.get(reverse("imports:upload", args=[KEY])).status_code == 403
    assert upload(c, xlsx(valid_rows())).status_code == 403
    assert not ImportJob.objects.exists()


def test_anonymous_goes_to_login_and_an_unknown_import_is_404(users):
    """The pages require a login; an import key nobody registered is 404."""
    response = Client().get(reverse("imports:upload", args=[KEY]))
    assert response.status_code == 302 and "/login/" in response["Location"]
    c = client_for(users["qninh"])
    assert c.get(reverse("imports:upload", args=["nothing.here"])).status_code == 404
    assert c.get(reverse("imports:template", args=["nothing.here"])).status_code == 404


# Preview and commit


def test_a_valid_file_previews_then_commits_through_the_services(users):
    """Preview writes no record; commit creates each through the service, with history and one audit entry."""
    user = users["qninh"]
    c = client_for(user)
    page = c.get(reverse("imports:upload", args=[KEY]))
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.content.decode()
    response = upload(c, xlsx(valid_rows(3)))
    assert response.status_code == 302
    job = ImportJob.objects.get(user=user)
    assert response["Location"] == reverse("imports:job", args=[job.pk])
    assert job.status == ImportJobStatus.PREVIEWED and job.summary == {
        "create": 3,
        "update": 0,
        "unchanged": 0,
    }
    assert not imported().exists()

    body = c.get(response["Location"]).content.decode()
    assert 'data-testid="import-commit"' in body and 'data-testid="import-errors"' not in body
    assert body.count('data-action="create"') == 3

    audit_before = AuditEntry.objects.filter(event=AuditEvent.IMPORT).count()
    response = c.post(reverse("imports:commit", args=[job.pk]), follow=True)
    assert response.status_code == 200
    assert "3" in str(next(iter(response.context["messages"])))
    records = list(imported().order_by("title"))
    assert [r.title for r in records] == ["Biên bản nhập 1", "Biên bản nhập 2", "Biên bản nhập 3"]
    assert records[0].owner_unit.code == QN and records[0].birth_date == datetime.date(1990, 1, 1)
    assert all(r.created_by_id == user.pk for r in records)
    assert sample_changes().filter(object_id__in=[str(r.pk) for r in records], action="create").count() == 3
    entries = AuditEntry.objects.filter(event=AuditEvent.IMPORT)
    assert entries.count() == audit_before + 1
    entry = entries.order_by("-pk").first()
    assert entry.actor_id == user.pk
    assert entry.extra["create"] == 3 and entry.extra["file_name"] == "records.xlsx"
    assert entry.extra["model"] == "sampleapp.SampleRecord"
    job.refresh_from_db()
    assert job.status == ImportJobStatus.COMMITTED and job.committed_at is not None


def test_reimporting_the_same_file_is_all_unchanged_and_writes_nothing(users):
    """The second import of a file matches every row by natural key and changes nothing."""
    user = users["qninh"]
    import_commit(actor=user, job=import_preview(actor=user, spec=KEY, upload=xlsx(valid_rows(3))))
    records_before = imported().count()
    changes_before = sample_changes().count()
    job = import_preview(actor=user, spec=KEY, upload=xlsx(valid_rows(3)))
    assert job.summary == {"create": 0, "update": 0, "unchanged": 3}
    body = client_for(user).get(reverse("imports:job", args=[job.pk])).content.decode()
    assert body.count('data-action="unchanged"') == 3
    assert import_commit(actor=user, job=job) == {"create": 0, "update": 0, "unchanged": 3}
    assert imported().count() == records_before == 3
    assert sample_changes().count() == changes_before


def test_a_changed_row_updates_the_record_and_only_it(users):
    """A row whose values differ updates its record (new version, history); the others stay unchanged."""
    user = users["qninh"]
    import_commit(actor=user, job=import_preview(actor=user, spec=KEY, upload=xlsx(valid_rows(3))))
    rows = valid_rows(3)
    rows[1][1] = "Chính thức"  # the label, not the code
    rows[1][5] = "15/06/1985"
    result = parse_workbook(KEY, xlsx(rows), user)
    assert [r.action for r in result.rows] == [UNCHANGED, UPDATE, UNCHANGED]
    assert set(result.rows[1].changes) == {"status", "birth_date"}
    job = import_preview(actor=user, spec=KEY, upload=xlsx(rows))
    assert import_commit(actor=user, job=job) == {"create": 0, "update": 1, "unchanged": 2}
    record = imported().get(title="Biên bản nhập 2")
    assert record.status == "final" and record.birth_date == datetime.date(1985, 6, 15)
    assert record.version == 2
    assert sample_changes().filter(object_id=str(record.pk), action="update").count() == 1


def test_a_broken_file_shows_every_error_with_row_and_column_and_writes_nothing(users):
    """Bad date, unknown unit, missing value, duplicate key and a level above clearance: all listed."""
    user = users["qninh"]  # clearance Mật
    rows = [
        ["Hồ sơ A", "draft", QN, "thuong", "", "31/02/1990"],  # row 2: no 31 February
        ["Hồ sơ B", "draft", "KHONG-CO", "thuong", "", ""],  # row 3: unknown unit code
        ["", "draft", QN, "thuong", "", ""],  # row 4: title missing
        ["Hồ sơ D", "draft", QN, "thuong", "", "01/01/1990"],  # row 5
        ["Hồ sơ D", "final", QN, "thuong", "", ""],  # row 6: same key as row 5
        ["Hồ sơ F", "draft", QN, "Tối mật", "", "not a date"],  # row 7: above clearance, bad date
    ]
    c = client_for(user)
    response = upload(c, xlsx(rows))
    assert response.status_code == 302
    job = ImportJob.objects.get(user=user)
    found = {(e["row"], e["column"]) for e in job.errors}
    spec = get_import(KEY)
    label = {c.name: str(c.label) for c in spec.columns}
    assert found == {
        (2, label["birth_date"]),
        (3, label["owner_unit"]),
        (4, label["title"]),
        (6, label["title"]),
        (7, label["classification"]),
        (7, label["birth_date"]),
    }
    messages = " ".join(e["message"] for e in job.errors)
    assert "KHONG-CO" in messages

    body = c.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert 'data-testid="import-errors"' in body and 'data-testid="import-commit"' not in body
    for row in ("2", "3", "4", "6", "7"):
        assert f"<td>{row}</td>" in body
    response = c.post(reverse("imports:commit", args=[job.pk]))
    assert response.status_code == 400
    assert 'data-testid="import-errors"' in response.content.decode()
    assert not SampleRecord.objects.filter(title__startswith="Hồ sơ").exists()
    job.refresh_from_db()
    assert job.status == ImportJobStatus.FAILED and job.errors


def test_a_unit_outside_the_users_reach_is_an_error_of_its_row(users, units):
    """A provincial officer may not create records for another province: the row says so."""
    rows = valid_rows(2)
    rows[1][2] = "CA-HA-NOI"
    result = parse_workbook(KEY, xlsx(rows), users["qninh"])
    assert [(e.row, e.column) for e in result.errors] == [
        (3, str(get_import(KEY).column("owner_unit").label))
    ]


def test_when_the_last_write_fails_the_earlier_rows_are_rolled_back(users, monkeypatch):
    """All or nothing: the third create raises, the first two are undone, no audit entry."""
    user = users["qninh"]
    job = import_preview(actor=user, spec=KEY, upload=xlsx(valid_rows(3)))
    original = SampleRecordImport.create
    calls = []

    def failing_create(self, actor, data):
        calls.append(data["title"])
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return original(self, actor, data)

    monkeypatch.setattr(SampleRecordImport, "create", failing_create)
    audit_before = AuditEntry.objects.filter(event=AuditEvent.IMPORT).count()
    changes_before = sample_changes().count()
    with pytest.raises(RuntimeError):
        import_commit(actor=user, job=job)
    assert len(calls) == 3
    assert not imported().exists()
    assert sample_changes().count() == changes_before
    assert AuditEntry.objects.filter(event=AuditEvent.IMPORT).count() == audit_before
    job.refresh_from_db()
    assert job.status == ImportJobStatus.PREVIEWED


def test_a_service_refusal_on_the_last_row_rolls_back_and_answers_400(users, monkeypatch):
    """A validation error raised while writing row 4 undoes rows 2 and 3 and names row 4."""
    from core.exceptions import ValidationError

    user = users["qninh"]
    c = client_for(user)
    upload(c, xlsx(valid_rows(3)))
    job = ImportJob.objects.get(user=user)
    original = SampleRecordImport.create

    def refusing_create(self, actor, data):
        if data["title"].endswith("3"):
            raise ValidationError({"title": "refused by the service"})
        return original(self, actor, data)

    monkeypatch.setattr(SampleRecordImport, "create", refusing_create)
    response = c.post(reverse("imports:commit", args=[job.pk]))
    assert response.status_code == 400
    body = response.content.decode()
    assert "refused by the service" in body and "<td>4</td>" in body
    assert not imported().exists()
    monkeypatch.undo()
    body = c.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert 'data-testid="import-last-errors"' in body and "refused by the service" in body
    job.refresh_from_db()
    assert job.status == ImportJobStatus.FAILED
    assert job.errors == [
        {"row": 4, "column": str(get_import(KEY).column("title").label), "message": "refused by the service"}
    ]


def test_a_file_that_became_invalid_is_refused_at_commit(users):
    """Rows are checked again at commit: a record made meanwhile turns a create into a match."""
    user = users["qninh"]
    job = import_preview(actor=user, spec=KEY, upload=xlsx(valid_rows(2)))
    make(SYSTEM, users["qninh"].unit, title="Biên bản nhập 1")
    make(SYSTEM, users["qninh"].unit, title="Biên bản nhập 1")  # now two records share the key
    with pytest.raises(ImportRefused) as exc:
        import_commit(actor=user, job=job)
    assert [e.row for e in exc.value.errors] == [2]
    assert imported().count() == 2  # only the two made above


def test_a_committed_job_cannot_be_committed_twice(users):
    """The second commit is refused (409 on the page) and writes nothing more."""
    user = users["qninh"]
    c = client_for(user)
    upload(c, xlsx(valid_rows(2)))
    job = ImportJob.objects.get(user=user)
    assert c.post(reverse("imports:commit", args=[job.pk])).status_code == 302
    audit_count = AuditEntry.objects.filter(event=AuditEvent.IMPORT).count()
    response = c.post(reverse("imports:commit", args=[job.pk]))
    assert response.status_code == 409
    with pytest.raises(ImportAlreadyCommitted):
        import_commit(actor=user, job=job)
    assert imported().count() == 2
    assert AuditEntry.objects.filter(event=AuditEvent.IMPORT).count() == audit_count
    body = c.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert 'data-testid="import-committed"' in body and 'data-testid="import-commit"' not in body


# Refused uploads


def test_a_file_that_is_not_xlsx_is_refused_with_a_clear_message(users):
    """A CSV or a zip that is no workbook is refused at upload; no job is kept."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = client_for(users["qninh"])
    for content in (b"title,status\nA,draft\n", b"PK\x03\x04 not really a zip"):
        response = upload(c, SimpleUploadedFile("records.xlsx", content))
        assert response.status_code == 400
        assert ".xlsx" in response.content.decode()
        assert 'data-testid="import-upload-error"' in response.content.decode()
    assert not ImportJob.objects.exists()


@override_settings(HOPTAC_IMPORT_MAX_BYTES=2000)
def test_an_oversize_file_is_refused_with_a_clear_message(users):
    """A file above HOPTAC_IMPORT_MAX_BYTES is refused before it is read."""
    c = client_for(users["qninh"])
    response = upload(c, xlsx(valid_rows(50)))
    assert response.status_code == 400
    assert "2 KB" in response.content.decode()
    assert not ImportJob.objects.exists()


@override_settings(HOPTAC_IMPORT_MAX_BYTES=20_000)
def test_a_zip_that_expands_far_beyond_the_limit_is_refused(users):
    """A small file that unpacks to megabytes (a zip bomb) is refused before openpyxl reads it."""
    import zipfile

    buffer = io.BytesIO(xlsx(valid_rows(1)).read())
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * 5_000_000)
    assert len(buffer.getvalue()) < 20_000
    result = parse_workbook(KEY, buffer.getvalue(), users["qninh"])
    assert [e.row for e in result.errors] == [None] and "KB" in result.errors[0].message


@override_settings(HOPTAC_IMPORT_MAX_ROWS=3)
def test_a_file_with_too_many_rows_is_refused(users):
    """Above HOPTAC_IMPORT_MAX_ROWS data rows the file is refused as a whole."""
    assert parse_workbook(KEY, xlsx(valid_rows(3)), users["qninh"]).ok
    result = parse_workbook(KEY, xlsx(valid_rows(4)), users["qninh"])
    assert [e.row for e in result.errors] == [None] and "3" in result.errors[0].message


def test_headers_that_do_not_match_the_template_are_refused(users):
    """A missing or unknown column refuses the file and names the column."""
    c = client_for(users["qninh"])
    headers = ["title", "status", "owner_unit", "classification", "subject_name", "colour"]
    response = upload(c, xlsx([], headers=headers))
    body = response.content.decode()
    assert response.status_code == 400 and "colour" in body
    assert not ImportJob.objects.exists()


def test_english_and_vietnamese_headers_in_any_order_are_accepted(users):
    """Headers may be the labels in either language, or the names, in any order."""
    spec = get_import(KEY)
    with translation.override("en"):
        english = [str(c.label).upper() for c in spec.columns]
    with translation.override("vi"):
        vietnamese = [str(c.label) for c in spec.columns]
    mixed = [english[0], vietnamese[1], "owner_unit", vietnamese[3], english[4], english[5]]
    rows = valid_rows(1)
    result = parse_workbook(
        KEY, xlsx([list(reversed(rows[0]))], headers=list(reversed(mixed))), users["qninh"]
    )
    assert result.ok, result.errors
    assert result.rows[0].values["owner_unit"].code == QN


# Access


def test_another_users_job_is_404(users):
    """Someone else's job is not found, for the preview and for the commit."""
    job = import_preview(actor=users["qninh"], spec=KEY, upload=xlsx(valid_rows(1)))
    other = client_for(users["qninh_truong"])
    assert other.get(reverse("imports:job", args=[job.pk])).status_code == 404
    assert other.post(reverse("imports:commit", args=[job.pk])).status_code == 404
    with pytest.raises(ImportJob.DoesNotExist):
        import_commit(actor=users["qninh_truong"], job=job)
    assert not imported().exists()
    assert list(ImportJob.objects.visible_to(users["qninh_truong"])) == []
    assert list(ImportJob.objects.visible_to(users["qninh"])) == [job]


def test_a_user_who_lost_the_right_to_add_gets_403_at_commit(users, units):
    """The right to add is checked again at commit."""
    from org.services import user_update

    officer = make_user(units[QN], "officer", clearance="mat")
    job = import_preview(actor=officer, spec=KEY, upload=xlsx(valid_rows(1)))
    officer = user_update(actor=SYSTEM, user=officer, data={}, roles=["viewer"], version=officer.version)
    response = client_for(officer).post(reverse("imports:commit", args=[job.pk]))
    assert response.status_code == 403
    assert not imported().exists()


# Parsers and queries


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("31/01/1990", datetime.date(1990, 1, 31)),
        ("1/2/1990", datetime.date(1990, 2, 1)),
        ("1990-01-31", datetime.date(1990, 1, 31)),
        (datetime.datetime(1990, 1, 31), datetime.date(1990, 1, 31)),
        (datetime.date(1990, 1, 31), datetime.date(1990, 1, 31)),
    ],
)
def test_dates_are_read_in_each_accepted_form(raw, expected):
    """dd/mm/yyyy, yyyy-mm-dd and Excel date cells give the same date."""
    assert date_parser.parse(raw, actor=None, state=None) == expected


def test_an_excel_date_cell_is_read_as_a_date(users):
    """A real date cell (not text) in the sheet is read as that date."""
    rows = valid_rows(1)
    rows[0][5] = datetime.datetime(1975, 4, 30)
    result = parse_workbook(KEY, xlsx(rows), users["qninh"])
    assert result.ok and result.rows[0].values["birth_date"] == datetime.date(1975, 4, 30)


def test_the_preview_query_count_does_not_grow_with_rows(users):
    """Units, existing records and checks are read once for the file, not once per row."""
    user = users["qninh"]
    c = client_for(user)
    small = import_preview(actor=user, spec=KEY, upload=xlsx(valid_rows(2, "Nhỏ")))
    large = import_preview(actor=user, spec=KEY, upload=xlsx(valid_rows(20, "Lớn")))
    # Half of the large file exists already, so the count covers updates and matches too.
    import_commit(actor=user, job=import_preview(actor=user, spec=KEY, upload=xlsx(valid_rows(10, "Lớn"))))
    c.get(reverse("imports:job", args=[small.pk]))  # warm the session and content types
    n_small = count_queries(lambda: c.get(reverse("imports:job", args=[small.pk])))
    n_large = count_queries(lambda: c.get(reverse("imports:job", args=[large.pk])))
    assert n_small == n_large


@pytest.mark.parametrize(
    "parser, raw, expected",
    [
        (bool_parser, "Có", True),
        (bool_parser, "khong", False),
        (bool_parser, "x", True),
        (bool_parser, False, False),
        (int_parser, "42", 42),
        (int_parser, 42.0, 42),
        (str_parser, 12.0, "12"),
        (str_parser, "  padded  ", "padded"),
        (choice_parser(Classification), "Secret", "toi_mat"),
        (choice_parser(Classification), "TOI MAT", "toi_mat"),
        (choice_parser(Classification), "Tối mật", "toi_mat"),
        (choice_parser(Classification), "mat", "mat"),
    ],
)
def test_parsers_read_what_people_type(parser, raw, expected):
    """Yes/no words in both languages, numbers typed as text, choices by code or label, any tones."""
    state = parser.prepare([raw], None)
    assert parser.parse(raw, actor=None, state=state) == expected


@pytest.mark.parametrize(
    "parser, raw",
    [
        (bool_parser, "maybe"),
        (int_parser, "4.5"),
        (int_parser, True),
        (choice_parser(Classification), "secretish"),
    ],
)
def test_parsers_refuse_what_they_cannot_read(parser, raw):
    """A value a parser cannot read raises ParseError with a message for the user."""
    with pytest.raises(ParseError):
        parser.parse(raw, actor=None, state=parser.prepare([raw], None))


def test_units_are_found_only_among_those_the_user_may_see(users, units):
    """The foreign-key parser reads through visible_to: nothing for an anonymous actor."""
    from django.contrib.auth.models import AnonymousUser

    from org.models import Unit

    parser = fk_parser(Unit, "code")
    assert parser.parse(QN, actor=users["qninh"], state=parser.prepare([QN], users["qninh"])) == units[QN]
    with pytest.raises(ParseError):
        parser.parse(QN, actor=AnonymousUser(), state=parser.prepare([QN], AnonymousUser()))
