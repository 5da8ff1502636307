"""API of articles: list, detail, create from text, edit the description, delete; the
proposed facts come with the article, read-only (they are reviewed on the article page)."""

from __future__ import annotations

from typing import Any

from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from access.rules import Action
from core.api.views import BusinessAPIViewSet

from .. import services
from ..models import Article
from .serializers import ArticleSerializer


class ArticleViewSet(BusinessAPIViewSet):
    """Articles taken in; filters: extraction status, owner unit, source. ``text`` is
    required on creation (the date is read from it when it gives one)."""

    model = Article
    queryset = Article.objects.none()
    serializer_class = ArticleSerializer
    filterset_fields = ("extraction_status", "owner_unit", "source_name", "published_on")
    prefetch_related = ("proposals",)
    ordering_fields = ("id", "published_on", "title")

    create_service = staticmethod(services.article_create)
    update_service = staticmethod(services.article_update)
    delete_service = staticmethod(services.article_delete)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.require(Action.ADD, self.model)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.service_data()
        obj = services.article_create(
            actor=request.user,
            data=data,
            confirm_duplicate=bool(serializer.validated_data.get("confirm_duplicate")),
        )
        obj = self.get_queryset().get(pk=obj.pk)
        return Response(self.get_serializer(obj).data, status=status.HTTP_201_CREATED)
