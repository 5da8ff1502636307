"""The seed fixtures: text as intake reads it, gold annotations, the date given at intake."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from articles.textio import read_text

FIXTURES = Path(__file__).parent / "fixtures"
# Other articles the seed pages carry after their body (related news), annotated by the guide
# after the rules were written: a rough check on text the rules were not built on.
HELD_OUT = FIXTURES / "heldout"


def seeds(folder: Path = FIXTURES) -> list[tuple[str, str, dict, datetime.date | None]]:
    """(name, text, gold, published date given at intake or None) for each annotated article."""
    out = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        text = read_text(text_path.read_bytes(), text_path.name)
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        published = gold.get("published") or {}
        given = datetime.date.fromisoformat(published["date"]) if published.get("source") == "given" else None
        out.append((text_path.name, text, gold, given))
    return out
