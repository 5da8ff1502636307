"""Generic API viewset over the same visibility rule and services as the pages."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.rules import Action, can
from core.audit import audit_opened, audit_refused
from core.history import history_for, mask_history_links
from core.personal import mask, may_see_personal, personal_fields, record_personal_view, unit_path_for_masking
from core.services import record_set_classification
from core.text import as_id, fold

from .params import ordering_param
from .serializers import ClassificationChangeSerializer, ObjectChangeSerializer


class ObjectAPIViewSet(viewsets.ModelViewSet):
    """CRUD over ``visible_to``: hidden is 404, not allowed is 403, stale is 409."""

    model: ClassVar[type[models.Model]]
    select_related: ClassVar[tuple[str, ...]] = ()
    prefetch_related: ClassVar[tuple[str, ...]] = ()
    ordering_fields: ClassVar[tuple[str, ...]] = ("id",)
    derived_ordering: ClassVar[tuple[str, ...]] = ()
    create_service: ClassVar[Any] = None
    update_service: ClassVar[Any] = None
    delete_service: ClassVar[Any] = None
    http_method_names = ("get", "post", "put", "patch", "delete", "head", "options")

    def get_queryset(self) -> models.QuerySet:
        qs = self.model._default_manager.visible_to(self.request.user)
        if masking := unit_path_for_masking(self.model):
            qs = qs.select_related(masking)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        q = self.request.query_params.get("q", "").strip()
        if q and self.reads_search_text():
            for word in fold(q).split():
                qs = qs.filter(search_text__contains=word)
        # Orderings on fields a subclass derives (``derived_ordering``) are applied by it.
        ordering = ordering_param(self.request, (*self.ordering_fields, *self.derived_ordering))
        if ordering and ordering.lstrip("-") in self.ordering_fields:
            qs = qs.order_by(ordering, "pk")
        elif not qs.query.order_by and not self.model._meta.ordering:
            qs = qs.order_by("pk")
        return qs

    @classmethod
    def reads_search_text(cls) -> bool:
        """Whether ``?q=`` searches this model (it keeps a folded ``search_text``)."""
        return any(f.name == "search_text" for f in cls.model._meta.concrete_fields)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if not can(request.user, Action.VIEW, self.model):
            raise exceptions.PermissionDenied()

    def require(self, action_name: str, obj: Any) -> None:
        if not can(self.request.user, action_name, obj):
            if obj is not None and not isinstance(obj, type):
                audit_refused(self.request.user, self.model, obj.pk, str(action_name))
            raise exceptions.PermissionDenied()

    def get_object(self) -> Any:
        """The record through visible_to; a hidden one is 404 and the refusal is audited."""
        if as_id(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)) is None:
            raise exceptions.NotFound()  # no record has such an id (SQLite cannot even bind it)
        try:
            return super().get_object()
        except Http404:
            audit_refused(self.request.user, self.model, self.kwargs.get(self.lookup_field), "hidden")
            raise

    def current_representation(self, obj: Any) -> dict[str, Any]:
        """The record as it is now, in the viewset's own form (an action's input serializer,
        such as the classification change, cannot show it)."""
        fresh = self.get_queryset().get(pk=obj.pk)
        return type(self).serializer_class(fresh, context=self.get_serializer_context()).data

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        audit_opened(request.user, obj, "api")
        if personal_fields(self.model) and may_see_personal(request.user, obj):
            record_personal_view(request.user, obj, "api")
        return Response(self.get_serializer(obj).data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.require(Action.ADD, self.model)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        obj = self.create_service(actor=request.user, data=serializer.service_data())
        obj = self.get_queryset().get(pk=obj.pk)
        return Response(self.get_serializer(obj).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.pop("partial", False)
        obj = self.get_object()
        self.require(Action.CHANGE, obj)
        serializer = self.get_serializer(obj, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        version = serializer.validated_data.get("version")
        if version is None:
            raise exceptions.ValidationError({"version": [_("The record's version (version) is required.")]})
        saved = self.update_service(
            actor=request.user, obj=obj, data=serializer.service_data(), version=version
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=saved.pk)).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        self.require(Action.DELETE, obj)
        raw = request.query_params.get("version") or request.data.get("version")
        try:
            version = int(raw) if raw not in (None, "") else None
        except (TypeError, ValueError):
            raise exceptions.ValidationError({"version": [_("Invalid version.")]}) from None
        self.delete_service(actor=request.user, obj=obj, version=version)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=ObjectChangeSerializer(many=True))
    @action(detail=True, methods=["get"], serializer_class=ObjectChangeSerializer)
    def history(self, request: Request, pk: str | None = None) -> Response:
        """Changes of this record, newest first (visible to whoever sees the record)."""
        obj = self.get_object()
        page = self.paginate_queryset(history_for(obj))
        data = ObjectChangeSerializer(page, many=True).data
        mask_history_links(
            self.model,
            [row[key] for row in data for key in ("prechange_data", "postchange_data")],
            request.user,
        )
        personal = personal_fields(self.model)
        if personal and not may_see_personal(request.user, obj):
            for row in data:
                for key in ("prechange_data", "postchange_data"):
                    for name in personal:
                        if row[key] and row[key].get(name) not in (None, ""):
                            row[key][name] = mask(row[key][name])
        return self.get_paginated_response(data)


class BusinessAPIViewSet(ObjectAPIViewSet):
    """The viewset of business records: CRUD, history, and the classification change."""

    @extend_schema(request=ClassificationChangeSerializer)
    @action(detail=True, methods=["post"], serializer_class=ClassificationChangeSerializer)
    def classification(self, request: Request, pk: str | None = None) -> Response:
        """Raise, lower or lift the classification; recorded in history and the audit log."""
        obj = self.get_object()
        # Raising is a change; lowering, lifting and extending the decision of the classifying
        # authority (the service checks which one this is).
        if not (can(request.user, Action.CHANGE, obj) or can(request.user, Action.DECLASSIFY, obj)):
            self.require(Action.CHANGE, obj)
        follows = getattr(self.model, "classification_follows", None)
        if follows:
            raise exceptions.ValidationError(
                {"classification": [_("This record takes the classification of its {}.").format(follows)]}
            )
        change = ClassificationChangeSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        saved = record_set_classification(
            actor=request.user,
            obj=obj,
            level=change.validated_data["classification"],
            version=change.validated_data["version"],
            protection_years=change.validated_data.get("protection_years"),
            reason=change.validated_data["reason"],
        )
        fresh = self.get_queryset().get(pk=saved.pk)
        return Response(type(self).serializer_class(fresh, context=self.get_serializer_context()).data)
