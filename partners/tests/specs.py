"""Specs of the partner business models for the generated permission and history tests."""

from __future__ import annotations

import itertools

from core.context import SYSTEM
from core.testing import ModelSpec, register_spec
from partners import services
from partners.models import Country, ForeignAgency, Membership, MultilateralBody, Relationship

_n = itertools.count(1)


def _country(code="KH"):
    return Country.objects.get(code=code)


def make_agency(actor, unit, classification="thuong", **extra):
    n = next(_n)
    data = {
        "name_vi": f"Cảnh sát Quốc gia Thử nghiệm {n}",
        "name_en": f"Test National Police {n}",
        "acronym": f"TNP{n}",
        "country": _country(),
        "kind": "police",
        "owner_unit": unit,
        "classification": classification,
        **extra,
    }
    return services.agency_create(actor=actor, data=data, confirm_duplicate=True)


def make_relationship(actor, unit, classification="thuong", **extra):
    agency = make_agency(SYSTEM, unit)
    data = {
        "agency": agency,
        "owner_unit": unit,
        "start": "2020-01-01",
        "level": "province",
        "classification": classification,
        **extra,
    }
    return services.relationship_create(actor=actor, data=data)


def _body():
    body, _ = MultilateralBody.objects.get_or_create(
        name_en="Test Forum on Police Cooperation",
        defaults={"name_vi": "Diễn đàn thử nghiệm về hợp tác cảnh sát", "kind": "forum", "scope": "regional"},
    )
    return body


def make_membership(actor, unit, classification="thuong", **extra):
    n = next(_n)
    start = f"{1900 + n}-01-01"
    data = {
        "body": _body(),
        "owner_unit": unit,
        "start": start,
        "end": f"{1900 + n}-12-31",
        "status": "member",
        "classification": classification,
        "notes": "Cảnh sát tham gia diễn đàn",
        **extra,
    }
    return services.membership_create(actor=actor, data=data)


def _agency_form(unit):
    n = next(_n)
    return {
        "name_vi": f"Cục Cảnh sát Hình sự Thử {n}",
        "name_en": f"Criminal Police Test {n}",
        "country": _country("LA").pk,
        "kind": "police",
        "owner_unit": unit.pk,
        "classification": "thuong",
    }


register_spec(
    ModelSpec(
        model=ForeignAgency,
        make=make_agency,
        form_data=_agency_form,
        api_data=_agency_form,
        update_data={"name_en": "Renamed agency"},
        invalid_data={"kind": "not-a-kind"},
        search_word="canh sat",
        api_basename="agency",
    )
)


def _relationship_form(unit, api=False):
    agency = make_agency(SYSTEM, unit)
    return {
        "agency": agency.pk,
        "owner_unit": unit.pk,
        "start": "2019-05-01" if api else "01/05/2019",
        "level": "province",
        "classification": "thuong",
        "notes": "Giao ban định kỳ",
    }


register_spec(
    ModelSpec(
        model=Relationship,
        make=make_relationship,
        form_data=_relationship_form,
        api_data=lambda unit: _relationship_form(unit, api=True),
        update_data={"notes": "Đã cập nhật kênh liên lạc"},
        invalid_data={"level": "galactic"},
        search_word="canh sat",
        api_basename="relationship",
    )
)


def _membership_form(unit, api=False):
    n = next(_n)
    year = 1800 + n
    return {
        "body": _body().pk,
        "owner_unit": unit.pk,
        "start": f"{year}-03-01" if api else f"01/03/{year}",
        "end": f"{year}-04-01" if api else f"01/04/{year}",
        "status": "observer",
        "classification": "thuong",
        "notes": "Quan sát viên",
    }


register_spec(
    ModelSpec(
        model=Membership,
        make=make_membership,
        form_data=_membership_form,
        api_data=lambda unit: _membership_form(unit, api=True),
        update_data={"notes": "Trở thành thành viên"},
        invalid_data={"status": "emperor"},
        search_word="dien dan",
        api_basename="membership",
    )
)

__all__ = ["Membership", "make_agency", "make_membership", "make_relationship"]
