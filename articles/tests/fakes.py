"""A fixed stand-in for the extractor in the intake and review tests, so they test intake
and review rather than the extractor (scored on its own: docs/articles.md). Imported into a
test module, ``fake_extractor`` replaces it for every test there; a test of the real one puts
``real_extract`` back with monkeypatch."""

from __future__ import annotations

import datetime
import re

import pytest

from articles import extraction

real_extract = extraction.extract

FIELDS = (
    "doc_symbols",
    "partner_countries",
    "partner_agencies",
    "multilateral_bodies",
    "people",
    "events",
    "quantities",
    "headline_counts",
)


def fake_extract(text: str, published: datetime.date | None = None) -> dict:
    """Document symbols and three body names, at their offsets; never a publication date."""
    out: dict = {"published": None, **{name: [] for name in FIELDS}}
    for m in re.finditer(r"\b\d{1,4}-NQ/TW\b", text):
        out["doc_symbols"].append(
            {"symbol": m.group(), "evidence": m.group(), "start": m.start(), "end": m.end()}
        )
    for m in re.finditer(r"\bINTERPOL\b|\bASEANAPOL\b|\bASEAN\b", text):
        out["multilateral_bodies"].append(
            {
                "name": m.group(),
                "as_written": m.group(),
                "evidence": m.group(),
                "start": m.start(),
                "end": m.end(),
            }
        )
    return out


@pytest.fixture(autouse=True)
def fake_extractor(monkeypatch):
    monkeypatch.setattr(extraction, "extract", fake_extract)
