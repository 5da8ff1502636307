"""Events and their children are business records; pledges and trip duties are tracking sources."""

from django.utils.translation import gettext_lazy as _

from access.registry import register_model
from partners.profiles import ProfileSection, register_profile_section
from tracking.choices import SourceKind
from tracking.sources import SourceSpec, register_source

from . import sources
from .models import Event, MediaItem, Participant, Pledge, ProgrammeItem, TripProposal
from .selectors import partner_events

register_model(Event, namespace="events", api_basename="event")
register_model(ProgrammeItem, namespace="events", api_basename="programme-item")
register_model(Participant, namespace="events", api_basename="participant")
register_model(Pledge, namespace="events", api_basename="pledge")
register_model(TripProposal, namespace="events", api_basename="delegation")
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
        kind=SourceKind.DELEGATION,
        defaults=sources.passport_defaults,
        label=sources.passport_label,
        group=lambda event: event,
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
