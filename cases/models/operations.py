"""Joint operations (chuyên án) and the outcomes of cases, operations and progress reports."""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from access.choices import levels_up_to
from access.querysets import BusinessQuerySet
from core.models import BusinessRecord

from ..choices import (
    CrimeArea,
    MeasureUnit,
    OutcomeKind,
)
from .case import CooperationCase


class Operation(BusinessRecord):
    """A joint investigation operation (chuyên án) with partners; the owner unit leads it."""

    name = models.CharField(_("name"), max_length=300)
    code_name = models.CharField(_("code name"), max_length=100, blank=True)
    crime_area = models.CharField(_("crime area"), max_length=20, choices=CrimeArea.choices)
    countries = models.ManyToManyField(
        "partners.Country", verbose_name=_("partner countries"), blank=True, related_name="operations"
    )
    agencies = models.ManyToManyField(
        "partners.ForeignAgency", verbose_name=_("partner agencies"), blank=True, related_name="operations"
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    cases = models.ManyToManyField(
        CooperationCase, verbose_name=_("linked cases"), blank=True, related_name="operations"
    )
    participating_units = models.ManyToManyField(
        "org.Unit",
        verbose_name=_("participating units"),
        blank=True,
        related_name="operations",
        help_text=_("Our units taking part besides the lead unit; they see the operation."),
    )
    summary = models.TextField(_("summary"), blank=True)

    access_unit_paths = ("participating_units",)
    search_fields = ("name", "code_name", "summary")

    class Meta:
        verbose_name = _("operation")
        verbose_name_plural = _("operations")
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cases:operation", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        from django.core.exceptions import ValidationError

        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end cannot precede the start.")})


class OutcomeQuerySet(BusinessQuerySet):
    def _visible_to(self, user: Any) -> OutcomeQuerySet:
        """An outcome is seen where the record it belongs to is seen (a case, an operation, a
        progress report: its supporting or participating units, its shares), and by its own
        unit and shares; never above the viewer's clearance."""
        own = super()._visible_to(user)
        if user is None or not getattr(user, "is_authenticated", False):
            return own
        from django.apps import apps

        owners = models.Q()
        for field, label in (
            ("case", "cases.CooperationCase"),
            ("operation", "cases.Operation"),
            ("report", "tracking.ProgressReport"),
        ):
            visible = apps.get_model(label).objects.visible_to(user).order_by().values("pk")
            owners |= models.Q(**{f"{field}__in": visible})
        return self.filter(
            models.Q(pk__in=own.order_by().values("pk"))
            | (owners & models.Q(classification__in=levels_up_to(user.clearance)))
        )


class Outcome(BusinessRecord):
    """What was done: arrests, prosecutions, extraditions, repatriations, trainings delivered,
    documents exchanged (a count) or a seizure; recorded on the case, the operation or the
    assignment's progress report it came out of, and naming the obligation and instrument it
    serves, so the chain clause → obligation → assignment → report → outcome closes."""

    OWNERS = ("case", "operation", "report")

    case = models.ForeignKey(
        CooperationCase,
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outcomes",
    )
    operation = models.ForeignKey(
        Operation,
        verbose_name=_("operation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outcomes",
    )
    report = models.ForeignKey(
        "tracking.ProgressReport",
        verbose_name=_("progress report"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outcomes",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=OutcomeKind.choices)
    count = models.PositiveIntegerField(
        _("number"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100_000)],
        help_text=_("Persons, trainings or documents, by kind."),
    )
    substance = models.CharField(_("substance or goods"), max_length=200, blank=True)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    measure_unit = models.CharField(
        _("unit of measure"), max_length=8, choices=MeasureUnit.choices, blank=True
    )
    occurred_on = models.DateField(_("date"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    # What it serves. RESTRICT, not PROTECT: deleting an obligation deletes its reports and
    # their outcomes with it, but an outcome recorded elsewhere keeps the obligation alive.
    obligation = models.ForeignKey(
        "tracking.Obligation",
        verbose_name=_("obligation served"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="outcomes",
    )
    instrument = models.ForeignKey(
        "instruments.Instrument",
        verbose_name=_("instrument served"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="outcomes",
    )

    objects = OutcomeQuerySet.as_manager()

    # It takes the unit and classification of the record it belongs to (cases.services).
    classification_follows = "case, operation or progress report"

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        # Undated outcomes last on both databases (PostgreSQL puts NULLs first when descending).
        ordering = [models.F("occurred_on").desc(nulls_last=True), "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                name="cases_outcome_one_owner",
                condition=(
                    models.Q(case__isnull=False, operation__isnull=True, report__isnull=True)
                    | models.Q(case__isnull=True, operation__isnull=False, report__isnull=True)
                    | models.Q(case__isnull=True, operation__isnull=True, report__isnull=False)
                ),
            )
        ]

    def __str__(self) -> str:
        if self.kind == OutcomeKind.SEIZURE:
            return f"{self.get_kind_display()}: {self.substance} {self.quantity or ''} {self.measure_unit}".strip()
        return f"{self.get_kind_display()}: {self.count or 0}"

    def get_absolute_url(self) -> str:
        return reverse("cases:outcome", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        from django.core.exceptions import ValidationError

        errors = {}
        if self.kind == OutcomeKind.SEIZURE:
            if not self.substance:
                errors["substance"] = _("Say what was seized.")
            if self.quantity is None:
                errors["quantity"] = _("A seizure needs its quantity.")
            if not self.measure_unit:
                errors["measure_unit"] = _("A seizure needs its unit of measure.")
        elif self.kind and not self.count:
            errors["count"] = COUNT_MESSAGES.get(self.kind, _("Give the number of persons."))
        if errors:
            raise ValidationError(errors)

    @property
    def owner(self) -> Any:
        """The case, operation or progress report the outcome belongs to."""
        for name in self.OWNERS:
            if getattr(self, f"{name}_id"):
                return getattr(self, name)
        return None


COUNT_MESSAGES = {
    OutcomeKind.TRAINING: _("Give the number of trainings delivered."),
    OutcomeKind.DOCUMENTS: _("Give the number of documents exchanged."),
}
