"""The XLSX template of a spec: headers, an example row and the instructions sheet."""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from ..spreadsheets import append_row
from .parsers import (
    DateParser,
)
from .specs import (
    ImportSpec,
    _as_spec,
)

# --- Template -----------------------------------------------------------------------------


def template_workbook(spec: ImportSpec | type[ImportSpec] | str, language: str | None = None) -> bytes:
    """The XLSX template of an import: headers and one example row, and the instructions."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    spec = _as_spec(spec)
    with translation.override(language or translation.get_language()):
        workbook = Workbook()
        data = workbook.active
        data.title = _("Data")[:31]
        append_row(data, [str(c.label) for c in spec.columns])
        append_row(data, [str(v) if isinstance(v, Promise) else v for v in spec.example_row()])
        data.freeze_panes = "A2"
        required_fill = PatternFill("solid", fgColor="DDE7F3")
        for index, column in enumerate(spec.columns, start=1):
            letter = get_column_letter(index)
            cell = data.cell(row=1, column=index)
            cell.font = Font(bold=True)
            if column.required:
                cell.fill = required_fill
            data.column_dimensions[letter].width = max(14, min(40, len(str(column.label)) + 4))
            if isinstance(column.parser, DateParser):
                for row in range(2, 1001):
                    data.cell(row=row, column=index).number_format = "DD/MM/YYYY"
            allowed = column.parser.allowed()
            formula = '"{}"'.format(",".join(allowed))
            if allowed and len(formula) <= 255 and not any("," in a or '"' in a for a in allowed):
                validation = DataValidation(type="list", formula1=formula, allow_blank=not column.required)
                validation.add(f"{letter}2:{letter}1000")
                data.add_data_validation(validation)

        notes = workbook.create_sheet(_("Instructions")[:31])
        append_row(notes, [str(spec.title)])
        notes["A1"].font = Font(bold=True, size=13)
        append_row(
            notes,
            [
                _(
                    "Fill in one record per row on the first sheet, under the headers, and replace "
                    "the example row. Rows are matched to existing records by: {}. A matching row "
                    "updates the record, another row creates one; importing the same file again "
                    "changes nothing."
                ).format(", ".join(spec.label(n) for n in spec.natural_key))
            ],
        )
        append_row(notes, [])
        append_row(notes, [_("Column"), _("Required"), _("Format"), _("Allowed values"), _("Notes")])
        for cell in notes[4]:
            cell.font = Font(bold=True)
        for column in spec.columns:
            append_row(
                notes,
                [
                    str(column.label),
                    _("Yes") if column.required else _("No"),
                    column.parser.describe(),
                    "\n".join(column.parser.allowed()),
                    str(column.help),
                ],
            )
        for letter, width in zip("ABCDE", (28, 12, 48, 28, 48), strict=True):
            notes.column_dimensions[letter].width = width
        for row in notes.iter_rows(min_row=5):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        out = io.BytesIO()
        workbook.save(out)
    return out.getvalue()
