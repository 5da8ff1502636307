"""Pages of the registers of secret documents: sent (read from the outgoing register),
received, hand-over, copying and destruction; printable in the layout of the forms, with
the pending hand-overs of the signed-in user and the unit's copy limit.

Lines are added through the register services and never edited or deleted (no edit or
delete pages): a correction is a new line that names the one it corrects.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.rules import Action, can
from core.audit import AuditEvent, audit_record, audit_refused
from core.copies import (
    CopyKind,
    copy_line,
    highest_level,
    may_decide_copies,
    needs_copy_number,
    register_copies,
    unit_copy_limit,
    unit_copy_limit_set,
)
from core.display import field_value
from core.exceptions import ValidationError
from core.models import CopyDecision
from core.views import ObjectListView, ObjectViewSet

from . import registers
from .filters import (
    CopyDecisionFilterSet,
    HandOverFilterSet,
    IssuedDocumentFilterSet,
    ReceivedFilterSet,
    SecretDestructionFilterSet,
)
from .forms import (
    CopyDecisionForm,
    CopyLimitForm,
    ReceivedSecretDocumentForm,
    SecretDestructionForm,
    SecretHandOverForm,
)
from .models import IssuedDocument, ReceivedSecretDocument, SecretDestruction, SecretHandOver
from .views import add_errors

PRINT_LIMIT = 2000


class RegisterViews(ObjectViewSet):
    """A register: add and read, never edit or delete; printable in its form's layout."""

    allow_edit = False
    allow_delete = False
    export_copies_records = False
    detail_template = "reports/register_detail.html"
    # Form of Circular 24/2020/TT-BCA whose layout the print follows, and the printed title.
    form_number: str = ""
    print_title: Any = ""

    @classmethod
    def print_url_name(cls) -> str:
        return f"reports:{cls.model._meta.model_name}_print"

    @classmethod
    def list_extra(cls, request: HttpRequest) -> dict[str, Any]:
        return {"print_url": reverse(cls.print_url_name())}

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        model = type(obj)
        corrected_by = (
            model._default_manager.visible_to(request.user).filter(corrects=obj).only("pk").first()
            if any(f.name == "corrects" for f in model._meta.concrete_fields)
            else None
        )
        add_url = None
        if cls.allow_add and cls.form_class is not None and corrected_by is None:
            entry = cls.entry()
            if can(request.user, cls.permission_map.get(Action.ADD, Action.ADD), model):
                add_url = reverse(entry.url_name("add")) + f"?corrects={obj.pk}"
        return {"corrected_by": corrected_by, "correct_url": add_url}

    @classmethod
    def urls(cls) -> list:
        name = cls.model._meta.model_name
        return [
            *super().urls(),
            path(
                (cls.url_prefix or f"{name}s/") + "print/",
                RegisterPrintView.as_view(viewset=cls),
                name=f"{name}_print",
            ),
        ]


class RegisterPrintView(ObjectListView):
    """The register as its printed form: every filtered line (up to a limit) on A4 landscape.

    A print holding a line of a document classified Mật or above (the register of documents
    sent) is a numbered copy, registered like an export."""

    template_name = "reports/register_print.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        self.require(Action.VIEW, self.model)
        self.require(Action.EXPORT, self.model)
        qs, _filterset, _sort = self.filtered(request)
        objs = list(qs[:PRINT_LIMIT])
        columns = self.viewset.list_columns
        level = highest_level(getattr(o, "classification", None) for o in objs)
        entry = None
        if needs_copy_number(level):
            entry = register_copies(
                actor=request.user,
                model=self.model,
                ids=[o.pk for o in objs],
                classification=level,
                kind=CopyKind.EXPORT,
                file_format="print",
                description=request.GET.urlencode(),
            )
        audit_record(
            AuditEvent.EXPORT,
            actor=request.user,
            extra={
                "model": self.model._meta.label,
                "format": "print",
                "rows": len(objs),
                "query": request.GET.urlencode(),
            },
        )
        context = {
            **self.base_context(),
            "title": self.viewset.print_title or self.model._meta.verbose_name_plural,
            "form_number": self.viewset.form_number,
            "unit": request.user.unit,
            "headers": [self.viewset.label(c) for c in columns],
            "rows": [[field_value(o, c) for c in columns] for o in objs],
            "truncated": len(objs) >= PRINT_LIMIT,
            "copy_line": copy_line(entry) if entry is not None else "",
            "printed_at": timezone.localtime(),
            "query": request.GET.urlencode(),
        }
        return render(request, self.template_name, context)


