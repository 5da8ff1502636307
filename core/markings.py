"""The state-secret markings printed on generated documents and downloaded files (#21 item 3).

What a copy of classified content carries (Circular 24/2020/TT-BCA, forms 02, 05, 08 and 11;
Decree 30/2020/NĐ-CP, Appendix I; ``docs/security.md`` says which positions are confirmed):

- the level stamp (MẬT, TỐI MẬT, TUYỆT MẬT) under the number and symbol, at the top left of
  the first page, and the copy number ("Bản số: 0007/2026", the copy register's number) next
  to it, under the stamp;
- "BẢN SAO" on a copy: any numbered copy of a document or record after its first, or one
  made under a copy decision (``core.copies``: the first numbered copy is the document
  itself, every later one reproduces it);
- "GIẢI MẬT" with "Từ: dd/mm/yyyy" on a record that was declassified (the date of the
  change that lifted it, from its history), beside the level it was printed with.

Word files are marked with python-docx (``mark_docx``); a PDF attachment gets its first page
stamped by merging an overlay page drawn with reportlab into it with pypdf (``mark_pdf``),
with the glyphs it uses of a TrueType font embedded so the Vietnamese letters show and the
text can be read back.
"""

from __future__ import annotations

import datetime
import io
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from access.choices import Classification

logger = logging.getLogger(__name__)

LEVEL_STAMP = {"mat": "MẬT", "toi_mat": "TỐI MẬT", "tuyet_mat": "TUYỆT MẬT"}
# English letters print the level in English (the letter's language); both are recognised.
LEVEL_STAMP_EN = {"mat": "CONFIDENTIAL", "toi_mat": "SECRET", "tuyet_mat": "TOP SECRET"}
COPY_MARK = "BẢN SAO"
DECLASSIFIED_MARK = "GIẢI MẬT"
FONT = "Times New Roman"
RED = (0xC0, 0x00, 0x00)
# Liberation Serif Bold (SIL OFL 1.1): metric-compatible with Times New Roman, which the
# stamps of Circular 24/2020 use; vendored so the stamp needs no font on the server.
DEFAULT_STAMP_FONT = Path(__file__).resolve().parent / "fonts" / "LiberationSerif-Bold.ttf"


@dataclass(frozen=True)
class Marking:
    """What to print on one file: its level now, its copy number, whether it is a copy, and
    the date it was declassified (a record lifted to Thường after being classified)."""

    level: str = Classification.THUONG
    copy_label: str = ""
    register_text: str = ""
    is_copy: bool = False
    declassified_on: datetime.date | None = None

    @property
    def classified(self) -> bool:
        return self.level in LEVEL_STAMP

    @property
    def empty(self) -> bool:
        return not (self.classified or self.copy_label or self.declassified_on)

    def lines(self) -> list[str]:
        """The stamp's lines, top to bottom, as printed at the top left."""
        out = []
        if self.classified:
            out.append(LEVEL_STAMP[self.level])
        if self.copy_label:
            out.append(f"Bản số: {self.copy_label}")
        if self.is_copy:
            out.append(COPY_MARK)
        if self.declassified_on:
            out += [DECLASSIFIED_MARK, "Từ: {}".format(self.declassified_on.strftime("%d/%m/%Y"))]
        return out


def declassified_on(obj: Any) -> datetime.date | None:
    """The day a record now Thường was lifted from a classified level (its latest such change
    in history), or None: never classified, or classified again since."""
    from django.contrib.contenttypes.models import ContentType

    from .models import ChangeAction, ObjectChange

    if getattr(obj, "classification", None) != Classification.THUONG or obj.pk is None:
        return None
    changes = (
        ObjectChange.objects.filter(
            content_type=ContentType.objects.get_for_model(obj._meta.model),
            object_id=str(obj.pk),
            action=ChangeAction.UPDATE,
            postchange_data__classification=Classification.THUONG,
        )
        .order_by("-time", "-pk")
        .only("time", "prechange_data")
    )
    for change in changes:
        before = (change.prechange_data or {}).get("classification")
        if before in LEVEL_STAMP:
            return timezone.localtime(change.time).date()
    return None


