"""Cases, operations and their children are business records; the directories are reference data."""

from django.utils.translation import gettext_lazy as _

from access.choices import Role
from access.registry import register_model
from partners.profiles import ProfileSection, register_profile_section
from tracking.choices import SourceKind
from tracking.sources import SourceSpec, register_source

from .models import (
    CaseMessage,
    CaseReference,
    CaseSubject,
    CompetentAuthority,
    CooperationCase,
    LetterTemplate,
    Operation,
    Outcome,
    PersonalDataItem,
    PersonalDataTransfer,
    ReleaseDecision,
    ResponseRule,
    RuleSet,
)
from .panels import register_outcome_panels
from .selectors import partner_cases

register_model(CooperationCase, namespace="cases", api_basename="case")
register_model(CaseReference, namespace="cases", api_basename="case-reference")
register_model(CaseMessage, namespace="cases", api_basename="case-message")
register_model(CaseSubject, namespace="cases", api_basename="case-subject")
register_model(Operation, namespace="cases", api_basename="operation")
register_model(Outcome, namespace="cases", api_basename="outcome")
register_model(ReleaseDecision, namespace="cases", api_basename="release-decision")
register_model(PersonalDataItem, namespace="cases", api_basename="personal-data-item")
register_model(PersonalDataTransfer, namespace="cases", api_basename="personal-data-transfer")
register_model(
    CompetentAuthority,
    kind="reference",
    namespace="cases",
    api_basename="competent-authority",
    editor_roles=(Role.ADMINISTRATOR, Role.COORDINATOR),
)
register_model(
    RuleSet,
    kind="reference",
    namespace="cases",
    api_basename="rule-set",
    editor_roles=(Role.ADMINISTRATOR, Role.COORDINATOR),
)
register_model(
    ResponseRule,
    kind="reference",
    namespace="cases",
    api_basename="response-rule",
    editor_roles=(Role.ADMINISTRATOR, Role.COORDINATOR),
)


def _case_defaults(case: CooperationCase) -> dict:
    return {"title": f"{case.get_type_display()}: {case.title}"[:480], "description": case.summary}


# A case's response deadline is tracked as an obligation (see cases.services).
register_source(
    SourceSpec(
        model=CooperationCase,
        kind=SourceKind.CASE,
        defaults=_case_defaults,
        label=lambda case: str(case.get_type_display()),
        group=lambda case: case,
        group_model=CooperationCase,
    )
)

register_profile_section(
    ProfileSection(
        key="cases",
        label=_("Cooperation cases and operations"),
        template="cases/_partner_cases.html",
        context=partner_cases,
    )
)

register_model(
    LetterTemplate,
    kind="reference",
    namespace="cases",
    api_basename="letter-template",
    editor_roles=(Role.ADMINISTRATOR, Role.COORDINATOR),
)

# The outcomes on the obligation, progress report and instrument pages (tracking and
# instruments never import cases).
register_outcome_panels()
