"""Pages of the tracking engine's records (lists, details, forms, history) on the generic views."""

from __future__ import annotations

from access.rules import Action
from core.views import ObjectViewSet

from . import services
from .forms import AssignmentForm, CalendarDayForm, ObligationForm, ObstacleForm, ProgressReportForm
from .models import Assignment, CalendarDay, Obligation, Obstacle, ProgressReport


class ObligationViews(ObjectViewSet):
    model = Obligation
    form_class = ObligationForm
    list_columns = ("title", "source_kind", "source_label", "priority", "owner_unit")
    detail_fields = (
        "title",
        "description",
        "expected_result",
        "evidence_required",
        "priority",
        "source_kind",
        "source_label",
        "group_label",
        "owner_unit",
        "classification",
    )
    ordering_fields = {"title": "title", "priority": "priority", "source_kind": "source_kind"}
    select_related = ("owner_unit",)
    url_prefix = "obligations/"
    create_service = staticmethod(services.obligation_create)
    update_service = staticmethod(services.obligation_update)
    delete_service = staticmethod(services.obligation_delete)


class AssignmentViews(ObjectViewSet):
    model = Assignment
    form_class = AssignmentForm
    # Giving, changing and withdrawing work is assigning (unit heads in their subtree, coordinators).
    permission_map = {Action.ADD: Action.ASSIGN, Action.CHANGE: Action.ASSIGN, Action.DELETE: Action.ASSIGN}
    list_columns = ("obligation", "unit", "role", "due_on", "deadline_kind")
    column_labels = {}
    detail_fields = (
        "obligation",
        "parent",
        "unit",
        "role",
        "assigned_on",
        "instructions",
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
        "owner_unit",
        "classification",
    )
    ordering_fields = {"unit": "unit__path", "due_on": "due_on", "role": "role"}
    select_related = ("obligation", "unit", "parent__unit", "parent__obligation", "owner_unit")
    url_prefix = "assignments/"
    create_service = staticmethod(services.assignment_create)
    update_service = staticmethod(services.assignment_update)
    delete_service = staticmethod(services.assignment_delete)


class ProgressReportViews(ObjectViewSet):
    model = ProgressReport
    form_class = ProgressReportForm
    list_columns = ("assignment", "period", "percent", "status", "submitted_on", "late")
    detail_fields = (
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
        "owner_unit",
        "classification",
    )
    ordering_fields = {"submitted_on": "submitted_on", "percent": "percent", "status": "status"}
    default_ordering = "-submitted_on"
    select_related = ("assignment__obligation", "assignment__unit", "period", "awaiting_unit", "reviewed_by")
    url_prefix = "reports/"
    create_service = staticmethod(services.report_submit)
    update_service = staticmethod(services.report_update)
    delete_service = staticmethod(services.report_delete)


class ObstacleViews(ObjectViewSet):
    model = Obstacle
    form_class = ObstacleForm
    list_columns = ("description", "assignment", "status", "raised_on", "response_due_on")
    detail_fields = (
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
        "owner_unit",
        "classification",
    )
    ordering_fields = {"raised_on": "raised_on", "status": "status", "response_due_on": "response_due_on"}
    default_ordering = "-raised_on"
    select_related = (
        "assignment__obligation",
        "assignment__unit",
        "handler_unit",
        "answered_by",
        "decided_by",
    )
    url_prefix = "obstacles/"
    create_service = staticmethod(services.obstacle_raise)
    update_service = staticmethod(services.obstacle_update)
    delete_service = staticmethod(services.obstacle_delete)


class CalendarDayViews(ObjectViewSet):
    model = CalendarDay
    form_class = CalendarDayForm
    list_columns = ("date", "kind", "note")
    ordering_fields = {"date": "date", "kind": "kind"}
    default_ordering = "-date"
    url_prefix = "calendar-days/"
    create_service = staticmethod(services.calendar_day_create)
    update_service = staticmethod(services.calendar_day_update)
    delete_service = staticmethod(services.calendar_day_delete)
