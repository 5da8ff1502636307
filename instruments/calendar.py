"""Working days for deadlines counted in working days (weekends skipped).

Vietnamese public holidays (Tết included) come with the tracking engine's configurable
calendar (issue 7); until then only Saturdays and Sundays are skipped.
"""

from __future__ import annotations

import datetime


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``start`` (Monday to Friday)."""
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current
