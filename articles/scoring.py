"""Precision, recall and F1 of proposed facts against gold annotations (docs/articles.md).

Per article and field, gold and proposed items are sets of keys: countries by ISO code,
events by (type, date_iso), quantities by (value, unit), headline counts by value, document
symbols by symbol; people, agencies and bodies by folded name (diacritics removed, lower
case), two names matching when their difflib ratio is at least ``NAME_RATIO``. Overall is
micro: true positives, false positives and false negatives summed over fields and articles.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from core.text import fold

from .extraction import FIELDS

NAME_RATIO = 0.85
NAME_FIELDS = {"people", "partner_agencies", "multilateral_bodies"}


def _value(value) -> float | None:
    try:
        return round(float(value), 6)
    except (TypeError, ValueError):
        return None


def key(field: str, item: dict):
    """What an item is compared by in ``field``."""
    if field == "doc_symbols":
        return item.get("symbol")
    if field == "partner_countries":
        return (item.get("iso2") or "").upper()
    if field == "events":
        return (item.get("type"), item.get("date_iso"))
    if field == "quantities":
        return (_value(item.get("value")), item.get("unit"))
    if field == "headline_counts":
        return _value(item.get("value"))
    return fold(item.get("name", ""))


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _names_match(a: str, b: str) -> bool:
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= NAME_RATIO


def compare(field: str, gold: Iterable[dict], proposed: Iterable[dict]) -> Counts:
    """Counts for one field of one article (each key counted once)."""
    gold_keys = list(dict.fromkeys(key(field, i) for i in gold))
    proposed_keys = list(dict.fromkeys(key(field, i) for i in proposed))
    if field not in NAME_FIELDS:
        g, p = set(gold_keys), set(proposed_keys)
        return Counts(tp=len(g & p), fp=len(p - g), fn=len(g - p))
    unmatched = list(gold_keys)
    tp = 0
    for name in proposed_keys:
        match = next((g for g in unmatched if _names_match(name, g)), None)
        if match is not None:
            unmatched.remove(match)
            tp += 1
    return Counts(tp=tp, fp=len(proposed_keys) - tp, fn=len(unmatched))


def score(pairs: Iterable[tuple[dict, dict]]) -> dict[str, Counts]:
    """Counts per field and ``"overall"`` (micro) over (gold, proposed) article pairs."""
    totals = {field: Counts() for field in FIELDS}
    for gold, proposed in pairs:
        for field in FIELDS:
            totals[field].add(compare(field, gold.get(field, []), proposed.get(field, [])))
    overall = Counts()
    for counts in totals.values():
        overall.add(counts)
    totals["overall"] = overall
    return totals


def table(totals: dict[str, Counts]) -> str:
    """A Markdown table of the scores (docs/articles.md carries one)."""
    lines = [
        "| field | gold | proposed | correct | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for field, c in totals.items():
        name = f"**{field}** (micro)" if field == "overall" else field
        lines.append(
            f"| {name} | {c.tp + c.fn} | {c.tp + c.fp} | {c.tp} | {c.precision:.2f} | {c.recall:.2f} | {c.f1:.2f} |"
        )
    return "\n".join(lines)
