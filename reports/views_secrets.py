"""The yearly state-secrets report (issue #21 item 5): the page, its Word report in the
layout of Decree 30/2020/NĐ-CP and its Excel annex, and the incident register's pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from access.rules import Action, can
from core.audit import audit_refused
from core.exceptions import ValidationError
from org.models import Unit

from . import registers, secrets_report, services
from .filters import SecretIncidentFilterSet
from .forms import IssueForm, SecretIncidentForm
from .models import IssuedDocument, ReceivedSecretDocument, ReportRun, SecretIncident
from .services import unit_meta
from .views import CONTENT_TYPES, add_errors
from .views_registers import RegisterViews


class ReportParamError(ValueError):
    """A bad ``year`` or ``unit``: answered 400 with its message (``field`` names which)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def may_read(user: Any) -> bool:
    """Who reads the yearly report: whoever may print and export the registers."""
    return can(user, Action.EXPORT, ReceivedSecretDocument)


def parse_params(user: Any, params: Any) -> tuple[int, Unit | None]:
    """``year`` (2000-2100; default: the reporting year of today) and ``unit`` (an id; empty:
    everything the reader sees). A unit outside the reader's subtree is ``Http404``."""
    raw_year = (params.get("year") or "").strip()
    if raw_year:
        try:
            year = int(raw_year)
        except ValueError:
            raise ReportParamError("year", _("Enter the year as a number from 2000 to 2100.")) from None
        if not secrets_report.MIN_YEAR <= year <= secrets_report.MAX_YEAR:
            raise ReportParamError("year", _("Enter the year as a number from 2000 to 2100."))
    else:
        year = secrets_report.report_year(timezone.localdate())
    raw_unit = (params.get("unit") or "").strip()
    scope = None
    if raw_unit:
        if not raw_unit.isdigit() or len(raw_unit) > 18:
            raise ReportParamError("unit", _("Unknown unit."))
        scope = Unit.objects.visible_to(user).filter(pk=int(raw_unit)).first()
        if scope is None:
            raise ReportParamError("unit", _("Unknown unit."))
        if not user.has_ministry_scope and (user.unit is None or not scope.path.startswith(user.unit.path)):
            raise Http404
    return year, scope


def _report(request: HttpRequest) -> dict[str, Any] | HttpResponse:
    if not may_read(request.user):
        audit_refused(request.user, ReceivedSecretDocument, "", "secrets_report")
        raise PermissionDenied(_("You may not read the yearly state-secrets report."))
    try:
        year, scope = parse_params(request.user, request.GET)
    except ReportParamError as exc:
        return _bad_params(request, exc)
    return secrets_report.secrets_yearly(user=request.user, year=year, scope=scope)


def _bad_params(request: HttpRequest, exc: ReportParamError) -> HttpResponse:
    """The report page with the reason a ``year`` or ``unit`` was refused (400)."""
    return render(
        request,
        "reports/secrets_yearly.html",
        {"error": str(exc), "units": _units(request.user), "year_value": request.GET.get("year", "")},
        status=400,
    )


def _units(user: Any) -> models.QuerySet:
    qs = Unit.objects.visible_to(user).order_by("sort_key")
    if not user.has_ministry_scope and user.unit is not None:
        qs = qs.filter(path__startswith=user.unit.path)
    return qs.only("pk", "name_vi", "depth")


@login_required
def secrets_yearly(request: HttpRequest) -> HttpResponse:
    report = _report(request)
    if isinstance(report, HttpResponse):
        return report
    labels = secrets_report.metric_labels()
    context = {
        "report": report,
        "metrics": [labels[m] for m in secrets_report.METRICS],
        "rows": [
            (row["unit"].name_vi, row["level"], [row["counts"][m] for m in secrets_report.METRICS])
            for row in report["rows"]
        ],
        "totals": [
            (level, [report["totals"][level][m] for m in secrets_report.METRICS])
            for level in secrets_report.LEVELS
        ],
        "overall": [report["overall"][m] for m in secrets_report.METRICS],
        "units": _units(request.user),
        "year_value": report["year"],
        "query": request.GET.urlencode(),
        "can_issue": may_issue(request.user),
    }
    return render(request, "reports/secrets_yearly.html", context)


