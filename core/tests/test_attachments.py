"""Attachments: files are checked by content, follow their parent's access rule and history."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from core.attachments import (
    DOCX,
    PDF,
    attachment_add,
    attachment_remove,
    attachments_context,
    check_upload,
)
from core.context import SYSTEM
from core.exceptions import PermissionDenied, ValidationError, WriteOutsideService
from core.models import Attachment, AuditEntry, AuditEvent, ObjectChange
from core.testing import count_queries, make_user, pdf_bytes
from core.tests.sampleapp.models import SampleRecord
from core.tests.specs import make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_messages():
    """The assertions read the English messages; pages still render in Vietnamese."""
    from django.utils import translation

    with translation.override("en"):
        yield


QN = "CA-QUANG-NINH"

PDF_BYTES = pdf_bytes()

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main}"/>'
    "</Types>"
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Biên bản ghi nhớ</w:t></w:r></w:p></w:body></w:document>"
)


def docx_bytes(*, macros: bool = False, padding: int = 0) -> bytes:
    """A minimal Word document built in memory (with a VBA project when ``macros``).

    ``padding`` adds a part of that many zero bytes, which compresses to almost nothing.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(main=DOCM_MAIN if macros else DOCX_MAIN))
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", DOCUMENT)
        if macros:
            archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\x00" * 64)
        if padding:
            archive.writestr("word/media/padding.bin", b"\x00" * padding)
    return out.getvalue()


def upload_file(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def client_for(user) -> Client:
    """A signed-in client that chose English, so the assertions read the English messages."""
    c = Client()
    c.force_login(user)
    c.cookies["django_language"] = "en"
    return c


def add_url(record) -> str:
    ct = ContentType.objects.get_for_model(SampleRecord)
    return reverse("attachments:add", args=[ct.pk, record.pk])


def stored_files() -> set[str]:
    """Every file under attachments/ in the default storage."""
    found: set[str] = set()

    def walk(folder: str) -> None:
        if not default_storage.exists(folder):
            return
        dirs, files = default_storage.listdir(folder)
        found.update(f"{folder}/{f}" for f in files)
        for d in dirs:
            walk(f"{folder}/{d}")

    walk("attachments")
    return found


def parent_changes(record):
    """The record's history after its creation."""
    return ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(SampleRecord), object_id=str(record.pk)
    ).exclude(action="create")


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def record(units):
    """An unclassified record of Công an tỉnh Quảng Ninh."""
    return make(SYSTEM, units[QN], "thuong")


@pytest.fixture
def secret_record(units):
    """A Mật record of Công an tỉnh Quảng Ninh."""
    return make(SYSTEM, units[QN], "mat")


def attach(record, name="Biên bản.pdf", content=PDF_BYTES, actor=SYSTEM, **kwargs) -> Attachment:
    return attachment_add(actor=actor, parent=record, file=upload_file(name, content), **kwargs)


# Checking the content


def test_check_upload_recognises_pdf_and_docx_by_content_whatever_the_name():
    """A PDF and a Word document are recognised by their bytes, even under another name."""
    assert check_upload(upload_file("anything.bin", PDF_BYTES)) == (PDF, ".pdf")
    assert check_upload(upload_file("report.pdf", docx_bytes())) == (DOCX, ".docx")
    assert check_upload(PDF_BYTES) == (PDF, ".pdf")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "is a program, not a document"),
        ("x.docx", "Chỉ là văn bản thuần.\n".encode(), "is not a PDF or Word (.docx) document"),
        ("x.docx", docx_bytes(macros=True), "with macros (.docm)"),
        ("x.pdf", b"", "is empty"),
        ("x.docx", b"PK\x03\x04 not really a zip", "is not a PDF or Word (.docx) document"),
    ],
    ids=["renamed-executable", "text-named-docx", "docm", "empty", "broken-zip"],
)
def test_check_upload_refuses_other_content_with_a_clear_message(name, content, expected):
    """Programs, text, macro documents, empty and broken files are refused, naming the file."""
    with pytest.raises(ValidationError) as exc:
        check_upload(upload_file(name, content))
    message = " ".join(exc.value.messages)
    assert expected in message and name in message


