"""Reads of the events app that are more than a filter: trip warnings, the calendar, outreach counts.

Everything goes through ``visible_to(user)``: a warning, a calendar cell or a count never
reveals a record the user may not see.
"""

from __future__ import annotations

import calendar as pycalendar
import datetime
from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count, DateField, F, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from core.text import fold
from partners.models import ForeignAgency

from .choices import CAPACITY_CREDITS, EventType, ParticipantSide, Platform
from .models import Event, MediaItem, Participant, TripProposal

# A leader's third trip abroad in one calendar year is flagged (Party and Government rules).
TRIPS_PER_YEAR = 2


def _person_key(p: Participant) -> tuple[str, int | None]:
    return (fold(p.name).strip(), p.unit_id)


def trip_warnings(*, user: Any, trip: TripProposal) -> list[dict[str, str]]:
    """What the approver must weigh: a leader's third trip this year, two key leaders of one unit, outside the plan."""
    event = trip.event
    warnings: list[dict[str, str]] = []
    if not trip.in_plan:
        warnings.append(
            {"code": "outside_plan", "text": _("This trip is not in the unit's yearly foreign-affairs plan.")}
        )
    members = list(
        Participant.objects.visible_to(user)
        .filter(event=event, side=ParticipantSide.OURS)
        .select_related("unit")
    )
    leaders = [m for m in members if m.key_leader]
    by_unit: dict[int | None, list[Participant]] = defaultdict(list)
    for m in leaders:
        by_unit[m.unit_id].append(m)
    for group in by_unit.values():
        if len(group) >= 2:
            warnings.append(
                {
                    "code": "two_key_leaders",
                    "text": _("Two key leaders of {} travel together: {}.").format(
                        group[0].unit or _("one unit"), ", ".join(m.name for m in group)
                    ),
                }
            )
    if leaders:
        year = event.starts_on.year
        others = (
            Participant.objects.visible_to(user)
            .filter(
                side=ParticipantSide.OURS,
                key_leader=True,
                event__type=EventType.OUTGOING,
                event__starts_on__year=year,
                event__starts_on__lt=event.starts_on,
                event__trip__isnull=False,
            )
            .exclude(event=event)
            .only("name", "unit_id", "event_id")
        )
        # Trips earlier in the same calendar year: this one would be the next.
        trips: Counter[tuple[str, int | None]] = Counter()
        seen: set[tuple[tuple[str, int | None], int]] = set()
        for p in others:
            key = _person_key(p)
            if (key, p.event_id) not in seen:
                seen.add((key, p.event_id))
                trips[key] += 1
        for m in leaders:
            done = trips[_person_key(m)]
            if done >= TRIPS_PER_YEAR:
                warnings.append(
                    {
                        "code": "third_trip",
                        "text": _("{} would make trip number {} abroad in {}.").format(
                            m.name, done + 1, year
                        ),
                    }
                )
    return warnings


def conference_warning(event: Event, today: datetime.date) -> str | None:
    """Decision 06/2020/QĐ-TTg: the request is late, or today is past the day it had to be sent."""
    due = event.request_due_on
    if due is None:
        return None
    if event.request_submitted_on:
        if event.request_submitted_on > due:
            return _(
                "The request was submitted on {} but had to reach the approving authority by {}."
            ).format(event.request_submitted_on.strftime("%d/%m/%Y"), due.strftime("%d/%m/%Y"))
        return None
    if today > due:
        return _("Too close: the request had to reach the approving authority by {} ({} days ahead).").format(
            due.strftime("%d/%m/%Y"), event.request_days
        )
    return None


# --- Calendar -------------------------------------------------------------------------------------


def with_countries(queryset: Any, *, user: Any, country_ids: Any) -> Any:
    """Events held in one of the countries, or with one of them or one of its agencies as a
    partner. Through the agencies the user sees: a hidden agency must not make an event match.
    The list filters and the dashboard share it, so a figure and its list agree."""
    agencies = ForeignAgency.objects.visible_to(user).filter(country__in=country_ids).values("pk")
    ids = (
        Event.objects.visible_to(user)
        .filter(Q(countries__in=country_ids) | Q(agencies__in=agencies))
        .values("pk")
    )
    return queryset.filter(Q(country__in=country_ids) | Q(pk__in=ids))


def events_between(
    *, user: Any, start: datetime.date, end: datetime.date, unit: Any = None, country: Any = None
) -> list[Event]:
    """Visible events overlapping [start, end], optionally of one unit (organising or attending) or partner country."""
    qs = (
        Event.objects.visible_to(user)
        .filter(starts_on__lte=end)
        .filter(Q(ends_on__gte=start) | Q(ends_on__isnull=True, starts_on__gte=start))
    )
    if unit is not None:
        ids = Event.objects.filter(attending_units=unit).values("pk")
        qs = qs.filter(Q(owner_unit=unit) | Q(pk__in=ids))
    if country is not None:
        ids = Event.objects.filter(Q(countries=country) | Q(agencies__country=country)).values("pk")
        qs = qs.filter(Q(country=country) | Q(pk__in=ids))
    return list(
        qs.select_related("province", "country", "owner_unit").order_by("starts_on", "start_time", "pk")
    )


