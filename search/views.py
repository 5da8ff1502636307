"""The search page: one box over every searchable type, results grouped by type."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .query import QueryError, search, searchable_types

PER_GROUP = 5
PER_TYPE_PAGE = 50


@login_required
def home(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("type", "").strip()
    types = searchable_types(request.user)
    kinds = {t.kind for t in types}
    error = ""
    groups = []
    if kind and kind not in kinds:
        error = _("Unknown type of record.")
        kind = ""
    if q and not error:
        try:
            groups = search(
                request.user, q, kinds=[kind] if kind else None, limit=PER_TYPE_PAGE if kind else PER_GROUP
            )
        except QueryError as exc:
            error = str(exc)
    return render(
        request,
        "search/home.html",
        {
            "q": q,
            "kind": kind,
            "types": types,
            "groups": groups,
            "total": sum(g.count for g in groups),
            "error": error,
            "searched": bool(q) and not error,
        },
    )
