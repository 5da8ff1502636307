"""The commitments instruments and directives feed into ``tracking.coverage``.

Clauses marked as creating an obligation of an instrument in force, instruments in force
without such a clause (never both), and directive tasks. Each read goes through the model's
``visible_to``; the rows are plain dicts, so tracking never imports this app.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse

from .choices import ItemKind
from .models import Clause, DirectiveItem, Instrument
from .selectors import in_force_on
from .sources import instrument_short_title, shorten


def _in_force(user: Any, as_of: datetime.date):
    return in_force_on(Instrument.objects.visible_to(user), as_of)


def clause_rows(user: Any, as_of: datetime.date) -> list[dict[str, Any]]:
    """Obligation-creating clauses of the visible instruments in force on ``as_of``."""
    qs = (
        Clause.objects.visible_to(user)
        .filter(creates_obligation=True, instrument__in=_in_force(user, as_of).values("pk"))
        .values(
            "pk",
            "number",
            "text",
            "owner_unit_id",
            "classification",
            "instrument_id",
            "instrument__title",
            "instrument__symbol",
            "instrument__in_force_on",
        )
    )
    out = []
    for r in qs:
        document = Instrument(title=r["instrument__title"], symbol=r["instrument__symbol"])
        out.append(
            {
                "pk": r["pk"],
                "binds_on": r["instrument__in_force_on"],
                "unit_id": r["owner_unit_id"],
                "classification": r["classification"],
                "title": shorten(f"{r['number']}: {r['text']}"),
                "document": instrument_short_title(document),
                "url": reverse("instruments:instrument", args=[r["instrument_id"]]),
                "due_hint": None,
            }
        )
    return out


def is_clause_commitment(clause: Clause) -> bool:
    return clause.creates_obligation


def _obligation_clauses():
    return Clause.objects.filter(instrument=OuterRef("pk"), creates_obligation=True)


def instrument_rows(user: Any, as_of: datetime.date) -> list[dict[str, Any]]:
    """Visible instruments in force on ``as_of`` that have no obligation-creating clause."""
    qs = (
        _in_force(user, as_of)
        .filter(~Exists(_obligation_clauses()))
        .values("pk", "title", "symbol", "in_force_on", "owner_unit_id", "classification")
    )
    return [
        {
            "pk": r["pk"],
            "binds_on": r["in_force_on"],
            "unit_id": r["owner_unit_id"],
            "classification": r["classification"],
            "title": shorten(r["title"], 300),
            "document": r["symbol"],
            "url": reverse("instruments:instrument", args=[r["pk"]]),
            "due_hint": None,
        }
        for r in qs
    ]


def is_instrument_commitment(instrument: Instrument) -> bool:
    """An instrument is a commitment of its own only while none of its clauses creates one."""
    if instrument.in_force_on is None:
        return False
    return not Clause.objects.filter(instrument=instrument, creates_obligation=True).exists()


def directive_task_rows(user: Any, as_of: datetime.date) -> list[dict[str, Any]]:
    """The tasks of the visible directives issued on or before ``as_of``."""
    qs = (
        DirectiveItem.objects.visible_to(user)
        .filter(kind=ItemKind.TASK, directive__issued_on__lte=as_of)
        .values(
            "pk",
            "number",
            "text",
            "owner_unit_id",
            "classification",
            "directive__symbol",
            "directive__issued_on",
        )
    )
    return [
        {
            "pk": r["pk"],
            "binds_on": r["directive__issued_on"],
            "unit_id": r["owner_unit_id"],
            "classification": r["classification"],
            "title": shorten(f"{r['number']} {r['text']}".strip()),
            "document": r["directive__symbol"],
            "url": reverse("instruments:directiveitem", args=[r["pk"]]),
            "due_hint": None,
        }
        for r in qs
    ]


def is_task_commitment(item: DirectiveItem) -> bool:
    return item.kind == ItemKind.TASK
