"""Filters of the outgoing-document register: issuing unit (and the units below it), year,
type, sequence and level."""

import django_filters
from django.utils.translation import gettext_lazy as _

from access.choices import Classification
from org.models import Unit

from .choices import DocumentType
from .models import IssuedDocument


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