def marking_for(obj: Any, entry: Any = None) -> Marking:
    """The marking of a copy of ``obj``: ``entry`` is its copy-register line (a classified
    copy), None for an unclassified one (then only a declassification is marked)."""
    from django.utils.translation import override

    from .copies import copy_line

    level = getattr(obj, "classification", None) or Classification.THUONG
    if entry is None:
        return Marking(level=level, declassified_on=declassified_on(obj))
    with override("vi"):
        text = copy_line(entry)
    return Marking(
        level=entry.classification,
        copy_label=entry.copy_label,
        register_text=text,
        is_copy=bool(entry.decision_id) or getattr(entry, "prior_copies", 0) > 0,
    )


# --- Word ---------------------------------------------------------------------------------


def _run(paragraph: Any, text: str, size: float, bold: bool = False, red: bool = True) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    if red:
        run.font.color.rgb = RGBColor(*RED)
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    return run


def _after(anchor: Any) -> Any:
    """A new centred paragraph right after ``anchor`` (in the same cell)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Pt
    from docx.text.paragraph import Paragraph

    element = OxmlElement("w:p")
    anchor._p.addnext(element)
    paragraph = Paragraph(element, anchor._parent)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    return paragraph


def _stamp_cell(doc: Any) -> Any:
    """The left cell of the header table (issuing body, number and symbol), when the document
    opens with one, as every document hoptac generates does."""
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            from docx.table import Table

            table = Table(child, doc)
            return table.rows[0].cells[0]
        # A letter frozen before the stamp moved into the header table opens with its level.
        skip = {*LEVEL_STAMP.values(), *LEVEL_STAMP_EN.values(), ""}
        if tag == "p" and "".join(child.itertext()).strip() not in skip:
            return None  # a document that does not open with the header blocks
    return None


def mark_docx(content: bytes, marking: Marking) -> bytes:
    """The Word file with its markings: the level stamp under the number and symbol (replaced
    by the present level when it changed since), the copy number under it, "GIẢI MẬT" and
    its date on a declassified record; "BẢN SAO" and the copy register's line at the top
    right of the first page. An unclassified record never classified is returned unchanged."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if marking.empty:
        return content
    doc = Document(io.BytesIO(content))
    stamps = {*LEVEL_STAMP.values(), *LEVEL_STAMP_EN.values()}
    cell = _stamp_cell(doc)
    level_para = None
    if cell is not None:
        anchor = cell.paragraphs[-1]
        for paragraph in cell.paragraphs:
            text = paragraph.text.strip()
            if text in stamps:
                level_para = paragraph
            elif text.startswith(("Số:", "No.")) and level_para is None:
                anchor = paragraph
        if level_para is not None:
            anchor = level_para
    else:
        # No header table: the stamps go in a block at the top of the body.
        first = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
        anchor = first.insert_paragraph_before("")
        anchor.alignment = WD_ALIGN_PARAGRAPH.LEFT
    if marking.classified:
        text = LEVEL_STAMP[marking.level]
        if level_para is not None and level_para.text.strip() in LEVEL_STAMP_EN.values():
            text = LEVEL_STAMP_EN[marking.level]
        if level_para is None:
            level_para = anchor = _after(anchor)
        elif level_para.text.strip() != text:
            # Re-marked at the present level (Circular 24/2020, form 06: the level adjusted).
            for run in list(level_para.runs):
                run._element.getparent().remove(run._element)
        if not level_para.text.strip():
            _run(level_para, text, 14, bold=True)
    if marking.copy_label:
        anchor = _after(anchor)
        _run(anchor, f"Bản số: {marking.copy_label}", 13, bold=True)
    if marking.declassified_on:
        anchor = _after(anchor)
        _run(anchor, DECLASSIFIED_MARK, 14, bold=True)
        anchor = _after(anchor)
        _run(anchor, "Từ: {}".format(marking.declassified_on.strftime("%d/%m/%Y")), 13)
    if marking.is_copy or marking.register_text:
        section = doc.sections[0]
        section.different_first_page_header_footer = True
        header = section.first_page_header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if marking.is_copy:
            _run(header, COPY_MARK, 14, bold=True)
            if marking.register_text:
                header.add_run().add_break()
        if marking.register_text:
            _run(header, marking.register_text, 12, bold=True, red=False)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def docx_marking_text(content: bytes) -> str:
    """Every text of a Word file where a marking may stand: the body, its tables and the
    first page's header (for tests and checks)."""
    from docx import Document

    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.sections[0].first_page_header.paragraphs]
    parts += [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


# --- PDF ----------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _register_font(path: str) -> str:
    """Register the TrueType file with reportlab once per path and return its name there.
    reportlab embeds only the glyphs a stamp uses (a subset: a few KB where the whole font
    was ~200 KB; ``asciiReadable`` off, or all of ASCII would be embedded too), with a
    ToUnicode map so the text shows its Vietnamese letters and can be searched and
    extracted. A file that is not a usable TrueType font raises ValueError."""
    import hashlib

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    name = "HoptacStamp-" + hashlib.sha256(path.encode()).hexdigest()[:8]
    try:
        font = TTFont(name, path, asciiReadable=False)
    except (TTFError, OSError) as exc:
        raise ValueError(f"not a TrueType font: {exc}") from exc
    pdfmetrics.registerFont(font)
    return name


def stamp_font() -> str:
    """The reportlab name of the font of PDF stamps: ``HOPTAC_STAMP_FONT`` (a .ttf path) or
    the vendored one."""
    return _register_font(str(getattr(settings, "HOPTAC_STAMP_FONT", "") or DEFAULT_STAMP_FONT))


MM = 72 / 25.4


def _overlay(lines: list[str], classified: bool, font: str, page: Any) -> Any:
    """A one-page PDF (reportlab) the size of ``page``'s media box with the stamp drawn where
    it goes on ``page``: a red double-bordered box at the top left of its crop box."""
    from pypdf import PdfReader
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    media, crop = page.mediabox, page.cropbox
    left, top, width = float(crop.left), float(crop.top), float(crop.width)
    sizes = [14 if i == 0 and classified else 12 for i in range(len(lines))]
    leading = [s * 1.25 for s in sizes]
    pad = 2.5 * MM
    box_w = max(stringWidth(line, font, size) for line, size in zip(lines, sizes, strict=True)) + 2 * pad
    box_h = sum(leading) + 2 * pad - 0.25 * sizes[-1]
    x0 = left + min(20 * MM, max(width - box_w, 0) / 2)
    y1 = top - 12 * MM
    y0 = y1 - box_h
    gap = 1 * MM

    out = io.BytesIO()
    canvas = Canvas(
        out,
        pagesize=(float(media.width), float(media.height)),
        initialFontName=font,
        invariant=True,
        pageCompression=1,
    )
    canvas.setStrokeColorRGB(0.75, 0, 0)
    canvas.setFillColorRGB(0.75, 0, 0)
    canvas.setLineWidth(1)
    canvas.rect(x0, y0, box_w, box_h, stroke=1, fill=0)
    canvas.setLineWidth(0.5)
    canvas.rect(x0 - gap, y0 - gap, box_w + 2 * gap, box_h + 2 * gap, stroke=1, fill=0)
    y = y1 - pad
    for line, size, lead in zip(lines, sizes, leading, strict=True):
        y -= size * 0.9
        canvas.setFont(font, size)
        canvas.drawString(x0 + (box_w - stringWidth(line, font, size)) / 2, y, line)
        y -= lead - size * 0.9
    canvas.showPage()
    canvas.save()
    overlay = PdfReader(io.BytesIO(out.getvalue())).pages[0]
    # The canvas draws in the page's own coordinates; pypdf clips the merged stamp to the
    # overlay's box, so it takes the page's (whose origin may not be 0, 0).
    overlay.mediabox = media
    return overlay


def mark_pdf(content: bytes, marking: Marking) -> bytes:
    """The PDF with its first page stamped: a red double-bordered box at the top left (20 mm
    from the left edge, 12 mm from the top) holding the level, the copy number, and "BẢN SAO"
    on a copy. The stamp is an overlay page (drawn with reportlab) merged into the first
    page's content (not an annotation, which a reader could delete); the page count and the
    other pages are unchanged. Raises ValueError when the file cannot be read as a PDF."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    lines = marking.lines()
    if not lines:
        return content
    font = stamp_font()
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted or not reader.pages:
            raise ValueError("an encrypted or empty PDF cannot be stamped")
        writer = PdfWriter(clone_from=reader)
        page = writer.pages[0]
        if page.get("/Rotate"):
            page.transfer_rotation_to_content()
        page.merge_page(_overlay(lines, marking.classified, font, page))
        out = io.BytesIO()
        writer.write(out)
    except PyPdfError as exc:
        raise ValueError(str(exc)) from exc
    return out.getvalue()
