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
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from access.choices import level_rank
from access.rules import Action, can
from core.audit import AuditEvent, audit_record
from core.context import change_context
from core.exceptions import ValidationError
from core.services import lock_for_write, record_create, record_delete, record_update, service
from core.workdays import report_window, window_containing

from .choices import SYMBOL_ABBREVIATION, DocumentType, PeriodKind, ReportKind, RunStatus
from .models import DocumentCounter, IssuedDocument, ReportRun

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


def _refuse_issued(run: ReportRun) -> None:
    if run.edit_locked:
        raise ValidationError(
            _("This report has been issued: it cannot change. Issue a new document that replaces it.")
        )


@service
def run_update(*, actor: Any, obj: ReportRun, data: dict[str, Any], version: int | None) -> ReportRun:
    """Change a run's title, period or scope; a new period or scope is generated again."""
    _refuse_issued(obj)
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
    _refuse_issued(obj)
    record_delete(actor=actor, obj=obj, version=version)


@service
def run_set_state(*, actor: Any, run_id: int, **fields: Any) -> None:
    """Progress and results of the job (bookkeeping: no version, no history)."""
    ReportRun.objects.filter(pk=run_id).update(**fields)


def report_meta(run: ReportRun) -> dict[str, Any]:
    """Header, signature and recipients of the document, from the run's owner unit."""
    issued_on = (run.generated_at or timezone.now()).astimezone(timezone.get_current_timezone()).date()
    summary = run.title.removeprefix("Báo cáo ").strip().capitalize() if run.title else ""
    return unit_meta(run.owner_unit, issued_on, summary)


def unit_meta(unit: Any, issued_on: datetime.date, summary: str) -> dict[str, Any]:
    """Header, signature and recipients of a document issued by ``unit`` (Decree 30/2020)."""
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
        "issued_on": issued_on.isoformat(),
        "summary": summary,
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
    if run.edit_locked or run.report_kind == ReportKind.SECRETS:
        return  # issued: its figures and file stay as issued (a job queued before the issue)
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


def report_copy_target(run: ReportRun, fmt: str, target_class: Any) -> Any:
    """What a report download copies: the issued document when the report was issued (capped by
    the copies its issue permitted), else the report itself (capped by its unit's limit); the
    Excel annex is a file of its own."""
    if fmt == "docx":
        doc = (
            issued_for(run)
            .filter(replaced_by__isnull=True)
            .only("pk", "symbol", "copies", "copying_permitted", "owner_unit")
            .first()
        )
        if doc is not None:
            return target_class.of(doc, permitted=doc.copies, copying_permitted=doc.copying_permitted)
    target = target_class.of(run)
    if fmt != "docx":
        from dataclasses import replace

        target = replace(target, key=target.key + ":" + fmt, label=f"{target.label} ({fmt})")
    return target


def report_file(*, actor: Any, run: ReportRun, fmt: str) -> tuple[bytes, Any]:
    """The file for one download; a classified report is a new numbered, registered copy."""
    from core.copies import CopyKind, CopyTarget, copy_line, needs_copy_number, register_copies
    from core.markings import mark_docx, marking_for

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
            targets=[report_copy_target(run, fmt, CopyTarget)],
        )
        if fmt == "docx":
            stored = build_docx(run.facts, run.facts["meta"])
        else:
            # The annex's first line names the level and the copy number (copy_line).
            with override("vi"):
                stored = build_xlsx(run.facts, run.facts["meta"], copy_text=copy_line(entry))
    if fmt == "docx" and stored:
        # The level, copy number and "BẢN SAO" stamps; "GIẢI MẬT" on a declassified report.
        stored = mark_docx(stored, marking_for(run, entry))
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


