"""Instruments and directives: lists, details with parties, clauses, trees and the cascade."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.attachments import attachments_context
from core.views import ObjectViewSet
from tracking.documents import document_tracking

from . import selectors, services
from .filters import DirectiveFilterSet, DirectiveItemFilterSet, InstrumentFilterSet
from .forms import (
    ClauseForm,
    DirectiveForm,
    DirectiveItemForm,
    InstrumentForm,
    PartyActionForm,
    SigningPlanForm,
    StageForm,
    StageRuleForm,
)
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
from .sources import FOLLOW_UP_KINDS, TRACKABLE_ITEM_KINDS


class InstrumentViews(ObjectViewSet):
    model = Instrument
    form_class = InstrumentForm
    filterset_class = InstrumentFilterSet
    list_columns = ("title", "type", "status", "signed_on", "in_force_on", "expires_on")
    detail_fields = (
        "title",
        "title_en",
        "symbol",
        "type",
        "level",
        "multilateral",
        "status",
        "parties_text",
        "request_types",
        "negotiation_started_on",
        "signed_on",
        "in_force_on",
        "expires_on",
        "ended_on",
        "renewal_terms",
        "renewal_decision_on",
        "place",
        "signatories",
        "languages",
        "national_db_ref",
        "plan_titles",
        "notes",
        "owner_unit",
        "classification",
    )
    column_labels = {"parties_text": _("parties"), "plan_titles": _("signing plans")}
    ordering_fields = {
        "title": "title",
        "type": "type",
        "status": "status",
        "signed_on": "signed_on",
        "in_force_on": "in_force_on",
        "expires_on": "expires_on",
    }
    default_ordering = "-signed_on"
    prefetch_related = ("agencies", "countries", "bodies")
    url_prefix = ""
    detail_template = "instruments/instrument_detail.html"
    create_service = staticmethod(services.instrument_create)
    update_service = staticmethod(services.instrument_update)
    delete_service = staticmethod(services.instrument_delete)

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: Instrument) -> dict[str, Any]:
        clauses = list(Clause.objects.visible_to(request.user).filter(instrument=obj).order_by("order", "pk"))
        stages = list(
            InstrumentStage.objects.visible_to(request.user)
            .filter(instrument=obj)
            .select_related("responsible_unit", "rule")
        )
        tracking = document_tracking(request.user, obj)
        tracked = tracking["tracked"]
        for clause in clauses:
            clause.obligation = tracked(clause)
        for stage in stages:
            stage.obligation = tracked(stage)
            stage.is_follow_up = stage.kind in FOLLOW_UP_KINDS
        parties = list(obj.party_actions.visible_to(request.user).select_related("country"))
        return {
            "clauses": clauses,
            "party_actions": parties,
            "vietnam": selectors.vietnam_status(obj, parties),
            "stages": stages,
            "outside_plan": obj.outside_plan,
            "instrument_obligation": tracked(obj),
            **tracking,
            **attachments_context(request, obj),
        }


class ClauseViews(ObjectViewSet):
    model = Clause
    form_class = ClauseForm
    list_columns = ("number", "instrument", "creates_obligation")
    detail_fields = ("instrument", "number", "text", "creates_obligation", "order")
    ordering_fields = {"number": "number", "instrument": "instrument__title"}
    select_related = ("instrument",)
    url_prefix = "clauses/"
    create_service = staticmethod(services.clause_create)
    update_service = staticmethod(services.clause_update)
    delete_service = staticmethod(services.clause_delete)


class DirectiveViews(ObjectViewSet):
    model = Directive
    form_class = DirectiveForm
    filterset_class = DirectiveFilterSet
    list_columns = ("symbol", "title", "kind", "issuer", "issued_on")
    detail_fields = (
        "symbol",
        "kind",
        "issuer",
        "issued_on",
        "signer",
        "title",
        "title_en",
        "summary",
        "owner_unit",
        "classification",
    )
    ordering_fields = {"symbol": "symbol", "title": "title", "issued_on": "issued_on", "kind": "kind"}
    default_ordering = "-issued_on"
    url_prefix = "directives/"
    detail_template = "instruments/directive_detail.html"
    create_service = staticmethod(services.directive_create)
    update_service = staticmethod(services.directive_update)
    delete_service = staticmethod(services.directive_delete)

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: Directive) -> dict[str, Any]:
        tree = selectors.directive_tree(user=request.user, directive=obj)
        tracking = document_tracking(request.user, obj)

        def mark(nodes: list[dict[str, Any]]) -> None:
            for node in nodes:
                node["obligation"] = tracking["tracked"](node["item"])
                node["trackable"] = node["item"].kind in TRACKABLE_ITEM_KINDS
                mark(node["children"])

        mark(tree)
        return {
            **tracking,
            "tree": tree,
            **selectors.cascade(user=request.user, directive=obj),
            "today": timezone.localdate(),
            **attachments_context(request, obj),
        }


class DirectiveItemViews(ObjectViewSet):
    model = DirectiveItem
    form_class = DirectiveItemForm
    filterset_class = DirectiveItemFilterSet
    list_columns = ("number", "text", "kind", "directive")
    detail_fields = ("directive", "parent", "kind", "number", "text", "order", "demo_text")
    ordering_fields = {"number": "number", "kind": "kind"}
    select_related = ("directive",)
    url_prefix = "items/"
    detail_template = "instruments/directiveitem_detail.html"
    create_service = staticmethod(services.item_create)
    update_service = staticmethod(services.item_update)
    delete_service = staticmethod(services.item_delete)

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: DirectiveItem) -> dict[str, Any]:
        """The item's obligation (status counts and percent) or the "track" action."""
        tracking = document_tracking(request.user, obj.directive)
        return {
            **tracking,
            "obligation": tracking["tracked"](obj),
            "trackable": obj.kind in TRACKABLE_ITEM_KINDS,
        }


