"""A press article taken in (pasted or uploaded), and the facts the extractor proposes from it."""

from __future__ import annotations

import json
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.guards import ServiceWritesModel, ServiceWritesQuerySet
from core.models import BusinessRecord

from .choices import ExtractionStatus, FactField, ProposalStatus


class Article(BusinessRecord):
    """A published article (press, ministry site) kept as plain text, with its source.

    The text is stored as read (NFC, after HTML, DOCX or PDF extraction) and never changes:
    every proposed fact points into it by code-point offsets. The URL is kept as written and
    never fetched (the system is offline). ``content_hash`` and ``fingerprint`` recognise the
    same article taken in twice (exactly, or with small differences: see ``articles.dedup``).
    """

    title = models.CharField(_("title"), max_length=500)
    source_name = models.CharField(_("source"), max_length=200, blank=True)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    published_on = models.DateField(_("publication date"), db_index=True)
    text = models.TextField(_("text"), editable=False)
    original_filename = models.CharField(_("original file name"), max_length=255, blank=True, editable=False)
    content_hash = models.CharField(_("content hash"), max_length=64, db_index=True, editable=False)
    fingerprint = models.JSONField(_("fingerprint"), default=list, blank=True, editable=False)
    extraction_status = models.CharField(
        _("extraction"),
        max_length=8,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.QUEUED,
        editable=False,
    )
    extraction_progress = models.PositiveSmallIntegerField(_("progress"), default=0, editable=False)
    extraction_message = models.CharField(_("message"), max_length=500, blank=True, editable=False)
    extracted_at = models.DateTimeField(_("extracted at"), null=True, blank=True, editable=False)
    extraction = models.JSONField(_("extraction result"), default=dict, blank=True, editable=False)
    # The outreach coverage this article is counted as (events.MediaItem), linked or created
    # by a coordinator on the article page (articles.accept).
    media_item = models.ForeignKey(
        "events.MediaItem",
        verbose_name=_("media item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    search_fields: ClassVar[tuple[str, ...]] = ("title", "source_name")
    history_exclude: ClassVar[dict[str, str]] = {
        "text": "the article's text, fixed at intake (its hash is recorded)",
        "fingerprint": "derived from the text (near-duplicate detection)",
        "extraction_status": "the extraction job's state while it runs",
        "extraction_progress": "the extraction job's progress while it runs",
        "extraction_message": "the extraction job's last message",
        "extracted_at": "when the extraction job last ran",
        "extraction": "the extractor's raw output, kept as proposals",
    }

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("articles:article", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.extraction_status in (ExtractionStatus.DONE, ExtractionStatus.FAILED)


class FactProposal(ServiceWritesModel):
    """One fact the extractor proposes from an article, with the words it came from.

    Not a business record of its own: it is seen by whoever sees its article and reviewed by
    whoever may change it (``access_parent``). ``value`` is the extractor's item as proposed;
    a correction goes to ``corrected_value`` so the proposal stays as it was made.
    """

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="proposals"
    )
    field = models.CharField(_("field"), max_length=32, choices=FactField.choices)
    position = models.PositiveIntegerField(_("position"), default=0)
    value = models.JSONField(_("proposed value"), default=dict)
    evidence = models.TextField(_("evidence"))
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    corrected_value = models.JSONField(_("corrected value"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    # The registry record the accepted fact was linked to or created as (articles.accept):
    # the record points back to the article and the evidence through this proposal.
    linked_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    linked_id = models.CharField(max_length=64, null=True, blank=True, editable=False, db_index=True)
    linked = GenericForeignKey("linked_type", "linked_id")
    linked_created = models.BooleanField(_("created from the article"), default=False, editable=False)

    objects = ServiceWritesQuerySet.as_manager()

    access_parent: ClassVar[str] = "article"

    class Meta:
        verbose_name = _("proposed fact")
        verbose_name_plural = _("proposed facts")
        ordering = ["article", "start", "position"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="proposal_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_field_display()}: {self.label}"

    @classmethod
    def generic_link_targets(cls, name: str) -> list[type]:
        """The records an accepted fact may name (articles.accept)."""
        from .accept import _models

        return sorted(_models().values(), key=lambda m: m._meta.label)

    @property
    def label(self) -> str:
        """A short reading of the value (the name, symbol or figure the fact is about)."""
        value: dict[str, Any] = self.corrected_value or self.value or {}
        parts = [str(value[k]) for k in LABEL_KEYS.get(self.field, ()) if value.get(k) not in (None, "")]
        return " · ".join(parts) if parts else self.evidence[:80]

    @property
    def editable_items(self) -> list[tuple[str, Any, Any]]:
        """(key, label, current value) of each key a reviewer may correct (the evidence and
        its offsets are the text's, not the reviewer's)."""
        value = self.corrected_value or self.value or {}
        return [
            (k, KEY_LABELS.get(k, k), "" if v is None else v)
            for k, v in value.items()
            if k not in ("evidence", "start", "end")
        ]

    @property
    def value_json(self) -> str:
        """The value as the reviewer edits it (the correction when there is one)."""
        return json.dumps(self.corrected_value or self.value, ensure_ascii=False, indent=1)


# Labels of the extractor's keys on the correction form.
KEY_LABELS: dict[str, Any] = {
    "symbol": _("symbol"),
    "name": _("name"),
    "iso2": _("ISO code"),
    "role": _("role"),
    "country": _("country"),
    "as_written": _("as written"),
    "rank": _("rank"),
    "title": _("title"),
    "side": _("side"),
    "type": _("type"),
    "date": _("date"),
    "date_iso": _("date (ISO)"),
    "place": _("place"),
    "summary": _("summary"),
    "value": _("value"),
    "unit": _("unit"),
    "what": _("what"),
    "qualifier": _("qualifier"),
    "of_countries": _("of countries"),
}

# The keys of each field's item that name it in a list, in reading order.
LABEL_KEYS: dict[str, tuple[str, ...]] = {
    FactField.DOC_SYMBOLS: ("symbol",),
    FactField.PARTNER_COUNTRIES: ("name", "iso2", "role"),
    FactField.PARTNER_AGENCIES: ("name", "country"),
    FactField.MULTILATERAL_BODIES: ("name",),
    FactField.PEOPLE: ("rank", "name", "title", "side", "role"),
    FactField.EVENTS: ("type", "date_iso", "place"),
    FactField.QUANTITIES: ("qualifier", "value", "unit", "what"),
    FactField.HEADLINE_COUNTS: ("what", "value", "of_countries"),
}
