"""Cooperation instruments (văn bản hợp tác) and directives (văn bản chỉ đạo) with their items."""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.guards import ServiceWritesModel, ServiceWritesQuerySet
from core.models import BusinessRecord
from tracking.choices import DayCount

from .choices import (
    DeadlineTrigger,
    DirectiveKind,
    InstrumentLevel,
    InstrumentStatus,
    InstrumentType,
    ItemKind,
    PlanKind,
    RequestType,
    StageKind,
    TreatyWorkKind,
)

# Viet Nam as a party of a multilateral instrument: its own row among the parties (code VN).
VIETNAM = "VN"


class Instrument(BusinessRecord):
    """A treaty, agreement, MOU, plan or statement with foreign partners."""

    title = models.CharField(_("title"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    symbol = models.CharField(_("number and symbol"), max_length=64, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=InstrumentType.choices)
    level = models.CharField(_("level"), max_length=16, choices=InstrumentLevel.choices)
    multilateral = models.BooleanField(_("multilateral"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=InstrumentStatus.choices, default=InstrumentStatus.DRAFTING
    )
    negotiation_started_on = models.DateField(_("negotiation started"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True, db_index=True)
    in_force_on = models.DateField(_("in force from"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    ended_on = models.DateField(
        _("terminated or superseded on"),
        null=True,
        blank=True,
        help_text=_("Set when the instrument is terminated or superseded."),
    )
    renewal_terms = models.TextField(_("renewal terms"), blank=True)
    renewal_decision_on = models.DateField(
        _("renewal decision due by"),
        null=True,
        blank=True,
        help_text=_("The last day to decide on renewal or notify the partner (often months before expiry)."),
    )
    place = models.CharField(_("place of signing"), max_length=200, blank=True)
    signatories = models.TextField(_("signatories"), blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    national_db_ref = models.CharField(
        _("reference in the national treaty database"), max_length=100, blank=True
    )
    agencies = models.ManyToManyField(
        "partners.ForeignAgency", verbose_name=_("foreign agencies"), blank=True, related_name="instruments"
    )
    countries = models.ManyToManyField(
        "partners.Country", verbose_name=_("countries"), blank=True, related_name="instruments"
    )
    bodies = models.ManyToManyField(
        "partners.MultilateralBody",
        verbose_name=_("multilateral bodies"),
        blank=True,
        related_name="instruments",
    )
    request_types = models.JSONField(
        _("request types covered"),
        default=list,
        blank=True,
        help_text=_(
            "The kinds of request or cooperation the instrument provides for. Empty: not recorded "
            "(the legal-basis panel then says so)."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)

    search_fields = ("title", "title_en", "symbol", "place")
    # The history tab shows the labels of the request types, not their codes.
    list_choices = {"request_types": RequestType}
    # Chosen by search-as-you-type in forms (core.widgets.LinkPicker): a large register.
    choice_search = True

    class Meta:
        verbose_name = _("cooperation instrument")
        verbose_name_plural = _("cooperation instruments")
        ordering = ["-signed_on", "pk"]
        indexes = [models.Index(fields=["-signed_on", "id"], name="instruments_list_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("instruments:instrument", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        from django.core.exceptions import ValidationError

        errors = {}
        if self.signed_on and self.in_force_on and self.in_force_on < self.signed_on:
            errors["in_force_on"] = _("Entry into force cannot precede the signature.")
        if self.expires_on and self.in_force_on and self.expires_on < self.in_force_on:
            errors["expires_on"] = _("The expiry cannot precede the entry into force.")
        if self.status in ("signed", "in_force", "expired") and not self.signed_on:
            errors["signed_on"] = _("A signed instrument needs its date of signature.")
        if self.status == "in_force" and not self.in_force_on:
            errors["in_force_on"] = _("An instrument in force needs its date of entry into force.")
        known = set(RequestType.values)
        if not isinstance(self.request_types, list) or any(t not in known for t in self.request_types):
            errors["request_types"] = _("Choose request types from the list.")
        elif len(set(self.request_types)) != len(self.request_types):
            errors["request_types"] = _("A request type is listed twice.")
        if errors:
            raise ValidationError(errors)

    def get_request_types_display(self) -> str:
        labels = dict(RequestType.choices)
        return "; ".join(str(labels.get(t, t)) for t in self.request_types or [])

    def covers(self, request_type: str) -> bool | None:
        """Whether the instrument provides for ``request_type``; None when coverage is not recorded."""
        if not self.request_types:
            return None
        return request_type in self.request_types

    @property
    def outside_plan(self) -> bool:
        """A proposal in preparation that no signing plan includes (flagged for approval)."""
        return (
            self.status in (InstrumentStatus.DRAFTING, InstrumentStatus.NEGOTIATING)
            and not self.plans.exists()
        )

    def plan_titles(self) -> str:
        return "; ".join(str(p) for p in self.plans.all())

    def parties_text(self) -> str:
        parts = (
            [str(p) for p in self.agencies.all()]
            + [str(p) for p in self.countries.all()]
            + [str(p) for p in self.bodies.all()]
        )
        return "; ".join(parts)


class SigningPlan(BusinessRecord):
    """A yearly or five-year plan of the instruments the Ministry intends to negotiate and sign."""

    kind = models.CharField(_("kind"), max_length=16, choices=PlanKind.choices)
    year_from = models.PositiveSmallIntegerField(_("from year"))
    year_to = models.PositiveSmallIntegerField(_("to year"))
    title = models.CharField(_("title"), max_length=300)
    instruments = models.ManyToManyField(
        Instrument, verbose_name=_("planned instruments"), blank=True, related_name="plans"
    )
    notes = models.TextField(_("notes"), blank=True)

    search_fields = ("title", "notes")

    class Meta:
        verbose_name = _("signing plan")
        verbose_name_plural = _("signing plans")
        ordering = ["-year_from", "kind", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("instruments:signingplan", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        from django.core.exceptions import ValidationError

        if self.year_from and self.year_to:
            if self.year_to < self.year_from:
                raise ValidationError({"year_to": _("The last year is before the first.")})
            span = self.year_to - self.year_from + 1
            if self.kind == PlanKind.YEARLY and span != 1:
                raise ValidationError({"year_to": _("A yearly plan covers one year.")})
            if self.kind == PlanKind.FIVE_YEAR and span != 5:
                raise ValidationError({"year_to": _("A five-year plan covers five years.")})


class InstrumentParty(BusinessRecord):
    """One party's actions on a multilateral instrument (as the UN Treaty Collection records).

    A party is bound from its own entry into force (``in_force_on``) until its withdrawal
    takes effect (``withdrew_on``); signature alone does not bind it. Viet Nam's own status
    is its row among the parties (country VN). Bilateral instruments have no rows: both
    parties are bound from the instrument's entry into force until its termination.
    """

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="party_actions"
    )
    country = models.ForeignKey(
        "partners.Country", verbose_name=_("country or territory"), on_delete=models.PROTECT, related_name="+"
    )
    signed_on = models.DateField(_("signature"), null=True, blank=True)
    ratified_on = models.DateField(_("ratification, acceptance or approval"), null=True, blank=True)
    acceded_on = models.DateField(_("accession"), null=True, blank=True)
    in_force_on = models.DateField(
        _("entry into force for the party"),
        null=True,
        blank=True,
        help_text=_("The day the instrument began to bind this party (empty: not recorded)."),
    )
    reservations = models.TextField(_("reservations and declarations"), blank=True)
    withdrew_on = models.DateField(
        _("withdrawal effective"),
        null=True,
        blank=True,
        help_text=_(
            "The day the party's withdrawal (denunciation) took effect: it is no longer bound from then."
        ),
    )

    access_parent = "instrument"

    class Meta:
        verbose_name = _("party action")
        verbose_name_plural = _("party actions")
        ordering = ["instrument", "country__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "country"], name="party_once_per_instrument")
        ]

    def __str__(self) -> str:
        return f"{self.country} · {self.instrument}"

    def get_absolute_url(self) -> str:
        return reverse("instruments:instrumentparty", args=[self.pk])

    def clean(self) -> None:
        """The dates of one party follow each other: signature, consent to be bound, entry into
        force, withdrawal."""
        super().clean()
        from django.core.exceptions import ValidationError

        errors: dict[str, str] = {}
        if self.ratified_on and self.acceded_on:
            errors["acceded_on"] = _(
                "A party consents to be bound either by ratification (acceptance, approval) or by "
                "accession, not both."
            )
        if self.signed_on and self.ratified_on and self.ratified_on < self.signed_on:
            errors["ratified_on"] = _("The ratification cannot precede the signature.")
        if self.signed_on and self.acceded_on and self.acceded_on < self.signed_on:
            errors["acceded_on"] = _("The accession cannot precede the signature.")
        consent = self.consent_on
        if self.in_force_on and consent and self.in_force_on < consent:
            errors["in_force_on"] = _(
                "The entry into force for the party cannot precede its consent to be bound."
            )
        if self.withdrew_on:
            start = self.in_force_on or consent or self.signed_on
            if self.in_force_on and self.withdrew_on < self.in_force_on:
                errors["withdrew_on"] = _("The withdrawal cannot precede the entry into force for the party.")
            elif start and self.withdrew_on < start:
                errors["withdrew_on"] = _("The withdrawal cannot precede the party's signature or consent.")
        if errors:
            raise ValidationError(errors)

    @property
    def consent_on(self):
        """The day the party consented to be bound (ratification, acceptance, approval or accession)."""
        return self.ratified_on or self.acceded_on


class ReferenceQuerySet(ServiceWritesQuerySet):
    def visible_to(self, user) -> ReferenceQuerySet:
        """Reference data: every signed-in user reads it."""
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        return self.all()


class StageRule(ServiceWritesModel):
    """The statutory deadline of one stage of treaty or agreement work, for one kind of
    instrument over a period, with the article of law behind it.

    Shipped by a data migration (``instruments.stagerules``); coordinators correct it (each
    change is in the history). What could not be confirmed against the official text stays
    marked (``confirmed`` off, ``unconfirmed_points``), never guessed silently.
    """

    work_kind = models.CharField(_("kind of instrument"), max_length=24, choices=TreatyWorkKind.choices)
    stage = models.CharField(_("stage"), max_length=24, choices=StageKind.choices)
    trigger = models.CharField(
        _("counted from"), max_length=20, choices=DeadlineTrigger.choices, default=DeadlineTrigger.REQUEST
    )
    days = models.PositiveSmallIntegerField(
        _("days"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(366)]
    )
    day_count = models.CharField(
        _("day count"), max_length=10, choices=DayCount.choices, default=DayCount.WORKING
    )
    due_month = models.PositiveSmallIntegerField(
        _("due month (yearly)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    due_day = models.PositiveSmallIntegerField(
        _("due day (yearly)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    valid_from = models.DateField(_("applies from"))
    valid_to = models.DateField(_("applies until"), null=True, blank=True)
    law = models.CharField(_("law"), max_length=300)
    article = models.CharField(
        _("article and clause"), max_length=200, blank=True, help_text=_("Empty when not confirmed.")
    )
    source = models.TextField(_("source"), help_text=_("The articles of law and where the text was read."))
    confirmed = models.BooleanField(_("confirmed against the official text"), default=False)
    unconfirmed_points = models.TextField(_("not confirmed"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("stage deadline rule")
        verbose_name_plural = _("stage deadline rules")
        ordering = ["work_kind", "stage", "valid_from", "pk"]

    def __str__(self) -> str:
        return f"{self.get_work_kind_display()} · {self.get_stage_display()} · {self.citation}"

    def get_absolute_url(self) -> str:
        return reverse("instruments:stagerule", args=[self.pk])

    @property
    def citation(self) -> str:
        """The law and article, as shown next to a default deadline."""
        return f"{self.article}, {self.law}" if self.article else str(self.law)

    @property
    def period_text(self) -> str:
        if self.trigger == DeadlineTrigger.YEARLY:
            return f"{self.due_day:02d}/{self.due_month:02d}" if self.due_day and self.due_month else ""
        if not self.days:
            return ""
        return f"{self.days} {str(self.get_day_count_display()).lower()}"

    @classmethod
    def in_force(cls, work_kind: str, stage: str, day: datetime.date) -> StageRule | None:
        """The rule of ``stage`` for ``work_kind`` that applies on ``day``, if any."""
        return (
            cls.objects.filter(work_kind=work_kind, stage=stage, valid_from__lte=day)
            .filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day))
            .order_by("-valid_from", "pk")
            .first()
        )

    def due_from(self, start: datetime.date) -> datetime.date | None:
        """The deadline this rule sets for a stage whose trigger date is ``start``."""
        if self.trigger == DeadlineTrigger.YEARLY:
            if not (self.due_month and self.due_day):
                return None
            due = datetime.date(start.year, self.due_month, self.due_day)
            return due if due >= start else datetime.date(start.year + 1, self.due_month, self.due_day)
        if not self.days:
            return None
        if self.day_count == DayCount.WORKING:
            from .calendar import add_working_days

            return add_working_days(start, self.days)
        return start + datetime.timedelta(days=self.days)

    def clean(self) -> None:
        super().clean()
        from django.core.exceptions import ValidationError

        errors: dict[str, object] = {}
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The end cannot precede the start.")
        if self.trigger == DeadlineTrigger.YEARLY:
            if not (self.due_month and self.due_day):
                errors["due_day"] = _("A yearly deadline needs its day and month.")
            else:
                try:
                    datetime.date(2001, self.due_month, self.due_day)
                except ValueError:
                    errors["due_day"] = _("Not a day of that month.")
        elif self.due_month or self.due_day:
            errors["due_month"] = _("A day and month belong to a yearly deadline.")
        if self.stage and self.work_kind and self.valid_from and "valid_to" not in errors:
            overlapping = StageRule.objects.filter(work_kind=self.work_kind, stage=self.stage).exclude(
                pk=self.pk
            )
            end = self.valid_to or datetime.date.max
            for other in overlapping:
                if other.valid_from <= end and (other.valid_to is None or other.valid_to >= self.valid_from):
                    errors["valid_from"] = _("Another rule of this stage and kind applies in this period.")
                    break
        if errors:
            raise ValidationError(errors)


class InstrumentStage(BusinessRecord):
    """A dated step of the instrument's preparation or follow-up, with the unit in charge."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="stages"
    )
    kind = models.CharField(_("stage"), max_length=24, choices=StageKind.choices)
    responsible_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit in charge"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_on = models.DateField(_("requested or started on"), null=True, blank=True)
    working_days = models.PositiveSmallIntegerField(
        _("answer within (working days)"),
        null=True,
        blank=True,
        help_text=_("Due date counted in working days from the request."),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    rule = models.ForeignKey(
        StageRule,
        verbose_name=_("statutory rule"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    default_due_on = models.DateField(_("statutory deadline"), null=True, blank=True, editable=False)
    override_reason = models.TextField(
        _("reason for another deadline"),
        blank=True,
        help_text=_("Required to set a deadline other than the statutory one."),
    )

    access_parent = "instrument"

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["instrument", "due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.instrument}"

    def get_absolute_url(self) -> str:
        return reverse("instruments:instrumentstage", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        return self.done_on is None and self.due_on is not None and self.due_on < timezone.localdate()

    @property
    def is_overridden(self) -> bool:
        return bool(self.override_reason) and self.due_on != self.default_due_on

    @property
    def legal_source(self) -> str:
        """The rule behind the default deadline: period, article and law (and whether confirmed)."""
        rule = self.rule if self.rule_id else None
        if rule is None:
            return ""
        text = f"{rule.period_text} — {rule.citation}" if rule.period_text else rule.citation
        return text if rule.confirmed else f"{text} ({_('unconfirmed')})"


class Clause(BusinessRecord):
    """A clause of an instrument; those that create obligations become tracked work."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="clauses"
    )
    number = models.CharField(_("number"), max_length=32)
    text = models.TextField(_("text"))
    creates_obligation = models.BooleanField(_("creates an obligation"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)

    access_parent = "instrument"

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["instrument", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.number} · {self.instrument}"

    def get_absolute_url(self) -> str:
        return self.instrument.get_absolute_url()


class Directive(BusinessRecord):
    """A directive document (NQ, KL, CTr, KH, CT, QĐ) with its symbol and the ones it implements."""

    symbol = models.CharField(_("number and symbol"), max_length=64, unique=True)
    symbol_key = models.CharField(max_length=64, editable=False, db_index=True)
    kind = models.CharField(_("kind"), max_length=16, choices=DirectiveKind.choices)
    issuer = models.CharField(_("issuer"), max_length=200)
    issued_on = models.DateField(_("date"))
    signer = models.CharField(_("signer"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    implements = models.ManyToManyField(
        "self", verbose_name=_("implements"), symmetrical=False, blank=True, related_name="implemented_by"
    )

    search_fields = ("symbol", "title", "title_en", "issuer", "summary")
    history_exclude = {"symbol_key": "derived from the symbol (its folded search key)"}

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-issued_on", "pk"]

    def __str__(self) -> str:
        return f"{self.symbol} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("instruments:directive", args=[self.pk])


class DirectiveItem(BusinessRecord):
    """A guiding viewpoint, task group or task of a directive, in an ordered tree."""

    directive = models.ForeignKey(
        Directive, verbose_name=_("directive"), on_delete=models.CASCADE, related_name="items"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent item"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ItemKind.choices)
    number = models.CharField(_("number"), max_length=16, blank=True)
    text = models.TextField(_("text"))
    order = models.PositiveIntegerField(_("order"), default=0)
    demo_text = models.BooleanField(_("paraphrased demo text"), default=False)

    access_parent = "directive"
    search_fields = ("number", "text")

    class Meta:
        verbose_name = _("directive item")
        verbose_name_plural = _("directive items")
        ordering = ["directive", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:80]}".strip()

    def get_absolute_url(self) -> str:
        return reverse("instruments:directiveitem", args=[self.pk])