def test_check_upload_refuses_a_file_over_the_limit(settings):
    """HOPTAC_UPLOAD_MAX_BYTES bounds one file; the message gives the limit."""
    settings.HOPTAC_UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as exc:
        check_upload(upload_file("big.pdf", PDF_BYTES))
    assert "larger than 0.1 KB" in exc.value.messages[0]


def test_check_upload_refuses_a_zip_bomb_before_unpacking_it(settings):
    """A .docx that unpacks to more than a hundred times the size limit is refused."""
    settings.HOPTAC_UPLOAD_MAX_BYTES = 20_000
    bomb = docx_bytes(padding=3_000_000)
    assert len(bomb) < 20_000
    with pytest.raises(ValidationError) as exc:
        check_upload(upload_file("bomb.docx", bomb))
    assert "unpacks to far more than its size" in exc.value.messages[0]
    assert check_upload(upload_file("ok.docx", docx_bytes(padding=100_000))) == (DOCX, ".docx")


def test_the_stored_name_is_random_and_the_extension_follows_the_content(record):
    """The user's name stays in the database; the stored name is random with the detected extension."""
    first = attach(record, name="../../Biên bản ghi nhớ")
    second = attach(record, name="scan.docx", content=docx_bytes())
    third = attach(record, name="thư mời.doc", content=docx_bytes())
    assert first.file_name == "Biên bản ghi nhớ.pdf"
    assert second.file_name == "scan.docx" and third.file_name == "thư mời.docx"
    for attachment, extension in ((first, "pdf"), (second, "docx"), (third, "docx")):
        assert re.fullmatch(r"attachments/\d{4}/\d{2}/[0-9a-f]{32}\." + extension, attachment.file.name)
    assert first.file.name != attach(record).file.name


# Adding through the page


@pytest.mark.parametrize(
    ("name", "content", "mime_type"),
    [("Biên bản.pdf", PDF_BYTES, PDF), ("Thư mời.docx", docx_bytes(), DOCX)],
    ids=["pdf", "docx"],
)
def test_an_officer_adds_a_file_stored_with_its_checksum_and_history(record, users, name, content, mime_type):
    """The file is stored with its size and SHA-256; the parent's history records it."""
    officer = users["qninh"]
    before = stored_files()
    response = client_for(officer).post(
        add_url(record), {"file": upload_file(name, content, "text/plain"), "title": " Bản gốc "}
    )
    assert response.status_code == 302
    assert response["Location"] == record.get_absolute_url()
    assert messages_of(response) == [f"File added: {name}"]
    attachment = Attachment.objects.get()
    assert attachment.parent == record
    assert (attachment.file_name, attachment.mime_type, attachment.title) == (name, mime_type, "Bản gốc")
    assert attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.uploaded_by == officer and attachment.uploaded_by_name == "qninh"
    assert stored_files() - before == {attachment.file.name}
    with attachment.file.open("rb") as handle:
        assert handle.read() == content
    change = parent_changes(record).get()
    assert change.action == "update" and change.user == officer
    assert change.message == f"File added: {name}"
    record.refresh_from_db()
    assert record.version == 1  # a file is not an edit of the record's fields


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("x.pdf", b"MZ\x90\x00" + b"\x00" * 100, "is a program, not a document"),
        ("x.docx", b"Meeting notes, plain text.\n", "is not a PDF or Word (.docx) document"),
        ("x.docx", docx_bytes(macros=True), "with macros (.docm)"),
        ("x.pdf", PDF_BYTES * 10, "larger than"),
    ],
    ids=["renamed-executable", "text-named-docx", "docm", "oversized"],
)
def test_a_refused_file_stores_nothing_and_says_why(record, users, settings, name, content, expected):
    """Each refused upload redirects back with the reason; no row, no file, no history."""
    settings.HOPTAC_UPLOAD_MAX_BYTES = len(PDF_BYTES) * 5
    before = stored_files()
    response = client_for(users["qninh"]).post(
        add_url(record), {"file": upload_file(name, content, "application/pdf")}
    )
    assert response.status_code == 302
    assert response["Location"] == record.get_absolute_url()
    [message] = messages_of(response)
    assert expected in message and name in message
    assert not Attachment.objects.exists()
    assert stored_files() == before
    assert not parent_changes(record).exists()
    page = client_for(users["qninh"]).get(record.get_absolute_url())
    assert page.status_code == 200


