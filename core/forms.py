"""Base forms: the version travels with every edit; choices respect the user's reach."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from access.choices import Classification, level_rank
from access.links import LINK_ERROR, is_business_model

from .dates import DATE_FORMATS


def restrict_link_choices(form: forms.BaseForm, user: Any, *, pickers: bool = False) -> None:
    """Every choice of a business record in ``form`` reads through ``visible_to(user)``.

    A hidden record is then neither offered nor accepted, and is refused with the same
    error as an id that does not exist. With ``pickers``, a link to a large register (a
    model with ``choice_search``) is chosen by search-as-you-type instead of a select.
    """
    for field in form.fields.values():
        if not isinstance(field, forms.ModelChoiceField):
            continue
        queryset = field.queryset
        if queryset is None or not is_business_model(queryset.model) or getattr(queryset, "_viewer", None):
            continue
        field.queryset = queryset.visible_to(user)
        field.error_messages["invalid_choice"] = LINK_ERROR
        if (
            pickers
            and getattr(queryset.model, "choice_search", False)
            and isinstance(field.widget, forms.Select)
        ):
            from .widgets import LinkPicker

            multiple = isinstance(field, forms.ModelMultipleChoiceField)
            attrs = {**field.widget.attrs, "class": "form-select form-select-sm"}
            field.widget = LinkPicker(model=queryset.model, multiple=multiple, attrs=attrs)
            field.widget.choices = field.choices
        if isinstance(field, forms.ModelMultipleChoiceField):
            field.error_messages["invalid_pk_value"] = LINK_ERROR


class VersionedModelForm(forms.ModelForm):
    """A model form that carries the record's version and hands cleaned values to a service."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            self.fields["version"].required = True
            self.fields["version"].initial = self.instance.version
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                # Vietnamese dates everywhere (DESIGN.md 4.5), ISO accepted too.
                field.widget = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})
                field.input_formats = DATE_FORMATS
            widget = field.widget
            if isinstance(widget, forms.Select | forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select")
            elif isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif not isinstance(widget, forms.HiddenInput):
                widget.attrs.setdefault("class", "form-control")
        if "classification" in self.fields and user is not None:
            cap = min(level_rank(user.clearance), level_rank(settings.HOPTAC_MAX_CLASSIFICATION))
            self.fields["classification"].choices = [
                (v, label) for v, label in Classification.choices if level_rank(v) <= cap
            ]
        if user is not None:
            restrict_link_choices(self, user, pickers=True)
        for name in getattr(self.instance, "_hidden_links", ()):
            if name in self.fields:
                # The current value is a record this editor may not see: left empty, the
                # service keeps it (an edit never drops a link its editor cannot see).
                self.fields[name].required = False
                self.fields[name].help_text = _(
                    "The current value is a record you may not see; it is kept unless you choose another."
                )
        if "owner_unit" in self.fields and user is not None:
            # The unit model is org's: reached through the field, so core imports no org.
            units = self.fields["owner_unit"].queryset.model.objects.visible_to(user)
            if not user.has_ministry_scope:
                units = units.subtree(user.unit) if user.unit_id else units.none()
            self.fields["owner_unit"].queryset = units

    def _post_clean(self) -> None:
        # Model validation runs in the service (with the version check); the form only
        # parses input, so an invalid form writes nothing and a service error is shown.
        pass

    def service_data(self) -> dict[str, Any]:
        """Cleaned values of the model's own (non many-to-many) fields."""
        names = {f.name for f in self._meta.model._meta.concrete_fields}
        return {k: v for k, v in self.cleaned_data.items() if k in names and k != "version"}

    def clean_version(self) -> int | None:
        value = self.cleaned_data.get("version")
        if self.instance.pk and value is None:
            raise forms.ValidationError(_("The record's version is missing."))
        return value
