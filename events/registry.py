"""Events and their children are business records; pledges and trip duties are tracking sources."""

from django.utils.translation import gettext_lazy as _

from access.registry import register_model
from capacity.attendance import AttendanceSource, register_attendance
from partners.profiles import ProfileSection, register_profile_section
from tracking.choices import SourceKind
from tracking.coverage import CommitmentSource, register_commitments
from tracking.sources import SourceSpec, register_source

from . import commitments, sources
from .models import Consultation, Event, MediaItem, Participant, Pledge, ProgrammeItem, TripProposal
from .selectors import events_attended, partner_events, training_credits, training_qualifications

register_model(Event, namespace="events", api_basename="event")
register_model(ProgrammeItem, namespace="events", api_basename="programme-item")
register_model(Participant, namespace="events", api_basename="participant")
register_model(Pledge, namespace="events", api_basename="pledge")
register_model(TripProposal, namespace="events", api_basename="delegation")
register_model(Consultation, namespace="events", api_basename="consultation")
register_model(MediaItem, namespace="events", api_basename="media-item")

# "Đã cam kết là phải thực hiện": a pledge becomes an obligation in one action, grouped under
# its event; a delegation's return opens its report (source: the proposal) and its
# passports duty (source: the delegation itself).
register_source(
    SourceSpec(
        model=Pledge,
        kind=SourceKind.PLEDGE,
        defaults=sources.pledge_defaults,
        label=sources.pledge_label,
        group=lambda pledge: pledge.event,
        group_model=Event,
        tree=sources.event_duties,
    )
)
register_source(
    SourceSpec(
        model=TripProposal,
        kind=SourceKind.DELEGATION,
        defaults=sources.trip_defaults,
        label=sources.trip_label,
        group=lambda trip: trip.event,
        group_model=Event,
        tree=sources.event_duties,
    )
)
register_source(
    SourceSpec(
        model=Event,
        kind=lambda event: SourceKind.CONFERENCE if event.international_conference else SourceKind.DELEGATION,
        defaults=sources.passport_defaults,
        label=sources.passport_label,
        group=lambda event: event,
        group_model=Event,
        tree=sources.event_duties,
    )
)
# An international conference held in Vietnam: each consulted body's answer (15 days) is an
# obligation of the conference kind; the summary report after
# the event has the event itself as its source (see sources.passport_defaults).
register_source(
    SourceSpec(
        model=Consultation,
        kind=SourceKind.CONFERENCE,
        defaults=sources.consultation_defaults,
        label=sources.consultation_label,
        group=lambda consultation: consultation.event,
        group_model=Event,
        tree=sources.event_duties,
    )
)
register_profile_section(
    ProfileSection(
        key="events",
        label=_("Events and delegations"),
        template="events/_partner_events.html",
        context=partner_events,
    )
)

# Our staff at an event link to their capacity profiles: the profile lists the events attended,
# and a training with a capacity credit counts toward the criterion from its last day.
register_attendance(
    AttendanceSource(
        key="events",
        qualifications=training_qualifications,
        attended=events_attended,
        credits=training_credits,
    )
)

# Coverage of commitments (tracking.coverage): each pledge still standing is a commitment.
register_commitments(
    CommitmentSource(
        key="pledge",
        kind=SourceKind.PLEDGE,
        model=Pledge,
        label=_("Pledges at events"),
        rows=commitments.pledge_rows,
        is_commitment=commitments.is_pledge_commitment,
    )
)
