"""Reference data of the cases: competent authorities, rule sets by date, response rules, letter templates."""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.guards import ServiceWritesModel, ServiceWritesQuerySet

from ..choices import (
    CENTRAL_AUTHORITY_KINDS,
    LETTER_PLACEHOLDERS,
    AuthorityRole,
    CaseType,
    LetterLanguage,
    RequestKind,
)


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
