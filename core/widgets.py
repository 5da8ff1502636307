"""Form widgets shared by every module."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class LinkPicker(forms.SelectMultiple):
    """A link to a record of a large register, chosen by search-as-you-type.

    The page carries only the chosen records (a select of thousands would not do); the
    search box (``static/js/link-picker.js``) asks ``core.choices_view`` for matches and adds
    the one clicked. Validation stays with the form field, whose queryset is ``visible_to``.
    ``multiple`` False makes it a single choice.
    """

    template_name = "core/widgets/link_picker.html"

    def __init__(self, *, model: type, multiple: bool, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs)
        self.model = model
        self.allow_multiple_selected = multiple

    def optgroups(self, name: str, value: list[Any], attrs: dict[str, Any] | None = None) -> list:
        """Options for the chosen records only, read through the field's queryset."""
        chosen = [v for v in value if v not in ("", None)]
        iterator = getattr(self, "choices", None)
        queryset = getattr(iterator, "queryset", None)
        field = getattr(iterator, "field", None)
        options = []
        if chosen and queryset is not None:
            for index, obj in enumerate(queryset.filter(pk__in=chosen)):
                label = field.label_from_instance(obj) if field is not None else str(obj)
                options.append(self.create_option(name, obj.pk, label, True, index, attrs=attrs))
        return [(None, options, 0)]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        values = super().value_from_datadict(data, files, name)
        if self.allow_multiple_selected:
            return values
        return values[0] if values else None

    def format_value(self, value: Any) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        return [str(v) for v in value if v not in ("", None)]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["attrs"]["multiple"] = True  # the chosen records stay selected on submit
        widget["attrs"].setdefault("size", 4 if self.allow_multiple_selected else 1)
        widget["search_url"] = reverse("link-choices", args=[self.model._meta.label_lower])
        widget["single"] = not self.allow_multiple_selected
        widget["placeholder"] = _("Type to search…")
        return context
