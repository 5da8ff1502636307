from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.params import date_param
from core.api.views import BusinessAPIViewSet, ObjectAPIViewSet
from core.dates import DATE_FORMATS

from .. import selectors
from ..filters import GroupFilterMixin, group_filter
from ..models import (
    Country,
    CountryGroup,
    CountryGroupMember,
    ForeignAgency,
    Membership,
    MultilateralBody,
    Relationship,
)
from ..views import (
    AgencyViews,
    BodyViews,
    CountryGroupMemberViews,
    CountryGroupViews,
    CountryViews,
    MembershipViews,
    RelationshipViews,
)
from .serializers import (
    AgencySerializer,
    BodySerializer,
    CountryGroupMemberSerializer,
    CountryGroupSerializer,
    CountrySerializer,
    IndicatorsSerializer,
    MembershipSerializer,
    RelationshipSerializer,
)


class CountryAPIFilter(GroupFilterMixin, django_filters.FilterSet):
    country_path = "pk"
    group = group_filter()
    member_on = django_filters.DateFilter(method="filter_on", input_formats=DATE_FORMATS)

    class Meta:
        model = Country
        fields = ("region", "code")

    def filter_on(self, queryset, name, value):
        """The date of ``group``'s membership; alone it filters nothing."""
        return queryset


class CountryViewSet(ObjectAPIViewSet):
    """ISO 3166-1 countries and territories with CLDR names; reference data."""

    model = Country
    queryset = Country.objects.none()
    serializer_class = CountrySerializer
    filterset_class = CountryAPIFilter
    ordering_fields = ("id", "code", "sort_key", "region")
    http_method_names = ("get", "put", "patch", "head", "options")
    update_service = staticmethod(CountryViews.update_service)


class BodyAPIFilter(django_filters.FilterSet):
    class Meta:
        model = MultilateralBody
        fields = ("kind", "scope")


class BodyViewSet(ObjectAPIViewSet):
    """Multilateral organisations, forums and cooperation mechanisms; reference data."""

    model = MultilateralBody
    queryset = MultilateralBody.objects.none()
    serializer_class = BodySerializer
    filterset_class = BodyAPIFilter
    ordering_fields = ("id", "sort_key", "acronym", "kind")
    create_service = staticmethod(BodyViews.create_service)
    update_service = staticmethod(BodyViews.update_service)
    delete_service = staticmethod(BodyViews.delete_service)


class ActiveOnFilter(django_filters.FilterSet):
    active_on = django_filters.DateFilter(method="filter_active_on", input_formats=DATE_FORMATS)

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)


class AgencyAPIFilter(GroupFilterMixin, django_filters.FilterSet):
    group = group_filter()
    country = django_filters.CharFilter(field_name="country__code", lookup_expr="iexact")
    related_on = django_filters.DateFilter(method="filter_related_on", input_formats=DATE_FORMATS)

    class Meta:
        model = ForeignAgency
        fields = ("country", "kind", "classification", "owner_unit")

    def filter_related_on(self, queryset, name, value):
        return queryset.filter(
            pk__in=selectors.active_relationships(self.request.user, value).values("agency_id")
        )


class AgencyViewSet(BusinessAPIViewSet):
    """Foreign law-enforcement agencies; `?q=` searches without diacritics."""

    model = ForeignAgency
    queryset = ForeignAgency.objects.none()
    serializer_class = AgencySerializer
    filterset_class = AgencyAPIFilter
    select_related = ("country",)
    ordering_fields = ("id", "name_vi", "acronym", "kind")
    create_service = staticmethod(AgencyViews.create_service)
    update_service = staticmethod(AgencyViews.update_service)
    delete_service = staticmethod(AgencyViews.delete_service)


class RelationshipAPIFilter(GroupFilterMixin, ActiveOnFilter):
    country_path = "agency__country"
    group = group_filter()
    country = django_filters.CharFilter(field_name="agency__country__code", lookup_expr="iexact")

    class Meta:
        model = Relationship
        fields = ("agency", "country", "level", "owner_unit")


