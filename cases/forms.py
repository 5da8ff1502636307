from __future__ import annotations

from typing import Any

from core.forms import VersionedModelForm
from instruments.models import Instrument
from org.models import Unit
from partners.models import Country, ForeignAgency

from .models import (
    CaseMessage,
    CaseReference,
    CaseSubject,
    CompetentAuthority,
    CooperationCase,
    Operation,
    Outcome,
    ResponseRule,
)


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
            "status",
            "opened_on",
            "response_due_on",
            "provisional_arrest_on",
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
        for name in ("countries", "agencies", "support_units"):
            self.fields[name].widget.attrs["size"] = 6

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        for name in ("countries", "agencies", "support_units"):
            data[name] = list(self.cleaned_data.get(name) or [])
        if not data.get("status"):
            data.pop("status", None)
        return data


class _ChildForm(VersionedModelForm):
    parent_field = "case"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None:
            parent_model = self._meta.model._meta.get_field(self.parent_field).related_model
            self.fields[self.parent_field].queryset = parent_model.objects.visible_to(self.user)
        if self.instance.pk:
            self.fields[self.parent_field].disabled = True


class CaseReferenceForm(_ChildForm):
    class Meta:
        model = CaseReference
        fields = ("case", "kind", "number")


class CaseMessageForm(_ChildForm):
    class Meta:
        model = CaseMessage
        fields = ("case", "date", "direction", "channel", "summary", "document_ref")


class CaseSubjectForm(_ChildForm):
    class Meta:
        model = CaseSubject
        fields = ("case", "role", "full_name", "birth_date", "nationality", "document_number")


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
        for name in ("countries", "agencies", "cases"):
            self.fields[name].widget.attrs["size"] = 6

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        for name in ("countries", "agencies", "cases"):
            data[name] = list(self.cleaned_data.get(name) or [])
        return data


class OutcomeForm(_ChildForm):
    parent_field = "operation"

    class Meta:
        model = Outcome
        fields = (
            "operation",
            "kind",
            "count",
            "substance",
            "quantity",
            "measure_unit",
            "occurred_on",
            "notes",
        )


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


class ResponseRuleForm(VersionedModelForm):
    class Meta:
        model = ResponseRule
        fields = ("case_type", "days", "note")
