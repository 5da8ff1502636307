"""Assigning an obligation: to one unit, or to many at once."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from access.rules import Action, can
from core.exceptions import PermissionDenied, ValidationError

from .. import services
from ..forms_pages import AssignManyForm, AssignToUnitForm
from ..models import Assignment, Obligation
from .common import (
    _add_errors,
    _refuse,
    _visible,
)

# --------------------------------------------------------------------------------------------
# Assigning an obligation (to one unit, or to many at once)
# --------------------------------------------------------------------------------------------


def _assign_page(
    request: HttpRequest,
    obligation: Obligation,
    form: forms.Form,
    *,
    many: bool,
    status: int,
    error: str = "",
) -> HttpResponse:
    context = {"obj": obligation, "form": form, "many": many, "error": error}
    return render(request, "tracking/assign.html", context, status=status)


def _assign(request: HttpRequest, pk: int, *, many: bool) -> HttpResponse:
    user = request.user
    obligation = _visible(request, Obligation, pk, "owner_unit")
    if not can(user, Action.ASSIGN, obligation):
        _refuse(request, obligation, str(Action.ASSIGN))
    form_class = AssignManyForm if many else AssignToUnitForm
    initial = {"assigned_on": timezone.localdate()}
    if request.method != "POST":
        return _assign_page(
            request, obligation, form_class(user=user, initial=initial), many=many, status=200
        )
    form = form_class(request.POST, user=user, initial=initial)
    if not form.is_valid():
        return _assign_page(request, obligation, form, many=many, status=400)
    try:
        if many:
            made = services.assign_many(
                actor=user,
                obligation=obligation,
                units=form.chosen_units(),
                data=form.service_data(),
                lead_unit=form.cleaned_data.get("lead_unit"),
            )
        else:
            made = [
                services.assignment_create(actor=user, data={**form.service_data(), "obligation": obligation})
            ]
    except PermissionDenied as exc:
        return _assign_page(
            request, obligation, form, many=many, status=403, error=" ".join(str(a) for a in exc.args)
        )
    except ValidationError as exc:
        _add_errors(form, exc)
        return _assign_page(request, obligation, form, many=many, status=400)
    except (Obligation.DoesNotExist, Assignment.DoesNotExist):
        raise Http404 from None
    if len(made) == 1:
        messages.success(request, _("Assigned to {}.").format(made[0].unit))
    else:
        messages.success(request, _("Assigned to {} units.").format(len(made)))
    return HttpResponseRedirect(obligation.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def obligation_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the obligation to one unit, as lead or support, with its deadline."""
    return _assign(request, pk, many=False)


@login_required
@require_http_methods(["GET", "POST"])
def obligation_assign_many(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the obligation to many units at once (all 34 provinces): all or nothing."""
    return _assign(request, pk, many=True)
