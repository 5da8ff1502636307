"""Demo of the tracking engine: the tasks of 50-CTr/ĐUCA and several instruments' clauses at work.

What it holds (every person fictional, DESIGN.md section 8):

- the 22 tasks of Action Programme 50-CTr/ĐUCA become obligations of Cục Đối ngoại, assigned
  to the departments and provinces the programme names (the ``lead``/``support`` hints of
  ``instruments.demo_data``); three of them also to all 34 provincial police as support;
- tasks of Quảng Ninh's plan 125/KH-CAT and clauses of five instruments, one of them
  tracked by Quảng Ninh itself with sub-assignments to its divisions;
- a quarterly reporting duty (a leadership instruction) and the half-yearly report of 50-CTr;
- progress reports by fictional officers approved by their unit heads, giving every status:
  done, done late, in progress, overdue and not started; reports awaiting approval; obstacles
  raised, escalated, answered and decided;
- the demo accounts see something everywhere: ``qninh`` has Quảng Ninh's assignments in all
  five statuses, ``qninh_truong`` has reports to approve, ``doingoai`` an obstacle raised by
  ``qninh`` to answer, ``lanhdao`` an escalation to decide.

Dates are written as of ``AS_OF`` (28/11/2026) and shifted by ``today − AS_OF``, so the mix
of statuses is the same on whatever day the demo is loaded.

Writing the past: the services stamp today's date (``report_submit`` sets ``submitted_on``,
``report_approve`` ``reviewed_on``, ``obstacle_raise`` ``raised_on``...), and the test-only
``time_machine`` is not a runtime dependency. So each record is made through its service,
then its dates are moved back by ``_backdate_*``: ``@service`` helpers that update only
those date columns (and the ``late`` flag derived from them) inside the service scope. This
is demo code only; the history rows keep the day of loading, which is true.

Running ``load()`` again creates nothing: an obligation whose source (or title) already
exists is skipped with all its assignments and reports; accounts are found by username.

This is the one module of ``tracking`` that knows the apps feeding it (it reads their demo
records); it is imported only by ``manage.py load_demo``.
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
CTR50 = "50-CTr/ĐUCA"
PLAN_QN = "125/KH-CAT"
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


# --- 50-CTr/ĐUCA: per task, the dates not given by the hints and each unit's reports ----------
# "provinces": a scenario name for all 34 provincial police as support (see _province_steps).
# Units without an entry report nothing. Dates as of AS_OF.
CTR50_TASKS: dict[str, dict[str, Any]] = {
    "1.1": {"lead": [R("2025-09-19", 100)], "provinces": "briefing", "units": {QN: [R("2025-10-08", 100)]}},
    "1.2": {"lead": [R("2025-06-27", 100)], "provinces": "plan", "units": {QN: [R("2025-06-18", 100)]}},
    "2.1": {"due": "2026-12-31", "lead": [R("2026-01-15", 25), R("2026-07-10", 50)]},
    "2.2": {
        "due": "2026-06-30",
        "lead": [R("2026-03-02", 40), R("2026-07-15", 100)],
        "units": {"ANM": [R("2026-06-20", 100)], "XNC": [R("2026-05-12", 60)]},
    },
    "3.1": {
        "due": "2026-12-31",
        "lead": [R("2026-04-08", 40), R("2026-09-25", 70)],
        "units": {"CSHS": [R("2026-08-14", 50)], "ANM": [P("2026-11-20", 60)]},
    },
    "3.2": {
        "due": "2026-12-31",
        "lead": [R("2026-03-10", 30), R("2026-08-20", 60)],
        "units": {
            "CA-LANG-SON": [R("2026-07-02", 50)],
            "CA-CAO-BANG": [R("2026-06-15", 50), R("2026-10-15", 100)],
            "CA-LAO-CAI": [R("2026-09-09", 40)],
            "CA-AN-GIANG": [R("2026-08-28", 45)],
        },
    },
    "3.3": {"due": "2026-06-30", "lead": [R("2026-02-10", 50), R("2026-06-15", 100)]},
    "4.1": {"due": "2026-10-31", "lead": [R("2026-10-22", 100)], "units": {"CSHS": [R("2026-11-06", 100)]}},
    "4.2": {"due": "2026-12-31", "lead": [R("2026-05-20", 50), R("2026-10-30", 80)]},
    "4.3": {"due": "2026-09-30", "lead": [R("2026-06-18", 40)], "units": {"CDN": [R("2026-09-12", 100)]}},
    "5.1": {"lead": [R("2025-10-15", 60), R("2026-01-12", 100)]},
    "5.2": {"due": "2027-06-30", "lead": [R("2026-07-01", 30)]},
    "6.1": {"due": "2026-12-31", "lead": [R("2026-04-10", 35), R("2026-10-05", 75)]},
    "6.2": {"due": "2026-10-31", "lead": []},
    "6.3": {
        "due": "2026-09-30",
        "lead": [R("2026-04-20", 50), R("2026-09-18", 100)],
        "units": {"CSHS": [R("2026-09-10", 100)]},
    },
    "6.4": {"assigned": "2026-10-01", "due": "2027-03-31", "lead": []},
    "7.1": {"lead": [R("2026-01-20", 10), R("2026-07-20", 20)]},
    "7.2": {"assigned": "2026-09-15", "due": "2027-12-31", "lead": []},
    "7.3": {
        "assigned": "2026-10-15",
        "due": "2027-06-30",
        "lead": [R("2026-11-10", 10)],
        "provinces": "training",
        "units": {QN: []},
    },
    "8.1": {"due": "2026-11-15", "lead": [R("2026-06-30", 50), R("2026-10-28", 90)]},
    # Section III.2: units report before 15/6 and 15/12 each year (Decree 09 half-year windows).
    "8.2": {"recurring": ("half_year", 15), "late": {1}},
}
CTR50_ASSIGNED = "2025-05-05"

# --- Quảng Ninh's own plan, tracked by qninh_truong -------------------------------------------
PLAN_QN_TASKS: dict[str, dict[str, Any]] = {
    "1.1": {"assigned": "2025-06-20", "lead": [R("2025-07-25", 100)]},
    "1.2": {
        "assigned": "2025-06-20",
        "due": "2026-12-31",
        "lead": [R("2026-05-10", 40), P("2026-11-26", 75)],
    },
    "2.1": {"assigned": "2025-06-20", "due": "2026-12-20", "lead": [R("2026-06-28", 50)]},
    "2.2": {"assigned": "2026-09-01", "due": "2027-03-31", "lead": [], "division": "CA-QUANG-NINH-PC02"},
    "2.3": {
        "assigned": "2026-01-15",
        "due": "2026-10-31",
        "lead": [R("2026-06-05", 50), R("2026-11-06", 100)],
    },
    "3.1": {"assigned": "2025-06-20", "lead": [R("2025-11-10", 40)]},
    "3.2": {"assigned": "2026-10-05", "due": "2026-12-31", "lead": []},
}

# --- Instrument clauses: (instrument key, clause, tracked by, assigned, due, lead, {unit: steps}, division)
CLAUSES: list[tuple[str, str, str, str, str, str, dict[str, list[Step]], str]] = [
    (
        "la-mps-2012-agr",
        "Điều 5",
        "doingoai",
        "2026-01-10",
        "2026-10-31",
        "CDN",
        {"CDN": [R("2026-10-20", 100)]},
        "",
    ),
    (
        "la-mps-2012-agr",
        "Điều 7",
        "doingoai",
        "2026-01-10",
        "2026-09-30",
        "CDN",
        {"CDN": [R("2026-05-15", 60), R("2026-10-09", 100)]},
        "",
    ),
    (
        "kh-gdnp-2008-mou",
        "Điều 3",
        "doingoai",
        "2026-02-01",
        "2026-12-31",
        "CSHS",
        {"CSHS": [R("2026-07-01", 50)], "CA-AN-GIANG": [R("2026-09-20", 70)], "CA-TAY-NINH": []},
        "",
    ),
    (
        "kh-gdnp-2008-mou",
        "Điều 4",
        "doingoai",
        "2026-02-01",
        "2026-09-30",
        "CSHS",
        {"CSHS": [R("2026-06-30", 40)], "CA-AN-GIANG": []},
        "",
    ),
    (
        "au-afp-2009-mou",
        "Điều 6",
        "doingoai",
        "2026-03-01",
        "2026-12-31",
        "CDN",
        {"CDN": [R("2026-08-01", 50)], "CSMT": [R("2026-09-15", 60)], "ANM": []},
        "",
    ),
    (
        "un-convention-cybercrime",
        "Điều 41",
        "doingoai",
        "2025-11-10",
        "2026-06-30",
        "ANM",
        {"ANM": [R("2026-06-25", 100)]},
        "",
    ),
    (
        "un-convention-cybercrime",
        "Điều 7",
        "doingoai",
        "2025-11-10",
        "2027-12-31",
        "CPC",
        {"CPC": [], "ANM": []},
        "",
    ),
    (
        "cn-gx-psd-quang-ninh-1998",
        "Điều 2",
        "qninh_truong",
        "2026-01-05",
        "2026-12-15",
        QN,
        {QN: [R("2026-06-25", 50)]},
        "",
    ),
    (
        "cn-gx-psd-quang-ninh-1998",
        "Điều 5",
        "qninh_truong",
        "2026-01-05",
        "2026-12-31",
        QN,
        {QN: []},
        "CA-QUANG-NINH-PA08",
    ),
]

# The quarterly duty: lead and supports, the past periods reported late or missed (0 = first).
QUARTERLY_UNITS = {"CSHS": "lead", QN: "support", "CA-HA-NOI": "support", "CA-AN-GIANG": "support"}
QUARTERLY_LATE = {"CA-AN-GIANG": {3}}
QUARTERLY_MISSED = {"CA-HA-NOI": {4}}
QUARTERLY_PENDING = {QN: 90}  # the current quarter's report, awaiting qninh_truong

# Instruments' post-signing duties (opened by instruments' follow-ups): which are reported.
FOLLOW_UP_REPORTS = {
    ("id-imipas-2025-mou", "report_to_mofa"): "2025-03-20",
    ("id-imipas-2025-mou", "implementation_plan"): "2025-03-25",
    ("br-pf-2025-mou", "report_to_mofa"): "2025-05-06",
    ("br-pf-2025-mou", "implementation_plan"): "2025-04-28",
}

# Obstacles: (source, unit, raised by, raised on, description, proposal, steps)
# source: ("ctr50", task) / ("quarterly",); steps: ("answer"|"escalate"|"decide", on, text)
OBSTACLES: list[tuple[tuple[str, ...], str, str, str, str, str, list[tuple[str, str, str]]]] = [
    (
        ("ctr50", "3.2"),
        QN,
        "qninh",
        "2026-11-24",
        "Phía bạn đề nghị lùi kỳ hội đàm định kỳ cuối năm sang quý I/2027 do thay đổi nhân sự "
        "lãnh đạo; hai bên chưa thống nhất được thời gian, địa điểm tổ chức.",
        "Đề nghị Cục Đối ngoại trao đổi qua kênh sĩ quan liên lạc để thống nhất lịch hội đàm "
        "trước ngày 15/12/2026.",
        [],
    ),
    (
        ("ctr50", "3.2"),
        "CA-LANG-SON",
        "officer",
        "2026-10-20",
        "Kinh phí duy trì đường dây nóng và tổ chức hội đàm tại cửa khẩu năm 2026 vượt dự toán "
        "được giao; chưa bố trí được phiên dịch tiếng Trung chuyên ngành.",
        "Đề nghị lãnh đạo Bộ xem xét bổ sung kinh phí và điều động phiên dịch hỗ trợ.",
        [
            (
                "escalate",
                "2026-10-27",
                "Vượt thẩm quyền của Cục Đối ngoại: đề nghị lãnh đạo Bộ quyết định bổ sung kinh phí.",
            )
        ],
    ),
    (
        ("ctr50", "4.3"),
        "ANM",
        "officer",
        "2026-09-10",
        "Chưa có hướng dẫn về cơ quan đầu mối của Việt Nam theo Điều 41 Công ước; các đơn vị "
        "liên quan còn khác nhau về phạm vi trách nhiệm.",
        "Đề nghị Cục Đối ngoại chủ trì họp liên ngành để thống nhất cơ quan đầu mối.",
        [
            (
                "answer",
                "2026-09-16",
                "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao là đầu mối 24/7; Cục Đối ngoại sẽ thông báo cho Ban Thư ký Công ước sau khi phê chuẩn.",
            )
        ],
    ),
    (
        ("ctr50", "6.3"),
        "XNC",
        "officer",
        "2026-06-02",
        "Việc xác minh nhân thân công dân bị lừa đảo ra nước ngoài kéo dài do thiếu cơ chế trao "
        "đổi dữ liệu trực tiếp với cơ quan xuất nhập cảnh nước bạn.",
        "Đề nghị lãnh đạo Bộ cho phép ký thỏa thuận kỹ thuật về trao đổi dữ liệu xác minh.",
        [
            ("escalate", "2026-06-08", "Cần quyết định của lãnh đạo Bộ về việc ký thỏa thuận kỹ thuật."),
            (
                "decide",
                "2026-06-15",
                "Đồng ý giao Cục Quản lý xuất nhập cảnh chủ trì, phối hợp Cục Đối ngoại xây dựng dự thảo thỏa thuận kỹ thuật, trình trong quý IV/2026.",
            ),
        ],
    ),
]

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


# --- loaders ----------------------------------------------------------------------------------


def _hints(symbol: str) -> dict[str, dict[str, Any]]:
    """The lead/support/due hints of a demo directive's task items, by item number."""
    from instruments import demo_data
    from instruments.symbols import normalize_symbol

    out: dict[str, dict[str, Any]] = {}

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            if item["kind"] == "task":
                out[item["number"]] = item
            walk(item.get("children", []))

    for row in demo_data.DIRECTIVES:
        if normalize_symbol(row["symbol"]) == normalize_symbol(symbol):
            walk(row.get("items", []))
    return out


