"""Report runs (generic list, detail, form, history), their progress, downloads and the copy register."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from access.choices import Classification
from access.links import RESTRICTED
from access.rules import Action, can
from core.audit import audit_refused
from core.copies import CopyKind, copy_entries, may_read_copies
from core.exceptions import ValidationError
from core.personal import may_see_personal
from core.views import ObjectViewSet

from . import services
from .choices import RunStatus
from .filters import IssuedDocumentFilterSet
from .forms import IssueForm, LetterIssueForm, ReportRunForm
from .models import IssuedDocument, ReportRun

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
    done = run.status == RunStatus.DONE
    issued = (
        list(
            services.issued_for(run)
            .filter(pk__in=IssuedDocument.objects.visible_to(request.user).values("pk"))
            .only("pk", "symbol", "issued_on")
        )
        if done
        else []
    )
    return {
        "run": run,
        "sections": sections,
        "can_download": done and can(request.user, Action.EXPORT, run),
        "numbered": run.classification != Classification.THUONG,
        "issued": issued,
        "issue_url": reverse("reports:run_issue", args=[run.pk])
        if done and services.may_issue(request.user, run)
        else None,
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


class IssuedDocumentViews(ObjectViewSet):
    """The outgoing-document register: list (filter, sort, export), detail with history.

    Documents are created only by issuing their source (a report, a case's letter) and are
    never edited: no add, edit or delete pages.
    """

    model = IssuedDocument
    form_class = None
    filterset_class = IssuedDocumentFilterSet
    list_columns = (
        "symbol",
        "issued_on",
        "doc_type",
        "summary",
        "owner_unit",
        "signer_name",
        "copies",
        "classification",
    )
    column_labels = {
        "owner_unit": _("issuing unit"),
        "signer_name": _("signer"),
        "recipients_text": _("recipients"),
        "created_by": _("registered by"),
    }
    detail_fields = (
        "symbol",
        "doc_type",
        "issued_on",
        "summary",
        "owner_unit",
        "signer_name",
        "signer_title",
        "recipients_text",
        "copies",
        "drafter_code",
        "copying_permitted",
        "secret_sequence",
        "replaces",
        "created_by",
        "classification",
    )
    ordering_fields = {
        "symbol": "number",
        "issued_on": "issued_on",
        "doc_type": "doc_type",
        "summary": "summary",
        "copies": "copies",
    }
    default_ordering = ""
    select_related = ("owner_unit", "replaces", "created_by")
    # The list is the register of issues; downloading a document is its copy.
    export_copies_records = False
    url_prefix = "issued/"
    detail_template = "reports/issueddocument_detail.html"

    @classmethod
    def queryset(cls, user: Any) -> models.QuerySet:
        # The frozen Word file stays in the database until someone downloads it.
        return super().queryset(user).defer("docx")

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: IssuedDocument) -> dict[str, Any]:
        user = request.user
        source = linked_record(user, obj.source_type, obj.source_id)
        replaced_by = IssuedDocument.objects.visible_to(user).filter(replaces=obj).first()
        return {
            "source_record": source,
            "restricted_label": RESTRICTED,
            "replaced_by": replaced_by,
            "can_download": can(user, Action.EXPORT, obj),
            "replace_url": issue_url(source)
            if source is not None and replaced_by is None and services.may_issue(user, source)
            else None,
            "numbered": obj.classification != Classification.THUONG,
        }


def linked_record(user: Any, content_type: Any, object_id: Any) -> Any:
    """The record behind a generic link, when the user may see it (else None: no link)."""
    if content_type is None or object_id is None:
        return None
    model = content_type.model_class()
    manager = getattr(model, "_default_manager", None)
    if manager is None or not hasattr(manager, "visible_to"):
        return None
    return manager.visible_to(user).filter(pk=object_id).first()


def issue_url(source: Any) -> str | None:
    """The page that issues (or issues again) a source: a report run or a case's letter."""
    if isinstance(source, ReportRun):
        return reverse("reports:run_issue", args=[source.pk])
    if source._meta.label == "cases.CooperationCase":
        return reverse("reports:letter_issue", args=[source.pk])
    return None


def _issue_initial(user: Any, source: Any, summary: str) -> dict[str, Any]:
    """Suggestions for the form: the usual title of the unit's head, the usual recipients of a
    report, and the initials of whoever drafted the source (else of the issuer)."""
    unit = source.owner_unit
    drafter = getattr(source, "created_by", None) or user
    title = "Thủ trưởng đơn vị"
    if unit.name_vi.startswith("Cục "):
        title = "Cục trưởng"
    elif unit.name_vi.startswith("Công an "):
        title = "Giám đốc"
    return {
        "summary": summary,
        "signer_title": title,
        "recipients": "Lãnh đạo Bộ (để báo cáo) | 1\nCục Đối ngoại (để tổng hợp) | 1",
        "drafter_code": "".join(w[0] for w in (drafter.full_name or drafter.username).split()).upper()[:20],
    }


def _issue_page(
    request: HttpRequest,
    *,
    source: Any,
    form_class: type[IssueForm],
    issue: Any,
    initial: dict[str, Any],
    form_kwargs: dict[str, Any],
    heading: str,
) -> HttpResponse:
    """The issue form of a source, and its POST: one service call, then the register line."""
    if not services.may_issue(request.user, source):
        audit_refused(request.user, type(source), source.pk, "issue")
        raise PermissionDenied
    # A source already issued is issued again only as a replacement of its live issue.
    replaces = services.issued_for(source).filter(replaced_by__isnull=True).first()
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, unit=source.owner_unit, **form_kwargs)
        if form.is_valid():
            try:
                doc = issue(data={**form.cleaned_data, "replaces": replaces})
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                return redirect(doc.get_absolute_url())
        status = 400
    else:
        form = form_class(
            initial={**_issue_initial(request.user, source, ""), **initial},
            unit=source.owner_unit,
            **form_kwargs,
        )
    context = {
        "obj": source,
        "form": form,
        "heading": heading,
        "replaces": replaces,
        "register_url": reverse("reports:issueddocument_list"),
        "issued": services.issued_for(source).filter(
            pk__in=IssuedDocument.objects.visible_to(request.user).values("pk")
        ),
    }
    return render(request, "reports/issue_form.html", context, status=status)


