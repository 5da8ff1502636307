"""The persons in a case and their personal data, and the register of transfers to foreign counterparts."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import BusinessRecord

from ..choices import (
    SENSITIVE_CATEGORIES,
    DataCategory,
    DataLegalBasis,
    DataSensitivity,
)
from .case import CaseMessage, CooperationCase


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
