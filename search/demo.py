"""Demo: index every record once the other apps' demos have loaded (capacity writes in bulk,
so its profiles never went through the signals)."""

from __future__ import annotations

from .index import rebuild

_counts: dict[str, int] = {}


def load() -> dict[str, int]:
    _counts.clear()
    _counts.update(rebuild())
    return {"entries": sum(_counts.values())}


def describe() -> list[str]:
    return [f"  search index: {', '.join(f'{k} {n}' for k, n in _counts.items())}"] if _counts else []
