from __future__ import annotations

from typing import Any

from django.db import models
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.links import LINK_ERROR
from access.rules import Action
from core.api.views import BusinessAPIViewSet, ObjectAPIViewSet
from core.audit import audit_refused
from core.copies import copy_entries, may_read_copies

from .. import services
from ..models import IssuedDocument, ReportRun
from ..views import ReportRunViews
from .serializers import (
    CopyRegisterEntrySerializer,
    IssuedDocumentSerializer,
    IssueSerializer,
    ReportRunSerializer,
)


class ReportRunViewSet(BusinessAPIViewSet):
    """Periodic reports: POST defines a run (generated in the background); GET shows status and links."""

    model = ReportRun
    queryset = ReportRun.objects.none()
    serializer_class = ReportRunSerializer
    select_related = ("scope_unit",)
    filterset_fields = ("owner_unit", "status", "period_kind")
    ordering_fields = ("id", "start_on", "end_on")
    create_service = staticmethod(ReportRunViews.create_service)
    update_service = staticmethod(ReportRunViews.update_service)
    delete_service = staticmethod(ReportRunViews.delete_service)

    def require(self, action_name: str, obj: Any) -> None:
        # Defining a report is exporting what one sees (leadership too); see services.run_create.
        super().require(Action.EXPORT if action_name == Action.ADD else action_name, obj)

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().defer("docx", "xlsx", "facts")

    @extend_schema(responses=CopyRegisterEntrySerializer(many=True))
    @action(detail=False, methods=["get"], serializer_class=CopyRegisterEntrySerializer)
    def copies(self, request: Request) -> Response:
        """The copy register (numbered copies of classified content), read-only, for
        administrators, leadership and coordinators; filters: kind, classification, user, from, to."""
        if not may_read_copies(request.user):
            raise exceptions.PermissionDenied()
        page = self.paginate_queryset(copy_entries(request.user, request.query_params))
        return self.get_paginated_response(CopyRegisterEntrySerializer(page, many=True).data)


class IssuedDocumentViewSet(ObjectAPIViewSet):
    """The outgoing-document register: GET lists and reads it; POST issues a report run or a
    case's request letter (its number taken on issue). Issued documents are never changed."""

    model = IssuedDocument
    queryset = IssuedDocument.objects.none()
    serializer_class = IssuedDocumentSerializer
    select_related = ("owner_unit", "source_type")
    filterset_fields = ("owner_unit", "year", "doc_type", "classification", "secret_sequence")
    ordering_fields = ("id", "number", "issued_on", "year")
    http_method_names = ("get", "post", "head", "options")

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().defer("docx")

    @extend_schema(request=IssueSerializer, responses={201: IssuedDocumentSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Issue: the source is found through what you see (404 otherwise); 403 when you may not
        issue its unit's documents; 400 with field errors for bad particulars."""
        from cases.models import CooperationCase, LetterTemplate

        data = IssueSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        kind, pk = values.pop("source_kind"), values.pop("source_id")
        model = ReportRun if kind == "report" else CooperationCase
        source = model.objects.visible_to(request.user).filter(pk=pk).first()
        if source is None:
            audit_refused(request.user, model, pk, "hidden")
            raise exceptions.NotFound()
        if not services.may_issue(request.user, source):
            audit_refused(request.user, model, pk, "issue")
            raise exceptions.PermissionDenied()
        if kind == "report":
            doc = services.run_issue(actor=request.user, run=source, data=values)
        else:
            template = None
            if values.get("template") is not None:
                template = (
                    LetterTemplate.objects.visible_to(request.user).filter(pk=values["template"]).first()
                )
                if template is None:
                    raise exceptions.ValidationError({"template": [str(LINK_ERROR)]})
            doc = services.letter_issue(
                actor=request.user,
                case=source,
                data=values,
                template=template,
                language=values.get("language") or "vi",
                assistance=values.get("assistance", ""),
                contacts=values.get("contacts", ""),
            )
        fresh = self.get_queryset().get(pk=doc.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_201_CREATED)