def month_grid(*, user: Any, year: int, month: int, **filters: Any) -> dict[str, Any]:
    """Weeks of the month (Monday first), each day with its events."""
    cal = pycalendar.Calendar(firstweekday=0)
    days = list(cal.itermonthdates(year, month))
    events = events_between(user=user, start=days[0], end=days[-1], **filters)
    by_day: dict[datetime.date, list[Event]] = defaultdict(list)
    for e in events:
        last = e.ends_on or e.starts_on
        day = max(e.starts_on, days[0])
        while day <= min(last, days[-1]):
            by_day[day].append(e)
            day += datetime.timedelta(days=1)
    weeks = [
        [{"day": d, "in_month": d.month == month, "events": by_day.get(d, [])} for d in days[i : i + 7]]
        for i in range(0, len(days), 7)
    ]
    return {"weeks": weeks, "events": events}


# --- Outreach -----------------------------------------------------------------------------------


def media_counts(*, user: Any, start: datetime.date, end: datetime.date) -> dict[str, Any]:
    """Visible media items in [start, end]: per platform, and per month and platform."""
    qs = MediaItem.objects.visible_to(user).filter(published_on__gte=start, published_on__lte=end)
    per_platform = {row["platform"]: row["n"] for row in qs.values("platform").annotate(n=Count("pk"))}
    months: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for day, platform in qs.values_list("published_on", "platform"):
        cell = months[(day.year, day.month)]
        cell[platform] = cell.get(platform, 0) + 1
    rows = [
        {
            "year": y,
            "month": m,
            "counts": [months[(y, m)].get(p.value, 0) for p in Platform],
            "total": sum(months[(y, m)].values()),
        }
        for (y, m) in sorted(months)
    ]
    top = max([r["total"] for r in rows] or [1])
    for r in rows:
        r["width"] = round(300 * r["total"] / top) if top else 0
    return {
        "platforms": [
            {"value": p.value, "label": p.label, "count": per_platform.get(p.value, 0)} for p in Platform
        ],
        "total": sum(per_platform.values()),
        "rows": rows,
    }


def partner_events(request: Any, partner: Any) -> dict[str, Any]:
    """A partner profile's events: with the agency, the country (the place or a partner), or the body."""
    from partners.models import Country, ForeignAgency

    qs = Event.objects.visible_to(request.user)
    if isinstance(partner, ForeignAgency):
        qs = qs.filter(agencies=partner)
    elif isinstance(partner, Country):
        ids = set(qs.filter(countries=partner).values_list("pk", flat=True))
        ids |= set(qs.filter(agencies__country=partner).values_list("pk", flat=True))
        ids |= set(qs.filter(country=partner).values_list("pk", flat=True))
        qs = qs.filter(pk__in=ids)
    else:
        qs = qs.filter(bodies=partner)
    return {"partner_events": qs.order_by("-starts_on", "pk")[:50]}


# --- Staff capacity (registered into capacity.attendance in events.registry) ----------------------


def training_credits(user: Any) -> Any:
    """Visible participations of our staff, linked to a profile, in a training with a capacity
    credit: ``profile_id``, ``kind`` (the credit) and ``obtained_on`` (the event's last day)."""
    return (
        Participant.objects.visible_to(user)
        .filter(side=ParticipantSide.OURS, event__type=EventType.TRAINING, profile__isnull=False)
        .exclude(event__capacity_credit="")
        .annotate(
            kind=F("event__capacity_credit"), obtained_on=Coalesce("event__ends_on", "event__starts_on")
        )
    )


def training_qualifications(user: Any, profile_ids: Any) -> Any:
    """Trainings attended that count toward capacity, as qualification rows (one query).

    A training marked with a capacity credit gives its kind to each of our participants linked
    to a profile, from the event's last day on, without expiry; only visible participants count.
    """
    return (
        training_credits(user)
        .filter(profile__in=profile_ids)
        .values("profile_id", "kind", "obtained_on", expires_on=Value(None, output_field=DateField()))
    )


def events_attended(user: Any, profile: Any) -> list[dict[str, Any]]:
    """The visible events a staff member attended, for the profile page."""
    credits = dict(CAPACITY_CREDITS)
    rows = (
        Participant.objects.visible_to(user)
        .filter(profile=profile, side=ParticipantSide.OURS)
        .select_related("event")
        .order_by("-event__starts_on", "pk")
    )
    return [
        {
            "day": p.event.starts_on,
            "title": p.event.title,
            "url": p.event.get_absolute_url(),
            "type": p.event.get_type_display(),
            "credit": credits.get(p.event.capacity_credit, "") if p.event.type == EventType.TRAINING else "",
        }
        for p in rows
    ]
