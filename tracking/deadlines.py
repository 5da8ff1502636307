"""Due dates of an assignment: pure functions from its deadline declaration to dated periods.

A one-off deadline gives one period; a recurring one gives one period per Decree 09/2019
data window (month 15th→14th, quarter from the 15th of the month before, year 15/12→14/12),
due on ``due_day`` after the window closes.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.workdays import REPORT_KINDS, WorkCalendar, report_window, window_containing

# How far ahead recurring periods are generated when the duty has no end date; the daily
# job tops them up.
HORIZON_DAYS = 400


@dataclass(frozen=True)
class Period:
    label: str
    starts_on: datetime.date
    ends_on: datetime.date
    due_on: datetime.date


def due_in_month(year: int, month: int, day: int) -> datetime.date:
    """Day ``day`` of the month, clamped to its last day (31 → 28 or 29 in February)."""
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def due_after_window(window_end: datetime.date, due_day: int) -> datetime.date:
    """The first ``due_day`` after the window closes: the 14th's month if due_day > 14, else the next."""
    year, month = window_end.year, window_end.month
    if due_day <= window_end.day:
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return due_in_month(year, month, due_day)


def period_label(kind: str, year: int, period: int) -> str:
    if kind == "month":
        return _("Month {}/{}").format(period, year)
    if kind == "quarter":
        return _("Quarter {}/{}").format(period, year)
    if kind == "half_year":
        return _("Half-year {}/{}").format(period, year)
    return _("Year {}").format(year)


def recurring_periods(
    kind: str,
    due_day: int,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    *,
    today: datetime.date,
) -> list[Period]:
    """Every window from the one holding ``starts_on`` to the one holding ``ends_on``."""
    last = ends_on or today + datetime.timedelta(days=HORIZON_DAYS)
    periods_per_year = 12 // REPORT_KINDS[kind]
    year, period, _start, _end = window_containing(kind, starts_on)
    out: list[Period] = []
    while True:
        start, end = report_window(kind, year, period)
        if start > last:
            break
        out.append(Period(period_label(kind, year, period), start, end, due_after_window(end, due_day)))
        period += 1
        if period > periods_per_year:
            year, period = year + 1, 1
    return out


def after_event_due(
    event_on: datetime.date, days: int, day_count: str, calendar_: WorkCalendar
) -> datetime.date:
    if day_count == "working":
        return calendar_.add_working_days(event_on, days)
    return event_on + datetime.timedelta(days=days)
