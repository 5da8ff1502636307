from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.serializers import BusinessSerializer, LinkField, RelatedListsField
from org.models import Unit
from partners.models import Country, ForeignAgency

from ..choices import (
    ArrestEnd,
    AuthorityRole,
    CaseStatus,
    CaseType,
    Channel,
    CrimeArea,
    DataCategory,
    DataLegalBasis,
    DataSensitivity,
    DecisionLevel,
    Direction,
    HandlingCode,
    InformationAccuracy,
    LetterLanguage,
    MeasureUnit,
    MessageDirection,
    NoticeColour,
    OutcomeKind,
    ReferenceKind,
    RequestKind,
    SourceReliability,
)
from ..models import (
    CaseMessage,
    CaseReference,
    CaseSubject,
    CompetentAuthority,
    CooperationCase,
    LetterTemplate,
    Operation,
    Outcome,
    PersonalDataItem,
    PersonalDataTransfer,
    ReleaseDecision,
    ResponseRule,
    RuleSet,
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


def _case_lists(case: CooperationCase) -> dict[str, str]:
    """A case's own outcomes, and its operations (whose outcomes each operation lists)."""
    return {
        "outcomes": "{}?case={}".format(reverse("api:outcome-list"), case.pk),
        "operations": "{}?cases={}".format(reverse("api:operation-list"), case.pk),
    }


class CaseSerializer(_M2MMixin, BusinessSerializer):
    m2m_names = ("countries", "agencies", "support_units")
    countries = LinkField(Country, many=True, required=False)
    agencies = LinkField(ForeignAgency, many=True, required=False)
    support_units = LinkField(Unit, many=True, required=False)
    type = choice(CaseType.choices)
    direction = choice(Direction.choices)
    notice_colour = choice(NoticeColour.choices, allow_blank=True)
    channel = choice(Channel.choices)
    crime_area = choice(CrimeArea.choices)
    status = choice(CaseStatus.choices, required=False)
    provisional_arrest_deadline = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="Provisional arrest plus the rule set's limit (45 days): the last day for the extradition "
        "request; tracked as an assignment of the lead unit.",
    )
    provisional_arrest_limit = serializers.IntegerField(
        read_only=True, help_text="Days of the provisional-arrest limit under the case's rule set."
    )
    provisional_arrest_end = choice(ArrestEnd.choices, allow_blank=True)
    central_authority = LinkField(
        CompetentAuthority,
        allow_null=True,
        required=False,
        help_text="Required for mla, extradition and transfer: the central authority its rule set names.",
    )
    rule_set = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text="The rule set of the case's type and date (see /api/v1/rule-sets/).",
    )
    related = RelatedListsField(own=_case_lists)

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
            "central_authority",
            "support_units",
            "status",
            "opened_on",
            "response_due_on",
            "provisional_arrest_on",
            "provisional_arrest_deadline",
            "provisional_arrest_limit",
            "provisional_arrest_end",
            "provisional_arrest_ended_on",
            "closed_on",
            "rules_applied",
            "rule_set",
            "paused_reason",
            "paused_on",
            "summary",
            "related",
        )
        read_only_fields = ("rules_applied",)


class CaseReferenceSerializer(BusinessSerializer):
    kind = choice(ReferenceKind.choices)

    class Meta:
        model = CaseReference
        fields = (*CHILD_BASE, "case", "kind", "number")
        read_only_fields = ("classification", "owner_unit")


class CaseMessageSerializer(_M2MMixin, BusinessSerializer):
    """A logged message with its SIENA handling code and 4x4 grading (``grading``: ``B2``)."""

    m2m_names = ("subjects",)
    direction = choice(MessageDirection.choices)
    channel = choice(Channel.choices)
    handling_code = choice(HandlingCode.choices, required=False)
    source_reliability = choice(SourceReliability.choices, allow_blank=True)
    information_accuracy = choice(InformationAccuracy.choices, allow_blank=True)
    subjects = LinkField(CaseSubject, many=True, required=False)
    grading = serializers.CharField(read_only=True)
    may_disseminate = serializers.BooleanField(read_only=True)
    usable_as_evidence = serializers.BooleanField(read_only=True)

    class Meta:
        model = CaseMessage
        fields = (
            *CHILD_BASE,
            "case",
            "date",
            "direction",
            "channel",
            "summary",
            "document_ref",
            "handling_code",
            "handling_conditions",
            "source_reliability",
            "information_accuracy",
            "grading",
            "may_disseminate",
            "usable_as_evidence",
            "release_decision",
            "subjects",
        )
        read_only_fields = ("classification", "owner_unit")


