"""Pages of the cases app beyond the generic ones, built on ``core.views.BaseObjectView`` so
that the record is read through ``visible_to`` and the action is checked with ``can``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from access.rules import Action
from core.exceptions import ValidationError
from core.text import as_id
from core.views import BaseObjectView, _add_validation_errors
from org.models import Unit

from . import services


class ShareForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Units"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 10}),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.visible_to(user)


class CaseShareView(BaseObjectView):
    """Share a case with other units, within what the handling codes of its messages allow."""

    template_name = "cases/case_share.html"

    def render_form(self, request: HttpRequest, obj: Any, form: Any, status: int = 200) -> HttpResponse:
        blocked = obj.messages.filter(handling_code__in=("h2", "h3")).order_by("date")
        context = {**self.base_context(), "obj": obj, "form": form, "blocked": blocked}
        return render(request, self.template_name, context, status=status)

    def load(self, request: HttpRequest, pk: int) -> Any:
        obj = self.get_object(request, pk)
        self.require(Action.CHANGE, obj)
        return obj

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.load(request, pk)
        return self.render_form(request, obj, ShareForm(user=request.user))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.load(request, pk)
        form = ShareForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_form(request, obj, form, status=400)
        try:
            services.case_share(
                actor=request.user,
                obj=obj,
                units=list(form.cleaned_data["units"]),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            _add_validation_errors(form, exc)
            return self.render_form(request, obj, form, status=400)
        return HttpResponseRedirect(obj.get_absolute_url())


def _period(request: HttpRequest) -> tuple[Any, Any]:
    """The period of the statistics: ``from``/``to`` (dd/mm/yyyy) or a whole ``year``."""
    import datetime

    from core.dates import parse_day

    year = as_id(request.GET.get("year", ""))
    if year is not None and 1900 < year < 2200:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return parse_day(request.GET.get("from")), parse_day(request.GET.get("to"))


def chart_data(stats: dict[str, Any]) -> dict[str, Any]:
    """The figures the charts draw (the tables on the page show the same numbers)."""

    def series(rows: list[dict[str, Any]], label: str = "label") -> dict[str, list]:
        return {"labels": [str(r[label]) for r in rows], "values": [r["count"] for r in rows]}

    return {
        "by_year": series(stats["by_year"]),
        "by_type": series(stats["by_type"]),
        "by_crime_area": series(stats["by_crime_area"]),
        "by_country": series(stats["by_country"][:15]),
        "by_partner": series(
            [{**r, "short": r.get("acronym") or r["label"]} for r in stats["by_partner"][:15]], "short"
        ),
        "persons": series(stats["persons"]),
        "seizures": {
            "labels": [f"{r['substance']} ({r['unit']})" for r in stats["seizures"]],
            "values": [float(r["quantity"]) for r in stats["seizures"]],
        },
    }


class CaseStatisticsView(BaseObjectView):
    """Statistics of cooperation cases and operations by period, partner, country and crime area."""

    template_name = "cases/statistics.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        from .selectors import statistics

        self.require(Action.VIEW, self.model)
        date_from, date_to = _period(request)
        stats = statistics(user=request.user, date_from=date_from, date_to=date_to)
        context = {
            **self.base_context(),
            "stats": stats,
            "charts": chart_data(stats),
            "year": request.GET.get("year", ""),
            "from": request.GET.get("from", ""),
            "to": request.GET.get("to", ""),
        }
        return render(request, self.template_name, context)


class LetterForm(forms.Form):
    template = forms.ModelChoiceField(
        label=gettext_lazy("Template"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("The template of the case type, in the chosen language"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"), widget=forms.Select(attrs={"class": "form-select"})
    )
    assistance = forms.CharField(
        label=gettext_lazy("Assistance requested"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 4}),
    )
    contacts = forms.CharField(
        label=gettext_lazy("Contacts"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .choices import LetterLanguage
        from .models import LetterTemplate

        self.fields["template"].queryset = LetterTemplate.objects.visible_to(user)
        self.fields["language"].choices = LetterLanguage.choices


def letter_response(*, user: Any, case: Any, data: dict[str, Any]) -> HttpResponse:
    """The DOCX of the case's draft letter, or a ValidationError when no template fits."""
    from core.audit import AuditEvent, audit_record
    from core.copies import CopyKind, CopyTarget, needs_copy_number, register_copies
    from core.markings import mark_docx, marking_for

    from .letters import build_docx, letter_values, template_for

    template = data.get("template") or template_for(case, data.get("language") or "vi")
    if template is None:
        raise ValidationError(
            {"template": _("No letter template in this language: ask a coordinator to add one.")}
        )
    values = letter_values(
        user=user,
        case=case,
        language=template.language,
        assistance=data.get("assistance", ""),
        contacts=data.get("contacts", ""),
    )
    content = build_docx(case=case, template=template, values=values)
    entry = None
    if needs_copy_number(case.classification):
        # A draft letter of a classified case is a numbered copy of it, capped like an export.
        entry = register_copies(
            actor=user,
            model=type(case),
            ids=[case.pk],
            classification=case.classification,
            kind=CopyKind.LETTER,
            file_format="docx",
            description=f"letter {template.language}",
            targets=[CopyTarget.of(case)],
        )
    # The level, copy number and "BẢN SAO" stamps; "GIẢI MẬT" on a declassified case.
    content = mark_docx(content, marking_for(case, entry))
    audit_record(
        AuditEvent.EXPORT,
        actor=user,
        target=case,
        extra={
            "format": "docx",
            "letter_template": template.pk,
            "language": template.language,
            "copy": entry.copy_label if entry is not None else None,
        },
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="case-{case.pk}-letter-{template.language}.docx"'
    return response


class CaseLetterView(BaseObjectView):
    """Draft request letter of a case (DOCX, Vietnamese or English) from a coordinators' template."""

    template_name = "cases/case_letter.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object(request, pk)
        self.require(Action.EXPORT, obj)
        if "download" not in request.GET:
            form = LetterForm(initial={"language": request.GET.get("language", "vi")}, user=request.user)
            return render(request, self.template_name, {**self.base_context(), "obj": obj, "form": form})
        form = LetterForm(request.GET, user=request.user)
        if form.is_valid():
            try:
                return letter_response(user=request.user, case=obj, data=form.cleaned_data)
            except ValidationError as exc:
                _add_validation_errors(form, exc)
        context = {**self.base_context(), "obj": obj, "form": form}
        return render(request, self.template_name, context, status=400)


class LegalBasisPanelView(BaseObjectView):
    """The live legal-basis panel of the case form (HTMX): instruments in force with the chosen
    partners on the case's date that cover the request type, or "reciprocity applies"."""

    template_name = "cases/_legal_basis_panel.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        from django.utils import timezone

        from core.dates import parse_day
        from partners.models import Country, ForeignAgency

        from .selectors import legal_basis_for

        self.require(Action.VIEW, self.model)

        def ids(name: str) -> list[int]:
            return [n for v in request.GET.getlist(name) if (n := as_id(v)) is not None]

        country_ids = set(
            Country.objects.visible_to(request.user)
            .filter(pk__in=ids("countries"))
            .values_list("pk", flat=True)
        )
        country_ids |= set(
            ForeignAgency.objects.visible_to(request.user)
            .filter(pk__in=ids("agencies"))
            .values_list("country_id", flat=True)
        )
        day = parse_day(request.GET.get("opened_on"), timezone.localdate())
        legal = legal_basis_for(
            user=request.user, country_ids=sorted(country_ids), case_type=request.GET.get("type", ""), day=day
        )
        return render(request, self.template_name, {"legal": legal})
