from __future__ import annotations

from django.db import models
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.params import ordering_param
from core.api.views import BusinessAPIViewSet, ObjectAPIViewSet

from ..attendance import attended as attended_rows
from ..models import CapacityDefinition, LanguageSkill, Posting, Qualification, StaffProfile
from ..views import (
    CapacityDefinitionViews,
    LanguageSkillViews,
    PostingViews,
    QualificationViews,
    StaffProfileViews,
)
from .serializers import (
    CapacityDefinitionSerializer,
    LanguageSkillSerializer,
    PostingSerializer,
    QualificationSerializer,
    StaffProfileSerializer,
)


class StaffProfileViewSet(BusinessAPIViewSet):
    """Staff capacity profiles; name and birth date are personal data (masked without the right)."""

    model = StaffProfile
    queryset = StaffProfile.objects.none()
    serializer_class = StaffProfileSerializer
    filterset_fields = ("owner_unit", "is_leader", "staff_code")
    ordering_fields = ("id", "staff_code")
    create_service = staticmethod(StaffProfileViews.create_service)
    update_service = staticmethod(StaffProfileViews.update_service)
    delete_service = staticmethod(StaffProfileViews.delete_service)

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"])
    def attended(self, request: Request, pk: str | None = None) -> Response:
        """Trainings and events the person attended (visible ones), with the capacity credit each gives."""
        profile = self.get_object()
        rows = attended_rows(request.user, profile)
        return Response(
            {
                "results": [
                    {
                        **row,
                        "day": row["day"].isoformat(),
                        "credit": str(row["credit"]),
                        "type": str(row["type"]),
                    }
                    for row in rows
                ]
            }
        )


class LanguageSkillViewSet(BusinessAPIViewSet):
    model = LanguageSkill
    queryset = LanguageSkill.objects.none()
    serializer_class = LanguageSkillSerializer
    filterset_fields = ("profile", "language", "level")
    ordering_fields = ("id", "certificate_on")
    create_service = staticmethod(LanguageSkillViews.create_service)
    update_service = staticmethod(LanguageSkillViews.update_service)
    delete_service = staticmethod(LanguageSkillViews.delete_service)


class QualificationViewSet(BusinessAPIViewSet):
    model = Qualification
    queryset = Qualification.objects.none()
    serializer_class = QualificationSerializer
    filterset_fields = ("profile", "kind")
    ordering_fields = ("id", "obtained_on")
    create_service = staticmethod(QualificationViews.create_service)
    update_service = staticmethod(QualificationViews.update_service)
    delete_service = staticmethod(QualificationViews.delete_service)


class PostingViewSet(BusinessAPIViewSet):
    model = Posting
    queryset = Posting.objects.none()
    serializer_class = PostingSerializer
    filterset_fields = ("profile", "kind", "country")
    ordering_fields = ("id", "start_on")
    create_service = staticmethod(PostingViews.create_service)
    update_service = staticmethod(PostingViews.update_service)
    delete_service = staticmethod(PostingViews.delete_service)


class CapacityDefinitionViewSet(ObjectAPIViewSet):
    """Versions of the capacity criterion (coordinators add them; a version in effect never changes)."""

    model = CapacityDefinition
    queryset = CapacityDefinition.objects.none()
    serializer_class = CapacityDefinitionSerializer
    ordering_fields = ("id", "number", "effective_from")
    create_service = staticmethod(CapacityDefinitionViews.create_service)
    update_service = staticmethod(CapacityDefinitionViews.update_service)
    delete_service = staticmethod(CapacityDefinitionViews.delete_service)

    def get_queryset(self) -> models.QuerySet:
        # Like the base class, without the search text that definitions do not carry.
        qs = CapacityDefinition.objects.visible_to(self.request.user)
        if ordering := ordering_param(self.request, self.ordering_fields):
            return qs.order_by(ordering, "pk")
        return qs
