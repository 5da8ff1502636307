"""The outcomes panels cases adds to other apps' pages (core.panels): an obligation's and a
progress report's outcomes, and what was done under an instrument, year by year."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from access.rules import Action, can
from core.panels import DetailPanel, register_panel

from . import selectors
from .models import Outcome


def _list_url(param: str, obj: Any, view: str = "outcome_list") -> str:
    return "{}?{}={}".format(reverse("cases:" + view), param, obj.pk)


def _api_url(param: str) -> Any:
    return lambda obj: "{}?{}={}".format(reverse("api:outcome-list"), param, obj.pk)


def _may_add(request: HttpRequest, owner: Any) -> bool:
    """An outcome carries its record's unit: who may add in that unit may add one."""
    return can(request.user, Action.ADD, Outcome) and can(request.user, Action.ADD, owner)


def obligation_panel(request: HttpRequest, obligation: Any) -> dict[str, Any]:
    outcomes = selectors.obligation_outcomes(user=request.user, obligation=obligation)
    return {
        "outcomes": outcomes,
        "totals": selectors.outcome_totals(outcomes),
        "list_url": _list_url("obligation", obligation),
        "add_url": None,
    }


def report_panel(request: HttpRequest, report: Any) -> dict[str, Any]:
    outcomes = selectors.report_outcomes(user=request.user, report=report)
    return {
        "outcomes": outcomes,
        "totals": selectors.outcome_totals(outcomes),
        "list_url": _list_url("report", report),
        "add_url": _list_url("report", report, "outcome_add") if _may_add(request, report) else None,
    }


def instrument_panel(request: HttpRequest, instrument: Any) -> dict[str, Any]:
    return {
        "years": selectors.instrument_outcomes_by_year(user=request.user, instrument=instrument),
        "list_url": _list_url("instrument", instrument),
    }


def register_outcome_panels() -> None:
    register_panel(
        "tracking.Obligation",
        DetailPanel(
            key="outcomes",
            template="cases/_outcomes_panel.html",
            context=obligation_panel,
            api_url=_api_url("obligation"),
        ),
    )
    register_panel(
        "tracking.ProgressReport",
        DetailPanel(
            key="outcomes",
            template="cases/_outcomes_panel.html",
            context=report_panel,
            api_url=_api_url("report"),
        ),
    )
    register_panel(
        "instruments.Instrument",
        DetailPanel(
            key="outcomes",
            template="cases/_instrument_outcomes.html",
            context=instrument_panel,
            api_url=_api_url("instrument"),
        ),
    )
