"""Writes of instruments and directives: transitions, symbols, the cascade without cycles."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

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
from .choices import TRANSITIONS, DeadlineTrigger, InstrumentStatus, TreatyWorkKind
from .models import (
    Clause,
    Directive,
    DirectiveItem,
    Instrument,
    InstrumentParty,
    InstrumentStage,
    SigningPlan,
    StageRule,
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


# Deadlines the law sets after signing (Law on Treaties 2016, Law on International Agreements
# 2020, Circular 54/2021/TT-BCA): a copy and report to MOFA within 15 days of signing, an
# implementation plan within 15 days of entry into force, and each year an implementation
# plan by 15 November. The days come from the ``StageRule`` table; these are the fallback.
FOLLOW_UPS = (("signed_on", "report_to_mofa", 15), ("in_force_on", "implementation_plan", 15))
YEARLY_PLAN_DUE = (11, 15)  # (month, day): the yearly implementation plan is due by 15/11
# A 15-day duty whose trigger is older than this is long settled: its stage is still recorded
# (the instrument's file), but no obligation is opened for it (an edit of a 2010 agreement
# must not put a 2010 deadline on anyone's overdue board).
FOLLOW_UP_OBLIGATION_YEARS = 2
FOLLOW_UP_KIND_SET = frozenset(k for _f, k, _d in FOLLOW_UPS) | {"yearly_plan"}


def _ensure_follow_ups(actor: Any, instrument: Instrument, today: datetime.date | None = None) -> None:
    """Create the post-signing stages whose trigger date is now known (once each), and track them.

    Each follow-up stage becomes a tracked obligation (``sync_stage_obligation``), its source
    being the stage so that one instrument can carry several: owned by and assigned (lead) to
    the instrument's owner unit, due on the stage's statutory deadline (``StageRule``; 15 days
    when no rule applies). A stage that already exists is brought in step (its deadline follows
    a changed signing or entry-into-force date unless a reason fixed another one).
    """
    today = today or timezone.localdate()
    stages = {s.kind: s for s in instrument.stages.filter(kind__in=[k for _f, k, _d in FOLLOW_UPS])}
    for date_field, kind, days in FOLLOW_UPS:
        start = getattr(instrument, date_field)
        if not start:
            continue
        if kind not in stages:
            data = {
                "instrument": instrument,
                "kind": kind,
                "responsible_unit": instrument.owner_unit,
                "requested_on": start,
            }
            if StageRule.in_force(work_kind(instrument), kind, start) is None:
                data["due_on"] = start + datetime.timedelta(days=days)
            stages[kind] = stage_create(actor=actor, data=data)
        else:
            _refresh_stage(stages[kind], start)
    yearly = _ensure_yearly_plan(actor, instrument, today)
    if yearly is not None:
        sync_stage_obligation(yearly)


def _refresh_stage(stage: InstrumentStage, start: datetime.date) -> None:
    """A follow-up whose trigger date moved (a corrected signing date) gets the new default."""
    from core.context import SYSTEM

    if stage.done_on or stage.override_reason:
        return
    rule, default = statutory_due(stage)
    if rule is not None and stage.requested_on != start:
        stage_update(actor=SYSTEM, obj=stage, data={"requested_on": start}, version=stage.version)
    elif default is not None and default != stage.due_on:
        stage_update(actor=SYSTEM, obj=stage, data={}, version=stage.version)


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
    rule = StageRule.in_force(work_kind(instrument), "yearly_plan", today)
    due = (rule.due_from(today) if rule is not None else None) or next_yearly_plan_due(today)
    existing = instrument.stages.filter(kind="yearly_plan", due_on=due).first()
    if existing is not None:
        return existing
    data = {
        "instrument": instrument,
        "kind": "yearly_plan",
        "responsible_unit": instrument.owner_unit,
        "requested_on": min(today, due),
    }
    if rule is None:
        data["due_on"] = due
    stage = stage_create(actor=actor, data=data)
    stage.just_created = True
    return stage


def _track_follow_up(stage: InstrumentStage) -> bool:
    """Open the obligation of a follow-up stage (once); True when it was opened now."""
    if tracking.existing_for_source(stage) is not None:
        return False
    sync_stage_obligation(stage)
    return tracking.existing_for_source(stage) is not None


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
        if stage is None:
            continue
        if getattr(stage, "just_created", False):
            opened += tracking.existing_for_source(stage) is not None
        else:
            opened += _track_follow_up(stage)
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


def _as_date(value: Any) -> datetime.date | None:
    if isinstance(value, str):
        return datetime.date.fromisoformat(value) if value else None
    return value


def work_kind(instrument: Instrument) -> str:
    """Which law governs the work on an instrument: a treaty (State or Government level, or a
    treaty by type) follows the Law on Treaties; an agreement of a provincial police follows the
    provincial rules of the Law on International Agreements; any other agreement is the Ministry's."""
    if instrument.type == "treaty" or instrument.level in ("state", "government"):
        return TreatyWorkKind.TREATY
    unit = instrument.owner_unit if instrument.owner_unit_id else None
    if unit is not None and unit.kind == "province":
        return TreatyWorkKind.PROVINCIAL_AGREEMENT
    return TreatyWorkKind.MINISTRY_AGREEMENT


