"""The audit log page and API, for administrators and leadership; read-only everywhere.

A target is named only to a viewer who may see that record; others see that a hidden
record was involved.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework import exceptions, mixins, serializers, viewsets

from access.choices import Role

from .dates import parse_day
from .models import AuditEntry, AuditEvent
from .text import fold

AUDIT_ROLES = {Role.ADMINISTRATOR, Role.LEADERSHIP}


def may_read_audit(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.role_codes & AUDIT_ROLES)


def audit_entries(user: Any, params: Any) -> Any:
    """Entries filtered by event, user, target type and dates (dd/mm/yyyy or ISO)."""
    qs = AuditEntry.objects.visible_to(user).select_related("target_type")
    event = params.get("event", "")
    if event in AuditEvent.values:
        qs = qs.filter(event=event)
    actor = fold(params.get("actor", ""))
    if actor:
        qs = qs.filter(actor_name__icontains=actor)
    for key, lookup in (("from", "time__date__gte"), ("to", "time__date__lte")):
        value = parse_day(params.get(key, ""))
        if value:
            qs = qs.filter(**{lookup: value})
    order = params.get("sort", "-time")
    return qs.order_by("time", "pk") if order == "time" else qs.order_by("-time", "-pk")


def target_names(user: Any, entries: list[AuditEntry]) -> dict[int, str]:
    """Entry id -> the target's name when the viewer may see it, else a neutral phrase.

    One query per kind of target on the page, through each model's visibility rule.
    """
    by_type: dict[Any, set[str]] = {}
    for entry in entries:
        if entry.target_type_id and entry.target_id:
            by_type.setdefault(entry.target_type, set()).add(entry.target_id)
    visible: dict[tuple[int, str], bool] = {}
    for ctype, ids in by_type.items():
        model = ctype.model_class()
        manager = model._default_manager if model is not None else None
        if manager is None or not hasattr(manager, "visible_to"):
            seen: set[str] = set()
        else:
            seen = {
                str(pk)
                for pk in manager.visible_to(user).filter(pk__in=list(ids)).values_list("pk", flat=True)
            }
        for pk in ids:
            visible[(ctype.pk, pk)] = pk in seen
    names = {}
    for entry in entries:
        if not entry.target_type_id:
            names[entry.pk] = ""
        elif visible.get((entry.target_type_id, entry.target_id)):
            names[entry.pk] = f"{entry.target_type.model_class()._meta.verbose_name}: {entry.target_repr}"
        else:
            names[entry.pk] = _("a record you may not see")
    return names


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    if not may_read_audit(request.user):
        raise PermissionDenied
    page = Paginator(audit_entries(request.user, request.GET), 50).get_page(request.GET.get("page"))
    entries = list(page.object_list)
    names = target_names(request.user, entries)
    rows = [{"entry": e, "target": names[e.pk]} for e in entries]
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "rows": rows,
        "page": page,
        "events": AuditEvent.choices,
        "params": request.GET,
        "query_string": params.urlencode(),
    }
    return render(request, "core/audit_list.html", context)


class AuditEntrySerializer(serializers.ModelSerializer):
    target = serializers.SerializerMethodField()

    class Meta:
        model = AuditEntry
        fields = (
            "id",
            "time",
            "event",
            "actor",
            "actor_name",
            "ip_address",
            "request_id",
            "target",
            "extra",
            "prev_hash",
            "entry_hash",
        )

    def get_target(self, entry: AuditEntry) -> str:
        return self.context["target_names"].get(entry.pk, "")


class AuditEntryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The audit log, read-only, for administrators and leadership."""

    serializer_class = AuditEntrySerializer
    queryset = AuditEntry.objects.none()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not may_read_audit(request.user):
            raise exceptions.PermissionDenied()

    def get_queryset(self):
        return audit_entries(self.request.user, self.request.query_params)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        names = target_names(request.user, page)
        data = AuditEntrySerializer(page, many=True, context={"target_names": names}).data
        return self.get_paginated_response(data)
