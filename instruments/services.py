"""Writes of instruments and directives: transitions, symbols, the cascade without cycles."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from access.rules import Action, can
from core.exceptions import ValidationError
from core.services import (
    child_changes,
    child_data,
    record_create,
    record_delete,
    record_update,
    service,
    split_m2m,
)
from tracking import services as tracking

from .calendar import add_working_days
from .choices import TRANSITIONS, InstrumentStatus
from .models import (
    Clause,
    Directive,
    DirectiveItem,
    Instrument,
    InstrumentParty,
    InstrumentStage,
    SigningPlan,
)

INSTRUMENT_M2M = ("agencies", "countries", "bodies")


def _check_transition(before: str | None, after: str) -> None:
    if before is None or before == after:
        return
    if after not in TRANSITIONS.get(before, frozenset()):
        labels = dict(InstrumentStatus.choices)
        allowed = ", ".join(str(labels[s]) for s in sorted(TRANSITIONS.get(before, ()))) or _("none")
        raise ValidationError(
            {
                "status": _("An instrument cannot go from “{}” to “{}”. Allowed next: {}.").format(
                    labels[before], labels[after], allowed
                )
            }
        )


def _stamp_end(obj: Instrument) -> None:
    if obj.status in (InstrumentStatus.TERMINATED, InstrumentStatus.SUPERSEDED) and not obj.ended_on:
        obj.ended_on = timezone.localdate()


# Deadlines the law sets after signing (Law on Treaties 2016, Circular 54/2021/TT-BCA):
# a copy and report to MOFA within 15 days of signing, an implementation plan within 15
# days of entry into force, and each year an implementation plan by 15 November.
FOLLOW_UPS = (("signed_on", "report_to_mofa", 15), ("in_force_on", "implementation_plan", 15))
YEARLY_PLAN_DUE = (11, 15)  # (month, day): the yearly implementation plan is due by 15/11
# A 15-day duty whose trigger is older than this is long settled: its stage is still recorded
# (the instrument's file), but no obligation is opened for it (an edit of a 2010 agreement
# must not put a 2010 deadline on anyone's overdue board).
FOLLOW_UP_OBLIGATION_YEARS = 2


def _ensure_follow_ups(actor: Any, instrument: Instrument, today: datetime.date | None = None) -> None:
    """Create the post-signing stages whose trigger date is now known (once each), and track them.

    Each follow-up stage also becomes a tracked obligation (``tracking``), its source being the
    stage so that one instrument can carry several: owned by and assigned (lead) to the
    instrument's owner unit, due on the stage's date. This is done only when the actor may
    assign work there; otherwise the stage alone is recorded, silently.
    """
    today = today or timezone.localdate()
    stages = {s.kind: s for s in instrument.stages.filter(kind__in=[k for _f, k, _d in FOLLOW_UPS])}
    for date_field, kind, days in FOLLOW_UPS:
        start = getattr(instrument, date_field)
        if not start:
            continue
        if kind not in stages:
            stages[kind] = stage_create(
                actor=actor,
                data={
                    "instrument": instrument,
                    "kind": kind,
                    "responsible_unit": instrument.owner_unit,
                    "requested_on": start,
                    "due_on": start + datetime.timedelta(days=days),
                },
            )
        if start >= _years_before(today, FOLLOW_UP_OBLIGATION_YEARS):
            _track_follow_up(actor, stages[kind], assigned_on=start)
    yearly = _ensure_yearly_plan(actor, instrument, today)
    if yearly is not None:
        _track_follow_up(actor, yearly, assigned_on=min(today, yearly.due_on))


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def next_yearly_plan_due(today: datetime.date) -> datetime.date:
    """The next 15 November on or after ``today``.

    Why a one-off obligation per year and not a recurring yearly assignment: the tracking
    engine's recurring periods follow the Decree 09/2019 data windows (a year runs 15/12 →
    14/12), and a report is due on ``due_day`` after its window closes, so a yearly duty with
    due day 15 falls due on 15 December (``tracking.deadlines.due_after_window(14/12, 15)``),
    never on 15 November. Each year's plan is therefore its own stage and obligation, due
    15/11. A deadline that passed before the instrument was recorded is not invented: the
    first plan tracked is the next one (run again after 15/11, e.g. by a yearly job calling
    ``yearly_plan_follow_ups``, it opens the following year's).
    """
    month, day = YEARLY_PLAN_DUE
    due = datetime.date(today.year, month, day)
    return due if due >= today else datetime.date(today.year + 1, month, day)


def _ensure_yearly_plan(actor: Any, instrument: Instrument, today: datetime.date) -> InstrumentStage | None:
    """The stage of this cycle's yearly implementation plan of an instrument in force (once)."""
    if instrument.status != InstrumentStatus.IN_FORCE or not instrument.in_force_on:
        return None
    if instrument.in_force_on > today:
        return None
    due = next_yearly_plan_due(today)
    existing = instrument.stages.filter(kind="yearly_plan", due_on=due).first()
    if existing is not None:
        return existing
    return stage_create(
        actor=actor,
        data={
            "instrument": instrument,
            "kind": "yearly_plan",
            "responsible_unit": instrument.owner_unit,
            "requested_on": min(today, due),
            "due_on": due,
        },
    )


def _may_assign(actor: Any, instrument: Instrument) -> bool:
    return can(actor, Action.ADD, instrument) and can(actor, Action.ASSIGN, instrument)


def _track_follow_up(actor: Any, stage: InstrumentStage, *, assigned_on: datetime.date) -> bool:
    """Open the obligation of a follow-up stage, assigned to the owner unit (once; skipped if not allowed)."""
    instrument = stage.instrument
    if stage.due_on is None or stage.done_on is not None:
        return False
    if tracking.existing_for_source(stage) is not None or not _may_assign(actor, instrument):
        return False
    obligation = tracking.obligation_from_source(
        actor=actor, source=stage, owner_unit=instrument.owner_unit, data={"priority": "high"}
    )
    tracking.assignment_create(
        actor=actor,
        data={
            "obligation": obligation,
            "unit": instrument.owner_unit,
            "role": "lead",
            "deadline_kind": "date",
            "assigned_on": min(assigned_on, stage.due_on),
            "due_on": stage.due_on,
        },
    )
    return True


@service
def yearly_plan_follow_ups(*, actor: Any, today: datetime.date | None = None) -> int:
    """Open this cycle's yearly-plan stage and obligation for every instrument in force.

    For a yearly job (after 15 November the next cycle begins); idempotent: answers how many
    obligations it opened.
    """
    today = today or timezone.localdate()
    opened = 0
    for instrument in Instrument.objects.visible_to(actor).filter(status=InstrumentStatus.IN_FORCE):
        stage = _ensure_yearly_plan(actor, instrument, today)
        if stage is not None:
            opened += _track_follow_up(actor, stage, assigned_on=min(today, stage.due_on))
    return opened


@service
def instrument_create(*, actor: Any, data: dict[str, Any], follow_ups: bool = True) -> Instrument:
    """Record an instrument with its parties (and its post-signing deadlines)."""
    data, m2m = split_m2m(data, INSTRUMENT_M2M)
    instrument = record_create(actor=actor, model=Instrument, data=data, m2m=m2m, before_save=_stamp_end)
    if follow_ups:
        _ensure_follow_ups(actor, instrument)
    return instrument


@service
def instrument_update(
    *, actor: Any, obj: Instrument, data: dict[str, Any], version: int | None
) -> Instrument:
    """Change an instrument; its status moves only along the allowed transitions."""
    data, m2m = split_m2m(data, INSTRUMENT_M2M)
    before = Instrument.objects.values_list("status", flat=True).get(pk=obj.pk)
    if "status" in data:
        _check_transition(before, data["status"])
    instrument = record_update(
        actor=actor, obj=obj, data=data, version=version, m2m=m2m, before_save=_stamp_end
    )
    _ensure_follow_ups(actor, instrument)
    return instrument


def _due_from_working_days(stage: InstrumentStage) -> None:
    if stage.working_days and stage.requested_on and not stage.due_on:
        start = stage.requested_on
        if isinstance(start, str):
            start = datetime.date.fromisoformat(start)
        stage.due_on = add_working_days(start, stage.working_days)


@service
def stage_create(*, actor: Any, data: dict[str, Any]) -> InstrumentStage:
    """Add a stage; a consultation's due date follows from its working days."""
    return record_create(
        actor=actor,
        model=InstrumentStage,
        data=child_data(data["instrument"], data),
        before_save=_due_from_working_days,
    )


@service
def stage_update(
    *, actor: Any, obj: InstrumentStage, data: dict[str, Any], version: int | None
) -> InstrumentStage:
    data = child_changes(obj, data)
    return record_update(actor=actor, obj=obj, data=data, version=version, before_save=_due_from_working_days)


@service
def stage_delete(*, actor: Any, obj: InstrumentStage, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


@service
def instrument_delete(*, actor: Any, obj: Instrument, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


@service
def clause_create(*, actor: Any, data: dict[str, Any]) -> Clause:
    return record_create(actor=actor, model=Clause, data=child_data(data["instrument"], data))


@service
def clause_update(*, actor: Any, obj: Clause, data: dict[str, Any], version: int | None) -> Clause:
    data = child_changes(obj, data)
    return record_update(actor=actor, obj=obj, data=data, version=version)


@service
def clause_delete(*, actor: Any, obj: Clause, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


def _check_party(obj: InstrumentParty) -> None:
    """Rules across rows: party dates belong to multilateral instruments, once per country, and
    a party is not bound before the instrument itself enters into force."""
    from django.utils import formats

    instrument = obj.instrument
    if not instrument.multilateral:
        raise ValidationError(
            {
                "instrument": _(
                    "A bilateral instrument binds both parties from its entry into force until its "
                    "termination: party dates are recorded only on multilateral instruments."
                )
            }
        )
    # The instrument's own rows (they share its visibility): the unique constraint, said clearly.
    twice = InstrumentParty.objects.filter(instrument=instrument, country_id=obj.country_id).exclude(
        pk=obj.pk
    )
    if obj.country_id and twice.exists():
        raise ValidationError(
            {
                "country": _("{country} already has a row on this instrument: edit that row.").format(
                    country=obj.country
                )
            }
        )
    if obj.in_force_on and instrument.in_force_on and obj.in_force_on < instrument.in_force_on:
        raise ValidationError(
            {
                "in_force_on": _(
                    "A party cannot be bound before the instrument itself enters into force ({date})."
                ).format(date=formats.date_format(instrument.in_force_on, "SHORT_DATE_FORMAT"))
            }
        )


@service
def party_action_create(*, actor: Any, data: dict[str, Any]) -> InstrumentParty:
    """One party's signature, consent to be bound, entry into force, reservations or withdrawal."""
    return record_create(
        actor=actor,
        model=InstrumentParty,
        data=child_data(data["instrument"], data),
        before_save=_check_party,
    )


@service
def party_action_update(
    *, actor: Any, obj: InstrumentParty, data: dict[str, Any], version: int | None
) -> InstrumentParty:
    data = child_changes(obj, data)
    return record_update(actor=actor, obj=obj, data=data, version=version, before_save=_check_party)


@service
def party_action_delete(*, actor: Any, obj: InstrumentParty, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


def _normalize_symbol(data: dict[str, Any]) -> dict[str, Any]:
    from .symbols import SymbolError, parse_symbol

    if "symbol" not in data:
        return data
    try:
        parsed = parse_symbol(data["symbol"])
    except SymbolError as exc:
        raise ValidationError({"symbol": _("Not a valid document symbol: {}").format(exc)}) from exc
    return {**data, "symbol": str(parsed), "symbol_key": parsed.folded}


def _check_no_cycle(directive: Directive, targets: list[Directive]) -> None:
    """'Implements' links form a directed acyclic graph: refuse a link back to oneself."""
    through = Directive.implements.through
    up: dict[int, set[int]] = {}
    for child, parent in through.objects.values_list("from_directive_id", "to_directive_id"):
        up.setdefault(child, set()).add(parent)
    up[directive.pk] = {t.pk for t in targets}
    stack, seen = list(up[directive.pk]), set()
    while stack:
        node = stack.pop()
        if node == directive.pk:
            raise ValidationError(
                {
                    "implements": _(
                        "{} cannot implement a document that (directly or not) implements it."
                    ).format(directive.symbol)
                }
            )
        if node not in seen:
            seen.add(node)
            stack.extend(up.get(node, ()))


@service
def directive_create(*, actor: Any, data: dict[str, Any]) -> Directive:
    """Record a directive; its symbol is parsed and stored normalised."""
    data, m2m = split_m2m(_normalize_symbol(data), ("implements",))
    # A new directive cannot close a cycle (nothing implements it yet): the links are set,
    # checked and recorded by record_create like every other many-to-many.
    return record_create(actor=actor, model=Directive, data=data, m2m=m2m)


@service
def directive_update(*, actor: Any, obj: Directive, data: dict[str, Any], version: int | None) -> Directive:
    data, m2m = split_m2m(_normalize_symbol(data), ("implements",))
    if m2m:
        _check_no_cycle(obj, m2m["implements"])
    return record_update(actor=actor, obj=obj, data=data, version=version, m2m=m2m)


@service
def directive_delete(*, actor: Any, obj: Directive, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


def _check_item_parent(item: DirectiveItem) -> None:
    parent = item.parent
    if parent is None:
        return
    if parent.directive_id != item.directive_id:
        raise ValidationError({"parent": _("The parent item belongs to another directive.")})
    node = parent
    while node is not None:
        if item.pk and node.pk == item.pk:
            raise ValidationError({"parent": _("An item cannot be placed under itself.")})
        node = node.parent


@service
def item_create(*, actor: Any, data: dict[str, Any]) -> DirectiveItem:
    """Add an item to a directive's tree (it follows the directive's unit and classification)."""
    return record_create(
        actor=actor,
        model=DirectiveItem,
        data=child_data(data["directive"], data),
        before_save=_check_item_parent,
    )


@service
def item_update(
    *, actor: Any, obj: DirectiveItem, data: dict[str, Any], version: int | None
) -> DirectiveItem:
    data = child_changes(obj, data)
    return record_update(actor=actor, obj=obj, data=data, version=version, before_save=_check_item_parent)


@service
def item_delete(*, actor: Any, obj: DirectiveItem, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


@service
def plan_create(*, actor: Any, data: dict[str, Any]) -> SigningPlan:
    """A yearly or five-year signing plan with the instruments it foresees."""
    data, m2m = split_m2m(data, ("instruments",))
    return record_create(actor=actor, model=SigningPlan, data=data, m2m=m2m)


@service
def plan_update(*, actor: Any, obj: SigningPlan, data: dict[str, Any], version: int | None) -> SigningPlan:
    data, m2m = split_m2m(data, ("instruments",))
    return record_update(actor=actor, obj=obj, data=data, version=version, m2m=m2m)


@service
def plan_delete(*, actor: Any, obj: SigningPlan, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)
