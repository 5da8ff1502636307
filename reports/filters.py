"""Filters of the outgoing-document register: issuing unit (and the units below it), year,
type, sequence and level."""

import django_filters
from django.utils.translation import gettext_lazy as _

from access.choices import Classification
from core.models import CopyDecision
from org.models import Unit

from .choices import DocumentType
from .models import IssuedDocument, ReceivedSecretDocument, SecretDestruction, SecretHandOver, SecretIncident


class IssuedDocumentFilterSet(django_filters.FilterSet):
    owner_unit = django_filters.ModelChoiceFilter(label=_("issuing unit"), queryset=Unit.objects.all())
    year = django_filters.NumberFilter(label=_("year"), min_value=2000, max_value=2100)
    doc_type = django_filters.ChoiceFilter(label=_("document type"), choices=DocumentType.choices)
    classification = django_filters.ChoiceFilter(label=_("classification"), choices=Classification.choices)
    secret_sequence = django_filters.ChoiceFilter(
        label=_("secret sequence"),
        choices=(("true", _("Secret (Mật and above)")), ("false", _("Ordinary"))),
        method="filter_sequence",
    )

    def filter_sequence(self, queryset, name, value):
        return queryset.filter(secret_sequence=value == "true")

    class Meta:
        model = IssuedDocument
        fields = ("owner_unit", "year", "doc_type", "classification", "secret_sequence")


SECRET_LEVEL_CHOICES = [(v, label) for v, label in Classification.choices if v != Classification.THUONG]


class RegisterFilterSet(django_filters.FilterSet):
    """Unit and level, common to the registers of secret documents."""

    owner_unit = django_filters.ModelChoiceFilter(label=_("unit"), queryset=Unit.objects.all())
    level = django_filters.ChoiceFilter(label=_("level"), choices=SECRET_LEVEL_CHOICES)


class ReceivedFilterSet(RegisterFilterSet):
    year = django_filters.NumberFilter(label=_("year"), min_value=2000, max_value=2100)

    class Meta:
        model = ReceivedSecretDocument
        fields = ("owner_unit", "year", "level")


class HandOverFilterSet(RegisterFilterSet):
    pending = django_filters.ChoiceFilter(
        label=_("confirmation"),
        choices=(
            ("mine", _("Waiting for my confirmation")),
            ("pending", _("Not yet confirmed")),
            ("confirmed", _("Confirmed")),
        ),
        method="filter_pending",
    )

    def filter_pending(self, queryset, name, value):
        if value == "mine":
            user = getattr(self.request, "user", None)
            return queryset.filter(
                recipient_id=getattr(user, "pk", None), confirmed_at__isnull=True, corrected_by__isnull=True
            )
        if value == "pending":
            return queryset.filter(confirmed_at__isnull=True)
        return queryset.filter(confirmed_at__isnull=False)

    class Meta:
        model = SecretHandOver
        fields = ("owner_unit", "level", "pending")


class CopyDecisionFilterSet(RegisterFilterSet):
    class Meta:
        model = CopyDecision
        fields = ("owner_unit", "level")


class SecretDestructionFilterSet(RegisterFilterSet):
    class Meta:
        model = SecretDestruction
        fields = ("owner_unit", "level")


class SecretIncidentFilterSet(RegisterFilterSet):
    class Meta:
        model = SecretIncident
        fields = ("owner_unit", "level", "kind")
