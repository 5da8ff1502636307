"""Coverage of commitments: the list behind the figure, its export, and "track" in one action.

Every row comes from ``tracking.coverage.commitments`` (each feeding app's reads through
``visible_to``); tracking writes through ``services.commitment_track``. A bad date is a 400
with the reason; a source the user may not see is 404; a user who may not track gets 403.
"""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from access.rules import Action, can
from core.audit import audit_record, audit_refused
from core.dates import parse_day
from core.exceptions import PermissionDenied, ValidationError
from core.models import AuditEvent
from core.text import as_id, fold

from .. import coverage, services
from ..models import Assignment, Obligation
from .common import PAGE_SIZE, _d, _require_view

COVERAGE_SORTS = {
    "binds": lambda r: (r["binds_on"], r["key"], r["pk"]),
    "-binds": lambda r: (-r["binds_on"].toordinal(), r["key"], r["pk"]),
    "title": lambda r: (fold(r["title"]), r["key"], r["pk"]),
    "kind": lambda r: (r["key"], r["binds_on"], r["pk"]),
}
STATUS_FILTERS = ("all", "tracked", *coverage.TRACKED_STATUSES, coverage.UNTRACKED)


def _as_of(request: HttpRequest) -> tuple[datetime.date, str]:
    """The date of the figures (dd/mm/yyyy or ISO, default today) and an error for a bad one."""
    raw = request.GET.get("as_of", "").strip()
    if not raw:
        return timezone.localdate(), ""
    day = parse_day(raw)
    if day is None:
        return timezone.localdate(), _("“{}” is not a date: use dd/mm/yyyy.").format(raw)
    return day, ""


def _unit(request: HttpRequest) -> Any:
    from org.models import Unit

    value = as_id(request.GET.get("unit"))
    if value is None:
        return None
    return Unit.objects.visible_to(request.user).filter(pk=value).first()


def may_track(user: Any) -> bool:
    """Tracking makes an obligation and assigns its lead."""
    return can(user, Action.ADD, Obligation) and can(user, Action.ASSIGN, Assignment)


def _filtered(request: HttpRequest, as_of: datetime.date) -> dict[str, Any]:
    user = request.user
    unit = _unit(request)
    kind = request.GET.get("kind", "")
    if coverage.commitment_source(kind) is None:
        kind = ""
    rows = coverage.commitments(user, as_of, unit=unit, kinds=[kind] if kind else None)
    totals = coverage.counts(rows)
    status = request.GET.get("status", coverage.UNTRACKED)
    if status not in STATUS_FILTERS:
        status = coverage.UNTRACKED
    if status == "tracked":
        rows = [r for r in rows if r["status"] in coverage.TRACKED_STATUSES]
    elif status != "all":
        rows = [r for r in rows if r["status"] == status]
    q = request.GET.get("q", "").strip()
    for word in fold(q).split():
        rows = [r for r in rows if word in fold(f"{r['title']} {r['document']}")]
    sort = request.GET.get("sort", "binds")
    if sort not in COVERAGE_SORTS:
        sort = "binds"
    rows.sort(key=COVERAGE_SORTS[sort])
    return {
        "rows": rows,
        "totals": totals,
        "unit": unit,
        "kind": kind,
        "status": status,
        "q": q,
        "sort": sort,
    }


def _export(request: HttpRequest, rows: list[dict[str, Any]], as_of: datetime.date) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [_("Kind"), _("Commitment"), _("Document"), _("Binds from"), _("Status"), _("Lead due on")]
    )
    for r in rows:
        writer.writerow(
            [
                str(r["kind_label"]),
                r["title"],
                r["document"],
                _d(r["binds_on"]),
                str(r["status_label"]),
                _d(r["due_on"]) if r["due_on"] else "",
            ]
        )
    audit_record(
        AuditEvent.EXPORT,
        actor=request.user,
        extra={
            "model": "tracking.coverage",
            "format": "csv",
            "rows": len(rows),
            "query": request.GET.urlencode(),
        },
    )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="commitments-{as_of.isoformat()}.csv"'
    return response


