"""Choices of the reports module."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    """Reporting periods; month, quarter and year follow the Decree 09/2019 data windows."""

    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")
    YEARS = "years", _("Several years")
    RANGE = "range", _("Dates")


class ReportKind(models.TextChoices):
    """What a report run counts: the periodic foreign-affairs report (generated in the
    background), or the yearly state-secrets report (counted and frozen when issued)."""

    ACTIVITY = "activity", _("Foreign-affairs report")
    SECRETS = "secrets", _("Yearly state-secrets report")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Generating")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class DocumentType(models.TextChoices):
    """Kinds of issued document, valued by their abbreviation in the symbol (Decree 30/2020,
    Appendix III). A công văn has none: its symbol is the issuer's abbreviation alone."""

    BAO_CAO = "BC", _("Report")
    CONG_VAN = "CV", _("Official letter")
    KE_HOACH = "KH", _("Plan")
    THONG_BAO = "TB", _("Notice")
    TO_TRINH = "TTr", _("Submission")
    GIAY_MOI = "GM", _("Invitation")


# The type part of the symbol ("" for a công văn, whose symbol names only the issuer).
SYMBOL_ABBREVIATION = {value: ("" if value == "CV" else value) for value in DocumentType.values}


class IncidentKind(models.TextChoices):
    """A state-secret incident: a loss or a disclosure (Law 117/2025/QH15)."""

    LOSS = "loss", _("Loss")
    DISCLOSURE = "disclosure", _("Disclosure")
