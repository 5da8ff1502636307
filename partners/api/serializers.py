from __future__ import annotations

from typing import Any

from rest_framework import serializers

from core.api.serializers import BusinessSerializer, LinkField
from org.models import Unit

from ..choices import Channel
from ..models import (
    Country,
    CountryGroup,
    CountryGroupMember,
    ForeignAgency,
    Membership,
    MultilateralBody,
    Relationship,
)


class ReferenceSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(required=False, help_text="Required when updating.")
    name = serializers.CharField(read_only=True)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["version"] = instance.version
        return data

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.validated_data.items() if k != "version"}


class CountrySerializer(ReferenceSerializer):
    class Meta:
        model = Country
        fields = ("id", "code", "alpha3", "numeric", "name", "name_vi", "name_en", "region", "version")
        read_only_fields = ("code", "alpha3", "numeric")


class BodySerializer(ReferenceSerializer):
    class Meta:
        model = MultilateralBody
        fields = (
            "id",
            "name",
            "name_vi",
            "name_en",
            "acronym",
            "kind",
            "scope",
            "website",
            "notes",
            "version",
        )


class AgencySerializer(BusinessSerializer):
    name = serializers.CharField(read_only=True)
    confirm_duplicate = serializers.BooleanField(
        required=False,
        write_only=True,
        help_text="Save even when a similar agency of the same country exists.",
    )

    class Meta:
        model = ForeignAgency
        fields = (
            *BusinessSerializer.base_fields,
            "name",
            "name_vi",
            "name_en",
            "name_original",
            "acronym",
            "country",
            "kind",
            "parent",
            "website",
            "contacts",
            "notes",
            "confirm_duplicate",
        )

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data["confirm_duplicate"] = bool(self.validated_data.get("confirm_duplicate"))
        return data


class SpellSerializer(BusinessSerializer):
    responsible_units = LinkField(Unit, many=True, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start = attrs.get("start", getattr(self.instance, "start", None))
        end = attrs.get("end", getattr(self.instance, "end", None))
        if start and end and end < start:
            raise serializers.ValidationError({"end": ["The end date is before the start date."]})
        return attrs

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        if "responsible_units" in self.validated_data:
            data["responsible_units"] = list(self.validated_data["responsible_units"])
        return data


class RelationshipSerializer(SpellSerializer):
    channels = serializers.ListField(child=serializers.ChoiceField(choices=Channel.choices), required=False)

    class Meta:
        model = Relationship
        fields = (
            *BusinessSerializer.base_fields,
            "agency",
            "start",
            "end",
            "level",
            "channels",
            "responsible_units",
            "notes",
        )


class MembershipSerializer(SpellSerializer):
    class Meta:
        model = Membership
        fields = (
            *BusinessSerializer.base_fields,
            "body",
            "start",
            "end",
            "status",
            "responsible_units",
            "notes",
        )


class GroupMemberRelationsSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    agencies = serializers.IntegerField(help_text="Visible agencies related on the date")


class GroupRelationsSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    members = serializers.IntegerField(help_text="Members of the group on the date")
    related = serializers.IntegerField(help_text="Members with at least one related agency")
    countries = GroupMemberRelationsSerializer(many=True)


class IndicatorsSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    foreign_agencies = serializers.IntegerField()
    countries = serializers.IntegerField()
    multilateral_participation = serializers.IntegerField()
    members_organizations = serializers.IntegerField()
    members_forums = serializers.IntegerField()
    members_mechanisms = serializers.IntegerField()
    instruments_signed = serializers.IntegerField()
    commitments_total = serializers.IntegerField(
        help_text="Commitments in force on the date (tracking.coverage)"
    )
    commitments_tracked = serializers.IntegerField(
        help_text="Of them, tracked (a lead assignment on the date)"
    )
    commitments_done = serializers.IntegerField(help_text="Of them, done on time")
    commitments_done_late = serializers.IntegerField(help_text="Of them, done late")
    commitments_overdue = serializers.IntegerField(help_text="Of them, overdue")
    commitments_untracked = serializers.IntegerField(help_text="Commitments nobody tracks")
    limited_to_unit = serializers.BooleanField()
    group = GroupRelationsSerializer(required=False, help_text="Only with ?group=")


class CountryGroupSerializer(ReferenceSerializer):
    class Meta:
        model = CountryGroup
        fields = ("id", "name", "name_vi", "name_en", "kind", "body", "source", "notes", "version")


class CountryGroupMemberSerializer(ReferenceSerializer):
    class Meta:
        model = CountryGroupMember
        fields = ("id", "group", "country", "joined_on", "left_on", "source", "version")
