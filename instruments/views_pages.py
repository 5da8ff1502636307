"""The expiry calendar: instruments that expire soon, and those past expiry still marked in force."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .models import Instrument


@login_required
def expiry_calendar(request: HttpRequest) -> HttpResponse:
    """Instruments expiring in the next months, by month; overdue renewals first."""
    today = timezone.localdate()
    try:
        months = max(1, min(60, int(request.GET.get("months", 12))))
    except ValueError:
        months = 12
    until = today + datetime.timedelta(days=31 * months)
    visible = Instrument.objects.visible_to(request.user).prefetch_related("agencies", "countries", "bodies")
    overdue = list(visible.filter(status="in_force", expires_on__lt=today).order_by("expires_on"))
    upcoming = list(
        visible.filter(expires_on__gte=today, expires_on__lte=until)
        .exclude(status__in=("terminated", "superseded", "expired"))
        .order_by("expires_on")
    )
    by_month: dict[tuple[int, int], list[Instrument]] = {}
    for instrument in upcoming:
        by_month.setdefault((instrument.expires_on.year, instrument.expires_on.month), []).append(instrument)
    context = {
        "today": today,
        "months": months,
        "overdue": overdue,
        "calendar": [
            {"year": y, "month": m, "instruments": items} for (y, m), items in sorted(by_month.items())
        ],
        "count": len(upcoming),
    }
    return render(request, "instruments/expiring.html", context)
