"""Specs of the instruments app's business models for the generated tests."""

from __future__ import annotations

import itertools

from core.context import SYSTEM
from core.testing import ModelSpec, register_spec
from instruments import services
from instruments.models import (
    Clause,
    Directive,
    DirectiveItem,
    Instrument,
    InstrumentParty,
    InstrumentStage,
    SigningPlan,
)

_n = itertools.count(1)


def make_instrument(actor, unit, classification="thuong", **extra):
    n = next(_n)
    data = {
        "title": f"Bản ghi nhớ thử nghiệm về hợp tác phòng, chống tội phạm số {n}",
        "type": "mou",
        "level": "ministry",
        "status": "drafting",
        "owner_unit": unit,
        "classification": classification,
        **extra,
    }
    return services.instrument_create(actor=actor, data=data)


def _instrument_form(unit, api=False):
    n = next(_n)
    return {
        "title": f"Kế hoạch hợp tác thử nghiệm {n}",
        "type": "cooperation_plan",
        "level": "unit",
        "status": "negotiating",
        "owner_unit": unit.pk,
        "classification": "thuong",
    }


register_spec(
    ModelSpec(
        model=Instrument,
        make=make_instrument,
        form_data=_instrument_form,
        api_data=lambda unit: _instrument_form(unit, api=True),
        update_data={"title": "Kế hoạch hợp tác đã sửa"},
        invalid_data={"type": "napkin"},
        search_word="hop tac",
        api_basename="instrument",
    )
)


def make_clause(actor, unit, classification="thuong", **extra):
    instrument = make_instrument(SYSTEM, unit, classification)
    return services.clause_create(
        actor=actor,
        data={
            "instrument": instrument,
            "number": "Điều 2",
            "text": "Hai Bên trao đổi thông tin về tội phạm",
            **extra,
        },
    )


def _clause_form(unit):
    instrument = make_instrument(SYSTEM, unit)
    return {
        "instrument": instrument.pk,
        "number": "Điều 5",
        "text": "Hai Bên cử sĩ quan liên lạc",
        "order": 5,
    }


register_spec(
    ModelSpec(
        model=Clause,
        make=make_clause,
        form_data=_clause_form,
        api_data=_clause_form,
        update_data={"text": "Hai Bên tổ chức gặp định kỳ"},
        invalid_data={"number": ""},
        search_word="",
        api_basename="clause",
    )
)


def make_directive(actor, unit, classification="thuong", **extra):
    n = next(_n)
    data = {
        "symbol": f"{900 + n}-KH/CAT",
        "kind": "plan",
        "issuer": "Công an tỉnh",
        "issued_on": "2025-06-01",
        "title": f"Kế hoạch thực hiện Chương trình hành động số {n}",
        "owner_unit": unit,
        "classification": classification,
        **extra,
    }
    return services.directive_create(actor=actor, data=data)


def _directive_form(unit, api=False):
    n = next(_n)
    return {
        "symbol": f"{500 + n}/KH-CAT",
        "kind": "plan",
        "issuer": "Công an tỉnh",
        "issued_on": "2025-07-01" if api else "01/07/2025",
        "title": f"Kế hoạch hội nhập quốc tế số {n}",
        "owner_unit": unit.pk,
        "classification": "thuong",
    }


register_spec(
    ModelSpec(
        model=Directive,
        make=make_directive,
        form_data=_directive_form,
        api_data=lambda unit: _directive_form(unit, api=True),
        update_data={"title": "Kế hoạch đã sửa"},
        invalid_data={"symbol": "not a symbol"},
        search_word="ke hoach",
        api_basename="directive",
    )
)


def make_item(actor, unit, classification="thuong", **extra):
    directive = make_directive(SYSTEM, unit, classification)
    return services.item_create(
        actor=actor,
        data={
            "directive": directive,
            "kind": "task",
            "number": "1",
            "text": "Nhiệm vụ thử nghiệm về hợp tác",
            **extra,
        },
    )


