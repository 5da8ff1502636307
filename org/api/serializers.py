from __future__ import annotations

from typing import Any

from rest_framework import serializers

from access.choices import Role

from ..models import Unit, User


class UnitSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(required=False, help_text="Required when updating.")
    name = serializers.CharField(read_only=True)
    # An explicit range: the database's integer range differs between SQLite and PostgreSQL.
    sort_order = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False)

    class Meta:
        model = Unit
        fields = (
            "id",
            "code",
            "name",
            "name_vi",
            "name_en",
            "short_name",
            "kind",
            "parent",
            "path",
            "depth",
            "sort_order",
            "is_active",
            "version",
        )
        read_only_fields = ("path", "depth")

    def to_representation(self, instance: Unit) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["version"] = instance.version
        return data

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.validated_data.items() if k != "version"}


class UserSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(required=False, help_text="Required when updating.")
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Role.choices), required=False, source="role_list"
    )
    password = serializers.CharField(write_only=True, required=False, style={"input_type": "password"})

    class Meta:
        model = User
        fields = (
            "id",
            "username",
            "full_name",
            "email",
            "position",
            "unit",
            "clearance",
            "roles",
            "is_active",
            "last_login",
            "version",
            "password",
        )
        read_only_fields = ("last_login",)

    def to_representation(self, instance: User) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["version"] = instance.version
        return data

    def service_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.validated_data.items() if k not in ("version", "role_list")}
        data["roles"] = self.validated_data.get("role_list")
        if data["roles"] is None and self.instance is None:
            data["roles"] = []
        return data
