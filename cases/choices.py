"""Choices of cooperation cases, operations and the competent-authority directory."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseType(models.TextChoices):
    MLA = "mla", _("Mutual legal assistance request")
    EXTRADITION = "extradition", _("Extradition request")
    TRANSFER = "transfer", _("Transfer of sentenced persons")
    INFORMATION = "information", _("Information exchange or verification request")
    JOINT_INVESTIGATION = "joint_investigation", _("Joint investigation")
    INTERPOL_NOTICE = "interpol_notice", _("INTERPOL notice or diffusion")
    CITIZEN_PROTECTION = "citizen_protection", _("Citizen protection")
    REPATRIATION = "repatriation", _("Repatriation or handover of suspects or victims")
    ASSET_RECOVERY = "asset_recovery", _("Asset recovery")


class Direction(models.TextChoices):
    INCOMING = "incoming", _("Incoming (from a partner)")
    OUTGOING = "outgoing", _("Outgoing (to a partner)")


class NoticeColour(models.TextChoices):
    RED = "red", _("Red notice")
    YELLOW = "yellow", _("Yellow notice")
    BLUE = "blue", _("Blue notice")
    BLACK = "black", _("Black notice")
    GREEN = "green", _("Green notice")
    ORANGE = "orange", _("Orange notice")
    PURPLE = "purple", _("Purple notice")
    SILVER = "silver", _("Silver notice")
    DIFFUSION = "diffusion", _("Diffusion")


class Channel(models.TextChoices):
    INTERPOL = "interpol", _("INTERPOL National Central Bureau")
    ASEANAPOL = "aseanapol", _("ASEANAPOL")
    LIAISON = "liaison", _("Liaison officer")
    DIPLOMATIC = "diplomatic", _("Diplomatic channel")
    DIRECT = "direct", _("Direct agency contact")


class CrimeArea(models.TextChoices):
    DRUGS = "drugs", _("Drugs")
    CYBER = "cyber", _("Cyber crime")
    TRAFFICKING = "trafficking", _("Human trafficking")
    FRAUD = "fraud", _("Fraud")
    TERRORISM = "terrorism", _("Terrorism")
    SMUGGLING = "smuggling", _("Smuggling")
    MONEY_LAUNDERING = "money_laundering", _("Money laundering")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    DRAFTED = "drafted", _("Drafted")
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# What may follow what. An incoming request is received, worked on and answered; an outgoing
# one is drafted, sent, acknowledged by the partner and answered. An answered case may be
# reopened (a supplementary request) or closed. Closed, refused and withdrawn are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    "received": frozenset({"acknowledged", "in_progress", "answered", "refused", "withdrawn"}),
    "drafted": frozenset({"sent", "withdrawn"}),
    "sent": frozenset({"acknowledged", "in_progress", "answered", "refused", "withdrawn"}),
    "acknowledged": frozenset({"in_progress", "answered", "refused", "withdrawn"}),
    "in_progress": frozenset({"answered", "refused", "withdrawn"}),
    "answered": frozenset({"in_progress", "closed"}),
    "closed": frozenset(),
    "refused": frozenset(),
    "withdrawn": frozenset(),
}
# Statuses in which the response deadline is met (its tracked assignment is completed).
SETTLED = frozenset({"answered", "closed", "refused", "withdrawn"})
# Statuses of an outgoing request that wait for the partner (its deadline runs from sending).
WAITING = frozenset({"sent", "acknowledged", "in_progress"})


class Rules(models.TextChoices):
    BEFORE_2026 = "before_2026", _("Rules before 1 July 2026 (Law on Mutual Legal Assistance 2007)")
    LAWS_2025 = (
        "laws_2025",
        _(
            "2025 laws on extradition, mutual legal assistance in criminal matters and transfer of sentenced persons"
        ),
    )


# The three 2025 laws apply from this day (DESIGN.md section 6).
LAWS_2025_FROM = datetime.date(2026, 7, 1)


def rules_for(day: datetime.date) -> str:
    return Rules.LAWS_2025 if day >= LAWS_2025_FROM else Rules.BEFORE_2026


# Provisional arrest: the requesting state has 45 days to send the extradition request. The
# rule set of the case's date may set its own limit (cases.models.RuleSet); this is the default.
PROVISIONAL_ARREST_DAYS = 45

# Case types that go through a central authority, and the kind of request of the directory
# (CompetentAuthority.request_kind) that authority is listed under.
CENTRAL_AUTHORITY_KINDS: dict[str, str] = {"mla": "mla", "extradition": "extradition", "transfer": "transfer"}


class ArrestEnd(models.TextChoices):
    """How a provisional arrest ended: each completes its tracked 45-day deadline."""

    REQUEST_RECEIVED = "request_received", _("The formal extradition request was received")
    RELEASED = "released", _("The person was released")
    EXTRADITED = "extradited", _("The person was extradited")


# Default response deadlines (days from receipt, or from sending for outgoing requests) when
# no ResponseRule is recorded for the type.
DEFAULT_RESPONSE_DAYS: dict[str, int] = {
    "mla": 60,
    "extradition": 60,
    "transfer": 90,
    "information": 30,
    "joint_investigation": 90,
    "interpol_notice": 15,
    "citizen_protection": 7,
    "repatriation": 30,
    "asset_recovery": 90,
}


class ReferenceKind(models.TextChoices):
    OURS = "ours", _("Our reference")
    PARTNER = "partner", _("Partner's reference")
    INTERPOL = "interpol", _("INTERPOL reference")
    OTHER = "other", _("Other")


class MessageDirection(models.TextChoices):
    SENT = "sent", _("Sent")
    RECEIVED = "received", _("Received")


class RequestKind(models.TextChoices):
    MLA = "mla", _("Mutual legal assistance")
    EXTRADITION = "extradition", _("Extradition")
    TRANSFER = "transfer", _("Transfer of sentenced persons")
    INTERPOL = "interpol", _("INTERPOL channel")
    OTHER = "other", _("Other police cooperation")


class AuthorityRole(models.TextChoices):
    CENTRAL = "central", _("Central authority")
    COMPETENT = "competent", _("Competent authority")


class OutcomeKind(models.TextChoices):
    ARREST = "arrest", _("Arrests")
    PROSECUTION = "prosecution", _("Prosecutions")
    EXTRADITION = "extradition", _("Extraditions")
    REPATRIATION = "repatriation", _("Persons repatriated or handed over")
    SEIZURE = "seizure", _("Seizure")
    TRAINING = "training", _("Trainings delivered")
    DOCUMENTS = "documents", _("Documents exchanged")


class MeasureUnit(models.TextChoices):
    KG = "kg", _("kg")
    G = "g", _("g")
    TABLETS = "tablets", _("tablets")
    LITRES = "litres", _("litres")
    ITEMS = "items", _("items")
    VND = "vnd", _("VND")
    USD = "usd", _("USD")


# Handling codes of exchanged information, in the manner of Europol's SIENA.
class HandlingCode(models.TextChoices):
    H0 = "h0", _("H0: for law-enforcement purposes; may be passed on to competent services")
    H1 = "h1", _("H1: not to be used as evidence in judicial proceedings without the provider's permission")
    H2 = "h2", _("H2: not to be disseminated further without the provider's permission")
    H3 = "h3", _("H3: other restrictions (stated)")


# Codes that forbid passing the information on (sharing it with other units) on our own.
NO_FURTHER_DISSEMINATION = frozenset({"h2", "h3"})
# Codes under which the information may not be used as evidence without permission.
NOT_EVIDENCE = frozenset({"h1", "h2", "h3"})


class SourceReliability(models.TextChoices):
    """SIENA's 4x4 evaluation: the reliability of the source."""

    A = "A", _("A: no doubt about the source's authenticity, trustworthiness and competence")
    B = "B", _("B: a source whose information has in most instances proved reliable")
    C = "C", _("C: a source whose information has in most instances proved unreliable")
    X = "X", _("X: the reliability of the source cannot be assessed")


