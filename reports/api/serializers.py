from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from core.api.serializers import BusinessSerializer
from core.models import CopyRegisterEntry

from ..models import ReportRun


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
