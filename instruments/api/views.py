from __future__ import annotations

import django_filters
from django.db import models
from django.db.models import Q

from core.api.params import ordering_param
from core.api.views import BusinessAPIViewSet, ObjectAPIViewSet
from core.dates import DATE_FORMATS
from partners.filters import GroupFilterMixin, group_filter
from partners.models import ForeignAgency

from ..choices import RequestType
from ..filters import InstrumentFilterSet
from ..models import (
    Clause,
    Directive,
    DirectiveItem,
    Instrument,
    InstrumentParty,
    InstrumentStage,
    SigningPlan,
    StageRule,
)
from ..selectors import covering, in_force_on
from ..views import (
    ClauseViews,
    DirectiveItemViews,
    DirectiveViews,
    InstrumentViews,
    PartyActionViews,
    SigningPlanViews,
    StageRuleViews,
    StageViews,
)
from .serializers import (
    ClauseSerializer,
    DirectiveItemSerializer,
    DirectiveSerializer,
    InstrumentSerializer,
    PartyActionSerializer,
    SigningPlanSerializer,
    StageRuleSerializer,
    StageSerializer,
)


class InstrumentAPIFilter(GroupFilterMixin, django_filters.FilterSet):
    group = group_filter()
    country = django_filters.CharFilter(method="filter_country")
    agency = django_filters.NumberFilter(field_name="agencies")
    body = django_filters.NumberFilter(field_name="bodies")
    signed_from = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="gte", input_formats=DATE_FORMATS
    )
    signed_to = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="lte", input_formats=DATE_FORMATS
    )
    in_force_on = django_filters.DateFilter(method="filter_in_force", input_formats=DATE_FORMATS)
    covers = django_filters.ChoiceFilter(
        method="filter_covers",
        choices=RequestType.choices,
        help_text="Instruments that cover this request type.",
    )

    class Meta:
        model = Instrument
        fields = ("type", "status", "level", "multilateral")

    def filter_country(self, queryset, name, value):
        # Through the agencies the caller sees: a hidden agency must not make an instrument match.
        code = value.upper()
        user = self.request.user
        agencies = ForeignAgency.objects.visible_to(user).filter(country__code=code).values("pk")
        matching = Instrument.objects.visible_to(user).filter(
            Q(countries__code=code) | Q(agencies__in=agencies)
        )
        return queryset.filter(pk__in=matching.values("pk"))

    def filter_in_force(self, queryset, name, value):
        return in_force_on(queryset, value)

    filter_countries = InstrumentFilterSet.filter_countries

    def filter_covers(self, queryset, name, value):
        return covering(queryset, value)


