"""The form renderer: Django's templates, with selects and choice boxes written in Python.

A list page's filter form offers every unit (600 nationally), agency (671) and country; the
template engine renders each ``<option>`` through two includes, which cost about three
quarters of the page's time at national size. ``render`` writes the same markup as
``django/forms/widgets/select.html`` directly, from the same widget context (so subclasses,
attributes, option groups and the selected state behave as before); every other template,
and a select whose options use another template, goes through the engine as usual. The
checkboxes of a multiple choice (600 units to assign at once) take the same shortcut.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
# A checkbox or radio of a multiple choice, rendered one by one (``{{ box.tag }}``).
INPUT_OPTIONS = frozenset(
    {"django/forms/widgets/checkbox_option.html", "django/forms/widgets/radio_option.html"}
)


def _attrs(attrs: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``: False leaves the attribute out, True writes its name."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"')
    return "".join(out)


def render_select(widget: dict[str, Any]) -> str | None:
    """The select's HTML, or None when an option needs its own template."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION:
                return None
            parts.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                f"{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def render_input_option(widget: dict[str, Any]) -> str:
    """``django/forms/widgets/input_option.html`` with ``input.html``."""
    value = widget["value"]
    html = (
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        + (f' value="{conditional_escape(str(value))}"' if value is not None else "")
        + f"{_attrs(widget['attrs'])}>"
    )
    if not widget.get("wrap_label"):
        return html
    target = widget["attrs"].get("id")
    label_for = f' for="{conditional_escape(target)}"' if target else ""
    return f"<label{label_for}>{html} {conditional_escape(widget['label'])}</label>"


class FastSelectRenderer(DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name in INPUT_OPTIONS:
            return mark_safe(render_input_option(context["widget"]))  # every value is escaped
        if template_name == SELECT:
            html = render_select(context["widget"])
            if html is not None:
                return mark_safe(html)  # every value above is escaped
        return super().render(template_name, context, request)