def _trigger_date(stage: InstrumentStage, rule: StageRule | None) -> datetime.date | None:
    trigger = rule.trigger if rule is not None else DeadlineTrigger.REQUEST
    if trigger == DeadlineTrigger.SIGNING:
        return stage.instrument.signed_on or _as_date(stage.requested_on)
    if trigger == DeadlineTrigger.ENTRY_INTO_FORCE:
        return stage.instrument.in_force_on or _as_date(stage.requested_on)
    return _as_date(stage.requested_on)


def statutory_rule(stage: InstrumentStage) -> StageRule | None:
    """The rule of the stage's kind for its instrument's kind, on the date the stage began
    (the request, or signing and entry into force for the reports; today when not started)."""
    day = _as_date(stage.requested_on) or stage.instrument.signed_on or timezone.localdate()
    return StageRule.in_force(work_kind(stage.instrument), stage.kind, day)


def statutory_due(stage: InstrumentStage) -> tuple[StageRule | None, datetime.date | None]:
    """The rule and the default deadline it sets (None when not started or no rule applies).

    Without a rule, a consultation's deadline still follows its working days when typed in.
    """
    rule = statutory_rule(stage)
    start = _trigger_date(stage, rule)
    if rule is not None and start is not None:
        due = rule.due_from(start)
        if due is not None:
            return rule, due
    if stage.working_days and stage.requested_on:
        return rule, add_working_days(_as_date(stage.requested_on), stage.working_days)
    return rule, None


def _apply_rule(stage: InstrumentStage, *, explicit_due: bool, explicit_days: bool) -> None:
    """Stamp the rule and its default deadline; another deadline needs a reason.

    The deadline follows the default unless a reason is given: a deadline typed in (or
    working days other than the rule's) without a reason is refused, nothing is written.
    """
    stage.due_on = _as_date(stage.due_on)
    stage.override_reason = (stage.override_reason or "").strip()
    if explicit_days and not stage.override_reason:
        # Working days typed in are a deadline typed in: they must match the rule, or say why.
        rule = statutory_rule(stage)
        if rule is not None and rule.days and rule.day_count == "working" and stage.working_days != rule.days:
            raise ValidationError(
                {
                    "override_reason": _(
                        "The law sets {days} working days ({source}); give a reason for another deadline."
                    ).format(days=rule.days, source=rule.citation)
                }
            )
    rule, default = statutory_due(stage)
    stage.rule = rule
    stage.default_due_on = default
    if rule is not None and rule.trigger == DeadlineTrigger.REQUEST and rule.day_count == "working":
        stage.working_days = stage.working_days or rule.days
    if default is None:
        return
    if stage.override_reason:
        if stage.due_on is None or (explicit_days and not explicit_due):
            typed = stage.working_days and stage.requested_on and explicit_days
            stage.due_on = (
                add_working_days(_as_date(stage.requested_on), stage.working_days) if typed else default
            )
        return
    if explicit_due and stage.due_on is not None and stage.due_on != default:
        source = rule.citation if rule is not None else _("the working days entered")
        raise ValidationError(
            {
                "override_reason": _(
                    "The statutory deadline is {date} ({source}); give a reason to set another one."
                ).format(date=default.strftime("%d/%m/%Y"), source=source)
            }
        )
    stage.due_on = default


def _years_old(day: datetime.date | None) -> bool:
    return day is not None and day < _years_before(timezone.localdate(), FOLLOW_UP_OBLIGATION_YEARS)


def _lead_assignment(obligation: Any) -> Any:
    return obligation.assignments.filter(role="lead", parent__isnull=True).order_by("pk").first()