def secrets_draft_file(*, actor: Any, report: dict[str, Any], unit: Any, fmt: str) -> tuple[bytes, Any]:
    """The yearly state-secrets report before it is issued, as Word or its Excel annex.

    A classified one (it carries the highest level it counts) is a numbered copy like every
    other report download (#21 item 2): a copy-register line, capped by the unit's copy limit
    for that year, scope and format, and its number printed on the file. Refused past the
    cap with the reason (``PermissionDenied``); an issued report is downloaded from the
    outgoing register instead."""
    from django.conf import settings
    from django.utils import translation

    from core.copies import CopyKind, CopyTarget, copy_line, needs_copy_number, register_copies
    from core.markings import Marking, mark_docx

    from . import secrets_report
    from .documents import build_docx, build_xlsx

    level = secrets_report.report_level(report)
    entry = None
    title = f"Báo cáo công tác bảo vệ bí mật nhà nước năm {report['year']} (chưa ban hành)"
    if needs_copy_number(level):
        scope = report["scope"]
        target = CopyTarget(
            key=f"reports.secrets_yearly:{report['year']}:{getattr(scope, 'pk', 'all')}:{fmt}",
            label=title,
            unit_id=getattr(scope or unit, "pk", None),
        )
        entry = register_copies(
            actor=actor,
            model=ReportRun,
            ids=[],
            classification=level,
            kind=CopyKind.REPORT,
            file_format=fmt,
            description=title,
            targets=[target],
        )
    # An official document in the site language (Vietnamese), whatever the reader's language.
    with translation.override(settings.LANGUAGE_CODE):
        facts = secrets_report.as_facts(report)
        meta = secrets_report.document_meta(unit, report)
        if fmt == "docx":
            content = build_docx(facts, meta)
            if entry is not None:
                content = mark_docx(
                    content,
                    Marking(
                        level=level,
                        copy_label=entry.copy_label,
                        register_text=copy_line(entry),
                        is_copy=getattr(entry, "prior_copies", 0) > 0 or bool(entry.decision_id),
                    ),
                )
        else:
            content = build_xlsx(facts, meta, copy_text=copy_line(entry) if entry is not None else "")
    audit_record(
        AuditEvent.EXPORT,
        actor=actor,
        extra={
            "model": "reports.secrets_yearly",
            "format": fmt,
            "year": report["year"],
            "copy": entry.copy_label if entry is not None else None,
        },
    )
    return content, entry


# --- Issued documents: the outgoing register and its numbers (Decree 30/2020/NĐ-CP) ---

MAX_RECIPIENTS = 50
MAX_COPIES = 99


def unit_abbreviation(unit: Any) -> str:
    """The issuing unit's abbreviation in symbols: its short name (set by administrators on
    the unit), else its code."""
    return (unit.short_name or unit.code).strip()


def format_number(number: int) -> str:
    """Numbers under 10 take a leading zero (Decree 30/2020, Appendix I: "01", "02")."""
    return f"{number:02d}"


def format_symbol(number: int, doc_type: str, unit: Any) -> str:
    """``n/TYPE-UNIT`` (``n/UNIT`` for a công văn, which carries no type abbreviation)."""
    abbr = SYMBOL_ABBREVIATION.get(doc_type, doc_type)
    issuer = unit_abbreviation(unit)
    return "{}/{}".format(format_number(number), f"{abbr}-{issuer}" if abbr else issuer)


def parse_recipients(value: Any) -> list[dict[str, Any]]:
    """Recipients as ``[{"name": ..., "copies": n}]``, from that list or from text lines
    ``name | copies`` (copies default to 1); refused with the line at fault."""
    if isinstance(value, str):
        rows: list[Any] = []
        for line in value.splitlines():
            line = line.strip().lstrip("-").strip().rstrip(";.").strip()
            if not line:
                continue
            name, sep, copies = line.rpartition("|")
            rows.append(
                {"name": name.strip(), "copies": copies.strip()} if sep else {"name": line, "copies": 1}
            )
        value = rows
    if not isinstance(value, list | tuple) or not value:
        raise ValidationError({"recipients": _("Name at least one recipient.")})
    if len(value) > MAX_RECIPIENTS:
        raise ValidationError({"recipients": _("At most {} recipients.").format(MAX_RECIPIENTS)})
    out = []
    for row in value:
        name = str(row.get("name", "") if isinstance(row, dict) else "").strip()
        copies = row.get("copies", 1) if isinstance(row, dict) else None
        try:
            copies = int(copies)
        except (TypeError, ValueError):
            copies = 0
        if not name or len(name) > 300:
            raise ValidationError({"recipients": _("Each recipient needs a name (at most 300 characters).")})
        if not 1 <= copies <= MAX_COPIES:
            raise ValidationError(
                {"recipients": _("{}: the number of copies is between 1 and {}.").format(name, MAX_COPIES)}
            )
        out.append({"name": name, "copies": copies})
    return out