class SentRegisterViews(RegisterViews):
    """The register of secret documents sent (form 14): the outgoing register's documents
    classified Mật or above, read from it (the same lines, never copied)."""

    model = IssuedDocument
    form_class = None
    allow_add = False
    filterset_class = IssuedDocumentFilterSet
    list_columns = (
        "number",
        "issued_on",
        "symbol",
        "summary",
        "classification",
        "recipients_text",
        "copies",
        "signer_name",
        "owner_unit",
    )
    column_labels = {
        "number": _("number"),
        "summary": _("subject"),
        "classification": _("level"),
        "recipients_text": _("recipients"),
        "signer_name": _("signer"),
        "owner_unit": _("issuing unit"),
    }
    ordering_fields = {"number": "number", "issued_on": "issued_on", "symbol": "number", "copies": "copies"}
    select_related = ("owner_unit",)
    url_prefix = "registers/sent/"
    form_number = "14"
    print_title = _("Register of secret documents sent")

    @classmethod
    def queryset(cls, user: Any) -> models.QuerySet:
        return registers.sent_register(user)

    @classmethod
    def list_extra(cls, request: HttpRequest) -> dict[str, Any]:
        return {"list_title": cls.print_title, "print_url": reverse("reports:sent_register_print")}

    @classmethod
    def urls(cls) -> list:
        return [
            path(cls.url_prefix, ObjectListView.as_view(viewset=cls), name="sent_register"),
            path(
                cls.url_prefix + "print/", RegisterPrintView.as_view(viewset=cls), name="sent_register_print"
            ),
        ]


class ReceivedSecretDocumentViews(RegisterViews):
    """The register of secret documents received (form 15), numbered per unit and year."""

    model = ReceivedSecretDocument
    form_class = ReceivedSecretDocumentForm
    filterset_class = ReceivedFilterSet
    list_columns = (
        "number",
        "received_on",
        "sender",
        "doc_symbol",
        "doc_date",
        "subject_shown",
        "level",
        "copies",
        "received_by_name",
        "owner_unit",
    )
    column_labels = {"subject_shown": _("subject"), "owner_unit": _("receiving unit")}
    detail_fields = (*list_columns, "note", "corrects", "created_by")
    ordering_fields = {
        "number": "number",
        "received_on": "received_on",
        "sender": "sender",
        "doc_date": "doc_date",
        "level": "level",
    }
    select_related = ("owner_unit", "corrects", "created_by")
    url_prefix = "registers/received/"
    create_service = staticmethod(registers.received_create)
    form_number = "15"
    print_title = _("Register of secret documents received")

    @classmethod
    def queryset(cls, user: Any) -> models.QuerySet:
        return registers.with_subject(super().queryset(user), user)


class SecretHandOverViews(RegisterViews):
    """The hand-over register (form 16); the recipient confirms receipt (the signature)."""

    model = SecretHandOver
    form_class = SecretHandOverForm
    filterset_class = HandOverFilterSet
    list_columns = (
        "handed_at",
        "document_label",
        "level",
        "copies",
        "copy_numbers",
        "given_by_name",
        "recipient_name",
        "recipient_unit",
        "confirmed_at",
    )
    detail_fields = (*list_columns, "owner_unit", "note", "corrects")
    ordering_fields = {"handed_at": "handed_at", "level": "level", "confirmed_at": "confirmed_at"}
    select_related = ("owner_unit", "recipient_unit", "corrects")
    url_prefix = "registers/handovers/"
    create_service = staticmethod(registers.handover_create)
    form_number = "16"
    print_title = _("Register of hand-overs of secret documents")

    @classmethod
    def list_extra(cls, request: HttpRequest) -> dict[str, Any]:
        return {
            **super().list_extra(request),
            "list_links": [
                {
                    "url": reverse("reports:secrethandover_list") + "?pending=mine",
                    "label": _("To confirm"),
                    "testid": "pending-handovers",
                }
            ],
        }

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        extra = super().detail_extra(request, obj)
        if registers.may_confirm(request.user, obj) and extra["corrected_by"] is None:
            extra["confirm_url"] = reverse("reports:handover_confirm", args=[obj.pk])
        return extra


