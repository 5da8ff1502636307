"""Panels that other apps add to a record's detail page (and links they add to its API).

A lower app never imports the apps above it (STYLE.md): tracking's obligation page and
instruments' instrument page show the outcomes recorded in cases because cases registers a
panel here for their model, as partners' profiles do with ``register_profile_section``.
``ObjectDetailView`` puts the panels of the record's model in the page's context
(``panels``), and ``core/partials/panels.html`` draws them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class DetailPanel:
    key: str  # unique for the model: "outcomes"
    template: str
    # (request, record) -> the template's context; the reads go through visible_to(request.user)
    context: Callable[[HttpRequest, Any], dict[str, Any]]
    # (record) -> the API list of the panel's records for this record ("/api/outcomes/?obligation=7")
    api_url: Callable[[Any], str] | None = None


_panels: dict[str, dict[str, DetailPanel]] = {}


def register_panel(model_label: str, panel: DetailPanel) -> None:
    """Add ``panel`` to the detail page of the model ``"app_label.ModelName"``."""
    _panels.setdefault(model_label.lower(), {})[panel.key] = panel


def _for(obj: Any) -> list[DetailPanel]:
    return list(_panels.get(obj._meta.label_lower, {}).values())


def detail_panels(request: HttpRequest, obj: Any) -> list[dict[str, Any]]:
    """The registered panels of ``obj``'s page, each with its template and context."""
    return [{"key": p.key, "template": p.template, **p.context(request, obj)} for p in _for(obj)]


def related_urls(obj: Any, request: HttpRequest | None = None) -> dict[str, str]:
    """The API lists other apps register for ``obj`` (``{"outcomes": url}``), absolute when a
    request is given."""
    out = {}
    for p in _for(obj):
        if p.api_url is not None:
            url = p.api_url(obj)
            out[p.key] = request.build_absolute_uri(url) if request is not None else url
    return out