def may_issue(user: Any, source: Any) -> bool:
    """Who issues: whoever approves the source's unit work (its unit head or one above it,
    a coordinator, the leadership; DESIGN.md section 1, "approve reports")."""
    return can(user, Action.APPROVE, source)


def check_signer(signer: Any, unit: Any, level: str) -> None:
    """The signer belongs to the issuing unit or a unit above it (or is Ministry leadership), is
    active, and holds a clearance for the document's level."""
    from access.choices import Role

    if signer is None or not signer.is_active:
        raise ValidationError({"signer": _("Choose the person who signed the document.")})
    above = signer.unit_id is not None and unit.path.startswith(signer.unit.path)
    if not (above or Role.LEADERSHIP in signer.role_codes):
        raise ValidationError({"signer": _("The signer belongs to the issuing unit or a unit above it.")})
    if level_rank(level) > level_rank(signer.clearance):
        raise ValidationError({"signer": _("The signer's clearance is below the document's classification.")})


def issued_for(source: Any) -> models.QuerySet:
    """The issued documents of a source, newest first (unfiltered: callers filter by viewer)."""
    return IssuedDocument.objects.filter(
        source_type=ContentType.objects.get_for_model(type(source)), source_id=source.pk
    ).order_by("-pk")


@service
def take_number(*, unit: Any, year: int, secret: bool) -> int:
    """The next number of the unit's sequence for the year, under a row lock held until the
    issuing transaction ends (PostgreSQL waits on the lock; SQLite serialises writers)."""
    counter, _created = DocumentCounter.objects.select_for_update().get_or_create(
        unit=unit, year=year, secret_sequence=secret
    )
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


@service
def document_issue(
    *,
    actor: Any,
    source: Any,
    data: dict[str, Any],
    render: Callable[[dict[str, Any]], bytes] | None = None,
) -> IssuedDocument:
    """Issue a document from its source: take its number, freeze its Word file, register it.

    ``data``: doc_type, summary, signer, signer_title, recipients, drafter_code,
    copying_permitted and, for a new issue of a source already issued, ``replaces`` (the
    issue it replaces). ``render`` gets the issue's particulars (number, symbol, date, signer,
    recipients) and returns the Word file with them printed.
    """
    source = lock_for_write(actor, source)  # hidden: DoesNotExist, answered 404
    if not may_issue(actor, source):
        raise PermissionDenied(_("You may not issue documents of this unit."))
    unit, level = source.owner_unit, source.classification
    doc_type = data.get("doc_type") or ""
    if doc_type not in DocumentType.values:
        raise ValidationError({"doc_type": _("Choose a document type.")})
    summary = (data.get("summary") or "").strip()
    if not summary:
        raise ValidationError({"summary": _("Give the document's summary (trích yếu).")})
    signer = data.get("signer")
    check_signer(signer, unit, level)
    signer_title = (data.get("signer_title") or "").strip()
    if not signer_title:
        raise ValidationError({"signer_title": _("Give the signer's title.")})
    drafter = (data.get("drafter_code") or "").strip()
    if not drafter:
        raise ValidationError({"drafter_code": _("Give the drafter's code.")})
    recipients = parse_recipients(data.get("recipients"))
    replaces = data.get("replaces")
    live = [d for d in issued_for(source).select_for_update() if not d.is_replaced]
    if replaces is not None:
        if replaces.is_replaced:
            raise ValidationError({"replaces": _("That document has already been replaced.")})
        if replaces.owner_unit_id != unit.pk:
            raise ValidationError({"replaces": _("A document is replaced by one of the same issuing unit.")})
    if live and (replaces is None or replaces.pk not in {d.pk for d in live}):
        raise ValidationError(
            {
                "replaces": _("Already issued as {}: a new issue must replace it.").format(
                    ", ".join(d.symbol for d in live)
                )
            }
        )
    today = timezone.localdate()
    secret = level_rank(level) >= level_rank("mat")
    number = take_number(unit=unit, year=today.year, secret=secret)
    symbol = format_symbol(number, doc_type, unit)
    particulars = {
        "number": format_number(number),
        "symbol": symbol,
        "issued_on": today.isoformat(),
        "signer_name": signer.full_name or signer.username,
        "signer_title": signer_title,
        "recipients": recipients,
        "drafter_code": drafter,
        "summary": summary,
        "copying_permitted": bool(data.get("copying_permitted")),
    }
    docx = render(particulars) if render is not None else None
    doc = record_create(
        actor=actor,
        model=IssuedDocument,
        permission=Action.APPROVE,
        data={
            "owner_unit": unit,
            "classification": level,
            "protection_years": source.protection_years,
            "doc_type": doc_type,
            "year": today.year,
            "secret_sequence": secret,
            "number": number,
            "symbol": symbol,
            "issued_on": today,
            "summary": summary,
            "signer": signer,
            "signer_name": particulars["signer_name"],
            "signer_title": signer_title,
            "recipients": recipients,
            "copies": sum(r["copies"] for r in recipients),
            "drafter_code": drafter,
            "copying_permitted": particulars["copying_permitted"],
            "personal_data": bool(data.get("personal_data")),
            "source_type": ContentType.objects.get_for_model(type(source)),
            "source_id": source.pk,
            "source_label": str(source)[:300],
            "replaces": replaces,
            "docx": docx,
        },
    )
    return doc


