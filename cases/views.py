"""Cooperation cases, operations and the competent-authority directory: lists and details."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.rules import Action, can
from core.attachments import attachments_context
from core.personal import mask, may_see_personal, record_personal_view
from core.views import ObjectViewSet
from tracking.choices import SourceKind, Status
from tracking.views import PrefillMixin

from . import selectors, services
from .choices import TRANSITIONS, CaseStatus
from .filters import (
    AuthorityFilterSet,
    CaseFilterSet,
    MessageFilterSet,
    OperationFilterSet,
    OutcomeFilterSet,
    RuleSetFilterSet,
    TransferFilterSet,
)
from .forms import (
    CaseForm,
    CaseMessageForm,
    CaseReferenceForm,
    CaseSubjectForm,
    CompetentAuthorityForm,
    LetterTemplateForm,
    OperationForm,
    OutcomeForm,
    PersonalDataItemForm,
    PersonalDataTransferForm,
    ReleaseDecisionForm,
    ResponseRuleForm,
    RuleSetForm,
)
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

CASE_FIELDS = (
    "title",
    "type",
    "direction",
    "notice_colour",
    "channel",
    "crime_area",
    "countries",
    "agencies",
    "legal_basis",
    "reciprocity",
    "central_authority",
    "status",
    "opened_on",
    "response_due_on",
    "provisional_arrest_on",
    "provisional_arrest_end",
    "provisional_arrest_ended_on",
    "closed_on",
    "rules_applied",
    "rule_set",
    "paused_reason",
    "paused_on",
    "summary",
    "owner_unit",
    "support_units",
    "classification",
)


class CaseViews(ObjectViewSet):
    model = CooperationCase
    form_class = CaseForm
    filterset_class = CaseFilterSet
    list_columns = ("title", "type", "direction", "status", "opened_on", "response_due_on", "owner_unit")
    detail_fields = CASE_FIELDS
    column_labels = {"owner_unit": _("lead unit")}
    ordering_fields = {
        "title": "title",
        "type": "type",
        "status": "status",
        "opened_on": "opened_on",
        "response_due_on": "response_due_on",
    }
    default_ordering = "-opened_on"
    select_related = ("owner_unit", "legal_basis", "central_authority", "rule_set__central_authority")
    prefetch_related = ("countries", "agencies", "support_units")
    url_prefix = ""
    detail_template = "cases/case_detail.html"
    create_service = staticmethod(services.case_create)
    update_service = staticmethod(services.case_update)
    delete_service = staticmethod(services.case_delete)

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: CooperationCase) -> dict[str, Any]:
        user = request.user
        full = may_see_personal(user, obj)
        subjects = list(
            CaseSubject.objects.visible_to(user)
            .filter(case=obj)
            .prefetch_related(
                Prefetch(
                    "data_items",
                    queryset=PersonalDataItem.objects.visible_to(user).order_by("category", "pk"),
                )
            )
        )
        for s in subjects:
            for name in CaseSubject.personal_fields:
                value = getattr(s, name)
                shown = value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else value
                setattr(s, f"shown_{name}", shown if full else mask(value))
            s.items = list(s.data_items.all())
            for item in s.items:
                item.shown_value = item.value if full else mask(item.value)
        if full and subjects:
            # One audit entry for the subjects (and their items) shown in full on the case page.
            record_personal_view(
                user,
                obj,
                "page",
                fields=[f"subjects.{name}" for name in CaseSubject.personal_fields] + ["subjects.data_items"],
            )
        transfers = list(
            PersonalDataTransfer.objects.visible_to(user).filter(case=obj).order_by("-transferred_on")
        )
        for t in transfers:
            t.shown_subject_names = t.subject_names if full else mask(t.subject_names)
        deadline = selectors.deadline_status(user=user, case=obj)
        arrest = selectors.deadline_status(user=user, case=obj, kind=SourceKind.ARREST)
        labels = dict(CaseStatus.choices)
        outcomes = selectors.case_outcomes(user=user, case=obj)
        return {
            "outcomes": outcomes,
            "outcome_totals": selectors.outcome_totals(outcomes),
            "references": CaseReference.objects.visible_to(user).filter(case=obj),
            "messages": CaseMessage.objects.visible_to(user)
            .filter(case=obj)
            .select_related("release_decision")
            .order_by("date", "pk"),
            "decisions": ReleaseDecision.objects.visible_to(user)
            .filter(case=obj)
            .order_by("decided_on", "pk"),
            "transfers": transfers,
            "timeline": selectors.case_timeline(user=user, case=obj),
            "subjects": subjects,
            "personal_full": full,
            "deadline": deadline,
            "deadline_label": dict(Status.choices).get(deadline.status) if deadline is not None else None,
            "arrest": arrest,
            "arrest_label": dict(Status.choices).get(arrest.status) if arrest is not None else None,
            "rules": obj.rule_set if obj.rule_set_id else None,
            "response_rule": services.response_rule(obj.type, obj.rule_set if obj.rule_set_id else None),
            "legal": selectors.legal_basis_panel(user=user, case=obj),
            "next_statuses": [labels[s] for s in sorted(TRANSITIONS.get(obj.status, ()))],
            "arrest_days_left": obj.provisional_arrest_days_left(),
            "can_change": can(user, Action.CHANGE, obj),
            "share_url": reverse("cases:cooperationcase_share", args=[obj.pk]),
            "letter_url": reverse("cases:case_letter", args=[obj.pk])
            if can(user, Action.EXPORT, obj)
            else None,
            # Issuing the letter (number, register) is the reports module's outgoing register,
            # reached by its URL (nothing imports reports); whoever approves the unit's work.
            "letter_issue_url": reverse("reports:letter_issue", args=[obj.pk])
            if can(user, Action.APPROVE, obj)
            else None,
            "today": timezone.localdate(),
            **attachments_context(request, obj),
        }


class CaseReferenceViews(PrefillMixin, ObjectViewSet):
    prefill_fields = ("case",)
    model = CaseReference
    form_class = CaseReferenceForm
    list_columns = ("number", "kind", "case")
    detail_fields = ("case", "kind", "number")
    ordering_fields = {"number": "number", "kind": "kind"}
    select_related = ("case",)
    url_prefix = "references/"
    create_service = staticmethod(services.reference_create)
    update_service = staticmethod(services.reference_update)
    delete_service = staticmethod(services.reference_delete)


class CaseMessageViews(PrefillMixin, ObjectViewSet):
    prefill_fields = ("case",)
    model = CaseMessage
    form_class = CaseMessageForm
    list_columns = (
        "date",
        "direction",
        "channel",
        "summary",
        "handling_code",
        "grading",
        "case",
    )
    column_labels = {"grading": _("grading (source, information)"), "handling_code": _("handling code")}
    detail_fields = (
        "case",
        "date",
        "direction",
        "channel",
        "summary",
        "document_ref",
        "handling_code",
        "handling_conditions",
        "source_reliability",
        "information_accuracy",
        "release_decision",
        "subjects",
    )
    filterset_class = MessageFilterSet
    ordering_fields = {"date": "date", "direction": "direction", "handling_code": "handling_code"}
    default_ordering = "-date"
    select_related = ("case", "release_decision")
    prefetch_related = ("subjects",)
    url_prefix = "messages/"
    create_service = staticmethod(services.message_create)
    update_service = staticmethod(services.message_update)
    delete_service = staticmethod(services.message_delete)


class CaseSubjectViews(PrefillMixin, ObjectViewSet):
    prefill_fields = ("case",)
    model = CaseSubject
    form_class = CaseSubjectForm
    list_columns = ("role", "full_name", "nationality", "case")
    detail_fields = (
        "case",
        "role",
        "full_name",
        "birth_date",
        "nationality",
        "document_number",
        "legal_basis",
    )
    ordering_fields = {"role": "role"}
    # The personal-data rule reads the case's owner unit for every row.
    select_related = ("case__owner_unit",)
    url_prefix = "subjects/"
    create_service = staticmethod(services.subject_create)
    update_service = staticmethod(services.subject_update)
    delete_service = staticmethod(services.subject_delete)


class OperationViews(ObjectViewSet):
    model = Operation
    form_class = OperationForm
    filterset_class = OperationFilterSet
    list_columns = ("name", "crime_area", "started_on", "ended_on", "owner_unit")
    detail_fields = (
        "name",
        "code_name",
        "crime_area",
        "countries",
        "agencies",
        "started_on",
        "ended_on",
        "cases",
        "participating_units",
        "summary",
        "owner_unit",
        "classification",
    )
    column_labels = {"owner_unit": _("lead unit")}
    ordering_fields = {"name": "name", "started_on": "started_on", "crime_area": "crime_area"}
    default_ordering = "-started_on"
    select_related = ("owner_unit",)
    prefetch_related = ("countries", "agencies", "cases", "participating_units")
    url_prefix = "operations/"
    detail_template = "cases/operation_detail.html"
    create_service = staticmethod(services.operation_create)
    update_service = staticmethod(services.operation_update)
    delete_service = staticmethod(services.operation_delete)

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: Operation) -> dict[str, Any]:
        outcomes = selectors.operation_outcomes(user=request.user, operation=obj)
        return {
            "outcomes": outcomes,
            "totals": selectors.outcome_totals(outcomes),
            "linked_cases": CooperationCase.objects.visible_to(request.user).filter(operations=obj),
            "can_change": can(request.user, Action.CHANGE, obj),
            **attachments_context(request, obj),
        }


class OutcomeViews(PrefillMixin, ObjectViewSet):
    prefill_fields = ("case", "operation", "report", "obligation", "instrument")
    model = Outcome
    form_class = OutcomeForm
    filterset_class = OutcomeFilterSet
    list_columns = (
        "kind",
        "count",
        "substance",
        "quantity",
        "measure_unit",
        "occurred_on",
        "owner",
        "obligation",
    )
    detail_fields = (
        "case",
        "operation",
        "report",
        "kind",
        "count",
        "substance",
        "quantity",
        "measure_unit",
        "occurred_on",
        "obligation",
        "instrument",
        "notes",
    )
    column_labels = {"owner": _("recorded on")}
    ordering_fields = {"kind": "kind", "quantity": "quantity", "occurred_on": "occurred_on"}
    default_ordering = "-occurred_on"
    select_related = ("case", "operation", "report__period", "report__assignment__unit", "obligation")
    url_prefix = "outcomes/"
    detail_template = "cases/outcome_detail.html"
    create_service = staticmethod(services.outcome_create)
    update_service = staticmethod(services.outcome_update)
    delete_service = staticmethod(services.outcome_delete)

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: Outcome) -> dict[str, Any]:
        return {"chain": selectors.outcome_chain(user=request.user, outcome=obj)}


class AuthorityViews(ObjectViewSet):
    model = CompetentAuthority
    form_class = CompetentAuthorityForm
    filterset_class = AuthorityFilterSet
    list_columns = ("country", "request_kind", "role", "name", "languages", "channels")
    detail_fields = (
        "country",
        "request_kind",
        "role",
        "name",
        "name_en",
        "languages",
        "channels",
        "urgent_procedure",
        "notes",
    )
    ordering_fields = {"country": "country__sort_key", "request_kind": "request_kind", "name": "name"}
    default_ordering = "country"
    select_related = ("country",)
    url_prefix = "authorities/"
    create_service = staticmethod(services.authority_create)
    update_service = staticmethod(services.authority_update)
    delete_service = staticmethod(services.authority_delete)


class RuleSetViews(ObjectViewSet):
    """Rule sets by date: which law applies to a case type on a date, with its source."""

    model = RuleSet
    form_class = RuleSetForm
    filterset_class = RuleSetFilterSet
    list_columns = (
        "case_type",
        "law_name",
        "law_number",
        "valid_from",
        "valid_to",
        "central_authority",
        "confirmed",
    )
    detail_fields = (
        "case_type",
        "law_name",
        "law_number",
        "valid_from",
        "valid_to",
        "central_authority",
        "provisional_arrest_days",
        "source",
        "confirmed",
        "unconfirmed_points",
    )
    ordering_fields = {"case_type": "case_type", "valid_from": "valid_from", "law_name": "law_name"}
    default_ordering = "case_type"
    select_related = ("central_authority",)
    url_prefix = "rule-sets/"
    create_service = staticmethod(services.rule_set_create)
    update_service = staticmethod(services.rule_set_update)
    delete_service = staticmethod(services.rule_set_delete)


class ResponseRuleViews(ObjectViewSet):
    model = ResponseRule
    form_class = ResponseRuleForm
    list_columns = ("case_type", "rule_set", "days", "source", "note")
    detail_fields = ("case_type", "rule_set", "days", "source", "note")
    ordering_fields = {"case_type": "case_type", "days": "days"}
    default_ordering = "case_type"
    select_related = ("rule_set",)
    url_prefix = "response-rules/"
    create_service = staticmethod(services.response_rule_create)
    update_service = staticmethod(services.response_rule_update)
    delete_service = staticmethod(services.response_rule_delete)


class ReleaseDecisionViews(PrefillMixin, ObjectViewSet):
    """Decisions releasing a case's classified information to a foreign partner."""

    prefill_fields = ("case",)
    model = ReleaseDecision
    form_class = ReleaseDecisionForm
    list_columns = (
        "decision_ref",
        "decided_on",
        "decision_level",
        "released_level",
        "foreign_organisation",
        "case",
    )
    detail_fields = (
        "case",
        "decided_on",
        "decision_ref",
        "decision_level",
        "decided_by",
        "released_level",
        "information",
        "foreign_organisation",
        "representative",
        "representative_nationality",
        "passport_number",
        "representative_position",
        "purpose",
        "protection_commitment",
    )
    ordering_fields = {"decided_on": "decided_on", "decision_ref": "decision_ref"}
    default_ordering = "-decided_on"
    select_related = ("case__owner_unit",)
    url_prefix = "release-decisions/"
    create_service = staticmethod(services.decision_create)
    update_service = staticmethod(services.decision_update)
    delete_service = staticmethod(services.decision_delete)