class StageViews(ObjectViewSet):
    model = InstrumentStage
    form_class = StageForm
    list_columns = ("kind", "instrument", "responsible_unit", "due_on", "default_due_on", "done_on")
    detail_fields = (
        "instrument",
        "kind",
        "responsible_unit",
        "requested_on",
        "working_days",
        "default_due_on",
        "legal_source",
        "due_on",
        "override_reason",
        "done_on",
        "notes",
    )
    column_labels = {"legal_source": _("legal source")}
    ordering_fields = {"kind": "kind", "due_on": "due_on", "done_on": "done_on"}
    default_ordering = "due_on"
    select_related = ("instrument", "responsible_unit", "rule")
    url_prefix = "stages/"
    create_service = staticmethod(services.stage_create)
    update_service = staticmethod(services.stage_update)
    delete_service = staticmethod(services.stage_delete)


class StageRuleViews(ObjectViewSet):
    """Statutory deadlines of each stage by kind of instrument, with the article of law."""

    model = StageRule
    form_class = StageRuleForm
    list_columns = ("work_kind", "stage", "period_text", "valid_from", "valid_to", "citation", "confirmed")
    detail_fields = (
        "work_kind",
        "stage",
        "trigger",
        "days",
        "day_count",
        "due_month",
        "due_day",
        "valid_from",
        "valid_to",
        "law",
        "article",
        "source",
        "confirmed",
        "unconfirmed_points",
    )
    column_labels = {"period_text": _("deadline"), "citation": _("legal source")}
    ordering_fields = {"work_kind": "work_kind", "stage": "stage", "valid_from": "valid_from"}
    default_ordering = "work_kind"
    url_prefix = "stage-rules/"
    create_service = staticmethod(services.stage_rule_create)
    update_service = staticmethod(services.stage_rule_update)
    delete_service = staticmethod(services.stage_rule_delete)


class SigningPlanViews(ObjectViewSet):
    model = SigningPlan
    form_class = SigningPlanForm
    list_columns = ("title", "kind", "year_from", "year_to")
    detail_fields = (
        "title",
        "kind",
        "year_from",
        "year_to",
        "instruments",
        "notes",
        "owner_unit",
        "classification",
    )
    ordering_fields = {"title": "title", "kind": "kind", "year_from": "year_from"}
    default_ordering = "-year_from"
    prefetch_related = ("instruments",)
    url_prefix = "plans/"
    create_service = staticmethod(services.plan_create)
    update_service = staticmethod(services.plan_update)
    delete_service = staticmethod(services.plan_delete)


class PartyActionViews(ObjectViewSet):
    model = InstrumentParty
    form_class = PartyActionForm
    list_columns = (
        "country",
        "instrument",
        "signed_on",
        "ratified_on",
        "acceded_on",
        "in_force_on",
        "withdrew_on",
    )
    detail_fields = (
        "instrument",
        "country",
        "signed_on",
        "ratified_on",
        "acceded_on",
        "in_force_on",
        "withdrew_on",
        "reservations",
    )
    ordering_fields = {
        "country": "country__sort_key",
        "signed_on": "signed_on",
        "ratified_on": "ratified_on",
        "in_force_on": "in_force_on",
        "withdrew_on": "withdrew_on",
    }
    select_related = ("instrument", "country")
    url_prefix = "party-actions/"
    create_service = staticmethod(services.party_action_create)
    update_service = staticmethod(services.party_action_update)
    delete_service = staticmethod(services.party_action_delete)
