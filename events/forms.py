from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.dates import DATE_FORMATS
from core.forms import VersionedModelForm
from instruments.models import Instrument
from org.models import Unit
from partners.models import Country, ForeignAgency, MultilateralBody

from .models import Consultation, Event, MediaItem, Participant, Pledge, ProgrammeItem, TripProposal

EVENT_M2M = ("attending_units", "agencies", "countries", "bodies", "instruments_signed")


class EventForm(VersionedModelForm):
    class Meta:
        model = Event
        fields = (
            "type",
            "title",
            "starts_on",
            "start_time",
            "ends_on",
            "end_time",
            "province",
            "city",
            "country",
            "level",
            "attending_units",
            "agencies",
            "countries",
            "bodies",
            "participants_count",
            "participants_more_than",
            "instruments_signed",
            "summary",
            "international_conference",
            "ministerial_participants",
            "sensitive_topics",
            "request_submitted_on",
            "summary_report_on",
            "capacity_credit",
            "owner_unit",
            "classification",
            "protection_years",
        )
        widgets = {
            "start_time": forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm"}),
            "end_time": forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Unit.objects.visible_to(self.user).filter(kind="province")
        self.fields["attending_units"].queryset = Unit.objects.visible_to(self.user)
        if self.user is not None:
            self.fields["agencies"].queryset = ForeignAgency.objects.visible_to(self.user).select_related(
                "country"
            )
            self.fields["countries"].queryset = Country.objects.visible_to(self.user)
            self.fields["country"].queryset = Country.objects.visible_to(self.user)
            self.fields["bodies"].queryset = MultilateralBody.objects.visible_to(self.user)
            self.fields["instruments_signed"].queryset = Instrument.objects.visible_to(self.user)
        for name in EVENT_M2M:
            self.fields[name].widget.attrs["size"] = 6

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        for name in EVENT_M2M:
            data[name] = list(self.cleaned_data.get(name) or [])
        return data


class _ChildForm(VersionedModelForm):
    """A child of an event: the event is chosen among the visible ones and fixed once saved."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["event"].queryset = Event.objects.visible_to(self.user)
        if self.instance.pk:
            self.fields["event"].disabled = True


class ProgrammeItemForm(_ChildForm):
    class Meta:
        model = ProgrammeItem
        fields = ("event", "day", "time", "title", "place", "notes")
        widgets = {"time": forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm"})}


class ParticipantForm(_ChildForm):
    class Meta:
        model = Participant
        fields = (
            "event",
            "side",
            "name",
            "title",
            "unit",
            "agency",
            "country",
            "profile",
            "key_leader",
            "head_of_delegation",
            "order",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from capacity.models import StaffProfile

        self.fields["unit"].queryset = Unit.objects.visible_to(self.user)
        if self.user is not None:
            self.fields["country"].queryset = Country.objects.visible_to(self.user)
        self.fields["profile"].queryset = StaffProfile.objects.visible_to(self.user).order_by("staff_code")
        self.fields["profile"].help_text = _(
            "Our staff: their capacity profile (name and unit are taken from it when left empty)."
        )
        # The name may come from the chosen profile.
        self.fields["name"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("name") and not data.get("profile"):
            self.add_error("name", _("Give the name, or choose the staff profile."))
        return data


class PledgeForm(_ChildForm):
    class Meta:
        model = Pledge
        fields = ("event", "text", "made_by", "due_hint", "status", "order")


class ConsultationForm(_ChildForm):
    class Meta:
        model = Consultation
        fields = ("event", "body", "consulted_on", "answer_days", "answered_on", "position", "answer")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None and not self.instance.pk:
            self.fields["event"].queryset = Event.objects.visible_to(self.user).filter(
                international_conference=True
            )


class TripProposalForm(_ChildForm):
    class Meta:
        model = TripProposal
        fields = ("event", "purpose", "host", "programme", "budget_source", "in_plan", "report_days")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None and not self.instance.pk:
            self.fields["event"].queryset = Event.objects.visible_to(self.user).filter(
                type="outgoing", trip__isnull=True
            )


class TripReturnForm(forms.Form):
    returned_on = forms.DateField(label=_("returned on"), input_formats=DATE_FORMATS)
    version = forms.IntegerField(widget=forms.HiddenInput)


class MediaItemForm(VersionedModelForm):
    # A bare "vnexpress.net/..." is read as https (Django 6's default; no deprecation warning).
    url = forms.URLField(label=_("URL"), max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = MediaItem
        fields = (
            "outlet",
            "title",
            "url",
            "published_on",
            "language",
            "platform",
            "event",
            "countries",
            "agencies",
            "owner_unit",
            "classification",
            "protection_years",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["event"].queryset = Event.objects.visible_to(self.user)
            self.fields["countries"].queryset = Country.objects.visible_to(self.user)
            self.fields["agencies"].queryset = ForeignAgency.objects.visible_to(self.user).select_related(
                "country"
            )

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        for name in ("countries", "agencies"):
            data[name] = list(self.cleaned_data.get(name) or [])
        return data
