"""GET /api/v1/dashboard/: the dashboard's figures as JSON, counted through visible_to."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.params import date_param, int_param

from .. import selectors
from .serializers import DashboardSerializer


class DashboardView(APIView):
    """The leadership dashboard for a date and an optional unit subtree (ministry-wide users)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("as_of", OpenApiTypes.DATE, description="YYYY-MM-DD; default today"),
            OpenApiParameter(
                "unit", OpenApiTypes.INT, description="A unit id: its subtree only (ministry-wide users)"
            ),
            OpenApiParameter(
                "group",
                OpenApiTypes.INT,
                description="A country group id: agencies, countries, cases and events of its members only",
            ),
        ],
        responses=DashboardSerializer,
    )
    def get(self, request: Request) -> Response:
        day = date_param(request, "as_of") or timezone.localdate()
        unit = None
        unit_id = int_param(request, "unit")
        if unit_id is not None:
            unit = selectors.chosen_unit(request.user, str(unit_id))
            if unit is None:
                raise exceptions.ValidationError(
                    {"unit": [_("Unknown unit, or a unit filter without ministry-wide scope.")]}
                )
        group = None
        group_id = int_param(request, "group")
        if group_id is not None:
            group = selectors.chosen_group(request.user, str(group_id))
            if group is None:
                raise exceptions.ValidationError({"group": [_("Unknown country group.")]})
        scope = selectors.Scope(user=request.user, as_of=day, unit=unit, group=group)
        figures = selectors.dashboard(scope)
        return Response(DashboardSerializer(figures).data)
