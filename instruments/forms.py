from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedModelForm
from partners.models import Country, ForeignAgency, MultilateralBody

from .choices import RequestType
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


class InstrumentForm(VersionedModelForm):
    request_types = forms.MultipleChoiceField(
        label=_("request types covered"),
        choices=RequestType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=Instrument._meta.get_field("request_types").help_text,
    )

    class Meta:
        model = Instrument
        fields = (
            "title",
            "title_en",
            "symbol",
            "type",
            "level",
            "multilateral",
            "status",
            "agencies",
            "countries",
            "bodies",
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
            "notes",
            "owner_unit",
            "classification",
            "protection_years",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["agencies"].queryset = ForeignAgency.objects.visible_to(self.user).select_related(
                "country"
            )
            self.fields["countries"].queryset = Country.objects.visible_to(self.user)
            self.fields["bodies"].queryset = MultilateralBody.objects.visible_to(self.user)
        for name in ("agencies", "countries", "bodies"):
            self.fields[name].widget.attrs["size"] = 6

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        for name in ("agencies", "countries", "bodies"):
            data[name] = list(self.cleaned_data.get(name) or [])
        if "request_types" in self.cleaned_data:
            data["request_types"] = list(self.cleaned_data["request_types"])
        return data


class ClauseForm(VersionedModelForm):
    class Meta:
        model = Clause
        fields = ("instrument", "number", "text", "creates_obligation", "order")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["instrument"].queryset = Instrument.objects.visible_to(self.user)
        if self.instance.pk:
            self.fields["instrument"].disabled = True


class DirectiveForm(VersionedModelForm):
    class Meta:
        model = Directive
        fields = (
            "symbol",
            "kind",
            "issuer",
            "issued_on",
            "signer",
            "title",
            "title_en",
            "summary",
            "implements",
            "owner_unit",
            "classification",
            "protection_years",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None:
            qs = Directive.objects.visible_to(self.user)
            if self.instance.pk:
                qs = qs.exclude(pk=self.instance.pk)
            self.fields["implements"].queryset = qs

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data["implements"] = list(self.cleaned_data.get("implements") or [])
        return data


class DirectiveItemForm(VersionedModelForm):
    class Meta:
        model = DirectiveItem
        fields = ("directive", "parent", "kind", "number", "text", "order")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["directive"].queryset = Directive.objects.visible_to(self.user)
            self.fields["parent"].queryset = DirectiveItem.objects.visible_to(self.user).select_related(
                "directive"
            )
        if self.instance.pk:
            self.fields["directive"].disabled = True


class StageForm(VersionedModelForm):
    class Meta:
        model = InstrumentStage
        fields = (
            "instrument",
            "kind",
            "responsible_unit",
            "requested_on",
            "working_days",
            "due_on",
            "override_reason",
            "done_on",
            "notes",
        )
        widgets = {"override_reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["instrument"].queryset = Instrument.objects.visible_to(self.user)
        if self.instance.pk:
            self.fields["instrument"].disabled = True
        self.fields["due_on"].help_text = _(
            "Leave as computed: the statutory deadline applies; another date needs a reason."
        )


class StageRuleForm(VersionedModelForm):
    class Meta:
        model = StageRule
        fields = (
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


class SigningPlanForm(VersionedModelForm):
    class Meta:
        model = SigningPlan
        fields = (
            "title",
            "kind",
            "year_from",
            "year_to",
            "instruments",
            "notes",
            "owner_unit",
            "classification",
            "protection_years",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["instruments"].queryset = Instrument.objects.visible_to(self.user)
        self.fields["instruments"].widget.attrs["size"] = 10

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data["instruments"] = list(self.cleaned_data.get("instruments") or [])
        return data


class PartyActionForm(VersionedModelForm):
    class Meta:
        model = InstrumentParty
        fields = (
            "instrument",
            "country",
            "signed_on",
            "ratified_on",
            "acceded_on",
            "in_force_on",
            "withdrew_on",
            "reservations",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["instrument"].queryset = Instrument.objects.visible_to(self.user).filter(
                multilateral=True
            )
            self.fields["country"].queryset = Country.objects.visible_to(self.user)
        if self.instance.pk:
            self.fields["instrument"].disabled = True