class CopyDecisionViews(RegisterViews):
    """The copying register (form 12): who authorised how many copies of which document."""

    model = CopyDecision
    form_class = CopyDecisionForm
    filterset_class = CopyDecisionFilterSet
    list_columns = (
        "decided_on",
        "target_label",
        "level",
        "copies",
        "authorised_by_name",
        "authoriser_title",
        "purpose",
        "owner_unit",
    )
    detail_fields = (*list_columns, "copy_numbers", "corrects", "created_by")
    column_labels = {"copy_numbers": _("copy numbers"), "owner_unit": _("unit holding the document")}
    ordering_fields = {"decided_on": "decided_on", "copies": "copies", "level": "level"}
    select_related = ("owner_unit", "corrects", "created_by")
    url_prefix = "registers/copies/"
    create_service = staticmethod(registers.copy_decision_create)
    # Recording a decision is the decision-maker's; the service checks who (core.copies).
    permission_map = {Action.ADD: Action.DECLASSIFY}
    form_number = "12"
    print_title = _("Register of copies of secret documents")


class SecretDestructionViews(RegisterViews):
    """Destructions of secret documents and copies, each with its decision."""

    model = SecretDestruction
    form_class = SecretDestructionForm
    filterset_class = SecretDestructionFilterSet
    list_columns = (
        "decision_number",
        "decision_date",
        "decided_by",
        "document_label",
        "level",
        "copies",
        "copy_numbers",
        "destroyed_on",
        "carried_out_by",
    )
    detail_fields = (*list_columns, "method", "owner_unit", "note", "corrects", "created_by")
    ordering_fields = {
        "decision_date": "decision_date",
        "destroyed_on": "destroyed_on",
        "level": "level",
        "decision_number": "decision_number",
    }
    select_related = ("owner_unit", "corrects", "created_by")
    url_prefix = "registers/destructions/"
    create_service = staticmethod(registers.destruction_create)
    permission_map = {Action.ADD: Action.DECLASSIFY}
    print_title = _("Register of destructions of secret documents")


@login_required
def handover_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The recipient confirms receipt (POST): the signature of the hand-over."""
    handover = SecretHandOver.objects.visible_to(request.user).filter(pk=pk).first()
    if handover is None:
        audit_refused(request.user, SecretHandOver, pk, "hidden")
        raise Http404
    if request.method != "POST":
        return redirect(handover.get_absolute_url())
    if handover.recipient_id != request.user.pk:
        audit_refused(request.user, SecretHandOver, pk, "confirm")
        raise PermissionDenied(_("Only the recipient confirms a hand-over."))
    try:
        registers.handover_confirm(actor=request.user, handover=handover)
    except ValidationError as exc:
        return render(
            request,
            "reports/register_message.html",
            {"obj": handover, "message": " ".join(exc.messages)},
            status=400,
        )
    return redirect(handover.get_absolute_url())


@login_required
def copy_limit(request: HttpRequest) -> HttpResponse:
    """The signed-in user's unit: how many copies of a classified record never issued are
    made without a copy decision; its head (or the leadership) changes it."""
    unit = request.user.unit
    if unit is None:
        raise Http404
    may_set = may_decide_copies(request.user, unit, "mat")
    status = 200
    form = CopyLimitForm(initial={"limit": unit_copy_limit(unit.pk)})
    if request.method == "POST":
        if not may_set:
            raise PermissionDenied(
                _(
                    "The copy limit of a unit is set by its head, the head of a unit above it, or the leadership."
                )
            )
        form = CopyLimitForm(request.POST)
        if form.is_valid():
            try:
                unit_copy_limit_set(actor=request.user, unit=unit, limit=form.cleaned_data["limit"])
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                return redirect("reports:copy_limit")
        status = 400
    context = {"unit": unit, "form": form, "may_set": may_set, "limit": unit_copy_limit(unit.pk)}
    return render(request, "reports/copy_limit.html", context, status=status)


urlpatterns = [
    path("registers/handovers/<int:pk>/confirm/", handover_confirm, name="handover_confirm"),
    path("registers/copy-limit/", copy_limit, name="copy_limit"),
    *SentRegisterViews.urls(),
    *ReceivedSecretDocumentViews.urls(),
    *SecretHandOverViews.urls(),
    *CopyDecisionViews.urls(),
    *SecretDestructionViews.urls(),
]
