"""Base of every business record, change history, shares and the personal-data view log."""

import datetime
from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from access.choices import Classification
from access.querysets import BusinessQuerySet

from .exceptions import WriteOutsideService
from .guards import ServiceWritesModel, ServiceWritesQuerySet

# The levels of a state secret (a register of secret documents names one of these).
SECRET_LEVELS = [(v, label) for v, label in Classification.choices if v != Classification.THUONG]


class BusinessRecord(ServiceWritesModel):
    """Abstract base: owner unit, classification, version and who made and changed it.

    Subclasses declare ``access_unit_paths`` (extra unit paths that make a record visible,
    such as assignments), ``personal_fields`` (masked for users without the right),
    ``search_fields`` (folded into ``search_text``) and ``history_exclude``.
    """

    owner_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("owner unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    classification = models.CharField(
        _("classification"),
        max_length=16,
        choices=Classification.choices,
        default=Classification.THUONG,
        db_index=True,
    )
    classified_on = models.DateField(_("classification date"), null=True, blank=True)
    protection_years = models.PositiveSmallIntegerField(
        _("protection period (years)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("Empty: the legal default (30, 20, 10 years for Top secret, Secret, Confidential)."),
    )
    # Who classified the record at its present level (Law 117/2025: lowering, lifting and
    # extending belong to that authority or its superior). Empty on records classified before
    # this was recorded, and on unclassified ones: the owner unit then stands for it.
    classified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("classified by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    classifying_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("classifying unit"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    search_text = models.TextField(default="", editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = BusinessQuerySet.as_manager()

    access_unit_paths: ClassVar[tuple[str, ...]] = ()
    access_parent: ClassVar[str | None] = None
    personal_fields: ClassVar[tuple[str, ...]] = ()
    search_fields: ClassVar[tuple[str, ...]] = ()
    # Fields history leaves out, each with its reason (``core.history.SKIPPED_FIELDS`` has the
    # ones every model skips); every other field is recorded.
    history_exclude: ClassVar[dict[str, str]] = {}

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        from access.choices import DEFAULT_PROTECTION_YEARS

        limit = DEFAULT_PROTECTION_YEARS.get(self.classification)
        if limit is None and self.protection_years:
            raise ValidationError({"protection_years": _("An unclassified record has no protection period.")})
        if (
            limit is not None
            and self.protection_years is not None
            and not 1 <= self.protection_years <= limit
        ):
            raise ValidationError(
                {
                    "protection_years": _(
                        "The protection period is between 1 and {} years for this level."
                    ).format(limit)
                }
            )

    @property
    def protection_period(self) -> int | None:
        """Years of protection: the set period, or the legal default of the level."""
        from access.choices import DEFAULT_PROTECTION_YEARS

        default = DEFAULT_PROTECTION_YEARS.get(self.classification)
        if default is None:
            return None
        return self.protection_years or default

    @property
    def declassify_on(self) -> datetime.date | None:
        """The date the protection period ends (classification date plus the period)."""
        years = self.protection_period
        if years is None or self.classified_on is None:
            return None
        start = self.classified_on
        try:
            return start.replace(year=start.year + years)
        except ValueError:  # 29 February into a common year
            return start.replace(year=start.year + years, day=28)

    @property
    def is_draft(self) -> bool:
        """Officers may delete their own drafts; models with a workflow say what a draft is."""
        return False


class ChangeAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")


class ObjectChange(models.Model):
    """One create, update or delete with before and after values (NetBox change logging)."""

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user_name = models.CharField(_("username"), max_length=150, blank=True)
    request_id = models.UUIDField(_("request ID"), db_index=True)
    action = models.CharField(_("action"), max_length=16, choices=ChangeAction.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    # Text, so records with any primary key (numbers, role codes) have a history.
    object_id = models.CharField(max_length=64)
    object = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(max_length=255)
    prechange_data = models.JSONField(null=True, blank=True)
    postchange_data = models.JSONField(null=True, blank=True)
    message = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("change history entry")
        verbose_name_plural = _("change history")
        ordering = ["-time", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def changed_fields(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for each field whose value differs."""
        before = self.prechange_data or {}
        after = self.postchange_data or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


class Share(models.Model):
    """A record shared with a unit: that unit's subtree sees it (DESIGN.md 4.1)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    unit = models.ForeignKey("org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "unit"], name="share_unique_per_unit"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} → {self.unit_id}"


class AuditEvent(models.TextChoices):
    """Security events (DESIGN.md 4.2); each has its own type, never free text."""

    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOCKOUT = "lockout", _("Lockout")
    LOGOUT = "logout", _("Logout")
    PASSWORD_CHANGE = "password_change", _("Password change")
    ROLE_CHANGE = "role_change", _("Role change")
    CLEARANCE_CHANGE = "clearance_change", _("Clearance change")
    SECOND_FACTOR_ENABLED = "otp_enabled", _("Second factor enabled")
    SECOND_FACTOR_DISABLED = "otp_disabled", _("Second factor removed")
    SECOND_FACTOR_FAILED = "otp_failed", _("Failed second factor")
    SECURITY_POLICY_CHANGE = "policy_change", _("Security policy change")
    EXPORT = "export", _("Export")
    IMPORT = "import", _("Import")
    CLASSIFIED_VIEW = "classified_view", _("Classified record opened")
    PERSONAL_DATA_VIEW = "personal_data_view", _("Personal data viewed in full")
    CLASSIFICATION_CHANGE = "classification_change", _("Classification change")
    ACCESS_REFUSED = "access_refused", _("Access refused")
    API_TOKEN_CREATED = "api_token_created", _("API token created")
    API_TOKEN_REVOKED = "api_token_revoked", _("API token revoked")


class AppendOnlyQuerySet(models.QuerySet):
    """A log that is only ever appended to: bulk changes are refused, and only the roles in
    ``readers`` read it."""

    log_name = "the log"
    append_with = ""
    readers: frozenset[str] = frozenset()

    def visible_to(self, user) -> "AppendOnlyQuerySet":
        roles = (
            getattr(user, "role_codes", frozenset())
            if getattr(user, "is_authenticated", False)
            else frozenset()
        )
        return self.all() if roles & self.readers else self.none()

    def _refuse(self, hint: str = ""):
        raise WriteOutsideService(f"{self.log_name} is append-only{hint}")

    def update(self, **kwargs):
        self._refuse()

    def delete(self):
        self._refuse()

    def bulk_create(self, *args, **kwargs):
        self._refuse(f"; use {self.append_with}")

    def bulk_update(self, *args, **kwargs):
        self._refuse()


class AuditQuerySet(AppendOnlyQuerySet):
    """Administrators and leadership read the audit log; nobody else does."""

    log_name = "the audit log"
    append_with = "core.audit.audit_record"
    readers = frozenset({"administrator", "leadership"})


class AuditEntry(models.Model):
    """One security event in an append-only, hash-chained log.

    ``entry_hash`` is an HMAC of the entry's canonical content, which includes
    ``prev_hash``; editing, deleting or inserting a row breaks the chain, and
    ``manage.py verify_audit`` finds the first broken entry.
    """

    time = models.DateTimeField(_("time"), db_index=True)
    event = models.CharField(_("event"), max_length=32, choices=AuditEvent.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    actor_name = models.CharField(_("username"), max_length=150, blank=True)
    ip_address = models.CharField(_("IP address"), max_length=45, blank=True)
    request_id = models.UUIDField(_("request ID"), null=True, blank=True)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(max_length=255, blank=True)
    extra = models.JSONField(default=dict, blank=True)
    # Several chains take appends side by side (core.audit): one per AuditHead row. An entry's
    # chain is not in its hash: moving an entry to another chain breaks both chains' links.
    chain = models.PositiveSmallIntegerField(default=0, db_default=0)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-pk"]
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["chain", "id"], name="core_audit_chain_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.pk} {self.event} {self.actor_name}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not getattr(self, "_appending", False):
            raise WriteOutsideService("the audit log is append-only; use core.audit.audit_record")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise WriteOutsideService("the audit log is append-only")


class AuditHead(models.Model):
    """The last hash of one chain (chain ``n`` is the row ``pk = n + 1``); locking the row
    serialises the appends to that chain."""

    last_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return self.last_hash


class ImportJobStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Previewed")
    COMMITTED = "committed", _("Committed")
    FAILED = "failed", _("Failed")


class ImportJobQuerySet(ServiceWritesQuerySet):
    """An import's file is its uploader's working copy: nobody else reads it."""

    def visible_to(self, user) -> "ImportJobQuerySet":
        """The user's own jobs only (administrators included: the audit log records imports)."""
        if not getattr(user, "is_authenticated", False) or getattr(user, "pk", None) is None:
            return self.none()
        return self.filter(user_id=user.pk)


class ImportJob(ServiceWritesModel):
    """One uploaded Excel file: previewed, then committed all at once (core.imports).

    Not a business record: the records it creates or changes carry their own history, and
    the commit writes an IMPORT entry in the audit log. Written only by the services in
    ``core.imports``.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    committed_at = models.DateTimeField(_("committed at"), null=True, blank=True)
    spec_key = models.CharField(_("import type"), max_length=100)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    content = models.BinaryField(_("file content"))
    status = models.CharField(
        _("status"), max_length=16, choices=ImportJobStatus.choices, default=ImportJobStatus.PREVIEWED
    )
    # {"create": n, "update": n, "unchanged": n}
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    # [{"row": n or null, "column": label, "message": text}]
    errors = models.JSONField(_("errors"), default=list, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name or self.spec_key} ({self.pk})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("imports:job", args=[self.pk])


def attachment_upload_to(instance: "Attachment", filename: str) -> str:
    """A random stored name under ``attachments/YYYY/MM/``: the user's file name never reaches the disk.

    ``filename`` is the name the service gives the content (a fixed stem and the extension
    of the detected type); only its extension is kept.
    """
    import posixpath
    import uuid

    from django.utils import timezone

    extension = posixpath.splitext(filename)[1].lower()
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class AttachmentQuerySet(ServiceWritesQuerySet):
    """Attachments are child records: visible exactly when their parent record is."""

    def visible_to(self, user) -> "AttachmentQuerySet":
        """Attachments whose parent is visible to ``user`` through the parent model's ``visible_to``.

        One query finds the parent types present; each adds one subquery on its model's
        rule. A parent type without ``visible_to``, or a deleted parent, hides the file.
        """
        from django.db.models.functions import Cast

        if not getattr(user, "is_authenticated", False):
            return self.none()
        type_ids = sorted(set(self.order_by().values_list("content_type_id", flat=True).distinct()))
        scope = models.Q(pk__in=[])
        for type_id in type_ids:
            model = ContentType.objects.get_for_id(type_id).model_class()
            manager = getattr(model, "_default_manager", None)
            if manager is None or not hasattr(manager, "visible_to"):
                continue
            # object_id is text (any primary key): compare it with the parent's key as text.
            visible = (
                manager.visible_to(user)
                .order_by()
                .annotate(_key=Cast("pk", models.CharField(max_length=64)))
                .values("_key")
            )
            scope |= models.Q(content_type_id=type_id, object_id__in=visible)
        return self.filter(scope)

    def for_parent(self, parent: models.Model) -> "AttachmentQuerySet":
        """The files of one record (which the caller has read through its ``visible_to``)."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(parent._meta.model), object_id=str(parent.pk)
        )

    # Files are added and changed one by one (each has a stored file and a checksum).
    def bulk_create(self, *args, **kwargs):
        raise WriteOutsideService("attachments are added one by one with core.attachments.attachment_add")

    def bulk_update(self, *args, **kwargs):
        raise WriteOutsideService("attachments are not changed in bulk")


class Attachment(ServiceWritesModel):
    """A file (PDF or Word .docx) attached to a business record: instrument, directive, case...

    A child record: it follows its parent's visibility (``AttachmentQuerySet.visible_to``)
    and the parent's change right; adding and removing one is recorded in the parent's
    history. The stored name is random; the user's name is kept only here. Written only by
    the services in ``core.attachments``, which check the content (not the name) first.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    # Text, like ObjectChange, so records with any primary key can hold files.
    object_id = models.CharField(max_length=64)
    parent = GenericForeignKey("content_type", "object_id")
    file_name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=255)
    mime_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    title = models.CharField(_("title"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept when the account is deleted, like ObjectChange.user_name.
    uploaded_by_name = models.CharField(_("username"), max_length=150, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True, db_index=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("attachments:download", args=[self.pk])


class CopyKind(models.TextChoices):
    EXPORT = "export", _("List export")
    REPORT = "report", _("Periodic report")
    DOCUMENT = "document", _("Issued document")
    ATTACHMENT = "attachment", _("Attachment download")
    COPY = "copy", _("Copy by decision")
    LETTER = "letter", _("Draft letter")


class CopyRegisterQuerySet(AppendOnlyQuerySet):
    """Administrators, leadership and coordinators read the copy register; nobody else does."""

    log_name = "the copy register"
    append_with = "core.copies.register_copies"
    readers = frozenset({"administrator", "leadership", "coordinator"})


class CopyRegisterEntry(models.Model):
    """One line of the register of copies of classified content (state-secret rules).

    Each export or report holding records classified Mật or above takes the next copy
    numbers of the year (``first_copy`` .. ``last_copy``), printed on the copies. Lines are
    appended by ``core.copies.register_copies`` and never changed or removed.
    """

    time = models.DateTimeField(_("time"), db_index=True)
    year = models.PositiveSmallIntegerField(_("year"))
    first_copy = models.PositiveIntegerField(_("first copy number"))
    last_copy = models.PositiveIntegerField(_("last copy number"))
    copies = models.PositiveSmallIntegerField(_("number of copies"), default=1)
    kind = models.CharField(_("kind"), max_length=16, choices=CopyKind.choices)
    file_format = models.CharField(_("format"), max_length=8)
    classification = models.CharField(_("classification"), max_length=16, choices=Classification.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    user_name = models.CharField(_("username"), max_length=150, blank=True)
    unit_name = models.CharField(_("unit"), max_length=255, blank=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("records of"), on_delete=models.PROTECT, related_name="+"
    )
    # Text ids of the records in the copy (a report run: its own id).
    object_ids = models.JSONField(_("record ids"), default=list)
    record_count = models.PositiveIntegerField(_("records"), default=0)
    description = models.CharField(_("description"), max_length=500, blank=True)
    # The copy decision (copying register) this copy was made under, when past the cap.
    decision = models.ForeignKey(
        "core.CopyDecision",
        verbose_name=_("copy decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="copy_entries",
    )

    objects = CopyRegisterQuerySet.as_manager()

    class Meta:
        verbose_name = _("copy register entry")
        verbose_name_plural = _("copy register")
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "first_copy"], name="copy_number_unique_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.copy_label} {self.user_name}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not getattr(self, "_appending", False):
            raise WriteOutsideService("the copy register is append-only; use core.copies.register_copies")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise WriteOutsideService("the copy register is append-only")

    @property
    def copy_label(self) -> str:
        """Copy numbers as printed: ``0007/2026`` or ``0007-0009/2026``."""
        if self.last_copy != self.first_copy:
            return f"{self.first_copy:04d}-{self.last_copy:04d}/{self.year}"
        return f"{self.first_copy:04d}/{self.year}"


def copy_target_key(model: type[models.Model], pk: object) -> str:
    """The key a copied record is counted under: ``app_label.model:pk``."""
    return f"{model._meta.label_lower}:{pk}"


class CopiedRecordQuerySet(AppendOnlyQuerySet):
    """Which classified records each copy holds; appended with its register line."""

    log_name = "the copied records"
    append_with = "core.copies.register_copies"
    readers = frozenset({"administrator", "leadership", "coordinator"})


class CopiedRecord(models.Model):
    """One classified record held by one copy-register line: the copies of a record are
    counted here against its cap (the issuing decision's copies, or its unit's limit)."""

    entry = models.ForeignKey(CopyRegisterEntry, on_delete=models.PROTECT, related_name="records")
    target_key = models.CharField(max_length=120, db_index=True)
    copies = models.PositiveSmallIntegerField(default=1)

    objects = CopiedRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("copied record")
        verbose_name_plural = _("copied records")

    def __str__(self) -> str:
        return f"{self.entry_id} {self.target_key}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not getattr(self, "_appending", False):
            raise WriteOutsideService("the copy register is append-only; use core.copies.register_copies")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise WriteOutsideService("the copy register is append-only")


class CopyDecision(BusinessRecord):
    """A line of the copying register (sổ quản lý sao, chụp bí mật nhà nước, form 12 of
    Circular 24/2020/TT-BCA): who authorised how many copies of which document, for what.

    Past a record's cap (the copies its issuing decision permitted, or its unit's limit) a
    further copy needs such a decision; its copies take numbers from the copy register
    (``CopyRegisterEntry.decision``). Entries are never edited: a correction is a new entry
    naming the old one in ``corrects``. Its own level is Thường: ``level`` is the document's.
    """

    decided_on = models.DateField(_("date of the decision"))
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("authorised by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    authorised_by_name = models.CharField(_("authorised by"), max_length=150, editable=False)
    authoriser_title = models.CharField(_("title of who authorised"), max_length=150)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+", editable=False)
    target_id = models.PositiveBigIntegerField(editable=False)
    target = GenericForeignKey("target_type", "target_id")
    target_key = models.CharField(max_length=120, db_index=True, editable=False)
    target_label = models.CharField(_("document"), max_length=300, editable=False)
    level = models.CharField(_("level of the document"), max_length=16, choices=SECRET_LEVELS)
    copies = models.PositiveSmallIntegerField(
        _("number of copies"), validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    purpose = models.CharField(_("purpose"), max_length=500)
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrected_by",
    )

    search_fields: ClassVar[tuple[str, ...]] = ("target_label", "authorised_by_name", "purpose")

    class Meta:
        verbose_name = _("copy decision")
        verbose_name_plural = _("copying register")
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.target_label} — {self.copies} ({self.decided_on})"[:300]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("reports:copydecision", args=[self.pk])

    @property
    def edit_locked(self) -> bool:
        return True

    @property
    def copy_numbers(self) -> str:
        """The copy numbers taken under this decision, as printed."""
        # .all() then sorted: a list prefetches the entries of every decision at once.
        return ", ".join(e.copy_label for e in sorted(self.copy_entries.all(), key=lambda e: e.pk))


class UnitCopyLimit(ServiceWritesModel):
    """How many copies of one of its classified records that were never issued a unit allows
    without a copy decision (default 1); set by the unit's head (``core.copies``)."""

    unit = models.OneToOneField(
        "org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    limit = models.PositiveSmallIntegerField(
        _("copies without a decision"), default=1, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    objects = ServiceWritesQuerySet.as_manager()

    class Meta:
        verbose_name = _("copy limit of a unit")
        verbose_name_plural = _("copy limits of units")

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.limit}"
