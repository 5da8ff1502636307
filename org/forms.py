from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from access.choices import Role
from core.forms import VersionedModelForm

from .models import Unit, User


class UnitForm(VersionedModelForm):
    class Meta:
        model = Unit
        fields = ("code", "name_vi", "name_en", "short_name", "kind", "parent", "sort_order", "is_active")


class UserForm(VersionedModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(render_value=False),
        required=False,
        help_text=_("Leave blank when editing to keep the current password."),
    )

    class Meta:
        model = User
        fields = ("username", "full_name", "email", "position", "unit", "clearance", "is_active")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"].widget.attrs.pop("class", None)
        if self.instance.pk:
            self.fields["roles"].initial = sorted(self.instance.role_codes)

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data["roles"] = list(self.cleaned_data.get("roles") or [])
        data["password"] = self.cleaned_data.get("password") or None
        return data
