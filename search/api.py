"""``GET /api/v1/search/?q=...&type=...&limit=...``: the search box as an API."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .query import MAX_LIMIT, QueryError, search, searchable_types
from .types import BY_KIND


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    subtitle = serializers.CharField()
    url = serializers.CharField(help_text="The record's page.")
    score = serializers.FloatField(help_text="Rank within the answer (backend-specific scale).")


class SearchGroupSerializer(serializers.Serializer):
    type = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField(help_text="Visible records of this type that match.")
    capped = serializers.BooleanField(
        help_text="The query matched too many records to count them all: count is a lower bound."
    )
    list_url = serializers.CharField(help_text="The type's list filtered with the same words.")
    results = SearchHitSerializer(many=True)


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField()
    groups = SearchGroupSerializer(many=True)


class SearchAPIView(APIView):
    """Search partners, instruments, directives and items, obligations, cases, operations,
    events and staff at once: diacritics and đ ignored, document symbols in any spelling,
    ranked hits grouped by type (best group first), only records the caller may see."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="search",
        parameters=[
            OpenApiParameter(
                "q", OpenApiTypes.STR, required=True, description="At least 2 letters or digits"
            ),
            OpenApiParameter("type", OpenApiTypes.STR, enum=sorted(BY_KIND), description="Only this type"),
            OpenApiParameter(
                "limit", OpenApiTypes.INT, description=f"Hits per type, 1-{MAX_LIMIT}; default 5"
            ),
        ],
        responses=SearchResponseSerializer,
    )
    def get(self, request: Request) -> Response:
        q = request.query_params.get("q", "")
        kind = request.query_params.get("type", "").strip()
        if kind and kind not in BY_KIND:
            raise exceptions.ValidationError({"type": [_("Unknown type of record.")]})
        raw_limit = request.query_params.get("limit", "").strip()
        limit = 5
        if raw_limit:
            try:
                limit = int(raw_limit)
            except ValueError:
                raise exceptions.ValidationError({"limit": [_("Use a whole number.")]}) from None
            if not 1 <= limit <= MAX_LIMIT:
                raise exceptions.ValidationError(
                    {"limit": [_("Use a number from 1 to %(n)d.") % {"n": MAX_LIMIT}]}
                )
        if kind and kind not in {t.kind for t in searchable_types(request.user)}:
            raise exceptions.PermissionDenied()
        try:
            groups = search(request.user, q, kinds=[kind] if kind else None, limit=limit)
        except QueryError as exc:
            raise exceptions.ValidationError({"q": [str(exc)]}) from None
        return Response(
            {
                "query": q.strip(),
                "total": sum(g.count for g in groups),
                "groups": [
                    {
                        "type": g.kind,
                        "label": g.label,
                        "count": g.count,
                        "capped": g.capped,
                        "list_url": g.list_url,
                        "results": [
                            {
                                "id": h.object_id,
                                "title": h.title,
                                "subtitle": h.subtitle,
                                "url": h.url,
                                "score": h.score,
                            }
                            for h in g.hits
                        ],
                    }
                    for g in groups
                ],
            }
        )
