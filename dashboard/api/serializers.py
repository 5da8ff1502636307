"""The shape of GET /api/v1/dashboard/ (documented for drf-spectacular)."""

from __future__ import annotations

from rest_framework import serializers


class LinkedCount(serializers.Serializer):
    count = serializers.IntegerField()
    url = serializers.CharField(help_text="The list behind the figure, with the same filters.")


class PartnerFigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    value = serializers.IntegerField()
    url = serializers.CharField()
    by_group = serializers.BooleanField(help_text="Counted over the chosen country group's members only.")


class GroupFiguresSerializer(serializers.Serializer):
    """The chosen country group on the date: its members and those with relations."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    members = serializers.IntegerField()
    related = serializers.IntegerField(help_text="Members with a related agency on the date.")
    url = serializers.CharField()


class StatusCountSerializer(LinkedCount):
    status = serializers.CharField()
    label = serializers.CharField()


class UnitCountSerializer(serializers.Serializer):
    unit_id = serializers.IntegerField()
    unit = serializers.CharField()
    total = serializers.IntegerField()
    overdue = serializers.IntegerField()
    open = serializers.IntegerField(help_text="Not started, in progress or overdue.")
    done = serializers.IntegerField(help_text="Done on time or late.")
    url = serializers.CharField()
    overdue_url = serializers.CharField()


class AssignmentFiguresSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    url = serializers.CharField()
    by_status = StatusCountSerializer(many=True)
    units_count = serializers.IntegerField()
    by_unit = UnitCountSerializer(many=True, help_text="Most overdue first (the first 15).")


class TypeCountSerializer(LinkedCount):
    type = serializers.CharField()
    label = serializers.CharField()


class CountryCountSerializer(LinkedCount):
    country_id = serializers.IntegerField()
    country = serializers.CharField()
    code = serializers.CharField()


class CaseFiguresSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    url = serializers.CharField()
    by_type = TypeCountSerializer(many=True)
    by_country = CountryCountSerializer(many=True, help_text="The ten partner countries with most cases.")


class EventTypeCountSerializer(TypeCountSerializer):
    delegation = serializers.BooleanField()


class UpcomingEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    type = serializers.CharField()
    type_label = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True)
    url = serializers.CharField()


class EventFiguresSerializer(serializers.Serializer):
    # "from" is a keyword: declared through the field map below.
    to = serializers.DateField()
    total = serializers.IntegerField()
    delegations = serializers.IntegerField()
    url = serializers.CharField()
    by_type = EventTypeCountSerializer(many=True)
    upcoming = UpcomingEventSerializer(many=True)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.DateField()
        return fields


class CapacityFiguresSerializer(serializers.Serializer):
    share = serializers.FloatField(allow_null=True, help_text="Per cent of leaders meeting the criterion.")
    leaders_total = serializers.IntegerField()
    leaders_meeting = serializers.IntegerField()
    status = serializers.CharField()
    target_min = serializers.IntegerField()
    target_max = serializers.IntegerField()
    target_year = serializers.IntegerField()
    definition_version = serializers.IntegerField(allow_null=True)
    url = serializers.CharField()


class CoverageLinksSerializer(serializers.Serializer):
    total = serializers.CharField()
    tracked = serializers.CharField()
    done = serializers.CharField()
    done_late = serializers.CharField()
    overdue = serializers.CharField()
    untracked = serializers.CharField()


class CoverageFiguresSerializer(serializers.Serializer):
    """Commitments on the date (tracking.coverage), each figure with the list behind it."""

    total = serializers.IntegerField()
    tracked = serializers.IntegerField()
    done = serializers.IntegerField()
    done_late = serializers.IntegerField()
    overdue = serializers.IntegerField()
    untracked = serializers.IntegerField()
    percent_on_time = serializers.IntegerField(allow_null=True)
    links = CoverageLinksSerializer()


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DashboardSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    unit = UnitRefSerializer(allow_null=True)
    limited_to_unit = serializers.BooleanField()
    group = GroupFiguresSerializer(allow_null=True)
    partners = PartnerFigureSerializer(many=True)
    assignments = AssignmentFiguresSerializer(allow_null=True)
    coverage = CoverageFiguresSerializer(allow_null=True)
    cases = CaseFiguresSerializer(allow_null=True)
    events = EventFiguresSerializer(allow_null=True)
    capacity = CapacityFiguresSerializer(allow_null=True)
