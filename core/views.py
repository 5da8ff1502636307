"""Generic list, detail, edit, delete and history views that every module reuses.

A module declares one ``ObjectViewSet`` per model and gets its URLs from ``urls()``
(NetBox ``register_model_view``). Every read goes through ``visible_to``; every write
through the viewset's services; hidden is 404, visible but not allowed is 403.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any, ClassVar

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_filters.filterset import filterset_factory

from access.registry import registry
from access.rules import Action, can, classifying_unit_of

from .audit import AuditEvent, audit_opened, audit_record, audit_refused
from .copies import CopyKind, CopyTarget, copy_line, highest_level, needs_copy_number, register_copies
from .display import field_label, field_value, history_rows
from .exceptions import StaleVersion, ValidationError
from .forms import restrict_link_choices
from .history import history_for
from .paging import CappedPaginator
from .panels import detail_panels
from .personal import may_see_personal, personal_fields, record_personal_view, unit_path_for_masking
from .spreadsheets import append_row, csv_row
from .text import fold

PAGE_SIZES = (25, 50, 100)


class ObjectViewSet:
    """Declaration of one model's pages: columns, filters, form and services."""

    model: ClassVar[type[models.Model]]
    form_class: ClassVar[type[forms.ModelForm] | None] = None
    filterset_class: ClassVar[Any] = None
    list_columns: ClassVar[tuple[str, ...]] = ()
    # labels of columns that are properties rather than fields
    column_labels: ClassVar[dict[str, Any]] = {}
    detail_fields: ClassVar[tuple[str, ...]] = ()
    # sort key shown in the URL -> ORM ordering expression
    ordering_fields: ClassVar[dict[str, str]] = {}
    default_ordering: ClassVar[str] = ""
    select_related: ClassVar[tuple[str, ...]] = ()
    prefetch_related: ClassVar[tuple[str, ...]] = ()
    url_prefix: ClassVar[str] = ""
    pk_converter: ClassVar[str] = "int"
    allow_add: ClassVar[bool] = True
    allow_delete: ClassVar[bool] = True
    # Append-only registers: an add page and no edit, delete or classification page.
    allow_edit: ClassVar[bool] = True
    # Extra POST actions on the detail page: (label, url name, action needed on the record).
    object_actions: ClassVar[tuple[tuple[Any, str, str], ...]] = ()
    # Actions checked instead of add/change/delete (assignments need ASSIGN, say).
    permission_map: ClassVar[dict[str, str]] = {}
    # A richer detail page (a partner profile, say): its template and extra context.
    detail_template: ClassVar[str | None] = None

    @classmethod
    def detail_extra(cls, request: HttpRequest, obj: models.Model) -> dict[str, Any]:
        return {}

    @classmethod
    def list_extra(cls, request: HttpRequest) -> dict[str, Any]:
        """More for the list page: a title of its own (``list_title``), a ``print_url``."""
        return {}

    # A list export holds copies of the classified records it lists, each counted against
    # its cap (core.copies); a register that only lists documents is not a copy of them.
    export_copies_records: ClassVar[bool] = True

    # Services: (actor, cleaned_data) -> obj ; (actor, obj, cleaned_data, version) -> obj ;
    # (actor, obj, version) -> None
    create_service: ClassVar[Callable[..., Any] | None] = None
    update_service: ClassVar[Callable[..., Any] | None] = None
    delete_service: ClassVar[Callable[..., Any] | None] = None

    @classmethod
    def queryset(cls, user: Any) -> models.QuerySet:
        qs = cls.model._default_manager.visible_to(user)
        if masking := unit_path_for_masking(cls.model):
            qs = qs.select_related(masking)
        if cls.select_related:
            qs = qs.select_related(*cls.select_related)
        if cls.prefetch_related:
            qs = qs.prefetch_related(*cls.prefetch_related)
        return qs

    @classmethod
    def is_classified(cls) -> bool:
        """Business records carry a classification that has its own change page.

        Records whose level follows another record's (``classification_follows``) have none.
        """
        if getattr(cls.model, "classification_follows", None):
            return False
        return any(f.name == "classification" for f in cls.model._meta.concrete_fields)

    @classmethod
    def label(cls, name: str) -> str:
        if name in cls.column_labels:
            return capfirst(str(cls.column_labels[name]))
        return field_label(cls.model, name)

    @classmethod
    def get_filterset_class(cls) -> Any:
        """The declared filterset, or owner unit and classification for a business record."""
        if cls.filterset_class is not None:
            return cls.filterset_class
        names = {f.name for f in cls.model._meta.get_fields()}
        fields = [n for n in ("owner_unit", "classification") if n in names]
        if not fields:
            return None
        return filterset_factory(cls.model, fields=fields)

    @classmethod
    def entry(cls):
        return registry.get(cls.model)

    @classmethod
    def urls(cls) -> list:
        name = cls.model._meta.model_name
        prefix = cls.url_prefix or f"{name}s/"
        pk = f"<{cls.pk_converter}:pk>/"
        views = [
            path(prefix, ObjectListView.as_view(viewset=cls), name=f"{name}_list"),
            path(prefix + pk, ObjectDetailView.as_view(viewset=cls), name=name),
            path(
                prefix + pk + "history/",
                ObjectHistoryView.as_view(viewset=cls),
                name=f"{name}_history",
            ),
        ]
        if cls.form_class is not None:
            if cls.allow_edit:
                views.append(
                    path(prefix + pk + "edit/", ObjectEditView.as_view(viewset=cls), name=f"{name}_edit")
                )
            if cls.allow_add:
                views.append(path(prefix + "add/", ObjectEditView.as_view(viewset=cls), name=f"{name}_add"))
            if cls.allow_delete and cls.allow_edit:
                views.append(
                    path(
                        prefix + pk + "delete/", ObjectDeleteView.as_view(viewset=cls), name=f"{name}_delete"
                    )
                )
            if cls.is_classified() and cls.allow_edit:
                views.append(
                    path(
                        prefix + pk + "classification/",
                        ObjectClassificationView.as_view(viewset=cls),
                        name=f"{name}_classification",
                    )
                )
        return views


