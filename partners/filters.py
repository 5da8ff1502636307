import django_filters
from django.utils.translation import gettext_lazy as _

from access.choices import Classification
from core.dates import DATE_FORMATS
from org.models import Unit

from .choices import AgencyKind, BodyKind, BodyScope, MembershipStatus, Region, RelationshipLevel
from .models import Country, ForeignAgency, Membership, MultilateralBody, Relationship


class CountryFilterSet(django_filters.FilterSet):
    region = django_filters.ChoiceFilter(label=_("region"), choices=Region.choices)
    related_on = django_filters.DateFilter(
        label=_("related on (dd/mm/yyyy)"), method="filter_related_on", input_formats=DATE_FORMATS
    )

    class Meta:
        model = Country
        fields = ("region", "related_on")

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


class AgencyFilterSet(django_filters.FilterSet):
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
        fields = ("country", "kind", "classification", "related_on")

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


class RelationshipFilterSet(SpellFilterSet):
    country = django_filters.ModelChoiceFilter(
        label=_("country or territory"), field_name="agency__country", queryset=Country.objects.all()
    )
    level = django_filters.ChoiceFilter(label=_("level"), choices=RelationshipLevel.choices)

    class Meta:
        model = Relationship
        fields = ("country", "level", "owner_unit", "active_on")


class MembershipFilterSet(SpellFilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), field_name="body__kind", choices=BodyKind.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=MembershipStatus.choices)

    class Meta:
        model = Membership
        fields = ("kind", "status", "owner_unit", "active_on")
