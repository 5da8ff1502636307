"""Writes of the reports module: define a report run, generate it, hand out copies.

Defining or changing a run (period, scope) goes through the generic record services
(permission, validation, version, history) and enqueues the generation job once the
transaction commits. The job's progress and results are bookkeeping of that same record,
written with ``update()`` inside the service scope: they neither bump the version nor fill
the history; the generation itself is recorded in the audit log.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from access.choices import level_rank
from access.rules import Action
from core.audit import AuditEvent, audit_record
from core.context import change_context
from core.exceptions import ValidationError
from core.services import record_create, record_delete, record_update, service
from core.workdays import report_window, window_containing

from .choices import PeriodKind, RunStatus
from .models import ReportRun

logger = logging.getLogger(__name__)

DEFINITION_FIELDS = ("period_kind", "year", "period", "year_to", "start_on", "end_on", "scope_unit")


def resolve_period(data: dict[str, Any], today: datetime.date | None = None) -> dict[str, Any]:
    """Fill ``start_on``/``end_on`` from the period kind (Decree 09 windows), or refuse.

    Month, quarter and year default to the window holding today; a several-year review runs
    from 15/12 before the first year to 14/12 of the last; dates are taken as given.
    """
    today = today or timezone.localdate()
    kind = data.get("period_kind") or PeriodKind.YEAR
    year, period, year_to = data.get("year"), data.get("period"), data.get("year_to")
    out = dict(data, period_kind=kind)
    if kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR):
        if year is None or (kind != PeriodKind.YEAR and period is None):
            year, period, _start, _end = window_containing(kind, today)
        if kind == PeriodKind.YEAR:
            period = None
        limit = 12 if kind == PeriodKind.MONTH else 4
        if kind != PeriodKind.YEAR and not 1 <= int(period) <= limit:
            raise ValidationError({"period": _("Between 1 and {} for this period.").format(limit)})
        start, end = report_window(kind, int(year), int(period or 1))
        out.update(year=year, period=period, year_to=None, start_on=start, end_on=end)
    elif kind == PeriodKind.YEARS:
        if year is None or year_to is None:
            raise ValidationError({"year_to": _("Give the first and the last year of the review.")})
        if year_to < year:
            raise ValidationError({"year_to": _("The last year comes after the first.")})
        out.update(
            period=None,
            start_on=report_window("year", int(year))[0],
            end_on=report_window("year", int(year_to))[1],
        )
    else:
        start, end = data.get("start_on"), data.get("end_on")
        if start is None or end is None:
            raise ValidationError({"end_on": _("Give both dates of the period.")})
        if end < start:
            raise ValidationError({"end_on": _("The end of the period comes after its start.")})
        out.update(year=None, period=None, year_to=None)
    if (out["end_on"] - out["start_on"]).days > 366 * 12:
        raise ValidationError({"end_on": _("A report covers at most twelve years.")})
    return out


def check_scope(actor: Any, scope: Any) -> None:
    """The scope is the ministry or a unit the actor reaches (ministry-wide: any unit)."""
    if scope is None or getattr(actor, "has_ministry_scope", False) or getattr(actor, "pk", None) is None:
        return
    unit = getattr(actor, "unit", None)
    if unit is None or not scope.path.startswith(unit.path):
        raise ValidationError({"scope_unit": _("Choose your own unit or a unit below it.")})


def default_title(data: dict[str, Any]) -> str:
    kind = data["period_kind"]
    start, end = data["start_on"], data["end_on"]
    if kind == PeriodKind.YEAR:
        text = "năm {}".format(data["year"])
    elif kind == PeriodKind.QUARTER:
        text = "quý {} năm {}".format(data["period"], data["year"])
    elif kind == PeriodKind.MONTH:
        text = "tháng {} năm {}".format(data["period"], data["year"])
    elif kind == PeriodKind.YEARS:
        text = "giai đoạn {}-{}".format(data["year"], data["year_to"])
    else:
        text = "từ {} đến {}".format(start.strftime("%d/%m/%Y"), end.strftime("%d/%m/%Y"))
    return f"Báo cáo kết quả công tác đối ngoại, hợp tác quốc tế {text}"


def _enqueue(run_id: int) -> None:
    from .tasks import generate_report

    transaction.on_commit(lambda: generate_report.enqueue(run_id))


@service
def run_create(*, actor: Any, data: dict[str, Any]) -> ReportRun:
    """Define a report run and queue its generation."""
    data = resolve_period(data)
    check_scope(actor, data.get("scope_unit"))
    if not data.get("title"):
        data["title"] = default_title(data)
    # A report is an export of what the actor sees: whoever may export may define one
    # (leadership included, who add no records), owned by a unit of their subtree.
    owner = data.get("owner_unit")
    home = getattr(actor, "unit", None)
    if (
        owner is not None
        and not getattr(actor, "has_ministry_scope", True)
        and (home is None or not owner.path.startswith(home.path))
    ):
        raise PermissionDenied(_("A report belongs to your own unit or a unit under it."))
    run = record_create(actor=actor, model=ReportRun, data=data, permission=Action.EXPORT)
    _enqueue(run.pk)
    return run


@service
def run_update(*, actor: Any, obj: ReportRun, data: dict[str, Any], version: int | None) -> ReportRun:
    """Change a run's title, period or scope; a new period or scope is generated again."""
    merged = {name: data.get(name, getattr(obj, name)) for name in DEFINITION_FIELDS}
    resolved = resolve_period(merged)
    check_scope(actor, resolved.get("scope_unit"))
    changes = {**data, **{k: resolved[k] for k in DEFINITION_FIELDS if k != "scope_unit"}}
    if "title" in changes and not changes["title"]:
        changes["title"] = default_title(resolved)
    regenerate = any(resolved[k] != getattr(obj, k) for k in DEFINITION_FIELDS)
    run = record_update(actor=actor, obj=obj, data=changes, version=version)
    if regenerate:
        ReportRun.objects.filter(pk=run.pk).update(status=RunStatus.QUEUED, progress=0, message="")
        _enqueue(run.pk)
    return run


