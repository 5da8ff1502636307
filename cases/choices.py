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


# Provisional arrest: the requesting state has 45 days to send the extradition request.
PROVISIONAL_ARREST_DAYS = 45

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


class MeasureUnit(models.TextChoices):
    KG = "kg", _("kg")
    G = "g", _("g")
    TABLETS = "tablets", _("tablets")
    LITRES = "litres", _("litres")
    ITEMS = "items", _("items")
    VND = "vnd", _("VND")
    USD = "usd", _("USD")
