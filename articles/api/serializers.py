"""API of articles: the article (created from text), its proposed facts read-only."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.serializers import BusinessSerializer

from ..models import Article, FactProposal


class FactProposalSerializer(serializers.ModelSerializer):
    """One proposed fact: the extractor's item, its evidence and offsets, and its review."""

    class Meta:
        model = FactProposal
        fields = (
            "id",
            "field",
            "value",
            "evidence",
            "start",
            "end",
            "status",
            "corrected_value",
            "note",
            "reviewed_by",
            "reviewed_at",
        )
        read_only_fields = fields


class ArticleSerializer(BusinessSerializer):
    text = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text=_("The article's plain text; given when creating, never changed afterwards."),
    )
    title = serializers.CharField(max_length=500, required=False, allow_blank=True)
    published_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text=_("Read from the text when it gives one; else required."),
    )
    confirm_duplicate = serializers.BooleanField(
        required=False,
        default=False,
        write_only=True,
        help_text=_("Record the article even if the same one is already recorded."),
    )
    proposals = FactProposalSerializer(many=True, read_only=True)

    class Meta:
        model = Article
        fields = (
            *BusinessSerializer.base_fields,
            "title",
            "source_name",
            "url",
            "published_on",
            "text",
            "original_filename",
            "content_hash",
            "extraction_status",
            "extraction_progress",
            "extraction_message",
            "extracted_at",
            "confirm_duplicate",
            "proposals",
        )
        read_only_fields = (
            "original_filename",
            "content_hash",
            "extraction_status",
            "extraction_progress",
            "extraction_message",
            "extracted_at",
        )

    def validate_text(self, value: str) -> str:
        if self.instance is not None and value != self.instance.text:
            raise serializers.ValidationError(_("The text of an article never changes."))
        return value

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        if self.instance is None:
            data["text"] = self.validated_data.get("text", "")
        else:
            data.pop("text", None)
        return data
