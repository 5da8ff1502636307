"""Writes of events, their children, trip proposals and media items.

A pledge becomes a tracked obligation through ``tracking.services.obligation_from_source``
(the pledge is registered as a source in ``events.registry``); a delegation's return opens
its two tracked duties (report, passports) through ``tracking.services``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from access.rules import Action, can
from core.context import SYSTEM
from core.exceptions import PermissionDenied, ValidationError
from core.services import (
    child_changes,
    child_data,
    record_create,
    record_delete,
    record_update,
    service,
    split_m2m,
)
from tracking import services as tracking

from .choices import TRIP_TRANSITIONS, TripStatus
from .models import Event, MediaItem, Participant, Pledge, ProgrammeItem, TripProposal

EVENT_M2M = ("attending_units", "agencies", "countries", "bodies", "instruments_signed")
MEDIA_M2M = ("countries", "agencies")
# Official passports go back to the managing unit within 5 working days of the return.
PASSPORT_WORKING_DAYS = 5


# --- Events -------------------------------------------------------------------------------------


@service
def event_create(*, actor: Any, data: dict[str, Any]) -> Event:
    """Record an event with its attending units, partners and the instruments signed there."""
    data, m2m = split_m2m(data, EVENT_M2M)
    return record_create(actor=actor, model=Event, data=data, m2m=m2m)


@service
def event_update(*, actor: Any, obj: Event, data: dict[str, Any], version: int | None) -> Event:
    data, m2m = split_m2m(data, EVENT_M2M)
    event = record_update(actor=actor, obj=obj, data=data, version=version, m2m=m2m)
    # The children follow the event's classification (they are visible exactly when it is).
    return event


@service
def event_delete(*, actor: Any, obj: Event, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


# --- Programme, participants, pledges ----------------------------------------------------------


@service
def programme_item_create(*, actor: Any, data: dict[str, Any]) -> ProgrammeItem:
    return record_create(actor=actor, model=ProgrammeItem, data=child_data(data["event"], data))


@service
def programme_item_update(
    *, actor: Any, obj: ProgrammeItem, data: dict[str, Any], version: int | None
) -> ProgrammeItem:
    return record_update(actor=actor, obj=obj, data=child_changes(obj, data), version=version)


@service
def programme_item_delete(*, actor: Any, obj: ProgrammeItem, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


@service
def participant_create(*, actor: Any, data: dict[str, Any]) -> Participant:
    """Add one of our staff or a foreign guest to an event."""
    return record_create(actor=actor, model=Participant, data=child_data(data["event"], data))


@service
def participant_update(
    *, actor: Any, obj: Participant, data: dict[str, Any], version: int | None
) -> Participant:
    return record_update(actor=actor, obj=obj, data=child_changes(obj, data), version=version)


@service
def participant_delete(*, actor: Any, obj: Participant, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


@service
def pledge_create(*, actor: Any, data: dict[str, Any]) -> Pledge:
    """Record what was agreed or promised at an event."""
    return record_create(actor=actor, model=Pledge, data=child_data(data["event"], data))


@service
def pledge_update(*, actor: Any, obj: Pledge, data: dict[str, Any], version: int | None) -> Pledge:
    return record_update(actor=actor, obj=obj, data=child_changes(obj, data), version=version)


@service
def pledge_delete(*, actor: Any, obj: Pledge, version: int | None) -> None:
    if tracking.existing_for_source(obj) is not None:
        raise ValidationError(_("This pledge is tracked as an obligation; drop it instead of deleting it."))
    record_delete(actor=actor, obj=obj, version=version)


@service
def pledge_track(*, actor: Any, pledge: Pledge, unit: Any = None) -> Any:
    """Make the pledge an obligation (once) and, when ``unit`` is given, assign it (lead) by its due hint."""
    obligation = tracking.obligation_from_source(actor=actor, source=pledge)
    if unit is not None and not obligation.assignments.exists():
        today = timezone.localdate()
        due = pledge.due_hint or (today + datetime.timedelta(days=90))
        tracking.assignment_create(
            actor=actor,
            data={
                "obligation": obligation,
                "unit": unit,
                "role": "lead",
                "deadline_kind": "date",
                "assigned_on": min(pledge.event.starts_on, due),
                "due_on": due,
            },
        )
    return obligation


# --- Trip proposals (đề án đoàn ra) -------------------------------------------------------------


def _check_trip_status(before: str | None, after: str | None) -> None:
    if before is None or after is None or before == after:
        return
    if after not in TRIP_TRANSITIONS.get(before, frozenset()):
        labels = dict(TripStatus.choices)
        raise ValidationError(
            {"status": _("A trip cannot go from “{}” to “{}”.").format(labels[before], labels[after])}
        )


@service
def trip_create(*, actor: Any, data: dict[str, Any]) -> TripProposal:
    """Open the proposal of an outgoing delegation (status: proposal)."""
    data = {k: v for k, v in data.items() if k not in ("status", "returned_on")}
    return record_create(actor=actor, model=TripProposal, data=child_data(data["event"], data))


@service
def trip_update(*, actor: Any, obj: TripProposal, data: dict[str, Any], version: int | None) -> TripProposal:
    """Edit the proposal; approval and return have their own actions."""
    data = {k: v for k, v in child_changes(obj, data).items() if k not in ("status", "returned_on")}
    return record_update(actor=actor, obj=obj, data=data, version=version)


@service
def trip_delete(*, actor: Any, obj: TripProposal, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


@service
def trip_approve(
    *, actor: Any, obj: TripProposal, version: int | None, today: datetime.date | None = None
) -> TripProposal:
    """Approve the proposal (unit heads in their subtree, coordinators, leadership)."""
    if not can(actor, Action.APPROVE, obj):
        raise PermissionDenied(_("You may not approve this trip."))
    _check_trip_status(obj.status, TripStatus.APPROVED)

    def stamp(trip: TripProposal) -> None:
        trip.approved_on = today or timezone.localdate()

    return record_update(
        actor=actor,
        obj=obj,
        data={"status": TripStatus.APPROVED},
        version=version,
        before_save=stamp,
        permission=Action.APPROVE,
    )


def _unit_of_trip(trip: TripProposal) -> Any:
    return trip.event.owner_unit


@service
def trip_return(
    *, actor: Any, obj: TripProposal, version: int | None, returned_on: datetime.date
) -> TripProposal:
    """Mark the delegation back; open its report (N calendar days) and passports (5 working days) duties."""
    if returned_on is None:
        raise ValidationError({"returned_on": _("Give the date of return.")})
    _check_trip_status(obj.status, TripStatus.DONE)
    trip = record_update(
        actor=actor, obj=obj, data={"status": TripStatus.DONE, "returned_on": returned_on}, version=version
    )
    open_return_duties(actor=actor, trip=trip)
    return trip


@service
def open_return_duties(*, actor: Any, trip: TripProposal) -> list[Any]:
    """The two tracked obligations after a return, assigned (lead) to the organising unit (once each).

    The report's source is the trip proposal; the passports' source is the delegation itself
    (a source is one record, and each record is the source of one obligation).
    """
    if trip.returned_on is None:
        return []
    unit = _unit_of_trip(trip)
    # The duties follow from the rule, not from a choice: an officer who records the return
    # opens them even without the right to assign work, so the system assigns them.
    if not (can(actor, Action.ADD, trip) and can(actor, Action.ASSIGN, trip)):
        actor = SYSTEM
    duties = (
        (trip, {"days": trip.report_days, "day_count": "calendar"}),
        (trip.event, {"days": PASSPORT_WORKING_DAYS, "day_count": "working"}),
    )
    out = []
    for source, deadline in duties:
        if tracking.existing_for_source(source) is not None:
            continue
        obligation = tracking.obligation_from_source(
            actor=actor, source=source, owner_unit=unit, data={"priority": "high"}
        )
        out.append(
            tracking.assignment_create(
                actor=actor,
                data={
                    "obligation": obligation,
                    "unit": unit,
                    "role": "lead",
                    "deadline_kind": "after_event",
                    "event_label": str(_("Return of the delegation")),
                    "event_on": trip.returned_on,
                    "assigned_on": trip.returned_on,
                    **deadline,
                },
            )
        )
    return out


# --- Media items --------------------------------------------------------------------------------


@service
def media_create(*, actor: Any, data: dict[str, Any]) -> MediaItem:
    data, m2m = split_m2m(data, MEDIA_M2M)
    return record_create(actor=actor, model=MediaItem, data=data, m2m=m2m)


@service
def media_update(*, actor: Any, obj: MediaItem, data: dict[str, Any], version: int | None) -> MediaItem:
    data, m2m = split_m2m(data, MEDIA_M2M)
    return record_update(actor=actor, obj=obj, data=data, version=version, m2m=m2m)


@service
def media_delete(*, actor: Any, obj: MediaItem, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)