@login_required
def secrets_yearly_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The Word report (Decree 30/2020 layout, number left blank until issued) or its Excel
    annex; audited as an export, and a numbered copy when the report is classified."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    report = _report(request)
    if isinstance(report, HttpResponse):
        return report
    content, _entry = services.secrets_draft_file(
        actor=request.user, report=report, unit=report["scope"] or request.user.unit, fmt=fmt
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    stem = "bao-cao-bmnn" if fmt == "docx" else "phu-luc-bmnn"
    response["Content-Disposition"] = 'attachment; filename="{}-{}.{}"'.format(stem, report["year"], fmt)
    return response


class _YearlySource:
    """What the issue form shows as its source: the yearly report of a year and scope."""

    def __init__(self, year: int, scope: Unit | None, query: str) -> None:
        self.year, self.scope, self.query = year, scope, query

    def __str__(self) -> str:
        return _("Yearly state-secrets report {}").format(self.year)

    def get_absolute_url(self) -> str:
        return "{}?{}".format(reverse("reports:secrets_yearly"), self.query)


def may_issue(user: Any) -> bool:
    """Who issues the yearly report: whoever reads it and approves the unit's reports (unit
    heads, coordinators, leadership)."""
    return may_read(user) and can(user, Action.APPROVE, ReportRun)


@login_required
def secrets_yearly_issue(request: HttpRequest) -> HttpResponse:
    """Issue the yearly report of ``?year=&unit=``: the counts are frozen as the issuer sees
    them and the report takes its number from the outgoing register (``services``)."""
    if not may_issue(request.user):
        audit_refused(request.user, ReportRun, "", "secrets_report_issue")
        raise PermissionDenied(_("You may not issue the yearly state-secrets report."))
    try:
        year, scope = parse_params(request.user, request.GET)
    except ReportParamError as exc:
        return _bad_params(request, exc)
    unit = scope or request.user.unit
    if unit is None:
        raise Http404
    source = _YearlySource(year, scope, request.GET.urlencode())
    replaces = services.secrets_issued(unit, year, scope).first()
    status = 200
    if request.method == "POST":
        form = IssueForm(request.POST, unit=unit)
        if form.is_valid():
            try:
                doc = services.secrets_report_issue(
                    actor=request.user,
                    year=year,
                    scope=scope,
                    data={**form.cleaned_data, "replaces": replaces},
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                return redirect(doc.get_absolute_url())
        status = 400
    else:
        drafter = request.user.full_name or request.user.username
        form = IssueForm(
            initial={
                "doc_type": "BC",
                "summary": f"Công tác bảo vệ bí mật nhà nước năm {year}",
                "signer_title": unit_meta(unit, timezone.localdate(), "")["signer_title"],
                "recipients": "Lãnh đạo Bộ (để báo cáo) | 1\nĐơn vị bảo vệ bí mật nhà nước của Bộ | 1",
                "drafter_code": "".join(w[0] for w in drafter.split()).upper()[:20],
            },
            unit=unit,
        )
    issued = IssuedDocument.objects.visible_to(request.user).filter(
        pk__in=services.secrets_issued(unit, year, scope).values("pk")
    )
    context = {
        "obj": source,
        "form": form,
        "heading": _("Issue the yearly state-secrets report"),
        "replaces": replaces,
        "register_url": reverse("reports:issueddocument_list"),
        "issued": issued,
    }
    return render(request, "reports/issue_form.html", context, status=status)


class SecretIncidentViews(RegisterViews):
    """Incidents: losses and disclosures of state secrets, reported at once to the unit
    responsible for protecting state secrets."""

    model = SecretIncident
    form_class = SecretIncidentForm
    filterset_class = SecretIncidentFilterSet
    list_columns = (
        "occurred_on",
        "kind",
        "document_ref",
        "level",
        "reported_by_name",
        "owner_unit",
        "reported_to",
    )
    detail_fields = (*list_columns, "description", "note", "corrects", "created_by")
    column_labels = {"owner_unit": gettext_lazy("reporting unit")}
    ordering_fields = {"occurred_on": "occurred_on", "level": "level", "kind": "kind"}
    select_related = ("owner_unit", "reported_to", "corrects", "created_by")
    url_prefix = "registers/incidents/"
    create_service = staticmethod(registers.incident_create)
    print_title = gettext_lazy("Register of state-secret incidents")


urlpatterns = [
    path("secrets-yearly/", secrets_yearly, name="secrets_yearly"),
    path("secrets-yearly/issue/", secrets_yearly_issue, name="secrets_yearly_issue"),
    path("secrets-yearly/download/<str:fmt>/", secrets_yearly_download, name="secrets_yearly_download"),
    *SecretIncidentViews.urls(),
]
