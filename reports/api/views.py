from __future__ import annotations

from typing import Any

from django.db import models
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.rules import Action
from core.api.views import BusinessAPIViewSet
from core.copies import copy_entries, may_read_copies

from ..models import ReportRun
from ..views import ReportRunViews
from .serializers import CopyRegisterEntrySerializer, ReportRunSerializer


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
