"""Deadlines of treaty work counted in working days (weekends and public holidays skipped).

The calendar is the tracking engine's: Vietnamese public holidays (Tết included) from
core.workdays plus the Government's yearly extra days off and swaps kept as CalendarDay rows.
"""

from __future__ import annotations

import datetime


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``start``."""
    from tracking.calendar import add_working_days as add

    return add(start, days)