class RelationshipViewSet(BusinessAPIViewSet):
    """Relationships with foreign agencies as dated spells; `?active_on=YYYY-MM-DD`."""

    model = Relationship
    queryset = Relationship.objects.none()
    serializer_class = RelationshipSerializer
    filterset_class = RelationshipAPIFilter
    select_related = ("agency",)
    prefetch_related = ("responsible_units",)
    ordering_fields = ("id", "start", "end", "level")
    create_service = staticmethod(RelationshipViews.create_service)
    update_service = staticmethod(RelationshipViews.update_service)
    delete_service = staticmethod(RelationshipViews.delete_service)


class MembershipAPIFilter(ActiveOnFilter):
    kind = django_filters.CharFilter(field_name="body__kind")

    class Meta:
        model = Membership
        fields = ("body", "kind", "status", "owner_unit")


class MembershipViewSet(BusinessAPIViewSet):
    """Participation in multilateral bodies as dated spells; `?active_on=YYYY-MM-DD`."""

    model = Membership
    queryset = Membership.objects.none()
    serializer_class = MembershipSerializer
    filterset_class = MembershipAPIFilter
    select_related = ("body",)
    prefetch_related = ("responsible_units",)
    ordering_fields = ("id", "start", "end", "status")
    create_service = staticmethod(MembershipViews.create_service)
    update_service = staticmethod(MembershipViews.update_service)
    delete_service = staticmethod(MembershipViews.delete_service)


class CountryGroupAPIFilter(django_filters.FilterSet):
    class Meta:
        model = CountryGroup
        fields = ("kind",)


class CountryGroupViewSet(ObjectAPIViewSet):
    """Named groups of countries (ASEAN, the permanent members of the UN Security Council...);
    reference data. Their dated members are at ``/country-group-members/``."""

    model = CountryGroup
    queryset = CountryGroup.objects.none()
    serializer_class = CountryGroupSerializer
    filterset_class = CountryGroupAPIFilter
    ordering_fields = ("id", "sort_key", "kind")
    create_service = staticmethod(CountryGroupViews.create_service)
    update_service = staticmethod(CountryGroupViews.update_service)
    delete_service = staticmethod(CountryGroupViews.delete_service)


class CountryGroupMemberAPIFilter(django_filters.FilterSet):
    member_on = django_filters.DateFilter(method="filter_member_on", input_formats=DATE_FORMATS)

    class Meta:
        model = CountryGroupMember
        fields = ("group", "country", "member_on")

    def filter_member_on(self, queryset, name, value):
        return queryset.filter(selectors.member_on(value))


class CountryGroupMemberViewSet(ObjectAPIViewSet):
    """A country's membership of a group, dated (`?member_on=YYYY-MM-DD`); reference data."""

    model = CountryGroupMember
    queryset = CountryGroupMember.objects.none()
    serializer_class = CountryGroupMemberSerializer
    filterset_class = CountryGroupMemberAPIFilter
    select_related = ("group", "country")
    ordering_fields = ("id", "joined_on", "left_on")
    create_service = staticmethod(CountryGroupMemberViews.create_service)
    update_service = staticmethod(CountryGroupMemberViews.update_service)
    delete_service = staticmethod(CountryGroupMemberViews.delete_service)


class IndicatorsView(APIView):
    """The headline figures on a date, counted from the spells the caller may see."""

    @extend_schema(
        parameters=[
            OpenApiParameter("as_of", OpenApiTypes.DATE, description="YYYY-MM-DD; default today"),
            OpenApiParameter(
                "group",
                OpenApiTypes.INT,
                description="A country group's id: adds `group`, the relations with each of its members on the date",
            ),
        ],
        responses=IndicatorsSerializer,
    )
    def get(self, request: Request) -> Response:
        day = date_param(request, "as_of") or timezone.localdate()
        data = selectors.indicators(user=request.user, as_of=day, groups=True)
        data["limited_to_unit"] = not request.user.has_ministry_scope
        raw = request.query_params.get("group")
        if raw:
            group = (
                CountryGroup.objects.visible_to(request.user).filter(pk=raw).first()
                if raw.isdigit()
                else None
            )
            if group is None:
                raise ValidationError({"group": [_("No such country group.")]})
            relations = selectors.group_relations(user=request.user, group=group, day=day)
            data["group"] = {
                "id": group.pk,
                "name": group.name,
                "members": relations["members"],
                "related": relations["related"],
                "countries": [
                    {"code": row["country"].code, "name": row["country"].name, "agencies": row["agencies"]}
                    for row in relations["rows"]
                ],
            }
        return Response(data)
