"""Reads of instruments and directives that are more than a filter."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q

from .models import Directive, DirectiveItem, Instrument


def instruments_signed(user: Any, as_of: datetime.date) -> int:
    """Visible instruments signed on or before ``as_of`` (seed 001: 150 on 14/12/2021)."""
    return Instrument.objects.visible_to(user).filter(signed_on__lte=as_of).count()


def in_force_on(qs, day: datetime.date):
    """Instruments in force on ``day``: entered into force by then, not expired, not ended."""
    return (
        qs.filter(in_force_on__lte=day)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=day))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    )


def directive_tree(*, user: Any, directive: Directive) -> list[dict[str, Any]]:
    """The directive's items as nested dicts (one query), in their order."""
    items = list(DirectiveItem.objects.visible_to(user).filter(directive=directive).order_by("order", "pk"))
    children: dict[int | None, list[DirectiveItem]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)

    def build(parent_id: int | None) -> list[dict[str, Any]]:
        return [{"item": i, "children": build(i.pk)} for i in children.get(parent_id, [])]

    return build(None)


def cascade(*, user: Any, directive: Directive) -> dict[str, list[Directive]]:
    """What this directive implements (upwards, transitively) and what implements it (downwards)."""
    visible = Directive.objects.visible_to(user)
    links = list(
        Directive.implements.through.objects.filter(
            from_directive__in=visible, to_directive__in=visible
        ).values_list("from_directive_id", "to_directive_id")
    )
    up: dict[int, set[int]] = {}
    down: dict[int, set[int]] = {}
    for child, parent in links:
        up.setdefault(child, set()).add(parent)
        down.setdefault(parent, set()).add(child)

    def walk(start: int, graph: dict[int, set[int]]) -> list[int]:
        seen: list[int] = []
        stack = list(graph.get(start, ()))
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.append(node)
                stack.extend(graph.get(node, ()))
        return seen

    ids_up, ids_down = walk(directive.pk, up), walk(directive.pk, down)
    by_id = {d.pk: d for d in visible.filter(pk__in=[*ids_up, *ids_down])}
    order = lambda d: (d.issued_on, d.pk)  # noqa: E731
    return {
        "implements": sorted((by_id[i] for i in ids_up if i in by_id), key=order),
        "implemented_by": sorted((by_id[i] for i in ids_down if i in by_id), key=order),
    }


def partner_instruments(request: Any, partner: Any) -> dict[str, Any]:
    """A partner profile's instruments: with the agency, the country (or its agencies), or the body."""
    from partners.models import Country, ForeignAgency

    qs = Instrument.objects.visible_to(request.user)
    if isinstance(partner, ForeignAgency):
        qs = qs.filter(agencies=partner)
    elif isinstance(partner, Country):
        ids = set(qs.filter(countries=partner).values_list("pk", flat=True)) | set(
            qs.filter(agencies__country=partner).values_list("pk", flat=True)
        )
        qs = qs.filter(pk__in=ids)
    else:
        qs = qs.filter(bodies=partner)
    return {"partner_instruments": qs.order_by("-signed_on", "pk")[:50]}
