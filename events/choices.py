"""Choice sets of events, delegations, pledges and outreach."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from capacity.choices import QualificationKind


class EventType(models.TextChoices):
    INCOMING = "incoming", _("Incoming delegation")
    OUTGOING = "outgoing", _("Outgoing delegation")
    BILATERAL = "bilateral", _("Bilateral meeting or talks")
    CONFERENCE = "conference", _("Conference")
    TRAINING = "training", _("Training")
    SIGNING = "signing", _("Signing ceremony")
    MULTILATERAL = "multilateral", _("Multilateral meeting")
    ONLINE = "online", _("Online meeting")
    OTHER = "other", _("Other")


class EventLevel(models.TextChoices):
    MINISTRY = "ministry", _("Ministry leadership")
    DEPARTMENT = "department", _("Department")
    PROVINCE = "province", _("Province")


class ParticipantSide(models.TextChoices):
    OURS = "ours", _("Our staff")
    GUEST = "guest", _("Foreign guest")


class PledgeStatus(models.TextChoices):
    """Whether the pledge still stands; what became of it is its obligation's status (derived)."""

    OPEN = "open", _("Open")
    DROPPED = "dropped", _("Dropped")


class TripStatus(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal")
    APPROVED = "approved", _("Approved")
    DONE = "done", _("Done (returned)")


TRIP_TRANSITIONS: dict[str, frozenset[str]] = {
    TripStatus.PROPOSAL: frozenset({TripStatus.APPROVED}),
    TripStatus.APPROVED: frozenset({TripStatus.DONE, TripStatus.PROPOSAL}),
    TripStatus.DONE: frozenset(),
}


class Platform(models.TextChoices):
    PRESS = "press", _("Press")
    TELEVISION = "television", _("Television")
    ONLINE = "online", _("Online")
    SOCIAL = "social", _("Social media")


class Language(models.TextChoices):
    VI = "vi", _("Vietnamese")
    EN = "en", _("English")
    OTHER = "other", _("Other")


class ConsultationPosition(models.TextChoices):
    AGREES = "agrees", _("Agrees")
    COMMENTS = "comments", _("Agrees with comments")
    OBJECTS = "objects", _("Does not agree")


# A training that counts toward the staff capacity criterion gives one of capacity's
# qualification kinds (events may use capacity; capacity never imports events).
CAPACITY_CREDITS = [(k, label) for k, label in QualificationKind.choices if k != QualificationKind.OTHER]