def sync_stage_obligation(stage: InstrumentStage) -> None:
    """Keep the stage's tracked obligation in step with the stage (the system acts: the duty
    follows from the rule, whoever recorded the stage).

    A started stage (a start date and a deadline, not done) becomes one obligation owned by and
    assigned (lead) to the instrument's owner unit, due on the stage's deadline; a changed
    deadline moves the assignment; a completed stage completes it (the system reports 100 % on
    the completion date and approves). A deadline older than two years opens nothing.
    """
    from core.context import SYSTEM

    instrument = stage.instrument
    obligation = tracking.existing_for_source(stage)
    lead = _lead_assignment(obligation) if obligation is not None else None
    if obligation is None:
        if stage.done_on or not stage.due_on or not (stage.requested_on or stage.kind in FOLLOW_UP_KIND_SET):
            return
        if _years_old(stage.due_on):
            return
        obligation = tracking.obligation_from_source(
            actor=SYSTEM, source=stage, owner_unit=instrument.owner_unit, data={"priority": "high"}
        )
    if lead is None:
        if stage.done_on or not stage.due_on:
            return
        start = _as_date(stage.requested_on) or stage.due_on
        lead = tracking.assignment_create(
            actor=SYSTEM,
            data={
                "obligation": obligation,
                "unit": instrument.owner_unit,
                "role": "lead",
                "deadline_kind": "date",
                "assigned_on": min(start, stage.due_on),
                "due_on": stage.due_on,
            },
        )
    elif stage.due_on and lead.deadline_kind == "date" and lead.due_on != stage.due_on:
        lead = tracking.assignment_update(
            actor=SYSTEM,
            obj=lead,
            data={"due_on": stage.due_on, "assigned_on": min(lead.assigned_on, stage.due_on)},
            version=lead.version,
        )
    if stage.done_on:
        _complete(lead, _as_date(stage.done_on))


def _complete(assignment: Any, done_on: datetime.date) -> None:
    """The stage is done: the system reports 100 % for the open period and approves it (once)."""
    from core.context import SYSTEM
    from tracking.models import ProgressReport

    if ProgressReport.objects.filter(assignment=assignment, percent=100).exclude(status="returned").exists():
        return
    period = tracking.current_period(assignment, done_on) or tracking.current_period(assignment)
    if period is None:
        return
    report = tracking.report_submit(
        actor=SYSTEM,
        data={
            "assignment": assignment,
            "period": period,
            "percent": 100,
            "narrative": str(_("Stage completed on {}.")).format(done_on.strftime("%d/%m/%Y")),
        },
    )
    tracking.report_approve(actor=SYSTEM, obj=report, version=report.version)


OVERRIDE_ROLES = ("coordinator", "leadership")


def _check_override(actor: Any, overriding: bool) -> None:
    """Only a coordinator (or the leadership) sets a deadline other than the statutory one."""
    from core.context import SYSTEM

    if not overriding or actor is SYSTEM:
        return
    has_role = getattr(actor, "has_role", None)
    if has_role is not None and has_role(*OVERRIDE_ROLES):
        return
    raise ValidationError(
        {"override_reason": _("Only a coordinator may set a deadline other than the statutory one.")}
    )


@service
def stage_create(*, actor: Any, data: dict[str, Any]) -> InstrumentStage:
    """Add a stage; its deadline is the statutory one unless a reason is given, and a started
    stage becomes a tracked obligation."""
    explicit_due = data.get("due_on") not in (None, "")
    explicit_days = data.get("working_days") not in (None, "")
    _check_override(actor, bool((data.get("override_reason") or "").strip()))
    stage = record_create(
        actor=actor,
        model=InstrumentStage,
        data=child_data(data["instrument"], data),
        before_save=lambda s: _apply_rule(s, explicit_due=explicit_due, explicit_days=explicit_days),
    )
    sync_stage_obligation(stage)
    return stage


@service
def stage_update(
    *, actor: Any, obj: InstrumentStage, data: dict[str, Any], version: int | None
) -> InstrumentStage:
    """Change a stage; the deadline follows the rule (or the reason given), and its obligation
    follows the stage (moved with the deadline, completed with the stage)."""
    data = child_changes(obj, data)
    before_due, before_days, before_reason = InstrumentStage.objects.values_list(
        "due_on", "working_days", "override_reason"
    ).get(pk=obj.pk)
    explicit_due = "due_on" in data and _as_date(data["due_on"]) != before_due
    explicit_days = "working_days" in data and data["working_days"] not in (None, "", before_days)
    reason = (data.get("override_reason", before_reason) or "").strip()
    _check_override(actor, bool(reason) and (reason != before_reason or explicit_due or explicit_days))
    stage = record_update(
        actor=actor,
        obj=obj,
        data=data,
        version=version,
        before_save=lambda s: _apply_rule(s, explicit_due=explicit_due, explicit_days=explicit_days),
    )
    sync_stage_obligation(stage)
    return stage


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


@service
def stage_rule_create(*, actor: Any, data: dict[str, Any]) -> StageRule:
    """Record the statutory deadline of a stage for a kind of instrument (coordinators, administrators)."""
    return record_create(actor=actor, model=StageRule, data=data)


@service
def stage_rule_update(*, actor: Any, obj: StageRule, data: dict[str, Any], version: int | None) -> StageRule:
    """Correct a rule; stages keep the deadline they were given and take the new one when next saved."""
    return record_update(actor=actor, obj=obj, data=data, version=version)


@service
def stage_rule_delete(*, actor: Any, obj: StageRule, version: int | None = None) -> None:
    record_delete(actor=actor, obj=obj, version=version)
