from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.serializers import BusinessSerializer
from org.models import Unit
from partners.models import Country, ForeignAgency

from ..choices import (
    AuthorityRole,
    CaseStatus,
    CaseType,
    Channel,
    CrimeArea,
    Direction,
    MeasureUnit,
    MessageDirection,
    NoticeColour,
    OutcomeKind,
    ReferenceKind,
    RequestKind,
)
from ..models import (
    CaseMessage,
    CaseReference,
    CaseSubject,
    CompetentAuthority,
    CooperationCase,
    Operation,
    Outcome,
    ResponseRule,
)

CHILD_BASE = ("id", "classification", "owner_unit", "version")


def choice(choices: Any, **kwargs: Any) -> serializers.ChoiceField:
    """A choice field described inline in the schema (names like ``kind`` or ``type`` are used by
    other apps with other choices: inline enums keep the schema's component names unambiguous)."""
    values = [value for value, _label in choices]
    if kwargs.get("allow_blank"):
        values.append("")
        if not kwargs.get("read_only"):
            kwargs.setdefault("required", False)
    # Wrapped in anyOf so that the schema's enum hoisting leaves it inline.
    field_class = extend_schema_field({"anyOf": [{"type": "string", "enum": values}]})(
        type("InlineChoiceField", (serializers.ChoiceField,), {})
    )
    return field_class(choices=choices, **kwargs)


class _M2MMixin:
    m2m_names: tuple[str, ...] = ()

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()  # type: ignore[misc]
        for name in self.m2m_names:
            if name in self.validated_data:  # type: ignore[attr-defined]
                data[name] = list(self.validated_data[name])  # type: ignore[attr-defined]
        return data


class CaseSerializer(_M2MMixin, BusinessSerializer):
    m2m_names = ("countries", "agencies", "support_units")
    countries = serializers.PrimaryKeyRelatedField(many=True, queryset=Country.objects.all(), required=False)
    agencies = serializers.PrimaryKeyRelatedField(
        many=True, queryset=ForeignAgency.objects.all(), required=False
    )
    support_units = serializers.PrimaryKeyRelatedField(many=True, queryset=Unit.objects.all(), required=False)
    type = choice(CaseType.choices)
    direction = choice(Direction.choices)
    notice_colour = choice(NoticeColour.choices, allow_blank=True)
    channel = choice(Channel.choices)
    crime_area = choice(CrimeArea.choices)
    status = choice(CaseStatus.choices, required=False)
    provisional_arrest_deadline = serializers.DateField(
        read_only=True, help_text="Provisional arrest plus 45 days: the last day for the extradition request."
    )

    class Meta:
        model = CooperationCase
        fields = (
            *BusinessSerializer.base_fields,
            "title",
            "type",
            "direction",
            "notice_colour",
            "channel",
            "crime_area",
            "countries",
            "agencies",
            "legal_basis",
            "reciprocity",
            "support_units",
            "status",
            "opened_on",
            "response_due_on",
            "provisional_arrest_on",
            "provisional_arrest_deadline",
            "closed_on",
            "rules_applied",
            "paused_reason",
            "paused_on",
            "summary",
        )
        read_only_fields = ("rules_applied",)


class CaseReferenceSerializer(BusinessSerializer):
    kind = choice(ReferenceKind.choices)

    class Meta:
        model = CaseReference
        fields = (*CHILD_BASE, "case", "kind", "number")
        read_only_fields = ("classification", "owner_unit")


class CaseMessageSerializer(BusinessSerializer):
    direction = choice(MessageDirection.choices)
    channel = choice(Channel.choices)

    class Meta:
        model = CaseMessage
        fields = (*CHILD_BASE, "case", "date", "direction", "channel", "summary", "document_ref")
        read_only_fields = ("classification", "owner_unit")


class CaseSubjectSerializer(BusinessSerializer):
    class Meta:
        model = CaseSubject
        fields = (*CHILD_BASE, "case", "role", "full_name", "birth_date", "nationality", "document_number")
        read_only_fields = ("classification", "owner_unit")


class OutcomeSerializer(BusinessSerializer):
    kind = choice(OutcomeKind.choices)
    measure_unit = choice(MeasureUnit.choices, allow_blank=True)
    count = serializers.IntegerField(min_value=1, max_value=100_000, required=False, allow_null=True)
    quantity = serializers.DecimalField(
        max_digits=14, decimal_places=3, min_value=0, required=False, allow_null=True
    )

    class Meta:
        model = Outcome
        fields = (
            *CHILD_BASE,
            "operation",
            "kind",
            "count",
            "substance",
            "quantity",
            "measure_unit",
            "occurred_on",
            "notes",
        )
        read_only_fields = ("classification", "owner_unit")


class OutcomeRowSerializer(serializers.ModelSerializer):
    kind = choice(OutcomeKind.choices, read_only=True)
    measure_unit = choice(MeasureUnit.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Outcome
        fields = ("id", "kind", "count", "substance", "quantity", "measure_unit", "occurred_on")


class OperationSerializer(_M2MMixin, BusinessSerializer):
    m2m_names = ("countries", "agencies", "cases")
    countries = serializers.PrimaryKeyRelatedField(many=True, queryset=Country.objects.all(), required=False)
    agencies = serializers.PrimaryKeyRelatedField(
        many=True, queryset=ForeignAgency.objects.all(), required=False
    )
    cases = serializers.PrimaryKeyRelatedField(
        many=True, queryset=CooperationCase.objects.all(), required=False
    )
    crime_area = choice(CrimeArea.choices)
    outcomes = OutcomeRowSerializer(many=True, read_only=True)

    class Meta:
        model = Operation
        fields = (
            *BusinessSerializer.base_fields,
            "name",
            "code_name",
            "crime_area",
            "countries",
            "agencies",
            "started_on",
            "ended_on",
            "cases",
            "summary",
            "outcomes",
        )


class _ReferenceSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(required=False, help_text="Required when updating.")

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["version"] = instance.version
        return data

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.validated_data.items() if k != "version"}


class CompetentAuthoritySerializer(_ReferenceSerializer):
    request_kind = choice(RequestKind.choices)
    role = choice(AuthorityRole.choices)

    class Meta:
        model = CompetentAuthority
        fields = (
            "id",
            "country",
            "request_kind",
            "role",
            "name",
            "name_en",
            "languages",
            "channels",
            "urgent_procedure",
            "notes",
            "version",
        )


class ResponseRuleSerializer(_ReferenceSerializer):
    case_type = choice(CaseType.choices)
    days = serializers.IntegerField(min_value=1, max_value=730)

    class Meta:
        model = ResponseRule
        fields = ("id", "case_type", "days", "note", "version")
