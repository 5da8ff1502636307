"""File attachments of business records: check the upload, store it, list it, serve it.

A record (instrument, directive, case, event...) holds files through ``core.Attachment``,
a generic child: whoever sees the parent (its model's ``visible_to``) sees and downloads
its files; whoever may change the parent (``can(..., Action.CHANGE, parent)``) adds and
removes them. Adding and removing are recorded in the parent's history.

Only PDF and Word (.docx) files are accepted, recognised by their content: the name and
the browser's content type are not trusted, and the stored name is random. A detail page
shows the files with ``attachments_context`` and ``core/partials/attachments.html``
(see docs/attachments.md).
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import unicodedata
import zipfile
import zlib
from typing import IO, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.base import File
from django.db import models, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from access.registry import registry
from access.rules import Action, can

from .exceptions import PermissionDenied, ValidationError
from .history import ChangeAction, record_change, snapshot
from .models import Attachment
from .services import service

__all__ = [
    "ACCEPT",
    "DOCX",
    "PDF",
    "HiddenRecord",
    "attachment_add",
    "attachment_for",
    "attachment_remove",
    "attachments_context",
    "check_upload",
    "max_upload_bytes",
    "parent_for",
]

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx"}
# The file input's hint to the browser; the server checks the content regardless.
ACCEPT = ".pdf,.docx"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A .docx is a zip of XML; text compresses well, but not a hundredfold (a zip bomb does).
MAX_EXPANSION = 100
CHUNK = 64 * 1024

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
# Programs and scripts, refused with a message that says so.
PROGRAM_MAGICS = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"#!")


def max_upload_bytes() -> int:
    """The size limit of one file (setting ``HOPTAC_UPLOAD_MAX_BYTES``, 20 MB by default)."""
    return int(getattr(settings, "HOPTAC_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{round(size / (1024 * 1024), 1):g} MB"
    return f"{round(size / 1024, 1):g} KB"


def _as_file(file: Any) -> IO[bytes]:
    if isinstance(file, bytes | bytearray | memoryview):
        return io.BytesIO(bytes(file))
    return file


def _size_of(handle: IO[bytes]) -> int:
    size = getattr(handle, "size", None)
    if size is not None:
        return int(size)
    handle.seek(0, io.SEEK_END)
    size = handle.tell()
    handle.seek(0)
    return size


def _display_name(file: Any) -> str:
    """The user's file name without any folder part (browsers on Windows may send one)."""
    name = str(getattr(file, "name", "") or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    return name.strip()[:200]


def check_upload(file: Any) -> tuple[str, str]:
    """The detected type and its extension (``".pdf"`` or ``".docx"``) of an acceptable upload.

    The content decides, never the name or the browser's content type: a PDF starts with
    ``%PDF-``; a Word document is a zip holding ``[Content_Types].xml`` and
    ``word/document.xml``, without macros. Anything else, an empty file and a file over
    ``max_upload_bytes()`` are refused with ``ValidationError`` and a message for the user.
    """
    handle = _as_file(file)
    name = _display_name(file) or "file"  # bytes given by code carry no name
    limit = max_upload_bytes()
    size = _size_of(handle)
    if size > limit:
        raise ValidationError(
            _("“{}” is larger than {}, the limit for one file.").format(name, _size_text(limit)),
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("“{}” is empty.").format(name), code="empty")
    handle.seek(0)
    head = handle.read(8)
    handle.seek(0)
    if head.startswith(PDF_MAGIC):
        _check_pdf(handle, name)
        return PDF, EXTENSIONS[PDF]
    if head.startswith(ZIP_MAGIC) and _is_docx(handle, name, limit):
        return DOCX, EXTENSIONS[DOCX]
    if head.startswith(PROGRAM_MAGICS):
        raise ValidationError(
            _(
                "“{}” is a program, not a document, whatever its name says. "
                "Only PDF and Word (.docx) files are accepted."
            ).format(name),
            code="program",
        )
    raise ValidationError(
        _(
            "“{}” is not a PDF or Word (.docx) document: its content was checked, not its name. "
            "Only PDF and Word (.docx) files are accepted."
        ).format(name),
        code="unsupported",
    )


# Keys and action types that make a PDF do something when opened or clicked: scripts,
# launching programs, sending or importing data, embedded files and rich media, XFA forms
# (which carry scripts). Names are compared after pypdf decodes them (/J#61vaScript).
ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/AA", "/OpenAction", "/Launch", "/EmbeddedFiles", "/EF", "/RichMedia", "/XFA"}
)
ACTIVE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/GoToE",
        "/GoToR",
        "/RichMediaExecute",
        "/Rendition",
        "/Sound",
        "/Movie",
    }
)
ACTIVE_TYPES = frozenset({"/EmbeddedFile", "/Filespec", "/RichMediaContent"})
MAX_PDF_OBJECTS = 200_000


