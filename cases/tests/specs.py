"""Specs of the cases app's business models for the generated tests."""

from __future__ import annotations

import itertools

from cases import services
from cases.choices import CENTRAL_AUTHORITY_KINDS
from cases.models import (
    CaseMessage,
    CaseReference,
    CaseSubject,
    CooperationCase,
    Operation,
    Outcome,
    PersonalDataItem,
    PersonalDataTransfer,
    ReleaseDecision,
)
from core.context import SYSTEM
from core.testing import ModelSpec, register_spec

_n = itertools.count(1)


def make_case(actor, unit, classification="thuong", **extra):
    n = next(_n)
    data = {
        "title": f"Yêu cầu xác minh thông tin đối tượng lừa đảo số {n}",
        "type": "information",
        "direction": "outgoing",
        "channel": "interpol",
        "crime_area": "fraud",
        "opened_on": "2026-03-02",
        "owner_unit": unit,
        "classification": classification,
        **extra,
    }
    if data["type"] in CENTRAL_AUTHORITY_KINDS and "central_authority" not in extra:
        # A legal assistance, extradition or transfer case goes through the central authority its
        # rule set names (pass central_authority=None to test the refusal).
        data["central_authority"] = central_authority(data["type"], str(data["opened_on"]))
    return services.case_create(actor=actor, data=data)


def central_authority(case_type: str = "mla", day: str = "2026-03-15"):
    """The central authority the rule set of a case type and date names (shipped by migration)."""
    import datetime

    from cases.models import RuleSet

    return RuleSet.in_force(case_type, datetime.date.fromisoformat(day)).central_authority


def _case_form(unit):
    n = next(_n)
    return {
        "central_authority": central_authority().pk,
        "title": f"Yêu cầu tương trợ tư pháp thử nghiệm {n}",
        "type": "mla",
        "direction": "outgoing",
        "channel": "diplomatic",
        "crime_area": "cyber",
        "opened_on": "15/03/2026",
        "owner_unit": unit.pk,
        "classification": "thuong",
    }


def _case_api(unit):
    return {**_case_form(unit), "opened_on": "2026-03-15"}


register_spec(
    ModelSpec(
        model=CooperationCase,
        make=make_case,
        form_data=_case_form,
        api_data=_case_api,
        update_data={"title": "Yêu cầu tương trợ tư pháp đã sửa"},
        invalid_data={"channel": "pigeon"},
        search_word="lua dao",
        api_basename="case",
    )
)


def _child_maker(model, create, fields):
    def make(actor, unit, classification="thuong", **extra):
        case = make_case(SYSTEM, unit, classification)
        return create(actor=actor, data={"case": case, **fields, **extra})

    return make


def _child_form(fields):
    def form(unit, api=False):
        case = make_case(SYSTEM, unit)
        return {"case": case.pk, **fields}

    return form


REFERENCE = {"kind": "partner", "number": "IP/2026/0417"}
register_spec(
    ModelSpec(
        model=CaseReference,
        make=_child_maker(CaseReference, services.reference_create, REFERENCE),
        form_data=_child_form(REFERENCE),
        api_data=_child_form(REFERENCE),
        update_data={"number": "IP/2026/0418"},
        invalid_data={"kind": "napkin"},
        search_word="0417",
        api_basename="case-reference",
    )
)

# Received: a classified message sent to a partner needs a release decision (tested in test_exchange).
MESSAGE = {
    "direction": "received",
    "channel": "interpol",
    "summary": "Nhận kết quả xác minh",
    "handling_code": "h1",
}
register_spec(
    ModelSpec(
        model=CaseMessage,
        make=_child_maker(CaseMessage, services.message_create, {**MESSAGE, "date": "2026-03-03"}),
        form_data=lambda unit: {**_child_form(MESSAGE)(unit), "date": "03/03/2026"},
        api_data=lambda unit: {**_child_form(MESSAGE)(unit), "date": "2026-03-03"},
        update_data={"summary": "Nhận phản hồi của Bên đối tác"},
        invalid_data={"date": "32/13/2026"},
        search_word="xac minh",
        api_basename="case-message",
    )
)

SUBJECT = {"role": "Đối tượng bị truy nã", "full_name": "Trần Văn Hư Cấu", "nationality": "Việt Nam"}
register_spec(
    ModelSpec(
        model=CaseSubject,
        make=_child_maker(CaseSubject, services.subject_create, SUBJECT),
        form_data=_child_form(SUBJECT),
        api_data=_child_form(SUBJECT),
        update_data={"role": "Người làm chứng"},
        invalid_data={"birth_date": "not a date"},
        search_word="",
        api_basename="case-subject",
    )
)