def _tasks(symbol: str) -> dict[str, Any]:
    from instruments.models import DirectiveItem

    return {
        i.number: i
        for i in DirectiveItem.objects.filter(directive__symbol=symbol, kind="task").select_related(
            "directive"
        )
    }


def _province_steps(scenario: str, i: int) -> list[Step]:
    """A believable spread over the provinces: most on time, some late, a few overdue."""
    if scenario == "plan":  # due 30/06/2025
        if i % 9 == 4:
            return [R(f"2025-07-{3 + i % 10:02d}", 100)]
        if i % 13 == 7:
            return [R("2025-06-20", 70)]
        return [R(f"2025-06-{5 + i % 20:02d}", 100)]
    if scenario == "briefing":  # due 30/09/2025
        if i % 8 == 3:
            return [R(f"2025-10-{2 + i % 20:02d}", 100)]
        if i % 11 == 5:
            return [R("2025-09-15", 50)]
        if i % 11 == 9:
            return []
        return [R(f"2025-08-{10 + i % 18:02d}", 100)]
    if scenario == "training":  # assigned 15/10/2026, due 30/06/2027
        return [R(f"2026-11-{5 + i % 15:02d}", 20)] if i % 5 == 1 else []
    return []


def load_ctr50(demo: _Demo) -> None:
    coordinator = demo.accounts["doingoai"]
    hints = _hints(CTR50)
    items = _tasks(CTR50)
    for number, plan in CTR50_TASKS.items():
        item = items.get(number)
        if item is None or services.existing_for_source(item) is not None:
            continue
        hint = hints.get(number, {})
        obligation = services.obligation_from_source(
            actor=coordinator,
            source=item,
            data={"expected_result": "Báo cáo kết quả thực hiện gửi Cục Đối ngoại tổng hợp."},
        )
        demo.counts["obligations"] += 1
        lead = hint.get("lead", "CDN")
        instructions = (
            f"Thực hiện nhiệm vụ {number} Chương trình hành động {CTR50}; báo cáo kết quả về Cục Đối ngoại."
        )
        if "recurring" in plan:
            _recurring(demo, coordinator, obligation, {lead: "lead"}, plan["recurring"], CTR50_ASSIGNED, plan)
            continue
        assigned = plan.get("assigned", CTR50_ASSIGNED)
        due = plan.get("due") or hint.get("due")
        units = plan.get("units", {})
        lead_a = demo.assign(coordinator, obligation, lead, "lead", assigned, due, instructions=instructions)
        demo.report(lead_a, plan.get("lead", []))
        supports = [c for c in hint.get("support", []) if c != lead]
        supports += [c for c in units if c not in supports and c != lead]
        scenario = plan.get("provinces")
        if scenario:
            provinces = [u for u in demo.provinces() if u.code != lead]
            made = services.assign_many(
                actor=coordinator,
                obligation=obligation,
                units=provinces,
                data={
                    "role": "support",
                    "deadline_kind": "date",
                    "assigned_on": demo.day(assigned),
                    "due_on": demo.day(due),
                    "instructions": instructions,
                },
            )
            demo.counts["assignments"] += len(made)
            for i, a in enumerate(made):
                demo.report(a, units[a.unit.code] if a.unit.code in units else _province_steps(scenario, i))
            supports = [c for c in supports if demo.units[c].kind != "province"]
        for code in supports:
            a = demo.assign(
                coordinator, obligation, code, "support", assigned, due, instructions=instructions
            )
            demo.report(a, units.get(code, []))


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


