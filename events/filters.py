import django_filters
from django.utils.translation import gettext_lazy as _

from core.dates import DATE_FORMATS
from org.models import Unit
from partners.filters import GroupFilterMixin, group_filter
from partners.models import Country, ForeignAgency, MultilateralBody

from .choices import EventLevel, EventType, ParticipantSide, Platform, PledgeStatus, TripStatus
from .models import Consultation, Event, MediaItem, Participant, Pledge, ProgrammeItem, TripProposal
from .selectors import with_countries


def _visible_events(request):
    """Filter choices list only the events the user may see (a hidden title never shows)."""
    user = getattr(request, "user", None)
    return Event.objects.visible_to(user) if user is not None else Event.objects.none()


class EventFilterSet(GroupFilterMixin, django_filters.FilterSet):
    group = group_filter()
    group_date_fields = ("starts_to", "starts_from")
    type = django_filters.ChoiceFilter(label=_("type"), choices=EventType.choices)
    international_conference = django_filters.BooleanFilter(
        label=_("international conference held in Vietnam")
    )
    level = django_filters.ChoiceFilter(label=_("level"), choices=EventLevel.choices)
    unit = django_filters.ModelChoiceFilter(
        label=_("unit"), method="filter_unit", queryset=Unit.objects.all()
    )
    country = django_filters.ModelChoiceFilter(
        label=_("country or territory"), method="filter_country", queryset=Country.objects.all()
    )
    agency = django_filters.ModelChoiceFilter(
        label=_("foreign agency"), field_name="agencies", queryset=ForeignAgency.objects.all()
    )
    body = django_filters.ModelChoiceFilter(
        label=_("multilateral body"), field_name="bodies", queryset=MultilateralBody.objects.all()
    )
    starts_from = django_filters.DateFilter(
        label=_("from (dd/mm/yyyy)"), field_name="starts_on", lookup_expr="gte", input_formats=DATE_FORMATS
    )
    starts_to = django_filters.DateFilter(
        label=_("until (dd/mm/yyyy)"), field_name="starts_on", lookup_expr="lte", input_formats=DATE_FORMATS
    )
    unit_subtree = django_filters.ModelChoiceFilter(
        label=_("unit and the units below it"), method="filter_unit_subtree", queryset=Unit.objects.all()
    )

    class Meta:
        model = Event
        fields = (
            "type",
            "level",
            "unit",
            "unit_subtree",
            "country",
            "group",
            "agency",
            "body",
            "starts_from",
            "starts_to",
            "international_conference",
        )

    def filter_unit(self, queryset, name, value):
        """Organised by the unit or attended by it."""
        ids = Event.objects.filter(attending_units=value).values("pk")
        from django.db.models import Q

        return queryset.filter(Q(owner_unit=value) | Q(pk__in=ids))

    def filter_unit_subtree(self, queryset, name, value):
        """Organised or attended by the unit or any unit under it (the dashboard links here)."""
        from django.db.models import Q

        subtree = Unit.objects.subtree_ids(value)
        ids = Event.objects.filter(attending_units__in=subtree).order_by().values("pk")
        # Arrays, not joins, under the OR: each arm can then read its index.
        return queryset.filter(Q(owner_unit_id__any_of=subtree) | Q(pk__any_of=ids))

    def filter_country(self, queryset, name, value):
        return self.filter_countries(queryset, [value.pk])

    def filter_countries(self, queryset, country_ids):
        """Held in a country, or with a country or one of its agencies as a partner."""
        return with_countries(queryset, user=getattr(self.request, "user", None), country_ids=country_ids)


class ChildFilterSet(django_filters.FilterSet):
    event = django_filters.ModelChoiceFilter(label=_("event"), queryset=_visible_events)


class ParticipantFilterSet(ChildFilterSet):
    side = django_filters.ChoiceFilter(label=_("side"), choices=ParticipantSide.choices)

    class Meta:
        model = Participant
        fields = ("event", "side")


class PledgeFilterSet(ChildFilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=PledgeStatus.choices)

    class Meta:
        model = Pledge
        fields = ("event", "status")


class ProgrammeItemFilterSet(ChildFilterSet):
    class Meta:
        model = ProgrammeItem
        fields = ("event",)


class ConsultationFilterSet(ChildFilterSet):
    answered = django_filters.BooleanFilter(
        label=_("answered"), field_name="answered_on", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Consultation
        fields = ("event", "answered")


class TripFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=TripStatus.choices)
    in_plan = django_filters.BooleanFilter(label=_("in the plan"))

    class Meta:
        model = TripProposal
        fields = ("status", "in_plan")


class MediaItemFilterSet(django_filters.FilterSet):
    platform = django_filters.ChoiceFilter(label=_("platform"), choices=Platform.choices)
    event = django_filters.ModelChoiceFilter(label=_("event"), queryset=_visible_events)
    published_from = django_filters.DateFilter(
        label=_("from (dd/mm/yyyy)"), field_name="published_on", lookup_expr="gte", input_formats=DATE_FORMATS
    )
    published_to = django_filters.DateFilter(
        label=_("until (dd/mm/yyyy)"),
        field_name="published_on",
        lookup_expr="lte",
        input_formats=DATE_FORMATS,
    )

    class Meta:
        model = MediaItem
        fields = ("platform", "event", "published_from", "published_to")
