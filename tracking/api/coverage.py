"""``GET /api/v1/commitments/``: the coverage of commitments on a date, the rows behind it,
and ``POST /api/v1/commitments/track/`` to track one (the page's "Track" button)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.rules import Action, can
from core.api.params import date_param, int_param
from core.api.schema import SingleObjectSchema
from core.audit import audit_refused
from core.exceptions import ValidationError
from org.models import Unit

from .. import coverage, services
from ..models import Assignment
from ..views_pages.coverage import may_track

STATUS_CHOICES = ("all", "tracked", *coverage.TRACKED_STATUSES, coverage.UNTRACKED)


class CommitmentRowSerializer(serializers.Serializer):
    key = serializers.CharField(
        help_text="The kind of source: clause, instrument, directive_task, pledge, instruction"
    )
    pk = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    document = serializers.CharField()
    url = serializers.CharField()
    binds_on = serializers.DateField()
    status = serializers.CharField()
    obligation = serializers.IntegerField(allow_null=True)
    lead_unit = serializers.IntegerField(allow_null=True)
    due_on = serializers.DateField(allow_null=True)


class CoverageCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    tracked = serializers.IntegerField()
    done = serializers.IntegerField()
    done_late = serializers.IntegerField()
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()
    untracked = serializers.IntegerField()
    percent_on_time = serializers.IntegerField(allow_null=True)


class CoverageSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    unit = serializers.IntegerField(allow_null=True)
    counts = CoverageCountsSerializer()
    count = serializers.IntegerField(help_text="Rows matching the status and kind filters")
    results = CommitmentRowSerializer(many=True)


class TrackSerializer(serializers.Serializer):
    key = serializers.CharField()
    pk = serializers.IntegerField(min_value=1)
    lead_unit = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    due_on = serializers.DateField(required=False, allow_null=True)


class TrackedSerializer(serializers.Serializer):
    obligation = serializers.IntegerField()
    assignment = serializers.IntegerField()
    lead_unit = serializers.IntegerField()
    due_on = serializers.DateField(allow_null=True)


def _row(r: dict) -> dict:
    return {
        "key": r["key"],
        "pk": r["pk"],
        "kind": r["kind"],
        "title": r["title"],
        "document": r["document"],
        "url": r["url"],
        "binds_on": r["binds_on"],
        "status": r["status"],
        "obligation": r["obligation_id"],
        "lead_unit": r["lead_unit_id"],
        "due_on": r["due_on"],
    }


class CommitmentViewSet(viewsets.ViewSet):
    """Commitments binding on a date (clauses creating obligations, instruments in force
    without such clauses, directive tasks, pledges, leadership instructions) with their status,
    counted over what the caller may see (docs/tracking.md, "Coverage of commitments")."""

    schema = SingleObjectSchema()

    @extend_schema(
        parameters=[
            OpenApiParameter("as_of", OpenApiTypes.DATE, description="YYYY-MM-DD; default today"),
            OpenApiParameter("unit", OpenApiTypes.INT, description="A unit id: sources of its subtree"),
            OpenApiParameter(
                "kind",
                OpenApiTypes.STR,
                description="clause, instrument, directive_task, pledge, instruction",
            ),
            OpenApiParameter(
                "status", OpenApiTypes.STR, enum=list(STATUS_CHOICES), description="default all"
            ),
            OpenApiParameter("limit", OpenApiTypes.INT, description="rows per page (1-500, default 100)"),
            OpenApiParameter("offset", OpenApiTypes.INT, description="rows to skip"),
        ],
        responses=CoverageSerializer,
    )
    def list(self, request: Request) -> Response:
        if not can(request.user, Action.VIEW, Assignment):
            raise exceptions.PermissionDenied()
        day = date_param(request, "as_of") or timezone.localdate()
        unit = None
        unit_id = int_param(request, "unit")
        if unit_id is not None:
            unit = Unit.objects.visible_to(request.user).filter(pk=unit_id).first()
            if unit is None:
                raise exceptions.NotFound()
        kind = request.query_params.get("kind", "").strip()
        if kind and coverage.commitment_source(kind) is None:
            raise exceptions.ValidationError({"kind": [_("Unknown kind of commitment.")]})
        wanted = request.query_params.get("status", "all").strip() or "all"
        if wanted not in STATUS_CHOICES:
            raise exceptions.ValidationError({"status": [_("Unknown status.")]})
        limit = int_param(request, "limit", low=1, high=500) or 100
        offset = int_param(request, "offset", low=0) or 0
        rows = coverage.commitments(request.user, day, unit=unit, kinds=[kind] if kind else None)
        counts = coverage.counts(rows)
        if wanted == "tracked":
            rows = [r for r in rows if r["status"] in coverage.TRACKED_STATUSES]
        elif wanted != "all":
            rows = [r for r in rows if r["status"] == wanted]
        rows.sort(key=lambda r: (r["binds_on"], r["key"], r["pk"]))
        return Response(
            {
                "as_of": day,
                "unit": unit.pk if unit else None,
                "counts": counts,
                "count": len(rows),
                "results": [_row(r) for r in rows[offset : offset + limit]],
            }
        )

    @extend_schema(request=TrackSerializer, responses={201: TrackedSerializer})
    @action(detail=False, methods=["post"])
    def track(self, request: Request) -> Response:
        """Track one commitment: its obligation and a lead assignment (default: the caller's unit,
        due in 30 days or on the pledge's expected date)."""
        data = TrackSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        source = coverage.commitment_source(values["key"])
        if source is None:
            raise exceptions.ValidationError({"key": [_("Unknown kind of commitment.")]})
        obj = source.model.objects.visible_to(request.user).filter(pk=values["pk"]).first()
        if obj is None or not source.is_commitment(obj):
            if obj is None:
                audit_refused(request.user, source.model, values["pk"], "hidden")
            raise exceptions.NotFound()
        if not may_track(request.user):
            raise exceptions.PermissionDenied()
        lead_unit = None
        if values.get("lead_unit"):
            lead_unit = Unit.objects.visible_to(request.user).filter(pk=values["lead_unit"]).first()
            if lead_unit is None:
                raise exceptions.ValidationError({"lead_unit": [_("Choose a unit from the list.")]})
        try:
            lead = services.commitment_track(
                actor=request.user, source=obj, lead_unit=lead_unit, due_on=values.get("due_on")
            )
        except ValidationError as exc:
            detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
            raise exceptions.ValidationError(detail) from None
        return Response(
            {
                "obligation": lead.obligation_id,
                "assignment": lead.pk,
                "lead_unit": lead.unit_id,
                "due_on": lead.due_on,
            },
            status=status.HTTP_201_CREATED,
        )
