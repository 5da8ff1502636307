"""Serializers of the tracking API: they parse input for the services and show derived state.

Field names are the services' own. Status, due dates and the workflow fields are derived or
set by the services, so they are read-only here.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.serializers import BusinessSerializer, LinkField, RelatedListsField, RestrictedFlagField
from org.models import Unit

from ..choices import Status
from ..models import (
    Assignment,
    AssignmentPeriod,
    CalendarDay,
    Notification,
    Obligation,
    Obstacle,
    ProgressReport,
)


def _generic_key(ctype: Any, object_id: str) -> str:
    """``<app_label>.<model>:<id>``, the form the ``group`` filter takes."""
    if ctype is None or not object_id:
        return ""
    return f"{ctype.app_label}.{ctype.model}:{object_id}"


# --------------------------------------------------------------------------------------------
# Obligations
# --------------------------------------------------------------------------------------------


class ObligationSerializer(BusinessSerializer):
    source = serializers.SerializerMethodField(
        help_text="The record the obligation comes from, as <app_label>.<model>:<id>."
    )
    group = serializers.SerializerMethodField(
        help_text="The document the source belongs to, as <app_label>.<model>:<id> (the `group` filter)."
    )
    source_restricted = RestrictedFlagField(link="source")
    group_restricted = RestrictedFlagField(link="group")
    related = RelatedListsField()

    class Meta:
        model = Obligation
        fields = (
            *BusinessSerializer.base_fields,
            "title",
            "description",
            "expected_result",
            "evidence_required",
            "priority",
            "source_kind",
            "source",
            "source_restricted",
            "source_label",
            "group",
            "group_restricted",
            "group_label",
            "created_at",
            "related",
        )
        read_only_fields = ("source_label", "group_label", "created_at")

    @extend_schema_field(OpenApiTypes.STR)
    def get_source(self, obj: Obligation) -> str:
        return _generic_key(obj.source_type, obj.source_id)

    @extend_schema_field(OpenApiTypes.STR)
    def get_group(self, obj: Obligation) -> str:
        return _generic_key(obj.group_type, obj.group_id)


# --------------------------------------------------------------------------------------------
# Assignments
# --------------------------------------------------------------------------------------------


@extend_schema_field(
    {
        "type": "string",
        "enum": [s.value for s in Status],
        "description": "Derived from the due dates, today and the approved reports: "
        + ", ".join(s.value for s in Status)
        + ".",
    },
    component_name="TrackingStatusEnum",
)
class DerivedStatusField(serializers.ChoiceField):
    """The derived status (tracking.choices.Status), one schema component for every use."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Status.choices, read_only=True, **kwargs)


class PeriodSerializer(serializers.ModelSerializer):
    """One due date of an assignment with its derived status."""

    status = DerivedStatusField()
    done_on = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = AssignmentPeriod
        fields = ("id", "label", "starts_on", "ends_on", "due_on", "status", "done_on")
        read_only_fields = fields


DEADLINE_FIELDS = (
    "deadline_kind",
    "due_on",
    "event_label",
    "event_on",
    "days",
    "day_count",
    "frequency",
    "due_day",
    "starts_on",
    "ends_on",
)


class DeadlineFieldsMixin(serializers.Serializer):
    # Explicit ranges: the database's integer range differs between SQLite and PostgreSQL.
    days = serializers.IntegerField(
        min_value=1, max_value=3650, required=False, allow_null=True, help_text="Days after the event."
    )
    due_day = serializers.IntegerField(
        min_value=1,
        max_value=31,
        required=False,
        allow_null=True,
        help_text="Recurring: the report of a period is due on this day after its window closes.",
    )


class AssignmentSerializer(DeadlineFieldsMixin, BusinessSerializer):
    obligation = LinkField(Obligation, help_text="Fixed once the assignment exists.")
    parent = LinkField(
        Assignment,
        required=False,
        allow_null=True,
        help_text="The assignment this one is a sub-assignment of (fixed once it exists).",
    )
    obligation_title = serializers.CharField(source="obligation.title", read_only=True)
    status = DerivedStatusField()
    next_due = serializers.DateField(read_only=True, allow_null=True)
    overdue_since = serializers.DateField(read_only=True, allow_null=True)
    last_percent = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Percent of the latest approved report."
    )
    periods = PeriodSerializer(many=True, read_only=True)

    class Meta:
        model = Assignment
        fields = (
            "id",
            "classification",
            "owner_unit",
            "version",
            "obligation",
            "obligation_title",
            "parent",
            "unit",
            "role",
            "assigned_on",
            "instructions",
            *DEADLINE_FIELDS,
            "status",
            "next_due",
            "overdue_since",
            "last_percent",
            "periods",
            "reminders_paused_on",
            "pause_reason",
        )
        # The assignment follows its obligation's classification and the assigning unit; a
        # pause of its reminders is set by the module that owns the deadline (a case).
        read_only_fields = ("classification", "owner_unit", "reminders_paused_on", "pause_reason")
        # One assignment per unit and one lead are the service's rules, checked over visible rows.
        validators: list[Any] = []


