"""Attachment pages: add a file to a record, download it, remove it (core.attachments).

The parent record decides everything: hidden from the user is 404 (and audited as a
refused access, like the generic views); visible without the right to change it is 403
for adding and removing. Downloads of a classified record's file are audited as opens of
the record with the channel "download". Files are served only here, never from MEDIA_URL.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import models
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from access.rules import Action, can

from .attachments import ACCEPT, attachment_add, attachment_for, attachment_remove, parent_for
from .audit import audit_opened, audit_refused
from .copies import CopyKind, CopyTarget, needs_copy_number, register_copies
from .exceptions import ValidationError
from .models import Attachment, copy_target_key

logger = logging.getLogger(__name__)


class AttachmentForm(forms.Form):
    """The upload form of the partial; the file itself is checked by ``check_upload``."""

    # An empty file reaches check_upload, which names it in its message.
    file = forms.FileField(
        label=gettext_lazy("File (PDF or Word .docx)"),
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    title = forms.CharField(label=gettext_lazy("title"), max_length=255, required=False)


def _not_found(request: HttpRequest, exc: ObjectDoesNotExist) -> Http404:
    """404; a record that exists but is hidden is audited as a refused access."""
    model = getattr(exc, "model", None)
    if model is not None:
        audit_refused(request.user, model, exc.pk, "hidden")
    return Http404()


def _require(request: HttpRequest, action: str, parent: models.Model) -> None:
    if not can(request.user, action, parent):
        audit_refused(request.user, parent._meta.model, parent.pk, str(action))
        raise DjangoPermissionDenied


def _attachment(request: HttpRequest, pk: int) -> tuple[Attachment, models.Model]:
    try:
        return attachment_for(request.user, pk)
    except ObjectDoesNotExist as exc:
        raise _not_found(request, exc) from None


@login_required
@require_POST
def add(request: HttpRequest, content_type_id: int, object_id: str) -> HttpResponse:
    """Attach the uploaded file to the record, then back to the record with a message."""
    try:
        parent = parent_for(request.user, content_type_id, object_id)
    except ObjectDoesNotExist as exc:
        raise _not_found(request, exc) from None
    _require(request, Action.CHANGE, parent)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        if "file" in form.errors:
            messages.error(request, _("Choose a PDF or Word (.docx) file to upload."))
        else:
            messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return HttpResponseRedirect(parent.get_absolute_url())
    try:
        attachment = attachment_add(
            actor=request.user,
            parent=parent,
            file=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except ObjectDoesNotExist:
        raise Http404 from None
    else:
        messages.success(request, _("File added: {}").format(attachment.file_name))
    return HttpResponseRedirect(parent.get_absolute_url())


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    """The stored file as a download under its original name; classified opens are audited."""
    attachment, parent = _attachment(request, pk)
    _require(request, Action.VIEW, parent)
    try:
        handle = attachment.file.open("rb")
    except OSError:
        logger.error("stored file %s of attachment %s is missing", attachment.file.name, attachment.pk)
        raise Http404 from None
    audit_opened(request.user, parent, "download")
    entry = None
    level = getattr(parent, "classification", None)
    if needs_copy_number(level):
        # A download of a classified record's file is a numbered copy, capped like any other
        # (core.copies): past the cap it is refused with the reason (403).
        try:
            entry = register_copies(
                actor=request.user,
                model=Attachment,
                ids=[attachment.pk],
                classification=level,
                kind=CopyKind.ATTACHMENT,
                file_format=attachment.file_name.rsplit(".", 1)[-1][:8].lower(),
                description=attachment.file_name,
                targets=[
                    CopyTarget(
                        key=copy_target_key(Attachment, attachment.pk),
                        label=attachment.file_name[:300],
                        unit_id=getattr(parent, "owner_unit_id", None),
                    )
                ],
            )
        except DjangoPermissionDenied:
            handle.close()
            raise
    body = handle
    if entry is not None and attachment.mime_type == "application/pdf":
        body = _stamped(handle, attachment, entry)
    response = FileResponse(
        body, as_attachment=True, filename=attachment.file_name, content_type=attachment.mime_type
    )
    if entry is not None:
        response["X-Copy-Number"] = entry.copy_label
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _stamped(handle: Any, attachment: Attachment, entry: Any) -> Any:
    """A classified PDF with its level and copy number stamped on its first page
    (``core.markings.mark_pdf``); a file pypdf cannot rewrite (it was checked on upload, so
    this is not expected) is served as stored, with its copy number in the register and the
    ``X-Copy-Number`` header only, and the failure logged."""
    from .markings import mark_pdf, marking_for

    with handle:
        content = handle.read()
    try:
        return io.BytesIO(mark_pdf(content, marking_for(None, entry)))
    except Exception:  # any failure to rewrite: serve as today rather than refuse the copy
        logger.exception(
            "attachment %s could not be stamped; served with its copy number in the header", attachment.pk
        )
        return io.BytesIO(content)


@login_required
@require_POST
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove the file from its record (the stored file goes once the removal commits)."""
    attachment, parent = _attachment(request, pk)
    _require(request, Action.CHANGE, parent)
    try:
        attachment_remove(actor=request.user, attachment=attachment)
    except ObjectDoesNotExist:
        raise Http404 from None
    messages.success(request, _("File removed: {}").format(attachment.file_name))
    return HttpResponseRedirect(parent.get_absolute_url())
