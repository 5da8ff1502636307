"""The Word report in the layout of Decree 30/2020/NĐ-CP and its Excel annex.

Both are built from a run's stored figures (``ReportRun.facts``), never from the database,
so a classified report can be rebuilt on each download with that copy's number printed on
it (``core.copies``). Layout (Decree 30, Appendix I): A4; Times New Roman 13-14 pt;
margins top and bottom 20 mm, left 30 mm, right 15 mm; page numbers centred in the header
from the second page; national name and motto, issuing body, number and symbol, place and
date, title and summary, numbered sections, signature block and recipients.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from core.spreadsheets import append_row

FONT = "Times New Roman"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LEVEL_MARK = {"mat": "MẬT", "toi_mat": "TỐI MẬT", "tuyet_mat": "TUYỆT MẬT"}


def _font(run: Any, size: float = 14, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _para(
    container: Any,
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = False,
    after: float = 6,
) -> Any:
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after)
    if indent:
        fmt.first_line_indent = Cm(1)
    if text:
        _font(p.add_run(text), size, bold, italic)
    return p


def _page_field(paragraph: Any) -> None:
    """A PAGE field (the page number), as Word writes it."""
    run = paragraph.add_run()
    _font(run, 14)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._element.append(el)


def _widths(table: Any, *widths: Any) -> None:
    """Fixed column widths (the grid and every cell), so Word and LibreOffice agree."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _rule(cell: Any, indent_cm: float) -> None:
    """The short line under the issuing body and under the motto (Decree 30, Appendix I)."""
    p = cell.add_paragraph()
    fmt = p.paragraph_format
    fmt.left_indent = fmt.right_indent = Cm(indent_cm)
    fmt.space_after = Pt(6)
    fmt.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p._element.get_or_add_pPr().append(borders)


def _no_borders(table: Any) -> None:
    tbl_pr = table._element.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _cell_text(
    cell: Any,
    text: str,
    *,
    size: float = 13,
    bold: bool = False,
    italic: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
) -> None:
    p = cell.paragraphs[0] if not cell.paragraphs[0].text else cell.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    _font(p.add_run(text), size, bold, italic)


def _place(meta: dict[str, Any]) -> str:
    return meta.get("place") or "Hà Nội"


def _date_line(meta: dict[str, Any]) -> str:
    day = datetime.date.fromisoformat(meta["issued_on"])
    # Decree 30: a zero before days under 10 and before months 1 and 2.
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{_place(meta)}, ngày {day.day:02d} tháng {month} năm {day.year}"


def number_line(meta: dict[str, Any]) -> str:
    """ "Số: 01/BC-CĐN" once issued; a draft leaves the number blank for the register to fill
    (Decree 30/2020, Art. 15: a document is numbered when it is issued)."""
    if meta.get("symbol"):
        return "Số: {}".format(meta["symbol"])
    return "Số:        /BC-{}".format(meta["issuer_abbr"])


