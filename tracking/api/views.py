"""The tracking engine's API: the same visible_to, selectors and services as its pages.

Workflow steps (approve, return, answer, escalate, decide, assign to many units) are POST
actions on the record; each answers 404 when the record is hidden, 403 when the step is not
the caller's, 400 with field errors on bad input and 409 on a stale version.
"""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

import django_filters
from django.db import models
from django.db.models import F, Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.rules import Action
from core.api.params import ordering_param
from core.api.schema import ErrorSerializer
from core.api.views import BusinessAPIViewSet, ObjectAPIViewSet
from core.dates import DATE_FORMATS
from org.models import Unit

from .. import selectors, services
from ..choices import AssignmentRole, ObstacleStatus, Priority, ReportStatus, SourceKind, Status
from ..models import (
    Assignment,
    AssignmentPeriod,
    CalendarDay,
    Notification,
    Obligation,
    Obstacle,
    ProgressReport,
)
from .serializers import (
    AnswerSerializer,
    ApproveSerializer,
    AssignManySerializer,
    AssignmentSerializer,
    CalendarDaySerializer,
    DecideSerializer,
    EscalateSerializer,
    MarkReadResultSerializer,
    MarkReadSerializer,
    NotificationSerializer,
    ObligationSerializer,
    ObstacleSerializer,
    ProgressReportSerializer,
    ReturnSerializer,
    UnreadCountSerializer,
)

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Invalid input; `fields` holds the messages."),
    403: OpenApiResponse(ErrorSerializer, description="The record is visible but the step is not yours."),
    404: OpenApiResponse(ErrorSerializer, description="No such record, or not visible to you."),
    409: OpenApiResponse(
        ErrorSerializer, description="Stale version: nothing was saved; `current` is the record now."
    ),
}


def _version(body: Any) -> int:
    return body.validated_data["version"]


# --------------------------------------------------------------------------------------------
# Obligations
# --------------------------------------------------------------------------------------------


class ObligationAPIFilter(django_filters.FilterSet):
    source_kind = django_filters.ChoiceFilter(choices=SourceKind.choices)
    priority = django_filters.ChoiceFilter(choices=Priority.choices)
    owner_unit = django_filters.NumberFilter(field_name="owner_unit")
    group = django_filters.CharFilter(
        method="filter_group", help_text="The source document as <app_label>.<model>:<id>."
    )

    class Meta:
        model = Obligation
        fields = ("source_kind", "priority", "owner_unit", "group")

    def filter_group(self, queryset: models.QuerySet, name: str, value: str) -> models.QuerySet:
        label, _sep, object_id = value.partition(":")
        app_label, _dot, model_name = label.partition(".")
        if not (app_label and model_name and object_id):
            raise exceptions.ValidationError({"group": [_("Use <app_label>.<model>:<id>.")]})
        return queryset.filter(
            group_type__app_label=app_label, group_type__model=model_name.lower(), group_id=object_id
        )


def assignments_with_status(user: Any) -> models.QuerySet:
    """Visible assignments with their derived status and their periods (one prefetch query)."""
    return _with_periods(selectors.with_status(Assignment.objects.visible_to(user)), user)


def _with_periods(qs: models.QuerySet, user: Any) -> models.QuerySet:
    periods = selectors.periods_with_status(AssignmentPeriod.objects.visible_to(user)).order_by(
        "due_on", "pk"
    )
    return qs.select_related("obligation").prefetch_related(Prefetch("periods", queryset=periods))


class ObligationViewSet(BusinessAPIViewSet):
    """Obligations of every source; `POST {id}/assign/` gives one to many units at once.

    Filters: source_kind, priority, owner_unit, group (`instruments.directive:12`).
    """

    model = Obligation
    queryset = Obligation.objects.none()
    serializer_class = ObligationSerializer
    filterset_class = ObligationAPIFilter
    select_related = ("source_type", "group_type")
    ordering_fields = ("id", "title", "priority", "created_at")
    create_service = staticmethod(services.obligation_create)
    update_service = staticmethod(services.obligation_update)
    delete_service = staticmethod(services.obligation_delete)

    @extend_schema(
        request=AssignManySerializer,
        responses={201: AssignmentSerializer(many=True), **ERRORS},
        description=(
            "Assign the obligation to every unit of `units` with the same role and deadline "
            "(or `lead_unit` leads and the others support), in one transaction: when one unit "
            "fails, nothing is assigned (400)."
        ),
    )
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        obligation = self.get_object()
        # Whether this obligation may be given to these units is the service's rule (403).
        self.require(Action.ASSIGN, Assignment)
        body = AssignManySerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        made = services.assign_many(
            actor=request.user,
            obligation=obligation,
            units=body.validated_data["units"],
            data=body.service_data(),
            lead_unit=body.validated_data.get("lead_unit"),
        )
        rows = (
            assignments_with_status(request.user)
            .filter(pk__in=[a.pk for a in made])
            .order_by("unit__path", "pk")
        )
        data = AssignmentSerializer(rows, many=True, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)


