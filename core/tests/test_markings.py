"""Markings (issue 21, item 3): a classified PDF attachment is downloaded with its first page
stamped (level and copy number, read back with pypdf, page count unchanged); other files and
unclassified ones are served byte for byte; list exports name the highest level and the copy
number on their first line; the declassification date comes from history."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from core.attachments import attachment_add
from core.context import SYSTEM
from core.copies import unit_copy_limit_set
from core.markings import Marking, declassified_on, mark_docx, mark_pdf, stamp_font
from core.models import CopyRegisterEntry
from core.services import record_set_classification
from core.testing import client_for, pdf_bytes
from core.tests.specs import make

pytestmark = pytest.mark.django_db


def pages_pdf(count: int, rotate: int = 0) -> bytes:
    writer = PdfWriter()
    for _n in range(count):
        page = writer.add_blank_page(width=595, height=842)
        if rotate:
            page.rotate(rotate)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes() -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph("Biên bản làm việc")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_the_stamp_is_on_the_first_page_only_and_the_page_count_is_unchanged():
    stamped = mark_pdf(pages_pdf(3), Marking(level="tuyet_mat", copy_label="0012/2026", is_copy=True))
    reader = PdfReader(io.BytesIO(stamped))
    assert len(reader.pages) == 3
    first = reader.pages[0].extract_text()
    assert "TUYỆT MẬT" in first and "Bản số: 0012/2026" in first and "BẢN SAO" in first
    assert reader.pages[1].extract_text().strip() == "" and reader.pages[2].extract_text().strip() == ""
    # The stamp is page content, not an annotation a reader could delete.
    assert "/Annots" not in reader.pages[0]


def test_a_rotated_first_page_is_stamped_upright():
    stamped = mark_pdf(pages_pdf(1, rotate=90), Marking(level="mat", copy_label="0001/2026"))
    page = PdfReader(io.BytesIO(stamped)).pages[0]
    assert "MẬT" in page.extract_text() and "0001/2026" in page.extract_text()


def test_the_stamp_sits_at_the_top_left_of_a_page_whose_box_is_not_at_the_origin():
    from pypdf.generic import RectangleObject

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842).mediabox = RectangleObject((100, 200, 695, 1042))
    out = io.BytesIO()
    writer.write(out)
    page = PdfReader(
        io.BytesIO(mark_pdf(out.getvalue(), Marking(level="mat", copy_label="0001/2026")))
    ).pages[0]
    where = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            where[text.strip()] = (cm[4] + tm[4], cm[5] + tm[5])

    page.extract_text(visitor_text=visit)
    x, y = where["MẬT"]
    mm = 72 / 25.4
    # 20 mm from the left edge and 12 mm from the top, inside the box (not clipped away).
    assert 100 + 20 * mm < x < 100 + 80 * mm and 1042 - 30 * mm < y < 1042 - 12 * mm


def test_an_unreadable_pdf_is_refused_by_the_stamp():
    with pytest.raises(ValueError):
        mark_pdf(b"%PDF-1.4\nnot really a pdf", Marking(level="mat", copy_label="0001/2026"))


def test_the_stamp_embeds_only_the_glyphs_it_uses():
    # The whole font embedded made every stamped PDF ~200 KB larger; the subset is a few KB.
    original = pages_pdf(1)
    stamped = mark_pdf(original, Marking(level="toi_mat", copy_label="0012/2026", is_copy=True))
    assert len(stamped) - len(original) < 60_000
    text = PdfReader(io.BytesIO(stamped)).pages[0].extract_text()
    assert "TỐI MẬT" in text and "Bản số: 0012/2026" in text and "BẢN SAO" in text


def test_the_font_carries_every_letter_of_the_stamps(settings, tmp_path):
    from reportlab.pdfbase.pdfmetrics import getFont

    face = getFont(stamp_font()).face
    text = "MẬT TỐI TUYỆT BẢN SAO GIẢI Bản số: 0123456789/- Từ"
    assert all(ord(c) in face.charToGlyph for c in text)
    bad = tmp_path / "not-a-font.ttf"
    bad.write_bytes(b"not a font at all, just some bytes")
    settings.HOPTAC_STAMP_FONT = str(bad)
    with pytest.raises(ValueError):
        stamp_font()


def test_nothing_to_mark_leaves_a_word_file_unchanged():
    content = docx_bytes()
    assert mark_docx(content, Marking()) == content


def test_a_classified_pdf_attachment_is_downloaded_stamped(units, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    qn = units["CA-QUANG-NINH"]
    record = make(SYSTEM, qn, "mat", title="Hồ sơ mật có tệp đính kèm")
    original = pages_pdf(2)
    attachment = attachment_add(
        actor=users["qninh"],
        parent=record,
        file=SimpleUploadedFile("Biên bản.pdf", original, "application/pdf"),
    )
    unit_copy_limit_set(actor=users["qninh_truong"], unit=qn, limit=2)
    url = reverse("attachments:download", args=[attachment.pk])
    response = client_for(users["qninh"]).get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    entry = CopyRegisterEntry.objects.order_by("-pk").first()
    assert response["X-Copy-Number"] == entry.copy_label
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 2
    text = reader.pages[0].extract_text()
    assert "MẬT" in text and entry.copy_label in text and "BẢN SAO" not in text
    # The second copy of the same file is marked as a copy.
    second = client_for(users["qninh"]).get(url)
    text = PdfReader(io.BytesIO(b"".join(second.streaming_content))).pages[0].extract_text()
    assert "BẢN SAO" in text and second["X-Copy-Number"] in text


def test_other_files_and_unclassified_records_files_are_served_byte_for_byte(
    units, users, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    qn = units["CA-QUANG-NINH"]
    secret = make(SYSTEM, qn, "mat", title="Hồ sơ mật có tệp Word")
    word = docx_bytes()
    attachment = attachment_add(
        actor=users["qninh"],
        parent=secret,
        file=SimpleUploadedFile(
            "Công văn.docx", word, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        ),
    )
    response = client_for(users["qninh"]).get(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 200 and response["X-Copy-Number"]
    assert b"".join(response.streaming_content) == word

    plain = make(SYSTEM, qn, "thuong", title="Hồ sơ thường có tệp PDF")
    original = pdf_bytes()
    attachment = attachment_add(
        actor=users["qninh"],
        parent=plain,
        file=SimpleUploadedFile("Thư.pdf", original, "application/pdf"),
    )
    response = client_for(users["qninh"]).get(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 200 and not response.has_header("X-Copy-Number")
    assert b"".join(response.streaming_content) == original


def test_an_export_names_the_highest_level_and_the_copy_number_first(units, users):
    qn = units["CA-QUANG-NINH"]
    make(SYSTEM, qn, "mat", title="Hồ sơ xuất mức cao nhất một")
    make(SYSTEM, qn, "toi_mat", title="Hồ sơ xuất mức cao nhất hai")
    make(SYSTEM, qn, "thuong", title="Hồ sơ xuất mức cao nhất ba")
    response = client_for(users["doingoai"]).get(
        "/sample/records/", {"export": "csv", "q": "xuat muc cao nhat"}
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    entry = CopyRegisterEntry.objects.order_by("-pk").first()
    assert entry.classification == "toi_mat"
    assert rows[0][0].startswith("TỐI MẬT") and entry.copy_label in rows[0][0]
    assert len(rows) == 2 + 3  # the marking line, the column headers, the three records


def test_the_declassification_date_comes_from_history(units, users):
    qn = units["CA-QUANG-NINH"]
    never = make(SYSTEM, qn, "thuong", title="Hồ sơ chưa từng mật")
    assert declassified_on(never) is None
    record = make(SYSTEM, qn, "mat", title="Hồ sơ được giải mật")
    assert declassified_on(record) is None
    lanhdao = users["lanhdao"]
    record = record_set_classification(
        actor=lanhdao,
        obj=record,
        level="thuong",
        protection_years=None,
        version=record.version,
        reason="Hết hạn",
    )
    assert declassified_on(record) == timezone.localdate()
    # Classified again: no longer declassified.
    record = record_set_classification(
        actor=lanhdao,
        obj=record,
        level="mat",
        protection_years=None,
        version=record.version,
        reason="Mật lại",
    )
    assert declassified_on(record) is None
