"""Indicator, comparison and map pages of the partner registry (reads through selectors)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.dates import parse_day

from . import selectors
from .models import Country, CountryGroup

SEED_DATES = (datetime.date(2021, 12, 14), datetime.date(2026, 3, 2))


def _group(request: HttpRequest) -> tuple[Any, bool]:
    """The ``?group=`` of a page: the country group, and whether an unknown one was asked for."""
    raw = request.GET.get("group") or ""
    if not raw:
        return None, False
    group = CountryGroup.objects.visible_to(request.user).filter(pk=raw).first() if raw.isdigit() else None
    return group, group is None


@login_required
def indicators_page(request: HttpRequest) -> HttpResponse:
    """Tổng hợp đối tác: the headline figures for a chosen date, each a link to its list."""
    today = timezone.localdate()
    raw = request.GET.get("as_of")
    day = parse_day(raw, today)
    figures = selectors.indicators(user=request.user, as_of=day)
    links = selectors.figure_links(day)
    group, group_error = _group(request)
    context = {
        "groups": CountryGroup.objects.visible_to(request.user).only("id", "name_vi", "name_en"),
        "group": group,
        "group_error": group_error,
        "relations": selectors.group_relations(user=request.user, group=group, day=day) if group else None,
        "day": day,
        "as_of_text": selectors.dmy(day),
        "date_error": bool(raw) and parse_day(raw) is None,
        "figures": [
            {"key": key, "value": figures[key], "url": links[key]}
            for key in (
                "foreign_agencies",
                "countries",
                "multilateral_participation",
                "members_organizations",
                "members_forums",
                "members_mechanisms",
                "instruments_signed",
            )
        ],
        "limited": not request.user.has_ministry_scope,
        "seed_dates": [selectors.dmy(d) for d in SEED_DATES],
    }
    return render(request, "partners/indicators.html", context)


@login_required
def compare_page(request: HttpRequest) -> HttpResponse:
    """What changed between two dates: agencies, countries and bodies added and ended."""
    first = parse_day(request.GET.get("first"), SEED_DATES[0])
    second = parse_day(request.GET.get("second"), SEED_DATES[1])
    if first > second:
        first, second = second, first
    changes = selectors.compare(user=request.user, first=first, second=second)
    before = selectors.indicators(user=request.user, as_of=first)
    after = selectors.indicators(user=request.user, as_of=second)
    context = {
        "first": selectors.dmy(first),
        "second": selectors.dmy(second),
        "changes": changes,
        "before": before,
        "after": after,
        "limited": not request.user.has_ministry_scope,
    }
    return render(request, "partners/compare.html", context)


@login_required
def map_page(request: HttpRequest) -> HttpResponse:
    """The world map of countries with relations on a date, each a link to its profile."""
    from .maps import render_world_map

    day = parse_day(request.GET.get("as_of"), timezone.localdate())
    group, group_error = _group(request)
    related = {c.pk for c in selectors.related_countries(request.user, day)}
    countries = Country.objects.visible_to(request.user).only("id", "code", "name_vi", "name_en")
    if group:
        # Only the group's members on that day: "relations with all five permanent members".
        countries = countries.filter(pk__in=selectors.group_country_ids(group, day))
        related &= {c.pk for c in countries}
    mapping: dict[str, dict[str, Any]] = {}
    for country in countries:
        if country.pk in related:
            mapping[country.code] = {"url": country.get_absolute_url(), "title": country.name, "active": True}
    svg = render_world_map(mapping, label_vi=(get_language() or "vi").startswith("vi"))
    context = {
        "svg": mark_safe(svg),
        "day": day,
        "as_of_text": selectors.dmy(day),
        "count": len(related),
        "limited": not request.user.has_ministry_scope,
        "groups": CountryGroup.objects.visible_to(request.user).only("id", "name_vi", "name_en"),
        "group": group,
        "group_error": group_error,
    }
    return render(request, "partners/map.html", context)
