from django.db import models
from django.utils.translation import gettext_lazy as _


class InstrumentType(models.TextChoices):
    TREATY = "treaty", _("Treaty")
    AGREEMENT = "agreement", _("International agreement")
    MOU = "mou", _("Memorandum of understanding")
    COOPERATION_PLAN = "cooperation_plan", _("Plan of cooperation")
    JOINT_STATEMENT = "joint_statement", _("Joint statement")
    OTHER = "other", _("Other")


class InstrumentLevel(models.TextChoices):
    STATE = "state", _("State")
    GOVERNMENT = "government", _("Government")
    MINISTRY = "ministry", _("Ministry")
    UNIT = "unit", _("Unit")


class InstrumentStatus(models.TextChoices):
    DRAFTING = "drafting", _("Drafting")
    NEGOTIATING = "negotiating", _("Negotiating")
    SIGNED = "signed", _("Signed")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")
    SUPERSEDED = "superseded", _("Superseded")


# The stages of treaty and agreement work: what may follow what (Law on Treaties 2016,
# Law on International Agreements 2020). An expired instrument may be renewed into force.
TRANSITIONS: dict[str, frozenset[str]] = {
    "drafting": frozenset({"negotiating", "terminated"}),
    "negotiating": frozenset({"drafting", "signed", "terminated"}),
    "signed": frozenset({"in_force", "terminated"}),
    "in_force": frozenset({"expired", "terminated", "superseded"}),
    "expired": frozenset({"in_force", "superseded"}),
    "terminated": frozenset(),
    "superseded": frozenset(),
}


class DirectiveKind(models.TextChoices):
    RESOLUTION = "resolution", _("Resolution (NQ)")
    CONCLUSION = "conclusion", _("Conclusion (KL)")
    PROGRAMME = "programme", _("Action programme (CTr)")
    PLAN = "plan", _("Plan (KH)")
    DIRECTIVE = "directive", _("Directive (CT)")
    DECISION = "decision", _("Decision (QĐ)")
    OTHER = "other", _("Other")


class ItemKind(models.TextChoices):
    SECTION = "section", _("Section")
    VIEWPOINT = "viewpoint", _("Guiding viewpoint")
    TASK_GROUP = "task_group", _("Task group")
    TASK = "task", _("Task")
    OTHER = "other", _("Other")


class StageKind(models.TextChoices):
    """Steps of the Ministry's treaty and agreement work, before and after signing."""

    SIGNING_PLAN = "signing_plan", _("Included in the signing plan")
    PROPOSAL = "proposal", _("Proposal")
    RESEARCH = "research", _("Research and drafting")
    MOFA_CONSULTATION = "mofa_consultation", _("Consultation of the Ministry of Foreign Affairs")
    MOJ_CONSULTATION = "moj_consultation", _("Consultation of the Ministry of Justice")
    LEGAL_CHECK = "legal_check", _("Legal check by the legal department")
    MISSING_PAPERS = "missing_papers", _("Request for missing papers")
    APPROVAL = "approval", _("Approval")
    SIGNING = "signing", _("Signing")
    REPORT_TO_MOFA = "report_to_mofa", _("Copy and report to the Ministry of Foreign Affairs")
    IMPLEMENTATION_PLAN = "implementation_plan", _("Implementation plan")
    YEARLY_PLAN = "yearly_plan", _("Yearly implementation plan")


class PlanKind(models.TextChoices):
    YEARLY = "yearly", _("Yearly signing plan")
    FIVE_YEAR = "five_year", _("Five-year signing plan")


class RequestType(models.TextChoices):
    """The kinds of request or cooperation an instrument covers.

    The values of the request types are those of the cases' ``CaseType`` (the legal-basis
    panel compares a case's type with them; ``cases/tests`` checks the alignment), plus the
    kinds of cooperation that are not cases (training).
    """

    INFORMATION = "information", _("Information exchange")
    MLA = "mla", _("Mutual legal assistance in criminal matters")
    EXTRADITION = "extradition", _("Extradition")
    TRANSFER = "transfer", _("Transfer of sentenced persons")
    JOINT_INVESTIGATION = "joint_investigation", _("Joint investigation")
    INTERPOL_NOTICE = "interpol_notice", _("INTERPOL notices and diffusions")
    CITIZEN_PROTECTION = "citizen_protection", _("Citizen protection")
    REPATRIATION = "repatriation", _("Repatriation or handover of persons")
    ASSET_RECOVERY = "asset_recovery", _("Asset recovery")
    TRAINING = "training", _("Training and capacity building")


class TreatyWorkKind(models.TextChoices):
    """Which law governs the work on an instrument (and so its statutory deadlines)."""

    TREATY = "treaty", _("Treaty (Law on Treaties 2016)")
    MINISTRY_AGREEMENT = "ministry_agreement", _("International agreement at ministry level (Law of 2020)")
    PROVINCIAL_AGREEMENT = "provincial_agreement", _("Provincial-level international agreement (Law of 2020)")


class DeadlineTrigger(models.TextChoices):
    """The date a stage's statutory deadline counts from."""

    REQUEST = "request", _("Request or start of the stage")
    SIGNING = "signing", _("Signing of the instrument")
    ENTRY_INTO_FORCE = "entry_into_force", _("Entry into force of the instrument")
    YEARLY = "yearly", _("A fixed day each year")
