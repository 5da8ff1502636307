import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.dates import DATE_FORMATS
from core.text import MAX_ID
from org.models import Unit
from partners.filters import GroupFilterMixin, group_filter
from partners.models import Country

from .choices import (
    CaseStatus,
    CaseType,
    Channel,
    CrimeArea,
    DataLegalBasis,
    Direction,
    HandlingCode,
    InformationAccuracy,
    MessageDirection,
    OutcomeKind,
    RequestKind,
    SourceReliability,
)
from .models import (
    CaseMessage,
    CompetentAuthority,
    CooperationCase,
    Operation,
    Outcome,
    PersonalDataTransfer,
    RuleSet,
)


class CaseFilterSet(GroupFilterMixin, django_filters.FilterSet):
    country_path = "countries"
    group_date_fields = ("opened_to", "opened_from")
    group = group_filter()
    type = django_filters.ChoiceFilter(label=_("type"), choices=CaseType.choices)
    direction = django_filters.ChoiceFilter(label=_("direction"), choices=Direction.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=CaseStatus.choices)
    channel = django_filters.ChoiceFilter(label=_("channel"), choices=Channel.choices)
    crime_area = django_filters.ChoiceFilter(label=_("crime area"), choices=CrimeArea.choices)
    country = django_filters.ModelChoiceFilter(
        label=_("country or territory"), field_name="countries", queryset=Country.objects.all()
    )
    opened_from = django_filters.DateFilter(
        label=_("opened from (dd/mm/yyyy)"),
        field_name="opened_on",
        lookup_expr="gte",
        input_formats=DATE_FORMATS,
    )
    opened_to = django_filters.DateFilter(
        label=_("opened until (dd/mm/yyyy)"),
        field_name="opened_on",
        lookup_expr="lte",
        input_formats=DATE_FORMATS,
    )
    unit_subtree = django_filters.ModelChoiceFilter(
        label=_("unit and the units below it"),
        method="filter_unit_subtree",
        queryset=Unit.objects.all(),
    )

    def filter_unit_subtree(self, queryset, name, value):
        """Cases owned by the unit or any unit under it (the dashboard's figures link here)."""
        return queryset.filter(owner_unit_id__any_of=Unit.objects.subtree_ids(value))

    class Meta:
        model = CooperationCase
        fields = (
            "type",
            "direction",
            "status",
            "channel",
            "crime_area",
            "country",
            "group",
            "owner_unit",
            "unit_subtree",
            "classification",
        )


class OperationFilterSet(GroupFilterMixin, django_filters.FilterSet):
    country_path = "countries"
    group = group_filter()
    crime_area = django_filters.ChoiceFilter(label=_("crime area"), choices=CrimeArea.choices)
    country = django_filters.ModelChoiceFilter(
        label=_("country or territory"), field_name="countries", queryset=Country.objects.all()
    )

    class Meta:
        model = Operation
        fields = ("crime_area", "country", "group", "owner_unit", "classification")


class AuthorityFilterSet(django_filters.FilterSet):
    country = django_filters.ModelChoiceFilter(
        label=_("country or territory"), queryset=Country.objects.all()
    )
    request_kind = django_filters.ChoiceFilter(label=_("kind of request"), choices=RequestKind.choices)

    class Meta:
        model = CompetentAuthority
        fields = ("country", "request_kind", "role")


class RuleSetFilterSet(django_filters.FilterSet):
    case_type = django_filters.ChoiceFilter(label=_("case type"), choices=CaseType.choices)
    in_force_on = django_filters.DateFilter(
        label=_("applies on (dd/mm/yyyy)"), method="filter_in_force", input_formats=DATE_FORMATS
    )

    class Meta:
        model = RuleSet
        fields = ("case_type", "confirmed")

    def filter_in_force(self, queryset, name, value):
        return queryset.filter(valid_from__lte=value).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=value)
        )


class MessageFilterSet(django_filters.FilterSet):
    direction = django_filters.ChoiceFilter(label=_("direction"), choices=MessageDirection.choices)
    channel = django_filters.ChoiceFilter(label=_("channel"), choices=Channel.choices)
    handling_code = django_filters.ChoiceFilter(label=_("handling code"), choices=HandlingCode.choices)
    source_reliability = django_filters.ChoiceFilter(
        label=_("source reliability"), choices=SourceReliability.choices
    )
    information_accuracy = django_filters.ChoiceFilter(
        label=_("information accuracy"), choices=InformationAccuracy.choices
    )

    class Meta:
        model = CaseMessage
        fields = ("direction", "channel", "handling_code", "source_reliability", "information_accuracy")


class TransferFilterSet(django_filters.FilterSet):
    legal_basis = django_filters.ChoiceFilter(label=_("legal basis"), choices=DataLegalBasis.choices)
    recipient_country = django_filters.ModelChoiceFilter(
        label=_("recipient country"), queryset=Country.objects.all()
    )
    from_day = django_filters.DateFilter(
        label=_("from (dd/mm/yyyy)"),
        field_name="transferred_on",
        lookup_expr="gte",
        input_formats=DATE_FORMATS,
    )
    to_day = django_filters.DateFilter(
        label=_("until (dd/mm/yyyy)"),
        field_name="transferred_on",
        lookup_expr="lte",
        input_formats=DATE_FORMATS,
    )

    class Meta:
        model = PersonalDataTransfer
        fields = ("legal_basis", "recipient_country", "includes_sensitive")


def _visible_operations(request):
    """Filter choices list only the operations the user may see."""
    user = getattr(request, "user", None)
    return Operation.objects.visible_to(user) if user is not None else Operation.objects.none()


_ID = {"min_value": 1, "max_value": MAX_ID, "decimal_places": 0}


class OutcomeFilterSet(django_filters.FilterSet):
    """Outcomes by kind, year, operation and instrument; the links from a case, a progress
    report and an obligation carry their id (the rows are the visible outcomes already)."""

    kind = django_filters.ChoiceFilter(label=_("kind"), choices=OutcomeKind.choices)
    year = django_filters.NumberFilter(
        label=_("year"), field_name="occurred_on", lookup_expr="year", min_value=1900, max_value=2200
    )
    operation = django_filters.ModelChoiceFilter(label=_("operation"), queryset=_visible_operations)
    case = django_filters.NumberFilter(field_name="case", widget=forms.HiddenInput, **_ID)
    report = django_filters.NumberFilter(field_name="report", widget=forms.HiddenInput, **_ID)
    obligation = django_filters.NumberFilter(field_name="obligation", widget=forms.HiddenInput, **_ID)
    instrument = django_filters.NumberFilter(field_name="instrument", widget=forms.HiddenInput, **_ID)

    class Meta:
        model = Outcome
        fields = ("kind", "year", "operation", "owner_unit", "classification")
