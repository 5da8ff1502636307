"""Spreadsheet cells that stay text: no exported title ever runs as a formula.

A value typed by a user, such as ``=HYPERLINK("http://…","X")``, would run in the spreadsheet
of whoever exports it (a coordinator, the leadership). OWASP's CSV-injection rule: a text cell
beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is neutralised. In CSV it
gets a leading apostrophe; in XLSX it is written as a string with Excel's quote prefix (what
Excel itself stores for a typed ``'=``), so it shows exactly as typed and never evaluates.
Every CSV and XLSX writer in the project goes through :func:`csv_row` or :func:`append_row`.
"""

from collections.abc import Iterable
from typing import Any

from django.utils.functional import Promise

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value: Any) -> bool:
    """Whether a text value would be read as a formula by a spreadsheet program."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def csv_value(value: Any) -> Any:
    """A CSV cell: risky text gets a leading apostrophe; other values are left as they are."""
    if isinstance(value, Promise):
        value = str(value)
    return "'" + value if is_risky(value) else value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_value(v) for v in values]


def append_row(ws: Any, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl sheet (normal or write-only), every text cell as text."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cells = []
    for value in values:
        if isinstance(value, Promise):
            value = str(value)
        if isinstance(value, str):
            # Control characters XML cannot carry would make openpyxl refuse the whole file.
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = WriteOnlyCell(ws, value=value)
            # openpyxl types a string beginning with "=" as a formula; a text cell it stays.
            cell.data_type = "s"
            if is_risky(value):
                cell.quotePrefix = True
            cells.append(cell)
        else:
            cells.append(value)
    ws.append(cells)
