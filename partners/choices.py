from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    ASEAN = "asean", _("ASEAN")
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")
    AMERICAS = "americas", _("Americas")
    AFRICA = "africa", _("Africa")
    OCEANIA = "oceania", _("Oceania")
    OTHER = "other", _("Other")


class AgencyKind(models.TextChoices):
    POLICE = "police", _("Police")
    SECURITY = "security", _("Security")
    IMMIGRATION = "immigration", _("Immigration")
    PROSECUTION = "prosecution", _("Prosecution")
    JUSTICE = "justice", _("Justice")
    CUSTOMS = "customs", _("Customs")
    INTELLIGENCE = "intelligence", _("Intelligence")
    OTHER = "other", _("Other")


class BodyKind(models.TextChoices):
    ORGANIZATION = "organization", _("Organisation")
    FORUM = "forum", _("Forum")
    MECHANISM = "mechanism", _("Cooperation mechanism")


class BodyScope(models.TextChoices):
    REGIONAL = "regional", _("Regional")
    GLOBAL = "global", _("Global")


class RelationshipLevel(models.TextChoices):
    MINISTRY = "ministry", _("Ministry level")
    DEPARTMENT = "department", _("Department level")
    PROVINCE = "province", _("Provincial level")


class Channel(models.TextChoices):
    LIAISON_OFFICER = "liaison_officer", _("Liaison officer")
    HOTLINE = "hotline", _("Hotline")
    REGULAR_MEETINGS = "regular_meetings", _("Regular meetings")
    MOU = "mou", _("Memorandum of understanding")
    WORKING_GROUP = "working_group", _("Joint working group")
    INFORMATION_EXCHANGE = "information_exchange", _("Information exchange")


class MembershipStatus(models.TextChoices):
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")
    PARTICIPANT = "participant", _("Participant")
    DIALOGUE_PARTNER = "dialogue_partner", _("Dialogue partner")


class GroupKind(models.TextChoices):
    ORGANIZATION = "organization", _("Members of an organisation")
    UN = "un", _("United Nations body")
    GEOGRAPHY = "geography", _("Geography")
    PARTNERSHIP = "partnership", _("Partnership framework")
    OTHER = "other", _("Other")
