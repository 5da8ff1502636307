"""Writes of events, their children, trip proposals, consultations and media items.

A pledge becomes a tracked obligation through ``tracking.services.obligation_from_source``
(the pledge is registered as a source in ``events.registry``); a delegation's return opens
its two tracked duties (report, passports) through ``tracking.services``; an international
conference held in Vietnam opens its summary report and each consultation its answer
(Decision 06/2020/QĐ-TTg), completed when the report or the answer is recorded.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from access.links import LINK_ERROR
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
from tracking.models import Assignment, ProgressReport

from .choices import TRIP_TRANSITIONS, ParticipantSide, TripStatus
from .models import (
    CONFERENCE_REPORT_DAYS,
    Consultation,
    Event,
    MediaItem,
    Participant,
    Pledge,
    ProgrammeItem,
    TripProposal,
)

EVENT_M2M = ("attending_units", "agencies", "countries", "bodies", "instruments_signed")
MEDIA_M2M = ("countries", "agencies")
# Official passports go back to the managing unit within 5 working days of the return.
PASSPORT_WORKING_DAYS = 5


# --- Events -------------------------------------------------------------------------------------


@service
def event_create(*, actor: Any, data: dict[str, Any]) -> Event:
    """Record an event with its attending units, partners and the instruments signed there."""
    data, m2m = split_m2m(data, EVENT_M2M)
    event = record_create(actor=actor, model=Event, data=data, m2m=m2m)
    sync_conference_report(event)
    return event


@service
def event_update(*, actor: Any, obj: Event, data: dict[str, Any], version: int | None) -> Event:
    data, m2m = split_m2m(data, EVENT_M2M)
    event = record_update(actor=actor, obj=obj, data=data, version=version, m2m=m2m)
    # The children follow the event's classification (they are visible exactly when it is).
    sync_conference_report(event)
    for consultation in Consultation.objects.filter(event=event):
        _sync_answer(consultation)
    return event


@service
def event_delete(*, actor: Any, obj: Event, version: int | None) -> None:
    # A pledge tracked as an obligation is work someone owes: deleting the event would leave
    # the obligation pointing at nothing (the pledges go with the event).
    if any(tracking.existing_for_source(p) is not None for p in Pledge.objects.filter(event=obj)):
        raise ValidationError(
            _(
                "Pledges of this event are tracked as obligations; drop those obligations before deleting the event."
            )
        )
    _drop_open_duty(obj)
    for consultation in Consultation.objects.filter(event=obj):
        _drop_open_duty(consultation)
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


def _from_profile(actor: Any, data: dict[str, Any]) -> dict[str, Any]:
    """One of our staff linked to a capacity profile: the profile must be visible to the actor;
    an empty name or unit is taken from it."""
    profile = data.get("profile")
    if profile is None:
        return data
    from capacity.models import StaffProfile

    if not StaffProfile.objects.visible_to(actor).filter(pk=profile.pk).exists():
        raise ValidationError({"profile": [LINK_ERROR]})
    if data.get("side", ParticipantSide.OURS) != ParticipantSide.OURS:
        return data  # the model refuses a profile for a guest
    out = dict(data)
    if not out.get("name"):
        out["name"] = profile.full_name
    if not out.get("unit"):
        out["unit"] = profile.owner_unit
    return out


@service
def participant_create(*, actor: Any, data: dict[str, Any]) -> Participant:
    """Add one of our staff (linked to their capacity profile when known) or a foreign guest."""
    data = _from_profile(actor, data)
    return record_create(actor=actor, model=Participant, data=child_data(data["event"], data))


@service
def participant_update(
    *, actor: Any, obj: Participant, data: dict[str, Any], version: int | None
) -> Participant:
    if data.get("profile") is not None and data["profile"].pk != obj.profile_id:
        data = _from_profile(actor, {"side": obj.side, **data})
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


# --- International conferences held in Vietnam (Decision 06/2020/QĐ-TTg) -----------------------


def _lead(source: Any) -> Assignment | None:
    obligation = tracking.existing_for_source(source)
    if obligation is None:
        return None
    return obligation.assignments.filter(role="lead", parent__isnull=True).first()


def _completed(assignment: Assignment) -> bool:
    return ProgressReport.objects.filter(assignment=assignment, status="approved", percent=100).exists()


def _complete(assignment: Assignment, narrative: str) -> None:
    """The duty is met by a recorded fact (an answer, a report sent): the system reports and approves."""
    period = tracking.current_period(assignment)
    if period is None:
        return
    report = tracking.report_submit(
        actor=SYSTEM,
        data={"assignment": assignment, "period": period, "percent": 100, "narrative": narrative},
    )
    tracking.report_approve(actor=SYSTEM, obj=report, version=report.version)


def _open_duty(source: Any, *, unit: Any, event_label: str, event_on: datetime.date, days: int) -> Assignment:
    """An obligation from ``source`` assigned (lead) to ``unit``, due ``days`` calendar days after ``event_on``.

    The duty follows from the rule, not from a choice: the system opens it, whoever recorded the fact.
    """
    obligation = tracking.obligation_from_source(
        actor=SYSTEM, source=source, owner_unit=unit, data={"priority": "high"}
    )
    return tracking.assignment_create(
        actor=SYSTEM,
        data={
            "obligation": obligation,
            "unit": unit,
            "role": "lead",
            "deadline_kind": "after_event",
            "event_label": event_label,
            "event_on": event_on,
            "assigned_on": event_on,
            "days": days,
            "day_count": "calendar",
        },
    )


def _move_duty(assignment: Assignment, *, event_on: datetime.date, days: int) -> None:
    if assignment.event_on != event_on or assignment.days != days:
        tracking.assignment_update(
            actor=SYSTEM,
            obj=assignment,
            data={"event_on": event_on, "days": days, "assigned_on": event_on},
            version=assignment.version,
        )


def _drop_open_duty(source: Any) -> None:
    """A mistaken record goes with its duty, unless the duty has reports (then the record stays)."""
    obligation = tracking.existing_for_source(source)
    if obligation is None:
        return
    if ProgressReport.objects.filter(assignment__obligation=obligation).exists():
        raise ValidationError(
            _("“{}” is tracked and has progress reports: it cannot be deleted.").format(source)
        )
    tracking.obligation_delete(actor=SYSTEM, obj=obligation, version=obligation.version)


def sync_conference_report(event: Event) -> None:
    """The summary report of an international conference held in Vietnam: opened when the event
    is one, due 15 days after its last day, moved with its dates, completed when sent."""
    if event.type == "outgoing":
        return  # the event is then the source of the passports duty
    assignment = _lead(event)
    if not event.international_conference:
        if assignment is not None and not _completed(assignment):
            _drop_open_duty(event)
        return
    if assignment is None:
        assignment = _open_duty(
            event,
            unit=event.owner_unit,
            event_label=str(_("End of the conference")),
            event_on=event.last_day,
            days=CONFERENCE_REPORT_DAYS,
        )
    if _completed(assignment):
        return
    _move_duty(assignment, event_on=event.last_day, days=CONFERENCE_REPORT_DAYS)
    if event.summary_report_on:
        _complete(
            Assignment.objects.get(pk=assignment.pk),
            _("Summary report sent on {}.").format(event.summary_report_on.strftime("%d/%m/%Y")),
        )


def _sync_answer(consultation: Consultation) -> None:
    """The consulted body's answer: tracked from the consultation, completed when recorded."""
    assignment = _lead(consultation)
    if assignment is None:
        assignment = _open_duty(
            consultation,
            unit=consultation.event.owner_unit,
            event_label=str(_("Consultation sent")),
            event_on=consultation.consulted_on,
            days=consultation.answer_days,
        )
    if _completed(assignment):
        return
    _move_duty(assignment, event_on=consultation.consulted_on, days=consultation.answer_days)
    if consultation.answered_on:
        _complete(
            Assignment.objects.get(pk=assignment.pk),
            _("{} answered on {}.").format(consultation.body, consultation.answered_on.strftime("%d/%m/%Y")),
        )


@service
def consultation_create(*, actor: Any, data: dict[str, Any]) -> Consultation:
    """Record that a body was consulted on the conference; its answer becomes a tracked duty."""
    consultation = record_create(actor=actor, model=Consultation, data=child_data(data["event"], data))
    _sync_answer(consultation)
    return consultation


@service
def consultation_update(
    *, actor: Any, obj: Consultation, data: dict[str, Any], version: int | None
) -> Consultation:
    """Record the answer (date, position, text) or correct the consultation; an answer stays."""
    if obj.answered_on and "answered_on" in data and not data["answered_on"]:
        raise ValidationError({"answered_on": _("A recorded answer cannot be removed; correct its date.")})
    consultation = record_update(actor=actor, obj=obj, data=child_changes(obj, data), version=version)
    _sync_answer(consultation)
    return consultation


@service
def consultation_delete(*, actor: Any, obj: Consultation, version: int | None) -> None:
    _drop_open_duty(obj)
    record_delete(actor=actor, obj=obj, version=version)


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
