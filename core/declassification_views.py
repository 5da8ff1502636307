"""What the protection periods will release: the records declassified in the coming days.

For the leadership, coordinators and unit heads (who decide extensions); each sees only the
records the visibility rule lets them see. Page ``/security/declassification/`` and API
``/api/v1/declassification/``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, serializers

from access.choices import DEFAULT_PROTECTION_YEARS, Classification, Role

from .api.params import int_param
from .declassification import MAX_UPCOMING_DAYS, UPCOMING_DAYS, record_label, upcoming

UPCOMING_ROLES = {Role.LEADERSHIP, Role.COORDINATOR, Role.UNIT_HEAD}
PAGE_SIZE = 50
SORTS = {"date": False, "-date": True}


def may_see_upcoming(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.role_codes & UPCOMING_ROLES)


def _filtered(rows: list[Any], level: str, kind: str) -> list[Any]:
    """Rows of one level and one kind of record (empty: all)."""
    return [
        r
        for r in rows
        if (not level or r.classification == level) and (not kind or r._meta.label_lower == kind)
    ]


@login_required
def upcoming_list(request: HttpRequest) -> HttpResponse:
    if not may_see_upcoming(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    error = ""
    raw_days = request.GET.get("days", "").strip()
    days = UPCOMING_DAYS
    if raw_days:
        try:
            days = int(raw_days)
        except ValueError:
            days = -1
        if not 1 <= days <= MAX_UPCOMING_DAYS:
            error = _("Use a number of days from 1 to %(max)s.") % {"max": MAX_UPCOMING_DAYS}
            days = UPCOMING_DAYS
    level = request.GET.get("level", "")
    level = level if level in DEFAULT_PROTECTION_YEARS else ""
    every = upcoming(request.user, today, days)
    kinds = sorted(
        {(r._meta.label_lower, str(r._meta.verbose_name).capitalize()) for r in every}, key=lambda k: k[1]
    )
    kind = request.GET.get("kind", "")
    kind = kind if kind in {k for k, _label in kinds} else ""
    rows = _filtered(every, level, kind)
    sort = request.GET.get("sort", "date")
    sort = sort if sort in SORTS else "date"
    if SORTS[sort]:
        rows.reverse()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for record in page.object_list:
        record.days_left = (record.declassify_on - today).days
        record.kind_label = str(record._meta.verbose_name).capitalize()
        record.model_label = record._meta.label_lower
        record.shown_title = record_label(record, request.user)
    context = {
        "page": page,
        "rows": page.object_list,
        "days": days,
        "level": level,
        "kind": kind,
        "kinds": kinds,
        "levels": [(v, label) for v, label in Classification.choices if v in DEFAULT_PROTECTION_YEARS],
        "sort": sort,
        "next_sort": "-date" if sort == "date" else "date",
        "error": error,
        "today": today,
        "end": today + datetime.timedelta(days=days),
    }
    return render(request, "core/declassification_upcoming.html", context, status=400 if error else 200)


class UpcomingDeclassificationSerializer(serializers.Serializer):
    model = serializers.CharField(source="_meta.label_lower")
    id = serializers.IntegerField(source="pk")
    title = serializers.SerializerMethodField()
    classification = serializers.ChoiceField(choices=Classification.choices)
    classified_on = serializers.DateField()
    protection_years = serializers.IntegerField(source="protection_period")
    declassify_on = serializers.DateField()
    owner_unit = serializers.IntegerField(source="owner_unit_id")
    url = serializers.CharField(source="get_absolute_url")

    def get_title(self, record: Any) -> str:
        return record_label(record, self.context["request"].user)


@extend_schema(
    parameters=[
        OpenApiParameter("days", int, description=f"1 to {MAX_UPCOMING_DAYS}; default {UPCOMING_DAYS}"),
        OpenApiParameter("level", str, enum=list(DEFAULT_PROTECTION_YEARS)),
    ]
)
class UpcomingDeclassificationView(generics.ListAPIView):
    """Records the caller sees whose protection period ends within ``days`` (default 90),
    soonest first: for the leadership, coordinators and unit heads."""

    serializer_class = UpcomingDeclassificationSerializer

    def get_queryset(self) -> list[Any]:
        if getattr(self, "swagger_fake_view", False):
            # The schema generator asks for a model; the rows are records of many models, and
            # the path has no id to type: any empty queryset answers it.
            from django.contrib.contenttypes.models import ContentType

            return ContentType.objects.none()
        request = self.request
        if not may_see_upcoming(request.user):
            raise exceptions.PermissionDenied(
                _("Only the leadership, coordinators and unit heads see this list.")
            )
        days = int_param(request, "days", low=1, high=MAX_UPCOMING_DAYS) or UPCOMING_DAYS
        level = request.query_params.get("level", "").strip()
        if level and level not in DEFAULT_PROTECTION_YEARS:
            raise exceptions.ValidationError(
                {"level": [_("Use one of: %(names)s.") % {"names": ", ".join(DEFAULT_PROTECTION_YEARS)}]}
            )
        return _filtered(upcoming(request.user, timezone.localdate(), days), level, "")
