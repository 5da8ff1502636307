"""Base of every business record, change history, shares and the personal-data view log."""

from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from access.choices import Classification
from access.querysets import BusinessQuerySet

from .context import in_service
from .exceptions import WriteOutsideService


class BusinessRecord(models.Model):
    """Abstract base: owner unit, classification, version and who made and changed it.

    Subclasses declare ``access_unit_paths`` (extra unit paths that make a record visible,
    such as assignments), ``personal_fields`` (masked for users without the right),
    ``search_fields`` (folded into ``search_text``) and ``history_fields``.
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
    history_fields: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not in_service():
            raise WriteOutsideService("save() of a business record outside the service layer")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if not in_service():
            raise WriteOutsideService("delete() of a business record outside the service layer")
        return super().delete(*args, **kwargs)

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
    object_id = models.PositiveBigIntegerField()
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


class PersonalDataView(models.Model):
    """Each full view of personal data (DESIGN.md section 6); moves to the audit log later."""

    time = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    user_name = models.CharField(max_length=150)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    fields = models.JSONField(default=list)
    channel = models.CharField(max_length=16)  # detail, api, export
    request_id = models.UUIDField()

    class Meta:
        verbose_name = _("personal data view")
        verbose_name_plural = _("personal data views")
        ordering = ["-time"]

    def __str__(self) -> str:
        return f"{self.user_name} {self.content_type_id}:{self.object_id}"
