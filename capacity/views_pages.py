"""The capacity indicator page (share vs the 2030 target, trend chart) and the gap page
(one criterion short, certificates expiring soon, Excel export). Reads through selectors
over ``visible_to``."""

from __future__ import annotations

import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from access.rules import Action, can
from core.audit import AuditEvent, audit_record
from core.dates import parse_day
from core.spreadsheets import append_row
from org.models import Unit

from . import selectors
from .choices import Criterion
from .models import StaffProfile

# The gap page shows this many people one criterion short per page; the Excel export has them all.
GAP_PAGE_SIZE = 50
# The trend chart's drawing box (SVG user units).
CHART_W, CHART_H, CHART_PAD = 640, 220, 36


def _params(request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    as_of = parse_day(request.GET.get("as_of"), today)
    unit = None
    raw = request.GET.get("unit", "").strip()
    if raw.isdigit():
        unit = Unit.objects.visible_to(request.user).filter(pk=int(raw)).first()
    return {"as_of": as_of, "unit": unit}


def _units(user: Any) -> list[Unit]:
    """Units offered in the filter: the ministry's departments and provinces (depth ≤ 1)."""
    return list(Unit.objects.visible_to(user).filter(depth__lte=1).order_by("depth", "sort_key", "pk"))


def chart(trend: list[dict[str, Any]], target_min: int, target_max: int) -> dict[str, Any]:
    """Bars of the yearly share with the target band, in SVG coordinates (0–50 % scale)."""
    top = max([50.0] + [t["share"] or 0 for t in trend])
    inner_w, inner_h = CHART_W - 2 * CHART_PAD, CHART_H - 2 * CHART_PAD
    n = max(1, len(trend))
    slot = inner_w / n

    def y(value: float) -> float:
        return round(CHART_PAD + inner_h - inner_h * value / top, 1)

    bars = []
    for i, t in enumerate(trend):
        value = t["share"] or 0
        x = CHART_PAD + i * slot + slot * 0.2
        bars.append(
            {
                "x": round(x, 1),
                "y": y(value),
                "w": round(slot * 0.6, 1),
                "h": round(CHART_PAD + inner_h - y(value), 1),
                "label_x": round(x + slot * 0.3, 1),
                "label_y": round(y(value) - 3, 1),
                "year": t["year"],
                "share": t["share"],
                "version": t["definition_version"],
            }
        )
    return {
        "width": CHART_W,
        "height": CHART_H,
        "bars": bars,
        "band_y": y(target_max),
        "band_h": round(y(target_min) - y(target_max), 1),
        "band_x": CHART_PAD,
        "band_w": inner_w,
        "axis_y": CHART_PAD + inner_h,
        "axis_x2": CHART_PAD + inner_w,
        "year_y": CHART_PAD + inner_h + 16,
        "ticks": [{"y": y(v), "label": v} for v in (0, 10, 20, 30, 40, 50) if v <= top],
    }


@login_required
def indicator_page(request: HttpRequest) -> HttpResponse:
    """National or unit-subtree share of leaders meeting the criterion against 25–30 % by 2030."""
    if not can(request.user, Action.VIEW, StaffProfile):
        raise PermissionDenied
    params = _params(request)
    data = selectors.indicator(user=request.user, **params)
    context = {
        **data,
        "units": _units(request.user),
        "chart": chart(data["trend"], data["target_min"], data["target_max"]),
    }
    return render(request, "capacity/indicator.html", context)


def _within(request: HttpRequest) -> int:
    try:
        return max(1, min(730, int(request.GET.get("within", 90))))
    except ValueError:
        return 90


@login_required
def gaps_page(request: HttpRequest) -> HttpResponse:
    """Leaders one criterion short (for training plans), certificates expiring, units furthest
    from the target; ``?export=xlsx`` downloads the lists (audited like the generic export)."""
    if not can(request.user, Action.VIEW, StaffProfile):
        raise PermissionDenied
    params = _params(request)
    missing = request.GET.get("missing", "")
    if missing not in Criterion.values:
        missing = ""
    export = request.GET.get("export") == "xlsx"
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    data = selectors.gaps(
        user=request.user,
        within_days=_within(request),
        missing=missing or None,
        page=None if export else page,
        per_page=GAP_PAGE_SIZE,
        **params,
    )
    if export:
        if not can(request.user, Action.EXPORT, StaffProfile):
            raise PermissionDenied
        response = _export(data)
        audit_record(
            AuditEvent.EXPORT,
            actor=request.user,
            extra={
                "model": "capacity.gaps",
                "format": "xlsx",
                "rows": response.rows,
                "query": request.GET.urlencode(),
            },
        )
        return response
    furthest = selectors.indicator(user=request.user, trend_from=params["as_of"].year, **params)["furthest"]
    query = request.GET.copy()
    query.pop("page", None)
    query["export"] = "xlsx"
    paging = request.GET.copy()
    paging.pop("page", None)
    paging.pop("export", None)
    filtering = paging.copy()
    filtering.pop("missing", None)
    context = {
        "filter_query": filtering.urlencode(),
        **data,
        "criteria": Criterion.choices,
        "page_query": paging.urlencode(),
        "furthest": furthest,
        "units": _units(request.user),
        "can_export": can(request.user, Action.EXPORT, StaffProfile),
        "export_query": query.urlencode(),
    }
    return render(request, "capacity/gaps.html", context)


def _export(data: dict[str, Any]) -> HttpResponse:
    """Two sheets without personal data: who is one criterion short, and what expires."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_("One criterion short")[:31])
    append_row(ws, [_("Staff number"), _("Unit"), _("Rank"), _("Position"), _("Missing criterion")])
    rows = 0
    for row in data["one_short"]:
        p = row["profile"]
        append_row(ws, [p.staff_code, str(p.owner_unit), p.rank, p.position, str(row["missing_label"])])
        rows += 1
    ws = wb.create_sheet(title=_("Expiring")[:31])
    append_row(
        ws,
        [_("Staff number"), _("Unit"), _("Position"), _("Certificate or qualification"), _("Counts until")],
    )
    for row in data["expiring"]:
        p = row["profile"]
        append_row(
            ws,
            [
                p.staff_code,
                str(p.owner_unit),
                p.position,
                str(row["record"]),
                row["ends_on"].strftime("%d/%m/%Y"),
            ],
        )
        rows += 1
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="capacity-gaps.xlsx"'
    response.rows = rows
    return response
