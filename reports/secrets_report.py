"""The yearly state-secrets report (issue #21 item 5): what the registers hold for a year.

The year window is the reporting year of Decree 09/2019/NĐ-CP: 15/12 of the previous year to
14/12. For a scope (a unit and its subtree; none: the whole ministry as far as the reader
sees) it counts, per unit and per level (Mật, Tối mật, Tuyệt mật), the secret documents

- created: issued documents classified Mật or above (outgoing register, date of issue);
- sent: those of them issued to recipients (copies issued > 0): the register of secret
  documents sent (form 14) is the same lines;
- received: lines of the register of secret documents received (form 15), date received;
- copied: copy decisions of the copying register (form 12), date of the decision;
- handed over: lines of the hand-over register (form 16), date of the hand-over;
- declassified: records lifted to Thường in the window (by a decision or at the end of the
  protection period), counted once per record at the level it had before;
- destroyed: lines of the destruction register, date of destruction;
- incidents: losses and disclosures recorded (``SecretIncident``), date of the incident.

A corrected register line counts once, through its correction (lines replaced by a correction
are left out). Every count is read through the reader's ``visible_to``; each source is one
grouped query (declassifications: one per kind of classified record), so the number of
queries does not depend on the data.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from access.choices import Classification
from core.audit import AuditEvent
from core.declassification import classified_models
from core.models import AuditEntry, CopyDecision
from org.models import Unit

from .models import (
    IssuedDocument,
    ReceivedSecretDocument,
    SecretDestruction,
    SecretHandOver,
    SecretIncident,
    SecretRegisterEntry,
)

LEVELS = (Classification.MAT, Classification.TOI_MAT, Classification.TUYET_MAT)
METRICS = ("created", "sent", "received", "copied", "handed_over", "declassified", "destroyed", "incidents")
MIN_YEAR, MAX_YEAR = 2000, 2100


def metric_labels() -> dict[str, str]:
    return {
        "created": _("Created (issued)"),
        "sent": _("Sent"),
        "received": _("Received"),
        "copied": _("Copied"),
        "handed_over": _("Handed over"),
        "declassified": _("Declassified"),
        "destroyed": _("Destroyed"),
        "incidents": _("Incidents (loss, disclosure)"),
    }


def year_window(year: int) -> tuple[datetime.date, datetime.date]:
    """15/12 of the previous year to 14/12 of ``year`` (Decree 09/2019/NĐ-CP, Art. 12)."""
    return datetime.date(year - 1, 12, 15), datetime.date(year, 12, 14)


def report_year(today: datetime.date) -> int:
    """The reporting year a day falls in: from 15/12 on, the next year's window."""
    return today.year + 1 if (today.month, today.day) >= (12, 15) else today.year


def _scoped(qs: QuerySet, scope: Any) -> QuerySet:
    if scope is None:
        return qs
    return qs.filter(owner_unit_id__any_of=Unit.objects.subtree_ids(scope))


def _live(qs: QuerySet) -> QuerySet:
    """Register lines not replaced by a correction."""
    return qs.filter(corrected_by__isnull=True)


def _declassified(user: Any, scope: Any, start: datetime.date, end: datetime.date) -> list[tuple]:
    """(unit id, level before, n): records the reader sees, lifted to Thường in the window,
    with the level they had before (from the classification-change audit event)."""
    rows: list[tuple] = []
    for model in classified_models():
        if issubclass(model, SecretRegisterEntry | CopyDecision):
            continue  # register lines are Thường themselves: never lifted
        ctype = ContentType.objects.get_for_model(model)
        lifted = (
            AuditEntry.objects.filter(
                event=AuditEvent.CLASSIFICATION_CHANGE,
                target_type_id=ctype.pk,
                target_id=Cast(OuterRef("pk"), CharField()),
                time__date__gte=start,
                time__date__lte=end,
            )
            .filter(extra__direction="lifted", extra__before__in=list(LEVELS))
            .order_by("-pk")
            .values(before=KT("extra__before"))[:1]
        )
        qs = (
            _scoped(model.objects.visible_to(user), scope)
            .filter(classification=Classification.THUONG)
            .annotate(level_before=Subquery(lifted, output_field=CharField()))
            .filter(level_before__isnull=False)
            .order_by()
            .values_list("owner_unit_id", "level_before")
            .annotate(n=Count("pk"))
        )
        rows.extend(qs)
    return rows