def report_particulars(meta: dict[str, Any], issue: dict[str, Any], abbr: str) -> dict[str, Any]:
    """The report's header meta with the issue's number, date, signer and recipients."""
    lines = ["- {};".format(r["name"]) for r in issue["recipients"]]
    lines.append("- Lưu: VT, {}.".format(issue["drafter_code"]))
    return {
        **meta,
        "symbol": issue["symbol"],
        "number": issue["number"],
        "issued_on": issue["issued_on"],
        "signer_title": issue["signer_title"],
        "signer_name": issue["signer_name"],
        "recipients": lines,
        "issuer_abbr": abbr,
    }


@service
def run_issue(*, actor: Any, run: ReportRun, data: dict[str, Any]) -> IssuedDocument:
    """Issue a generated report: its number and symbol printed in the Word file, which is
    stored again with them (every later download and copy carries the number)."""
    from .documents import build_docx

    run = lock_for_write(actor, run)
    if run.status != RunStatus.DONE or not run.facts:
        raise ValidationError(_("Only a generated report can be issued."))
    state: dict[str, Any] = {}

    def render(issue: dict[str, Any]) -> bytes:
        meta = report_particulars(run.facts["meta"], issue, unit_abbreviation(run.owner_unit))
        state["meta"] = meta
        return build_docx(run.facts, meta)

    doc = document_issue(
        actor=actor, source=run, data={**data, "doc_type": data.get("doc_type") or "BC"}, render=render
    )
    facts = {**run.facts, "meta": state["meta"]}
    ReportRun.objects.filter(pk=run.pk).update(facts=facts, docx=doc.docx)
    return doc


def secrets_issued(unit: Any, year: int, scope: Any) -> models.QuerySet:
    """Live issues of the yearly state-secrets report of ``unit`` for ``year`` and ``scope``."""
    runs = ReportRun.objects.filter(
        report_kind=ReportKind.SECRETS, owner_unit=unit, year=year, scope_unit=scope
    ).values("pk")
    return IssuedDocument.objects.filter(
        source_type=ContentType.objects.get_for_model(ReportRun), source_id__in=runs, replaced_by__isnull=True
    ).order_by("-pk")


