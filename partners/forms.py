from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedModelForm

from .choices import Channel
from .models import (
    Country,
    CountryGroup,
    CountryGroupMember,
    ForeignAgency,
    Membership,
    MultilateralBody,
    Relationship,
)


class CountryForm(VersionedModelForm):
    class Meta:
        model = Country
        fields = ("name_vi", "name_en", "region")


def website_field() -> forms.URLField:
    # Django 6's default scheme, chosen now (and no deprecation warning).
    return forms.URLField(label=_("website"), required=False, assume_scheme="https")


class BodyForm(VersionedModelForm):
    website = website_field()

    class Meta:
        model = MultilateralBody
        fields = ("name_vi", "name_en", "acronym", "kind", "scope", "website", "notes")


class AgencyForm(VersionedModelForm):
    website = website_field()
    confirm_duplicate = forms.BooleanField(
        label=_("Save even if a similar agency exists"),
        required=False,
        help_text=_("Tick only after checking that the similar agency is a different one."),
    )

    class Meta:
        model = ForeignAgency
        fields = (
            "name_vi",
            "name_en",
            "name_original",
            "acronym",
            "country",
            "kind",
            "parent",
            "website",
            "contacts",
            "notes",
            "owner_unit",
            "classification",
            "protection_years",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["parent"].queryset = ForeignAgency.objects.visible_to(self.user).select_related(
                "country"
            )
            self.fields["country"].queryset = Country.objects.visible_to(self.user)

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data["confirm_duplicate"] = bool(self.cleaned_data.get("confirm_duplicate"))
        return data


class SpellForm(VersionedModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "responsible_units" in self.fields:
            self.fields["responsible_units"].widget.attrs["size"] = 6

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data["responsible_units"] = list(self.cleaned_data.get("responsible_units") or [])
        return data


class RelationshipForm(SpellForm):
    channels = forms.MultipleChoiceField(
        label=_("channels"), choices=Channel.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Relationship
        fields = (
            "agency",
            "owner_unit",
            "start",
            "end",
            "level",
            "channels",
            "responsible_units",
            "notes",
            "classification",
            "protection_years",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channels"].widget.attrs.pop("class", None)
        if self.user is not None:
            self.fields["agency"].queryset = ForeignAgency.objects.visible_to(self.user).select_related(
                "country"
            )

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data["channels"] = list(self.cleaned_data.get("channels") or [])
        return data


class MembershipForm(SpellForm):
    class Meta:
        model = Membership
        fields = (
            "body",
            "owner_unit",
            "start",
            "end",
            "status",
            "responsible_units",
            "notes",
            "classification",
            "protection_years",
        )


class CountryGroupForm(VersionedModelForm):
    class Meta:
        model = CountryGroup
        fields = ("name_vi", "name_en", "kind", "body", "source", "notes")


class CountryGroupMemberForm(VersionedModelForm):
    class Meta:
        model = CountryGroupMember
        fields = ("group", "country", "joined_on", "left_on", "source")
