"""The tracking engine's demo toolkit, and its own demo duty.

The demo's obligations come from the apps that feed the engine: the tasks of 50-CTr/ĐUCA,
Quảng Ninh's plan 125/KH-CAT, instruments' clauses and post-signing duties live in
``instruments/demo_tracking.py`` (a feeding app's duties live in the feeding app, STYLE.md);
cases and events track theirs in their own demos. Here:

- ``_Demo``: the demo accounts and units, fictional officers per unit (DESIGN.md section 8),
  and ``assign``/``report`` through the services;
- ``Step``, ``R``, ``P``: one progress report (approved, or awaiting its unit head);
- ``_backdate_*``: writing the past. The services stamp today's date (``report_submit`` sets
  ``submitted_on``, ``report_approve`` ``reviewed_on``, ``obstacle_raise`` ``raised_on``...),
  and the test-only ``time_machine`` is not a runtime dependency. So each record is made
  through its service, then its dates are moved back by these ``@service`` helpers that update
  only those date columns (and the ``late`` flag derived from them) inside the service scope.
  This is demo code only; the history rows keep the day of loading, which is true;
- ``run(loaders)``: the feeding apps' demos run their loaders with one shared ``_Demo``;
- tracking's own duty: a quarterly reporting duty (a leadership instruction), with reports in
  every state.

Dates are written as of ``AS_OF`` (28/11/2026) and shifted by ``today − AS_OF``, so the mix
of statuses is the same on whatever day the demo is loaded. Running ``load()`` again creates
nothing: an obligation whose source (or title) already exists is skipped with all its
assignments and reports; accounts are found by username.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from core.context import SYSTEM
from core.services import service

from . import services
from .calendar import add_working_days
from .models import Assignment, AssignmentPeriod, Obligation, Obstacle, ProgressReport

AS_OF = datetime.date(2026, 11, 28)
QUARTERLY_TITLE = "Báo cáo hằng quý kết quả hợp tác quốc tế phòng, chống tội phạm xuyên quốc gia"
QN = "CA-QUANG-NINH"


@dataclass(frozen=True)
class Step:
    """One progress report: the day it was submitted, its percent, approved or still awaiting."""

    on: str
    percent: int
    approved: bool = True


def R(on: str, percent: int) -> Step:
    return Step(on, percent)


def P(on: str, percent: int) -> Step:
    return Step(on, percent, approved=False)


# The quarterly duty: lead and supports, the past periods reported late or missed (0 = first).
QUARTERLY_UNITS = {"CSHS": "lead", QN: "support", "CA-HA-NOI": "support", "CA-AN-GIANG": "support"}
QUARTERLY_LATE = {"CA-AN-GIANG": {3}}
QUARTERLY_MISSED = {"CA-HA-NOI": {4}}
QUARTERLY_PENDING = {QN: 90}  # the current quarter's report, awaiting qninh_truong

# Fictional names for the authors and approvers of reports (no real person is meant).
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
MIDDLE = ("Văn", "Minh", "Đức", "Quang", "Hữu", "Ngọc", "Thanh", "Hoài", "Xuân", "Thu")
GIVEN = (
    "An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hạnh", "Khánh", "Linh", "Long",
    "Mai", "Nam", "Phong", "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Yến", "Hòa",
)  # fmt: skip

NARRATIVES = {
    "start": "Đã quán triệt, phân công lãnh đạo và cán bộ đầu mối; đang triển khai theo kế hoạch.",
    "half": "Đã triển khai các nội dung chính; một số nội dung đang phối hợp với đối tác nước ngoài.",
    "most": "Cơ bản hoàn thành; đang tổng hợp kết quả và hoàn thiện báo cáo.",
    "done": "Đã hoàn thành nhiệm vụ; báo cáo kết quả và tài liệu kèm theo đã gửi Cục Đối ngoại.",
    "period": "Báo cáo kết quả kỳ này: số liệu trao đổi thông tin, phối hợp xác minh và các vụ việc nổi bật.",
}


class _Demo:
    """The state of one load: today, accounts, units and counters."""

    def __init__(self) -> None:
        from org.models import Unit, User

        self.today = timezone.localdate()
        self.shift = self.today - AS_OF
        self.units = {u.code: u for u in Unit.objects.all()}
        self.accounts = {u.username: u for u in User.objects.filter(username__in=self._logins())}
        self.staff: dict[str, tuple[Any, Any]] = {
            QN: (self.accounts.get("qninh"), self.accounts.get("qninh_truong"))
        }
        self.counts = {"obligations": 0, "assignments": 0, "reports": 0, "obstacles": 0, "accounts": 0}

    @staticmethod
    def _logins() -> list[str]:
        return ["doingoai", "lanhdao", "qninh", "qninh_truong"]

    def day(self, value: str) -> datetime.date:
        return datetime.date.fromisoformat(value) + self.shift

    def provinces(self) -> list[Any]:
        return sorted((u for u in self.units.values() if u.kind == "province"), key=lambda u: u.path)

    # --- people ----------------------------------------------------------------------------

    def people(self, code: str) -> tuple[Any, Any]:
        """The fictional officer and unit head of a unit (created once, without a password)."""
        if code in self.staff:
            return self.staff[code]
        from org.models import User
        from org.services import user_create

        unit = self.units[code]
        base = "demo_" + code.lower().replace("-", "_")
        n = sum(ord(c) for c in code)
        names = (
            f"{FAMILY[n % len(FAMILY)]} {MIDDLE[n % len(MIDDLE)]} {GIVEN[n % len(GIVEN)]}",
            f"{FAMILY[(n + 5) % len(FAMILY)]} {MIDDLE[(n + 3) % len(MIDDLE)]} {GIVEN[(n + 11) % len(GIVEN)]}",
        )
        head_position = "Phó Giám đốc" if unit.kind == "province" else "Phó Cục trưởng"
        made = []
        for suffix, role, name, position, clearance in (
            ("cb", "officer", names[0], "Cán bộ", "thuong"),
            ("ld", "unit_head", names[1], head_position, "mat"),
        ):
            username = f"{base}_{suffix}"
            user = User.objects.filter(username=username).first()
            if user is None:
                user = user_create(
                    actor=SYSTEM,
                    data={
                        "username": username,
                        "unit": unit,
                        "clearance": clearance,
                        "full_name": name,
                        "position": position,
                        "is_active": True,
                    },
                    roles=[role],
                )
                self.counts["accounts"] += 1
            made.append(user)
        self.staff[code] = (made[0], made[1])
        return self.staff[code]

    # --- assignments and reports -------------------------------------------------------------

    def assign(
        self, actor: Any, obligation: Obligation, code: str, role: str, assigned: str, due: str, **extra: Any
    ) -> Assignment:
        assignment = services.assignment_create(
            actor=actor,
            data={
                "obligation": obligation,
                "unit": self.units[code],
                "role": role,
                "deadline_kind": "date",
                "assigned_on": self.day(assigned),
                "due_on": self.day(due),
                "instructions": extra.pop("instructions", ""),
                **extra,
            },
        )
        self.counts["assignments"] += 1
        return assignment

    def report(
        self, assignment: Assignment, steps: list[Step], period: AssignmentPeriod | None = None
    ) -> None:
        """Each step through report_submit (and report_approve by the unit head), then dated back."""
        if not steps:
            return
        officer, head = self.people(assignment.unit.code)
        period = period or assignment.periods.order_by("due_on").first()
        for step in steps:
            on = self.day(step.on)
            report = services.report_submit(
                actor=officer,
                data={
                    "assignment": assignment,
                    "period": period,
                    "percent": step.percent,
                    "narrative": _narrative(step.percent, period),
                },
            )
            reviewed = None
            if step.approved:
                report = services.report_approve(actor=head, obj=report, version=report.version)
                reviewed = min(on + datetime.timedelta(days=2), self.today)
            _backdate_report(actor=SYSTEM, report=report, submitted_on=on, reviewed_on=reviewed)
            self.counts["reports"] += 1


def _narrative(percent: int, period: AssignmentPeriod | None) -> str:
    if period is not None and period.label:
        return f"{period.label}. {NARRATIVES['period']}"
    if percent >= 100:
        return NARRATIVES["done"]
    if percent >= 70:
        return NARRATIVES["most"]
    if percent >= 40:
        return NARRATIVES["half"]
    return NARRATIVES["start"]


@service
def _backdate_report(
    *, actor: Any, report: ProgressReport, submitted_on: datetime.date, reviewed_on: datetime.date | None
) -> None:
    """Give a demo report its day in the past (the service stamped today); ``late`` follows."""
    ProgressReport.objects.filter(pk=report.pk).update(
        submitted_on=submitted_on,
        late=submitted_on > report.period.due_on,
        reviewed_on=reviewed_on,
    )
    services.refresh_facts(report.assignment_id)  # the completion date follows the report's day


@service
def _backdate_obstacle(*, actor: Any, obstacle: Obstacle, dates: dict[str, datetime.date]) -> None:
    """Give a demo obstacle its days in the past, with the answer and decision deadlines they imply."""
    fields = dict(dates)
    if "raised_on" in fields:
        fields["response_due_on"] = add_working_days(fields["raised_on"], services.answer_days())
    if "escalated_on" in fields:
        fields["decision_due_on"] = add_working_days(fields["escalated_on"], services.answer_days())
    Obstacle.objects.filter(pk=obstacle.pk).update(**fields)


def _recurring(
    demo: _Demo,
    actor: Any,
    obligation: Obligation,
    roles: dict[str, str],
    kind: tuple[str, int],
    assigned: str,
    plan: dict[str, Any],
    late: dict[str, set[int]] | None = None,
    missed: dict[str, set[int]] | None = None,
    pending: dict[str, int] | None = None,
) -> None:
    """A recurring report duty: past periods reported (a few late or missed), the current one open."""
    frequency, due_day = kind
    late = late or {}
    missed = missed or {}
    pending = pending or {}
    for code, role in roles.items():
        a = services.assignment_create(
            actor=actor,
            data={
                "obligation": obligation,
                "unit": demo.units[code],
                "role": role,
                "deadline_kind": "recurring",
                "frequency": frequency,
                "due_day": due_day,
                "assigned_on": demo.day(assigned),
                "starts_on": demo.day(assigned),
                "instructions": "Báo cáo đúng hạn theo kỳ; số liệu tính theo Nghị định 09/2019/NĐ-CP.",
            },
        )
        demo.counts["assignments"] += 1
        periods = list(a.periods.order_by("due_on"))
        late_here = late.get(code, set()) | (plan.get("late", set()) if role == "lead" else set())
        for index, period in enumerate(p for p in periods if p.due_on < demo.today):
            if index in missed.get(code, set()):
                continue
            offset = 6 if index in late_here else -3
            on = max(period.due_on + datetime.timedelta(days=offset), a.assigned_on)
            demo.report(a, [R((on - demo.shift).isoformat(), 100)], period=period)
        current = next((p for p in periods if p.starts_on <= demo.today <= p.due_on), None)
        if current is not None and code in pending:
            on = min(demo.today - datetime.timedelta(days=3), current.due_on)
            demo.report(a, [P((on - demo.shift).isoformat(), pending[code])], period=current)


def load_quarterly(demo: _Demo) -> None:
    """A leadership instruction: a quarterly report to the Department, past quarters done."""
    coordinator = demo.accounts["doingoai"]
    if Obligation.objects.filter(title=QUARTERLY_TITLE).exists():
        return
    obligation = services.obligation_create(
        actor=coordinator,
        data={
            "title": QUARTERLY_TITLE,
            "description": (
                "Thực hiện ý kiến chỉ đạo của lãnh đạo Bộ: các đơn vị báo cáo hằng quý kết quả trao đổi "
                "thông tin, phối hợp điều tra, truy bắt và dẫn độ với cơ quan thực thi pháp luật nước ngoài."
            ),
            "expected_result": "Báo cáo quý gửi Cục Đối ngoại trước ngày 20 tháng cuối quý.",
            "priority": "normal",
            "source_kind": "instruction",
            "owner_unit": coordinator.unit,
            "classification": "thuong",
        },
    )
    demo.counts["obligations"] += 1
    _recurring(
        demo,
        coordinator,
        obligation,
        QUARTERLY_UNITS,
        ("quarter", 20),
        "2025-06-20",
        {},
        late=QUARTERLY_LATE,
        missed=QUARTERLY_MISSED,
        pending=QUARTERLY_PENDING,
    )


def run(loaders: tuple[Callable[[_Demo], None], ...]) -> dict[str, int]:
    """Run demo loaders with one ``_Demo`` (nothing before the org demo made the accounts)."""
    demo = _Demo()
    if not {"doingoai", "lanhdao", "qninh", "qninh_truong"} <= set(demo.accounts):
        return demo.counts
    for loader in loaders:
        loader(demo)
    return demo.counts


def load() -> dict[str, int]:
    """Tracking's own demo duty (nothing new on a second run)."""
    return run((load_quarterly,))


def describe() -> list[str]:
    """What to look at, printed by `make demo` (plain counts: statuses are derived per user)."""
    return [
        f"Tracking: {Obligation.objects.count()} obligations, {Assignment.objects.count()} assignments, "
        f"{ProgressReport.objects.count()} progress reports, {Obstacle.objects.count()} obstacles.",
        "  qninh: Quảng Ninh's work in every status; qninh_truong: reports to approve;",
        "  doingoai: an obstacle raised by qninh to answer; lanhdao: an escalation to decide.",
    ]
