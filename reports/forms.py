from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedModelForm
from org.models import Unit

from .choices import DocumentType
from .models import IssuedDocument, ReceivedSecretDocument, ReportRun


class ReportRunForm(VersionedModelForm):
    """Period and scope of a report; the dates are computed unless the period is "Dates"."""

    class Meta:
        model = ReportRun
        fields = (
            "title",
            "period_kind",
            "year",
            "period",
            "year_to",
            "start_on",
            "end_on",
            "scope_unit",
            "owner_unit",
            "classification",
            "protection_years",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Empty: a title from the period.")
        self.fields["year"].help_text = _("Empty: the reporting window that holds today (Decree 09/2019).")
        self.fields["start_on"].help_text = _('Only for the period "Dates".')
        user = self.user
        if user is not None and not self.instance.pk and user.unit_id:
            self.fields["owner_unit"].initial = user.unit_id
        if user is not None:
            units = Unit.objects.visible_to(user)
            if not user.has_ministry_scope:
                units = units.subtree(user.unit) if user.unit_id else units.none()
            self.fields["scope_unit"].queryset = units


def signer_choices(unit: Unit) -> Any:
    """Who may sign for the issuing unit: active people of the unit or a unit above it, and
    the Ministry leadership (``services.check_signer`` holds the same rule)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from access.choices import Role

    ancestors = []
    current: Unit | None = unit
    while current is not None:
        ancestors.append(current.pk)
        current = current.parent
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(unit_id__in=ancestors) | Q(roles__code=Role.LEADERSHIP))
        .select_related("unit")
        .distinct()
        .order_by("sort_key", "username")
    )


class SignerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return "{} ({})".format(obj.full_name or obj.username, obj.unit or "—")


class IssueForm(forms.Form):
    """The particulars of an issue: type, summary, signer, recipients, drafter, copying."""

    doc_type = forms.ChoiceField(label=_("Document type"), choices=DocumentType.choices)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=500,
        help_text=_("What the document is about, as printed under its name (trích yếu)."),
    )
    signer = SignerField(label=_("Signer"), queryset=None)
    signer_title = forms.CharField(
        label=_("Signer's title"), max_length=150, help_text=_('As printed: "Giám đốc", "KT. CỤC TRƯỞNG"...')
    )
    recipients = forms.CharField(
        label=_("Recipients"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        help_text=_('One recipient a line, with its number of copies after a bar: "Cục Đối ngoại | 2".'),
    )
    drafter_code = forms.CharField(label=_("Drafter's code"), max_length=20)
    copying_permitted = forms.BooleanField(label=_("Copying permitted"), required=False)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signer"].queryset = signer_choices(unit)
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "form-select")
            else:
                field.widget.attrs.setdefault("class", "form-control")
            field.widget.attrs.setdefault("data-testid", f"issue-{name}")


class LetterIssueForm(IssueForm):
    """An issued request letter: the letter's template, language and the parts the officer adds."""

    template = forms.ModelChoiceField(
        label=_("Template"),
        queryset=None,
        required=False,
        empty_label=_("The template of the case type, in the chosen language"),
    )
    language = forms.ChoiceField(label=_("Language"))
    assistance = forms.CharField(
        label=_("Assistance requested"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    contacts = forms.CharField(label=_("Contacts"), required=False, max_length=500)

    def __init__(self, *args: Any, unit: Unit, user: Any, **kwargs: Any) -> None:
        from cases.choices import LetterLanguage
        from cases.models import LetterTemplate

        super().__init__(*args, unit=unit, **kwargs)
        self.fields["template"].queryset = LetterTemplate.objects.visible_to(user)
        self.fields["language"].choices = LetterLanguage.choices
        for name in ("template", "language", "assistance", "contacts"):
            widget = self.fields[name].widget
            widget.attrs.setdefault(
                "class", "form-select" if isinstance(widget, forms.Select) else "form-control"
            )


class RegisterForm(VersionedModelForm):
    """A new line of a register of secret documents (lines are never edited)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.user
        if "owner_unit" in self.fields and user is not None and not self.instance.pk and user.unit_id:
            self.fields["owner_unit"].initial = user.unit_id
        if "level" in self.fields and user is not None:
            from access.choices import level_rank

            self.fields["level"].choices = [
                (v, label)
                for v, label in self.fields["level"].choices
                if not v or level_rank(v) <= level_rank(user.clearance)
            ]
        for name in ("issued_document",):
            if name in self.fields:
                self.fields[name].queryset = self.fields[name].queryset.filter(
                    classification__in=("mat", "toi_mat", "tuyet_mat")
                )
        if "recipient" in self.fields:
            from django.contrib.auth import get_user_model

            self.fields["recipient"].queryset = (
                get_user_model()
                .objects.filter(is_active=True, clearance__in=("mat", "toi_mat", "tuyet_mat"))
                .select_related("unit")
                .order_by("sort_key", "username")
            )
            self.fields["recipient"].label_from_instance = lambda u: "{} ({})".format(
                u.full_name or u.username, u.unit or "—"
            )

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        if "corrects" in self.cleaned_data:
            data["corrects"] = self.cleaned_data.get("corrects")
        return data


class ReceivedSecretDocumentForm(RegisterForm):
    class Meta:
        from .models import ReceivedSecretDocument

        model = ReceivedSecretDocument
        fields = (
            "owner_unit",
            "received_on",
            "sender",
            "doc_symbol",
            "doc_date",
            "level",
            "subject",
            "copies",
            "note",
            "corrects",
        )


class SecretHandOverForm(RegisterForm):
    class Meta:
        from .models import SecretHandOver

        model = SecretHandOver
        fields = (
            "received_document",
            "issued_document",
            "copies",
            "copy_numbers",
            "recipient",
            "note",
            "corrects",
        )


class SecretDestructionForm(RegisterForm):
    class Meta:
        from .models import SecretDestruction

        model = SecretDestruction
        fields = (
            "decision_number",
            "decision_date",
            "decided_by",
            "received_document",
            "issued_document",
            "copies",
            "copy_numbers",
            "destroyed_on",
            "carried_out_by",
            "method",
            "note",
            "corrects",
        )


class CopyDecisionForm(RegisterForm):
    """A copy decision on a secret document issued or received (other records: the API)."""

    issued_document = forms.ModelChoiceField(
        label=_("Document issued"), queryset=IssuedDocument.objects.all(), required=False
    )
    received_document = forms.ModelChoiceField(
        label=_("Document received"), queryset=ReceivedSecretDocument.objects.all(), required=False
    )

    class Meta:
        from core.models import CopyDecision

        model = CopyDecision
        fields = ("decided_on", "authoriser_title", "copies", "purpose", "corrects")

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data["issued_document"] = self.cleaned_data.get("issued_document")
        data["received_document"] = self.cleaned_data.get("received_document")
        return data


class CopyLimitForm(forms.Form):
    limit = forms.IntegerField(
        label=_("Copies without a decision"),
        min_value=1,
        max_value=99,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
        help_text=_(
            "Copies of one of the unit's classified records never issued; past it, a copy decision is needed."
        ),
    )


class SecretIncidentForm(RegisterForm):
    class Meta:
        from .models import SecretIncident

        model = SecretIncident
        fields = (
            "owner_unit",
            "occurred_on",
            "kind",
            "document_ref",
            "level",
            "description",
            "note",
            "corrects",
        )