def _check_pdf(handle: IO[bytes], name: str) -> None:
    """Refuse a PDF with active content, or one that cannot be read as a PDF.

    The file is parsed with pypdf (object streams and escaped names included) and every
    object reachable from its trailer is inspected: a script, an automatic or additional
    action, a launch, submit or import action, an embedded file, rich media or an XFA form
    refuses the file (docs/attachments.md says why refusing, not cleaning). A document
    whose outline or link goes to a page of its own (``/GoTo``, ``/URI``) is accepted.
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    unreadable = ValidationError(
        _("“{}” cannot be read as a PDF document; save it again as PDF and upload that.").format(name),
        code="unreadable",
    )
    active = ValidationError(
        _(
            "“{}” contains active content (scripts, automatic actions, links that start programs or "
            "send data, or embedded files), which is not accepted. Print or export it again to a "
            "plain PDF and upload that."
        ).format(name),
        code="active_content",
    )
    handle.seek(0)
    try:
        reader = PdfReader(handle, strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("“{}” is protected by a password; remove the protection and upload it again.").format(name),
                code="encrypted",
            )
        found = _pdf_has_active_content(reader.trailer)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError) as exc:
        raise unreadable from exc
    finally:
        handle.seek(0)
    if found:
        raise active


def _pdf_has_active_content(trailer: Any) -> bool:
    """Walk every object reachable from the trailer, each indirect object once."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [trailer]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > MAX_PDF_OBJECTS:
                raise ValueError("too many objects")
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            if ACTIVE_KEYS.intersection(str(k) for k in item):
                return True
            for field in ("/S", "/Type", "/Subtype"):
                value = item.get(field)
                if isinstance(value, NameObject) and (value in ACTIVE_ACTIONS or value in ACTIVE_TYPES):
                    return True
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return False


def _is_docx(handle: IO[bytes], name: str, limit: int) -> bool:
    """A Word document without macros; a macro-enabled one (.docm) is refused outright."""
    too_large = ValidationError(
        _("“{}” unpacks to far more than its size; it cannot be accepted.").format(name), code="too_large"
    )
    try:
        with zipfile.ZipFile(handle) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                return False
            # Before reading anything: a zip bomb expands a little file into gigabytes.
            if sum(info.file_size for info in infos) > limit * MAX_EXPANSION:
                raise too_large
            with archive.open("[Content_Types].xml") as part:
                content_types = part.read(200_000).lower()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        OSError,
        ValueError,
        KeyError,
        EOFError,
        RuntimeError,  # an encrypted part
        NotImplementedError,  # a compression method Word never uses
    ):
        return False
    finally:
        handle.seek(0)
    if any(n.lower().endswith("vbaproject.bin") for n in names) or b"macroenabled" in content_types:
        raise ValidationError(
            _(
                "“{}” is a Word document with macros (.docm), which may run code. "
                "Save it as a Word document (.docx) without macros and upload it again."
            ).format(name),
            code="macros",
        )
    return True


def _stored_name(name: str, extension: str) -> str:
    """The user's name with the extension of the detected type (a PDF named "scan" is "scan.pdf")."""
    stem, current = posixpath.splitext(name)
    if current.lower() == extension:
        return name
    if current.lower() in (".pdf", ".docx", ".doc", ".docm", ""):
        name = stem
    return (name or "file") + extension


def _checksum(handle: IO[bytes]) -> str:
    digest = hashlib.sha256()
    handle.seek(0)
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest()


# --- Reads --------------------------------------------------------------------------------


class HiddenRecord(ObjectDoesNotExist):
    """The record (or the file's record) is missing or hidden from the user: answer 404.

    ``model`` and ``pk`` name the record when the request named one, so that a view can
    audit the refused access as the generic views do (``core.audit.audit_refused``).
    """

    def __init__(self, model: type[models.Model] | None = None, pk: Any = None) -> None:
        super().__init__("record not found or hidden")
        self.model = model
        self.pk = pk


def _parent_model(content_type_id: Any) -> type[models.Model]:
    """A registered business model (other models hold no files), or HiddenRecord."""
    try:
        model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
    except (ContentType.DoesNotExist, ValueError, TypeError):
        raise HiddenRecord from None
    entry = registry.get(model) if model is not None else None
    if entry is None or entry.kind != "business":
        raise HiddenRecord
    return model


def parent_for(user: Any, content_type_id: Any, object_id: Any) -> models.Model:
    """The record through its model's ``visible_to``; HiddenRecord when hidden or missing (404)."""
    model = _parent_model(content_type_id)
    try:
        return model._default_manager.visible_to(user).get(pk=object_id)
    except (model.DoesNotExist, ValueError, TypeError, ValidationError):
        raise HiddenRecord(model, object_id) from None


