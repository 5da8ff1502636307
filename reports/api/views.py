from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.links import LINK_ERROR
from access.rules import Action
from core.api.views import BusinessAPIViewSet, ObjectAPIViewSet
from core.audit import audit_refused
from core.copies import copy_entries, may_read_copies, unit_copy_limit, unit_copy_limit_set
from core.models import CopyDecision

from .. import registers, services
from ..models import (
    IssuedDocument,
    ReceivedSecretDocument,
    ReportRun,
    SecretDestruction,
    SecretHandOver,
    SecretIncident,
)
from ..views import ReportRunViews
from .serializers import (
    CopyDecisionSerializer,
    CopyLimitSerializer,
    CopyRegisterEntrySerializer,
    IssuedDocumentSerializer,
    IssueSerializer,
    ReceivedSecretDocumentSerializer,
    ReportRunSerializer,
    SecretDestructionSerializer,
    SecretHandOverSerializer,
    SecretIncidentSerializer,
    SecretsReportIssueSerializer,
    SecretsReportSerializer,
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


class RegisterAPIViewSet(ObjectAPIViewSet):
    """A register of secret documents: GET lists and reads, POST adds a line; lines are never
    changed or deleted (405), a correction is a new line naming the old one in ``corrects``."""

    http_method_names = ("get", "post", "head", "options")
    add_permission: str = Action.ADD

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.require(self.add_permission, self.model)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        obj = self.create_service(actor=request.user, data=serializer.service_data())
        fresh = self.get_queryset().get(pk=obj.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_201_CREATED)


class ReceivedSecretDocumentViewSet(RegisterAPIViewSet):
    """The register of secret documents received; each line takes its unit's next number of
    the year. The subject is answered only to readers cleared for the level."""

    model = ReceivedSecretDocument
    queryset = ReceivedSecretDocument.objects.none()
    serializer_class = ReceivedSecretDocumentSerializer
    select_related = ("owner_unit",)
    filterset_fields = ("owner_unit", "year", "level")
    ordering_fields = ("id", "number", "received_on", "doc_date")
    create_service = staticmethod(registers.received_create)

    def get_queryset(self) -> models.QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return ReceivedSecretDocument.objects.none()
        return registers.with_subject(super().get_queryset(), self.request.user)


class SecretHandOverViewSet(RegisterAPIViewSet):
    """The hand-over register; ``?pending=mine`` lists what waits for your confirmation, and
    ``POST .../confirm/`` is the recipient's signature."""

    model = SecretHandOver
    queryset = SecretHandOver.objects.none()
    serializer_class = SecretHandOverSerializer
    select_related = ("owner_unit", "recipient_unit")
    filterset_fields = ("owner_unit", "level", "recipient")
    ordering_fields = ("id", "handed_at", "confirmed_at")
    create_service = staticmethod(registers.handover_create)

    def get_queryset(self) -> models.QuerySet:
        qs = super().get_queryset()
        pending = self.request.query_params.get("pending", "") if hasattr(self, "request") else ""
        if pending not in ("", "mine"):
            raise exceptions.ValidationError({"pending": ['Only "mine" is accepted.']})
        if pending == "mine":
            qs = qs.filter(
                recipient_id=self.request.user.pk, confirmed_at__isnull=True, corrected_by__isnull=True
            )
        return qs

    @extend_schema(request=None, responses=SecretHandOverSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str | None = None) -> Response:
        """The recipient confirms receipt (403 for anyone else; 400 when already confirmed)."""
        handover = self.get_object()
        saved = registers.handover_confirm(actor=request.user, handover=handover)
        return Response(self.get_serializer(self.get_queryset().get(pk=saved.pk)).data)


class SecretDestructionViewSet(RegisterAPIViewSet):
    """Destructions of secret documents and copies, with their decisions (recorded by the
    head of the unit or of a unit above it, or the leadership)."""

    model = SecretDestruction
    queryset = SecretDestruction.objects.none()
    serializer_class = SecretDestructionSerializer
    select_related = ("owner_unit",)
    filterset_fields = ("owner_unit", "level")
    ordering_fields = ("id", "decision_date", "destroyed_on")
    create_service = staticmethod(registers.destruction_create)
    add_permission = Action.DECLASSIFY


class CopyDecisionViewSet(RegisterAPIViewSet):
    """The copying register: copy decisions raise a document's copy cap; ``GET/POST
    .../limit/`` reads or sets your unit's limit for records never issued."""

    model = CopyDecision
    queryset = CopyDecision.objects.none()
    serializer_class = CopyDecisionSerializer
    select_related = ("owner_unit",)
    filterset_fields = ("owner_unit", "level")
    ordering_fields = ("id", "decided_on")
    create_service = staticmethod(registers.copy_decision_create)
    add_permission = Action.DECLASSIFY

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().prefetch_related("copy_entries")

    @extend_schema(request=CopyLimitSerializer, responses=CopyLimitSerializer)
    @action(detail=False, methods=["get", "post"], serializer_class=CopyLimitSerializer)
    def limit(self, request: Request) -> Response:
        """Your unit's copies of a classified record never issued without a decision."""
        unit = request.user.unit
        if unit is None:
            raise exceptions.NotFound()
        if request.method == "POST":
            data = CopyLimitSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            unit_copy_limit_set(actor=request.user, unit=unit, limit=data.validated_data["limit"])
        return Response({"unit": unit.pk, "limit": unit_copy_limit(unit.pk)})


class SentRegisterViewSet(ObjectAPIViewSet):
    """The register of secret documents sent: the outgoing register's documents classified
    Mật or above (read-only; they are issued through ``/issued-documents/``)."""

    model = IssuedDocument
    queryset = IssuedDocument.objects.none()
    serializer_class = IssuedDocumentSerializer
    select_related = ("owner_unit", "source_type")
    filterset_fields = ("owner_unit", "year", "doc_type", "classification")
    ordering_fields = ("id", "number", "issued_on", "year")
    http_method_names = ("get", "head", "options")

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(classification__in=registers.SECRET_LEVELS).defer("docx")

    @extend_schema(exclude=True)
    def history(self, request: Request, pk: str | None = None) -> Response:
        raise exceptions.NotFound()


class SecretIncidentViewSet(RegisterAPIViewSet):
    """Losses and disclosures of state secrets; POST records one and reports it at once to
    the unit responsible for protecting state secrets."""

    model = SecretIncident
    queryset = SecretIncident.objects.none()
    serializer_class = SecretIncidentSerializer
    select_related = ("owner_unit", "reported_to")
    filterset_fields = ("owner_unit", "level", "kind")
    ordering_fields = ("id", "occurred_on")
    create_service = staticmethod(registers.incident_create)


class SecretsReportView(APIView):
    """The yearly state-secrets report: secret documents created, sent, received, copied,
    handed over, declassified and destroyed, and incidents, per unit and level, for the year
    window 15/12 (previous year) to 14/12, as the caller sees them. 400 for a year outside
    2000-2100 or an unknown unit; 404 for a unit outside the caller's subtree; 403 without
    the right to export the registers."""

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, description="2000 to 2100; default: the reporting year of today"),
            OpenApiParameter("unit", int, description="A unit (and its subtree); empty: all you may see"),
        ],
        responses=SecretsReportSerializer,
    )
    def get(self, request: Request) -> Response:
        from .. import secrets_report
        from ..views_secrets import ReportParamError, may_read, parse_params

        if not may_read(request.user):
            raise exceptions.PermissionDenied(_("You may not read the yearly state-secrets report."))
        try:
            year, scope = parse_params(request.user, request.query_params)
        except ReportParamError as exc:
            raise exceptions.ValidationError({exc.field: [str(exc)]}) from None
        report = secrets_report.secrets_yearly(user=request.user, year=year, scope=scope)
        return Response(secrets_report.as_json(report))

    @extend_schema(request=SecretsReportIssueSerializer, responses={201: IssuedDocumentSerializer})
    def post(self, request: Request) -> Response:
        """Issue the report of ``year`` and ``unit`` (empty: your unit, counting what you see):
        201 with the line of the outgoing register; 400 for a bad year, an unknown unit or bad
        particulars (nothing written); 404 for a unit outside your subtree; 403 for who may
        not issue (officers, viewers)."""
        from ..views_secrets import ReportParamError, may_issue, parse_params

        if not may_issue(request.user):
            raise exceptions.PermissionDenied(_("You may not issue the yearly state-secrets report."))
        data = SecretsReportIssueSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        raw_unit = values.pop("unit", None)
        params = {"year": str(values.pop("year")), "unit": "" if raw_unit is None else str(raw_unit)}
        try:
            year, scope = parse_params(request.user, params)
        except ReportParamError as exc:
            raise exceptions.ValidationError({exc.field: [str(exc)]}) from None
        if scope is None and request.user.unit is None:
            raise exceptions.ValidationError({"unit": [_("Choose the unit that issues the report.")]})
        doc = services.secrets_report_issue(actor=request.user, year=year, scope=scope, data=values)
        fresh = IssuedDocument.objects.visible_to(request.user).defer("docx").get(pk=doc.pk)
        return Response(
            IssuedDocumentSerializer(fresh, context={"request": request}).data, status=status.HTTP_201_CREATED
        )
