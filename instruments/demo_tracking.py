"""The instruments' duties at work in the tracking engine: the demo of what they feed it.

What it holds (every person fictional, DESIGN.md section 8):

- the 22 tasks of Action Programme 50-CTr/ĐUCA become obligations of Cục Đối ngoại, assigned
  to the departments and provinces the programme names (the ``lead``/``support`` hints of
  ``instruments.demo_data``); three of them also to all 34 provincial police as support;
- tasks of Quảng Ninh's plan 125/KH-CAT and clauses of five instruments, one of them
  tracked by Quảng Ninh itself with sub-assignments to its divisions;
- the half-yearly report of 50-CTr, and reports on the post-signing duties the instruments'
  follow-ups opened;
- progress reports by fictional officers approved by their unit heads, giving every status:
  done, done late, in progress, overdue and not started; reports awaiting approval; obstacles
  raised, escalated, answered and decided;
- the demo accounts see something everywhere: ``qninh`` has Quảng Ninh's assignments in all
  five statuses, ``qninh_truong`` has reports to approve, ``doingoai`` an obstacle raised by
  ``qninh`` to answer, ``lanhdao`` an escalation to decide.

It runs at the end of ``instruments.demo.load`` with the tracking engine's demo toolkit
(``tracking.demo``: accounts, reports written in the past); see that module for how.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from core.context import SYSTEM
from tracking import demo as tracking_demo
from tracking import services
from tracking.demo import QN, P, R, Step, _backdate_obstacle, _Demo, _recurring

CTR50 = "50-CTr/ĐUCA"
PLAN_QN = "125/KH-CAT"


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
    load_follow_ups,
    load_obstacles,
)


def load() -> dict[str, int]:
    """The instruments' duties, tracked (nothing new on a second run)."""
    return tracking_demo.run(LOADERS)
