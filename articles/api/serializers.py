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
            "linked",
        )
        read_only_fields = fields

    linked = serializers.SerializerMethodField(
        help_text=_(
            "The registry record the fact was accepted into, as its viewer may see it: "
            "{type, id, label, created}, {restricted: true}, or null."
        )
    )

    def get_linked(self, obj: FactProposal) -> dict[str, Any] | None:
        if not obj.linked_id:
            return None
        user = self.context["request"].user if "request" in self.context else None
        from ..selectors import resolve_links

        if "linked" not in getattr(obj, "_hidden_links", ()) and not FactProposal.linked.is_cached(obj):
            resolve_links(user=user, proposals=[obj])
        record = obj.linked
        if record is None:
            return {"restricted": True}
        return {
            "type": record._meta.label_lower,
            "id": record.pk,
            "label": str(record),
            "created": obj.linked_created,
        }


class ArticleMediaItemSerializer(serializers.Serializer):
    """The media item the article is counted as: "events.mediaitem:<id>" or "new"."""

    target = serializers.CharField(max_length=80)


class AcceptSerializer(serializers.Serializer):
    """Accept a fact: ``target`` is a record ("events.event:12", from ``candidates``), "new" to
    create it through its service, or empty to record the review alone."""

    target = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    operation = serializers.IntegerField(required=False, allow_null=True, min_value=1, default=None)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    relationship = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "For an agency fact: also the agency's relationship with your unit, the visible one "
            "that runs, else a new one from the fact's date (never a duplicate)."
        ),
    )
    instrument = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "For a signing: also the instrument signed, the visible one the article names (by "
            "symbol or title), else a new signed one (never a duplicate)."
        ),
    )


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
            "media_item",
        )
        read_only_fields = (
            "media_item",
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
