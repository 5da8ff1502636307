"""The leadership dashboard page and the list behind its assignment figures.

Reads only, through ``dashboard.selectors`` (every count through ``visible_to``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from access.rules import Action, can
from core.dates import parse_day
from core.exceptions import PermissionDenied
from core.paging import CappedPaginator
from core.text import as_id
from org.models import Unit
from tracking.choices import Status

from . import selectors

PAGE_SIZE = 25


def _scope(request: HttpRequest) -> tuple[selectors.Scope, bool]:
    """The date (dd/mm/yyyy or ISO, default today), the unit and the country-group filters;
    True when the date was bad."""
    raw = request.GET.get("as_of", "")
    day = parse_day(raw)
    bad_date = bool(raw.strip()) and day is None
    unit = selectors.chosen_unit(request.user, request.GET.get("unit"))
    group = selectors.chosen_group(request.user, request.GET.get("group"))
    scope = selectors.Scope(user=request.user, as_of=day or timezone.localdate(), unit=unit, group=group)
    return scope, bad_date


def chart_data(figures: dict[str, Any]) -> dict[str, Any]:
    """What dashboard.js draws: labels and values only (the tables carry the same figures)."""
    data: dict[str, Any] = {}
    if figures["assignments"]:
        a = figures["assignments"]
        data["status"] = {
            "labels": [r["label"] for r in a["by_status"]],
            "keys": [r["status"] for r in a["by_status"]],
            "values": [r["count"] for r in a["by_status"]],
        }
        data["units"] = {
            "labels": [r["unit"] for r in a["by_unit"]],
            "overdue": [r["overdue"] for r in a["by_unit"]],
            "open": [r["open"] - r["overdue"] for r in a["by_unit"]],
            "done": [r["done"] for r in a["by_unit"]],
            "series": {"overdue": _("Overdue"), "open": _("Open, not overdue"), "done": _("Done")},
        }
    if figures["cases"]:
        c = figures["cases"]
        data["case_types"] = {
            "labels": [r["label"] for r in c["by_type"]],
            "values": [r["count"] for r in c["by_type"]],
        }
        data["case_countries"] = {
            "labels": [r["country"] for r in c["by_country"]],
            "values": [r["count"] for r in c["by_country"]],
        }
    if figures["capacity"] and figures["capacity"]["share"] is not None:
        cap = figures["capacity"]
        data["capacity"] = {
            "share": cap["share"],
            "target_min": cap["target_min"],
            "target_max": cap["target_max"],
        }
    return data


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Tổng quan: the leadership dashboard for a date, each figure a link to its list."""
    scope, bad_date = _scope(request)
    figures = selectors.dashboard(scope)
    context = {
        "figures": figures,
        "partners": figures["partners"],
        "assignments": figures["assignments"],
        "coverage": figures["coverage"],
        "cases": figures["cases"],
        "events": figures["events"],
        "capacity": figures["capacity"],
        "charts": chart_data(figures),
        "as_of_text": selectors.day_text(scope.as_of),
        "bad_date": bad_date,
        "unit": scope.unit,
        "units": selectors.filter_units(request.user),
        "group": figures["group"],
        "groups": selectors.filter_groups(request.user),
        "group_error": bool(request.GET.get("group")) and scope.group is None,
        "limited": not request.user.has_ministry_scope,
    }
    return render(request, "dashboard/home.html", context)


def _unit(user: Any, raw: Any) -> Unit | None:
    value = as_id(raw)
    if value is None:
        return None
    return Unit.objects.visible_to(user).filter(pk=value).first()


@login_required
def assignments(request: HttpRequest) -> HttpResponse:
    """The assignments behind a dashboard figure: status on the date, unit or subtree."""
    if not can(request.user, Action.VIEW, selectors.Assignment):
        raise PermissionDenied
    scope, bad_date = _scope(request)
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    unit = _unit(request.user, request.GET.get("unit"))
    within = _unit(request.user, request.GET.get("within"))
    rows = selectors.assignment_rows(scope, status=status, unit=unit, within=within)
    page = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": list(page.object_list),
        "status": status,
        "status_label": Status(status).label if status else "",
        "unit": unit,
        "within": within,
        "as_of_text": selectors.day_text(scope.as_of),
        "bad_date": bad_date,
        "limited": not request.user.has_ministry_scope,
    }
    return render(request, "dashboard/assignments.html", context)
