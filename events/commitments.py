"""The commitments events feed into ``tracking.coverage``: the pledges made at an event.

A pledge binds from the event's first day; a dropped pledge is no longer a commitment.
Read through ``visible_to``; the rows are plain dicts, so tracking never imports this app.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse

from .choices import PledgeStatus
from .models import Pledge
from .sources import shorten


def pledge_rows(user: Any, as_of: datetime.date) -> list[dict[str, Any]]:
    """The visible open pledges of events that started on or before ``as_of``."""
    qs = (
        Pledge.objects.visible_to(user)
        .filter(event__starts_on__lte=as_of)
        .exclude(status=PledgeStatus.DROPPED)
        .values(
            "pk", "text", "due_hint", "owner_unit_id", "classification", "event__title", "event__starts_on"
        )
    )
    return [
        {
            "pk": r["pk"],
            "binds_on": r["event__starts_on"],
            "unit_id": r["owner_unit_id"],
            "classification": r["classification"],
            "title": shorten(r["text"]),
            "document": shorten(r["event__title"], 120),
            "url": reverse("events:pledge", args=[r["pk"]]),
            "due_hint": r["due_hint"],
        }
        for r in qs
    ]


def is_pledge_commitment(pledge: Pledge) -> bool:
    return pledge.status != PledgeStatus.DROPPED