def make_operation(actor, unit, classification="thuong", **extra):
    n = next(_n)
    data = {
        "name": f"Chuyên án thử nghiệm ma túy số {n}",
        "crime_area": "drugs",
        "started_on": "2026-01-10",
        "owner_unit": unit,
        "classification": classification,
        **extra,
    }
    return services.operation_create(actor=actor, data=data)


def _operation_form(unit):
    n = next(_n)
    return {
        "name": f"Chuyên án phối hợp thử nghiệm {n}",
        "crime_area": "trafficking",
        "started_on": "01/02/2026",
        "owner_unit": unit.pk,
        "classification": "thuong",
    }


register_spec(
    ModelSpec(
        model=Operation,
        make=make_operation,
        form_data=_operation_form,
        api_data=lambda unit: {**_operation_form(unit), "started_on": "2026-02-01"},
        update_data={"name": "Chuyên án phối hợp đã sửa"},
        invalid_data={"crime_area": "napkin"},
        search_word="chuyen an",
        api_basename="operation",
    )
)


OUTCOME = {"kind": "seizure", "substance": "Ma túy tổng hợp", "quantity": "12.5", "measure_unit": "kg"}


def make_outcome(actor, unit, classification="thuong", **extra):
    operation = make_operation(SYSTEM, unit, classification)
    return services.outcome_create(actor=actor, data={"operation": operation, **OUTCOME, **extra})


def _outcome_form(unit):
    operation = make_operation(SYSTEM, unit)
    return {"operation": operation.pk, **OUTCOME}


register_spec(
    ModelSpec(
        model=Outcome,
        make=make_outcome,
        form_data=_outcome_form,
        api_data=_outcome_form,
        update_data={"substance": "Heroin"},
        invalid_data={"kind": "napkin"},
        search_word="",
        api_basename="outcome",
    )
)


DECISION = {
    "decision_ref": "DEMO-QD/2026/07",
    "decision_level": "deputy_minister",
    "decided_by": "Thứ trưởng Hư Cấu A",
    "released_level": "mat",
    "information": "Kết quả xác minh đối tượng",
    "foreign_organisation": "Cảnh sát Quốc gia Hư Cấu",
    "representative": "John Fictional",
    "representative_nationality": "Hư Cấu",
    "passport_number": "X0000001",
    "representative_position": "Sĩ quan liên lạc",
    "purpose": "Phục vụ điều tra vụ án",
    "protection_commitment": "Cam kết bảo vệ thông tin bằng văn bản",
}
register_spec(
    ModelSpec(
        model=ReleaseDecision,
        make=_child_maker(
            ReleaseDecision, services.decision_create, {**DECISION, "decided_on": "2026-03-05"}
        ),
        form_data=lambda unit: {**_child_form(DECISION)(unit), "decided_on": "05/03/2026"},
        api_data=lambda unit: {**_child_form(DECISION)(unit), "decided_on": "2026-03-05"},
        update_data={"decided_by": "Thứ trưởng Hư Cấu B"},
        invalid_data={"decision_level": "napkin"},
        search_word="hu cau",
        api_basename="release-decision",
    )
)


def make_subject(actor, unit, classification="thuong", **extra):
    case = make_case(SYSTEM, unit, classification)
    return services.subject_create(actor=actor, data={"case": case, **SUBJECT, **extra})


ITEM = {"category": "criminal", "value": "Tiền án lừa đảo năm 2019", "sensitivity": "sensitive"}


def make_item(actor, unit, classification="thuong", **extra):
    subject = make_subject(SYSTEM, unit, classification)
    return services.item_create(actor=actor, data={"subject": subject, **ITEM, **extra})


def _item_form(unit):
    return {"subject": make_subject(SYSTEM, unit).pk, **ITEM}


register_spec(
    ModelSpec(
        model=PersonalDataItem,
        make=make_item,
        form_data=_item_form,
        api_data=_item_form,
        update_data={"value": "Tiền án trộm cắp năm 2018"},
        invalid_data={"sensitivity": "napkin"},
        search_word="",
        api_basename="personal-data-item",
    )
)

TRANSFER = {
    "recipient": "Cảnh sát Quốc gia Hư Cấu",
    "data_transferred": "Họ tên, ngày sinh, số hộ chiếu",
    "legal_basis": "crime_prevention",
}
register_spec(
    ModelSpec(
        model=PersonalDataTransfer,
        make=_child_maker(
            PersonalDataTransfer, services.transfer_create, {**TRANSFER, "transferred_on": "2026-03-06"}
        ),
        form_data=lambda unit: {**_child_form(TRANSFER)(unit), "transferred_on": "06/03/2026"},
        api_data=lambda unit: {**_child_form(TRANSFER)(unit), "transferred_on": "2026-03-06"},
        update_data={"recipient": "Văn phòng Interpol Hư Cấu"},
        invalid_data={"legal_basis": "napkin"},
        search_word="hu cau",
        api_basename="personal-data-transfer",
    )
)
