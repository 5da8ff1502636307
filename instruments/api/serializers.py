from __future__ import annotations

from typing import Any

from rest_framework import serializers

from core.api.serializers import BusinessSerializer, LinkField, RelatedListsField
from partners.models import Country, ForeignAgency, MultilateralBody

from ..choices import RequestType
from ..models import (
    Clause,
    Directive,
    DirectiveItem,
    Instrument,
    InstrumentParty,
    InstrumentStage,
    SigningPlan,
    StageRule,
)


class InstrumentSerializer(BusinessSerializer):
    agencies = LinkField(ForeignAgency, many=True, required=False)
    countries = LinkField(Country, many=True, required=False)
    bodies = LinkField(MultilateralBody, many=True, required=False)
    request_types = serializers.ListField(
        child=serializers.ChoiceField(choices=RequestType.choices),
        required=False,
        help_text="The kinds of request or cooperation the instrument covers; empty: not recorded.",
    )
    related = RelatedListsField()

    class Meta:
        model = Instrument
        fields = (
            *BusinessSerializer.base_fields,
            "title",
            "title_en",
            "symbol",
            "type",
            "level",
            "multilateral",
            "status",
            "agencies",
            "countries",
            "bodies",
            "request_types",
            "negotiation_started_on",
            "signed_on",
            "in_force_on",
            "expires_on",
            "ended_on",
            "renewal_terms",
            "renewal_decision_on",
            "place",
            "signatories",
            "languages",
            "national_db_ref",
            "notes",
            "related",
        )

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        for name in ("agencies", "countries", "bodies"):
            if name in self.validated_data:
                data[name] = list(self.validated_data[name])
        return data


class ClauseSerializer(BusinessSerializer):
    # An explicit range: the database's integer range differs between SQLite and PostgreSQL.
    order = serializers.IntegerField(min_value=0, max_value=100_000, required=False)

    class Meta:
        model = Clause
        fields = (
            "id",
            "classification",
            "owner_unit",
            "version",
            "instrument",
            "number",
            "text",
            "creates_obligation",
            "order",
        )
        read_only_fields = ("classification", "owner_unit")


class DirectiveSerializer(BusinessSerializer):
    implements = LinkField(Directive, many=True, required=False)

    class Meta:
        model = Directive
        fields = (
            *BusinessSerializer.base_fields,
            "symbol",
            "kind",
            "issuer",
            "issued_on",
            "signer",
            "title",
            "title_en",
            "summary",
            "implements",
        )

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        if "implements" in self.validated_data:
            data["implements"] = list(self.validated_data["implements"])
        return data


class DirectiveItemSerializer(BusinessSerializer):
    order = serializers.IntegerField(min_value=0, max_value=100_000, required=False)

    class Meta:
        model = DirectiveItem
        fields = (
            "id",
            "classification",
            "owner_unit",
            "version",
            "directive",
            "parent",
            "kind",
            "number",
            "text",
            "order",
            "demo_text",
        )
        read_only_fields = ("classification", "owner_unit", "demo_text")


class StageSerializer(BusinessSerializer):
    working_days = serializers.IntegerField(min_value=1, max_value=365, required=False, allow_null=True)
    default_due_on = serializers.DateField(read_only=True, help_text="The statutory deadline (StageRule).")
    rule = serializers.PrimaryKeyRelatedField(read_only=True, help_text="The stage rule applied.")
    legal_source = serializers.CharField(read_only=True, help_text="Period, article and law of the rule.")
    is_overridden = serializers.BooleanField(read_only=True)

    class Meta:
        model = InstrumentStage
        fields = (
            "id",
            "classification",
            "owner_unit",
            "version",
            "instrument",
            "kind",
            "responsible_unit",
            "requested_on",
            "working_days",
            "due_on",
            "done_on",
            "notes",
            "rule",
            "default_due_on",
            "legal_source",
            "override_reason",
            "is_overridden",
        )
        read_only_fields = ("classification", "owner_unit")


class StageRuleSerializer(serializers.ModelSerializer):
    """A statutory deadline of one stage for one kind of instrument, with its source."""

    version = serializers.IntegerField(required=False, help_text="Required when updating.")
    days = serializers.IntegerField(min_value=1, max_value=366, allow_null=True, required=False)
    due_month = serializers.IntegerField(min_value=1, max_value=12, allow_null=True, required=False)
    due_day = serializers.IntegerField(min_value=1, max_value=31, allow_null=True, required=False)
    citation = serializers.CharField(read_only=True)

    class Meta:
        model = StageRule
        fields = (
            "id",
            "work_kind",
            "stage",
            "trigger",
            "days",
            "day_count",
            "due_month",
            "due_day",
            "valid_from",
            "valid_to",
            "law",
            "article",
            "citation",
            "source",
            "confirmed",
            "unconfirmed_points",
            "version",
        )

    def to_representation(self, instance: StageRule) -> dict:
        data = super().to_representation(instance)
        data["version"] = instance.version
        return data

    def service_data(self) -> dict:
        return {k: v for k, v in self.validated_data.items() if k != "version"}


class SigningPlanSerializer(BusinessSerializer):
    instruments = LinkField(Instrument, many=True, required=False)
    year_from = serializers.IntegerField(min_value=1990, max_value=2100)
    year_to = serializers.IntegerField(min_value=1990, max_value=2100)

    class Meta:
        model = SigningPlan
        fields = (
            *BusinessSerializer.base_fields,
            "title",
            "kind",
            "year_from",
            "year_to",
            "instruments",
            "notes",
        )

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        if "instruments" in self.validated_data:
            data["instruments"] = list(self.validated_data["instruments"])
        return data


class PartyActionSerializer(BusinessSerializer):
    class Meta:
        model = InstrumentParty
        fields = (
            "id",
            "classification",
            "owner_unit",
            "version",
            "instrument",
            "country",
            "signed_on",
            "ratified_on",
            "acceded_on",
            "in_force_on",
            "withdrew_on",
            "reservations",
        )
        read_only_fields = ("classification", "owner_unit")
        # A party twice is refused by the service, on the country field and in plain words.
        validators: list = []
