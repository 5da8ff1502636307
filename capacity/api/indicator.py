"""``GET /api/v1/capacity/``: the 2030 capacity indicator for a date and a unit subtree."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from access.rules import Action, can
from core.api.params import date_param, int_param
from core.api.schema import SingleObjectSchema
from org.models import Unit

from .. import selectors
from ..models import StaffProfile
from .serializers import CapacityIndicatorSerializer


class CapacityIndicatorViewSet(viewsets.ViewSet):
    """The share of leaders and commanders meeting the capacity criterion, counted over the
    profiles the caller may see, with the definition version it used."""

    schema = SingleObjectSchema()

    @extend_schema(
        parameters=[
            OpenApiParameter("as_of", OpenApiTypes.DATE, description="YYYY-MM-DD; default today"),
            OpenApiParameter("unit", OpenApiTypes.INT, description="A unit id: the unit and its subtree"),
            OpenApiParameter(
                "version", OpenApiTypes.INT, description="A definition version; default in effect"
            ),
        ],
        responses=CapacityIndicatorSerializer,
    )
    def list(self, request: Request) -> Response:
        if not can(request.user, Action.VIEW, StaffProfile):
            raise exceptions.PermissionDenied()
        day = date_param(request, "as_of") or timezone.localdate()
        unit = None
        unit_id = int_param(request, "unit")
        if unit_id is not None:
            unit = Unit.objects.visible_to(request.user).filter(pk=unit_id).first()
            if unit is None:
                raise exceptions.NotFound()
        version = int_param(request, "version")
        data = selectors.indicator(user=request.user, as_of=day, unit=unit, version=version)
        if version is not None and data["definition"] is None:
            raise exceptions.ValidationError({"version": [_("No such definition version.")]})
        return Response(
            {
                "as_of": day,
                "unit": unit.pk if unit else None,
                "definition_version": data["definition_version"],
                "leaders_total": data["leaders_total"],
                "leaders_meeting": data["leaders_meeting"],
                "share": data["share"],
                "target_min": data["target_min"],
                "target_max": data["target_max"],
                "target_year": data["target_year"],
                "per_unit": [
                    {
                        "unit": r["unit"].pk,
                        "unit_name": str(r["unit"]),
                        "leaders_total": r["leaders_total"],
                        "leaders_meeting": r["leaders_meeting"],
                        "share": r["share"],
                    }
                    for r in data["per_unit"]
                ],
                "trend": data["trend"],
            }
        )
