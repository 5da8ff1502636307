"""PDFs with active content are refused; the check parses the file (pypdf), not its bytes."""

from __future__ import annotations

import io
import struct

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from core.attachments import PDF, check_upload
from core.context import SYSTEM
from core.exceptions import ValidationError
from core.models import Attachment
from core.tests.sampleapp.models import SampleRecord
from core.tests.specs import make


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def plain_pdf(*, link: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if link:
        from pypdf.annotations import Link

        writer.add_annotation(0, Link(rect=(50, 50, 200, 80), url="https://bocongan.gov.vn"))
        writer.add_outline_item("Trang 1", 0)
    return written(writer)


def with_javascript() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    from pypdf.actions import JavaScript

    writer.add_open_action(JavaScript("app.alert('x');"))
    return written(writer)


def with_embedded_file() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("payload.exe", b"MZ\x90\x00")
    return written(writer)


def with_launch_on_open() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return written(writer)


def hidden_in_an_object_stream() -> bytes:
    """The script action sits in a compressed object stream, under escaped names
    (/J#61vaScript, /J#53): a byte search for "/JavaScript" finds nothing."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}

    def obj(number: int, body: bytes) -> None:
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    obj(1, b"<< /Type /Catalog /Pages 2 0 R /Op#65nAction 4 0 R >>")
    obj(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    obj(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
    import zlib

    inner = b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"
    header = b"4 0 "
    data = zlib.compress(header + inner)
    obj(
        5,
        b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (len(header), len(data))
        + data
        + b"\nendstream",
    )
    xref_at = out.tell()
    rows = [struct.pack(">BIH", 0, 0, 0xFFFF)]
    rows += [struct.pack(">BIH", 1, offsets[n], 0) for n in (1, 2, 3)]
    rows.append(struct.pack(">BIH", 2, 5, 0))  # object 4: in object stream 5, index 0
    rows.append(struct.pack(">BIH", 1, offsets[5], 0))
    rows.append(struct.pack(">BIH", 1, xref_at, 0))
    table = b"".join(rows)
    out.write(
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(table)
        + table
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    )
    return out.getvalue()


def encrypted() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    return written(writer)


def test_a_plain_pdf_with_links_and_an_outline_is_accepted():
    assert check_upload(plain_pdf()) == (PDF, ".pdf")
    assert check_upload(plain_pdf(link=True)) == (PDF, ".pdf")


def test_the_hidden_script_is_really_hidden_from_a_byte_search():
    content = hidden_in_an_object_stream()
    assert b"JavaScript" not in content and b"/JS" not in content and b"OpenAction" not in content


@pytest.mark.parametrize(
    "content",
    [with_javascript(), with_embedded_file(), with_launch_on_open(), hidden_in_an_object_stream()],
    ids=["javascript", "embedded-file", "launch-on-open", "object-stream-escaped-names"],
)
def test_active_content_is_refused_with_a_clear_message(content):
    with pytest.raises(ValidationError) as exc:
        check_upload(SimpleUploadedFile("Công văn.pdf", content))
    assert exc.value.code == "active_content"
    assert "“Công văn.pdf” contains active content" in exc.value.messages[0]


@pytest.mark.parametrize(
    ("content", "code"),
    [(encrypted(), "encrypted"), (b"%PDF-1.4\nnot really a pdf at all", "unreadable")],
    ids=["encrypted", "unreadable"],
)
def test_a_pdf_that_cannot_be_inspected_is_refused(content, code):
    with pytest.raises(ValidationError) as exc:
        check_upload(SimpleUploadedFile("x.pdf", content))
    assert exc.value.code == code


@pytest.mark.django_db
def test_the_upload_page_refuses_it_and_stores_nothing(units, users):
    record = make(SYSTEM, units["CA-QUANG-NINH"], "thuong")
    c = Client()
    c.force_login(users["qninh"])
    url = reverse("attachments:add", args=[ContentType.objects.get_for_model(SampleRecord).pk, record.pk])
    response = c.post(
        url, {"file": SimpleUploadedFile("Công văn.pdf", hidden_in_an_object_stream())}, follow=True
    )
    assert "nội dung chủ động" in response.content.decode()
    assert not Attachment.objects.filter(object_id=str(record.pk)).exists()
    assert c.post(url, {"file": SimpleUploadedFile("Công văn.pdf", plain_pdf())}).status_code == 302
    assert Attachment.objects.filter(object_id=str(record.pk)).count() == 1
