"""A report run: one periodic Word report and its Excel annex, generated in the background;
the outgoing-document register: every document a unit issues, with its number and symbol."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.guards import ServiceWritesModel, ServiceWritesQuerySet
from core.models import SECRET_LEVELS, BusinessRecord

from .choices import DocumentType, IncidentKind, PeriodKind, ReportKind, RunStatus


class ReportRun(BusinessRecord):
    """A periodic report for a period and a scope, counted as the requesting user sees.

    Its classification is at least the highest level of the records it counted (set when
    generated). The figures are kept in ``facts`` so the files can be rebuilt with a copy
    number printed on each classified copy; ``docx`` and ``xlsx`` hold the generated files.
    """

    title = models.CharField(_("title"), max_length=300, blank=True)
    # A yearly state-secrets report is a run too, so that it issues through the outgoing
    # register like the periodic reports; its counts are frozen in ``facts`` when issued.
    report_kind = models.CharField(
        _("kind of report"),
        max_length=8,
        choices=ReportKind.choices,
        default=ReportKind.ACTIVITY,
        editable=False,
    )
    period_kind = models.CharField(
        _("period"), max_length=8, choices=PeriodKind.choices, default=PeriodKind.YEAR
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    period = models.PositiveSmallIntegerField(
        _("month or quarter"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("1-12 for a month, 1-4 for a quarter."),
    )
    year_to = models.PositiveSmallIntegerField(
        _("to year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Last year of a several-year review (2021-2025, say)."),
    )
    start_on = models.DateField(_("from"), null=True, blank=True)
    end_on = models.DateField(_("to"), null=True, blank=True)
    scope_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("scope"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("A unit and its subtree; empty: the whole ministry (as far as you may see)."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED, editable=False
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0, editable=False)
    message = models.CharField(_("message"), max_length=500, blank=True, editable=False)
    data_as_of = models.DateField(_("data as of"), null=True, blank=True, editable=False)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True, editable=False)
    facts = models.JSONField(_("figures"), default=dict, blank=True, editable=False)
    docx = models.BinaryField(_("Word document"), null=True, blank=True, editable=False)
    xlsx = models.BinaryField(_("Excel annex"), null=True, blank=True, editable=False)

    search_fields: ClassVar[tuple[str, ...]] = ("title",)
    history_exclude: ClassVar[dict[str, str]] = {
        "progress": "the generation job's progress while it runs",
        "message": "the generation job's last message while it runs",
        "facts": "the figures computed by the generation, kept as the document's content",
        "docx": "the generated Word document (a file, downloaded with its own audit entry)",
        "xlsx": "the generated Excel annex (a file, downloaded with its own audit entry)",
    }

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:reportrun", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)

    @property
    def edit_locked(self) -> bool:
        """An issued report cannot change: it is replaced by a new issue (Decree 30/2020)."""
        if self.pk is None:
            return False
        if not hasattr(self, "_issued"):
            self._issued = IssuedDocument.objects.filter(
                source_type=ContentType.objects.get_for_model(ReportRun), source_id=self.pk
            ).exists()
        return self._issued


class IssuedDocument(BusinessRecord):
    """One line of a unit's outgoing-document register (sổ đăng ký văn bản đi).

    A document gets its number when it is issued, never while it is a draft: numbers run
    from 01 each 1 January per issuing unit (``owner_unit``), and documents classified Mật or
    above take theirs from a sequence of their own (Decree 30/2020/NĐ-CP, Art. 15(2)). The
    source (a report run, a cooperation case for its request letter) is a generic link, so
    every kind of generated document issues through ``services.document_issue``. An issued
    document is never edited: a new issue replaces it and names it in ``replaces``. The Word
    file is frozen at issue, with its number printed.
    """

    doc_type = models.CharField(_("document type"), max_length=8, choices=DocumentType.choices)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    secret_sequence = models.BooleanField(
        _("secret sequence"),
        default=False,
        editable=False,
        help_text=_("Numbered in the sequence of documents classified Mật or above."),
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    symbol = models.CharField(_("number and symbol"), max_length=80, editable=False)
    issued_on = models.DateField(_("date of issue"), editable=False)
    summary = models.CharField(_("document summary"), max_length=500)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signer"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as written at issue: the register must read the same after the account changes.
    signer_name = models.CharField(_("signer's name"), max_length=150, editable=False)
    signer_title = models.CharField(_("signer's title"), max_length=150)
    recipients = models.JSONField(
        _("recipients"),
        default=list,
        help_text=_('"Nơi nhận": each recipient with its number of copies.'),
    )
    copies = models.PositiveIntegerField(_("copies issued"), default=0, editable=False)
    drafter_code = models.CharField(
        _("drafter's code"),
        max_length=20,
        help_text=_('The initials of the person who drafted it, printed after "Lưu: VT".'),
    )
    copying_permitted = models.BooleanField(_("copying permitted"), default=False)
    # A request letter prints its persons' personal data when its issuer saw them in full:
    # the frozen file is then downloaded only by those who may see them (audited).
    personal_data = models.BooleanField(_("holds personal data"), default=False, editable=False)
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False, db_index=True)
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField(_("source"), max_length=300, blank=True, editable=False)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        editable=False,
    )
    docx = models.BinaryField(_("Word document"), null=True, blank=True, editable=False)

    search_fields: ClassVar[tuple[str, ...]] = ("symbol", "summary", "signer_name", "source_label")
    history_exclude: ClassVar[dict[str, str]] = {
        "docx": "the issued Word document (a file, downloaded with its own audit entry)",
    }

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-year", "-issued_on", "-number", "-pk"]
        constraints = [
            # The last guard behind the locked counter: one number per unit, year and sequence.
            models.UniqueConstraint(
                fields=["owner_unit", "year", "secret_sequence", "number"], name="issued_number_unique"
            ),
        ]
        indexes = [models.Index(fields=["source_type", "source_id"], name="issued_source_idx")]

    def __str__(self) -> str:
        return f"{self.symbol} {self.summary}"[:300]

    def get_absolute_url(self) -> str:
        return reverse("reports:issueddocument", args=[self.pk])

    @property
    def edit_locked(self) -> bool:
        return True

    @property
    def is_replaced(self) -> bool:
        return hasattr(self, "replaced_by")

    @property
    def recipients_text(self) -> str:
        """ "Nơi nhận" as the register reads it: each recipient with its copies."""
        return "; ".join(
            "{} ({})".format(r.get("name", ""), r.get("copies", 1)) for r in self.recipients or []
        )


class DocumentCounter(ServiceWritesModel):
    """The last number a unit gave in a year and sequence; its row is locked while issuing,
    so two people issuing at once wait for each other instead of taking the same number."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    secret_sequence = models.BooleanField(default=False)
    last_number = models.PositiveIntegerField(default=0)

    objects = ServiceWritesQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "secret_sequence"], name="document_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year} {self.last_number}"