class PersonalDataItemViews(PrefillMixin, ObjectViewSet):
    """Further personal-data items of a subject, each tagged basic or sensitive with its basis."""

    prefill_fields = ("subject",)
    model = PersonalDataItem
    form_class = PersonalDataItemForm
    list_columns = ("category", "value", "sensitivity", "legal_basis", "subject")
    detail_fields = ("subject", "category", "value", "sensitivity", "legal_basis")
    ordering_fields = {"category": "category", "sensitivity": "sensitivity"}
    select_related = ("subject__case__owner_unit",)
    url_prefix = "personal-data/"
    create_service = staticmethod(services.item_create)
    update_service = staticmethod(services.item_update)
    delete_service = staticmethod(services.item_delete)


class PersonalDataTransferViews(PrefillMixin, ObjectViewSet):
    """The register of personal data transferred to foreign counterparts."""

    prefill_fields = ("case",)
    model = PersonalDataTransfer
    form_class = PersonalDataTransferForm
    filterset_class = TransferFilterSet
    list_columns = (
        "transferred_on",
        "recipient",
        "subject_names",
        "data_transferred",
        "includes_sensitive",
        "legal_basis",
        "case",
    )
    detail_fields = (
        "case",
        "message",
        "transferred_on",
        "recipient",
        "recipient_country",
        "subject_names",
        "data_transferred",
        "includes_sensitive",
        "legal_basis",
        "instrument",
    )
    ordering_fields = {"transferred_on": "transferred_on", "recipient": "recipient"}
    default_ordering = "-transferred_on"
    select_related = ("case__owner_unit", "message", "recipient_country", "instrument")
    url_prefix = "transfers/"
    create_service = staticmethod(services.transfer_create)
    update_service = staticmethod(services.transfer_update)
    delete_service = staticmethod(services.transfer_delete)


class LetterTemplateViews(ObjectViewSet):
    """Templates of draft request letters (reference data the coordinators edit)."""

    model = LetterTemplate
    form_class = LetterTemplateForm
    list_columns = ("name", "language", "case_type", "heading")
    detail_fields = ("name", "language", "case_type", "heading", "body")
    ordering_fields = {"name": "name", "language": "language", "case_type": "case_type"}
    default_ordering = "language"
    url_prefix = "letter-templates/"
    create_service = staticmethod(services.letter_template_create)
    update_service = staticmethod(services.letter_template_update)
    delete_service = staticmethod(services.letter_template_delete)
