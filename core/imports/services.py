"""The import services: preview (nothing written) and commit (all rows or none)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from access.rules import Action, can

from ..audit import AuditEvent, audit_record
from ..exceptions import PermissionDenied, StaleVersion, ValidationError
from ..models import ImportJob, ImportJobStatus
from ..services import service
from .base import (
    CREATE,
    UPDATE,
)
from .specs import (
    ImportSpec,
    _as_spec,
    get_import,
)
from .workbook import (
    RowError,
    _messages,
    parse_workbook,
    read_upload,
)

# --- Services -----------------------------------------------------------------------------


class ImportRefused(ValidationError):
    """The file cannot be imported; ``errors`` holds every (row, column, message)."""

    def __init__(self, errors: Iterable[RowError]) -> None:
        self.errors = list(errors)
        super().__init__([_format_error(e) for e in self.errors] or [_("The file cannot be imported.")])


class ImportAlreadyCommitted(ImportRefused):
    """The job was committed already; a second commit would do nothing useful."""

    def __init__(self) -> None:
        super().__init__([RowError(None, "", _("This import has already been committed."))])


def _format_error(error: RowError) -> str:
    if error.row is None:
        return error.message
    if error.column:
        return _("Row {}, {}: {}").format(error.row, error.column, error.message)
    return _("Row {}: {}").format(error.row, error.message)


def _file_name(upload: Any) -> str:
    name = str(getattr(upload, "name", "") or "")
    return name.replace("\\", "/").rsplit("/", 1)[-1][:255]


@service
def import_preview(*, actor: Any, spec: ImportSpec | type[ImportSpec] | str, upload: Any) -> ImportJob:
    """Check an upload and keep it as a job to preview; nothing else is written.

    A file that is too large, not an XLSX workbook or without the template's headers is
    refused (ValidationError) and not kept. Rows with errors are kept, with the errors,
    for the preview.
    """
    spec = _as_spec(spec)
    if not can(actor, Action.ADD, spec.model):
        raise PermissionDenied(_("You do not have permission to import these records."))
    content = read_upload(upload)
    result = parse_workbook(spec, content, actor, file_name=_file_name(upload))
    if result.file_errors:
        raise ValidationError([e.message for e in result.file_errors], code="invalid_file")
    job = ImportJob(
        user=actor,
        spec_key=spec.key,
        file_name=result.file_name,
        content=content,
        status=ImportJobStatus.PREVIEWED,
        summary=result.counts,
        errors=[e.as_dict() for e in result.errors],
    )
    job.save()
    return job


def import_commit(*, actor: Any, job: ImportJob) -> dict[str, int]:
    """Write every row of a previewed job in one transaction; all or nothing.

    Parses the stored file again (the data may have changed since the preview), refuses
    with ``ImportRefused`` when any row has an error, then creates and updates through the
    spec (the model's services: permissions, validation, history), writes one IMPORT
    audit entry and marks the job committed. Returns the counts by action. A refused
    commit writes nothing but the errors on the job (status failed); a job committed
    already is refused with ``ImportAlreadyCommitted``; another user's job is
    ``ImportJob.DoesNotExist``.
    """
    try:
        return _import_write(actor=actor, job=job)
    except ImportAlreadyCommitted:
        raise
    except ImportRefused as exc:
        _import_failed(actor=actor, job=job, errors=exc.errors)
        raise


@service
def _import_write(*, actor: Any, job: ImportJob) -> dict[str, int]:
    job = ImportJob.objects.visible_to(actor).select_for_update().get(pk=job.pk)
    if job.status == ImportJobStatus.COMMITTED:
        raise ImportAlreadyCommitted()
    spec = get_import(job.spec_key)
    if not can(actor, Action.ADD, spec.model):
        raise PermissionDenied(_("You do not have permission to import these records."))
    result = parse_workbook(spec, bytes(job.content), actor, file_name=job.file_name)
    if not result.ok:
        raise ImportRefused(result.errors)
    for row in result.rows:
        try:
            if row.action == CREATE:
                spec.create(actor, row.data)
            elif row.action == UPDATE:
                spec.update(actor, row.obj, row.changes)
        except (ValidationError, PermissionDenied, StaleVersion, ObjectDoesNotExist, IntegrityError) as exc:
            scoped = isinstance(exc, PermissionDenied) and spec.column(spec.scope_column) is not None
            column_of = spec.scope_column if scoped else None
            raise ImportRefused(
                RowError(row.number, spec.label(column_of or name), message)
                for name, message in _messages(exc)
            ) from exc
    counts = result.counts
    job.status = ImportJobStatus.COMMITTED
    job.committed_at = timezone.now()
    job.summary = counts
    job.errors = []
    job.save(update_fields=["status", "committed_at", "summary", "errors"])
    audit_record(
        AuditEvent.IMPORT,
        actor=actor,
        target=job,
        extra={
            "model": spec.model._meta.label,
            "import": spec.key,
            "file_name": job.file_name,
            "rows": len(result.rows),
            **counts,
        },
    )
    return counts


@service
def _import_failed(*, actor: Any, job: ImportJob, errors: list[RowError]) -> None:
    job = ImportJob.objects.visible_to(actor).get(pk=job.pk)
    job.status = ImportJobStatus.FAILED
    job.errors = [e.as_dict() for e in errors]
    job.save(update_fields=["status", "errors"])
