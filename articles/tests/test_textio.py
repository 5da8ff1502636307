"""Reading article files: size first, the four formats, clear errors for bad input."""

from __future__ import annotations

import io

import pytest
from django.test import override_settings
from django.utils import translation

from articles.textio import ArticleTextError, read_text


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English; the Vietnamese ones are checked on their own."""
    with translation.override("en"):
        yield


VI = "Ngày 11/11, tại Hà Nội, Bộ Công an tổ chức Hội nghị triển khai Nghị quyết số 59-NQ/TW."


def _pdf(text: str) -> bytes:
    """A one-page text PDF written by hand (pypdf writes no text), Helvetica, ASCII."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_plain_text_is_returned_nfc_with_unix_line_ends():
    """UTF-8 text comes back NFC with \\n line ends, a BOM dropped."""
    decomposed = "Vie\u0302\u0323t Nam\r\nHo\u0300a Ky\u0300"
    text = read_text(b"\xef\xbb\xbf" + decomposed.encode(), "a.txt")
    assert text == "Việt Nam\nHòa Kỳ"


def test_utf16_with_bom_is_read():
    """A UTF-16 file with its byte-order mark is text too."""
    assert read_text(VI.encode("utf-16"), "a.TXT") == VI


def test_html_drops_scripts_and_puts_blocks_on_lines():
    """Scripts and styles are dropped, paragraphs and headings become lines, entities decoded."""
    html = (
        "<html><head><title>Tin</title><style>p{}</style><script>var x = 'Trung Quốc';</script></head>"
        "<body><h1>Hội nghị</h1><p>Đại tá Nguyễn Văn A&nbsp;phát biểu &amp; chủ trì.</p><p>Dòng 2</p></body></html>"
    )
    text = read_text(html.encode(), "page.html")
    assert "var x" not in text and "p{}" not in text
    assert text.splitlines() == [
        "Tin",
        "",
        "Hội nghị",
        "",
        "Đại tá Nguyễn Văn A phát biểu & chủ trì.",
        "",
        "Dòng 2",
    ]


def test_docx_paragraphs_are_read():
    """A Word document gives its paragraphs."""
    import docx

    document = docx.Document()
    document.add_paragraph("Hội nghị đối ngoại")
    document.add_paragraph(VI)
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_text(buffer.getvalue(), "bai.docx") == "Hội nghị đối ngoại\n\n" + VI


def test_text_pdf_is_read():
    """A text PDF gives its text."""
    assert "International conference in Hanoi" in read_text(
        _pdf("International conference in Hanoi"), "a.pdf"
    )


@override_settings(HOPTAC_ARTICLE_MAX_BYTES=100)
def test_a_pdf_over_the_size_limit_is_refused_before_parsing(monkeypatch):
    """Size is checked first: the PDF parser is never called for a file over the limit."""
    import pypdf

    def boom(*args, **kwargs):
        raise AssertionError("parsed a file over the limit")

    monkeypatch.setattr(pypdf, "PdfReader", boom)
    with pytest.raises(ArticleTextError, match="too large"):
        read_text(_pdf("x" * 200), "big.pdf")
    with pytest.raises(ArticleTextError, match="too large"):
        read_text(b"a" * 50, "small.txt", max_bytes=10)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.txt", "empty"),
        (b"   \n\n  ", "blank.txt", "no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "photo.txt", "binary"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "renamed.txt", "binary"),
        (b"caf\xe9 \xff\xfe latin-1", "latin1.txt", "UTF-8"),
        (VI.encode(), "article.rtf", "Unsupported"),
        (b"not a zip", "fake.docx", "Word"),
        (b"not a pdf", "fake.pdf", "PDF"),
        (
            "公安部与柬埔寨国家警察总署举行会谈，双方就打击跨国犯罪合作交换意见。".encode(),
            "zh.txt",
            "not Vietnamese or English",
        ),
        (
            "Министерство общественной безопасности Вьетнама провело конференцию.".encode(),
            "ru.txt",
            "not Vietnamese or English",
        ),
        (
            "<p>وزارة الأمن العام الفيتنامية تعقد مؤتمرا دوليا</p>".encode(),
            "ar.html",
            "not Vietnamese or English",
        ),
    ],
)
def test_bad_input_gets_a_clear_error(data, name, message):
    """Empty, binary, undecodable, unsupported, damaged or non-Latin files: a clear error."""
    with pytest.raises(ArticleTextError, match=message):
        read_text(data, name)


def test_a_few_foreign_letters_in_a_vietnamese_page_pass():
    """A footer "English | 中文" does not make a Vietnamese article foreign."""
    assert read_text((VI + "\nEnglish | 中文").encode(), "a.txt").endswith("中文")


def test_errors_are_translated():
    """The messages are in Vietnamese for Vietnamese users."""
    with (
        translation.override("vi"),
        pytest.raises(ArticleTextError, match="không phải tiếng Việt hoặc tiếng Anh"),
    ):
        read_text("Министерство общественной безопасности".encode(), "ru.txt")
