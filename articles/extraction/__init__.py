"""STAND-IN until the merge: the real extractor replaces this package."""

from __future__ import annotations

import datetime
import re

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


def extract(text: str, published: datetime.date | None = None) -> dict:
    out: dict = {"published": None, **{name: [] for name in FIELDS}}
    for m in re.finditer(r"\b\d{1,4}[/-][A-ZĐ]{1,6}(?:[/-][A-ZĐ]{1,6})*\b", text):
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