class CaseSubjectSerializer(BusinessSerializer):
    legal_basis = choice(DataLegalBasis.choices, required=False)

    class Meta:
        model = CaseSubject
        fields = (
            *CHILD_BASE,
            "case",
            "role",
            "full_name",
            "birth_date",
            "nationality",
            "document_number",
            "legal_basis",
        )
        read_only_fields = ("classification", "owner_unit")


class ReleaseDecisionSerializer(BusinessSerializer):
    decision_level = choice(DecisionLevel.choices)

    class Meta:
        model = ReleaseDecision
        fields = (
            *CHILD_BASE,
            "case",
            "decided_on",
            "decision_ref",
            "decision_level",
            "decided_by",
            "released_level",
            "information",
            "foreign_organisation",
            "representative",
            "representative_nationality",
            "passport_number",
            "representative_position",
            "purpose",
            "protection_commitment",
        )
        read_only_fields = ("classification", "owner_unit")


class PersonalDataItemSerializer(BusinessSerializer):
    category = choice(DataCategory.choices)
    sensitivity = choice(DataSensitivity.choices)
    legal_basis = choice(DataLegalBasis.choices, required=False)

    class Meta:
        model = PersonalDataItem
        fields = (*CHILD_BASE, "subject", "category", "value", "sensitivity", "legal_basis")
        read_only_fields = ("classification", "owner_unit")


class PersonalDataTransferSerializer(_M2MMixin, BusinessSerializer):
    m2m_names = ("subjects",)
    legal_basis = choice(DataLegalBasis.choices)
    subjects = LinkField(CaseSubject, many=True, required=False)

    class Meta:
        model = PersonalDataTransfer
        fields = (
            *CHILD_BASE,
            "case",
            "message",
            "transferred_on",
            "recipient",
            "recipient_country",
            "subjects",
            "subject_names",
            "data_transferred",
            "includes_sensitive",
            "legal_basis",
            "instrument",
        )
        read_only_fields = ("classification", "owner_unit", "message", "subject_names")


class ShareSerializer(serializers.Serializer):
    units = LinkField(Unit, many=True)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


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
            "case",
            "operation",
            "report",
            "kind",
            "count",
            "substance",
            "quantity",
            "measure_unit",
            "occurred_on",
            "obligation",
            "instrument",
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
    m2m_names = ("countries", "agencies", "cases", "participating_units")
    countries = LinkField(Country, many=True, required=False)
    agencies = LinkField(ForeignAgency, many=True, required=False)
    cases = LinkField(CooperationCase, many=True, required=False)
    crime_area = choice(CrimeArea.choices)
    outcomes = OutcomeRowSerializer(many=True, read_only=True)
    participating_units = LinkField(Unit, many=True, required=False)

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
            "participating_units",
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


class RuleSetSerializer(_ReferenceSerializer):
    case_type = choice(CaseType.choices)
    provisional_arrest_days = serializers.IntegerField(
        min_value=1, max_value=365, allow_null=True, required=False
    )
    citation = serializers.CharField(read_only=True)

    class Meta:
        model = RuleSet
        fields = (
            "id",
            "case_type",
            "law_name",
            "law_number",
            "citation",
            "valid_from",
            "valid_to",
            "central_authority",
            "provisional_arrest_days",
            "source",
            "confirmed",
            "unconfirmed_points",
            "version",
        )


class ResponseRuleSerializer(_ReferenceSerializer):
    case_type = choice(CaseType.choices)
    days = serializers.IntegerField(min_value=1, max_value=730)

    class Meta:
        model = ResponseRule
        fields = ("id", "case_type", "rule_set", "days", "source", "note", "version")


class LetterTemplateSerializer(_ReferenceSerializer):
    language = choice(LetterLanguage.choices)
    case_type = choice(CaseType.choices, allow_blank=True)

    class Meta:
        model = LetterTemplate
        fields = ("id", "name", "language", "case_type", "heading", "body", "version")
