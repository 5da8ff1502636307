"""Reads of instruments and directives that are more than a filter."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _

from core.text import fold

from .choices import RequestType
from .models import Directive, DirectiveItem, Instrument, InstrumentParty


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


def covering(qs, request_type: str):
    """Instruments whose recorded request types include ``request_type`` (SQLite and PostgreSQL:
    the JSON list's text holds each code in double quotes, and no code is another quoted)."""
    return qs.filter(request_types__icontains=f'"{request_type}"')


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


# --- Legal basis: who is bound on a day, and for what ------------------------------------------

BOUND = "bound"
NOT_YET = "not_yet"
WITHDRAWN = "withdrawn"
ENDED = "ended"
NOT_COVERED = "not_covered"
UNKNOWN = "unknown"
COVERAGE_UNKNOWN = "coverage_unknown"

# Folded words of a title that suggest a kind of request. Only a fallback, clearly labelled, for
# an instrument whose request types are not recorded; a general police-cooperation title
# suggests the requests that are not named here (information exchange, joint investigation...).
TITLE_WORDS: dict[str, tuple[str, ...]] = {
    "mla": ("tuong tro tu phap", "mutual legal assistance"),
    "extradition": ("dan do", "extradition"),
    "transfer": ("chuyen giao nguoi", "bi ket an", "sentenced persons"),
    "asset_recovery": ("tuong tro tu phap", "rua tien", "thu hoi tai san"),
}
GENERAL_WORDS = ("phong, chong toi pham", "phong chong toi pham", "toi pham", "hop tac")


def title_suggests(instrument: Instrument, request_type: str) -> bool:
    """The old keyword guess: does the title name this kind of request (fallback only)?"""
    title = fold(f"{instrument.title} {instrument.title_en}")
    return any(fold(w) in title for w in TITLE_WORDS.get(request_type, GENERAL_WORDS))


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


@dataclass
class Basis:
    """Whether an instrument is a legal basis on a day for a request, and why (or why not)."""

    instrument: Instrument
    status: str
    reasons: list[str] = field(default_factory=list)
    # Coverage not recorded, but the title names this kind of request (the labelled fallback).
    title_suggests: bool = False

    @property
    def is_basis(self) -> bool:
        return self.status == BOUND


def party_state(row: InstrumentParty | None, name: str, day: datetime.date) -> tuple[str, str]:
    """(state, reason) of one party of a multilateral instrument on ``day``.

    Bound from its own entry into force until its withdrawal takes effect; a signature alone,
    or a ratification whose date of entry into force is not recorded, is not taken as binding.
    """
    if row is None:
        return UNKNOWN, _("no party dates recorded for {country}").format(country=name)
    if row.withdrew_on and row.withdrew_on <= day:
        return WITHDRAWN, _("{country} withdrew on {date}").format(country=name, date=_day(row.withdrew_on))
    if row.in_force_on and row.in_force_on <= day:
        return BOUND, _("{country} bound since {date}").format(country=name, date=_day(row.in_force_on))
    if row.in_force_on:
        return NOT_YET, _("{country} not yet bound on {day} (bound from {date})").format(
            country=name, day=_day(day), date=_day(row.in_force_on)
        )
    if row.consent_on and row.consent_on <= day:
        return UNKNOWN, _(
            "{country} consented to be bound on {date}, but its date of entry into force is not recorded"
        ).format(country=name, date=_day(row.consent_on))
    if row.consent_on:
        return NOT_YET, _("{country} not yet bound on {day} (consent to be bound on {date})").format(
            country=name, day=_day(day), date=_day(row.consent_on)
        )
    if row.signed_on and row.signed_on <= day:
        return NOT_YET, _("{country} not yet bound on {day}: signed on {date}, not ratified").format(
            country=name, day=_day(day), date=_day(row.signed_on)
        )
    return NOT_YET, _("{country} not yet bound on {day}").format(country=name, day=_day(day))


def _instrument_ended(instrument: Instrument, day: datetime.date) -> str | None:
    if instrument.ended_on and instrument.ended_on <= day:
        return _("terminated on {date}").format(date=_day(instrument.ended_on))
    if instrument.expires_on and instrument.expires_on < day:
        return _("expired on {date}").format(date=_day(instrument.expires_on))
    return None


def basis_on(
    instrument: Instrument,
    *,
    day: datetime.date,
    request_type: str,
    partners: list[Any],
    rows: dict[int, InstrumentParty] | None = None,
    vietnam: Any = None,
) -> Basis:
    """Is ``instrument`` a legal basis on ``day`` for a request of ``request_type`` with
    ``partners`` (countries), and why?

    A bilateral instrument binds both parties from its entry into force until its termination
    or expiry. A multilateral one is a basis when Viet Nam and at least one partner are both
    bound on the day (``party_state`` over the party rows, ``rows`` by country id). Then the
    request type must be one the instrument covers; when its coverage is not recorded the
    answer is "coverage not recorded" (with the title's hint), never a basis by guess.
    No database access: the caller passes the party rows (the panel's query count is constant).
    """
    reasons: list[str] = []
    state = BOUND
    ended = _instrument_ended(instrument, day)
    if ended:
        state, reasons = ENDED, [ended]
    elif not instrument.multilateral:
        if instrument.in_force_on is None:
            state, reasons = UNKNOWN, [_("no date of entry into force recorded")]
        elif instrument.in_force_on > day:
            state = NOT_YET
            reasons = [
                _("not yet in force on {day} (in force from {date})").format(
                    day=_day(day), date=_day(instrument.in_force_on)
                )
            ]
        else:
            reasons = [
                _("in force since {date}: both parties bound").format(date=_day(instrument.in_force_on))
            ]
    else:
        rows = rows or {}
        if not rows:
            state, reasons = UNKNOWN, [_("no party dates recorded")]
        else:
            vn_name = str(vietnam) if vietnam is not None else _("Viet Nam")
            vn_state, vn_reason = party_state(
                rows.get(vietnam.pk) if vietnam is not None else None, vn_name, day
            )
            reasons.append(vn_reason)
            partner_states = [party_state(rows.get(p.pk), str(p), day) for p in partners]
            reasons.extend(reason for _s, reason in partner_states)
            if vn_state != BOUND:
                state = vn_state
            elif not any(s == BOUND for s, _r in partner_states):
                state = partner_states[0][0] if partner_states else UNKNOWN
    suggests = False
    if request_type:
        label = dict(RequestType.choices).get(request_type, request_type)
        covered = instrument.covers(request_type)
        if covered is False:
            reasons.append(_("does not cover “{type}”").format(type=label))
            if state == BOUND:
                state = NOT_COVERED
        elif covered is None:
            suggests = title_suggests(instrument, request_type)
            reasons.append(
                _("coverage not recorded (the title suggests “{type}”)").format(type=label)
                if suggests
                else _("coverage not recorded")
            )
            if state == BOUND:
                state = COVERAGE_UNKNOWN
        else:
            reasons.append(_("covers “{type}”").format(type=label))
    return Basis(instrument=instrument, status=state, reasons=reasons, title_suggests=suggests)


def vietnam_status(instrument: Instrument, rows: list[InstrumentParty]) -> dict[str, Any]:
    """Viet Nam's status on the instrument page: its party row (multilateral) or the
    instrument's own dates (bilateral: bound from entry into force until termination)."""
    from .models import VIETNAM

    if not instrument.multilateral:
        return {"bilateral": True}
    row = next((r for r in rows if r.country.code == VIETNAM), None)
    return {"bilateral": False, "row": row}