def load_plan_qn(demo: _Demo) -> None:
    """Quảng Ninh tracks its own plan: assigned to itself, one task handed on to a division."""
    head = demo.accounts["qninh_truong"]
    hints = _hints(PLAN_QN)
    items = _tasks(PLAN_QN)
    for number, plan in PLAN_QN_TASKS.items():
        item = items.get(number)
        if item is None or services.existing_for_source(item) is not None:
            continue
        obligation = services.obligation_from_source(actor=head, source=item)
        demo.counts["obligations"] += 1
        due = plan.get("due") or hints.get(number, {}).get("due")
        a = demo.assign(head, obligation, QN, "lead", plan["assigned"], due)
        demo.report(a, plan["lead"])
        if plan.get("division"):
            demo.assign(head, obligation, plan["division"], "lead", plan["assigned"], due, parent=a)


def load_clauses(demo: _Demo) -> None:
    from instruments import demo_data
    from instruments.models import Clause

    titles = {row["key"]: row["title"] for row in demo_data.INSTRUMENTS}
    for key, number, login, assigned, due, lead, units, division in CLAUSES:
        clause = (
            Clause.objects.filter(instrument__title=titles.get(key), number=number)
            .select_related("instrument")
            .first()
        )
        if clause is None or services.existing_for_source(clause) is not None:
            continue
        actor = demo.accounts[login]
        obligation = services.obligation_from_source(actor=actor, source=clause)
        demo.counts["obligations"] += 1
        lead_a = demo.assign(actor, obligation, lead, "lead", assigned, due)
        demo.report(lead_a, units.get(lead, []))
        if division:
            demo.assign(actor, obligation, division, "lead", assigned, due, parent=lead_a)
        for code, steps in units.items():
            if code != lead:
                demo.report(demo.assign(actor, obligation, code, "support", assigned, due), steps)


