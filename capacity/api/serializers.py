from __future__ import annotations

from typing import Any

from rest_framework import serializers

from core.api.serializers import BusinessSerializer

from ..models import CapacityDefinition, LanguageSkill, Posting, Qualification, StaffProfile

CHILD_BASE = ("id", "classification", "owner_unit", "version")


class StaffProfileSerializer(BusinessSerializer):
    class Meta:
        model = StaffProfile
        fields = (
            *BusinessSerializer.base_fields,
            "staff_code",
            "full_name",
            "birth_date",
            "rank",
            "position",
            "is_leader",
            "post_from",
            "post_to",
            "notes",
        )


class LanguageSkillSerializer(BusinessSerializer):
    class Meta:
        model = LanguageSkill
        fields = (*CHILD_BASE, "profile", "language", "level", "certificate", "certificate_on", "expires_on")
        read_only_fields = ("classification", "owner_unit")


class QualificationSerializer(BusinessSerializer):
    class Meta:
        model = Qualification
        fields = (*CHILD_BASE, "profile", "kind", "title", "obtained_on", "expires_on")
        read_only_fields = ("classification", "owner_unit")


class PostingSerializer(BusinessSerializer):
    class Meta:
        model = Posting
        fields = (*CHILD_BASE, "profile", "kind", "country", "place", "start_on", "end_on")
        read_only_fields = ("classification", "owner_unit")


class CapacityDefinitionSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(required=False, help_text="Required when updating.")
    certificate_max_years = serializers.IntegerField(min_value=1, max_value=20, required=False)

    class Meta:
        model = CapacityDefinition
        fields = (
            "id",
            "number",
            "title",
            "effective_from",
            "min_level",
            "certificate_max_years",
            "requires_law_or_posting",
            "requires_tech_or_cyber",
            "notes",
            "version",
        )
        read_only_fields = ("number",)

    def to_representation(self, instance: CapacityDefinition) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["version"] = instance.version
        return data

    def service_data(self) -> dict[str, Any]:
        names = {f.name for f in CapacityDefinition._meta.concrete_fields}
        return {k: v for k, v in self.validated_data.items() if k in names and k not in ("version", "number")}


class UnitShareSerializer(serializers.Serializer):
    unit = serializers.IntegerField(help_text="Unit id.")
    unit_name = serializers.CharField()
    leaders_total = serializers.IntegerField()
    leaders_meeting = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True, help_text="Per cent.")


class TrendSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    as_of = serializers.DateField()
    leaders_total = serializers.IntegerField()
    leaders_meeting = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True, help_text="Per cent.")
    definition_version = serializers.IntegerField(allow_null=True)


class CapacityIndicatorSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    unit = serializers.IntegerField(allow_null=True)
    definition_version = serializers.IntegerField(allow_null=True, help_text="The criterion version used.")
    leaders_total = serializers.IntegerField()
    leaders_meeting = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True, help_text="Per cent of leaders meeting the criterion.")
    target_min = serializers.IntegerField()
    target_max = serializers.IntegerField()
    target_year = serializers.IntegerField()
    per_unit = UnitShareSerializer(many=True)
    trend = TrendSerializer(many=True)
