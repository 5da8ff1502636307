"""A report run: one periodic Word report and its Excel annex, generated in the background."""

from __future__ import annotations

from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import BusinessRecord

from .choices import PeriodKind, RunStatus


class ReportRun(BusinessRecord):
    """A periodic report for a period and a scope, counted as the requesting user sees.

    Its classification is at least the highest level of the records it counted (set when
    generated). The figures are kept in ``facts`` so the files can be rebuilt with a copy
    number printed on each classified copy; ``docx`` and ``xlsx`` hold the generated files.
    """

    title = models.CharField(_("title"), max_length=300, blank=True)
    period_kind = models.CharField(
        _("period"), max_length=8, choices=PeriodKind.choices, default=PeriodKind.YEAR
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    period = models.PositiveSmallIntegerField(
        _("month or quarter"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("1-12 for a month, 1-4 for a quarter."),
    )
    year_to = models.PositiveSmallIntegerField(
        _("to year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Last year of a several-year review (2021-2025, say)."),
    )
    start_on = models.DateField(_("from"), null=True, blank=True)
    end_on = models.DateField(_("to"), null=True, blank=True)
    scope_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("scope"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("A unit and its subtree; empty: the whole ministry (as far as you may see)."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED, editable=False
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0, editable=False)
    message = models.CharField(_("message"), max_length=500, blank=True, editable=False)
    data_as_of = models.DateField(_("data as of"), null=True, blank=True, editable=False)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True, editable=False)
    facts = models.JSONField(_("figures"), default=dict, blank=True, editable=False)
    docx = models.BinaryField(_("Word document"), null=True, blank=True, editable=False)
    xlsx = models.BinaryField(_("Excel annex"), null=True, blank=True, editable=False)

    search_fields: ClassVar[tuple[str, ...]] = ("title",)
    history_exclude: ClassVar[dict[str, str]] = {
        "progress": "the generation job's progress while it runs",
        "message": "the generation job's last message while it runs",
        "facts": "the figures computed by the generation, kept as the document's content",
        "docx": "the generated Word document (a file, downloaded with its own audit entry)",
        "xlsx": "the generated Excel annex (a file, downloaded with its own audit entry)",
    }

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:reportrun", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)
