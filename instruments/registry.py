"""Instruments, directives and their children are business records; the indicator is wired here."""

from django.utils.translation import gettext_lazy as _

from access.choices import Role
from access.registry import register_model
from partners.profiles import ProfileSection, register_profile_section
from partners.selectors import register_indicator, register_indicator_group
from tracking.choices import SourceKind
from tracking.coverage import CommitmentSource, indicator_figures, register_commitments
from tracking.reminders import register_daily_job
from tracking.sources import SourceSpec, register_source

from . import commitments, sources
from .alerts import open_yearly_plans, send_expiry_alerts
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
from .selectors import instruments_signed, partner_instruments

register_model(Instrument, namespace="instruments")
register_model(Clause, namespace="instruments")
register_model(InstrumentStage, namespace="instruments", api_basename="stage")
register_model(SigningPlan, namespace="instruments", api_basename="signing-plan")
register_model(InstrumentParty, namespace="instruments", api_basename="party-action")
register_model(
    StageRule,
    kind="reference",
    namespace="instruments",
    api_basename="stage-rule",
    editor_roles=(Role.ADMINISTRATOR, Role.COORDINATOR),
)
register_model(Directive, namespace="instruments")
register_model(DirectiveItem, namespace="instruments", api_basename="directive-item")
register_indicator("instruments_signed", instruments_signed)

# What becomes a tracked obligation ("đã ký là phải làm"): directive tasks, the clauses that
# create obligations, an instrument's own duties and its post-signing follow-up stages.
register_source(
    SourceSpec(
        model=DirectiveItem,
        kind=SourceKind.DIRECTIVE_ITEM,
        defaults=sources.item_defaults,
        label=sources.item_label,
        group=sources.item_group,
        group_model=Directive,
        tree=sources.directive_items,
    )
)
register_source(
    SourceSpec(
        model=Clause,
        kind=SourceKind.CLAUSE,
        defaults=sources.clause_defaults,
        label=sources.clause_label,
        group=lambda clause: clause.instrument,
        group_model=Instrument,
        tree=sources.instrument_duties,
    )
)
register_source(
    SourceSpec(
        model=Instrument,
        kind=SourceKind.INSTRUMENT,
        defaults=sources.instrument_defaults,
        label=sources.instrument_label,
        group=lambda instrument: instrument,
        group_model=Instrument,
        tree=sources.instrument_duties,
    )
)
register_source(
    SourceSpec(
        model=InstrumentStage,
        kind=SourceKind.INSTRUMENT,
        defaults=sources.stage_defaults,
        label=sources.stage_label,
        group=lambda stage: stage.instrument,
        group_model=Instrument,
        tree=sources.instrument_duties,
    )
)
register_profile_section(
    ProfileSection(
        key="instruments",
        label=_("Cooperation instruments"),
        template="instruments/_partner_instruments.html",
        context=partner_instruments,
    )
)

# The tracking engine's daily round also runs the instruments' alerts and yearly plans.
register_daily_job("expiry_alerts", send_expiry_alerts)
register_daily_job("yearly_plans", open_yearly_plans)

# Coverage of commitments (tracking.coverage): the clauses that create obligations of the
# instruments in force, the instruments in force without such a clause, and directive tasks.
register_commitments(
    CommitmentSource(
        key="clause",
        kind=SourceKind.CLAUSE,
        model=Clause,
        label=_("Instrument clauses"),
        rows=commitments.clause_rows,
        is_commitment=commitments.is_clause_commitment,
    )
)
register_commitments(
    CommitmentSource(
        key="instrument",
        kind=SourceKind.INSTRUMENT,
        model=Instrument,
        label=_("Instruments without obligation clauses"),
        rows=commitments.instrument_rows,
        is_commitment=commitments.is_instrument_commitment,
    )
)
register_commitments(
    CommitmentSource(
        key="directive_task",
        kind=SourceKind.DIRECTIVE_ITEM,
        model=DirectiveItem,
        label=_("Directive tasks"),
        rows=commitments.directive_task_rows,
        is_commitment=commitments.is_task_commitment,
    )
)
# The indicators API's commitment figures: instruments is the lowest app that sees both
# partners (which serves the indicators) and tracking (which counts the coverage).
register_indicator_group("commitments", indicator_figures)
