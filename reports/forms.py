from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.forms import VersionedModelForm
from org.models import Unit

from .models import ReportRun


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
