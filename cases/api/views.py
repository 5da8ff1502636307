from __future__ import annotations

import django_filters
from django.db import models
from django.db.models import Prefetch
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.rules import Action
from core.api.params import ordering_param
from core.api.views import BusinessAPIViewSet, ObjectAPIViewSet
from core.dates import DATE_FORMATS
from partners.filters import GroupFilterMixin, group_filter

from .. import services
from ..models import (
    CaseMessage,
    CaseReference,
    CaseSubject,
    CompetentAuthority,
    CooperationCase,
    LetterTemplate,
    Operation,
    Outcome,
    PersonalDataItem,
    PersonalDataTransfer,
    ReleaseDecision,
    ResponseRule,
    RuleSet,
)
from ..views import (
    AuthorityViews,
    CaseMessageViews,
    CaseReferenceViews,
    CaseSubjectViews,
    CaseViews,
    LetterTemplateViews,
    OperationViews,
    OutcomeViews,
    PersonalDataItemViews,
    PersonalDataTransferViews,
    ReleaseDecisionViews,
    ResponseRuleViews,
    RuleSetViews,
)
from .serializers import (
    CaseMessageSerializer,
    CaseReferenceSerializer,
    CaseSerializer,
    CaseSubjectSerializer,
    CompetentAuthoritySerializer,
    LetterTemplateSerializer,
    OperationSerializer,
    OutcomeSerializer,
    PersonalDataItemSerializer,
    PersonalDataTransferSerializer,
    ReleaseDecisionSerializer,
    ResponseRuleSerializer,
    RuleSetSerializer,
    ShareSerializer,
)


class CaseAPIFilter(GroupFilterMixin, django_filters.FilterSet):
    country_path = "countries"
    group_date_fields = ("opened_to", "opened_from")
    group = group_filter()
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
    (alpha-2), group (country group id), opened_from/to. The status moves only along the allowed transitions (PATCH status)."""

    model = CooperationCase
    queryset = CooperationCase.objects.none()
    serializer_class = CaseSerializer
    filterset_class = CaseAPIFilter
    prefetch_related = ("countries", "agencies", "support_units")
    ordering_fields = ("id", "opened_on", "response_due_on", "title")
    create_service = staticmethod(CaseViews.create_service)
    update_service = staticmethod(CaseViews.update_service)
    delete_service = staticmethod(CaseViews.delete_service)

    @extend_schema(request=ShareSerializer, responses={200: None})
    @action(detail=True, methods=["post"], serializer_class=ShareSerializer)
    def share(self, request: Request, pk: str | None = None) -> Response:
        """Share the case with units; refused (400) when a message's handling code forbids it."""
        obj = self.get_object()
        self.require(Action.CHANGE, obj)
        body = ShareSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        added = services.case_share(
            actor=request.user,
            obj=obj,
            units=list(body.validated_data["units"]),
            note=body.validated_data.get("note", ""),
        )
        return Response({"shared": added})

    @extend_schema(
        parameters=[
            OpenApiParameter("language", str, enum=["vi", "en"], description="Language of the letter."),
            OpenApiParameter("template", int, description="A letter template (default: the case type's)."),
            OpenApiParameter("assistance", str, description="The assistance requested."),
            OpenApiParameter("contacts", str, description="Contacts (default: the lead unit and you)."),
        ],
        responses={(200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): bytes},
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def letter(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The case's draft request letter as a DOCX (needs the export right)."""
        from ..views_pages import LetterForm, letter_response

        obj = self.get_object()
        self.require(Action.EXPORT, obj)
        params = {"language": "vi", **request.query_params.dict()}
        form = LetterForm(params, user=request.user)
        if not form.is_valid():
            raise exceptions.ValidationError(form.errors.get_json_data())
        return letter_response(user=request.user, case=obj, data=form.cleaned_data)

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, description="A whole year (overrides from/to)."),
            OpenApiParameter("from", str, description="First day, dd/mm/yyyy or yyyy-mm-dd."),
            OpenApiParameter("to", str, description="Last day, dd/mm/yyyy or yyyy-mm-dd."),
        ],
        responses={200: None},
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def statistics(self, request: Request) -> Response:
        """Cases by year, type, partner country, partner agency and crime area; persons per outcome
        kind and seizure totals by substance over the operations of the period (visible records)."""
        from ..selectors import statistics
        from ..views_pages import _period

        date_from, date_to = _period(request)
        stats = statistics(user=request.user, date_from=date_from, date_to=date_to)
        for row in stats["seizures"]:
            row["quantity"] = str(row["quantity"])
        return Response(stats)


class CaseReferenceViewSet(BusinessAPIViewSet):
    model = CaseReference
    queryset = CaseReference.objects.none()
    serializer_class = CaseReferenceSerializer
    filterset_fields = ("case", "kind")
    create_service = staticmethod(CaseReferenceViews.create_service)
    update_service = staticmethod(CaseReferenceViews.update_service)
    delete_service = staticmethod(CaseReferenceViews.delete_service)


class CaseMessageViewSet(BusinessAPIViewSet):
    """Messages of cases; filters: case, direction, channel, handling_code, source_reliability,
    information_accuracy. A Confidential or Secret message sent to a partner needs release_decision."""

    model = CaseMessage
    queryset = CaseMessage.objects.none()
    serializer_class = CaseMessageSerializer
    prefetch_related = ("subjects",)
    filterset_fields = (
        "case",
        "direction",
        "channel",
        "handling_code",
        "source_reliability",
        "information_accuracy",
    )
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
    filterset_fields = ("crime_area", "cases", "participating_units")
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
                "participating_units",
                Prefetch("outcomes", queryset=Outcome.objects.visible_to(self.request.user)),
            )
        )


