"""Obligations from their sources: "track as an obligation" in one action, and a document's tree.

A source (a directive task, a clause...) and a document (a directive, an instrument) are named
in the URL as ``app_label.model`` and read through their model's ``visible_to``: hidden is 404.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from access.rules import Action, can
from core.audit import audit_opened, audit_refused
from core.exceptions import ValidationError

from . import services
from .documents import source_tree
from .models import Obligation
from .selectors import obligations_for
from .sources import group_spec, source_spec


def _model(key: str) -> type[models.Model]:
    try:
        return apps.get_model(key)
    except (LookupError, ValueError) as exc:
        raise Http404 from exc


def _visible(request: HttpRequest, model: type[models.Model], pk: int) -> Any:
    """The record through its model's visible_to; hidden (or missing) is 404, and a hidden one is audited."""
    obj = model.objects.visible_to(request.user).filter(pk=pk).first()
    if obj is None:
        audit_refused(request.user, model, pk, "hidden")
        raise Http404
    return obj


@login_required
@require_POST
def track(request: HttpRequest, source: str, pk: int) -> HttpResponse:
    """Make the source an obligation (or find the one already made) and open it."""
    model = _model(source)
    if source_spec(model) is None:
        raise Http404
    obj = _visible(request, model, pk)
    if not can(request.user, Action.ADD, Obligation):
        audit_refused(request.user, model, pk, str(Action.ADD))
        raise PermissionDenied
    existing = obligations_for(request.user, model, [obj.pk]).get(str(obj.pk))
    if existing is not None:
        return redirect(existing.get_absolute_url())
    try:
        obligation = services.obligation_from_source(actor=request.user, source=obj)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(obj.get_absolute_url())
    if not Obligation.objects.visible_to(request.user).filter(pk=obligation.pk).exists():
        # Already tracked by a unit whose obligation this user does not see.
        messages.info(request, _("This is already tracked as an obligation."))
        return redirect(obj.get_absolute_url())
    messages.success(request, _("Tracked as an obligation. Assign it to the units that carry it out."))
    return redirect(obligation.get_absolute_url())


@login_required
@require_GET
def tree(request: HttpRequest, document: str, pk: int) -> HttpResponse:
    """A directive's (or an instrument's) items with their obligations, statuses and rolled-up percent."""
    model = _model(document)
    if group_spec(model) is None:
        raise Http404
    obj = _visible(request, model, pk)
    if not can(request.user, Action.VIEW, obj):
        audit_refused(request.user, model, pk, str(Action.VIEW))
        raise PermissionDenied
    audit_opened(request.user, obj, "page")
    context = source_tree(request.user, obj)
    context["document_meta"] = model._meta
    return render(request, "tracking/source_tree.html", context)