@service
def run_delete(*, actor: Any, obj: ReportRun, version: int | None) -> None:
    record_delete(actor=actor, obj=obj, version=version)


@service
def run_set_state(*, actor: Any, run_id: int, **fields: Any) -> None:
    """Progress and results of the job (bookkeeping: no version, no history)."""
    ReportRun.objects.filter(pk=run_id).update(**fields)


def report_meta(run: ReportRun) -> dict[str, Any]:
    """Header, signature and recipients of the document, from the run's owner unit."""
    unit = run.owner_unit
    parent = unit.parent if unit.parent_id else None
    place = "Hà Nội"
    if unit.kind == "province" or (parent is not None and parent.kind == "province"):
        province = unit if unit.kind == "province" else parent
        for prefix in ("Công an thành phố ", "Công an tỉnh "):
            if province.name_vi.startswith(prefix):
                place = province.name_vi[len(prefix) :]
    abbr = unit.short_name or unit.code
    parent_name = parent.name_vi if parent is not None else "Bộ Công an"
    signer = "Thủ trưởng đơn vị"
    if unit.name_vi.startswith("Cục "):
        signer = "Cục trưởng"
    elif unit.name_vi.startswith("Công an "):
        signer = "Giám đốc"
    return {
        "parent_name": parent_name,
        "issuer_name": unit.name_vi,
        "issuer_abbr": abbr,
        "place": place,
        "issued_on": (run.generated_at or timezone.now())
        .astimezone(timezone.get_current_timezone())
        .date()
        .isoformat(),
        "summary": run.title.removeprefix("Báo cáo ").strip().capitalize() if run.title else "",
        "signer_title": signer,
        "recipients": [
            "- Lãnh đạo Bộ (để báo cáo);",
            "- Cục Đối ngoại (để tổng hợp);",
            f"- Lưu: VT, {abbr}.",
        ],
    }


def generate(run_id: int) -> None:
    """Count, write the Word report and the Excel annex, record it; progress as it goes.

    Counted as the user who defined the current version of the run (its last editor), so
    the report holds only what that user may see.
    """
    from .documents import build_docx, build_xlsx
    from .selectors import collect

    run = ReportRun.objects.select_related(
        "owner_unit__parent", "scope_unit", "updated_by__unit", "created_by__unit"
    ).get(pk=run_id)
    user = run.updated_by or run.created_by
    with change_context(user), override("vi"):
        run_set_state(actor=user, run_id=run_id, status=RunStatus.RUNNING, progress=5, message="")
        try:
            facts = collect(
                user=user,
                start=run.start_on,
                end=run.end_on,
                scope=run.scope_unit,
                progress=lambda p: run_set_state(actor=user, run_id=run_id, progress=p),
            )
            level = run.classification
            for counted in facts["levels"]:
                if level_rank(counted) > level_rank(level):
                    level = counted
            facts["classification"] = level
            run.generated_at = timezone.now()
            meta = report_meta(run)
            facts["meta"] = meta
            docx = build_docx(facts, meta)
            xlsx = build_xlsx(facts, meta)
        except Exception as exc:  # the run page shows why; the worker keeps going
            logger.exception("report run %s failed", run_id)
            run_set_state(actor=user, run_id=run_id, status=RunStatus.FAILED, message=str(exc)[:500])
            return
        _finish(
            actor=user,
            run=run,
            facts=facts,
            level=level,
            docx=docx,
            xlsx=xlsx,
        )


@service
def _finish(
    *, actor: Any, run: ReportRun, facts: dict[str, Any], level: str, docx: bytes, xlsx: bytes
) -> None:
    ReportRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE,
        progress=100,
        facts=facts,
        classification=level,
        classified_on=run.classified_on or (timezone.localdate() if level != "thuong" else None),
        data_as_of=datetime.date.fromisoformat(facts["as_of"]),
        generated_at=run.generated_at,
        docx=docx,
        xlsx=xlsx,
    )
    run.classification = level
    audit_record(
        AuditEvent.EXPORT,
        actor=actor,
        target=run,
        extra={
            "report_run": run.pk,
            "action": "report_generated",
            "period": [facts["start"], facts["end"]],
            "data_as_of": facts["as_of"],
            "scope": facts["subject"],
            "classification": level,
        },
    )


def report_file(*, actor: Any, run: ReportRun, fmt: str) -> tuple[bytes, Any]:
    """The file for one download; a classified report is a new numbered, registered copy."""
    from core.copies import CopyKind, copy_line, needs_copy_number, register_copies

    from .documents import build_docx, build_xlsx

    stored = bytes(run.docx if fmt == "docx" else run.xlsx or b"")
    entry = None
    if needs_copy_number(run.classification):
        entry = register_copies(
            actor=actor,
            model=ReportRun,
            ids=[run.pk],
            classification=run.classification,
            kind=CopyKind.REPORT,
            file_format=fmt,
            description=run.title,
        )
        with override("vi"):
            text = copy_line(entry)
        builder = build_docx if fmt == "docx" else build_xlsx
        stored = builder(run.facts, run.facts["meta"], copy_text=text)
    audit_record(
        AuditEvent.EXPORT,
        actor=actor,
        target=run,
        extra={
            "report_run": run.pk,
            "action": "report_download",
            "format": fmt,
            "copy": entry.copy_label if entry is not None else None,
        },
    )
    return stored, entry
