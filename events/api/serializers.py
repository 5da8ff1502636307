from __future__ import annotations

from typing import Any

from rest_framework import serializers

from core.api.serializers import BusinessSerializer, LinkField
from instruments.models import Instrument
from org.models import Unit
from partners.models import Country, ForeignAgency, MultilateralBody

from ..models import Consultation, Event, MediaItem, Participant, Pledge, ProgrammeItem, TripProposal

EVENT_M2M = ("attending_units", "agencies", "countries", "bodies", "instruments_signed")
CHILD_BASE = ("id", "classification", "owner_unit", "version")


class EventSerializer(BusinessSerializer):
    attending_units = LinkField(Unit, many=True, required=False)
    agencies = LinkField(ForeignAgency, many=True, required=False)
    countries = LinkField(Country, many=True, required=False)
    bodies = LinkField(MultilateralBody, many=True, required=False)
    instruments_signed = LinkField(Instrument, many=True, required=False)
    participants_count = serializers.IntegerField(
        min_value=0, max_value=1_000_000, required=False, allow_null=True
    )
    request_due_on = serializers.DateField(read_only=True, allow_null=True)
    needs_pm_approval = serializers.BooleanField(read_only=True)

    class Meta:
        model = Event
        fields = (
            *BusinessSerializer.base_fields,
            "type",
            "title",
            "starts_on",
            "start_time",
            "ends_on",
            "end_time",
            "province",
            "city",
            "country",
            "level",
            "attending_units",
            "agencies",
            "countries",
            "bodies",
            "participants_count",
            "participants_more_than",
            "instruments_signed",
            "summary",
            "international_conference",
            "ministerial_participants",
            "sensitive_topics",
            "request_submitted_on",
            "summary_report_on",
            "capacity_credit",
            "needs_pm_approval",
            "request_due_on",
        )

    def validate_instruments_signed(self, value: list[Instrument]) -> list[Instrument]:
        """Only instruments the user can see may be linked."""
        request = self.context.get("request")
        if request is not None and value:
            visible = set(
                Instrument.objects.visible_to(request.user)
                .filter(pk__in=[i.pk for i in value])
                .values_list("pk", flat=True)
            )
            if any(i.pk not in visible for i in value):
                raise serializers.ValidationError("Invalid pk - object does not exist.")
        return value

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        for name in EVENT_M2M:
            if name in self.validated_data:
                data[name] = list(self.validated_data[name])
        return data


class ProgrammeItemSerializer(BusinessSerializer):
    class Meta:
        model = ProgrammeItem
        fields = (*CHILD_BASE, "event", "day", "time", "title", "place", "notes")
        read_only_fields = ("classification", "owner_unit")


class ParticipantSerializer(BusinessSerializer):
    order = serializers.IntegerField(min_value=0, max_value=100_000, required=False)
    name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="Taken from the profile when empty."
    )

    class Meta:
        model = Participant
        fields = (
            *CHILD_BASE,
            "event",
            "side",
            "name",
            "title",
            "unit",
            "agency",
            "country",
            "profile",
            "key_leader",
            "head_of_delegation",
            "order",
        )
        read_only_fields = ("classification", "owner_unit")

    def validate_profile(self, value: Any) -> Any:
        """Only a staff profile the user can see may be linked."""
        from capacity.models import StaffProfile

        request = self.context.get("request")
        if value is not None and request is not None:
            if not StaffProfile.objects.visible_to(request.user).filter(pk=value.pk).exists():
                raise serializers.ValidationError("Invalid pk - object does not exist.")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is None and not attrs.get("name") and not attrs.get("profile"):
            raise serializers.ValidationError({"name": ["Give the name, or the staff profile."]})
        return attrs


class ConsultationSerializer(BusinessSerializer):
    answer_days = serializers.IntegerField(min_value=1, max_value=90, required=False)
    answer_due_on = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Consultation
        fields = (
            *CHILD_BASE,
            "event",
            "body",
            "consulted_on",
            "answer_days",
            "answer_due_on",
            "answered_on",
            "position",
            "answer",
        )
        read_only_fields = ("classification", "owner_unit")


class PledgeSerializer(BusinessSerializer):
    order = serializers.IntegerField(min_value=0, max_value=100_000, required=False)

    class Meta:
        model = Pledge
        fields = (*CHILD_BASE, "event", "text", "made_by", "due_hint", "status", "order")
        read_only_fields = ("classification", "owner_unit")


class TripProposalSerializer(BusinessSerializer):
    report_days = serializers.IntegerField(min_value=1, max_value=90, required=False)

    class Meta:
        model = TripProposal
        fields = (
            *CHILD_BASE,
            "event",
            "purpose",
            "host",
            "programme",
            "budget_source",
            "in_plan",
            "status",
            "approved_on",
            "returned_on",
            "report_days",
        )
        read_only_fields = ("classification", "owner_unit", "status", "approved_on", "returned_on")


class TripReturnSerializer(serializers.Serializer):
    returned_on = serializers.DateField()
    version = serializers.IntegerField()


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField()


class MediaItemSerializer(BusinessSerializer):
    countries = LinkField(Country, many=True, required=False)
    agencies = LinkField(ForeignAgency, many=True, required=False)

    class Meta:
        model = MediaItem
        fields = (
            *BusinessSerializer.base_fields,
            "outlet",
            "title",
            "url",
            "published_on",
            "language",
            "platform",
            "event",
            "countries",
            "agencies",
        )

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        for name in ("countries", "agencies"):
            if name in self.validated_data:
                data[name] = list(self.validated_data[name])
        return data