def _item_form(unit):
    directive = make_directive(SYSTEM, unit)
    return {
        "directive": directive.pk,
        "kind": "task_group",
        "number": "2",
        "text": "Nhóm nhiệm vụ thử nghiệm",
        "order": 2,
    }


register_spec(
    ModelSpec(
        model=DirectiveItem,
        make=make_item,
        form_data=_item_form,
        api_data=_item_form,
        update_data={"text": "Nhiệm vụ đã sửa"},
        invalid_data={"kind": "wish"},
        search_word="nhiem vu",
        api_basename="directive-item",
    )
)


def make_stage(actor, unit, classification="thuong", **extra):
    instrument = make_instrument(SYSTEM, unit, classification)
    return services.stage_create(
        actor=actor,
        data={
            "instrument": instrument,
            "kind": "mofa_consultation",
            "requested_on": "2025-03-03",
            **extra,
        },
    )


def _stage_form(unit, api=False):
    instrument = make_instrument(SYSTEM, unit)
    return {
        "instrument": instrument.pk,
        "kind": "moj_consultation",
        "responsible_unit": unit.pk,
        "requested_on": "2025-04-01" if api else "01/04/2025",
        "notes": "Lấy ý kiến Bộ Tư pháp",
    }


register_spec(
    ModelSpec(
        model=InstrumentStage,
        make=make_stage,
        form_data=_stage_form,
        api_data=lambda unit: _stage_form(unit, api=True),
        update_data={"notes": "Đã nhận ý kiến"},
        invalid_data={"kind": "party"},
        search_word="",
        api_basename="stage",
    )
)


def make_plan(actor, unit, classification="thuong", **extra):
    n = next(_n)
    data = {
        "title": f"Kế hoạch ký kết năm {2000 + n}",
        "kind": "yearly",
        "year_from": 2000 + n,
        "year_to": 2000 + n,
        "owner_unit": unit,
        "classification": classification,
        **extra,
    }
    return services.plan_create(actor=actor, data=data)


def _plan_form(unit):
    n = next(_n)
    return {
        "title": f"Kế hoạch ký kết giai đoạn {2100 - n}",
        "kind": "five_year",
        "year_from": 2030,
        "year_to": 2034,
        "owner_unit": unit.pk,
        "classification": "thuong",
    }


register_spec(
    ModelSpec(
        model=SigningPlan,
        make=make_plan,
        form_data=_plan_form,
        api_data=_plan_form,
        update_data={"title": "Kế hoạch ký kết đã điều chỉnh"},
        invalid_data={"year_to": 2031},
        search_word="ke hoach",
        api_basename="signing-plan",
    )
)


def _multilateral(unit, classification="thuong"):
    return make_instrument(SYSTEM, unit, classification, multilateral=True, level="state", type="treaty")


def make_party(actor, unit, classification="thuong", **extra):
    from partners.models import Country

    instrument = _multilateral(unit, classification)
    return services.party_action_create(
        actor=actor,
        data={
            "instrument": instrument,
            "country": Country.objects.get(code="TH"),
            "signed_on": "2025-10-25",
            **extra,
        },
    )


def _party_form(unit, api=False):
    from partners.models import Country

    instrument = _multilateral(unit)
    return {
        "instrument": instrument.pk,
        "country": Country.objects.get(code="LA").pk,
        "signed_on": "2025-10-25" if api else "25/10/2025",
        "ratified_on": "2026-01-10" if api else "10/01/2026",
        "in_force_on": "2026-04-10" if api else "10/04/2026",
        "reservations": "Bảo lưu Điều 63",
    }


register_spec(
    ModelSpec(
        model=InstrumentParty,
        make=make_party,
        form_data=_party_form,
        api_data=lambda unit: _party_form(unit, api=True),
        update_data={"reservations": "Rút bảo lưu"},
        invalid_data={"signed_on": "not-a-date"},
        search_word="",
        api_basename="party-action",
    )
)
