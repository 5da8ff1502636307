"""The yearly state-secrets report as a tracked duty of each unit (issue #21 item 5).

Every unit directly under the Ministry (departments and provincial police; the leadership
excepted) owes its yearly report on protecting state secrets by 20 December, for the window
15/12 of the previous year to 14/12. From 1 December the daily round opens, through
tracking's services, one obligation per unit and year with that unit as lead and 20/12 as
its deadline, so a unit that does not report reaches the reminders and the overdue board.
Idempotent: a second run (the same day or later) opens nothing twice.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from access.choices import Classification
from core.context import SYSTEM
from org.models import Unit
from tracking import services as tracking
from tracking.choices import SourceKind
from tracking.models import Obligation

DUE_MONTH, DUE_DAY = 12, 20
OPENS_MONTH, OPENS_DAY = 12, 1


def due_on(year: int) -> datetime.date:
    return datetime.date(year, DUE_MONTH, DUE_DAY)


def duty_title(year: int) -> str:
    return f"Báo cáo công tác bảo vệ bí mật nhà nước năm {year}"


def reporting_units() -> list[Unit]:
    """The units that owe the report: active units directly under the Ministry."""
    leadership = getattr(settings, "HOPTAC_LEADERSHIP_UNIT", "")
    return list(
        Unit.objects.visible_to(SYSTEM)
        .filter(depth=1, is_active=True)
        .exclude(code=leadership)
        .order_by("sort_key")
    )


def secrets_report_duties(today: datetime.date, year: int | None = None) -> int:
    """Open this year's report duty of every unit that has none yet (from 1 December, or
    for ``year`` when given); answers how many obligations it opened."""
    if year is None:
        if (today.month, today.day) < (OPENS_MONTH, OPENS_DAY):
            return 0
        year = today.year
    title = duty_title(year)
    have = set(
        Obligation.objects.visible_to(SYSTEM)
        .filter(source_kind=SourceKind.SECRETS_REPORT, title=title)
        .values_list("owner_unit_id", flat=True)
    )
    opened = 0
    for unit in reporting_units():
        if unit.pk in have:
            continue
        _open(unit, year, title, today)
        opened += 1
    return opened


def _open(unit: Any, year: int, title: str, today: datetime.date) -> None:
    obligation = tracking.obligation_create(
        actor=SYSTEM,
        data={
            "title": title,
            "description": _(
                "The yearly report on protecting state secrets (Law 117/2025/QH15) for the window "
                "15/12/{prev} to 14/12/{year}: secret documents created, sent, received, copied, handed "
                "over, declassified and destroyed, and incidents, per level. Figures: Reports > Yearly "
                "state-secrets report."
            ).format(prev=year - 1, year=year),
            "source_kind": SourceKind.SECRETS_REPORT,
            "owner_unit": unit,
            "classification": Classification.THUONG,
            "priority": "high",
        },
    )
    tracking.assignment_create(
        actor=SYSTEM,
        data={
            "obligation": obligation,
            "unit": unit,
            "role": "lead",
            "deadline_kind": "date",
            "assigned_on": min(today, due_on(year)),
            "due_on": due_on(year),
        },
    )
