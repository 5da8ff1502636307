"""Hand-built capacity cases in a fresh unit subtree, with definitions far in the future so
that the demo's records and definitions never reach them."""

from __future__ import annotations

import datetime
import itertools

import pytest

from capacity import services
from core.context import SYSTEM
from org.services import unit_create

_n = itertools.count(1)
D = datetime.date


@pytest.fixture
def tree(units):
    """A test department under Quảng Ninh with one team below it."""
    n = next(_n)
    top = unit_create(
        actor=SYSTEM,
        data={"code": f"T-CAP-{n}", "name_vi": f"Phòng thử nghiệm {n}", "kind": "division",
              "parent": units["CA-QUANG-NINH"]},
    )  # fmt: skip
    team = unit_create(
        actor=SYSTEM,
        data={"code": f"T-CAP-{n}-A", "name_vi": f"Đội thử nghiệm {n}", "kind": "division", "parent": top},
    )
    return {"top": top, "team": team}


@pytest.fixture
def definitions(db):
    """v_a from 2040 (B2, certificate under 3 years); v_b from 2042 (C1, under 1 year)."""
    common = {"requires_law_or_posting": True, "requires_tech_or_cyber": True}
    v_a = services.definition_create(
        actor=SYSTEM,
        data={
            "title": "Thử A",
            "effective_from": D(2040, 1, 1),
            "min_level": "B2",
            "certificate_max_years": 3,
            **common,
        },
    )
    v_b = services.definition_create(
        actor=SYSTEM,
        data={
            "title": "Thử B",
            "effective_from": D(2042, 1, 1),
            "min_level": "C1",
            "certificate_max_years": 1,
            **common,
        },
    )
    return v_a, v_b


LANGUAGE = ("B2", D(2039, 6, 1), None)
LAW_ON = D(2039, 1, 1)
TECH_ON = D(2039, 2, 1)


def leader(unit, *, code=None, language=LANGUAGE, law=LAW_ON, tech=TECH_ON,
           posting=None, is_leader=True, post_to=None, classification="thuong"):  # fmt: skip
    """A profile with the given parts of the criterion (None leaves a part out)."""
    profile = services.profile_create(
        actor=SYSTEM,
        data={
            "staff_code": code or f"HB-{next(_n):05d}",
            "full_name": "Người Thử Nghiệm",
            "position": "Trưởng phòng" if is_leader else "Cán bộ",
            "is_leader": is_leader,
            "post_from": D(2038, 1, 1),
            "post_to": post_to,
            "owner_unit": unit,
            "classification": classification,
        },
    )
    if language:
        level, on, expires = language
        services.language_create(
            actor=SYSTEM,
            data={
                "profile": profile,
                "language": "en",
                "level": level,
                "certificate_on": on,
                "expires_on": expires,
            },
        )
    if law:
        services.qualification_create(
            actor=SYSTEM,
            data={"profile": profile, "kind": "intl_law", "title": "Luật quốc tế", "obtained_on": law},
        )
    if tech:
        services.qualification_create(
            actor=SYSTEM,
            data={"profile": profile, "kind": "cyber", "title": "An ninh mạng", "obtained_on": tech},
        )
    if posting:
        services.posting_create(
            actor=SYSTEM, data={"profile": profile, "kind": "peacekeeping", "start_on": posting}
        )
    return profile
