"""How directive items, clauses, instruments and their follow-up stages become obligations.

``instruments.registry`` registers these as ``tracking.sources.SourceSpec``s: the tracking
engine never imports this app, it only calls the functions below through its registry.
"""

from __future__ import annotations

import textwrap
from typing import Any

from django.db.models import Q

from .models import Clause, Directive, DirectiveItem, Instrument, InstrumentStage
from .selectors import directive_tree

# Stages that are duties after signing (Law on Treaties 2016, Circular 54/2021/TT-BCA).
FOLLOW_UP_KINDS = ("report_to_mofa", "implementation_plan", "yearly_plan")
# Item kinds offered for tracking on a directive's page (viewpoints and sections are not work).
TRACKABLE_ITEM_KINDS = ("task", "task_group")


def shorten(text: str, width: int = 200) -> str:
    """The text cut at a word boundary (an obligation's title; the full text is its description)."""
    return textwrap.shorten(" ".join((text or "").split()), width=width, placeholder=" …")


def instrument_short_title(instrument: Instrument) -> str:
    """The symbol when the instrument has one, else the start of its title (the state's long name cut)."""
    if instrument.symbol:
        return instrument.symbol
    return shorten(instrument.title.replace("nước Cộng hòa xã hội chủ nghĩa Việt Nam", "Việt Nam"), 100)


# --- Directive items ----------------------------------------------------------------------------


def item_defaults(item: DirectiveItem) -> dict[str, Any]:
    return {"title": shorten(item.text), "description": item.text}


def item_label(item: DirectiveItem) -> str:
    return f"{item.directive.symbol} · {item.number}".strip(" ·")


def item_group(item: DirectiveItem) -> Directive:
    return item.directive


def directive_items(user: Any, directive: Directive) -> list[tuple[DirectiveItem, int]]:
    """The directive's visible items in tree order with their depth (the obligation tree)."""
    out: list[tuple[DirectiveItem, int]] = []

    def walk(nodes: list[dict[str, Any]], depth: int) -> None:
        for node in nodes:
            out.append((node["item"], depth))
            walk(node["children"], depth + 1)

    walk(directive_tree(user=user, directive=directive), 0)
    return out


# --- Instruments, their clauses and follow-up stages ---------------------------------------------


def clause_defaults(clause: Clause) -> dict[str, Any]:
    return {"title": shorten(f"{clause.number}: {clause.text}"), "description": clause.text}


def clause_label(clause: Clause) -> str:
    return f"{instrument_short_title(clause.instrument)} · {clause.number}"


def instrument_defaults(instrument: Instrument) -> dict[str, Any]:
    return {"title": shorten(instrument.title, 480), "description": instrument.notes}


def instrument_label(instrument: Instrument) -> str:
    return instrument_short_title(instrument)


def stage_defaults(stage: InstrumentStage) -> dict[str, Any]:
    return {
        "title": shorten(f"{stage.get_kind_display()}: {stage.instrument.title}", 480),
        "description": stage.notes,
    }


def stage_label(stage: InstrumentStage) -> str:
    return f"{instrument_short_title(stage.instrument)} · {stage.get_kind_display()}"


def instrument_duties(user: Any, instrument: Instrument) -> list[tuple[Any, int]]:
    """The instrument's own duties: itself, the clauses that create obligations, the follow-ups
    and every started stage (each is tracked automatically).

    All at depth 0 (an instrument's duties are a flat list); the page rolls them up as a whole.
    """
    clauses = (
        Clause.objects.visible_to(user)
        .filter(instrument=instrument, creates_obligation=True)
        .order_by("order", "pk")
    )
    stages = (
        InstrumentStage.objects.visible_to(user)
        .filter(Q(kind__in=FOLLOW_UP_KINDS) | Q(requested_on__isnull=False), instrument=instrument)
        .order_by("due_on", "pk")
    )
    return [(instrument, 0), *((c, 0) for c in clauses), *((s, 0) for s in stages)]
