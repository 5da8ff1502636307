"""My work, the overdue board, completion rates, "signed but not implemented"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import models
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from access.rules import Action, can
from core.dates import parse_day
from core.text import as_id, fold
from core.workdays import window_containing

from .. import selectors
from ..choices import OPEN_STATUSES, AssignmentRole, SourceKind, Status
from ..models import ProgressReport
from .common import (
    _d,
    _page,
    _require_view,
    _search,
)

# --------------------------------------------------------------------------------------------
# My work, overdue board, completion rates, signed but not implemented
# --------------------------------------------------------------------------------------------

MY_WORK_SORTS = {
    "obligation": ("obligation__title", "pk"),
    "-obligation": ("-obligation__title", "-pk"),
    "unit": ("unit__path", "pk"),
    "-unit": ("-unit__path", "-pk"),
    "-due": (models.F("next_due").desc(nulls_last=True), "-pk"),
}


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    """Việc của tôi: the assignments of my unit's subtree, overdue first, then due soonest."""
    user = request.user
    _require_view(user)
    base = selectors.my_work(user)
    q = request.GET.get("q", "").strip()
    if q:
        base = _search(base, q)
    role = request.GET.get("role", "")
    if role in AssignmentRole.values:
        base = base.filter(role=role)
    else:
        role = ""
    counts = {s.value: 0 for s in Status}
    for row in base.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    status = request.GET.get("status", "")
    if status == "open":
        qs = base.filter(status__in=[s.value for s in OPEN_STATUSES])
    elif status in Status.values:
        qs = base.filter(status=status)
    else:
        status, qs = "", base
    sort = request.GET.get("sort", "")
    if sort in MY_WORK_SORTS:
        qs = qs.order_by(*MY_WORK_SORTS[sort])
    else:
        sort = ""
    page = _page(request, qs)
    tabs = [
        {"key": "", "label": _("All"), "count": sum(counts.values())},
        {"key": "open", "label": _("Open"), "count": sum(counts[s.value] for s in OPEN_STATUSES)},
        *({"key": s.value, "label": s.label, "count": counts[s.value]} for s in Status),
    ]
    context = {
        "page": page,
        "rows": list(page.object_list),
        "tabs": tabs,
        "status": status,
        "role": role,
        "roles": AssignmentRole.choices,
        "q": q,
        "sort": sort,
        "today": timezone.localdate(),
        "may_report": can(user, Action.ADD, ProgressReport),
        "unit": user.unit,
    }
    return render(request, "tracking/my_work.html", context)


OVERDUE_SORTS = {
    # Every row is overdue, so its due date is the date it became overdue: sorting on the
    # stored column lets the due-date index deliver the page.
    "oldest": ("open_due_on", "pk"),
    "newest": ("-open_due_on", "-pk"),
    "unit": ("unit__path", "overdue_since", "pk"),
    "obligation": ("obligation__title", "pk"),
}


@login_required
def overdue_board(request: HttpRequest) -> HttpResponse:
    """Overdue work by unit and by source, oldest first (each user sees what visible_to allows)."""
    user = request.user
    _require_view(user)
    today = timezone.localdate()
    unit = request.GET.get("unit", "")
    unit_id = as_id(unit)
    all_units = request.GET.get("units") == "all"
    board = selectors.overdue_board(
        user, today, top=None if all_units else selectors.BOARD_TOP_UNITS, keep=unit_id
    )
    rows = board["rows"]
    if unit_id is not None:
        rows = rows.filter(unit_id=unit_id)
    else:
        unit = ""
    source = request.GET.get("source", "")
    if source in SourceKind.values:
        rows = rows.filter(obligation__source_kind=source)
    else:
        source = ""
    sort = request.GET.get("sort", "oldest")
    if sort not in OVERDUE_SORTS:
        sort = "oldest"
    page = _page(request, rows.order_by(*OVERDUE_SORTS[sort]))
    shown = list(page.object_list)
    for a in shown:
        a.days_overdue = (today - a.overdue_since).days if a.overdue_since else None
    context = {
        "page": page,
        "rows": shown,
        "total": board["total"],
        "by_unit": board["by_unit"],
        "units_count": board["units_count"],
        "all_units": all_units,
        "by_source": board["by_source"],
        "unit": unit,
        "source": source,
        "sort": sort,
        "sorts": [
            ("oldest", _("Oldest first")),
            ("newest", _("Newest first")),
            ("unit", _("By unit")),
            ("obligation", _("By obligation")),
        ],
        "today": today,
        "limited": not user.has_ministry_scope,
    }
    return render(request, "tracking/overdue.html", context)