def load_follow_ups(demo: _Demo) -> None:
    """Report some of the post-signing duties the instruments' follow-ups opened (and close their stages)."""
    from instruments import demo_data
    from instruments.models import InstrumentStage
    from instruments.services import stage_update

    titles = {row["key"]: row["title"] for row in demo_data.INSTRUMENTS}
    for (key, kind), on in FOLLOW_UP_REPORTS.items():
        stage = InstrumentStage.objects.filter(instrument__title=titles.get(key), kind=kind).first()
        obligation = services.existing_for_source(stage) if stage else None
        if obligation is None:
            continue
        a = obligation.assignments.select_related("unit").filter(parent=None).first()
        if a is None or a.reports.exists() or a.unit.code not in demo.units:
            continue
        demo.report(a, [R(on, 100)])
        done = demo.day(on)
        stage_update(actor=SYSTEM, obj=stage, data={"done_on": done}, version=stage.version)


def load_obstacles(demo: _Demo) -> None:
    items = _tasks(CTR50)
    for (_source, number), code, login, raised, description, proposal, steps in OBSTACLES:
        item = items.get(number)
        obligation = services.existing_for_source(item) if item else None
        if obligation is None:
            continue
        a = obligation.assignments.filter(unit__code=code, parent=None).first()
        if a is None or a.obstacles.filter(description=description).exists():
            continue
        author = demo.accounts[login] if login in demo.accounts else demo.people(code)[0]
        obstacle = services.obstacle_raise(
            actor=author, data={"assignment": a, "description": description, "proposal": proposal}
        )
        dates: dict[str, datetime.date] = {"raised_on": demo.day(raised)}
        for step, on, text in steps:
            obstacle.refresh_from_db()
            if step == "answer":
                services.obstacle_answer(
                    actor=demo.accounts["doingoai"], obj=obstacle, version=obstacle.version, answer=text
                )
                dates["answered_on"] = demo.day(on)
            elif step == "escalate":
                services.obstacle_escalate(
                    actor=demo.accounts["doingoai"], obj=obstacle, version=obstacle.version, note=text
                )
                dates["escalated_on"] = dates["answered_on"] = demo.day(on)
            elif step == "decide":
                services.obstacle_decide(
                    actor=demo.accounts["lanhdao"], obj=obstacle, version=obstacle.version, decision=text
                )
                dates["decided_on"] = demo.day(on)
        _backdate_obstacle(actor=SYSTEM, obstacle=obstacle, dates=dates)
        demo.counts["obstacles"] += 1


LOADERS: tuple[Callable[[_Demo], None], ...] = (
    load_ctr50,
    load_plan_qn,
    load_clauses,
    load_quarterly,
    load_follow_ups,
    load_obstacles,
)


def load() -> dict[str, int]:
    """Obligations, assignments, reports and obstacles of the demo (nothing new on a second run)."""
    demo = _Demo()
    if not {"doingoai", "lanhdao", "qninh", "qninh_truong"} <= set(demo.accounts):
        return demo.counts  # the org demo has not run
    for loader in LOADERS:
        loader(demo)
    return demo.counts


def describe() -> list[str]:
    """What to look at, printed by `make demo` (plain counts: statuses are derived per user)."""
    return [
        f"Tracking: {Obligation.objects.count()} obligations, {Assignment.objects.count()} assignments, "
        f"{ProgressReport.objects.count()} progress reports, {Obstacle.objects.count()} obstacles.",
        "  qninh: Quảng Ninh's work in every status; qninh_truong: reports to approve;",
        "  doingoai: an obstacle raised by qninh to answer; lanhdao: an escalation to decide.",
    ]