class OutcomeViewSet(BusinessAPIViewSet):
    """Outcomes, each on its case, operation or progress report, with the obligation and
    instrument it serves: filter by any of them to walk the chain from either end."""

    model = Outcome
    queryset = Outcome.objects.none()
    serializer_class = OutcomeSerializer
    filterset_fields = ("case", "operation", "report", "obligation", "instrument", "kind")
    select_related = ("case", "operation", "report", "obligation", "instrument")
    ordering_fields = ("id", "occurred_on")
    create_service = staticmethod(OutcomeViews.create_service)
    update_service = staticmethod(OutcomeViews.update_service)
    delete_service = staticmethod(OutcomeViews.delete_service)


class _ReferenceViewSet(ObjectAPIViewSet):
    def get_queryset(self) -> models.QuerySet:
        qs = self.model._default_manager.visible_to(self.request.user)
        if ordering := ordering_param(self.request, self.ordering_fields):
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


class RuleSetViewSet(_ReferenceViewSet):
    """Rule sets by date: the law of a case type on a date, its central authority and limits,
    with the source; filters: case_type, confirmed (reference data, coordinators edit)."""

    model = RuleSet
    queryset = RuleSet.objects.none()
    serializer_class = RuleSetSerializer
    filterset_fields = ("case_type", "confirmed")
    ordering_fields = ("id", "valid_from")
    create_service = staticmethod(RuleSetViews.create_service)
    update_service = staticmethod(RuleSetViews.update_service)
    delete_service = staticmethod(RuleSetViews.delete_service)


class ResponseRuleViewSet(_ReferenceViewSet):
    """Response deadline (days) per case type, set by the coordinators."""

    model = ResponseRule
    queryset = ResponseRule.objects.none()
    serializer_class = ResponseRuleSerializer
    filterset_fields = ("case_type", "rule_set")
    ordering_fields = ("id", "case_type")
    create_service = staticmethod(ResponseRuleViews.create_service)
    update_service = staticmethod(ResponseRuleViews.update_service)
    delete_service = staticmethod(ResponseRuleViews.delete_service)


class ReleaseDecisionViewSet(BusinessAPIViewSet):
    """Decisions releasing a case's classified information to a foreign partner (Minister or
    Deputy Minister for Confidential and Secret; Top secret is refused)."""

    model = ReleaseDecision
    queryset = ReleaseDecision.objects.none()
    serializer_class = ReleaseDecisionSerializer
    select_related = ("case__owner_unit",)
    filterset_fields = ("case", "decision_level", "released_level")
    ordering_fields = ("id", "decided_on")
    create_service = staticmethod(ReleaseDecisionViews.create_service)
    update_service = staticmethod(ReleaseDecisionViews.update_service)
    delete_service = staticmethod(ReleaseDecisionViews.delete_service)


class PersonalDataItemViewSet(BusinessAPIViewSet):
    """Further personal-data items of subjects (masked without the right)."""

    model = PersonalDataItem
    queryset = PersonalDataItem.objects.none()
    serializer_class = PersonalDataItemSerializer
    select_related = ("subject__case__owner_unit",)
    filterset_fields = ("subject", "category", "sensitivity", "legal_basis")
    create_service = staticmethod(PersonalDataItemViews.create_service)
    update_service = staticmethod(PersonalDataItemViews.update_service)
    delete_service = staticmethod(PersonalDataItemViews.delete_service)


class TransferAPIFilter(django_filters.FilterSet):
    transferred_from = django_filters.DateFilter(
        field_name="transferred_on", lookup_expr="gte", input_formats=DATE_FORMATS
    )
    transferred_to = django_filters.DateFilter(
        field_name="transferred_on", lookup_expr="lte", input_formats=DATE_FORMATS
    )

    class Meta:
        model = PersonalDataTransfer
        fields = ("case", "legal_basis", "recipient_country", "includes_sensitive")


class PersonalDataTransferViewSet(BusinessAPIViewSet):
    """The register of personal data transferred to foreign counterparts (names masked without the right)."""

    model = PersonalDataTransfer
    queryset = PersonalDataTransfer.objects.none()
    serializer_class = PersonalDataTransferSerializer
    select_related = ("case__owner_unit",)
    prefetch_related = ("subjects",)
    filterset_class = TransferAPIFilter
    ordering_fields = ("id", "transferred_on")
    create_service = staticmethod(PersonalDataTransferViews.create_service)
    update_service = staticmethod(PersonalDataTransferViews.update_service)
    delete_service = staticmethod(PersonalDataTransferViews.delete_service)


class LetterTemplateViewSet(_ReferenceViewSet):
    """Templates of draft request letters (coordinators edit them); placeholders as ``{name}``."""

    model = LetterTemplate
    queryset = LetterTemplate.objects.none()
    serializer_class = LetterTemplateSerializer
    filterset_fields = ("language", "case_type")
    ordering_fields = ("id", "name")
    create_service = staticmethod(LetterTemplateViews.create_service)
    update_service = staticmethod(LetterTemplateViews.update_service)
    delete_service = staticmethod(LetterTemplateViews.delete_service)
