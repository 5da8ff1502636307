from __future__ import annotations

import django_filters
from django.db import models
from django.db.models import Prefetch

from core.api.views import BusinessAPIViewSet, ObjectAPIViewSet
from core.dates import DATE_FORMATS

from ..models import (
    CaseMessage,
    CaseReference,
    CaseSubject,
    CompetentAuthority,
    CooperationCase,
    Operation,
    Outcome,
    ResponseRule,
)
from ..views import (
    AuthorityViews,
    CaseMessageViews,
    CaseReferenceViews,
    CaseSubjectViews,
    CaseViews,
    OperationViews,
    OutcomeViews,
    ResponseRuleViews,
)
from .serializers import (
    CaseMessageSerializer,
    CaseReferenceSerializer,
    CaseSerializer,
    CaseSubjectSerializer,
    CompetentAuthoritySerializer,
    OperationSerializer,
    OutcomeSerializer,
    ResponseRuleSerializer,
)


class CaseAPIFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(field_name="countries__code", lookup_expr="iexact", distinct=True)
    opened_from = django_filters.DateFilter(
        field_name="opened_on", lookup_expr="gte", input_formats=DATE_FORMATS
    )
    opened_to = django_filters.DateFilter(
        field_name="opened_on", lookup_expr="lte", input_formats=DATE_FORMATS
    )

    class Meta:
        model = CooperationCase
        fields = ("type", "direction", "status", "channel", "crime_area", "notice_colour")


class CaseViewSet(BusinessAPIViewSet):
    """Cooperation cases; filters: type, direction, status, channel, crime_area, notice_colour, country
    (alpha-2), opened_from/to. The status moves only along the allowed transitions (PATCH status)."""

    model = CooperationCase
    queryset = CooperationCase.objects.none()
    serializer_class = CaseSerializer
    filterset_class = CaseAPIFilter
    prefetch_related = ("countries", "agencies", "support_units")
    ordering_fields = ("id", "opened_on", "response_due_on", "title")
    create_service = staticmethod(CaseViews.create_service)
    update_service = staticmethod(CaseViews.update_service)
    delete_service = staticmethod(CaseViews.delete_service)


class CaseReferenceViewSet(BusinessAPIViewSet):
    model = CaseReference
    queryset = CaseReference.objects.none()
    serializer_class = CaseReferenceSerializer
    filterset_fields = ("case", "kind")
    create_service = staticmethod(CaseReferenceViews.create_service)
    update_service = staticmethod(CaseReferenceViews.update_service)
    delete_service = staticmethod(CaseReferenceViews.delete_service)


class CaseMessageViewSet(BusinessAPIViewSet):
    model = CaseMessage
    queryset = CaseMessage.objects.none()
    serializer_class = CaseMessageSerializer
    filterset_fields = ("case", "direction", "channel")
    ordering_fields = ("id", "date")
    create_service = staticmethod(CaseMessageViews.create_service)
    update_service = staticmethod(CaseMessageViews.update_service)
    delete_service = staticmethod(CaseMessageViews.delete_service)


class CaseSubjectViewSet(BusinessAPIViewSet):
    """Subjects of cases: personal data, masked for users without the right."""

    model = CaseSubject
    queryset = CaseSubject.objects.none()
    serializer_class = CaseSubjectSerializer
    select_related = ("case__owner_unit",)
    filterset_fields = ("case",)
    create_service = staticmethod(CaseSubjectViews.create_service)
    update_service = staticmethod(CaseSubjectViews.update_service)
    delete_service = staticmethod(CaseSubjectViews.delete_service)


class OperationViewSet(BusinessAPIViewSet):
    """Joint operations (chuyên án) with their outcomes."""

    model = Operation
    queryset = Operation.objects.none()
    serializer_class = OperationSerializer
    filterset_fields = ("crime_area",)
    ordering_fields = ("id", "started_on", "name")
    create_service = staticmethod(OperationViews.create_service)
    update_service = staticmethod(OperationViews.update_service)
    delete_service = staticmethod(OperationViews.delete_service)

    def get_queryset(self) -> models.QuerySet:
        # Outcomes follow their operation: every outcome of a visible operation is visible.
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "countries",
                "agencies",
                "cases",
                Prefetch("outcomes", queryset=Outcome.objects.visible_to(self.request.user)),
            )
        )


class OutcomeViewSet(BusinessAPIViewSet):
    model = Outcome
    queryset = Outcome.objects.none()
    serializer_class = OutcomeSerializer
    filterset_fields = ("operation", "kind")
    create_service = staticmethod(OutcomeViews.create_service)
    update_service = staticmethod(OutcomeViews.update_service)
    delete_service = staticmethod(OutcomeViews.delete_service)


class _ReferenceViewSet(ObjectAPIViewSet):
    def get_queryset(self) -> models.QuerySet:
        qs = self.model._default_manager.visible_to(self.request.user)
        ordering = self.request.query_params.get("ordering", "")
        if ordering.lstrip("-") in self.ordering_fields:
            qs = qs.order_by(ordering, "pk")
        return qs


class CompetentAuthorityViewSet(_ReferenceViewSet):
    """Each country's central and competent authorities per kind of request (reference data)."""

    model = CompetentAuthority
    queryset = CompetentAuthority.objects.none()
    serializer_class = CompetentAuthoritySerializer
    filterset_fields = ("country", "request_kind", "role")
    ordering_fields = ("id", "name")
    create_service = staticmethod(AuthorityViews.create_service)
    update_service = staticmethod(AuthorityViews.update_service)
    delete_service = staticmethod(AuthorityViews.delete_service)


class ResponseRuleViewSet(_ReferenceViewSet):
    """Response deadline (days) per case type, set by the coordinators."""

    model = ResponseRule
    queryset = ResponseRule.objects.none()
    serializer_class = ResponseRuleSerializer
    filterset_fields = ("case_type",)
    ordering_fields = ("id", "case_type")
    create_service = staticmethod(ResponseRuleViews.create_service)
    update_service = staticmethod(ResponseRuleViews.update_service)
    delete_service = staticmethod(ResponseRuleViews.delete_service)