@service
def secrets_report_issue(*, actor: Any, year: int, scope: Any, data: dict[str, Any]) -> IssuedDocument:
    """Issue the yearly state-secrets report of ``year`` for ``scope`` (issued by that unit, or
    by the actor's own unit for everything the actor sees): the counts are taken now as the
    actor sees them and frozen in a report run (kind "secrets"), which is then issued like a
    periodic report (``run_issue``: number, symbol, secret sequence when classified, Word file
    with the number printed). A second issue for the same unit, year and scope must replace
    the live one (``data["replaces"]``)."""
    from .documents import build_docx, build_xlsx
    from .secrets_report import MAX_YEAR, MIN_YEAR, as_facts, as_json, document_meta, report_level
    from .secrets_report import secrets_yearly as count

    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"year": _("Enter the year as a number from 2000 to 2100.")})
    unit = scope if scope is not None else getattr(actor, "unit", None)
    if unit is None:
        raise ValidationError({"unit": _("Choose the unit that issues the report.")})
    check_scope(actor, scope)
    live = secrets_issued(unit, year, scope).first()
    replaces = data.get("replaces")
    if live is not None and (replaces is None or replaces.pk != live.pk):
        raise ValidationError(
            {"replaces": _("Already issued as {}: a new issue must replace it.").format(live.symbol)}
        )
    if live is None and replaces is not None:
        raise ValidationError(
            {"replaces": _("This report has not been issued yet: there is nothing to replace.")}
        )
    report = count(user=actor, year=year, scope=scope)
    level = report_level(report)
    with override("vi"):
        facts = as_facts(report)
        meta = document_meta(unit, report)
    facts.update(meta=meta, counts=as_json(report), levels=[level], subject=unit.name_vi)
    run = record_create(
        actor=actor,
        model=ReportRun,
        permission=Action.EXPORT,
        data={
            "report_kind": ReportKind.SECRETS,
            "title": f"Báo cáo công tác bảo vệ bí mật nhà nước năm {year}",
            "period_kind": PeriodKind.YEAR,
            "year": year,
            "start_on": report["start"],
            "end_on": report["end"],
            "scope_unit": scope,
            "owner_unit": unit,
            "classification": level,
        },
    )
    ReportRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE,
        progress=100,
        facts=facts,
        data_as_of=datetime.date.fromisoformat(facts["as_of"]),
        generated_at=timezone.now(),
        docx=build_docx(facts, meta),
        xlsx=build_xlsx(facts, meta),
    )
    run = ReportRun.objects.get(pk=run.pk)
    summary = (data.get("summary") or "").strip() or f"Công tác bảo vệ bí mật nhà nước năm {year}"
    return run_issue(actor=actor, run=run, data={**data, "summary": summary, "replaces": replaces})


@service
def letter_issue(
    *,
    actor: Any,
    case: Any,
    data: dict[str, Any],
    template: Any = None,
    language: str = "vi",
    assistance: str = "",
    contacts: str = "",
) -> IssuedDocument:
    """Issue a case's request letter (a công văn by default): the letter is filled from the case
    as the issuer sees it, printed with its number and frozen in the register."""
    from cases.letters import build_docx as build_letter
    from cases.letters import letter_values, template_for
    from cases.models import CaseSubject
    from core.personal import may_see_personal

    template = template or template_for(case, language)
    if template is None:
        raise ValidationError(
            {"template": _("No letter template in this language: ask a coordinator to add one.")}
        )

    def render(issue: dict[str, Any]) -> bytes:
        values = letter_values(
            user=actor, case=case, language=template.language, assistance=assistance, contacts=contacts
        )
        return build_letter(case=case, template=template, values=values, issue=issue)

    personal = may_see_personal(actor, case) and CaseSubject.objects.filter(case=case).exists()
    return document_issue(
        actor=actor,
        source=case,
        data={**data, "doc_type": data.get("doc_type") or "CV", "personal_data": personal},
        render=render,
    )


def issued_file(*, actor: Any, doc: IssuedDocument) -> tuple[bytes, Any]:
    """The issued Word file for one download; a classified one is a numbered, registered copy
    with its markings (level, copy number, "BẢN SAO" after the first copy; "GIẢI MẬT" once
    declassified: ``core.markings``)."""
    from core.copies import CopyKind, CopyTarget, needs_copy_number, register_copies
    from core.markings import mark_docx, marking_for
    from core.personal import may_see_personal, record_personal_view

    if doc.personal_data:
        if not may_see_personal(actor, doc):
            raise PermissionDenied(_("This document holds personal data you may not see in full."))
        record_personal_view(actor, doc, "download", fields=["subjects"])
    content = bytes(doc.docx or b"")
    entry = None
    if needs_copy_number(doc.classification):
        entry = register_copies(
            actor=actor,
            model=IssuedDocument,
            ids=[doc.pk],
            classification=doc.classification,
            kind=CopyKind.DOCUMENT,
            file_format="docx",
            description=str(doc),
            targets=[CopyTarget.of(doc, permitted=doc.copies, copying_permitted=doc.copying_permitted)],
        )
    if content:
        # The frozen file keeps its number; each copy gets its copy number, "BẢN SAO" after
        # the first, the present level, and "GIẢI MẬT" once the document is declassified.
        content = mark_docx(content, marking_for(doc, entry))
    audit_record(
        AuditEvent.EXPORT,
        actor=actor,
        target=doc,
        extra={
            "issued_document": doc.pk,
            "action": "issued_document_download",
            "symbol": doc.symbol,
            "copy": entry.copy_label if entry is not None else None,
        },
    )
    return content, entry
