"""Dates as people here write them: dd/mm/yyyy, with ISO accepted (DESIGN.md 4.5)."""

from __future__ import annotations

import datetime

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def parse_day(value: str | None, default: datetime.date | None = None) -> datetime.date | None:
    """dd/mm/yyyy or yyyy-mm-dd; ``default`` when empty or invalid."""
    value = (value or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt).replace(tzinfo=datetime.UTC).date()
        except ValueError:
            continue
    return default
