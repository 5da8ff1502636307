"""The yearly state-secrets report (issue #21 item 5): the page, its Word report in the
layout of Decree 30/2020/NĐ-CP and its Excel annex, and the incident register's pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from access.rules import Action, can
from core.audit import AuditEvent, audit_record, audit_refused
from org.models import Unit

from . import registers, secrets_report
from .documents import build_docx, build_xlsx
from .filters import SecretIncidentFilterSet
from .forms import SecretIncidentForm
from .models import ReceivedSecretDocument, SecretIncident
from .services import unit_meta
from .views import CONTENT_TYPES
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


def document_meta(user: Any, report: dict[str, Any]) -> dict[str, Any]:
    unit = report["scope"] or user.unit
    meta = unit_meta(
        unit,
        timezone.localdate(),
        "Công tác bảo vệ bí mật nhà nước năm {}".format(report["year"]),
    )
    meta["intro"] = (
        "Thực hiện chế độ báo cáo hằng năm về công tác bảo vệ bí mật nhà nước (Luật Bảo vệ bí mật nhà nước "
        "số 117/2025/QH15), {} báo cáo số liệu từ ngày {} đến ngày {} như sau:".format(
            unit.name_vi, report["start"].strftime("%d/%m/%Y"), report["end"].strftime("%d/%m/%Y")
        )
    )
    meta["closing"] = (
        "Trên đây là báo cáo công tác bảo vệ bí mật nhà nước năm {} của {}; số liệu chi tiết tại Phụ lục "
        "kèm theo.".format(report["year"], unit.name_vi)
    )
    return meta


def _report(request: HttpRequest) -> dict[str, Any] | HttpResponse:
    if not may_read(request.user):
        audit_refused(request.user, ReceivedSecretDocument, "", "secrets_report")
        raise PermissionDenied(_("You may not read the yearly state-secrets report."))
    try:
        year, scope = parse_params(request.user, request.GET)
    except ReportParamError as exc:
        return render(
            request,
            "reports/secrets_yearly.html",
            {"error": str(exc), "units": _units(request.user), "year_value": request.GET.get("year", "")},
            status=400,
        )
    return secrets_report.secrets_yearly(user=request.user, year=year, scope=scope)


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
    }
    return render(request, "reports/secrets_yearly.html", context)


@login_required
def secrets_yearly_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The Word report (Decree 30/2020 layout, number left blank until issued) or its Excel
    annex; audited as an export."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    report = _report(request)
    if isinstance(report, HttpResponse):
        return report
    # An official document in the site language (Vietnamese), whatever the reader's language.
    with translation.override(settings.LANGUAGE_CODE):
        facts = secrets_report.as_facts(report)
        meta = document_meta(request.user, report)
        content = build_docx(facts, meta) if fmt == "docx" else build_xlsx(facts, meta)
    audit_record(
        AuditEvent.EXPORT,
        actor=request.user,
        extra={"model": "reports.secrets_yearly", "format": fmt, "query": request.GET.urlencode()},
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    stem = "bao-cao-bmnn" if fmt == "docx" else "phu-luc-bmnn"
    response["Content-Disposition"] = 'attachment; filename="{}-{}.{}"'.format(stem, report["year"], fmt)
    return response


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
    path("secrets-yearly/download/<str:fmt>/", secrets_yearly_download, name="secrets_yearly_download"),
    *SecretIncidentViews.urls(),
]
