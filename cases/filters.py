import django_filters
from django.utils.translation import gettext_lazy as _

from core.dates import DATE_FORMATS
from partners.models import Country

from .choices import CaseStatus, CaseType, Channel, CrimeArea, Direction, RequestKind
from .models import CompetentAuthority, CooperationCase, Operation


class CaseFilterSet(django_filters.FilterSet):
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

    class Meta:
        model = CooperationCase
        fields = (
            "type",
            "direction",
            "status",
            "channel",
            "crime_area",
            "country",
            "owner_unit",
            "classification",
        )


class OperationFilterSet(django_filters.FilterSet):
    crime_area = django_filters.ChoiceFilter(label=_("crime area"), choices=CrimeArea.choices)
    country = django_filters.ModelChoiceFilter(
        label=_("country or territory"), field_name="countries", queryset=Country.objects.all()
    )

    class Meta:
        model = Operation
        fields = ("crime_area", "country", "owner_unit", "classification")


class AuthorityFilterSet(django_filters.FilterSet):
    country = django_filters.ModelChoiceFilter(
        label=_("country or territory"), queryset=Country.objects.all()
    )
    request_kind = django_filters.ChoiceFilter(label=_("kind of request"), choices=RequestKind.choices)

    class Meta:
        model = CompetentAuthority
        fields = ("country", "request_kind", "role")