def test_a_post_without_a_file_is_refused_with_a_message(record, users):
    """Submitting the form empty stores nothing."""
    response = client_for(users["qninh"]).post(add_url(record), {"title": "x"})
    assert response.status_code == 302
    assert messages_of(response) == ["Choose a PDF or Word (.docx) file to upload."]
    assert not Attachment.objects.exists()


# Access


def test_the_allowed_user_downloads_the_same_bytes_under_the_original_name(record, users):
    """The download streams the stored bytes as an attachment named as uploaded, never sniffed."""
    attachment = attach(record, name="Biên bản 2024.pdf")
    response = client_for(users["qninh"]).get(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''Bi%C3%AAn%20b%E1%BA%A3n%202024.pdf" in disposition
    assert "no-store" in response["Cache-Control"]


def test_another_units_officer_gets_404_for_download_add_and_remove(record, units, users):
    """A record the user cannot see hides its files: 404, audited as a refused access."""
    attachment = attach(record)
    stranger = make_user(units["CA-HA-NOI"], "officer", "mat")
    c = client_for(stranger)
    refused_before = AuditEntry.objects.filter(event=AuditEvent.ACCESS_REFUSED).count()
    assert c.get(reverse("attachments:download", args=[attachment.pk])).status_code == 404
    assert c.post(add_url(record), {"file": upload_file("a.pdf", PDF_BYTES)}).status_code == 404
    assert c.post(reverse("attachments:remove", args=[attachment.pk])).status_code == 404
    assert Attachment.objects.count() == 1
    refused = AuditEntry.objects.filter(event=AuditEvent.ACCESS_REFUSED).order_by("pk")
    assert refused.count() == refused_before + 3
    assert {(e.target_id, e.extra["reason"]) for e in refused[refused_before:]} == {
        (str(record.pk), "hidden")
    }


def test_a_missing_file_record_or_type_is_404(record, users, units):
    """Unknown attachments, records and types that hold no files answer 404."""
    c = client_for(users["qninh"])
    assert c.get(reverse("attachments:download", args=[999999])).status_code == 404
    assert c.post(add_url(record).replace(f"/{record.pk}/", "/999999/"), {}).status_code == 404
    assert c.post(add_url(record).replace(f"/{record.pk}/", "/abc/"), {}).status_code == 404
    unit_type = ContentType.objects.get(app_label="org", model="unit")
    url = reverse("attachments:add", args=[unit_type.pk, units[QN].pk])
    assert c.post(url, {"file": upload_file("a.pdf", PDF_BYTES)}).status_code == 404
    assert c.post(reverse("attachments:add", args=[999999, 1]), {}).status_code == 404


def test_a_viewer_downloads_but_may_not_add_or_remove(record, users):
    """A viewer sees the record, so downloads its files; adding and removing are 403."""
    attachment = attach(record)
    c = client_for(users["khach"])
    response = c.get(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert c.post(add_url(record), {"file": upload_file("a.pdf", PDF_BYTES)}).status_code == 403
    assert c.post(reverse("attachments:remove", args=[attachment.pk])).status_code == 403
    assert Attachment.objects.count() == 1
    assert parent_changes(record).count() == 1  # the addition only


def test_anonymous_users_go_to_login(record):
    """Every attachment page needs a signed-in user."""
    attachment = attach(record)
    c = Client()
    for response in (
        c.get(reverse("attachments:download", args=[attachment.pk])),
        c.post(reverse("attachments:remove", args=[attachment.pk])),
        c.post(add_url(record), {"file": upload_file("a.pdf", PDF_BYTES)}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_downloading_a_file_of_a_classified_record_is_audited(record, secret_record, users):
    """A Mật record's file writes a CLASSIFIED_VIEW entry with the channel "download"; Thường none."""
    plain = attach(record)
    secret = attach(secret_record, name="Mật.pdf")
    c = client_for(users["qninh"])
    before = AuditEntry.objects.filter(event=AuditEvent.CLASSIFIED_VIEW).count()
    assert c.get(reverse("attachments:download", args=[plain.pk])).status_code == 200
    assert AuditEntry.objects.filter(event=AuditEvent.CLASSIFIED_VIEW).count() == before
    assert c.get(reverse("attachments:download", args=[secret.pk])).status_code == 200
    entry = AuditEntry.objects.filter(event=AuditEvent.CLASSIFIED_VIEW).latest("pk")
    assert entry.actor == users["qninh"]
    assert entry.target_type == ContentType.objects.get_for_model(SampleRecord)
    assert entry.target_id == str(secret_record.pk)
    assert entry.extra == {"channel": "download", "classification": "mat"}
    assert AuditEntry.objects.filter(event=AuditEvent.CLASSIFIED_VIEW).count() == before + 1


def test_a_lower_clearance_user_of_the_unit_gets_404(secret_record, users):
    """The viewer (Thường) cannot see a Mật record, nor its files."""
    attachment = attach(secret_record)
    response = client_for(users["khach"]).get(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 404


# Removing


def test_removing_deletes_the_row_then_the_stored_file_and_records_history(
    record, users, django_capture_on_commit_callbacks
):
    """The unit head removes a file: the row goes, the stored file after commit, history notes it."""
    attachment = attach(record, name="Cũ.pdf")
    name = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(users["qninh_truong"]).post(reverse("attachments:remove", args=[attachment.pk]))
    assert response.status_code == 302
    assert response["Location"] == record.get_absolute_url()
    assert messages_of(response) == ["File removed: Cũ.pdf"]
    assert not Attachment.objects.exists()
    assert not default_storage.exists(name)
    assert list(parent_changes(record).order_by("pk").values_list("message", flat=True)) == [
        "File added: Cũ.pdf",
        "File removed: Cũ.pdf",
    ]


def test_the_stored_file_stays_until_the_removal_commits(record, django_capture_on_commit_callbacks):
    """The file is deleted by an on_commit callback, not inside the transaction."""
    attachment = attach(record)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        attachment_remove(actor=SYSTEM, attachment=attachment)
    assert default_storage.exists(attachment.file.name)
    assert len(callbacks) == 1
    callbacks[0]()
    assert not default_storage.exists(attachment.file.name)


# Services and the model


def test_services_check_visibility_and_the_change_right(record, units, users):
    """Hidden parent: DoesNotExist; visible without the right: PermissionDenied; nothing stored."""
    stranger = make_user(units["CA-HA-NOI"], "officer", "mat")
    with pytest.raises(SampleRecord.DoesNotExist):
        attach(record, actor=stranger)
    with pytest.raises(PermissionDenied):
        attach(record, actor=users["khach"])
    attachment = attach(record)
    with pytest.raises(SampleRecord.DoesNotExist):
        attachment_remove(actor=stranger, attachment=attachment)
    with pytest.raises(PermissionDenied):
        attachment_remove(actor=users["khach"], attachment=attachment)
    assert Attachment.objects.count() == 1


def test_writes_outside_the_services_are_refused(record):
    """Attachments are written only by core.attachments: save, delete and bulk writes raise."""
    attachment = attach(record)
    attachment.title = "changed"
    with pytest.raises(WriteOutsideService):
        attachment.save()
    with pytest.raises(WriteOutsideService):
        attachment.delete()
    with pytest.raises(WriteOutsideService):
        Attachment.objects.filter(pk=attachment.pk).update(title="x")
    with pytest.raises(WriteOutsideService):
        Attachment.objects.filter(pk=attachment.pk).delete()
    with pytest.raises(WriteOutsideService):
        Attachment.objects.bulk_create([Attachment(file_name="x")])


def test_visible_to_returns_only_attachments_of_visible_parents(record, secret_record, units, users):
    """Each user gets the files of the records they see, in one query per parent type and one more."""
    from core.services import record_create
    from core.tests.sampleapp.models import SampleChild

    hanoi_record = make(SYSTEM, units["CA-HA-NOI"], "thuong")
    mine, secret, hanoi = attach(record), attach(secret_record), attach(hanoi_record)
    # A second parent type: child records follow their own parent.
    qn_child, hn_child = (
        record_create(
            actor=SYSTEM,
            model=SampleChild,
            data={"record": parent, "owner_unit": parent.owner_unit, "note": "Phụ lục"},
        )
        for parent in (record, hanoi_record)
    )
    mine_child, hanoi_child = attach(qn_child), attach(hn_child)

    def visible(user):
        return set(Attachment.objects.visible_to(user))

    assert visible(users["qninh"]) == {mine, secret, mine_child}
    assert visible(users["khach"]) == {mine, mine_child}
    assert visible(make_user(units["CA-HA-NOI"], "officer", "mat")) == {hanoi, hanoi_child}
    assert visible(users["doingoai"]) == {mine, secret, hanoi, mine_child, hanoi_child}  # ministry-wide
    from django.contrib.auth.models import AnonymousUser

    assert visible(AnonymousUser()) == set()
    ContentType.objects.get_for_model(SampleRecord)  # warm the cache
    users["qninh"].role_codes  # noqa: B018  (the user's roles are read once and kept)
    ContentType.objects.get_for_model(SampleChild)
    assert count_queries(lambda: list(Attachment.objects.visible_to(users["qninh"]))) == 2
    # Filters before visible_to narrow the parent types looked at.
    assert set(Attachment.objects.filter(pk=hanoi.pk).visible_to(users["qninh"])) == set()


def test_a_deleted_parent_hides_its_files(record, users, units):
    """Files of a record that no longer exists are visible to nobody."""
    from core.tests.sampleapp.services import sample_delete

    attachment = attach(record)
    sample_delete(actor=users["qninh_truong"], obj=record, version=record.version)
    assert set(Attachment.objects.visible_to(users["doingoai"])) == set()
    response = client_for(users["doingoai"]).get(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 404


def test_no_url_serves_stored_files_directly(record):
    """There is no media route: only the download view serves a file."""
    attachment = attach(record)
    with pytest.raises(Resolver404):
        resolve("/media/" + attachment.file.name)
    with pytest.raises(Resolver404):
        resolve("/" + attachment.file.name)


# The detail page partial


def test_the_detail_page_lists_files_and_offers_the_upload_form_to_editors(record, users):
    """An officer sees the files, links and the form; a viewer sees the files only."""
    attachment = attach(record, name="Kế hoạch.pdf", title="Bản ký")
    body = client_for(users["qninh"]).get(record.get_absolute_url()).content.decode()
    assert 'data-testid="attachments"' in body
    assert "Kế hoạch.pdf" in body and "Bản ký" in body
    assert reverse("attachments:download", args=[attachment.pk]) in body
    assert reverse("attachments:remove", args=[attachment.pk]) in body
    assert 'enctype="multipart/form-data"' in body and 'accept=".pdf,.docx"' in body
    assert add_url(record) in body
    assert "<script" not in body.split('data-testid="attachments"')[1].split("</section>")[0]
    assert " style=" not in body.split('data-testid="attachments"')[1].split("</section>")[0]
    viewer = client_for(users["khach"]).get(record.get_absolute_url()).content.decode()
    assert "Kế hoạch.pdf" in viewer
    assert reverse("attachments:download", args=[attachment.pk]) in viewer
    assert add_url(record) not in viewer and "multipart/form-data" not in viewer
    assert reverse("attachments:remove", args=[attachment.pk]) not in viewer


def test_the_partial_renders_with_a_constant_query_count(record, users, rf):
    """The page's queries do not grow with the files; the helper itself needs one."""
    officer = users["qninh"]
    c = client_for(officer)
    attach(record)

    def page():
        assert c.get(record.get_absolute_url()).status_code == 200

    count_queries(page)  # warm the content-type cache
    one = count_queries(page)
    for i in range(5):
        attach(record, name=f"Phụ lục {i}.docx", content=docx_bytes(), actor=officer)
    assert count_queries(page) == one
    request = rf.get("/")
    request.user = officer
    officer.role_codes  # noqa: B018  (read once per request in practice)
    context = {}
    assert count_queries(lambda: context.update(attachments_context(request, record))) == 1
    assert len(context["attachments"]["items"]) == 6
    assert context["attachments"]["items"][-1].uploaded_by_display == str(officer)
