"""Choices of the articles module."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExtractionStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("pending review")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")
    CORRECTED = "corrected", _("corrected")


class FactField(models.TextChoices):
    """The extractor's output lists, in the order the article page groups them."""

    DOC_SYMBOLS = "doc_symbols", _("document symbols")
    PARTNER_COUNTRIES = "partner_countries", _("partner countries")
    PARTNER_AGENCIES = "partner_agencies", _("partner agencies")
    MULTILATERAL_BODIES = "multilateral_bodies", _("multilateral bodies")
    PEOPLE = "people", _("people")
    EVENTS = "events", _("events")
    QUANTITIES = "quantities", _("quantities")
    HEADLINE_COUNTS = "headline_counts", _("headline counts")
