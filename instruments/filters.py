import django_filters
from django.utils.translation import gettext_lazy as _

from core.dates import DATE_FORMATS
from partners.filters import GroupFilterMixin, group_filter
from partners.models import Country, ForeignAgency, MultilateralBody

from .choices import DirectiveKind, InstrumentLevel, InstrumentStatus, InstrumentType, ItemKind, RequestType
from .models import Directive, DirectiveItem, Instrument
from .selectors import covering, in_force_on


class InstrumentFilterSet(GroupFilterMixin, django_filters.FilterSet):
    group = group_filter()
    type = django_filters.ChoiceFilter(label=_("type"), choices=InstrumentType.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=InstrumentStatus.choices)
    level = django_filters.ChoiceFilter(label=_("level"), choices=InstrumentLevel.choices)
    agency = django_filters.ModelChoiceFilter(
        label=_("foreign agency"), field_name="agencies", queryset=ForeignAgency.objects.all()
    )
    country = django_filters.ModelChoiceFilter(
        label=_("country or territory"), method="filter_country", queryset=Country.objects.all()
    )
    body = django_filters.ModelChoiceFilter(
        label=_("multilateral body"), field_name="bodies", queryset=MultilateralBody.objects.all()
    )
    signed_from = django_filters.DateFilter(
        label=_("signed from (dd/mm/yyyy)"),
        field_name="signed_on",
        lookup_expr="gte",
        input_formats=DATE_FORMATS,
    )
    signed_to = django_filters.DateFilter(
        label=_("signed until (dd/mm/yyyy)"),
        field_name="signed_on",
        lookup_expr="lte",
        input_formats=DATE_FORMATS,
    )
    in_force = django_filters.DateFilter(
        label=_("in force on (dd/mm/yyyy)"), method="filter_in_force", input_formats=DATE_FORMATS
    )
    covers = django_filters.ChoiceFilter(
        label=_("request type covered"), choices=RequestType.choices, method="filter_covers"
    )

    class Meta:
        model = Instrument
        fields = (
            "type",
            "status",
            "level",
            "agency",
            "country",
            "group",
            "body",
            "signed_from",
            "signed_to",
            "in_force",
            "covers",
        )

    def filter_country(self, queryset, name, value):
        return self.filter_countries(queryset, [value.pk])

    def filter_countries(self, queryset, country_ids):
        """The countries' instruments: with a country itself or with one of its agencies."""
        from django.db.models import Q

        # Through the agencies the user sees: a hidden agency must not make an instrument match.
        user = getattr(self.request, "user", None)
        agencies = ForeignAgency.objects.visible_to(user).filter(country__in=country_ids).values("pk")
        matching = Instrument.objects.visible_to(user).filter(
            Q(countries__in=country_ids) | Q(agencies__in=agencies)
        )
        return queryset.filter(pk__in=matching.values("pk"))

    def filter_in_force(self, queryset, name, value):
        return in_force_on(queryset, value)

    def filter_covers(self, queryset, name, value):
        return covering(queryset, value)


class DirectiveFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=DirectiveKind.choices)
    symbol = django_filters.CharFilter(label=_("number and symbol"), method="filter_symbol")
    issued_from = django_filters.DateFilter(
        label=_("issued from (dd/mm/yyyy)"),
        field_name="issued_on",
        lookup_expr="gte",
        input_formats=DATE_FORMATS,
    )

    class Meta:
        model = Directive
        fields = ("kind", "symbol", "issued_from")

    def filter_symbol(self, queryset, name, value):
        """With or without diacritics: '50-CTr/ĐUCA', '50-ctr/duca'."""
        from .symbols import search_key

        return queryset.filter(symbol_key=search_key(value))


class DirectiveItemFilterSet(django_filters.FilterSet):
    directive = django_filters.ModelChoiceFilter(label=_("directive"), queryset=Directive.objects.all())
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=ItemKind.choices)

    class Meta:
        model = DirectiveItem
        fields = ("directive", "kind")
