"""Draft request letters: a coordinators' template filled from a case, as a DOCX (python-docx).

The letter is a draft for the officer to finish in a word processor: the placeholders of the
template are filled from the case (parties, legal basis, facts, persons, the assistance
requested, contacts, reference numbers); the persons' personal data appears only for a user
allowed to see it in full (the view is then recorded), and a classified case's letter carries
its classification mark.
"""

from __future__ import annotations

import io
import re
from typing import Any

from django.utils import timezone
from django.utils.translation import override

from core.markings import LEVEL_STAMP as MARKS
from core.markings import LEVEL_STAMP_EN as LEVELS_EN
from core.personal import mask, may_see_personal, record_personal_view

from .models import CaseReference, CaseSubject, CooperationCase, LetterTemplate

MINISTRY = {
    "vi": "Bộ Công an nước Cộng hòa xã hội chủ nghĩa Việt Nam",
    "en": "the Ministry of Public Security of the Socialist Republic of Viet Nam",
}


def template_for(case: CooperationCase, language: str) -> LetterTemplate | None:
    """The template of the case's type in the language, else the general one."""
    qs = LetterTemplate.objects.filter(language=language)
    return qs.filter(case_type=case.type).first() or qs.filter(case_type="").first()


def _name(obj: Any, language: str) -> str:
    if language == "en":
        return getattr(obj, "name_en", "") or getattr(obj, "name_vi", "") or str(obj)
    return getattr(obj, "name_vi", "") or str(obj)


def letter_values(
    *, user: Any, case: CooperationCase, language: str, assistance: str = "", contacts: str = ""
) -> dict[str, str]:
    """The placeholders' values for the case, in the letter's language."""
    partners = [_name(a, language) for a in case.agencies.all()] or [
        _name(c, language) for c in case.countries.all()
    ]
    partner = ", ".join(partners) or ("the requested Party" if language == "en" else "Bên được yêu cầu")
    ours, theirs = MINISTRY[language], partner
    if case.direction == "incoming":
        ours, theirs = theirs, ours
    if case.legal_basis_id:
        instrument = case.legal_basis
        basis = (
            instrument.title_en if language == "en" and instrument.title_en else instrument.title
        ) or str(instrument)
    else:
        basis = "the principle of reciprocity" if language == "en" else "nguyên tắc có đi có lại"
    refs = {"ours": [], "partner": []}
    for r in CaseReference.objects.filter(case=case).order_by("pk"):
        refs.setdefault(r.kind, []).append(r.number)
    subjects = list(CaseSubject.objects.filter(case=case).order_by("pk"))
    full = may_see_personal(user, case)
    persons = []
    for s in subjects:
        if full:
            born = s.birth_date.strftime("%d/%m/%Y") if s.birth_date else ""
            bits = [s.full_name, born, s.nationality, s.document_number]
            persons.append(f"{s.role}: " + ", ".join(b for b in bits if b))
        else:
            persons.append(f"{s.role}: {mask(s.full_name)}")
    if full and subjects:
        record_personal_view(
            user, case, "letter", fields=[f"subjects.{n}" for n in CaseSubject.personal_fields]
        )
    with override(language):
        case_type = str(case.get_type_display())
    if not contacts:
        unit = case.owner_unit
        contacts = _name(unit, language)
        if getattr(user, "full_name", "") or getattr(user, "email", ""):
            contacts += " – " + ", ".join(b for b in (user.full_name, user.email) if b)
    return {
        "title": case.title,
        "case_type": case_type,
        "requesting_party": ours,
        "requested_party": theirs,
        "legal_basis": basis,
        "facts": case.summary or "…",
        "persons": "\n".join(persons) or "…",
        "assistance": assistance or "…",
        "contacts": contacts,
        "our_reference": ", ".join(refs["ours"]) or "…",
        "partner_reference": ", ".join(refs["partner"]) or "…",
        "date": timezone.localdate().strftime("%d/%m/%Y"),
    }


def fill(text: str, values: dict[str, str]) -> str:
    """Replace ``{name}`` placeholders; unknown ones stay as written."""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), text)


def build_docx(
    *,
    case: CooperationCase,
    template: LetterTemplate,
    values: dict[str, str],
    issue: dict[str, Any] | None = None,
) -> bytes:
    """The draft letter: header blocks, heading, the filled body, a draft mark (Times New Roman).

    ``issue`` (number and symbol, date, signer, recipients) makes it the issued letter: the
    symbol under the issuing unit, the date of issue, the signature block and "Nơi nhận"
    instead of the draft mark (Decree 30/2020, Appendix I).
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    vi = template.language == "vi"
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = ("BỘ CÔNG AN\n" if vi else "MINISTRY OF PUBLIC SECURITY\n") + _name(
        case.owner_unit, template.language
    )
    right.text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
        if vi
        else "SOCIALIST REPUBLIC OF VIET NAM\nIndependence - Freedom - Happiness"
    )
    for cell in (left, right):
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in p.runs:
                run.bold = True
    if issue is not None:
        number = left.add_paragraph(("Số: " if vi else "No. ") + issue["symbol"])
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        values = {**values, "date": _issue_date(issue["issued_on"])}
    if case.classification in MARKS:
        # The level stamp under the number and symbol, top left (Decree 30/2020, Appendix I;
        # core.markings adds the copy number under it).
        mark = left.add_paragraph()
        mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = mark.add_run(MARKS[case.classification] if vi else LEVELS_EN[case.classification])
        run.bold = True
    date = doc.add_paragraph(("Hà Nội, ngày " if vi else "Ha Noi, ") + values["date"])
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(fill(template.heading, values).upper())
    run.bold = True
    run.font.size = Pt(14)
    for block in re.split(r"\n\s*\n", fill(template.body, values).strip()):
        paragraph = doc.add_paragraph()
        lines = block.split("\n")
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)
            if i < len(lines) - 1:
                run.add_break()
    if issue is not None:
        _signature(doc, issue, vi)
    else:
        draft = doc.add_paragraph()
        draft.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = draft.add_run("DỰ THẢO – hoptac" if vi else "DRAFT – hoptac")
        run.italic = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _issue_date(iso: str) -> str:
    import datetime

    return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y")


def _signature(doc: Any, issue: dict[str, Any], vi: bool) -> None:
    """Recipients on the left, the signer's title and name on the right."""
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    lines = ["Nơi nhận:" if vi else "Recipients:"]
    lines += ["- {};".format(r["name"]) for r in issue["recipients"]]
    lines.append("- Lưu: VT, {}.".format(issue["drafter_code"]))
    left.text = "\n".join(lines)
    right.text = "{}\n\n\n\n{}".format(issue["signer_title"].upper(), issue["signer_name"])
    for p in right.paragraphs:
        p.alignment = 1  # centred
        for run in p.runs:
            run.bold = True


def docx_text(data: bytes) -> str:
    """All the text of a DOCX (paragraphs and table cells), for tests and previews."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)