class BaseObjectView(LoginRequiredMixin, View):
    viewset: type[ObjectViewSet] = ObjectViewSet  # set by as_view(viewset=...)

    @property
    def model(self) -> type[models.Model]:
        return self.viewset.model

    def get_object(self, request: HttpRequest, pk: int) -> models.Model:
        """The record through visible_to; hidden is 404 (and audited), classified opens are audited."""
        try:
            obj = get_object_or_404(self.viewset.queryset(request.user), pk=pk)
        except Http404:
            audit_refused(request.user, self.model, pk, "hidden")
            raise
        if request.method == "GET":
            audit_opened(request.user, obj, "page")
        return obj

    def allowed(self, action: str, obj: Any) -> bool:
        """``can`` with the viewset's permission map applied."""
        return can(self.request.user, self.viewset.permission_map.get(action, action), obj)

    def require(self, action: str, obj: Any) -> None:
        if not self.allowed(action, obj):
            if obj is not None and not isinstance(obj, type):
                audit_refused(self.request.user, self.model, obj.pk, str(action))
            raise PermissionDenied

    def url(self, view: str, obj: models.Model | None = None) -> str:
        entry = self.viewset.entry()
        args = [obj.pk] if obj is not None else []
        return reverse(entry.url_name(view), args=args)

    def base_context(self) -> dict[str, Any]:
        meta = self.model._meta
        entry = self.viewset.entry()
        return {
            "model_meta": meta,
            "verbose_name": meta.verbose_name,
            "verbose_name_plural": meta.verbose_name_plural,
            "list_url": reverse(entry.url_name("list")),
            "add_url": reverse(entry.url_name("add"))
            if self.viewset.form_class is not None
            and self.viewset.allow_add
            and self.allowed(Action.ADD, self.model)
            else None,
        }


def _search(qs: models.QuerySet, q: str) -> models.QuerySet:
    """Each folded word of the query must appear in the stored folded text (a model without
    one, such as a capacity definition, is not searched: a ``q`` there changes nothing)."""
    if not any(f.name == "search_text" for f in qs.model._meta.concrete_fields):
        return qs
    for word in fold(q).split():
        qs = qs.filter(search_text__contains=word)
    return qs