def build_docx(facts: dict[str, Any], meta: dict[str, Any]) -> bytes:
    """The report as .docx bytes. The markings of a copy (level, copy number, "BẢN SAO") are
    added afterwards by ``core.markings.mark_docx``; the first page's header stays free for them."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.get_or_add_rPr()
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        style.element.rPr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    # Page numbers from page 2: a different (empty but for the copy marking) first-page header.
    section.different_first_page_header_footer = True
    _page_field(_para(section.header, align=WD_ALIGN_PARAGRAPH.CENTER, after=0))
    first = section.first_page_header
    first.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

    level = facts.get("classification", "thuong")
    # Header blocks: issuing body on the left, national name and motto on the right.
    head = doc.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(head)
    _widths(head, Cm(6.3), Cm(10.2))
    left, right = head.rows[0].cells
    _cell_text(left, meta["parent_name"].upper(), size=13)
    _cell_text(left, meta["issuer_name"].upper(), size=13, bold=True)
    _rule(left, 2.2)
    _cell_text(left, number_line(meta), size=13)
    if level in LEVEL_MARK:
        _cell_text(left, LEVEL_MARK[level], size=14, bold=True)
    _cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True)
    _cell_text(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True)
    _rule(right, 2.6)
    _cell_text(right, _date_line(meta), size=14, italic=True)

    _para(doc, after=6)
    _para(doc, "BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _para(doc, meta["summary"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    start = datetime.date.fromisoformat(facts["start"])
    end = datetime.date.fromisoformat(facts["end"])
    as_of = datetime.date.fromisoformat(facts["as_of"])
    _para(
        doc,
        "(Kỳ báo cáo từ ngày {} đến ngày {}; số liệu tính đến ngày {})".format(
            start.strftime("%d/%m/%Y"), end.strftime("%d/%m/%Y"), as_of.strftime("%d/%m/%Y")
        ),
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=12,
    )
    _para(
        doc,
        meta.get("intro")
        or "Thực hiện chế độ báo cáo định kỳ về công tác đối ngoại, hợp tác quốc tế, {} báo cáo kết quả "
        "như sau:".format(meta["issuer_name"]),
        indent=True,
    )
    for number, sec in enumerate(facts["sections"]):
        _para(doc, "{}. {}".format(ROMAN[number], sec["heading"]), bold=True, after=6)
        for sentence in sec["sentences"]:
            _para(doc, sentence, indent=True)
        table = sec.get("table")
        if table and table["rows"]:
            grid = doc.add_table(rows=1, cols=len(table["columns"]))
            grid.style = "Table Grid"
            grid.alignment = WD_TABLE_ALIGNMENT.CENTER
            for cell, label in zip(grid.rows[0].cells, table["columns"], strict=True):
                _cell_text(cell, str(label), size=13, bold=True)
            for row in table["rows"]:
                cells = grid.add_row().cells
                for i, (cell, value) in enumerate(zip(cells, row, strict=True)):
                    _cell_text(
                        cell,
                        _show(value),
                        size=13,
                        align=WD_ALIGN_PARAGRAPH.LEFT if i == 0 else WD_ALIGN_PARAGRAPH.CENTER,
                    )
            _para(doc, after=6)
    _para(
        doc,
        meta.get("closing")
        or "Trên đây là báo cáo kết quả công tác đối ngoại, hợp tác quốc tế của {} trong kỳ báo cáo; số liệu "
        "chi tiết tại Phụ lục kèm theo.".format(meta["issuer_name"]),
        indent=True,
        after=12,
    )

    # Signature block and recipients.
    sign = doc.add_table(rows=1, cols=2)
    _no_borders(sign)
    _widths(sign, Cm(8), Cm(8.5))
    left, right = sign.rows[0].cells
    _cell_text(left, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in meta["recipients"]:
        _cell_text(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell_text(right, meta["signer_title"].upper(), size=14, bold=True)
    if meta.get("signer_name"):
        # An issued report: the signer's name under the space left for the signature.
        for _blank in range(3):
            _cell_text(right, "", size=14)
        _cell_text(right, meta["signer_name"], size=14, bold=True)
    else:
        _cell_text(right, "(Ký, ghi rõ họ tên)", size=14, italic=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _show(value: Any) -> str:
    from .selectors import vi_number

    if isinstance(value, bool) or value is None or value == "":
        return "" if value in (None, "") else str(value)
    if isinstance(value, int | float):
        return vi_number(value) if isinstance(value, int) else str(value).replace(".", ",")
    return str(value)


def build_xlsx(facts: dict[str, Any], meta: dict[str, Any], copy_text: str = "") -> bytes:
    """The annex: every figure behind the report's sentences, with where it was counted.

    The first line carries the copy marking of a classified copy (else the title).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "So lieu"
    append_row(ws, [copy_text or "Phụ lục số liệu: {}".format(meta["summary"])])
    ws["A1"].font = Font(bold=True)
    append_row(
        ws,
        [
            "Kỳ báo cáo: {} - {}; số liệu tính đến ngày {}".format(
                datetime.date.fromisoformat(facts["start"]).strftime("%d/%m/%Y"),
                datetime.date.fromisoformat(facts["end"]).strftime("%d/%m/%Y"),
                datetime.date.fromisoformat(facts["as_of"]).strftime("%d/%m/%Y"),
            )
        ],
    )
    append_row(ws, ["Mục", "Chỉ tiêu", "Giá trị", "Nguồn số liệu"])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for number, sec in enumerate(facts["sections"]):
        for fig in sec["figures"]:
            value = fig["value"]
            if isinstance(value, str):
                try:
                    value = float(value) if "." in value else int(value)
                except ValueError:
                    pass
            append_row(
                ws, ["{}. {}".format(ROMAN[number], sec["heading"]), fig["label"], value, fig["source"]]
            )
    for col, width in zip("ABCD", (45, 60, 14, 55), strict=True):
        ws.column_dimensions[col].width = width
    for number, sec in enumerate(facts["sections"]):
        table = sec.get("table")
        if not table or not table["rows"]:
            continue
        sheet = wb.create_sheet(title=f"Bang {ROMAN[number]}")
        append_row(sheet, [copy_text or "{}. {}".format(ROMAN[number], sec["heading"])])
        append_row(sheet, list(table["columns"]))
        for row in table["rows"]:
            append_row(sheet, list(row))
        sheet.column_dimensions["A"].width = 50
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