# --------------------------------------------------------------------------------------------
# Assignments
# --------------------------------------------------------------------------------------------


class AssignmentAPIFilter(django_filters.FilterSet):
    unit = django_filters.NumberFilter(field_name="unit", help_text="The assigned unit only.")
    unit_subtree = django_filters.NumberFilter(
        method="filter_unit_subtree", help_text="The unit and every unit under it."
    )
    obligation = django_filters.NumberFilter(field_name="obligation")
    parent = django_filters.NumberFilter(field_name="parent")
    role = django_filters.ChoiceFilter(choices=AssignmentRole.choices)
    status = django_filters.ChoiceFilter(
        field_name="status", choices=Status.choices, help_text="The derived status, as of today."
    )
    source = django_filters.ChoiceFilter(field_name="obligation__source_kind", choices=SourceKind.choices)
    overdue = django_filters.BooleanFilter(method="filter_overdue")
    # Both bounds apply to the same period: see filter_queryset.
    due_from = django_filters.DateFilter(
        method="bound_only", input_formats=DATE_FORMATS, help_text="A period is due on or after this day."
    )
    due_to = django_filters.DateFilter(
        method="bound_only", input_formats=DATE_FORMATS, help_text="A period is due on or before this day."
    )

    class Meta:
        model = Assignment
        fields = (
            "unit",
            "unit_subtree",
            "obligation",
            "parent",
            "role",
            "status",
            "source",
            "overdue",
            "due_from",
            "due_to",
        )

    def filter_unit_subtree(self, queryset: models.QuerySet, name: str, value: int) -> models.QuerySet:
        unit = Unit.objects.visible_to(self.request.user).filter(pk=value).first()
        if unit is None:
            return queryset.none()
        return queryset.filter(unit__path__startswith=unit.path)

    def filter_overdue(self, queryset: models.QuerySet, name: str, value: bool) -> models.QuerySet:
        if value:
            return queryset.filter(status=Status.OVERDUE.value)
        return queryset.exclude(status=Status.OVERDUE.value)

    def bound_only(self, queryset: models.QuerySet, name: str, value: datetime.date) -> models.QuerySet:
        """Nothing on its own: both bounds are applied together in ``filter_queryset``."""
        return queryset

    def filter_queryset(self, queryset: models.QuerySet) -> models.QuerySet:
        queryset = super().filter_queryset(queryset)
        start = self.form.cleaned_data.get("due_from")
        end = self.form.cleaned_data.get("due_to")
        if start is None and end is None:
            return queryset
        periods = AssignmentPeriod.objects.visible_to(self.request.user)
        if start is not None:
            periods = periods.filter(due_on__gte=start)
        if end is not None:
            periods = periods.filter(due_on__lte=end)
        return queryset.filter(pk__in=periods.values("assignment_id"))


