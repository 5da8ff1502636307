"""Cooperation cases (requests with partners), joint operations and their reference data."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.choices import Classification, levels_up_to
from access.querysets import BusinessQuerySet
from core.guards import ServiceWritesModel, ServiceWritesQuerySet
from core.models import BusinessRecord

from .choices import (
    CENTRAL_AUTHORITY_KINDS,
    LETTER_PLACEHOLDERS,
    PROVISIONAL_ARREST_DAYS,
    RELEASABLE,
    RELEASE_LEVELS,
    SENSITIVE_CATEGORIES,
    ArrestEnd,
    AuthorityRole,
    CaseStatus,
    CaseType,
    Channel,
    CrimeArea,
    DataCategory,
    DataLegalBasis,
    DataSensitivity,
    DecisionLevel,
    Direction,
    HandlingCode,
    InformationAccuracy,
    LetterLanguage,
    MeasureUnit,
    MessageDirection,
    NoticeColour,
    OutcomeKind,
    ReferenceKind,
    RequestKind,
    Rules,
    SourceReliability,
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
    central_authority = models.ForeignKey(
        "CompetentAuthority",
        verbose_name=_("central authority"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        help_text=_(
            "Required for mutual legal assistance, extradition and transfer of sentenced persons: "
            "the central authority named by the rule set of the case's type and date."
        ),
    )
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
        help_text=_(
            "The partner has the limit of the rule set (45 days) from the provisional arrest to send "
            "the extradition request; the deadline is tracked for the lead unit."
        ),
    )
    provisional_arrest_end = models.CharField(
        _("provisional arrest ended because"), max_length=20, choices=ArrestEnd.choices, blank=True
    )
    provisional_arrest_ended_on = models.DateField(_("provisional arrest ended on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    rules_applied = models.CharField(_("rules applied"), max_length=16, choices=Rules.choices, editable=False)
    rule_set = models.ForeignKey(
        "RuleSet",
        verbose_name=_("rule set applied"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    paused_reason = models.CharField(_("reminders paused because"), max_length=300, blank=True)
    paused_on = models.DateField(_("paused on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    access_unit_paths = ("support_units",)
    search_fields = ("title", "summary")
    # Chosen by search-as-you-type in forms (core.widgets.LinkPicker): a large register.
    choice_search = True

    class Meta:
        verbose_name = _("cooperation case")
        verbose_name_plural = _("cooperation cases")
        ordering = ["-opened_on", "-pk"]
        indexes = [models.Index(fields=["-opened_on", "-id"], name="cases_case_list_idx")]

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
        if bool(self.provisional_arrest_end) != bool(self.provisional_arrest_ended_on):
            field = "provisional_arrest_ended_on" if self.provisional_arrest_end else "provisional_arrest_end"
            errors[field] = _("Give both how and when the provisional arrest ended.")
        elif self.provisional_arrest_end and not self.provisional_arrest_on:
            errors["provisional_arrest_end"] = _("Record the provisional arrest first.")
        elif (
            self.provisional_arrest_ended_on
            and self.provisional_arrest_on
            and self.provisional_arrest_ended_on < self.provisional_arrest_on
        ):
            errors["provisional_arrest_ended_on"] = _("The arrest cannot end before it began.")
        authority_error = self.central_authority_error()
        if authority_error:
            errors["central_authority"] = authority_error
        if self.response_due_on and self.opened_on and self.response_due_on < self.opened_on:
            errors["response_due_on"] = _("The response cannot be due before the case was opened.")
        if self.paused_on and not self.paused_reason:
            errors["paused_reason"] = _("Say why the reminders are paused.")
        if errors:
            raise ValidationError(errors)

    def applicable_rule_set(self) -> RuleSet | None:
        """The rule set of the case's type and date: the stamped one, else the one in force."""
        if self.rule_set_id and self.rule_set.case_type == self.type:
            return self.rule_set
        if not self.type or not self.opened_on or isinstance(self.opened_on, str):
            return None
        return RuleSet.in_force(self.type, self.opened_on)

    def central_authority_error(self) -> str | None:
        """Why the central authority does not fit the rule set of the case's type and date."""
        kind = CENTRAL_AUTHORITY_KINDS.get(self.type)
        if kind is None:
            if self.central_authority_id:
                return str(
                    _("Only legal assistance, extradition and transfer cases go through a central authority.")
                )
            return None
        rules = self.applicable_rule_set()
        named = rules.central_authority if rules is not None else None
        if not self.central_authority_id:
            if named is not None:
                return str(
                    _("Under {law}, this case goes through its central authority: {authority}.").format(
                        law=rules.citation, authority=named
                    )
                )
            return str(_("Choose the central authority this case goes through."))
        if named is not None and self.central_authority_id != named.pk:
            return str(
                _("Under {law}, the central authority for this case is {authority}.").format(
                    law=rules.citation, authority=named
                )
            )
        authority = self.central_authority
        if authority.role != AuthorityRole.CENTRAL or authority.request_kind != kind:
            return str(_("Choose a central authority listed for this kind of request."))
        return None

    @property
    def provisional_arrest_limit(self) -> int:
        """Days the partner has after a provisional arrest: the rule set's, else 45."""
        rules = self.rule_set if self.rule_set_id else None
        return (rules.provisional_arrest_days if rules else None) or PROVISIONAL_ARREST_DAYS

    @property
    def provisional_arrest_deadline(self) -> datetime.date | None:
        """The last day for the partner's extradition request after a provisional arrest."""
        if not self.provisional_arrest_on or isinstance(self.provisional_arrest_on, str):
            return None
        return self.provisional_arrest_on + datetime.timedelta(days=self.provisional_arrest_limit)

    def provisional_arrest_days_left(self, today: datetime.date | None = None) -> int | None:
        deadline = self.provisional_arrest_deadline
        if deadline is None:
            return None
        return (deadline - (today or timezone.localdate())).days

    @property
    def is_paused(self) -> bool:
        return bool(self.paused_on)

    def check_share(self, *, actor: object = None, units: object = ()) -> None:
        """Refuse a share that goes beyond a handling code (for ``core.services.record_share``)."""
        from .services import check_share

        check_share(self)


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
    """A message or document sent or received in the case (the case's correspondence log).

    Exchanged information carries a SIENA-style handling code and a 4x4 grading; a classified
    message sent to a partner names the release decision that allows it; a message that
    carries subjects' personal data to a partner is entered in the transfer register.
    """

    case = models.ForeignKey(
        CooperationCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="messages"
    )
    date = models.DateField(_("date"))
    direction = models.CharField(_("direction"), max_length=10, choices=MessageDirection.choices)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    summary = models.CharField(_("summary"), max_length=500)
    document_ref = models.CharField(_("document number"), max_length=100, blank=True)
    handling_code = models.CharField(
        _("handling code"), max_length=2, choices=HandlingCode.choices, default=HandlingCode.H0
    )
    handling_conditions = models.CharField(
        _("handling conditions"),
        max_length=500,
        blank=True,
        help_text=_("The provider's restrictions under H3, or the permission received to lift a code."),
    )
    source_reliability = models.CharField(
        _("source reliability"), max_length=1, choices=SourceReliability.choices, blank=True
    )
    information_accuracy = models.CharField(
        _("information accuracy"), max_length=1, choices=InformationAccuracy.choices, blank=True
    )
    release_decision = models.ForeignKey(
        "ReleaseDecision",
        verbose_name=_("release decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="messages",
        help_text=_("Required to send Confidential or Secret information to a foreign partner."),
    )
    subjects = models.ManyToManyField(
        "CaseSubject",
        verbose_name=_("subjects whose personal data it carries"),
        blank=True,
        related_name="messages",
    )

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

    @property
    def grading(self) -> str:
        """The 4x4 evaluation as SIENA writes it (``B2``); empty when not graded."""
        return f"{self.source_reliability}{self.information_accuracy}"

    @property
    def may_disseminate(self) -> bool:
        from .choices import NO_FURTHER_DISSEMINATION

        return self.handling_code not in NO_FURTHER_DISSEMINATION

    @property
    def usable_as_evidence(self) -> bool:
        from .choices import NOT_EVIDENCE

        return self.handling_code not in NOT_EVIDENCE

    def check_share(self, *, actor: object = None, units: object = ()) -> None:
        """Refuse a share that goes beyond a handling code (for ``core.services.record_share``)."""
        from .services import check_share

        check_share(self)

    def clean(self) -> None:
        super().clean()
        from django.core.exceptions import ValidationError

        errors = {}
        if self.handling_code == HandlingCode.H3 and not self.handling_conditions:
            errors["handling_conditions"] = _("State the provider's restrictions (H3).")
        if bool(self.source_reliability) != bool(self.information_accuracy):
            errors["information_accuracy" if self.source_reliability else "source_reliability"] = _(
                "Grade both the source and the information, or neither."
            )
        if errors:
            raise ValidationError(errors)


class ReleaseDecision(BusinessRecord):
    """The decision that releases classified information of a case to a foreign partner.

    The state-secret law lets only the Minister or a Deputy Minister release Mật and Tối mật
    information; Tuyệt mật is not released. The foreign side's request is recorded with it.
    """

    case = models.ForeignKey(
        CooperationCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="release_decisions"
    )
    decided_on = models.DateField(_("decided on"))
    decision_ref = models.CharField(_("decision number"), max_length=100)
    decision_level = models.CharField(_("decision level"), max_length=16, choices=DecisionLevel.choices)
    decided_by = models.CharField(_("decided by (title and name)"), max_length=200)
    released_level = models.CharField(
        _("highest classification released"), max_length=16, choices=Classification.choices
    )
    information = models.TextField(_("information released"))
    foreign_organisation = models.CharField(_("requesting foreign organisation"), max_length=300)
    representative = models.CharField(_("representative"), max_length=200)
    representative_nationality = models.CharField(_("representative's nationality"), max_length=100)
    passport_number = models.CharField(_("representative's passport number"), max_length=50)
    representative_position = models.CharField(_("representative's position"), max_length=200)
    purpose = models.TextField(_("purpose of use"))
    protection_commitment = models.TextField(
        _("protection commitment"),
        help_text=_("The foreign side's written commitment to protect the information."),
    )

    access_parent = "case"
    personal_fields = ("representative", "passport_number")
    search_fields = ("decision_ref", "foreign_organisation")

    class Meta:
        verbose_name = _("release decision")
        verbose_name_plural = _("release decisions")
        ordering = ["case", "decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.decision_ref} ({self.decided_on:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("cases:releasedecision", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        from django.core.exceptions import ValidationError

        if self.released_level == Classification.TUYET_MAT:
            raise ValidationError(
                {"released_level": _("Top secret information is not released to a foreign partner.")}
            )
        if self.released_level in RELEASABLE and self.decision_level not in RELEASE_LEVELS:
            raise ValidationError(
                {
                    "decision_level": _(
                        "Only the Minister or a Deputy Minister may release Confidential or Secret information."
                    )
                }
            )


class CaseSubject(BusinessRecord):
    """A person concerned by the case (suspect, victim, citizen): personal data, masked by role.

    The identity fields are basic personal data processed on ``legal_basis``; further items
    (address, criminal record, biometrics...) are ``PersonalDataItem`` rows, each tagged.
    """

    case = models.ForeignKey(
        CooperationCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="subjects"
    )
    role = models.CharField(_("role in the case"), max_length=100)
    full_name = models.CharField(_("full name"), max_length=200)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    document_number = models.CharField(_("identity or passport number"), max_length=50, blank=True)
    legal_basis = models.CharField(
        _("legal basis of processing"),
        max_length=20,
        choices=DataLegalBasis.choices,
        default=DataLegalBasis.CRIME_PREVENTION,
        help_text=_("The identity data (name, date of birth, nationality, document) is basic personal data."),
    )

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


class PersonalDataItem(BusinessRecord):
    """One further item of a subject's personal data, tagged basic or sensitive with its basis."""

    subject = models.ForeignKey(
        CaseSubject, verbose_name=_("subject"), on_delete=models.CASCADE, related_name="data_items"
    )
    category = models.CharField(_("category"), max_length=12, choices=DataCategory.choices)
    value = models.CharField(_("data"), max_length=500)
    sensitivity = models.CharField(_("sensitivity"), max_length=10, choices=DataSensitivity.choices)
    legal_basis = models.CharField(
        _("legal basis of processing"),
        max_length=20,
        choices=DataLegalBasis.choices,
        default=DataLegalBasis.CRIME_PREVENTION,
    )

    access_parent = "subject"
    personal_fields = ("value",)

    class Meta:
        verbose_name = _("personal data item")
        verbose_name_plural = _("personal data items")
        ordering = ["subject", "category", "pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} · {self.get_sensitivity_display()}"

    def get_absolute_url(self) -> str:
        return reverse("cases:personaldataitem", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        from django.core.exceptions import ValidationError

        if self.category in SENSITIVE_CATEGORIES and self.sensitivity == DataSensitivity.BASIC:
            raise ValidationError(
                {"sensitivity": _("This category is sensitive personal data under the decree.")}
            )


class PersonalDataTransfer(BusinessRecord):
    """The register of transfers of personal data to foreign counterparts: what, to whom, when, why.

    A sent message that carries subjects' data adds a row on its own; others are recorded here.
    """

    case = models.ForeignKey(
        CooperationCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="data_transfers"
    )
    message = models.ForeignKey(
        CaseMessage,
        verbose_name=_("message"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="data_transfers",
    )
    transferred_on = models.DateField(_("transferred on"))
    recipient = models.CharField(_("recipient (foreign counterpart)"), max_length=500)
    recipient_country = models.ForeignKey(
        "partners.Country",
        verbose_name=_("recipient country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subjects = models.ManyToManyField(
        CaseSubject, verbose_name=_("subjects"), blank=True, related_name="data_transfers"
    )
    subject_names = models.CharField(_("persons concerned"), max_length=1000, blank=True)
    data_transferred = models.CharField(_("data transferred"), max_length=500)
    includes_sensitive = models.BooleanField(_("includes sensitive data"), default=False)
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=DataLegalBasis.choices)
    instrument = models.ForeignKey(
        "instruments.Instrument",
        verbose_name=_("instrument"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    access_parent = "case"
    personal_fields = ("subject_names",)
    search_fields = ("recipient", "data_transferred")

    class Meta:
        verbose_name = _("personal data transfer")
        verbose_name_plural = _("personal data transfers")
        ordering = ["-transferred_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.transferred_on:%d/%m/%Y} · {self.recipient[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("cases:personaldatatransfer", args=[self.pk])


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

    class Meta:
        verbose_name = _("competent authority")
        verbose_name_plural = _("competent authorities")
        ordering = ["country__sort_key", "request_kind", "role", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cases:competentauthority", args=[self.pk])


class RuleSet(ServiceWritesModel):
    """The rules of law for one case type over a period: which law applies on a case's date,
    the central authority it names, the provisional-arrest limit, with the source cited.

    Shipped by a data migration (``cases.rulesets``); coordinators correct it. What could not
    be confirmed against the official text stays unconfirmed (``confirmed`` off, and said in
    ``unconfirmed_points``), never guessed.
    """

    case_type = models.CharField(_("case type"), max_length=24, choices=CaseType.choices)
    law_name = models.CharField(_("law"), max_length=300)
    law_number = models.CharField(
        _("number"), max_length=50, blank=True, help_text=_("Empty when the number is not confirmed.")
    )
    valid_from = models.DateField(_("applies from"))
    valid_to = models.DateField(_("applies until"), null=True, blank=True)
    central_authority = models.ForeignKey(
        CompetentAuthority,
        verbose_name=_("central authority it names"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rule_sets",
    )
    provisional_arrest_days = models.PositiveSmallIntegerField(
        _("provisional arrest limit (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    source = models.TextField(_("source"), help_text=_("The articles of law and where the text was read."))
    confirmed = models.BooleanField(_("confirmed against the official text"), default=False)
    unconfirmed_points = models.TextField(_("not confirmed"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["case_type", "valid_from", "pk"]

    def __str__(self) -> str:
        return f"{self.get_case_type_display()} · {self.citation}"

    def get_absolute_url(self) -> str:
        return reverse("cases:ruleset", args=[self.pk])

    @property
    def citation(self) -> str:
        return f"{self.law_name} ({self.law_number})" if self.law_number else str(self.law_name)

    @classmethod
    def in_force(cls, case_type: str, day: datetime.date) -> RuleSet | None:
        """The rule set of ``case_type`` that applies on ``day``, if any."""
        return (
            cls.objects.filter(case_type=case_type, valid_from__lte=day)
            .filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day))
            .select_related("central_authority")
            .order_by("-valid_from", "pk")
            .first()
        )

    def clean(self) -> None:
        super().clean()
        from django.core.exceptions import ValidationError

        errors = {}
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The end cannot precede the start.")
        if self.provisional_arrest_days and self.case_type != CaseType.EXTRADITION:
            errors["provisional_arrest_days"] = _("A provisional arrest limit belongs to extradition.")
        kind = CENTRAL_AUTHORITY_KINDS.get(self.case_type)
        authority = self.central_authority if self.central_authority_id else None
        if authority is not None and (
            authority.role != AuthorityRole.CENTRAL or authority.request_kind != kind
        ):
            errors["central_authority"] = _("Choose a central authority listed for this kind of request.")
        if self.case_type and self.valid_from and not errors:
            overlapping = RuleSet.objects.filter(case_type=self.case_type).exclude(pk=self.pk)
            if self.valid_to:
                overlapping = overlapping.filter(valid_from__lte=self.valid_to)
            overlapping = overlapping.filter(
                models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=self.valid_from)
            )
            if overlapping.exists():
                errors["valid_from"] = _("Another rule set of this case type applies in this period.")
        if errors:
            raise ValidationError(errors)


class ResponseRule(ServiceWritesModel):
    """How many days a case of a type has for its response (set by the coordinators).

    A rule tied to a rule set applies to the cases of that rule set (the case's type and
    date); a rule without one applies to the type otherwise. ``source`` says where the
    number of days comes from.
    """

    case_type = models.CharField(_("case type"), max_length=24, choices=CaseType.choices)
    rule_set = models.ForeignKey(
        RuleSet,
        verbose_name=_("rule set"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="response_rules",
        help_text=_("Empty: the rule applies to the case type whatever the law of the case's date."),
    )
    days = models.PositiveSmallIntegerField(
        _("response within (days)"), validators=[MinValueValidator(1), MaxValueValidator(730)]
    )
    source = models.CharField(
        _("source of the days"),
        max_length=300,
        blank=True,
        help_text=_("The article of law, or the internal decision, that sets the number of days."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("response rule")
        verbose_name_plural = _("response rules")
        ordering = ["case_type", "rule_set", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_type", "rule_set"],
                name="cases_response_rule_per_rule_set",
                violation_error_message=_("This case type already has a response rule for this rule set."),
            ),
            models.UniqueConstraint(
                fields=["case_type"],
                condition=models.Q(rule_set__isnull=True),
                name="cases_response_rule_per_type",
                violation_error_message=_("This case type already has a response rule."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_case_type_display()} · {self.days}"

    def clean(self) -> None:
        super().clean()
        from django.core.exceptions import ValidationError

        if self.rule_set_id and self.rule_set.case_type != self.case_type:
            raise ValidationError({"rule_set": _("Choose a rule set of the same case type.")})

    def get_absolute_url(self) -> str:
        return reverse("cases:responserule", args=[self.pk])


class LetterTemplate(ServiceWritesModel):
    """A template of a draft request letter, edited by the coordinators (reference data).

    ``heading`` and ``body`` may hold the placeholders of ``LETTER_PLACEHOLDERS`` written as
    ``{name}``; a blank line starts a new paragraph.
    """

    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(_("language"), max_length=2, choices=LetterLanguage.choices)
    case_type = models.CharField(
        _("case type"),
        max_length=24,
        choices=CaseType.choices,
        blank=True,
        help_text=_("Empty: the template serves every type of case."),
    )
    heading = models.CharField(_("heading"), max_length=300)
    body = models.TextField(
        _("body"),
        help_text=_(
            "Placeholders: {title}, {case_type}, {requesting_party}, {requested_party}, {legal_basis}, "
            "{facts}, {persons}, {assistance}, {contacts}, {our_reference}, {partner_reference}, {date}."
        ),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        ordering = ["language", "case_type", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_language_display()})"

    def get_absolute_url(self) -> str:
        return reverse("cases:lettertemplate", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        import re

        from django.core.exceptions import ValidationError

        unknown = sorted(
            {m for m in re.findall(r"\{(\w+)\}", f"{self.heading}\n{self.body}")} - set(LETTER_PLACEHOLDERS)
        )
        if unknown:
            raise ValidationError(
                {"body": _("Unknown placeholders: {}.").format(", ".join("{" + u + "}" for u in unknown))}
            )