class RegisterCounter(ServiceWritesModel):
    """The last number a unit gave in a register and a year; locked while numbering, so two
    clerks entering at once never take the same number."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    register = models.CharField(max_length=16)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    objects = ServiceWritesQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "register", "year"], name="register_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.register} {self.year} {self.last_number}"


class SecretRegisterEntry(BusinessRecord):
    """Common ground of the registers of secret documents: append-only lines of a unit.

    A line is never edited or deleted; a correction is a new line that names the one it
    corrects. The line itself is Thường (it is read by the unit's clerks and heads): the
    document's level is ``level``, and what the document says (its subject) is shown only
    to readers cleared for that level.
    """

    level = models.CharField(_("level"), max_length=16, choices=SECRET_LEVELS)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        abstract = True

    @property
    def edit_locked(self) -> bool:
        return True


class ReceivedSecretDocument(SecretRegisterEntry):
    """A line of the register of secret documents received (sổ đăng ký bí mật nhà nước đến,
    form 15 of Circular 24/2020/TT-BCA), numbered per receiving unit from 1 each year."""

    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("number received"), editable=False)
    received_on = models.DateField(_("date received"))
    sender = models.CharField(_("sender"), max_length=300, help_text=_("The body that issued or sent it."))
    doc_symbol = models.CharField(_("number and symbol"), max_length=80)
    doc_date = models.DateField(_("date of the document"))
    subject = models.CharField(
        _("subject"), max_length=500, help_text=_("Shown only to readers cleared for the document's level.")
    )
    copies = models.PositiveSmallIntegerField(
        _("number of copies"), default=1, validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    received_by_name = models.CharField(_("received by"), max_length=150, editable=False)
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrected_by",
    )

    # The subject is not searched: a reader below the level must not find the line by it.
    search_fields: ClassVar[tuple[str, ...]] = ("doc_symbol", "sender", "received_by_name")
    history_exclude: ClassVar[dict[str, str]] = {
        "subject": "shown only to readers cleared for the level; a line never changes, so its "
        "history would only repeat it to readers who may not see it",
    }

    class Meta:
        verbose_name = _("secret document received")
        verbose_name_plural = _("secret documents received")
        ordering = ["-year", "-number", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["owner_unit", "year", "number"], name="received_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number}/{self.year} {self.doc_symbol} ({self.sender})"[:300]

    def get_absolute_url(self) -> str:
        return reverse("reports:receivedsecretdocument", args=[self.pk])

    @property
    def label(self) -> str:
        return f"{self.doc_symbol} ({self.sender})"


class SecretHandOver(SecretRegisterEntry):
    """A line of the hand-over register (sổ chuyển giao bí mật nhà nước, form 16 of Circular
    24/2020/TT-BCA): who gave which document and copies to whom, when. The recipient's
    confirmation in the system is the signature; until then the hand-over is pending."""

    received_document = models.ForeignKey(
        ReceivedSecretDocument,
        verbose_name=_("document received"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handovers",
    )
    issued_document = models.ForeignKey(
        IssuedDocument,
        verbose_name=_("document issued"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handovers",
    )
    document_label = models.CharField(_("document"), max_length=300, editable=False)
    copy_numbers = models.CharField(_("copy numbers"), max_length=100, blank=True)
    copies = models.PositiveSmallIntegerField(
        _("number of copies"), default=1, validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    handed_at = models.DateTimeField(_("handed over at"), editable=False)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    given_by_name = models.CharField(_("given by"), max_length=150, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipient_name = models.CharField(_("recipient"), max_length=150, editable=False)
    recipient_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("recipient's unit"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, editable=False)
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrected_by",
    )

    # The recipient's unit sees the line (its pending list) as well as the giver's.
    access_unit_paths = ("recipient_unit",)
    search_fields: ClassVar[tuple[str, ...]] = (
        "document_label",
        "given_by_name",
        "recipient_name",
        "copy_numbers",
    )

    class Meta:
        verbose_name = _("secret document hand-over")
        verbose_name_plural = _("secret document hand-overs")
        ordering = ["-handed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.document_label} → {self.recipient_name}"[:300]

    def get_absolute_url(self) -> str:
        return reverse("reports:secrethandover", args=[self.pk])

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class SecretDestruction(SecretRegisterEntry):
    """A destruction of secret documents or copies: the decision (number, date, who
    decided), the document and copy numbers, the date and who carried it out (Law 117/2025;
    the record of destruction, biên bản tiêu hủy, of the implementing rules)."""

    decision_number = models.CharField(_("decision number"), max_length=80)
    decision_date = models.DateField(_("date of the decision"))
    decided_by = models.CharField(_("decided by"), max_length=200, help_text=_("Name and title."))
    received_document = models.ForeignKey(
        ReceivedSecretDocument,
        verbose_name=_("document received"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="destructions",
    )
    issued_document = models.ForeignKey(
        IssuedDocument,
        verbose_name=_("document issued"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="destructions",
    )
    document_label = models.CharField(_("document"), max_length=300, editable=False)
    copy_numbers = models.CharField(_("copy numbers"), max_length=100, blank=True)
    copies = models.PositiveSmallIntegerField(
        _("number of copies"), default=1, validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    destroyed_on = models.DateField(_("date of destruction"))
    carried_out_by = models.CharField(_("carried out by"), max_length=300)
    method = models.CharField(_("method"), max_length=200, blank=True)
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrected_by",
    )

    search_fields: ClassVar[tuple[str, ...]] = (
        "decision_number",
        "document_label",
        "carried_out_by",
        "decided_by",
    )

    class Meta:
        verbose_name = _("destruction of secret documents")
        verbose_name_plural = _("destructions of secret documents")
        ordering = ["-destroyed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.decision_number} {self.document_label}"[:300]

    def get_absolute_url(self) -> str:
        return reverse("reports:secretdestruction", args=[self.pk])


class SecretIncident(SecretRegisterEntry):
    """A loss or disclosure of a state secret (Law 117/2025: reported at once to the unit
    responsible for protecting state secrets, ``settings.HOPTAC_SECRETS_PROTECTION_UNIT``).

    Append-only like the registers: a correction is a new line naming the one it corrects.
    It counts in the yearly state-secrets report of the year window holding ``occurred_on``.
    """

    occurred_on = models.DateField(_("date of the incident"))
    kind = models.CharField(_("kind of incident"), max_length=16, choices=IncidentKind.choices)
    document_ref = models.CharField(
        _("record or document"),
        max_length=300,
        help_text=_("The number and symbol of the document, or the record, that was lost or disclosed."),
    )
    description = models.TextField(_("what happened"), max_length=4000)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    reported_by_name = models.CharField(_("reported by"), max_length=150, editable=False)
    reported_to = models.ForeignKey(
        "org.Unit",
        verbose_name=_("reported to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrected_by",
    )

    # The protection unit reads the incidents reported to it, as well as the reporting unit.
    access_unit_paths = ("reported_to",)
    search_fields: ClassVar[tuple[str, ...]] = ("document_ref", "reported_by_name")

    class Meta:
        verbose_name = _("state-secret incident")
        verbose_name_plural = _("state-secret incidents")
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.document_ref} ({self.occurred_on})"[:300]

    def get_absolute_url(self) -> str:
        return reverse("reports:secretincident", args=[self.pk])