def secrets_yearly(*, user: Any, year: int, scope: Any = None) -> dict[str, Any]:
    """The counts of the yearly state-secrets report for ``year`` and ``scope``, as ``user``
    sees them: ``rows`` per unit and level, ``totals`` per level and overall."""
    start, end = year_window(year)
    counts: dict[tuple[int, str], dict[str, int]] = {}

    def add(unit_id: int, level: str, metric: str, n: int) -> None:
        if level not in LEVELS or not n:
            return
        cell = counts.setdefault((unit_id, level), dict.fromkeys(METRICS, 0))
        cell[metric] += n

    issued = (
        _scoped(IssuedDocument.objects.visible_to(user), scope)
        .filter(classification__in=LEVELS, issued_on__gte=start, issued_on__lte=end)
        .order_by()
        .values_list("owner_unit_id", "classification")
        .annotate(n=Count("pk"), sent=Count("pk", filter=Q(copies__gt=0)))
    )
    for unit_id, level, n, sent in issued:
        add(unit_id, level, "created", n)
        add(unit_id, level, "sent", sent)
    sources = (
        ("received", ReceivedSecretDocument, Q(received_on__gte=start, received_on__lte=end)),
        ("copied", CopyDecision, Q(decided_on__gte=start, decided_on__lte=end)),
        ("handed_over", SecretHandOver, Q(handed_at__date__gte=start, handed_at__date__lte=end)),
        ("destroyed", SecretDestruction, Q(destroyed_on__gte=start, destroyed_on__lte=end)),
        ("incidents", SecretIncident, Q(occurred_on__gte=start, occurred_on__lte=end)),
    )
    for metric, model, window in sources:
        qs = (
            _live(_scoped(model.objects.visible_to(user), scope))
            .filter(window, level__in=LEVELS)
            .order_by()
            .values_list("owner_unit_id", "level")
            .annotate(n=Count("pk"))
        )
        for unit_id, level, n in qs:
            add(unit_id, level, metric, n)
    for unit_id, level, n in _declassified(user, scope, start, end):
        add(unit_id, level, "declassified", n)

    units = {
        u.pk: u for u in Unit.objects.filter(pk__in={k[0] for k in counts}).only("pk", "name_vi", "sort_key")
    }
    order = {level: i for i, level in enumerate(LEVELS)}
    rows = [
        {"unit": units[unit_id], "level": level, "counts": cell}
        for (unit_id, level), cell in sorted(
            counts.items(), key=lambda kv: (units[kv[0][0]].sort_key, order[kv[0][1]])
        )
    ]
    totals = {level: dict.fromkeys(METRICS, 0) for level in LEVELS}
    for (_unit, level), cell in counts.items():
        for metric in METRICS:
            totals[level][metric] += cell[metric]
    overall = {metric: sum(totals[level][metric] for level in LEVELS) for metric in METRICS}
    return {
        "year": year,
        "start": start,
        "end": end,
        "scope": scope,
        "rows": rows,
        "totals": totals,
        "overall": overall,
    }


def document_meta(unit: Unit, report: dict[str, Any]) -> dict[str, Any]:
    """Header, introduction and closing of the Word report, issued by ``unit``."""
    from .services import unit_meta

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


def report_level(report: dict[str, Any]) -> str:
    """The level of the report itself: the highest level it counts (Thường when it counts
    nothing). It lists no document's content, but its figures show how many secrets of each
    level a unit holds and moves; until the list of state secrets of the Ministry says
    otherwise it carries the highest level counted (unconfirmed, docs/security.md)."""
    from access.choices import level_rank

    level = Classification.THUONG.value
    for row in report["rows"]:
        if any(row["counts"].values()) and level_rank(row["level"]) > level_rank(level):
            level = row["level"]
    return level


def as_json(report: dict[str, Any]) -> dict[str, Any]:
    """The report as the API answers it (ids, codes and dates as text)."""
    scope = report["scope"]
    return {
        "year": report["year"],
        "start": report["start"].isoformat(),
        "end": report["end"].isoformat(),
        "unit": scope.pk if scope is not None else None,
        "metrics": list(METRICS),
        "rows": [
            {
                "unit": row["unit"].pk,
                "unit_name": row["unit"].name_vi,
                "level": row["level"],
                **row["counts"],
            }
            for row in report["rows"]
        ],
        "totals": [{"level": level, **report["totals"][level]} for level in LEVELS],
        "overall": report["overall"],
    }


def as_facts(report: dict[str, Any]) -> dict[str, Any]:
    """The report in the shape ``reports.documents`` builds the Word report and Excel annex
    from (one section with its table and the figures behind it)."""
    labels = metric_labels()
    level_names = {level: str(Classification(level).label) for level in LEVELS}
    columns = [_("Unit"), _("Level"), *[labels[m] for m in METRICS]]
    table_rows = [
        [row["unit"].name_vi, level_names[row["level"]], *[row["counts"][m] for m in METRICS]]
        for row in report["rows"]
    ]
    table_rows += [
        [_("Total"), level_names[level], *[report["totals"][level][m] for m in METRICS]] for level in LEVELS
    ]
    table_rows.append([_("Total"), _("All levels"), *[report["overall"][m] for m in METRICS]])
    figures = [
        {
            "label": f"{labels[m]} — {level_names[level]}",
            "value": report["totals"][level][m],
            "source": SOURCES[m],
        }
        for m in METRICS
        for level in LEVELS
    ]
    overall = report["overall"]
    sentences = [
        _(
            "In the year window, {created} secret documents were issued ({sent} sent), {received} received, "
            "{copied} copied under a copy decision, {handed_over} handed over, {declassified} declassified and "
            "{destroyed} destroyed; {incidents} incidents of loss or disclosure were recorded."
        ).format(**overall)
    ]
    return {
        "start": report["start"].isoformat(),
        "end": report["end"].isoformat(),
        "as_of": min(report["end"], timezone.localdate()).isoformat(),
        "classification": report_level(report),
        "sections": [
            {
                "key": "secrets",
                "heading": _("State secrets: documents by level and unit"),
                "sentences": sentences,
                "figures": figures,
                "table": {"columns": columns, "rows": table_rows},
            }
        ],
    }


SOURCES = {
    "created": "Sổ đăng ký văn bản đi (mức Mật trở lên), ngày ban hành",
    "sent": "Sổ đăng ký bí mật nhà nước đi (mẫu 14), văn bản có nơi nhận",
    "received": "Sổ đăng ký bí mật nhà nước đến (mẫu 15), ngày đến",
    "copied": "Sổ quản lý sao, chụp bí mật nhà nước (mẫu 12), ngày quyết định",
    "handed_over": "Sổ chuyển giao bí mật nhà nước (mẫu 16), ngày chuyển giao",
    "declassified": "Lịch sử thay đổi độ mật (giải mật), ngày giải mật",
    "destroyed": "Sổ tiêu hủy tài liệu bí mật, ngày tiêu hủy",
    "incidents": "Sổ sự cố lộ, mất bí mật nhà nước, ngày xảy ra",
}
