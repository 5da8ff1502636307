from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework import serializers

from access.links import LINK_ERROR
from core.api.serializers import BusinessSerializer, LinkField
from core.models import SECRET_LEVELS, CopyDecision, CopyRegisterEntry

from ..choices import DocumentType
from ..models import (
    IssuedDocument,
    ReceivedSecretDocument,
    ReportRun,
    SecretDestruction,
    SecretHandOver,
    SecretIncident,
)


class ReportRunSerializer(BusinessSerializer):
    """A report run: period, scope, status and progress, and its download links when done."""

    downloads = serializers.SerializerMethodField(help_text="Links to the Word report and the Excel annex.")

    class Meta:
        model = ReportRun
        fields = (
            *BusinessSerializer.base_fields,
            "title",
            "period_kind",
            "year",
            "period",
            "year_to",
            "start_on",
            "end_on",
            "scope_unit",
            "status",
            "progress",
            "message",
            "data_as_of",
            "generated_at",
            "downloads",
        )
        read_only_fields = ("status", "progress", "message", "data_as_of", "generated_at")

    def get_downloads(self, run: ReportRun) -> dict[str, str]:
        if run.status != "done":
            return {}
        request = self.context.get("request")
        links = {fmt: reverse("reports:download", args=[run.pk, fmt]) for fmt in ("docx", "xlsx")}
        if request is not None:
            links = {k: request.build_absolute_uri(v) for k, v in links.items()}
        return links


class CopyRegisterEntrySerializer(serializers.ModelSerializer):
    model = serializers.SerializerMethodField()
    copy_label = serializers.CharField(read_only=True)

    class Meta:
        model = CopyRegisterEntry
        fields = (
            "id",
            "time",
            "year",
            "first_copy",
            "last_copy",
            "copy_label",
            "copies",
            "kind",
            "file_format",
            "classification",
            "user",
            "user_name",
            "unit_name",
            "model",
            "object_ids",
            "record_count",
            "description",
        )
        # The register is read-only (appended by core.copies); this also keeps the schema
        # free of database-specific integer bounds.
        read_only_fields = fields

    def get_model(self, entry: CopyRegisterEntry) -> str:
        return f"{entry.content_type.app_label}.{entry.content_type.model}"

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return super().to_representation(instance)


