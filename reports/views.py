"""Report runs (generic list, detail, form, history), their progress, downloads and the copy register."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from access.choices import Classification
from access.rules import Action, can
from core.audit import audit_refused
from core.copies import CopyKind, copy_entries, may_read_copies
from core.views import ObjectViewSet

from . import services
from .choices import RunStatus
from .forms import ReportRunForm
from .models import ReportRun

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ReportRunViews(ObjectViewSet):
    model = ReportRun
    # Defining a report is exporting what one sees (leadership too); see services.run_create.
    permission_map = {Action.ADD: Action.EXPORT}
    form_class = ReportRunForm
    list_columns = ("title", "start_on", "end_on", "scope_unit", "status", "data_as_of", "classification")
    detail_fields = (
        "title",
        "period_kind",
        "start_on",
        "end_on",
        "scope_unit",
        "owner_unit",
        "created_by",
        "data_as_of",
        "generated_at",
        "classification",
    )
    column_labels = {"created_by": _("requested by")}
    ordering_fields = {
        "title": "title",
        "start_on": "start_on",
        "end_on": "end_on",
        "data_as_of": "data_as_of",
    }
    select_related = ("scope_unit", "owner_unit", "created_by")
    url_prefix = "runs/"
    detail_template = "reports/reportrun_detail.html"
    create_service = staticmethod(services.run_create)
    update_service = staticmethod(services.run_update)
    delete_service = staticmethod(services.run_delete)

    @classmethod
    def queryset(cls, user: Any) -> models.QuerySet:
        # The files stay in the database until someone downloads them.
        return super().queryset(user).defer("docx", "xlsx")

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: ReportRun) -> dict[str, Any]:
        return progress_context(request, obj)


def progress_context(request: HttpRequest, run: ReportRun) -> dict[str, Any]:
    sections = (run.facts or {}).get("sections", []) if run.status == RunStatus.DONE else []
    return {
        "run": run,
        "sections": sections,
        "can_download": run.status == RunStatus.DONE and can(request.user, Action.EXPORT, run),
        "numbered": run.classification != Classification.THUONG,
    }


def _visible_run(request: HttpRequest, pk: int) -> ReportRun:
    run = ReportRunViews.queryset(request.user).filter(pk=pk).first()
    if run is None:
        audit_refused(request.user, ReportRun, pk, "hidden")
        raise Http404
    return run


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect("reports:reportrun_list")


@login_required
def run_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The small partial that the run page polls (HTMX) until the job has finished."""
    run = _visible_run(request, pk)
    return render(request, "reports/partials/progress.html", progress_context(request, run))


@login_required
def run_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The Word report or the Excel annex; a classified one is a numbered, registered copy."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    run = _visible_run(request, pk)
    if not can(request.user, Action.EXPORT, run):
        audit_refused(request.user, ReportRun, pk, "export")
        raise PermissionDenied
    if run.status != RunStatus.DONE:
        raise Http404
    run = ReportRun.objects.visible_to(request.user).get(pk=run.pk)
    content, _entry = services.report_file(actor=request.user, run=run, fmt=fmt)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    stem = f"bao-cao-{run.pk}" if fmt == "docx" else f"phu-luc-{run.pk}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def _model_label(entry: Any) -> str:
    model = entry.content_type.model_class()
    return str(model._meta.verbose_name_plural) if model is not None else entry.content_type.model


@login_required
def copy_register(request: HttpRequest) -> HttpResponse:
    """The register of numbered copies, for administrators, leadership and coordinators."""
    if not may_read_copies(request.user):
        raise PermissionDenied
    page = Paginator(copy_entries(request.user, request.GET), 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "page": page,
        "rows": [{"e": e, "model": _model_label(e)} for e in page.object_list],
        "kinds": CopyKind.choices,
        "levels": [c for c in Classification.choices if c[0] != Classification.THUONG],
        "params": request.GET,
        "query_string": params.urlencode(),
    }
    return render(request, "reports/copy_register.html", context)
