"""API of articles: list, detail, create from text, edit the description, delete; the
proposed facts come with the article, read-only (they are reviewed on the article page)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.rules import Action
from core.api.views import BusinessAPIViewSet
from core.audit import audit_refused

from .. import accept, selectors, services
from ..models import Article, FactProposal
from .serializers import (
    AcceptSerializer,
    ArticleMediaItemSerializer,
    ArticleSerializer,
    FactProposalSerializer,
)


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

    def paginate_queryset(self, queryset: Any) -> Any:
        """The page's articles, with the records their facts name read once for the page."""
        page = super().paginate_queryset(queryset)
        rows = [a for a in (page or []) if isinstance(a, Article)]  # not the history's rows
        selectors.resolve_links(
            user=self.request.user, proposals=[p for a in rows for p in a.proposals.all()]
        )
        return page

    def get_object(self) -> Any:
        obj = super().get_object()
        selectors.resolve_links(user=self.request.user, proposals=list(obj.proposals.all()))
        return obj

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

    def _fact(self, request: Request, fact: str) -> FactProposal:
        """A fact of a visible article the user may review: 404 hidden or missing, 403 no right."""
        proposal = selectors.proposal_for_review(user=request.user, proposal_id=int(fact))
        if proposal is None:
            audit_refused(request.user, FactProposal, fact, "hidden")
            raise exceptions.NotFound()
        if not services.may_accept(request.user, proposal.article):
            audit_refused(request.user, Article, proposal.article_id, "change")
            raise exceptions.PermissionDenied()
        return proposal

    @extend_schema(
        parameters=[OpenApiParameter("fact", int, OpenApiParameter.PATH)],
        request=None,
        responses={200: dict},
    )
    @action(
        detail=False,
        methods=["get"],
        url_path=r"facts/(?P<fact>[0-9]+)/candidates",
        filter_backends=[],
        pagination_class=None,
    )
    def candidates(self, request: Request, fact: str) -> Response:
        """The visible records a fact may be linked to, and whether "new" may create one."""
        proposal = self._fact(request, fact)
        found = accept.candidates(user=request.user, proposal=proposal)
        return Response(
            {
                "kind": accept.kind_of(proposal),
                "may_create": accept.may_create(proposal),
                "candidates": [{"target": accept.target_key(r), "label": str(r)} for r in found],
                "operations": [
                    {"id": op.pk, "label": str(op)}
                    for op in accept.operation_choices(user=request.user, proposal=proposal)
                ]
                if accept.kind_of(proposal) == "outcome"
                else [],
            }
        )

    @extend_schema(
        parameters=[OpenApiParameter("fact", int, OpenApiParameter.PATH)],
        request=AcceptSerializer,
        responses={200: FactProposalSerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path=r"facts/(?P<fact>[0-9]+)/accept",
        serializer_class=AcceptSerializer,
        filter_backends=[],
        pagination_class=None,
    )
    def accept_fact(self, request: Request, fact: str) -> Response:
        """Accept a fact: link the chosen record, create a new one ("new"), or neither."""
        proposal = self._fact(request, fact)
        body = AcceptSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        proposal = services.proposal_accept(
            actor=request.user,
            proposal=proposal,
            target=body.validated_data.get("target") or None,
            operation=body.validated_data.get("operation"),
            note=body.validated_data.get("note", ""),
            relationship=body.validated_data.get("relationship", False),
            instrument=body.validated_data.get("instrument", False),
        )
        return Response(FactProposalSerializer(proposal, context=self.get_serializer_context()).data)

    @extend_schema(request=ArticleMediaItemSerializer, responses={200: ArticleSerializer})
    @action(detail=True, methods=["post"], serializer_class=ArticleMediaItemSerializer, url_path="media-item")
    def media_item(self, request: Request, pk: str | None = None) -> Response:
        """Count the article as outreach coverage: link its media item ("events.mediaitem:<id>")
        or create it ("new"). A coordinator's work (403 otherwise)."""
        obj = self.get_object()
        if not services.may_accept(request.user, obj):
            audit_refused(request.user, Article, obj.pk, "change")
            raise exceptions.PermissionDenied()
        body = ArticleMediaItemSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.article_media_item(actor=request.user, article=obj, target=body.validated_data["target"])
        fresh = self.get_object()
        return Response(ArticleSerializer(fresh, context=self.get_serializer_context()).data)