class AssignmentViewSet(BusinessAPIViewSet):
    """Assignments with their derived status, next due date and periods.

    Filters: unit, unit_subtree, obligation, parent, role, status, source, overdue,
    due_from/due_to (a period due in the range). Ordering also by next_due, overdue_since.
    """

    model = Assignment
    queryset = Assignment.objects.none()
    serializer_class = AssignmentSerializer
    filterset_class = AssignmentAPIFilter
    ordering_fields = ("id", "assigned_on", "due_on")
    derived_ordering: ClassVar[tuple[str, ...]] = ("next_due", "overdue_since", "status")
    # Giving, changing and withdrawing work is assigning (unit heads in their subtree, coordinators).
    permission_map: ClassVar[dict[str, str]] = {
        Action.ADD: Action.ASSIGN,
        Action.CHANGE: Action.ASSIGN,
        Action.DELETE: Action.ASSIGN,
    }
    create_service = staticmethod(services.assignment_create)
    update_service = staticmethod(services.assignment_update)
    delete_service = staticmethod(services.assignment_delete)

    def require(self, action_name: str, obj: Any) -> None:
        super().require(self.permission_map.get(action_name, action_name), obj)

    def get_queryset(self) -> models.QuerySet:
        # The visible queryset of the base class, then the derived status on top of it.
        qs = _with_periods(selectors.with_status(super().get_queryset()), self.request.user)
        ordering = self.request.query_params.get("ordering", "")
        if ordering.lstrip("-") in self.derived_ordering:
            name = ordering.lstrip("-")
            key = F(name).desc(nulls_last=True) if ordering.startswith("-") else F(name).asc(nulls_last=True)
            qs = qs.order_by(key, "pk")
        return qs


# --------------------------------------------------------------------------------------------
# Progress reports
# --------------------------------------------------------------------------------------------


class ProgressReportAPIFilter(django_filters.FilterSet):
    assignment = django_filters.NumberFilter(field_name="assignment")
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices)
    late = django_filters.BooleanFilter()

    class Meta:
        model = ProgressReport
        fields = ("assignment", "status", "late")