def attachment_for(user: Any, pk: Any) -> tuple[Attachment, models.Model]:
    """An attachment and its parent, when the parent is visible to ``user``; else HiddenRecord.

    Two queries: the attachment row, then its parent through the parent model's
    ``visible_to`` (the same rule as ``Attachment.objects.visible_to``).
    """
    try:
        attachment = Attachment.objects.filter(pk=pk).first()
    except (ValueError, TypeError):
        attachment = None
    if attachment is None:
        raise HiddenRecord
    return attachment, parent_for(user, attachment.content_type_id, attachment.object_id)


def attachments_context(request: HttpRequest, obj: models.Model) -> dict[str, Any]:
    """Context of ``core/partials/attachments.html`` for a record's detail page, in one query.

    ``obj`` must have been read through its model's ``visible_to`` (as the generic detail
    view does); the files are then visible too. Merge the result into the page's context,
    e.g. from the viewset's ``detail_extra``.
    """
    user = request.user
    may_change = can(user, Action.CHANGE, obj) and not getattr(obj, "files_locked", False)
    content_type = ContentType.objects.get_for_model(obj._meta.model)
    items = list(Attachment.objects.for_parent(obj).select_related("uploaded_by"))
    for item in items:
        item.uploaded_by_display = str(item.uploaded_by) if item.uploaded_by else item.uploaded_by_name
    return {
        "attachments": {
            "items": items,
            "can_change": may_change,
            "add_url": reverse("attachments:add", args=[content_type.pk, obj.pk]) if may_change else None,
            "accept": ACCEPT,
            "max_bytes": max_upload_bytes(),
        }
    }


# --- Writes -------------------------------------------------------------------------------


def _current_parent(actor: Any, model: type[models.Model], pk: Any) -> models.Model:
    """The parent re-read through ``visible_to`` (DoesNotExist if hidden), and the change right."""
    manager = model._default_manager
    if not hasattr(manager, "visible_to"):
        raise PermissionDenied(_("Files cannot be attached to this kind of record."))
    current = manager.visible_to(actor).filter(pk=pk).first()
    if current is None:
        raise model.DoesNotExist
    if not can(actor, Action.CHANGE, current):
        raise PermissionDenied(_("You do not have permission to change the files of this record."))
    if getattr(current, "files_locked", False):
        # An approved report is locked, its evidence with it.
        raise PermissionDenied(_("The files of this record are locked."))
    return current


@service
def attachment_add(
    *, actor: Any, parent: models.Model, file: Any, title: str = "", description: str = ""
) -> Attachment:
    """Attach a checked PDF or Word file to ``parent``: stored under a random name, with its checksum.

    Requires that the parent is visible to the actor (else the parent model's DoesNotExist)
    and that the actor may change it (else PermissionDenied); a refused file raises
    ValidationError and nothing is stored. The parent's history records the new file.
    """
    current = _current_parent(actor, parent._meta.model, parent.pk)
    handle = _as_file(file)
    mime_type, extension = check_upload(file)
    name = _stored_name(_display_name(file), extension)
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(current._meta.model),
        object_id=str(current.pk),
        file_name=name,
        mime_type=mime_type,
        size=_size_of(handle),
        sha256=_checksum(handle),
        title=title.strip(),
        description=description.strip(),
        uploaded_by=actor if getattr(actor, "pk", None) else None,
        uploaded_by_name=getattr(actor, "username", "") or "system",
    )
    attachment.full_clean(exclude=["file"])
    # The stored name comes from upload_to (random); this one only carries the extension.
    content = handle if isinstance(handle, File) else File(handle)
    attachment.file.save("upload" + extension, content, save=False)
    try:
        attachment.save()
        state = snapshot(current)
        record_change(
            action=ChangeAction.UPDATE,
            obj=current,
            before=state,
            after=state,
            actor=actor,
            message=_("File added: {}").format(name),
        )
    except BaseException:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@service
def attachment_remove(*, actor: Any, attachment: Attachment) -> None:
    """Remove a file from its record; the stored file is deleted once the removal commits.

    Same rights as adding: the parent visible (else DoesNotExist) and changeable (else
    PermissionDenied). The parent's history records the removal.
    """
    current_attachment = Attachment.objects.select_for_update().filter(pk=attachment.pk).first()
    if current_attachment is None:
        raise Attachment.DoesNotExist
    model = ContentType.objects.get_for_id(current_attachment.content_type_id).model_class()
    if model is None:
        raise Attachment.DoesNotExist
    parent = _current_parent(actor, model, current_attachment.object_id)
    state = snapshot(parent)
    record_change(
        action=ChangeAction.UPDATE,
        obj=parent,
        before=state,
        after=state,
        actor=actor,
        message=_("File removed: {}").format(current_attachment.file_name),
    )
    storage, name = current_attachment.file.storage, current_attachment.file.name
    current_attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