COMPLETION_SORTS = {
    "rate": lambda r: (r["rate"] if r["rate"] is not None else 101, r["unit"].path),
    "-rate": lambda r: (-(r["rate"] if r["rate"] is not None else -1), r["unit"].path),
    "unit": lambda r: r["unit"].path,
    "overdue": lambda r: (-r[Status.OVERDUE.value], r["unit"].path),
}


@login_required
def completion(request: HttpRequest) -> HttpResponse:
    """Tỷ lệ hoàn thành: per unit, the periods due in a window done on time, late or overdue."""
    user = request.user
    _require_view(user)
    today = timezone.localdate()
    _year, _period, default_start, default_end = window_containing("year", today)
    raw_from, raw_to = request.GET.get("from"), request.GET.get("to")
    start = parse_day(raw_from, default_start)
    end = parse_day(raw_to, default_end)
    date_error = (bool(raw_from) and parse_day(raw_from) is None) or (
        bool(raw_to) and parse_day(raw_to) is None
    )
    if start > end:
        start, end, date_error = default_start, default_end, True
    rows = selectors.completion_table(user, start, end, today)
    sort = request.GET.get("sort", "rate")
    if sort not in COMPLETION_SORTS:
        sort = "rate"
    rows = sorted(rows, key=COMPLETION_SORTS[sort])
    keys = [s.value for s in Status]
    totals = {k: sum(r[k] for r in rows) for k in [*keys, "total"]}
    due = totals["total"] - totals[Status.NOT_STARTED.value] - totals[Status.IN_PROGRESS.value]
    totals["rate"] = round(100 * totals[Status.DONE.value] / due) if due else None
    for r in rows:
        r["open"] = r[Status.NOT_STARTED.value] + r[Status.IN_PROGRESS.value]
    totals["open"] = totals[Status.NOT_STARTED.value] + totals[Status.IN_PROGRESS.value]
    context = {
        "rows": rows,
        "totals": totals,
        "from_text": _d(start),
        "to_text": _d(end),
        "default_from": _d(default_start),
        "default_to": _d(default_end),
        "date_error": date_error,
        "sort": sort,
        "limited": not user.has_ministry_scope,
    }
    return render(request, "tracking/completion.html", context)


@login_required
def not_implemented(request: HttpRequest) -> HttpResponse:
    """Đã ký nhưng chưa thực hiện: documents whose obligations are unassigned or overdue."""
    user = request.user
    _require_view(user)
    groups = selectors.signed_not_implemented(user)
    q = request.GET.get("q", "").strip()
    if q:
        words = fold(q).split()
        groups = [g for g in groups if all(w in fold(g["label"]) for w in words)]
    show = request.GET.get("show", "")
    if show == "unassigned":
        groups = [g for g in groups if g["unassigned"]]
    elif show == "overdue":
        groups = [g for g in groups if g["overdue"]]
    else:
        show = ""
    page = _page(request, groups)
    context = {
        "page": page,
        "groups": list(page.object_list),
        "q": q,
        "show": show,
        "unassigned_total": sum(len(g["unassigned"]) for g in groups),
        "overdue_total": sum(len(g["overdue"]) for g in groups),
    }
    return render(request, "tracking/not_implemented.html", context)