class IssuedDocumentSerializer(BusinessSerializer):
    """A line of the outgoing-document register (read-only: documents are issued, never edited)."""

    source = serializers.SerializerMethodField(
        help_text='The issued record as "app.model:id", or null when you may not see it.'
    )
    download = serializers.SerializerMethodField(help_text="Link to the issued Word file.")

    class Meta:
        model = IssuedDocument
        fields = (
            *BusinessSerializer.base_fields,
            "doc_type",
            "year",
            "secret_sequence",
            "number",
            "symbol",
            "issued_on",
            "summary",
            "signer",
            "signer_name",
            "signer_title",
            "recipients",
            "copies",
            "drafter_code",
            "copying_permitted",
            "replaces",
            "source",
            "download",
        )
        read_only_fields = fields

    def _visible_sources(self) -> set[tuple[int, int]]:
        """(content type, id) of the sources the caller sees, for the whole page at once: one
        query per kind of source, however many rows."""
        cache = self.context.setdefault("_visible_sources", {})
        key = id(self.parent) if self.parent is not None else id(self.instance)
        if key not in cache:
            docs = self.parent.instance if self.parent is not None else [self.instance]
            user = getattr(self.context.get("request"), "user", None)
            by_type: dict[Any, set[int]] = {}
            for doc in docs:
                if doc.source_type_id is not None:
                    by_type.setdefault(doc.source_type, set()).add(doc.source_id)
            seen: set[tuple[int, int]] = set()
            for ctype, ids in by_type.items():
                manager = getattr(ctype.model_class(), "_default_manager", None)
                if manager is not None and hasattr(manager, "visible_to"):
                    visible = manager.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
                    seen.update((ctype.pk, pk) for pk in visible)
            cache[key] = seen
        return cache[key]

    def get_source(self, doc: IssuedDocument) -> str | None:
        if doc.source_type_id is None or (doc.source_type_id, doc.source_id) not in self._visible_sources():
            return None
        return f"{doc.source_type.app_label}.{doc.source_type.model}:{doc.source_id}"

    def get_download(self, doc: IssuedDocument) -> str:
        link = reverse("reports:issued_download", args=[doc.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(link) if request is not None else link


class RecipientSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    copies = serializers.IntegerField(min_value=1, max_value=99, default=1)


class IssueSerializer(serializers.Serializer):
    """Issue a report run or a case's request letter: its number is taken on issue."""

    source_kind = serializers.ChoiceField(
        choices=(("report", "report run"), ("letter", "request letter of a case")),
        help_text="What is issued: a generated report run, or the request letter of a case.",
    )
    source_id = serializers.IntegerField(min_value=1, help_text="The report run's or the case's id.")
    doc_type = serializers.ChoiceField(
        choices=DocumentType.choices, required=False, help_text="Default: BC for a report, CV for a letter."
    )
    summary = serializers.CharField(max_length=500)
    signer = LinkField(
        get_user_model(), help_text="The person who signed (active, of the issuing unit or above)."
    )
    signer_title = serializers.CharField(max_length=150)
    recipients = RecipientSerializer(many=True, allow_empty=False)
    drafter_code = serializers.CharField(max_length=20)
    copying_permitted = serializers.BooleanField(default=False)
    replaces = LinkField(
        IssuedDocument,
        required=False,
        allow_null=True,
        help_text="The live issue of the same source, when issuing it again (a replacement).",
    )
    template = serializers.IntegerField(required=False, allow_null=True, help_text="Letters: a template id.")
    language = serializers.ChoiceField(choices=(("vi", "vi"), ("en", "en")), default="vi")
    assistance = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    contacts = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class SecretsReportIssueSerializer(IssueSerializer):
    """Issue the yearly state-secrets report of a year and scope: its counts are frozen as you
    see them and it takes its number from the outgoing register."""

    source_kind = None
    source_id = None
    template = None
    language = None
    assistance = None
    contacts = None
    year = serializers.IntegerField(
        help_text="The reporting year (window 15/12 of the year before to 14/12)."
    )
    unit = serializers.IntegerField(
        required=False, allow_null=True, help_text="The unit that issues, with its subtree; empty: your unit."
    )
    summary = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class RegisterSerializer(BusinessSerializer):
    """A line of a register of secret documents: created, never changed (corrections are new
    lines naming the one they correct)."""

    base_fields = (
        "id",
        "classification",
        "owner_unit",
        "version",
        "declassify_on",
        "level",
        "note",
        "corrects",
        "created_by",
    )


class ReceivedSecretDocumentSerializer(RegisterSerializer):
    subject = serializers.CharField(
        max_length=500, help_text="Empty in answers to readers not cleared for the document's level."
    )

    class Meta:
        model = ReceivedSecretDocument
        fields = (
            *RegisterSerializer.base_fields,
            "year",
            "number",
            "received_on",
            "sender",
            "doc_symbol",
            "doc_date",
            "subject",
            "copies",
            "received_by",
            "received_by_name",
        )
        read_only_fields = (
            "classification",
            "year",
            "number",
            "received_by",
            "received_by_name",
            "created_by",
        )

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["subject"] = getattr(instance, "subject_shown", "")
        return data


class SecretHandOverSerializer(RegisterSerializer):
    recipient = LinkField(
        get_user_model(), help_text="The person it is handed to (active, cleared for the level)."
    )

    class Meta:
        model = SecretHandOver
        fields = (
            *RegisterSerializer.base_fields,
            "received_document",
            "issued_document",
            "document_label",
            "copies",
            "copy_numbers",
            "handed_at",
            "given_by",
            "given_by_name",
            "recipient",
            "recipient_name",
            "recipient_unit",
            "confirmed_at",
        )
        read_only_fields = (
            "classification",
            "level",
            "owner_unit",
            "document_label",
            "handed_at",
            "given_by",
            "given_by_name",
            "recipient_name",
            "recipient_unit",
            "confirmed_at",
            "created_by",
        )


class SecretDestructionSerializer(RegisterSerializer):
    class Meta:
        model = SecretDestruction
        fields = (
            *RegisterSerializer.base_fields,
            "decision_number",
            "decision_date",
            "decided_by",
            "received_document",
            "issued_document",
            "document_label",
            "copies",
            "copy_numbers",
            "destroyed_on",
            "carried_out_by",
            "method",
        )
        read_only_fields = ("classification", "level", "owner_unit", "document_label", "created_by")


class CopyDecisionSerializer(BusinessSerializer):
    """A line of the copying register. Name the document by ``issued_document``,
    ``received_document``, or ``target_model`` and ``target_id`` (a classified record)."""

    issued_document = LinkField(IssuedDocument, required=False, allow_null=True, write_only=True)
    received_document = LinkField(ReceivedSecretDocument, required=False, allow_null=True, write_only=True)
    target_model = serializers.CharField(
        required=False,
        write_only=True,
        max_length=100,
        help_text='A classified record\'s model, "app.model".',
    )
    target_id = serializers.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, help_text="Its id."
    )
    copy_numbers = serializers.CharField(read_only=True, help_text="Copy numbers taken under the decision.")

    class Meta:
        model = CopyDecision
        fields = (
            "id",
            "classification",
            "owner_unit",
            "version",
            "declassify_on",
            "decided_on",
            "authorised_by",
            "authorised_by_name",
            "authoriser_title",
            "target_key",
            "target_label",
            "level",
            "copies",
            "purpose",
            "corrects",
            "copy_numbers",
            "issued_document",
            "received_document",
            "target_model",
            "target_id",
            "created_by",
        )
        read_only_fields = (
            "classification",
            "owner_unit",
            "authorised_by",
            "authorised_by_name",
            "target_key",
            "target_label",
            "level",
            "created_by",
        )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        from django.apps import apps

        model_name = attrs.pop("target_model", None)
        target_id = attrs.pop("target_id", None)
        if model_name or target_id:
            try:
                model = apps.get_model(model_name or "")
            except (LookupError, ValueError):
                model = None
            manager = getattr(model, "_default_manager", None)
            target = (
                manager.visible_to(self.context["request"].user).filter(pk=target_id).first()
                if manager is not None and hasattr(manager, "visible_to") and target_id
                else None
            )
            if target is None:
                raise serializers.ValidationError({"target_id": [str(LINK_ERROR)]})
            attrs["target"] = target
        return attrs

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        for name in ("issued_document", "received_document", "target", "corrects"):
            if name in self.validated_data:
                data[name] = self.validated_data[name]
        return data


class CopyLimitSerializer(serializers.Serializer):
    unit = serializers.IntegerField(read_only=True)
    limit = serializers.IntegerField(min_value=1, max_value=99)


class SecretIncidentSerializer(RegisterSerializer):
    """A loss or disclosure of a state secret; recording it notifies the unit responsible
    for protecting state secrets (``reported_to``)."""

    class Meta:
        model = SecretIncident
        fields = (
            *RegisterSerializer.base_fields,
            "occurred_on",
            "kind",
            "document_ref",
            "description",
            "reported_by",
            "reported_by_name",
            "reported_to",
        )
        read_only_fields = ("classification", "reported_by", "reported_by_name", "reported_to", "created_by")


class SecretsReportCountsSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    sent = serializers.IntegerField()
    received = serializers.IntegerField()
    copied = serializers.IntegerField()
    handed_over = serializers.IntegerField()
    declassified = serializers.IntegerField()
    destroyed = serializers.IntegerField()
    incidents = serializers.IntegerField()


class SecretsReportRowSerializer(SecretsReportCountsSerializer):
    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    level = serializers.ChoiceField(choices=SECRET_LEVELS)


class SecretsReportTotalSerializer(SecretsReportCountsSerializer):
    level = serializers.ChoiceField(choices=SECRET_LEVELS)


class SecretsReportSerializer(serializers.Serializer):
    """The yearly state-secrets report: counts per unit and level for the window 15/12-14/12."""

    year = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    unit = serializers.IntegerField(allow_null=True)
    metrics = serializers.ListField(child=serializers.CharField())
    rows = SecretsReportRowSerializer(many=True)
    totals = SecretsReportTotalSerializer(many=True)
    overall = SecretsReportCountsSerializer()