class ProgressReportViewSet(BusinessAPIViewSet):
    """Progress reports: POST submits one; `approve` and `return` are the reviewers' steps.

    A report is approved level by level up the assignment chain; the head of the unit it
    awaits (or a coordinator, finally) approves it. Filters: assignment, status, late.
    """

    model = ProgressReport
    queryset = ProgressReport.objects.none()
    serializer_class = ProgressReportSerializer
    filterset_class = ProgressReportAPIFilter
    ordering_fields = ("id", "submitted_on", "percent")
    create_service = staticmethod(services.report_submit)
    update_service = staticmethod(services.report_update)
    delete_service = staticmethod(services.report_delete)

    def fresh(self, obj: Any) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=obj.pk)).data)

    @extend_schema(request=ApproveSerializer, responses={200: ProgressReportSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        """Approve at this level: the report moves up the chain, or is final and locked."""
        report = self.get_object()
        self.require(Action.APPROVE, report)
        body = ApproveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        saved = services.report_approve(
            actor=request.user, obj=report, version=_version(body), comment=body.validated_data["comment"]
        )
        return self.fresh(saved)

    @extend_schema(request=ReturnSerializer, responses={200: ProgressReportSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Request, pk: str | None = None) -> Response:
        """Send the report back to its author with a comment (required)."""
        report = self.get_object()
        self.require(Action.APPROVE, report)
        body = ReturnSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        saved = services.report_return(
            actor=request.user, obj=report, version=_version(body), comment=body.validated_data["comment"]
        )
        return self.fresh(saved)


# --------------------------------------------------------------------------------------------
# Obstacles
# --------------------------------------------------------------------------------------------


class ObstacleAPIFilter(django_filters.FilterSet):
    assignment = django_filters.NumberFilter(field_name="assignment")
    status = django_filters.ChoiceFilter(choices=ObstacleStatus.choices)

    class Meta:
        model = Obstacle
        fields = ("assignment", "status")


class ObstacleViewSet(BusinessAPIViewSet):
    """Obstacles (vướng mắc): raised by units, answered or escalated by the Department of
    Foreign Relations, decided by the leadership. Filters: assignment, status."""

    model = Obstacle
    queryset = Obstacle.objects.none()
    serializer_class = ObstacleSerializer
    filterset_class = ObstacleAPIFilter
    ordering_fields = ("id", "raised_on", "response_due_on")
    create_service = staticmethod(services.obstacle_raise)
    update_service = staticmethod(services.obstacle_update)
    delete_service = staticmethod(services.obstacle_delete)

    def fresh(self, obj: Any) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=obj.pk)).data)

    @extend_schema(request=AnswerSerializer, responses={200: ObstacleSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str | None = None) -> Response:
        """The Department of Foreign Relations answers with guidance."""
        obstacle = self.get_object()
        self.require(Action.ANSWER_ESCALATION, obstacle)
        body = AnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        saved = services.obstacle_answer(
            actor=request.user, obj=obstacle, version=_version(body), answer=body.validated_data["answer"]
        )
        return self.fresh(saved)

    @extend_schema(request=EscalateSerializer, responses={200: ObstacleSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def escalate(self, request: Request, pk: str | None = None) -> Response:
        """Escalate to the leadership, with an optional note."""
        obstacle = self.get_object()
        self.require(Action.ANSWER_ESCALATION, obstacle)
        body = EscalateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        saved = services.obstacle_escalate(
            actor=request.user, obj=obstacle, version=_version(body), note=body.validated_data["note"]
        )
        return self.fresh(saved)

    @extend_schema(request=DecideSerializer, responses={200: ObstacleSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        """The leadership decides an escalated obstacle."""
        obstacle = self.get_object()
        self.require(Action.DECIDE_ESCALATION, obstacle)
        body = DecideSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        saved = services.obstacle_decide(
            actor=request.user,
            obj=obstacle,
            version=_version(body),
            decision=body.validated_data["decision"],
        )
        return self.fresh(saved)


# --------------------------------------------------------------------------------------------
# Notifications and the working-day calendar
# --------------------------------------------------------------------------------------------


class NotificationAPIFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull")

    class Meta:
        model = Notification
        fields = ("kind", "unread")


class NotificationViewSet(ObjectAPIViewSet):
    """The caller's own notifications, newest first (read-only); `?unread=true` for the unread."""

    model = Notification
    queryset = Notification.objects.none()
    serializer_class = NotificationSerializer
    filterset_class = NotificationAPIFilter
    http_method_names = ("get", "post", "head", "options")

    def get_queryset(self) -> models.QuerySet:
        # Notifications carry no search text; visible_to is the recipient rule.
        return Notification.objects.visible_to(self.request.user)

    @extend_schema(exclude=True)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raise exceptions.MethodNotAllowed(request.method)

    def history(self, request: Request, pk: str | None = None) -> Response:
        """Not an endpoint here: a notification has no change history."""
        raise exceptions.NotFound()

    def _unread(self) -> int:
        return self.get_queryset().unread().count()

    @extend_schema(
        request=MarkReadSerializer, responses={200: MarkReadResultSerializer, 400: ErrorSerializer}
    )
    @action(detail=False, methods=["post"], url_path="mark-read")
    def mark_read(self, request: Request) -> Response:
        """Mark notifications read: those of `ids`, or all of the caller's when absent."""
        body = MarkReadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        marked = services.notifications_mark_read(actor=request.user, ids=body.validated_data.get("ids"))
        return Response({"marked": marked, "unread_count": self._unread()})

    @extend_schema(responses=UnreadCountSerializer, filters=False)
    @action(detail=False, methods=["get"], url_path="unread-count", filterset_class=None)
    def unread_count(self, request: Request) -> Response:
        """How many of the caller's notifications are unread (the badge)."""
        return Response({"unread_count": self._unread()})


class CalendarDayAPIFilter(django_filters.FilterSet):
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", input_formats=DATE_FORMATS)
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", input_formats=DATE_FORMATS)
    year = django_filters.NumberFilter(
        field_name="date", lookup_expr="year", min_value=1, max_value=9999, decimal_places=0
    )

    class Meta:
        model = CalendarDay
        fields = ("kind", "date_from", "date_to", "year")


class CalendarDayViewSet(ObjectAPIViewSet):
    """The Government's decisions on days off and swapped working days; reference data that
    coordinators and administrators keep (deadlines in working days follow it)."""

    model = CalendarDay
    queryset = CalendarDay.objects.none()
    serializer_class = CalendarDaySerializer
    filterset_class = CalendarDayAPIFilter
    ordering_fields = ("id", "date", "kind")
    create_service = staticmethod(services.calendar_day_create)
    update_service = staticmethod(services.calendar_day_update)
    delete_service = staticmethod(services.calendar_day_delete)

    def get_queryset(self) -> models.QuerySet:
        # Like the base class, without the search text that calendar days do not carry.
        qs = CalendarDay.objects.visible_to(self.request.user)
        if ordering := ordering_param(self.request, self.ordering_fields):
            qs = qs.order_by(ordering, "pk")
        return qs