@login_required
def coverage_list(request: HttpRequest) -> HttpResponse:
    """Cam kết: every commitment on a date with its status; the untracked ones first of all."""
    user = request.user
    _require_view(user)
    as_of, error = _as_of(request)
    data = _filtered(request, as_of)
    if request.GET.get("export") == "csv" and not error:
        if not can(user, Action.EXPORT, Obligation):
            raise PermissionDenied
        return _export(request, data["rows"], as_of)
    page = Paginator(data["rows"], PAGE_SIZE).get_page(request.GET.get("page"))
    from org.models import Unit

    totals = data["totals"]
    tabs = [
        {"key": "all", "label": _("All"), "count": totals["total"]},
        {"key": "tracked", "label": _("Tracked"), "count": totals["tracked"]},
        *(
            {"key": key, "label": coverage.STATUS_LABELS[key], "count": totals[key]}
            for key in (*coverage.TRACKED_STATUSES, coverage.UNTRACKED)
        ),
    ]
    context = {
        **data,
        "page": page,
        "page_rows": list(page.object_list),
        "tabs": tabs,
        "as_of": as_of,
        "as_of_text": _d(as_of),
        "error": error,
        "kinds": [(s.key, s.label) for s in coverage.commitment_sources()],
        "sorts": [
            ("binds", _("Oldest first")),
            ("-binds", _("Newest first")),
            ("title", _("By title")),
            ("kind", _("By kind")),
        ],
        "units": list(Unit.objects.visible_to(user).filter(depth__lte=1).order_by("depth", "sort_key", "pk"))
        if user.has_ministry_scope
        else [],
        "may_track": may_track(user),
        "may_export": can(user, Action.EXPORT, Obligation),
        "limited": not user.has_ministry_scope,
        "export_query": urlencode({**request.GET.dict(), "export": "csv"}),
    }
    return render(request, "tracking/coverage.html", context, status=400 if error else 200)


def _source(request: HttpRequest, key: str, pk: int) -> Any:
    """The commitment's source record through its model's visible_to (hidden or missing: 404)."""
    source = coverage.commitment_source(key)
    if source is None:
        raise Http404
    obj = source.model.objects.visible_to(request.user).filter(pk=pk).first()
    if obj is None:
        audit_refused(request.user, source.model, pk, "hidden")
        raise Http404
    if not source.is_commitment(obj):
        raise Http404
    return obj


@login_required
def coverage_track(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    """Track one commitment: GET shows the lead unit and deadline (defaults filled in); POST
    (the list's one-click button, or this form) makes the obligation and its lead assignment."""
    from org.models import Unit

    user = request.user
    obj = _source(request, key, pk)
    if not may_track(user):
        audit_refused(user, type(obj), obj.pk, str(Action.ASSIGN))
        raise PermissionDenied
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    back = back or reverse("tracking:coverage")
    errors: dict[str, list[str]] = {}
    units = Unit.objects.visible_to(user).order_by("path")
    if not user.has_ministry_scope and user.unit is not None:
        units = units.filter(path__startswith=user.unit.path)
    if request.method == "POST":
        raw_unit = request.POST.get("lead_unit", "").strip()
        lead_unit = None
        if raw_unit:
            lead_unit = units.filter(pk=as_id(raw_unit)).first() if as_id(raw_unit) is not None else None
            if lead_unit is None:
                errors["lead_unit"] = [_("Choose a unit from the list.")]
        raw_due = request.POST.get("due_on", "").strip()
        due_on = parse_day(raw_due) if raw_due else None
        if raw_due and due_on is None:
            errors["due_on"] = [_("Enter a date as dd/mm/yyyy.")]
        if not errors:
            try:
                lead = services.commitment_track(actor=user, source=obj, lead_unit=lead_unit, due_on=due_on)
            except ValidationError as exc:
                errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            else:
                messages.success(
                    request,
                    _("Tracked: {unit} leads, due {due}.").format(
                        unit=lead.unit, due=_d(lead.due_on) if lead.due_on else "—"
                    ),
                )
                return redirect(back)
    context = {
        "obj": obj,
        "key": key,
        "units": list(units.only("pk", "name_vi", "name_en", "path")),
        "default_unit": user.unit,
        "default_due": _d(timezone.localdate() + datetime.timedelta(days=services.TRACK_DEFAULT_DAYS)),
        "errors": errors,
        "general_errors": [
            m for name, msgs in errors.items() if name not in ("lead_unit", "unit", "due_on") for m in msgs
        ],
        "next": back,
        "values": request.POST,
    }
    return render(request, "tracking/coverage_track.html", context, status=400 if errors else 200)
