"""A cooperation case, its references and messages, and the decisions to release classified information."""

from __future__ import annotations

import datetime

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.choices import Classification
from core.models import BusinessRecord

from ..choices import (
    CENTRAL_AUTHORITY_KINDS,
    PROVISIONAL_ARREST_DAYS,
    RELEASABLE,
    RELEASE_LEVELS,
    TOP_RELEASE_LEVELS,
    ArrestEnd,
    AuthorityRole,
    CaseStatus,
    CaseType,
    Channel,
    CrimeArea,
    DecisionLevel,
    Direction,
    HandlingCode,
    InformationAccuracy,
    MessageDirection,
    NoticeColour,
    ReferenceKind,
    Rules,
    SourceReliability,
)
from .reference import RuleSet


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
        from ..services import check_share

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
        from ..choices import NO_FURTHER_DISSEMINATION

        return self.handling_code not in NO_FURTHER_DISSEMINATION

    @property
    def usable_as_evidence(self) -> bool:
        from ..choices import NOT_EVIDENCE

        return self.handling_code not in NOT_EVIDENCE

    def check_share(self, *, actor: object = None, units: object = ()) -> None:
        """Refuse a share that goes beyond a handling code (for ``core.services.record_share``)."""
        from ..services import check_share

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
    information, and Tuyệt mật only the General Secretary, the President, the Prime Minister
    or the Chair of the National Assembly: such a decision is recorded with their level, its
    number and its date. The foreign side's request is recorded with it.
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

        if self.released_level == Classification.TUYET_MAT and self.decision_level not in TOP_RELEASE_LEVELS:
            raise ValidationError(
                {
                    "decision_level": _(
                        "Top secret information is released to a foreign partner only on the decision of "
                        "the General Secretary, the President, the Prime Minister or the Chair of the "
                        "National Assembly, with its number and date."
                    )
                }
            )
        if self.released_level in RELEASABLE and self.decision_level not in RELEASE_LEVELS:
            raise ValidationError(
                {
                    "decision_level": _(
                        "Only the Minister or a Deputy Minister may release Confidential or Secret information."
                    )
                }
            )
