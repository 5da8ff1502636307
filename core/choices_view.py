"""Search-as-you-type for links to large registers (agencies, instruments, cases...).

A form offers such a link with ``core.widgets.LinkPicker``: the page holds only the chosen
records, and the picker asks ``/choices/<app_label>.<model>/?q=`` for up to 20 matches.
Matches come from ``visible_to`` of the signed-in user, like every other read, so a record
the user may not see is never offered.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, JsonResponse

from access.links import is_business_model

from .text import fold

LIMIT = 20


@login_required
def choices(request: HttpRequest, label: str) -> JsonResponse:
    """``{"results": [{"id", "label"}]}``: the visible records of a model whose text matches
    every word of ``q`` (diacritics and đ ignored), newest first."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    if not is_business_model(model) or not getattr(model, "choice_search", False):
        raise Http404
    qs = model._default_manager.visible_to(request.user)
    words = fold(request.GET.get("q", "")).split()[:8]
    for word in words:
        qs = qs.filter(search_text__contains=word)
    rows = qs.order_by("-pk")[:LIMIT] if words else qs.none()
    return JsonResponse({"results": [{"id": obj.pk, "label": str(obj)} for obj in rows]})
