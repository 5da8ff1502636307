"""Cooperation cases (requests with partners), joint operations and their reference data."""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.guards import ServiceWritesModel, ServiceWritesQuerySet
from core.models import BusinessRecord

from .choices import (
    PROVISIONAL_ARREST_DAYS,
    AuthorityRole,
    CaseStatus,
    CaseType,
    Channel,
    CrimeArea,
    Direction,
    MeasureUnit,
    MessageDirection,
    NoticeColour,
    OutcomeKind,
    ReferenceKind,
    RequestKind,
    Rules,
)


class CooperationCase(BusinessRecord):
    """A request or case handled with foreign partners; the owner unit is the lead unit."""

    title = models.CharField(_("title"), max_length=300)
    type = models.CharField(_("type"), max_length=24, choices=CaseType.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    notice_colour = models.CharField(
        _("INTERPOL notice"), max_length=12, choices=NoticeColour.choices, blank=True
    )
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    crime_area = models.CharField(_("crime area"), max_length=20, choices=CrimeArea.choices)
    countries = models.ManyToManyField(
        "partners.Country", verbose_name=_("partner countries"), blank=True, related_name="cases"
    )
    agencies = models.ManyToManyField(
        "partners.ForeignAgency", verbose_name=_("partner agencies"), blank=True, related_name="cases"
    )
    legal_basis = models.ForeignKey(
        "instruments.Instrument",
        verbose_name=_("legal basis"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    reciprocity = models.BooleanField(_("on the basis of reciprocity"), default=False)
    support_units = models.ManyToManyField(
        "org.Unit", verbose_name=_("supporting units"), blank=True, related_name="supported_cases"
    )
    status = models.CharField(_("status"), max_length=16, choices=CaseStatus.choices)
    opened_on = models.DateField(_("received or opened on"))
    response_due_on = models.DateField(
        _("response due on"),
        null=True,
        blank=True,
        help_text=_("Left empty, it follows the response rule of the case type."),
    )
    provisional_arrest_on = models.DateField(
        _("provisional arrest on"),
        null=True,
        blank=True,
        help_text=_("The partner has 45 days from the provisional arrest to send the extradition request."),
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    rules_applied = models.CharField(_("rules applied"), max_length=16, choices=Rules.choices, editable=False)
    paused_reason = models.CharField(_("reminders paused because"), max_length=300, blank=True)
    paused_on = models.DateField(_("paused on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    access_unit_paths = ("support_units",)
    search_fields = ("title", "summary")
    history_fields = (
        "title",
        "type",
        "direction",
        "notice_colour",
        "channel",
        "crime_area",
        "countries",
        "agencies",
        "legal_basis",
        "reciprocity",
        "support_units",
        "status",
        "opened_on",
        "response_due_on",
        "provisional_arrest_on",
        "closed_on",
        "paused_reason",
        "paused_on",
        "summary",
        "owner_unit",
        "classification",
    )

    class Meta:
        verbose_name = _("cooperation case")
        verbose_name_plural = _("cooperation cases")
        ordering = ["-opened_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:cooperationcase", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        from django.core.exceptions import ValidationError

        errors = {}
        if self.notice_colour and self.type != CaseType.INTERPOL_NOTICE:
            errors["notice_colour"] = _("Only an INTERPOL notice or diffusion has a notice colour.")
        if self.type == CaseType.INTERPOL_NOTICE and not self.notice_colour:
            errors["notice_colour"] = _("Say which notice or diffusion this is.")
        if self.legal_basis_id and self.reciprocity:
            errors["reciprocity"] = _("Reciprocity applies only when no instrument is the legal basis.")
        if self.provisional_arrest_on and self.type != CaseType.EXTRADITION:
            errors["provisional_arrest_on"] = _("A provisional arrest belongs to an extradition case.")
        if self.response_due_on and self.opened_on and self.response_due_on < self.opened_on:
            errors["response_due_on"] = _("The response cannot be due before the case was opened.")
        if self.paused_on and not self.paused_reason:
            errors["paused_reason"] = _("Say why the reminders are paused.")
        if errors:
            raise ValidationError(errors)

    @property
    def provisional_arrest_deadline(self) -> datetime.date | None:
        """The last day for the partner's extradition request after a provisional arrest."""
        if not self.provisional_arrest_on:
            return None
        return self.provisional_arrest_on + datetime.timedelta(days=PROVISIONAL_ARREST_DAYS)

    def provisional_arrest_days_left(self, today: datetime.date | None = None) -> int | None:
        deadline = self.provisional_arrest_deadline
        if deadline is None:
            return None
        return (deadline - (today or timezone.localdate())).days

    @property
    def is_paused(self) -> bool:
        return bool(self.paused_on)


class CaseReference(BusinessRecord):
    """A reference number of the case: ours, the partner's, INTERPOL's."""

    case = models.ForeignKey(
        CooperationCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="references"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReferenceKind.choices)
    number = models.CharField(_("number"), max_length=100)

    access_parent = "case"
    search_fields = ("number",)

    class Meta:
        verbose_name = _("case reference")
        verbose_name_plural = _("case references")
        ordering = ["case", "kind", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("cases:casereference", args=[self.pk])


class CaseMessage(BusinessRecord):
    """A message or document sent or received in the case (the case's correspondence log)."""

    case = models.ForeignKey(
        CooperationCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="messages"
    )
    date = models.DateField(_("date"))
    direction = models.CharField(_("direction"), max_length=10, choices=MessageDirection.choices)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    summary = models.CharField(_("summary"), max_length=500)
    document_ref = models.CharField(_("document number"), max_length=100, blank=True)

    access_parent = "case"
    search_fields = ("summary", "document_ref")

    class Meta:
        verbose_name = _("case message")
        verbose_name_plural = _("case messages")
        ordering = ["case", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} · {self.summary[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("cases:casemessage", args=[self.pk])


class CaseSubject(BusinessRecord):
    """A person concerned by the case (suspect, victim, citizen): personal data, masked by role."""

    case = models.ForeignKey(
        CooperationCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="subjects"
    )
    role = models.CharField(_("role in the case"), max_length=100)
    full_name = models.CharField(_("full name"), max_length=200)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    document_number = models.CharField(_("identity or passport number"), max_length=50, blank=True)

    access_parent = "case"
    personal_fields = ("full_name", "birth_date", "nationality", "document_number")

    class Meta:
        verbose_name = _("case subject")
        verbose_name_plural = _("case subjects")
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return f"{self.role} · {self.case}"

    def get_absolute_url(self) -> str:
        return reverse("cases:casesubject", args=[self.pk])


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
    summary = models.TextField(_("summary"), blank=True)

    search_fields = ("name", "code_name", "summary")
    history_fields = (
        "name",
        "code_name",
        "crime_area",
        "countries",
        "agencies",
        "started_on",
        "ended_on",
        "cases",
        "summary",
        "owner_unit",
        "classification",
    )

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


class Outcome(BusinessRecord):
    """A result of an operation: arrests, prosecutions, extraditions (a count) or a seizure."""

    operation = models.ForeignKey(
        Operation, verbose_name=_("operation"), on_delete=models.CASCADE, related_name="outcomes"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=OutcomeKind.choices)
    count = models.PositiveIntegerField(
        _("number of persons"), null=True, blank=True, validators=[MaxValueValidator(100_000)]
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

    access_parent = "operation"

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["operation", "kind", "pk"]

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
            errors["count"] = _("Give the number of persons.")
        if errors:
            raise ValidationError(errors)


class ReferenceQuerySet(ServiceWritesQuerySet):
    def visible_to(self, user) -> ReferenceQuerySet:
        """Reference data: every signed-in user reads it."""
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        return self.all()


class CompetentAuthority(ServiceWritesModel):
    """A country's central or competent authority for one kind of request (the directory)."""

    country = models.ForeignKey(
        "partners.Country",
        verbose_name=_("country or territory"),
        on_delete=models.PROTECT,
        related_name="competent_authorities",
    )
    request_kind = models.CharField(_("kind of request"), max_length=12, choices=RequestKind.choices)
    role = models.CharField(_("role"), max_length=10, choices=AuthorityRole.choices)
    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    languages = models.CharField(_("languages accepted"), max_length=200, blank=True)
    channels = models.CharField(_("channels"), max_length=300, blank=True)
    urgent_procedure = models.TextField(_("urgent procedure"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ReferenceQuerySet.as_manager()
    history_fields = (
        "country",
        "request_kind",
        "role",
        "name",
        "name_en",
        "languages",
        "channels",
        "urgent_procedure",
        "notes",
    )

    class Meta:
        verbose_name = _("competent authority")
        verbose_name_plural = _("competent authorities")
        ordering = ["country__sort_key", "request_kind", "role", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cases:competentauthority", args=[self.pk])


class ResponseRule(ServiceWritesModel):
    """How many days a case of a type has for its response (set by the coordinators)."""

    case_type = models.CharField(_("case type"), max_length=24, choices=CaseType.choices, unique=True)
    days = models.PositiveSmallIntegerField(
        _("response within (days)"), validators=[MinValueValidator(1), MaxValueValidator(730)]
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ReferenceQuerySet.as_manager()
    history_fields = ("case_type", "days", "note")

    class Meta:
        verbose_name = _("response rule")
        verbose_name_plural = _("response rules")
        ordering = ["case_type"]

    def __str__(self) -> str:
        return f"{self.get_case_type_display()} · {self.days}"

    def get_absolute_url(self) -> str:
        return reverse("cases:responserule", args=[self.pk])
