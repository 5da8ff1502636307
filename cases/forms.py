from __future__ import annotations

from typing import Any

from django import forms

from core.forms import VersionedModelForm
from core.widgets import LinkPicker
from instruments.models import Instrument
from org.models import Unit
from partners.models import Country, ForeignAgency

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


class AuthorityChoiceField(forms.ModelChoiceField):
    """A central authority shown with its kind of request and country (names repeat across kinds)."""

    def label_from_instance(self, obj: CompetentAuthority) -> str:
        return f"{obj.name} · {obj.get_request_kind_display()} · {obj.country}"


class LegalBasisSelect(LinkPicker):
    """The legal-basis choice followed by the live panel: instruments in force with the chosen
    partners covering the request type, or "reciprocity applies" (HTMX, no inline script)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(model=Instrument, multiple=False, attrs=attrs)

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> str:
        from django.urls import reverse
        from django.utils.html import format_html
        from django.utils.translation import gettext as _

        select = super().render(name, value, attrs, renderer)
        panel = format_html(
            '<div class="card card-body bg-light mt-2 py-2" id="legal-basis-panel" hx-get="{}" '
            'hx-trigger="load, change from:closest form" hx-include="closest form" hx-target="this" '
            'aria-live="polite" data-testid="legal-basis-live"><span class="small text-muted">{}</span></div>',
            reverse("cases:legal_basis_panel"),
            _("Instruments in force with the partners appear here."),
        )
        return format_html("{}{}", select, panel)


class CaseForm(VersionedModelForm):
    class Meta:
        model = CooperationCase
        fields = (
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
            "paused_reason",
            "paused_on",
            "summary",
            "owner_unit",
            "support_units",
            "classification",
            "protection_years",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].required = False
        if self.user is not None:
            self.fields["countries"].queryset = Country.objects.visible_to(self.user)
            self.fields["agencies"].queryset = ForeignAgency.objects.visible_to(self.user).select_related(
                "country"
            )
            self.fields["legal_basis"].queryset = Instrument.objects.visible_to(self.user)
            self.fields["support_units"].queryset = Unit.objects.visible_to(self.user)
        authority = self.fields["central_authority"]
        self.fields["central_authority"] = AuthorityChoiceField(
            queryset=CompetentAuthority.objects.visible_to(self.user)
            .filter(role="central")
            .select_related("country"),
            required=False,
            label=authority.label,
            help_text=authority.help_text,
            initial=authority.initial,
        )
        for name in ("countries", "agencies", "support_units"):
            self.fields[name].widget.attrs["size"] = 6
        legal = self.fields["legal_basis"]
        legal.widget = LegalBasisSelect(attrs=legal.widget.attrs)
        legal.widget.choices = legal.choices

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        for name in ("countries", "agencies", "support_units"):
            data[name] = list(self.cleaned_data.get(name) or [])
        if not data.get("status"):
            data.pop("status", None)
        return data


class _ChildForm(VersionedModelForm):
    parent_field = "case"
    # Fields with a model default that a form may leave empty (the default then applies).
    optional_with_default: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.optional_with_default:
            self.fields[name].required = False
        if self.user is not None:
            parent_model = self._meta.model._meta.get_field(self.parent_field).related_model
            self.fields[self.parent_field].queryset = parent_model.objects.visible_to(self.user)
        if self.instance.pk:
            self.fields[self.parent_field].disabled = True

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        for name in self.optional_with_default:
            if not data.get(name):
                data.pop(name, None)
        return data


class CaseReferenceForm(_ChildForm):
    class Meta:
        model = CaseReference
        fields = ("case", "kind", "number")


class CaseMessageForm(_ChildForm):
    optional_with_default = ("handling_code",)

    class Meta:
        model = CaseMessage
        fields = (
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["release_decision"].queryset = ReleaseDecision.objects.visible_to(self.user)
            subjects = CaseSubject.objects.visible_to(self.user)
            case_id = self.instance.case_id or self.initial.get("case") or self.data.get("case")
            if case_id:
                try:
                    case_pk = int(getattr(case_id, "pk", case_id))
                except (TypeError, ValueError):
                    case_pk = None
                if case_pk:
                    subjects = subjects.filter(case_id=case_pk)
                    self.fields["release_decision"].queryset = self.fields[
                        "release_decision"
                    ].queryset.filter(case_id=case_pk)
            self.fields["subjects"].queryset = subjects
        self.fields["subjects"].widget.attrs["size"] = 4

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data["subjects"] = list(self.cleaned_data.get("subjects") or [])
        return data


class CaseSubjectForm(_ChildForm):
    optional_with_default = ("legal_basis",)

    class Meta:
        model = CaseSubject
        fields = ("case", "role", "full_name", "birth_date", "nationality", "document_number", "legal_basis")


class ReleaseDecisionForm(_ChildForm):
    class Meta:
        model = ReleaseDecision
        fields = (
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
        widgets = {
            "information": forms.Textarea(attrs={"rows": 2}),
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "protection_commitment": forms.Textarea(attrs={"rows": 2}),
        }


class PersonalDataItemForm(_ChildForm):
    parent_field = "subject"
    optional_with_default = ("legal_basis",)

    class Meta:
        model = PersonalDataItem
        fields = ("subject", "category", "value", "sensitivity", "legal_basis")


class PersonalDataTransferForm(_ChildForm):
    class Meta:
        model = PersonalDataTransfer
        fields = (
            "case",
            "transferred_on",
            "recipient",
            "recipient_country",
            "subjects",
            "data_transferred",
            "includes_sensitive",
            "legal_basis",
            "instrument",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["recipient_country"].queryset = Country.objects.visible_to(self.user)
            self.fields["instrument"].queryset = Instrument.objects.visible_to(self.user)
            self.fields["subjects"].queryset = CaseSubject.objects.visible_to(self.user)

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data["subjects"] = list(self.cleaned_data.get("subjects") or [])
        return data


class OperationForm(VersionedModelForm):
    class Meta:
        model = Operation
        fields = (
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
            "protection_years",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["countries"].queryset = Country.objects.visible_to(self.user)
            self.fields["agencies"].queryset = ForeignAgency.objects.visible_to(self.user).select_related(
                "country"
            )
            self.fields["cases"].queryset = CooperationCase.objects.visible_to(self.user)
            self.fields["participating_units"].queryset = Unit.objects.visible_to(self.user)
        for name in ("countries", "agencies", "cases", "participating_units"):
            self.fields[name].widget.attrs["size"] = 6

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        for name in ("countries", "agencies", "cases", "participating_units"):
            data[name] = list(self.cleaned_data.get(name) or [])
        return data


class OutcomeForm(VersionedModelForm):
    """One outcome: the record it belongs to (exactly one, checked by the service), what was
    done, and the obligation and instrument it serves."""

    class Meta:
        model = Outcome
        fields = (
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A report's name reads its period and unit: fetched with it.
        self.fields["report"].queryset = self.fields["report"].queryset.select_related(
            "period", "assignment__unit"
        )
        if self.instance.pk:
            # An outcome stays on the record it was recorded on.
            for name in Outcome.OWNERS:
                self.fields[name].disabled = True


class CompetentAuthorityForm(VersionedModelForm):
    class Meta:
        model = CompetentAuthority
        fields = (
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["country"].queryset = Country.objects.visible_to(self.user)


class RuleSetForm(VersionedModelForm):
    class Meta:
        model = RuleSet
        fields = (
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["central_authority"]
        self.fields["central_authority"] = AuthorityChoiceField(
            queryset=CompetentAuthority.objects.visible_to(self.user)
            .filter(role="central")
            .select_related("country")
            if self.user is not None
            else CompetentAuthority.objects.none(),
            required=False,
            label=field.label,
            help_text=field.help_text,
        )


class ResponseRuleForm(VersionedModelForm):
    class Meta:
        model = ResponseRule
        fields = ("case_type", "rule_set", "days", "source", "note")


class LetterTemplateForm(VersionedModelForm):
    class Meta:
        model = LetterTemplate
        fields = ("name", "language", "case_type", "heading", "body")
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}
