"""Base serializers: every business resource answers id, classification, owner_unit, version."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from access.choices import Classification
from core.models import ObjectChange
from core.personal import mask, may_see_personal, personal_fields


class BusinessSerializer(serializers.ModelSerializer):
    """Parses input for a service and masks personal data on output."""

    version = serializers.IntegerField(required=False, help_text="Required when updating.")

    declassify_on = serializers.DateField(
        read_only=True, help_text="Classification date plus the protection period."
    )

    base_fields = (
        "id",
        "classification",
        "owner_unit",
        "version",
        "classified_on",
        "protection_years",
        "declassify_on",
    )

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["version"] = instance.version
        request = self.context.get("request")
        personal = personal_fields(instance._meta.model)
        if personal and not (request and may_see_personal(request.user, instance)):
            for name in personal:
                if name in data:
                    data[name] = mask(data[name])
        return data

    def service_data(self) -> dict[str, Any]:
        model_fields = {f.name for f in self.Meta.model._meta.concrete_fields}
        return {k: v for k, v in self.validated_data.items() if k in model_fields and k != "version"}


class ObjectChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ObjectChange
        fields = (
            "id",
            "time",
            "user",
            "user_name",
            "request_id",
            "action",
            "object_id",
            "object_repr",
            "prechange_data",
            "postchange_data",
            "message",
        )


class ClassificationChangeSerializer(serializers.Serializer):
    """Raise, lower or lift a classification (with the record's current version)."""

    classification = serializers.ChoiceField(choices=Classification.choices)
    version = serializers.IntegerField()
    protection_years = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)
