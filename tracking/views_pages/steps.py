"""Workflow steps: reviewing a report; answering, escalating and deciding an obstacle."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from access.rules import Action, can
from core.exceptions import PermissionDenied, StaleVersion, ValidationError

from .. import services
from ..forms_pages import ObstacleStepForm, ReviewForm
from ..models import Obstacle, ProgressReport
from .common import (
    _add_errors,
    _refuse,
    _stale_message,
    _visible,
)

# --------------------------------------------------------------------------------------------
# Reviewing a report; answering, escalating and deciding an obstacle
# --------------------------------------------------------------------------------------------


def _step_page(request: HttpRequest, context: dict[str, Any], status: int) -> HttpResponse:
    return render(request, "tracking/step.html", context, status=status)


def _run_step(
    request: HttpRequest,
    obj: Any,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Any],
    context: dict[str, Any],
    *,
    aliases: dict[str, str],
    done: str,
) -> HttpResponse:
    """GET shows the step's form; POST validates it, calls the service and maps its errors."""
    context = {**context, "obj": obj, "form": form}
    if request.method != "POST":
        return _step_page(request, context, 200)
    if not form.is_valid():
        return _step_page(request, context, 400)
    try:
        call(form.cleaned_data)
    except PermissionDenied as exc:
        return _step_page(request, {**context, "error": " ".join(str(a) for a in exc.args)}, 403)
    except StaleVersion:
        form.add_error(None, _stale_message())
        return _step_page(request, context, 409)
    except ValidationError as exc:
        _add_errors(form, exc, aliases)
        return _step_page(request, context, 400)
    except type(obj).DoesNotExist:
        raise Http404 from None
    messages.success(request, done)
    return HttpResponseRedirect(obj.get_absolute_url())


REPORT_RELATED = ("assignment__obligation", "assignment__unit", "period", "awaiting_unit")


def _review(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    user = request.user
    report = _visible(request, ProgressReport, pk, *REPORT_RELATED)
    if not can(user, Action.APPROVE, report):
        _refuse(request, report, str(Action.APPROVE))
    form = ReviewForm(request.POST if request.method == "POST" else None, initial={"version": report.version})
    if step == "approve":

        def call(data: dict[str, Any]) -> Any:
            return services.report_approve(
                actor=user, obj=report, version=data["version"], comment=data.get("comment", "")
            )

        labels = {
            "title": _("Approve the report"),
            "submit": _("Approve"),
            "text_label": _("Comment (optional)"),
        }
        done = _("The report was approved.")
    else:

        def call(data: dict[str, Any]) -> Any:
            return services.report_return(
                actor=user, obj=report, version=data["version"], comment=data.get("comment", "")
            )

        labels = {
            "title": _("Return the report with a comment"),
            "submit": _("Return with comment"),
            "text_label": _("Why it is returned"),
        }
        done = _("The report was returned to its unit.")
    return _run_step(request, report, form, call, labels, aliases={}, done=done)


@login_required
@require_http_methods(["GET", "POST"])
def report_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve at this level: up to the next unit of the chain, or final."""
    return _review(request, pk, "approve")


@login_required
@require_http_methods(["GET", "POST"])
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the report back with a comment (required)."""
    return _review(request, pk, "return")


OBSTACLE_STEPS: dict[str, dict[str, Any]] = {
    "answer": {
        "permission": Action.ANSWER_ESCALATION,
        "service": "obstacle_answer",
        "kwarg": "answer",
    },
    "escalate": {
        "permission": Action.ANSWER_ESCALATION,
        "service": "obstacle_escalate",
        "kwarg": "note",
    },
    "decide": {
        "permission": Action.DECIDE_ESCALATION,
        "service": "obstacle_decide",
        "kwarg": "decision",
    },
}


def _obstacle_labels(step: str) -> tuple[dict[str, str], str]:
    if step == "answer":
        return (
            {
                "title": _("Answer with guidance"),
                "submit": _("Send the guidance"),
                "text_label": _("Guidance"),
            },
            _("The guidance was sent to the unit."),
        )
    if step == "escalate":
        return (
            {
                "title": _("Escalate to the leadership"),
                "submit": _("Escalate"),
                "text_label": _("Note for the leadership (optional)"),
            },
            _("The obstacle was escalated to the leadership."),
        )
    return (
        {
            "title": _("Record the decision"),
            "submit": _("Record the decision"),
            "text_label": _("Decision"),
        },
        _("The decision was recorded."),
    )


def _obstacle_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    user = request.user
    spec = OBSTACLE_STEPS[step]
    obstacle = _visible(request, Obstacle, pk, "assignment__obligation", "assignment__unit", "handler_unit")
    if not can(user, spec["permission"], obstacle):
        _refuse(request, obstacle, str(spec["permission"]))
    form = ObstacleStepForm(
        request.POST if request.method == "POST" else None, initial={"version": obstacle.version}
    )
    service = getattr(services, spec["service"])

    def call(data: dict[str, Any]) -> Any:
        return service(
            actor=user, obj=obstacle, version=data["version"], **{spec["kwarg"]: data.get("text", "")}
        )

    labels, done = _obstacle_labels(step)
    return _run_step(request, obstacle, form, call, labels, aliases={spec["kwarg"]: "text"}, done=done)


@login_required
@require_http_methods(["GET", "POST"])
def obstacle_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Cục Đối ngoại answers with guidance."""
    return _obstacle_step(request, pk, "answer")


@login_required
@require_http_methods(["GET", "POST"])
def obstacle_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    """Cục Đối ngoại hands the obstacle to the leadership."""
    return _obstacle_step(request, pk, "escalate")


@login_required
@require_http_methods(["GET", "POST"])
def obstacle_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The leadership's decision closes the escalation."""
    return _obstacle_step(request, pk, "decide")
