"""Plain text out of an article file (.txt, .html, .docx, .pdf), or a clear error.

The text returned is what facts point into: NFC-normalised, ``\\n`` line ends, so the
offsets of every fact's evidence are code points of this string. The size is checked first,
before any parsing (a hostile or mistaken upload costs nothing); then the format; then the
content: empty, binary, or written in a script other than Latin (Vietnamese and English are
both Latin script).
"""

from __future__ import annotations

import io
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext as _

__all__ = ["SUPPORTED_EXTENSIONS", "ArticleTextError", "check_size", "normalize_text", "read_text"]

SUPPORTED_EXTENSIONS = (".txt", ".html", ".htm", ".docx", ".pdf")

# Share of letters that must be Latin (Vietnamese is Latin script): a page with a few words of
# Chinese in its footer passes, a Chinese or Russian article does not.
MIN_LATIN_SHARE = 0.6
# Control characters (other than tab and line ends) above this share mean a binary file.
MAX_CONTROL_SHARE = 0.01


class ArticleTextError(ValueError):
    """The file cannot give an article's text; the message (translated) says why."""


def read_text(data: bytes, filename: str, max_bytes: int | None = None) -> str:
    """The article's plain text, NFC. Raises ArticleTextError: too big (checked first),
    unsupported type, unreadable or binary content, no text, or not Vietnamese or English."""
    check_size(len(data), max_bytes)
    extension = PurePath(filename or "").suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        raise ArticleTextError(
            _("Unsupported file type “{extension}”: use .txt, .html, .docx or .pdf.").format(
                extension=extension or filename
            )
        )
    if not data:
        raise ArticleTextError(_("The file is empty."))
    if extension == ".txt":
        text = _decode_text(data)
    elif extension in (".html", ".htm"):
        text = _html_text(data)
    elif extension == ".docx":
        text = _docx_text(data)
    else:
        text = _pdf_text(data)
    text = normalize_text(text)
    if not text.strip():
        raise ArticleTextError(_("The file holds no text."))
    _check_script(text)
    return text


def check_size(size: int, max_bytes: int | None = None) -> None:
    """Refuse a file above the limit (HOPTAC_ARTICLE_MAX_BYTES): callers that know the size
    before reading (an upload, a file on disk) call it first and read nothing."""
    limit = settings.HOPTAC_ARTICLE_MAX_BYTES if max_bytes is None else max_bytes
    if size > limit:
        raise ArticleTextError(
            _("The file is too large: {size} bytes, the limit is {limit} bytes.").format(
                size=size, limit=limit
            )
        )


def normalize_text(text: str) -> str:
    """NFC, ``\\n`` line ends, no byte-order mark or NUL: the form facts' offsets refer to.
    Pasted text goes through it too, so a pasted and an uploaded article read the same."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").replace("\x00", "")
    return text.strip("\n")


def _binary_error() -> ArticleTextError:
    return ArticleTextError(_("The file is not text: it looks like binary content."))


def _decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        if b"\x00" in data:
            raise _binary_error()
        encodings = ["utf-8"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _check_controls(text)
        return text
    raise ArticleTextError(
        _("The file is not readable text: save it as UTF-8 (or UTF-16 with a byte-order mark).")
    )


def _check_controls(text: str) -> None:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if "\x00" in text or (text and controls / len(text) > MAX_CONTROL_SHARE):
        raise _binary_error()


# --- HTML -------------------------------------------------------------------------------------

_SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "title", "tr", "ul",
}  # fmt: skip
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


class _TextParser(HTMLParser):
    """Visible text: scripts and styles dropped, block elements on their own lines; the
    document's <title> is kept (it is the article's title when no <h1> repeats it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _SKIPPED_TAGS:
            self.skipping += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _SKIPPED_TAGS and self.skipping:
            self.skipping -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title or not self.skipping:
            self.parts.append(data)

    def text(self) -> str:
        lines = [_SPACES.sub(" ", line).strip() for line in "".join(self.parts).split("\n")]
        return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _html_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf") or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        markup = _decode_text(data)
    else:
        if b"\x00" in data:
            raise _binary_error()
        declared = _CHARSET.search(data[:4096])
        encodings = [declared.group(1).decode("ascii")] if declared else []
        markup = None
        for encoding in [*encodings, "utf-8", "cp1258"]:
            try:
                markup = data.decode(encoding)
                break
            except (LookupError, UnicodeDecodeError):
                continue
        if markup is None:  # pragma: no cover - cp1258 decodes nearly any byte
            raise _binary_error()
        _check_controls(markup)
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return parser.text()


# --- DOCX and PDF -----------------------------------------------------------------------------


def _docx_text(data: bytes) -> str:
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zip, XML or package errors: all mean "not a Word file"
        raise ArticleTextError(_("The file cannot be read as a Word (.docx) document.")) from exc
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n\n".join(line.strip() for line in lines if line.strip())


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ArticleTextError(_("The PDF is protected by a password."))
        pages = [page.extract_text() or "" for page in reader.pages]
    except ArticleTextError:
        raise
    except Exception as exc:  # pypdf raises many kinds for damaged files
        raise ArticleTextError(_("The file cannot be read as a PDF document.")) from exc
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text.strip():
        raise ArticleTextError(_("The PDF holds no text (a scanned image?): paste the text instead."))
    return text


# --- script -----------------------------------------------------------------------------------


def _check_script(text: str) -> None:
    letters = latin = 0
    for ch in text:
        if not ch.isalpha():
            continue
        letters += 1
        if "LATIN" in unicodedata.name(ch, ""):
            latin += 1
    if letters == 0:
        raise ArticleTextError(_("The file holds no text."))
    if latin / letters < MIN_LATIN_SHARE:
        raise ArticleTextError(
            _("The text is not Vietnamese or English: it is written mostly in another script.")
        )
