"""The partner registry: countries, foreign agencies, multilateral bodies, and dated spells.

Indicators are never stored: they are counted from the spells active on a date.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from access.querysets import BusinessQuerySet
from core.models import BusinessRecord

from .choices import (
    AgencyKind,
    BodyKind,
    BodyScope,
    Channel,
    GroupKind,
    MembershipStatus,
    Region,
    RelationshipLevel,
)


class ReferenceQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReferenceQuerySet:
        """Reference data: every signed-in user reads it (DESIGN.md 4.1)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.all()


class LocalizedNameMixin:
    # What ``__str__`` reads: a filter's choices load only these (core.views).
    choice_fields: tuple[str, ...] = ("name_vi", "name_en")

    @property
    def name(self) -> str:
        if (get_language() or "vi").startswith("en") and self.name_en:
            return self.name_en
        return self.name_vi


class Country(LocalizedNameMixin, models.Model):
    """A country or territory of ISO 3166-1, named from CLDR (loaded, never typed)."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    alpha3 = models.CharField(_("alpha-3 code"), max_length=3, unique=True)
    numeric = models.CharField(_("numeric code"), max_length=3, blank=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    region = models.CharField(_("region"), max_length=16, choices=Region.choices, default=Region.OTHER)
    version = models.PositiveIntegerField(default=1, editable=False)
    search_text = models.TextField(default="", editable=False)
    sort_key = models.TextField(default="", editable=False)

    objects = ReferenceQuerySet.as_manager()

    search_fields = ("code", "alpha3", "name_vi", "name_en")
    sort_source = "name_vi"

    class Meta:
        verbose_name = _("country or territory")
        verbose_name_plural = _("countries and territories")
        ordering = ["sort_key"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:country", args=[self.pk])


class ForeignAgency(LocalizedNameMixin, BusinessRecord):
    """A foreign law-enforcement agency (cơ quan thực thi pháp luật nước ngoài)."""

    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    name_original = models.CharField(_("name (original language)"), max_length=255, blank=True)
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country or territory"), on_delete=models.PROTECT, related_name="agencies"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    website = models.URLField(_("website"), blank=True)
    contacts = models.TextField(
        _("contacts"),
        blank=True,
        help_text=_("The agency's liaison points: office, telephone, e-mail, hotline."),
    )
    notes = models.TextField(_("notes"), blank=True)

    # A unit that holds or shares responsibility for a relationship sees the agency too.
    access_unit_paths = ("relationships__owner_unit", "relationships__responsible_units")
    search_fields = ("name_vi", "name_en", "name_original", "acronym", "country_names")
    # Chosen by search-as-you-type in forms (core.widgets.LinkPicker): a large register.
    choice_search = True

    class Meta:
        verbose_name = _("foreign agency")
        verbose_name_plural = _("foreign agencies")
        ordering = ["name_vi"]
        constraints = [
            models.UniqueConstraint(fields=["country", "name_vi"], name="agency_unique_name_per_country"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:foreignagency", args=[self.pk])

    def country_names(self) -> str:
        return f"{self.country.name_vi} {self.country.name_en}" if self.country_id else ""


class MultilateralBody(LocalizedNameMixin, models.Model):
    """An international organisation, forum or cooperation mechanism (reference data)."""

    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=BodyKind.choices)
    scope = models.CharField(_("scope"), max_length=16, choices=BodyScope.choices)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    search_text = models.TextField(default="", editable=False)
    sort_key = models.TextField(default="", editable=False)

    objects = ReferenceQuerySet.as_manager()

    search_fields = ("name_vi", "name_en", "acronym")
    sort_source = "name_vi"
    choice_fields = ("name_vi", "name_en", "acronym")

    class Meta:
        verbose_name = _("multilateral body")
        verbose_name_plural = _("multilateral bodies")
        ordering = ["sort_key"]
        constraints = [models.UniqueConstraint(fields=["name_en"], name="body_unique_name_en")]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:multilateralbody", args=[self.pk])


class CountryGroup(LocalizedNameMixin, models.Model):
    """A named group of countries with dated membership (ASEAN, the permanent members of the
    UN Security Council, the land neighbours...): reference data that filters lists and
    indicators ("relations with all five permanent members on date D")."""

    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=GroupKind.choices, default=GroupKind.OTHER)
    source = models.CharField(
        _("source"), max_length=500, blank=True, help_text=_("Where the membership and its dates come from.")
    )
    # The organisation whose membership the group records (ASEAN): an instrument naming only
    # the organisation is then offered as a legal basis with its member countries.
    body = models.ForeignKey(
        MultilateralBody,
        verbose_name=_("multilateral body"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="country_groups",
        help_text=_("The organisation whose members the group lists, if any (e.g. ASEAN)."),
    )
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    search_text = models.TextField(default="", editable=False)
    sort_key = models.TextField(default="", editable=False)

    objects = ReferenceQuerySet.as_manager()

    search_fields = ("name_vi", "name_en")
    sort_source = "name_vi"

    class Meta:
        verbose_name = _("country group")
        verbose_name_plural = _("country groups")
        ordering = ["sort_key"]
        constraints = [models.UniqueConstraint(fields=["name_en"], name="country_group_unique_name_en")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:countrygroup", args=[self.pk])


class CountryGroupMember(models.Model):
    """A country's membership of a group, from ``joined_on`` until before ``left_on``; an
    unknown date stays empty (never invented): empty ``joined_on`` counts as always a member."""

    group = models.ForeignKey(
        CountryGroup, verbose_name=_("country group"), on_delete=models.CASCADE, related_name="members"
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country or territory"),
        on_delete=models.PROTECT,
        related_name="group_memberships",
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    search_text = models.TextField(default="", editable=False)

    objects = ReferenceQuerySet.as_manager()

    search_fields = ("source",)

    class Meta:
        verbose_name = _("country group member")
        verbose_name_plural = _("country group members")
        ordering = ["group", "joined_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "country", "joined_on"], name="country_group_member_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.country}"

    def get_absolute_url(self) -> str:
        return reverse("partners:countrygroupmember", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        from django.core.exceptions import ValidationError

        if self.joined_on and self.left_on and self.left_on <= self.joined_on:
            raise ValidationError({"left_on": _("The day it left must be after the day it joined.")})


class SpellQuerySet(BusinessQuerySet):
    def active_on(self, day) -> SpellQuerySet:
        """Spells running on ``day``: started on or before it and not ended before it."""
        return self.filter(start__lte=day).filter(models.Q(end__isnull=True) | models.Q(end__gte=day))


class Spell(BusinessRecord):
    """A dated period (start, optional end inclusive); the owner unit is our side of it."""

    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True, help_text=_("Empty while it lasts."))
    responsible_units = models.ManyToManyField(
        "org.Unit", verbose_name=_("responsible units"), blank=True, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = SpellQuerySet.as_manager()

    access_unit_paths = ("responsible_units",)

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        from django.core.exceptions import ValidationError

        if self.end is not None and self.start is not None and self.end < self.start:
            raise ValidationError({"end": _("The end date is before the start date.")})

    def is_active_on(self, day) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


class Relationship(Spell):
    """A relationship between one of our units and a foreign agency, for a period."""

    agency = models.ForeignKey(
        ForeignAgency,
        verbose_name=_("foreign agency"),
        on_delete=models.PROTECT,
        related_name="relationships",
    )
    level = models.CharField(_("level"), max_length=16, choices=RelationshipLevel.choices)
    channels = models.JSONField(_("channels"), default=list, blank=True)

    search_fields = ("agency_names", "notes")

    class Meta:
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        ordering = ["-start", "pk"]

    def __str__(self) -> str:
        return "{} · {}".format(self.agency, self.start.strftime("%d/%m/%Y") if self.start else "")

    def get_absolute_url(self) -> str:
        return reverse("partners:relationship", args=[self.pk])

    def agency_names(self) -> str:
        agency = self.agency
        return " ".join(
            [agency.name_vi, agency.name_en, agency.acronym, agency.country.name_vi, agency.country.name_en]
        )

    def channel_labels(self) -> str:
        labels = dict(Channel.choices)
        return ", ".join(str(labels.get(c, c)) for c in self.channels or [])


class Membership(Spell):
    """Our participation in a multilateral body, with a status, for a period."""

    body = models.ForeignKey(
        MultilateralBody,
        verbose_name=_("multilateral body"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    status = models.CharField(_("status"), max_length=20, choices=MembershipStatus.choices)

    search_fields = ("body_names", "notes")

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-start", "pk"]

    def __str__(self) -> str:
        return f"{self.body} · {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("partners:membership", args=[self.pk])

    def body_names(self) -> str:
        return " ".join([self.body.name_vi, self.body.name_en, self.body.acronym])
