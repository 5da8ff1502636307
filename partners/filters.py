import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from access.choices import Classification
from core.dates import DATE_FORMATS
from org.models import Unit

from .choices import AgencyKind, BodyKind, BodyScope, GroupKind, MembershipStatus, Region, RelationshipLevel
from .models import (
    Country,
    CountryGroup,
    CountryGroupMember,
    ForeignAgency,
    Membership,
    MultilateralBody,
    Relationship,
)
from .selectors import group_country_ids, member_on


class GroupFilterMixin:
    """``group``: records of the countries of a country group (DESIGN.md: "relations with all
    five permanent members on date D"), members on the list's own date when it has one
    (``group_date_fields``, first given wins), else today.

    A list names its country link in ``country_path`` (a foreign key or a many-to-many path),
    or overrides ``filter_countries`` when a country also reaches it through agencies."""

    country_path = "country"
    group_date_fields: tuple[str, ...] = (
        "related_on",
        "active_on",
        "member_on",
        "in_force",
        "in_force_on",
        "as_of",
    )

    def _group_day(self):
        from django.utils import timezone

        data = getattr(self.form, "cleaned_data", {}) or {}
        for name in self.group_date_fields:
            if data.get(name):
                return data[name]
        return timezone.localdate()

    def filter_countries(self, queryset, country_ids):
        """The records linked to any of ``country_ids`` (a subquery), each once."""
        model = queryset.model
        matching = model._base_manager.filter(**{f"{self.country_path}__in": country_ids}).values("pk")
        return queryset.filter(pk__in=matching)

    def filter_group(self, queryset, name, value):
        return self.filter_countries(queryset, group_country_ids(value, self._group_day()))


@extend_schema_field(OpenApiTypes.INT)
class GroupFilter(django_filters.ModelChoiceFilter):
    """A country group by id (the schema says integer: the filter works through a method)."""


def group_filter(**kwargs):
    """The ``group`` filter of a list (with ``GroupFilterMixin``); in the API, by id."""
    return GroupFilter(
        label=_("country group"), queryset=CountryGroup.objects.all(), method="filter_group", **kwargs
    )


class CountryFilterSet(GroupFilterMixin, django_filters.FilterSet):
    country_path = "pk"
    group = group_filter()
    region = django_filters.ChoiceFilter(label=_("region"), choices=Region.choices)
    related_on = django_filters.DateFilter(
        label=_("related on (dd/mm/yyyy)"), method="filter_related_on", input_formats=DATE_FORMATS
    )

    class Meta:
        model = Country
        fields = ("group", "region", "related_on")

    def filter_related_on(self, queryset, name, value):
        """Countries of the agencies the caller sees related on that date."""
        user = getattr(self.request, "user", None)
        active = Relationship.objects.visible_to(user).active_on(value).values("agency_id")
        agencies = ForeignAgency.objects.visible_to(user).filter(pk__in=active).values("country_id")
        return queryset.filter(pk__in=agencies)


class BodyFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=BodyKind.choices)
    scope = django_filters.ChoiceFilter(label=_("scope"), choices=BodyScope.choices)
    participating_on = django_filters.DateFilter(
        label=_("participating on (dd/mm/yyyy)"), method="filter_participating_on", input_formats=DATE_FORMATS
    )
    member_on = django_filters.DateFilter(
        label=_("member on (dd/mm/yyyy)"), method="filter_member_on", input_formats=DATE_FORMATS
    )

    class Meta:
        model = MultilateralBody
        fields = ("kind", "scope", "participating_on", "member_on")

    def _memberships(self, value):
        return Membership.objects.visible_to(getattr(self.request, "user", None)).active_on(value)

    def filter_participating_on(self, queryset, name, value):
        return queryset.filter(pk__in=self._memberships(value).values("body_id"))

    def filter_member_on(self, queryset, name, value):
        return queryset.filter(
            pk__in=self._memberships(value).filter(status=MembershipStatus.MEMBER).values("body_id")
        )


class AgencyFilterSet(GroupFilterMixin, django_filters.FilterSet):
    group = group_filter()
    country = django_filters.ModelChoiceFilter(
        label=_("country or territory"), queryset=Country.objects.all()
    )
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=AgencyKind.choices)
    classification = django_filters.ChoiceFilter(label=_("classification"), choices=Classification.choices)
    related_on = django_filters.DateFilter(
        label=_("related on (dd/mm/yyyy)"), method="filter_related_on", input_formats=DATE_FORMATS
    )

    class Meta:
        model = ForeignAgency
        fields = ("group", "country", "kind", "classification", "related_on")

    def filter_related_on(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        active = Relationship.objects.visible_to(user).active_on(value).values("agency_id")
        return queryset.filter(pk__in=active)


class SpellFilterSet(django_filters.FilterSet):
    active_on = django_filters.DateFilter(
        label=_("active on (dd/mm/yyyy)"), method="filter_active_on", input_formats=DATE_FORMATS
    )
    owner_unit = django_filters.ModelChoiceFilter(label=_("unit"), queryset=Unit.objects.all())

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)


class RelationshipFilterSet(GroupFilterMixin, SpellFilterSet):
    country_path = "agency__country"
    group = group_filter()
    country = django_filters.ModelChoiceFilter(
        label=_("country or territory"), field_name="agency__country", queryset=Country.objects.all()
    )
    level = django_filters.ChoiceFilter(label=_("level"), choices=RelationshipLevel.choices)

    class Meta:
        model = Relationship
        fields = ("group", "country", "level", "owner_unit", "active_on")


class MembershipFilterSet(SpellFilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), field_name="body__kind", choices=BodyKind.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=MembershipStatus.choices)

    class Meta:
        model = Membership
        fields = ("kind", "status", "owner_unit", "active_on")


class CountryGroupFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=GroupKind.choices)

    class Meta:
        model = CountryGroup
        fields = ("kind",)


class CountryGroupMemberFilterSet(django_filters.FilterSet):
    group = django_filters.ModelChoiceFilter(label=_("country group"), queryset=CountryGroup.objects.all())
    country = django_filters.ModelChoiceFilter(
        label=_("country or territory"), queryset=Country.objects.all()
    )
    member_on = django_filters.DateFilter(
        label=_("member on (dd/mm/yyyy)"), method="filter_member_on", input_formats=DATE_FORMATS
    )

    class Meta:
        model = CountryGroupMember
        fields = ("group", "country", "member_on")

    def filter_member_on(self, queryset, name, value):
        return queryset.filter(member_on(value))
