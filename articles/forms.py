"""The article form: paste the text or upload the file, with its source and date."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedModelForm

from .choices import ProposalStatus
from .models import Article


class ArticleForm(VersionedModelForm):
    """Adding takes the text (pasted or a file); editing changes only the description."""

    url = forms.URLField(
        label=_("URL"),
        max_length=1000,
        required=False,
        assume_scheme="https",
        help_text=_("Kept as written; the system never opens it."),
    )
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Paste the article's text, or upload its file below."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("A .txt, .html, .docx or text .pdf file."),
    )
    confirm_duplicate = forms.BooleanField(
        label=_("Record it even if it is already recorded"),
        required=False,
    )

    class Meta:
        model = Article
        fields = (
            "title",
            "source_name",
            "url",
            "published_on",
            "owner_unit",
            "classification",
            "protection_years",
        )

    field_order = (
        "text",
        "file",
        "title",
        "source_name",
        "url",
        "published_on",
        "owner_unit",
        "classification",
        "protection_years",
        "confirm_duplicate",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.pk and self.user is not None and getattr(self.user, "unit_id", None):
            self.fields["owner_unit"].initial = self.user.unit_id
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Empty: the first line of the text.")
        self.fields["published_on"].required = False
        self.fields["published_on"].help_text = _("Read from the text when it gives one; else required.")
        if self.instance.pk:
            for name in ("text", "file", "confirm_duplicate"):
                del self.fields[name]
            self.fields["title"].required = True
            self.fields["published_on"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.instance.pk and data.get("file") and (data.get("text") or "").strip():
            self.add_error("text", _("Paste the text or upload a file, not both."))
        return data

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        if not self.instance.pk:
            data["text"] = self.cleaned_data.get("text", "")
        return data


class ReviewForm(forms.Form):
    """One review of a proposed fact: accept, reject, or correct with the value."""

    status = forms.ChoiceField(
        choices=[(v, label) for v, label in ProposalStatus.choices if v != ProposalStatus.PENDING]
    )
    value = forms.JSONField(required=False)
    note = forms.CharField(max_length=500, required=False)

    def __init__(self, data: Any, *, proposal: Any) -> None:
        super().__init__(data)
        self.proposal = proposal
        self.raw = data

    def clean(self) -> dict[str, Any]:
        """A correction comes as JSON (``value``) or as one input per key (``v:<key>``); a
        key's value keeps the type it was proposed with (a number stays a number)."""
        data = super().clean()
        if data.get("status") != ProposalStatus.CORRECTED or data.get("value") not in (None, ""):
            return data
        proposed = self.proposal.value or {}
        corrected: dict[str, Any] = {}
        for name in self.raw:
            if not name.startswith("v:"):
                continue
            key, text = name[2:], self.raw.get(name, "").strip()
            if key not in proposed or key in ("evidence", "start", "end"):
                continue
            corrected[key] = _typed(text, proposed[key])
            if corrected[key] is _INVALID:
                self.add_error(None, _("“{}” must be a number.").format(key))
                return data
        if corrected:
            data["value"] = {**proposed, **corrected}
        return data


class AcceptForm(forms.Form):
    """Accepting a fact: the record to link ("<app.model>:<id>"), "new" to create it, or
    nothing to record the review alone; an operation for a new outcome."""

    target = forms.CharField(max_length=80, required=False)
    operation = forms.IntegerField(required=False, min_value=1)
    note = forms.CharField(max_length=500, required=False)
    # An agency fact: also its relationship with the reviewer's unit (linked or proposed).
    relationship = forms.BooleanField(required=False)
    # A signing: also the instrument signed (linked or created).
    instrument = forms.BooleanField(required=False)


_INVALID = object()


def _typed(text: str, proposed: Any) -> Any:
    if text == "":
        return None
    if isinstance(proposed, bool) or not isinstance(proposed, int | float):
        return text
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return _INVALID
    return int(number) if number.is_integer() and isinstance(proposed, int) else number