class AssignManySerializer(DeadlineFieldsMixin, serializers.ModelSerializer):
    """One obligation to many units in one call; nothing is written if one of them fails."""

    units = serializers.ListField(
        child=LinkField(Unit),
        allow_empty=False,
        help_text="Ids of the assigned units.",
    )
    lead_unit = LinkField(
        Unit,
        required=False,
        allow_null=True,
        help_text="Optional: this unit leads and every other unit supports (`role` is then ignored).",
    )

    class Meta:
        model = Assignment
        fields = ("units", "lead_unit", "role", "assigned_on", "instructions", *DEADLINE_FIELDS)

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.validated_data.items() if k not in ("units", "lead_unit")}


# --------------------------------------------------------------------------------------------
# Progress reports and obstacles
# --------------------------------------------------------------------------------------------


class ProgressReportSerializer(BusinessSerializer):
    assignment = LinkField(Assignment)
    period = LinkField(
        AssignmentPeriod,
        required=False,
        allow_null=True,
        help_text="Empty: the current period of the assignment.",
    )
    percent = serializers.IntegerField(min_value=0, max_value=100)
    related = RelatedListsField()

    class Meta:
        model = ProgressReport
        fields = (
            "id",
            "classification",
            "owner_unit",
            "version",
            "assignment",
            "period",
            "percent",
            "narrative",
            "status",
            "submitted_on",
            "late",
            "awaiting_unit",
            "review_comment",
            "reviewed_by",
            "reviewed_on",
            "related",
        )
        read_only_fields = (
            "classification",
            "owner_unit",
            "status",
            "submitted_on",
            "late",
            "awaiting_unit",
            "review_comment",
            "reviewed_by",
            "reviewed_on",
        )

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        # No period means "the current one" on submit and "unchanged" on an edit.
        if data.get("period", False) is None:
            del data["period"]
        return data


class ObstacleSerializer(BusinessSerializer):
    assignment = LinkField(Assignment)

    class Meta:
        model = Obstacle
        fields = (
            "id",
            "classification",
            "owner_unit",
            "version",
            "assignment",
            "description",
            "proposal",
            "status",
            "raised_on",
            "response_due_on",
            "handler_unit",
            "answer",
            "answered_by",
            "answered_on",
            "escalated_on",
            "decision_due_on",
            "decision",
            "decided_by",
            "decided_on",
        )
        read_only_fields = (
            "classification",
            "owner_unit",
            "status",
            "raised_on",
            "response_due_on",
            "handler_unit",
            "answer",
            "answered_by",
            "answered_on",
            "escalated_on",
            "decision_due_on",
            "decision",
            "decided_by",
            "decided_on",
        )


# --------------------------------------------------------------------------------------------
# Bodies of the workflow actions
# --------------------------------------------------------------------------------------------


class VersionedActionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text="The record's current version.")


class ApproveSerializer(VersionedActionSerializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ReturnSerializer(VersionedActionSerializer):
    comment = serializers.CharField(help_text="Why the report goes back to its author.")


class AnswerSerializer(VersionedActionSerializer):
    answer = serializers.CharField(help_text="The guidance of the Department of Foreign Relations.")


class EscalateSerializer(VersionedActionSerializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DecideSerializer(VersionedActionSerializer):
    decision = serializers.CharField(help_text="The leadership's decision.")


# --------------------------------------------------------------------------------------------
# Notifications and the calendar
# --------------------------------------------------------------------------------------------


class NotificationSerializer(serializers.ModelSerializer):
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ("id", "kind", "title", "body", "url", "created_at", "read_at", "read")
        read_only_fields = fields

    def get_read(self, obj: Notification) -> bool:
        return obj.read_at is not None


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        allow_null=True,
        help_text="Notifications to mark read; all of the caller's when absent.",
    )


class MarkReadResultSerializer(serializers.Serializer):
    marked = serializers.IntegerField()
    unread_count = serializers.IntegerField()


class UnreadCountSerializer(serializers.Serializer):
    unread_count = serializers.IntegerField()


class CalendarDaySerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(required=False, help_text="Required when updating.")

    class Meta:
        model = CalendarDay
        fields = ("id", "date", "kind", "note", "version")

    def to_representation(self, instance: CalendarDay) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["version"] = instance.version
        return data

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.validated_data.items() if k != "version"}
