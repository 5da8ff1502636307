"""Specs of the tracking engine's business models for the generated tests."""

from __future__ import annotations

import datetime
import itertools

from core.context import SYSTEM
from core.testing import ModelSpec, register_spec
from tracking import services
from tracking.models import Assignment, Obligation, Obstacle, ProgressReport

_n = itertools.count(1)
ASSIGNED = datetime.date(2026, 1, 5)
DUE = datetime.date(2027, 6, 30)


def make_obligation(actor, unit, classification="thuong", **extra):
    n = next(_n)
    return services.obligation_create(
        actor=actor,
        data={
            "title": f"Triển khai nhiệm vụ hợp tác quốc tế số {n}",
            "description": "Tổ chức thực hiện theo kế hoạch",
            "priority": "normal",
            "source_kind": "instruction",
            "owner_unit": unit,
            "classification": classification,
            **extra,
        },
    )


def _obligation_form(unit, api=False):
    n = next(_n)
    return {
        "title": f"Triển khai chỉ đạo của lãnh đạo Bộ số {n}",
        "priority": "high",
        "source_kind": "instruction",
        "owner_unit": unit.pk,
        "classification": "thuong",
    }


register_spec(
    ModelSpec(
        model=Obligation,
        make=make_obligation,
        form_data=_obligation_form,
        api_data=lambda unit: _obligation_form(unit, api=True),
        update_data={"title": "Triển khai chỉ đạo đã sửa"},
        invalid_data={"priority": "whenever"},
        search_word="trien khai",
        api_basename="obligation",
    )
)


def make_assignment(actor, unit, classification="thuong", **extra):
    obligation = make_obligation(SYSTEM, unit, classification)
    return services.assignment_create(
        actor=actor,
        data={
            "obligation": obligation,
            "unit": unit,
            "role": "lead",
            "assigned_on": ASSIGNED,
            "due_on": DUE,
            **extra,
        },
    )


def _assignment_form(unit, api=False):
    obligation = make_obligation(SYSTEM, unit)
    return {
        "obligation": obligation.pk,
        "unit": unit.pk,
        "role": "lead",
        "deadline_kind": "date",
        "day_count": "working",
        "assigned_on": ASSIGNED.isoformat() if api else "05/01/2026",
        "due_on": DUE.isoformat() if api else "30/06/2027",
    }


register_spec(
    ModelSpec(
        model=Assignment,
        make=make_assignment,
        form_data=_assignment_form,
        api_data=lambda unit: _assignment_form(unit, api=True),
        update_data={"instructions": "Báo cáo kết quả trước hạn"},
        invalid_data={"role": "boss"},
        search_word="trien khai",
        api_basename="assignment",
        # Giving work is assigning: the unit head writes, not the officer.
        extra={"writer": "qninh_truong"},
    )
)


def make_report(actor, unit, classification="thuong", **extra):
    assignment = make_assignment(SYSTEM, unit, classification)
    return services.report_submit(
        actor=actor,
        data={
            "assignment": assignment,
            "percent": 40,
            "narrative": "Đã triển khai các nội dung chính",
            **extra,
        },
    )


def _report_form(unit, api=False):
    assignment = make_assignment(SYSTEM, unit)
    return {"assignment": assignment.pk, "percent": 30, "narrative": "Đã triển khai bước đầu"}


register_spec(
    ModelSpec(
        model=ProgressReport,
        make=make_report,
        form_data=_report_form,
        api_data=lambda unit: _report_form(unit, api=True),
        update_data={"narrative": "Đã hoàn thành phần lớn nội dung"},
        invalid_data={"percent": 150},
        search_word="trien khai",
        api_basename="progress-report",
    )
)


def make_obstacle(actor, unit, classification="thuong", **extra):
    assignment = make_assignment(SYSTEM, unit, classification)
    return services.obstacle_raise(
        actor=actor,
        data={
            "assignment": assignment,
            "description": "Vướng mắc về đầu mối liên lạc của đối tác",
            "proposal": "Đề nghị Cục Đối ngoại trao đổi qua kênh ngoại giao",
            **extra,
        },
    )


def _obstacle_form(unit, api=False):
    assignment = make_assignment(SYSTEM, unit)
    return {
        "assignment": assignment.pk,
        "description": "Vướng mắc về kinh phí tổ chức hội nghị",
        "proposal": "Đề nghị bổ sung kinh phí",
    }


register_spec(
    ModelSpec(
        model=Obstacle,
        make=make_obstacle,
        form_data=_obstacle_form,
        api_data=lambda unit: _obstacle_form(unit, api=True),
        update_data={"description": "Vướng mắc về thủ tục cấp thị thực"},
        invalid_data={"description": ""},
        search_word="vuong mac",
        api_basename="obstacle",
    )
)
