"""Deadlines of treaty work counted in working days (weekends and public holidays skipped).

The calendar itself is generic (core.workdays: Vietnamese public holidays, Tết included);
the Government's yearly extra days off and swaps become settings with the tracking engine.
"""

from __future__ import annotations

import datetime

from core.workdays import WorkCalendar

_CALENDAR = WorkCalendar()


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``start``."""
    return _CALENDAR.add_working_days(start, days)