def add_errors(form: Any, exc: ValidationError) -> None:
    """A service's refusal on the form: on its field when the form has one, else above it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
def run_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue a generated report: its number and symbol, signer and recipients."""
    run = _visible_run(request, pk)
    if run.status != RunStatus.DONE:
        raise Http404
    return _issue_page(
        request,
        source=run,
        form_class=IssueForm,
        issue=lambda data: services.run_issue(actor=request.user, run=run, data=data),
        initial={"doc_type": "BC", "summary": run.title.removeprefix("Báo cáo ").strip().capitalize()},
        form_kwargs={},
        heading=_("Issue the report"),
    )


@login_required
def letter_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue a case's request letter (a công văn): filled from the case, numbered, frozen."""
    from cases.models import CooperationCase

    case = CooperationCase.objects.visible_to(request.user).select_related("owner_unit").filter(pk=pk).first()
    if case is None:
        audit_refused(request.user, CooperationCase, pk, "hidden")
        raise Http404

    def issue(data: dict[str, Any]) -> IssuedDocument:
        return services.letter_issue(
            actor=request.user,
            case=case,
            data=data,
            template=data.get("template"),
            language=data.get("language") or "vi",
            assistance=data.get("assistance", ""),
            contacts=data.get("contacts", ""),
        )

    return _issue_page(
        request,
        source=case,
        form_class=LetterIssueForm,
        issue=issue,
        initial={"doc_type": "CV", "summary": f"V/v {case.title}"[:500], "language": "vi"},
        form_kwargs={"user": request.user},
        heading=_("Issue the request letter"),
    )


@login_required
def issued_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The issued Word file; a classified one is a numbered, registered copy."""
    doc = IssuedDocument.objects.visible_to(request.user).filter(pk=pk).first()
    if doc is None:
        audit_refused(request.user, IssuedDocument, pk, "hidden")
        raise Http404
    if not can(request.user, Action.EXPORT, doc):
        audit_refused(request.user, IssuedDocument, pk, "export")
        raise PermissionDenied
    if not doc.docx:
        raise Http404
    if doc.personal_data and not may_see_personal(request.user, doc):
        audit_refused(request.user, IssuedDocument, pk, "personal_data")
        raise PermissionDenied
    content, _entry = services.issued_file(actor=request.user, doc=doc)
    response = HttpResponse(content, content_type=CONTENT_TYPES["docx"])
    stem = doc.symbol.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{stem}.docx"'
    return response
