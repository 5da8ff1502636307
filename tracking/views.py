"""Pages of the tracking engine's records (lists, details, forms, history) on the generic views.

The detail pages of obligations, assignments, reports and obstacles are richer than the
generic one (``detail_template`` and ``detail_extra``): the consolidated progress, the
periods with their derived status, and the workflow forms, which post to
``tracking.views_pages`` (they carry the record's version and a text, so they are forms
rather than the header's field-less ``object_actions``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone

from access.choices import Role
from access.rules import Action, can
from core.attachments import attachments_context
from core.views import ObjectEditView, ObjectViewSet
from org.models import Unit, User

from . import selectors, services
from .choices import CLOSED_STATUSES, ObstacleStatus, ReportStatus, Status
from .forms import AssignmentForm, CalendarDayForm, ObligationForm, ObstacleForm, ProgressReportForm
from .forms_pages import AssignToUnitForm, ObstacleStepForm, ReviewForm
from .models import Assignment, AssignmentPeriod, CalendarDay, Obligation, Obstacle, ProgressReport


def _pk(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class PrefilledEditView(ObjectEditView):
    """The add form with choices taken from the query string (``?assignment=12``).

    The detail pages link here ("Report progress", "Raise an obstacle", "Sub-assign"); the
    form posts back to the same URL, so the preset also holds when the form is redisplayed.
    Presets only narrow querysets that are already ``visible_to`` the user; the services
    still decide.
    """

    def get_form(self, request: HttpRequest, obj: Any, data: Any = None) -> forms.ModelForm:
        initial: dict[str, Any] = {}
        if obj is None:
            for name in self.viewset.prefill_fields:
                value = _pk(request.GET.get(name))
                if value is not None:
                    initial[name] = value
        form = self.viewset.form_class(data=data, instance=obj, user=request.user, initial=initial)
        if obj is None:
            self.viewset.narrow_form(form, initial, data)
        return form

    def render_form(
        self, request: HttpRequest, obj: Any, form: Any, current: Any = None, status: int = 200
    ) -> HttpResponse:
        context = {**self.base_context(), "obj": obj, "form": form, "current": current}
        context["cancel_url"] = obj.get_absolute_url() if obj is not None else context["list_url"]
        if obj is None:
            # Cancel goes back to the assignment the form was opened from.
            for name in ("assignment", "parent"):
                pk = _pk(request.GET.get(name)) if name in self.viewset.prefill_fields else None
                if pk is not None:
                    context["cancel_url"] = reverse("tracking:assignment", args=[pk])
                    break
        return render(request, self.template_name, context, status=status)


class PrefillMixin:
    """A viewset whose add page accepts presets from the query string."""

    prefill_fields: tuple[str, ...] = ()

    @classmethod
    def narrow_form(cls, form: forms.ModelForm, initial: dict[str, Any], data: Any) -> None:
        """Narrow the choices to the preset record (the posted one when the form is sent)."""

    @classmethod
    def urls(cls) -> list:
        name = cls.model._meta.model_name
        out = []
        for pattern in super().urls():
            if isinstance(pattern, URLPattern) and pattern.name == f"{name}_add":
                pattern = path(
                    str(pattern.pattern), PrefilledEditView.as_view(viewset=cls), name=pattern.name
                )
            out.append(pattern)
        return out


def _chosen(initial: dict[str, Any], data: Any, name: str) -> int | None:
    if data is not None:
        return _pk(data.get(name))
    return initial.get(name)


def _linked(user: Any, content_type: Any, object_id: str) -> Any:
    """The record behind a generic link, when the user may see it (else None: no link)."""
    if content_type is None or not object_id:
        return None
    model = content_type.model_class()
    manager = getattr(model, "_default_manager", None)
    if manager is None or not hasattr(manager, "visible_to"):
        return None
    try:
        return manager.visible_to(user).filter(pk=object_id).first()
    except (ValueError, TypeError, DjangoValidationError):  # a malformed id: no link
        return None


def may_review(user: Any, report: ProgressReport) -> bool:
    """The conditions services.report_approve checks, so the page offers only what will work."""
    if report.status != ReportStatus.SUBMITTED or not can(user, Action.APPROVE, report):
        return False
    if report.created_by_id and report.created_by_id == user.pk:
        return False
    return user.has_ministry_scope or user.unit_id == report.awaiting_unit_id


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
    select_related = ("owner_unit", "source_type", "group_type")
    url_prefix = "obligations/"
    detail_template = "tracking/obligation_detail.html"
    create_service = staticmethod(services.obligation_create)
    update_service = staticmethod(services.obligation_update)
    delete_service = staticmethod(services.obligation_delete)

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: Obligation) -> dict[str, Any]:
        user = request.user
        may_assign = can(user, Action.ASSIGN, obj)
        progress = selectors.consolidated(user, obj)
        extra: dict[str, Any] = {
            "progress": progress,
            "status_counts": [
                {"key": s.value, "label": s.label, "count": progress["counts"][s.value]} for s in Status
            ],
            "source_record": _linked(user, obj.source_type, obj.source_id),
            "group_record": _linked(user, obj.group_type, obj.group_id),
            "may_assign": may_assign,
        }
        if may_assign:
            extra["assign_form"] = AssignToUnitForm(
                user=user, initial={"assigned_on": timezone.localdate()}, auto_id="one_%s"
            )
        return extra


class AssignmentViews(PrefillMixin, ObjectViewSet):
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
        "reminders_paused_on",
        "pause_reason",
        "owner_unit",
        "classification",
    )
    ordering_fields = {"unit": "unit__path", "due_on": "due_on", "role": "role"}
    select_related = ("obligation", "unit", "parent__unit", "parent__obligation", "owner_unit")
    url_prefix = "assignments/"
    detail_template = "tracking/assignment_detail.html"
    prefill_fields = ("obligation", "parent")
    create_service = staticmethod(services.assignment_create)
    update_service = staticmethod(services.assignment_update)
    delete_service = staticmethod(services.assignment_delete)

    @classmethod
    def narrow_form(cls, form: forms.ModelForm, initial: dict[str, Any], data: Any) -> None:
        """A sub-assignment: its parent's obligation, and a unit inside the parent's unit."""
        parent_pk = _chosen(initial, data, "parent")
        if parent_pk is None:
            return
        parent = form.fields["parent"].queryset.filter(pk=parent_pk).first()
        if parent is None:
            return
        form.fields["parent"].queryset = form.fields["parent"].queryset.filter(pk=parent.pk)
        form.fields["obligation"].queryset = form.fields["obligation"].queryset.filter(
            pk=parent.obligation_id
        )
        form.fields["unit"].queryset = (
            form.fields["unit"].queryset.filter(path__startswith=parent.unit.path).exclude(pk=parent.unit_id)
        )
        form.initial.setdefault("obligation", parent.obligation_id)
        if parent.due_on:
            form.initial.setdefault("due_on", parent.due_on)

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: Assignment) -> dict[str, Any]:
        user = request.user
        current = selectors.with_status(Assignment.objects.visible_to(user).filter(pk=obj.pk)).first()
        periods = list(
            selectors.periods_with_status(AssignmentPeriod.objects.visible_to(user).filter(assignment=obj))
        )
        reports = list(
            ProgressReport.objects.visible_to(user)
            .filter(assignment=obj)
            .select_related("period", "awaiting_unit", "created_by")
        )
        obstacles = list(
            Obstacle.objects.visible_to(user).filter(assignment=obj).select_related("handler_unit")
        )
        children = list(selectors.visible_assignments(user).filter(parent=obj).order_by("unit__path", "pk"))
        status = current.status if current is not None else None
        may_report = (
            status not in CLOSED_STATUSES
            and bool(periods)
            and can(user, Action.ADD, ProgressReport(owner_unit=obj.unit))
        )
        may_raise = can(user, Action.RAISE_ESCALATION, Obstacle) and can(
            user, Action.ADD, Obstacle(owner_unit=obj.unit)
        )
        may_subassign = (
            can(user, Action.ASSIGN, Assignment(owner_unit=obj.unit))
            and Unit.objects.visible_to(user).filter(parent=obj.unit_id).exists()
        )
        return {
            "current": current,
            "status": status,
            "periods": periods,
            "reports": reports,
            "obstacles": obstacles,
            "children": children,
            "report_url": "{}?assignment={}".format(reverse("tracking:progressreport_add"), obj.pk)
            if may_report
            else None,
            "obstacle_url": "{}?assignment={}".format(reverse("tracking:obstacle_add"), obj.pk)
            if may_raise
            else None,
            "subassign_url": "{}?parent={}&obligation={}".format(
                reverse("tracking:assignment_add"), obj.pk, obj.obligation_id
            )
            if may_subassign
            else None,
        }


class ProgressReportViews(PrefillMixin, ObjectViewSet):
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
    select_related = (
        "assignment__obligation",
        "assignment__unit",
        "assignment__parent__unit",
        "period",
        "awaiting_unit",
        "reviewed_by",
        "created_by",
    )
    url_prefix = "reports/"
    detail_template = "tracking/progressreport_detail.html"
    prefill_fields = ("assignment",)
    create_service = staticmethod(services.report_submit)
    update_service = staticmethod(services.report_update)
    delete_service = staticmethod(services.report_delete)

    @classmethod
    def narrow_form(cls, form: forms.ModelForm, initial: dict[str, Any], data: Any) -> None:
        """The periods offered are those of the chosen assignment."""
        assignment_pk = _chosen(initial, data, "assignment")
        if assignment_pk is not None:
            form.fields["period"].queryset = form.fields["period"].queryset.filter(assignment=assignment_pk)

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: ProgressReport) -> dict[str, Any]:
        user = request.user
        reviewers = []
        if obj.awaiting_unit_id:
            reviewers = list(
                User.objects.visible_to(user)
                .filter(unit=obj.awaiting_unit_id, is_active=True, roles__code=Role.UNIT_HEAD)
                .distinct()
            )
        chain = services.approval_chain(obj.assignment)
        reviewable = may_review(user, obj)
        return {
            "reviewers": reviewers,
            "chain": chain,
            "may_review": reviewable,
            "review_form": ReviewForm(initial={"version": obj.version}) if reviewable else None,
            **attachments_context(request, obj),
        }


class ObstacleViews(PrefillMixin, ObjectViewSet):
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
    detail_template = "tracking/obstacle_detail.html"
    prefill_fields = ("assignment",)
    create_service = staticmethod(services.obstacle_raise)
    update_service = staticmethod(services.obstacle_update)
    delete_service = staticmethod(services.obstacle_delete)

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: Obstacle) -> dict[str, Any]:
        user = request.user
        may_answer = obj.status == ObstacleStatus.RAISED and can(user, Action.ANSWER_ESCALATION, obj)
        may_decide = obj.status == ObstacleStatus.ESCALATED and can(user, Action.DECIDE_ESCALATION, obj)
        return {
            "may_answer": may_answer,
            "may_decide": may_decide,
            "step_form": ObstacleStepForm(initial={"version": obj.version})
            if may_answer or may_decide
            else None,
        }


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
