"""Instruments, directives and their children are business records; the indicator is wired here."""

from django.utils.translation import gettext_lazy as _

from access.registry import register_model
from partners.profiles import ProfileSection, register_profile_section
from partners.selectors import register_indicator

from .models import (
    Clause,
    Directive,
    DirectiveItem,
    Instrument,
    InstrumentParty,
    InstrumentStage,
    SigningPlan,
)
from .selectors import instruments_signed, partner_instruments

register_model(Instrument, namespace="instruments")
register_model(Clause, namespace="instruments")
register_model(InstrumentStage, namespace="instruments", api_basename="stage")
register_model(SigningPlan, namespace="instruments", api_basename="signing-plan")
register_model(InstrumentParty, namespace="instruments", api_basename="party-action")
register_model(Directive, namespace="instruments")
register_model(DirectiveItem, namespace="instruments", api_basename="directive-item")
register_indicator("instruments_signed", instruments_signed)
register_profile_section(
    ProfileSection(
        key="instruments",
        label=_("Cooperation instruments"),
        template="instruments/_partner_instruments.html",
        context=partner_instruments,
    )
)
