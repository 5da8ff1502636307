"""Forms of the tracking engine: they parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedModelForm

from .models import Assignment, CalendarDay, Obligation, Obstacle, ProgressReport


class ObligationForm(VersionedModelForm):
    class Meta:
        model = Obligation
        fields = (
            "title",
            "description",
            "expected_result",
            "evidence_required",
            "priority",
            "source_kind",
            "owner_unit",
            "classification",
            "protection_years",
        )
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("description", "expected_result", "evidence_required")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Where an obligation comes from is fixed once it exists.
            self.fields["source_kind"].disabled = True


class AssignmentForm(VersionedModelForm):
    class Meta:
        model = Assignment
        fields = (
            "obligation",
            "parent",
            "unit",
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
        widgets = {"instructions": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from org.models import Unit

        if self.user is not None:
            self.fields["obligation"].queryset = Obligation.objects.visible_to(self.user)
            self.fields["parent"].queryset = Assignment.objects.visible_to(self.user).select_related(
                "unit", "obligation"
            )
            units = Unit.objects.visible_to(self.user)
            if not self.user.has_ministry_scope:
                units = units.subtree(self.user.unit) if self.user.unit_id else units.none()
            self.fields["unit"].queryset = units
        if self.instance.pk:
            self.fields["obligation"].disabled = True
            self.fields["parent"].disabled = True


class ProgressReportForm(VersionedModelForm):
    class Meta:
        model = ProgressReport
        fields = ("assignment", "period", "percent", "narrative")
        widgets = {"narrative": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .models import AssignmentPeriod

        self.fields["period"].required = False
        self.fields["period"].help_text = _("Empty: the current period.")
        if self.user is not None:
            self.fields["assignment"].queryset = Assignment.objects.visible_to(self.user).select_related(
                "obligation", "unit"
            )
            self.fields["period"].queryset = AssignmentPeriod.objects.visible_to(self.user)
        if self.instance.pk:
            self.fields["assignment"].disabled = True


class ObstacleForm(VersionedModelForm):
    class Meta:
        model = Obstacle
        fields = ("assignment", "description", "proposal")
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "proposal": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["assignment"].queryset = Assignment.objects.visible_to(self.user).select_related(
                "obligation", "unit"
            )
        if self.instance.pk:
            self.fields["assignment"].disabled = True


class CalendarDayForm(VersionedModelForm):
    class Meta:
        model = CalendarDay
        fields = ("date", "kind", "note")
