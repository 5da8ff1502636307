"""Forms of the tracking pages: assigning from an obligation, reviewing, answering obstacles.

They parse input only; the services decide (permission, placement, version, workflow).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedModelForm
from org.models import Unit, UnitKind

from .choices import AssignmentRole
from .models import Assignment

# The deadline fields, grouped by the deadline kind they belong to (the page shows one group).
DEADLINE_GROUPS = (
    ("date", ("due_on",)),
    ("after_event", ("event_label", "event_on", "days", "day_count")),
    ("recurring", ("frequency", "due_day", "starts_on", "ends_on")),
)
ASSIGN_FIELDS = (
    "role",
    "assigned_on",
    "instructions",
    "deadline_kind",
    "due_on",
    "event_label",
    "event_on",
    "days",
    "day_count",
    "frequency",
    "due_day",
    "starts_on",
    "ends_on",
)


def assignable_units(user: Any):
    """Units the user may assign to: every unit for ministry-wide scope, else the own subtree."""
    units = Unit.objects.visible_to(user)
    if not user.has_ministry_scope:
        units = units.subtree(user.unit) if user.unit_id else units.none()
    return units.order_by("path")


class _DeadlineMixin:
    """Groups the deadline fields for the template (``deadline_groups``)."""

    def deadline_groups(self) -> list[tuple[str, list[Any]]]:
        return [(kind, [self[name] for name in names]) for kind, names in DEADLINE_GROUPS]

    def common_fields(self) -> list[Any]:
        grouped = {name for _kind, names in DEADLINE_GROUPS for name in names}
        return [
            f
            for f in self.visible_fields()
            if f.name not in grouped and f.name not in ("unit", "units", "all_provinces", "lead_unit")
        ]


class AssignToUnitForm(_DeadlineMixin, VersionedModelForm):
    """One obligation to one unit, as lead or support, with its deadline."""

    class Meta:
        model = Assignment
        fields = ("unit", *ASSIGN_FIELDS)
        widgets = {"instructions": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["unit"].queryset = assignable_units(self.user)
        self.fields["unit"].empty_label = _("— choose a unit —")


class UnitChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class AssignManyForm(_DeadlineMixin, VersionedModelForm):
    """One obligation to many units at once (all 34 provinces): all or nothing."""

    units = UnitChoice(
        label=_("units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    all_provinces = forms.BooleanField(
        label=_("All 34 provincial and municipal police"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    lead_unit = forms.ModelChoiceField(
        label=_("Lead unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— no lead: every unit gets the role above —"),
        help_text=_("This unit leads; every other chosen unit supports."),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    class Meta:
        model = Assignment
        fields = ASSIGN_FIELDS
        widgets = {"instructions": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("role", AssignmentRole.SUPPORT)
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["units"].queryset = assignable_units(self.user)
            self.fields["lead_unit"].queryset = assignable_units(self.user)
        self.fields["role"].help_text = _("Only one unit can lead an obligation; many units usually support.")

    def chosen_units(self) -> list[Any]:
        """The ticked units plus, with the shortcut, every province (each once, in tree order)."""
        chosen = {u.pk: u for u in self.cleaned_data.get("units") or []}
        if self.cleaned_data.get("all_provinces"):
            for unit in self.fields["units"].queryset.filter(kind=UnitKind.PROVINCE):
                chosen.setdefault(unit.pk, unit)
        return sorted(chosen.values(), key=lambda u: u.path)

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data.pop("units", None)
        data.pop("lead_unit", None)
        return data


class ReviewForm(forms.Form):
    """Approve (comment optional) or return (comment required, said by the service)."""

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ObstacleStepForm(forms.Form):
    """The text of an answer, an escalation note or a decision, with the version read."""

    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
