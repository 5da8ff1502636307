"""Staff international capacity: profiles, their languages, qualifications and postings, and
the versioned capacity criterion (the 2030 target: 25–30 % of leaders and commanders able to
work independently and effectively in an international environment)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.guards import ServiceWritesModel, ServiceWritesQuerySet
from core.models import BusinessRecord

from .choices import Cefr, Language, PostingKind, QualificationKind


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


class StaffProfile(BusinessRecord):
    """One officer's international capacity record; the owner unit is the person's unit."""

    staff_code = models.CharField(
        _("staff number"), max_length=40, unique=True, help_text=_("The personnel number (số hiệu).")
    )
    full_name = models.CharField(_("full name"), max_length=200)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    rank = models.CharField(_("rank"), max_length=100, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    is_leader = models.BooleanField(
        _("leader or commander post"),
        default=False,
        help_text=_("Cán bộ lãnh đạo, chỉ huy: the position is a leader or commander post."),
    )
    post_from = models.DateField(_("in post from"), null=True, blank=True)
    post_to = models.DateField(_("in post until"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    personal_fields = ("full_name", "birth_date")
    # The name is personal data: it is not put in the search text (a search would reveal it).
    search_fields = ("staff_code", "rank", "position")
    # Chosen by search-as-you-type in forms (core.widgets.LinkPicker): a large register.
    choice_search = True

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        ordering = ["staff_code"]
        # The indicator counts leaders per unit: a quarter of the profiles nationally.
        indexes = [
            models.Index(
                fields=["owner_unit"], condition=models.Q(is_leader=True), name="capacity_leader_unit_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff_code} · {self.position}" if self.position else self.staff_code

    def get_absolute_url(self) -> str:
        return reverse("capacity:staffprofile", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.post_from and self.post_to and self.post_to < self.post_from:
            raise ValidationError({"post_to": _("The end of the post cannot precede its start.")})

    def leader_on(self, day: datetime.date) -> bool:
        """Held a leader or commander post on ``day``."""
        return (
            self.is_leader
            and (self.post_from is None or self.post_from <= day)
            and (self.post_to is None or day <= self.post_to)
        )


class LanguageSkill(BusinessRecord):
    """A foreign language with its CEFR level and the certificate that proves it."""

    profile = models.ForeignKey(
        StaffProfile, verbose_name=_("staff profile"), on_delete=models.CASCADE, related_name="languages"
    )
    language = models.CharField(_("language"), max_length=4, choices=Language.choices)
    level = models.CharField(_("CEFR level"), max_length=2, choices=Cefr.choices)
    certificate = models.CharField(_("certificate"), max_length=200, blank=True)
    certificate_on = models.DateField(_("certificate date"), null=True, blank=True)
    expires_on = models.DateField(
        _("certificate expires on"),
        null=True,
        blank=True,
        help_text=_("Empty: the certificate's age limit in the capacity criterion applies."),
    )

    access_parent = "profile"
    search_fields = ("certificate",)

    class Meta:
        verbose_name = _("language skill")
        verbose_name_plural = _("language skills")
        ordering = ["profile", "language", "pk"]
        # The criterion's language part reads only these columns: an index-only scan.
        indexes = [
            models.Index(
                fields=["level", "certificate_on", "expires_on", "profile"],
                name="capacity_lang_criterion_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_language_display()} {self.level}"

    def get_absolute_url(self) -> str:
        return reverse("capacity:languageskill", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.certificate_on and self.expires_on and self.expires_on < self.certificate_on:
            raise ValidationError({"expires_on": _("The expiry cannot precede the certificate date.")})


class Qualification(BusinessRecord):
    """A training or qualification: international law and practice, technology, cyber security."""

    profile = models.ForeignKey(
        StaffProfile, verbose_name=_("staff profile"), on_delete=models.CASCADE, related_name="qualifications"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=QualificationKind.choices)
    title = models.CharField(_("title"), max_length=300)
    obtained_on = models.DateField(_("date obtained"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    access_parent = "profile"
    search_fields = ("title",)

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["profile", "-obtained_on", "pk"]
        # The criterion's law and technology parts read only these columns: index-only scans.
        indexes = [
            models.Index(
                fields=["kind", "obtained_on", "expires_on", "profile"], name="capacity_qual_criterion_idx"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("capacity:qualification", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.obtained_on and self.expires_on and self.expires_on < self.obtained_on:
            raise ValidationError({"expires_on": _("The expiry cannot precede the date obtained.")})


class Posting(BusinessRecord):
    """A posting abroad: liaison officer, UN peacekeeping mission, study."""

    profile = models.ForeignKey(
        StaffProfile, verbose_name=_("staff profile"), on_delete=models.CASCADE, related_name="postings"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PostingKind.choices)
    country = models.ForeignKey(
        "partners.Country",
        verbose_name=_("country or territory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.CharField(_("mission or place"), max_length=200, blank=True)
    start_on = models.DateField(_("from"))
    end_on = models.DateField(_("to"), null=True, blank=True)

    access_parent = "profile"
    search_fields = ("place",)

    class Meta:
        verbose_name = _("posting abroad")
        verbose_name_plural = _("postings abroad")
        ordering = ["profile", "-start_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.start_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("capacity:posting", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": _("The end cannot precede the start.")})


class CapacityDefinitionQuerySet(ServiceWritesQuerySet):
    def visible_to(self, user) -> CapacityDefinitionQuerySet:
        """Reference data: every signed-in user reads the definitions."""
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        return self.all()

    def for_date(self, day: datetime.date) -> CapacityDefinition | None:
        """The definition in effect on ``day``: the latest version effective by then."""
        return self.filter(effective_from__lte=day).order_by("-effective_from", "-number").first()


class CapacityDefinition(ServiceWritesModel):
    """What "able to work independently and effectively in an international environment" means.

    Versioned: a change is a new row with the next number; a version in effect (its date
    reached) is never edited or deleted, so every figure names the version it used.
    """

    number = models.PositiveIntegerField(_("version"), unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    effective_from = models.DateField(_("effective from"))
    min_level = models.CharField(_("minimum CEFR level"), max_length=2, choices=Cefr.choices, default=Cefr.B2)
    certificate_max_years = models.PositiveSmallIntegerField(
        _("certificate at most (years old)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    requires_law_or_posting = models.BooleanField(
        _("requires international-law training or a posting abroad"), default=True
    )
    requires_tech_or_cyber = models.BooleanField(
        _("requires a technology or cyber-security qualification"), default=True
    )
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = CapacityDefinitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("capacity definition")
        verbose_name_plural = _("capacity definitions")
        ordering = ["-effective_from", "-number"]

    def __str__(self) -> str:
        return f"v{self.number} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("capacity:capacitydefinition", args=[self.pk])
