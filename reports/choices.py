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


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Generating")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