class InformationAccuracy(models.TextChoices):
    """SIENA's 4x4 evaluation: the accuracy of the information."""

    ONE = "1", _("1: no doubt about its accuracy")
    TWO = "2", _("2: known personally to the source but not to the official passing it on")
    THREE = "3", _("3: not known personally to the source but corroborated by other information")
    FOUR = "4", _("4: not known personally to the source and cannot be corroborated")


class DecisionLevel(models.TextChoices):
    MINISTER = "minister", _("Minister")
    DEPUTY_MINISTER = "deputy_minister", _("Deputy Minister")
    DIRECTOR = "director", _("Head of a department or provincial police")
    OTHER = "other", _("Other level")
    # The authorities the state-secret law names for releasing Tuyệt mật information.
    GENERAL_SECRETARY = "gen_secretary", _("General Secretary of the Party")
    PRESIDENT = "president", _("President of the State")
    PRIME_MINISTER = "prime_minister", _("Prime Minister")
    ASSEMBLY_CHAIR = "assembly_chair", _("Chair of the National Assembly")


# The state-secret law: Tuyệt mật goes to a foreign partner only on the decision of the
# General Secretary, the President, the Prime Minister or the Chair of the National Assembly
# (each for what they manage); Mật and Tối mật on the decision of the Minister or a Deputy
# Minister (or of one of those higher authorities).
TOP_RELEASE_LEVELS = frozenset({"gen_secretary", "president", "prime_minister", "assembly_chair"})
RELEASE_LEVELS = frozenset({"minister", "deputy_minister"}) | TOP_RELEASE_LEVELS
RELEASABLE = frozenset({"mat", "toi_mat"})


class DataSensitivity(models.TextChoices):
    BASIC = "basic", _("Basic personal data")
    SENSITIVE = "sensitive", _("Sensitive personal data")


class DataLegalBasis(models.TextChoices):
    CRIME_PREVENTION = "crime_prevention", _("Prevention and fight against crime")
    LEGAL_DUTY = "legal_duty", _("A duty set by law")
    TREATY = "treaty", _("An international treaty to which Viet Nam is a party")
    VITAL_INTEREST = "vital_interest", _("Protection of life, health or property")
    CONSENT = "consent", _("Consent of the data subject")


class DataCategory(models.TextChoices):
    ADDRESS = "address", _("Address or residence")
    CONTACT = "contact", _("Phone, e-mail or account")
    FAMILY = "family", _("Family relations")
    PHOTO = "photo", _("Photograph")
    BIOMETRIC = "biometric", _("Biometric data (fingerprints, DNA)")
    CRIMINAL = "criminal", _("Criminal record or offences")
    HEALTH = "health", _("Health")
    FINANCIAL = "financial", _("Bank accounts and finances")
    LOCATION = "location", _("Location")
    OTHER = "other", _("Other")


# Categories that the Decree on personal data always treats as sensitive.
SENSITIVE_CATEGORIES = frozenset({"biometric", "criminal", "health", "financial", "location"})
# The identity fields of a subject (name, date of birth, nationality, document) are basic data.


class LetterLanguage(models.TextChoices):
    VI = "vi", _("Vietnamese")
    EN = "en", _("English")


# Placeholders a letter template may use, filled from the case (see cases.letters).
LETTER_PLACEHOLDERS = (
    "title",
    "case_type",
    "requesting_party",
    "requested_party",
    "legal_basis",
    "facts",
    "persons",
    "assistance",
    "contacts",
    "our_reference",
    "partner_reference",
    "date",
)
