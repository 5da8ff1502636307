"""Excel import pages: template, upload, preview and commit, for any registered import.

Reads go through ``ImportJob.objects.visible_to`` (a user sees only their own jobs: 404
otherwise); writes through the services of ``core.imports``. The user must be allowed to
add records of the import's model (403 otherwise); each row is then checked against the
access rules like any edit.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.registry import registry
from access.rules import Action, can

from .exceptions import ValidationError
from .imports import (
    XLSX_CONTENT_TYPE,
    ImportAlreadyCommitted,
    ImportRefused,
    ImportSpec,
    get_import,
    import_commit,
    import_preview,
    parse_workbook,
    template_workbook,
)
from .models import ImportJob, ImportJobStatus

# The preview lists this many rows (the counts and the errors cover the whole file).
PREVIEW_ROWS = 500
PREVIEW_ERRORS = 1000


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".xlsx," + XLSX_CONTENT_TYPE}
        ),
    )


def _spec(key: str) -> ImportSpec:
    try:
        return get_import(key)
    except KeyError:
        raise Http404 from None


def _require_add(request: HttpRequest, spec: ImportSpec) -> None:
    if not can(request.user, Action.ADD, spec.model):
        raise PermissionDenied


def _list_url(spec: ImportSpec) -> str | None:
    entry = registry.get(spec.model)
    if entry is None:
        return None
    try:
        return reverse(entry.url_name("list"))
    except NoReverseMatch:
        return None


def _spec_context(spec: ImportSpec) -> dict[str, Any]:
    return {
        "spec": spec,
        "title": spec.title,
        "verbose_name_plural": spec.model._meta.verbose_name_plural,
        "list_url": _list_url(spec),
        "upload_url": reverse("imports:upload", args=[spec.key]),
        "template_url": reverse("imports:template", args=[spec.key]),
        "columns": [
            {
                "label": c.label,
                "required": c.required,
                "format": c.parser.describe(),
                "allowed": c.parser.allowed(),
                "help": c.help,
            }
            for c in spec.columns
        ],
        "natural_key": [spec.label(n) for n in spec.natural_key],
    }


@login_required
@require_GET
def template_download(request: HttpRequest, key: str) -> HttpResponse:
    """The XLSX template in the user's language."""
    spec = _spec(key)
    _require_add(request, spec)
    response = HttpResponse(template_workbook(spec, get_language()), content_type=XLSX_CONTENT_TYPE)
    filename = "{}-template.xlsx".format(spec.key.replace(".", "-"))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, key: str) -> HttpResponse:
    """Upload a file; a readable one is kept as a job and previewed, nothing else is written."""
    spec = _spec(key)
    _require_add(request, spec)
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = import_preview(actor=request.user, spec=spec, upload=form.cleaned_data["file"])
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error("file", message)
            else:
                return HttpResponseRedirect(job.get_absolute_url())
    else:
        form = ImportUploadForm()
    context = {**_spec_context(spec), "form": form}
    return render(request, "core/imports/upload.html", context, status=400 if form.errors else 200)


def _job(request: HttpRequest, pk: int) -> ImportJob:
    return get_object_or_404(ImportJob.objects.visible_to(request.user), pk=pk)


def _render_job(
    request: HttpRequest,
    job: ImportJob,
    spec: ImportSpec,
    *,
    errors: list | None = None,
    status: int = 200,
    problem: str = "",
) -> HttpResponse:
    """The job page: a committed job's summary, or a fresh check of its file."""
    context: dict[str, Any] = {
        **_spec_context(spec),
        "job": job,
        "committed": job.status == ImportJobStatus.COMMITTED,
        "problem": problem,
        "commit_url": reverse("imports:commit", args=[job.pk]),
    }
    if context["committed"]:
        context["counts"] = job.summary
    else:
        if errors is None:
            result = parse_workbook(spec, bytes(job.content), request.user, file_name=job.file_name)
            errors = result.errors
            if not errors:
                context["rows"] = result.display_rows(PREVIEW_ROWS)
                context["row_total"] = len(result.rows)
                context["rows_cut"] = len(result.rows) > PREVIEW_ROWS
                context["counts"] = result.counts
                if job.status == ImportJobStatus.FAILED:
                    # The file reads well now, but the last commit was refused while writing.
                    context["last_errors"] = job.errors[:PREVIEW_ERRORS]
        context["errors"] = errors[:PREVIEW_ERRORS]
        context["error_total"] = len(errors)
        context["errors_cut"] = len(errors) > PREVIEW_ERRORS
        context["may_commit"] = not errors and can(request.user, Action.ADD, spec.model)
    return render(request, "core/imports/preview.html", context, status=status)


@login_required
@require_GET
def job_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Every error with its row and column, or every row with what the commit will do."""
    job = _job(request, pk)
    return _render_job(request, job, _spec(job.spec_key))


@login_required
@require_POST
def job_commit(request: HttpRequest, pk: int) -> HttpResponse:
    """Write the whole file, or nothing: 400 with the errors, 409 when committed already."""
    job = _job(request, pk)
    spec = _spec(job.spec_key)
    _require_add(request, spec)
    try:
        counts = import_commit(actor=request.user, job=job)
    except ImportAlreadyCommitted as exc:
        job.refresh_from_db()
        return _render_job(request, job, spec, status=409, problem=exc.messages[0])
    except ImportRefused as exc:
        job.refresh_from_db()
        return _render_job(
            request,
            job,
            spec,
            errors=exc.errors,
            status=400,
            problem=_("Nothing was imported: the file has errors now. Correct them and upload it again."),
        )
    except ImportJob.DoesNotExist:
        raise Http404 from None
    messages.success(
        request,
        _("Import complete: {create} created, {update} updated, {unchanged} unchanged.").format(**counts),
    )
    return HttpResponseRedirect(job.get_absolute_url())
