"""The working-day calendar: Vietnamese public holidays plus the Government's yearly decisions.

Each year the Government moves days (an extra day off, a Saturday worked in exchange); those
are ``CalendarDay`` rows that coordinators keep, read here into ``core.workdays.WorkCalendar``.
"""

from __future__ import annotations

import datetime

from core.workdays import WorkCalendar


def work_calendar() -> WorkCalendar:
    """The calendar with the recorded days off and swapped working days (read each call)."""
    from .choices import DayKind
    from .models import CalendarDay

    off: list[datetime.date] = []
    worked: list[datetime.date] = []
    for date, kind in CalendarDay.objects.values_list("date", "kind"):
        (off if kind == DayKind.DAY_OFF else worked).append(date)
    return WorkCalendar(extra_days_off=off, extra_working_days=worked)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    return work_calendar().add_working_days(start, days)
