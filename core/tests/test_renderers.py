"""The select and choice boxes written in Python give the markup of Django's templates."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from core.renderers import FastSelectRenderer
from org.models import Unit

pytestmark = pytest.mark.django_db


class SampleForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.order_by("pk"), required=False)
    kinds = forms.MultipleChoiceField(
        choices=[("x", 'X <b>"quoted"</b>'), ("Nhóm & 1", [("1", "một"), ("2", "hai")])],
        widget=forms.SelectMultiple(attrs={"class": "form-select", "data-x": "a&b", "disabled": False}),
    )
    level = forms.ChoiceField(choices=[("", "---"), ("p", "P & Q")])


def _normal(html: str) -> str:
    return "".join(str(html).split())


@pytest.mark.parametrize("name", ["unit", "kinds", "level"])
def test_fast_select_equals_the_template(units, name):
    initial = {"unit": Unit.objects.order_by("pk")[3].pk, "kinds": ["2", "x"], "level": "p"}
    slow = SampleForm(initial=initial, renderer=DjangoTemplates())[name].as_widget()
    fast = SampleForm(initial=initial, renderer=FastSelectRenderer())[name].as_widget()
    assert _normal(fast) == _normal(slow)
    assert "<b>" not in fast and "selected" in fast


@pytest.mark.parametrize("widget", [forms.CheckboxSelectMultiple, forms.RadioSelect])
def test_fast_checkboxes_and_radios_equal_the_template(units, widget):
    choices = [("a", "A & <i>b</i>"), ("b", "B")]

    def render(renderer):
        form = forms.Form(renderer=renderer)
        form.fields["pick"] = forms.MultipleChoiceField(choices=choices, widget=widget)
        bound = form["pick"]
        boxes = [box.tag(wrap_label=wrap) for box in bound for wrap in (False, True)]
        return [*boxes, str(bound)]

    fast, slow = render(FastSelectRenderer()), render(DjangoTemplates())
    assert [_normal(h) for h in fast] == [_normal(h) for h in slow]
    assert "<i>" not in "".join(fast)


def test_a_select_with_its_own_option_template_goes_through_the_engine(units):
    class Marked(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    form = SampleForm(renderer=FastSelectRenderer())
    form.fields["level"].widget = Marked(choices=form.fields["level"].choices)
    html = str(form["level"])
    assert 'type="' in html  # the input_option template was used