def label_filter(field: forms.Field) -> None:
    """A list filter reads like the rest of the page: its label capitalised like the column
    headers (verbose names are lower case: "loại"), and "All" for the empty choice, where a
    form would say "---------" (choosing nothing filters nothing)."""
    if field.label:
        field.label = capfirst(field.label)
    if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return
    if hasattr(field, "empty_label"):  # model choices, and django-filter's own choice field
        if field.empty_label is not None:
            field.empty_label = _("All")
            # The widget's choices may still iterate the class's field (a form's fields are
            # copies): point them at this one.
            field.widget.choices = field.choices
    elif isinstance(field, forms.ChoiceField):
        field.choices = [("", _("All")) if value == "" else (value, text) for value, text in field.choices]


class ObjectListView(BaseObjectView):
    """Filter, search, sort, paginate and export one model's visible records."""

    template_name = "core/object_list.html"
    partial_name = "core/partials/object_table.html"

    def filtered(self, request: HttpRequest) -> tuple[models.QuerySet, Any, str]:
        qs = self.viewset.queryset(request.user)
        filterset = None
        filterset_class = self.viewset.get_filterset_class()
        if filterset_class is not None:
            filterset = filterset_class(request.GET, queryset=qs, request=request)
            restrict_link_choices(filterset.form, request.user)
            for field in filterset.form.fields.values():
                label_filter(field)
                model = getattr(getattr(field, "queryset", None), "model", None)
                if names := getattr(model, "choice_fields", None):
                    # Hundreds of units and agencies: load only what their labels read.
                    field.queryset = field.queryset.only("pk", *names)
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs.setdefault("class", css + " form-select-sm form-control-sm")
            qs = filterset.qs if filterset.is_valid() else qs.none()
        q = request.GET.get("q", "").strip()
        if q:
            qs = _search(qs, q)
        sort = request.GET.get("sort", "") or self.viewset.default_ordering
        key = sort.lstrip("-")
        if key in self.viewset.ordering_fields:
            expr = self.viewset.ordering_fields[key]
            # The tie-break runs the same way as the sort: an index on (column, id) then
            # serves either direction (a mixed direction sorts the whole visible set).
            desc = sort.startswith("-")
            qs = qs.order_by(("-" if desc else "") + expr, "-pk" if desc else "pk")
        else:
            sort = ""
        return qs, filterset, sort

    def get(self, request: HttpRequest) -> HttpResponse:
        self.require(Action.VIEW, self.model)
        qs, filterset, sort = self.filtered(request)
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            self.require(Action.EXPORT, self.model)
            response = self.export(request, qs, export)
            audit_record(
                AuditEvent.EXPORT,
                actor=request.user,
                extra={
                    "model": self.model._meta.label,
                    "format": export,
                    "rows": response.rows,
                    "query": request.GET.urlencode(),
                },
            )
            return response
        try:
            per_page = int(request.GET.get("per_page", PAGE_SIZES[0]))
        except ValueError:
            per_page = PAGE_SIZES[0]
        if per_page not in PAGE_SIZES:
            per_page = PAGE_SIZES[0]
        page = CappedPaginator(qs, per_page).get_page(request.GET.get("page"))
        columns = self.viewset.list_columns
        personal = set(personal_fields(self.model))
        rows = []
        for obj in page.object_list:
            masked = bool(personal) and not may_see_personal(request.user, obj)
            rows.append(
                {
                    "obj": obj,
                    "url": obj.get_absolute_url(),
                    "cells": [field_value(obj, c, masked=masked and c in personal) for c in columns],
                }
            )
        params = request.GET.copy()
        params.pop("page", None)
        sort_params = params.copy()
        sort_params.pop("sort", None)
        context = {
            **self.base_context(),
            "filterset": filterset,
            "q": request.GET.get("q", ""),
            "columns": [
                {
                    "name": c,
                    "label": self.viewset.label(c),
                    "sortable": c in self.viewset.ordering_fields,
                    "sorted": sort.lstrip("-") == c,
                    "desc": sort.startswith("-"),
                }
                for c in columns
            ],
            "rows": rows,
            "page": page,
            "per_page": per_page,
            "page_sizes": PAGE_SIZES,
            "query_string": params.urlencode(),
            "sort_query_string": sort_params.urlencode(),
            "can_export": can(request.user, Action.EXPORT, self.model),
            "import_url": self.import_url(request),
            **self.viewset.list_extra(request),
        }
        template = self.partial_name if request.htmx and not request.htmx.boosted else self.template_name
        return render(request, template, context)

    def import_url(self, request: HttpRequest) -> str | None:
        """The Excel import of this model, when it has one and the user may add records."""
        from .imports import import_spec_for

        spec = import_spec_for(self.model)
        if spec is None or not can(request.user, Action.ADD, self.model):
            return None
        return reverse("imports:upload", args=[spec.key])

    def export(self, request: HttpRequest, qs: models.QuerySet, fmt: str) -> HttpResponse:
        """All filtered rows (not just the page), with personal data masked unless allowed."""
        columns = self.viewset.list_columns
        personal = set(personal_fields(self.model))
        header = [self.viewset.label(c) for c in columns]
        rows = []
        objs = list(qs)
        for obj in objs:
            full = bool(personal) and can(request.user, Action.EXPORT_PERSONAL, obj)
            if full:
                record_personal_view(request.user, obj, "export")
            rows.append([field_value(obj, c, masked=c in personal and not full) for c in columns])
        # Classified content is a numbered, registered copy (state-secret rules): the copy
        # line goes first, above the header.
        level = highest_level(getattr(obj, "classification", None) for obj in objs)
        entry = None
        if needs_copy_number(level):
            # Each classified record listed is copied: past its cap the export is refused
            # with the reason (403), unless the list is a register of documents.
            targets = (
                [
                    CopyTarget.of(obj)
                    for obj in objs
                    if needs_copy_number(getattr(obj, "classification", None))
                ]
                if self.viewset.export_copies_records
                else None
            )
            entry = register_copies(
                actor=request.user,
                model=self.model,
                ids=[obj.pk for obj in objs],
                classification=level,
                kind=CopyKind.EXPORT,
                file_format=fmt,
                description=request.GET.urlencode(),
                targets=targets,
            )
        filename = f"{self.model._meta.model_name}.{fmt}"
        if fmt == "csv":
            buffer = io.StringIO()
            buffer.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly
            writer = csv.writer(buffer)
            if entry is not None:
                writer.writerow(csv_row([copy_line(entry)]))
            writer.writerow(csv_row(header))
            writer.writerows(csv_row(row) for row in rows)
            response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        else:
            from openpyxl import Workbook

            wb = Workbook(write_only=True)
            ws = wb.create_sheet(title=str(self.model._meta.verbose_name_plural)[:31])
            if entry is not None:
                append_row(ws, [copy_line(entry)])
            append_row(ws, header)
            for row in rows:
                append_row(ws, row)
            out = io.BytesIO()
            wb.save(out)
            response = HttpResponse(
                out.getvalue(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.rows = len(rows)
        response.copy_entry = entry
        return response


class ObjectDetailView(BaseObjectView):
    template_name = "core/object_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object(request, pk)
        self.require(Action.VIEW, obj)
        personal = set(personal_fields(self.model))
        full = bool(personal) and may_see_personal(request.user, obj)
        if full:
            record_personal_view(request.user, obj, "page")
        fields = self.viewset.detail_fields or self.viewset.list_columns
        context = {
            **self.base_context(),
            "obj": obj,
            "tab": "info",
            "fields": [
                {
                    "label": self.viewset.label(name),
                    "value": field_value(obj, name, masked=name in personal and not full),
                }
                for name in fields
            ],
            **self.action_urls(obj),
            # Other apps' panels for this record (core.panels): drawn by core/partials/panels.html.
            "panels": detail_panels(request, obj),
            **self.viewset.detail_extra(request, obj),
        }
        return render(request, self.viewset.detail_template or self.template_name, context)

    def action_urls(self, obj: models.Model) -> dict[str, Any]:
        user = self.request.user
        # A record past the stage where it can change (an approved report) offers no edit.
        editable = (
            self.viewset.form_class is not None
            and self.viewset.allow_edit
            and not getattr(obj, "edit_locked", False)
        )
        return {
            "edit_url": self.url("edit", obj) if editable and self.allowed(Action.CHANGE, obj) else None,
            "delete_url": self.url("delete", obj)
            if editable and self.viewset.allow_delete and self.allowed(Action.DELETE, obj)
            else None,
            "history_url": self.url("history", obj),
            "detail_url": self.url("detail", obj),
            "classification_url": self.url("classification", obj)
            if editable
            and self.viewset.is_classified()
            and (can(user, Action.CHANGE, obj) or can(user, Action.DECLASSIFY, obj))
            else None,
            "object_actions": [
                {"label": label, "url": reverse(url_name, args=[obj.pk])}
                for label, url_name, needed in self.viewset.object_actions
                if can(user, needed, obj)
            ],
        }


class ObjectHistoryView(ObjectDetailView):
    template_name = "core/object_history.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object(request, pk)
        self.require(Action.VIEW, obj)
        personal = set(personal_fields(self.model))
        full = not personal or may_see_personal(request.user, obj)
        page = Paginator(history_for(obj), 25).get_page(request.GET.get("page"))
        hidden = set() if full else personal
        changes = history_rows(self.model, list(page.object_list), request.user, hidden)
        for row in changes:
            for diff in row["diffs"]:
                diff["label"] = self.viewset.label(diff["name"])
        context = {
            **self.base_context(),
            "obj": obj,
            "tab": "history",
            "changes": changes,
            "page": page,
            **self.action_urls(obj),
        }
        return render(request, self.template_name, context)


class ObjectEditView(BaseObjectView):
    """Add (no pk) or edit (pk) through the viewset's services, with the version checked."""

    template_name = "core/object_form.html"

    def get_form(self, request: HttpRequest, obj: models.Model | None, data: Any = None) -> forms.ModelForm:
        initial = None
        if obj is None and data is None:
            # "Add a report to this assignment": ?assignment=42 preselects the form's field; the
            # field's own queryset (visible_to) still decides what can be chosen.
            fields = self.viewset.form_class.base_fields
            initial = {k: v for k, v in request.GET.items() if k in fields and k != "version"}
        return self.viewset.form_class(data=data, instance=obj, user=request.user, initial=initial)

    def load(self, request: HttpRequest, pk: int | None) -> models.Model | None:
        if pk is None:
            self.require(Action.ADD, self.model)
            return None
        obj = self.get_object(request, pk)
        self.require(Action.CHANGE, obj)
        return obj

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        obj = self.load(request, pk)
        return self.render_form(request, obj, self.get_form(request, obj))

    def render_form(
        self, request: HttpRequest, obj: Any, form: Any, current: Any = None, status: int = 200
    ) -> HttpResponse:
        context = {**self.base_context(), "obj": obj, "form": form, "current": current}
        if obj is not None:
            context["cancel_url"] = obj.get_absolute_url()
        else:
            context["cancel_url"] = context["list_url"]
        return render(request, self.template_name, context, status=status)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        obj = self.load(request, pk)
        form = self.get_form(request, obj, data=request.POST)
        if not form.is_valid():
            return self.render_form(request, obj, form, status=400)
        try:
            if obj is None:
                saved = self.viewset.create_service(actor=request.user, data=form.service_data())
            else:
                saved = self.viewset.update_service(
                    actor=request.user,
                    obj=obj,
                    data=form.service_data(),
                    version=form.cleaned_data.get("version"),
                )
        except StaleVersion as exc:
            form.add_error(
                None,
                _(
                    "The record was changed by someone else (version {}, yours was {}). "
                    "Nothing was saved; review the current values and make your changes again."
                ).format(exc.current, exc.submitted),
            )
            current = [
                (field_label(self.model, name), field_value(exc.obj, name))
                for name in form.fields
                if name != "version" and hasattr(exc.obj, name)
            ]
            return self.render_form(request, obj, form, current=current, status=409)
        except ValidationError as exc:
            _add_validation_errors(form, exc)
            return self.render_form(request, obj, form, status=400)
        except self.model.DoesNotExist:
            raise Http404 from None
        return HttpResponseRedirect(saved.get_absolute_url())


def _add_validation_errors(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ObjectDeleteView(BaseObjectView):
    template_name = "core/object_confirm_delete.html"

    def load(self, request: HttpRequest, pk: int) -> models.Model:
        obj = self.get_object(request, pk)
        self.require(Action.DELETE, obj)
        return obj

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.load(request, pk)
        return render(request, self.template_name, {**self.base_context(), "obj": obj})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.load(request, pk)
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = None
        try:
            self.viewset.delete_service(actor=request.user, obj=obj, version=version)
        except StaleVersion:
            context = {
                **self.base_context(),
                "obj": obj,
                "error": _("The record was changed by someone else; review it before deleting."),
            }
            return render(request, self.template_name, context, status=409)
        except ValidationError as exc:
            context = {**self.base_context(), "obj": obj, "error": " ".join(exc.messages)}
            return render(request, self.template_name, context, status=400)
        return HttpResponseRedirect(reverse(self.viewset.entry().url_name("list")))


class ClassificationForm(forms.Form):
    """Raise, lower or lift a classification, with the reason recorded in the audit log."""

    classification = forms.ChoiceField(
        label=gettext_lazy("Classification"), widget=forms.Select(attrs={"class": "form-select"})
    )
    protection_years = forms.IntegerField(
        label=capfirst(gettext_lazy("protection period (years)")),
        required=False,
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
        help_text=gettext_lazy(
            "Empty: the legal default (30, 20, 10 years for Top secret, Secret, Confidential)."
        ),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, user: Any, floor: str | None = None, **kwargs: Any) -> None:
        """``floor``: the current level, for a user who may raise it but not lower it."""
        super().__init__(*args, **kwargs)
        from django.conf import settings

        from access.choices import Classification, level_rank

        cap = min(level_rank(user.clearance), level_rank(settings.HOPTAC_MAX_CLASSIFICATION))
        low = level_rank(floor) if floor else 0
        self.fields["classification"].choices = [
            (v, label) for v, label in Classification.choices if low <= level_rank(v) <= cap
        ]


class ObjectClassificationView(BaseObjectView):
    """The page that changes a record's classification through record_set_classification."""

    template_name = "core/object_classification.html"

    def load(self, request: HttpRequest, pk: int) -> models.Model:
        obj = self.get_object(request, pk)
        if not self.allowed(Action.DECLASSIFY, obj):
            self.require(Action.CHANGE, obj)
        return obj

    def render_form(self, request: HttpRequest, obj: Any, form: Any, status: int = 200) -> HttpResponse:
        context = {
            **self.base_context(),
            "obj": obj,
            "form": form,
            "may_declassify": self.allowed(Action.DECLASSIFY, obj),
            "classifying_unit": classifying_unit_of(obj),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.load(request, pk)
        initial = {
            "classification": obj.classification,
            "protection_years": obj.protection_years,
            "version": obj.version,
        }
        return self.render_form(request, obj, ClassificationForm(initial=initial, **self.form_kwargs(obj)))

    def form_kwargs(self, obj: Any) -> dict[str, Any]:
        floor = None if self.allowed(Action.DECLASSIFY, obj) else obj.classification
        return {"user": self.request.user, "floor": floor}

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        from .services import record_set_classification

        obj = self.load(request, pk)
        form = ClassificationForm(request.POST, **self.form_kwargs(obj))
        if not form.is_valid():
            return self.render_form(request, obj, form, status=400)
        try:
            record_set_classification(
                actor=request.user,
                obj=obj,
                level=form.cleaned_data["classification"],
                version=form.cleaned_data["version"],
                protection_years=form.cleaned_data["protection_years"],
                reason=form.cleaned_data["reason"],
            )
        except StaleVersion:
            form.add_error(
                None, _("The record was changed by someone else; nothing was saved. Reload and try again.")
            )
            return self.render_form(request, obj, form, status=409)
        except ValidationError as exc:
            _add_validation_errors(form, exc)
            return self.render_form(request, obj, form, status=400)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            return self.render_form(request, obj, form, status=403)
        return HttpResponseRedirect(obj.get_absolute_url())