class PartyActionAPIFilter(django_filters.FilterSet):
    instrument = django_filters.NumberFilter(field_name="instrument")
    country = django_filters.CharFilter(method="filter_country", help_text="Country id or ISO alpha-2 code.")

    class Meta:
        model = InstrumentParty
        fields = ("instrument", "country")

    def filter_country(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(country_id=int(value))
        return queryset.filter(country__code=value.upper())


class InstrumentViewSet(BusinessAPIViewSet):
    """Cooperation instruments; filters: type, status, level, country (alpha-2), group (country group id,
    members on in_force_on or today), agency, body, signed_from/to, in_force_on."""

    model = Instrument
    queryset = Instrument.objects.none()
    serializer_class = InstrumentSerializer
    filterset_class = InstrumentAPIFilter
    prefetch_related = ("agencies", "countries", "bodies")
    ordering_fields = ("id", "signed_on", "in_force_on", "expires_on", "title")
    create_service = staticmethod(InstrumentViews.create_service)
    update_service = staticmethod(InstrumentViews.update_service)
    delete_service = staticmethod(InstrumentViews.delete_service)


class ClauseViewSet(BusinessAPIViewSet):
    model = Clause
    queryset = Clause.objects.none()
    serializer_class = ClauseSerializer
    filterset_fields = ("instrument", "creates_obligation")
    create_service = staticmethod(ClauseViews.create_service)
    update_service = staticmethod(ClauseViews.update_service)
    delete_service = staticmethod(ClauseViews.delete_service)


class DirectiveAPIFilter(django_filters.FilterSet):
    symbol = django_filters.CharFilter(method="filter_symbol")

    class Meta:
        model = Directive
        fields = ("kind",)

    def filter_symbol(self, queryset, name, value):
        from ..symbols import search_key

        return queryset.filter(symbol_key=search_key(value))


class DirectiveViewSet(BusinessAPIViewSet):
    """Directives; `?symbol=50-CTr/ĐUCA` (with or without diacritics) finds one by its symbol."""

    model = Directive
    queryset = Directive.objects.none()
    serializer_class = DirectiveSerializer
    filterset_class = DirectiveAPIFilter
    prefetch_related = ("implements",)
    ordering_fields = ("id", "issued_on", "symbol")
    create_service = staticmethod(DirectiveViews.create_service)
    update_service = staticmethod(DirectiveViews.update_service)
    delete_service = staticmethod(DirectiveViews.delete_service)


class DirectiveItemViewSet(BusinessAPIViewSet):
    model = DirectiveItem
    queryset = DirectiveItem.objects.none()
    serializer_class = DirectiveItemSerializer
    filterset_fields = ("directive", "parent", "kind")
    ordering_fields = ("id", "order")
    create_service = staticmethod(DirectiveItemViews.create_service)
    update_service = staticmethod(DirectiveItemViews.update_service)
    delete_service = staticmethod(DirectiveItemViews.delete_service)


class StageViewSet(BusinessAPIViewSet):
    """Stages and deadlines of instruments (consultations, approvals, post-signing reports)."""

    model = InstrumentStage
    queryset = InstrumentStage.objects.none()
    select_related = ("rule",)
    serializer_class = StageSerializer
    filterset_fields = ("instrument", "kind", "responsible_unit")
    ordering_fields = ("id", "due_on", "done_on")
    create_service = staticmethod(StageViews.create_service)
    update_service = staticmethod(StageViews.update_service)
    delete_service = staticmethod(StageViews.delete_service)


class StageRuleViewSet(ObjectAPIViewSet):
    """Statutory deadlines of treaty and agreement work by kind of instrument and stage, with
    the article of law and whether it was confirmed (reference data, coordinators edit)."""

    model = StageRule
    queryset = StageRule.objects.none()
    serializer_class = StageRuleSerializer
    filterset_fields = ("work_kind", "stage", "confirmed")
    ordering_fields = ("id", "valid_from")
    create_service = staticmethod(StageRuleViews.create_service)
    update_service = staticmethod(StageRuleViews.update_service)
    delete_service = staticmethod(StageRuleViews.delete_service)

    def get_queryset(self) -> models.QuerySet:
        qs = StageRule.objects.visible_to(self.request.user)
        if ordering := ordering_param(self.request, self.ordering_fields):
            qs = qs.order_by(ordering, "pk")
        return qs


class SigningPlanViewSet(BusinessAPIViewSet):
    """Yearly and five-year signing plans with the instruments they foresee."""

    model = SigningPlan
    queryset = SigningPlan.objects.none()
    serializer_class = SigningPlanSerializer
    filterset_fields = ("kind", "year_from", "year_to")
    prefetch_related = ("instruments",)
    ordering_fields = ("id", "year_from")
    create_service = staticmethod(SigningPlanViews.create_service)
    update_service = staticmethod(SigningPlanViews.update_service)
    delete_service = staticmethod(SigningPlanViews.delete_service)


class PartyActionViewSet(BusinessAPIViewSet):
    """Each party's signature, ratification or accession, entry into force, reservations and
    withdrawal (UN Treaty Collection style); Viet Nam's own status is its row (country VN).
    Filters: instrument (id), country (id or ISO alpha-2 code)."""

    model = InstrumentParty
    queryset = InstrumentParty.objects.none()
    serializer_class = PartyActionSerializer
    filterset_class = PartyActionAPIFilter
    select_related = ("country",)
    ordering_fields = ("id", "signed_on", "ratified_on", "in_force_on", "withdrew_on")
    create_service = staticmethod(PartyActionViews.create_service)
    update_service = staticmethod(PartyActionViews.update_service)
    delete_service = staticmethod(PartyActionViews.delete_service)
