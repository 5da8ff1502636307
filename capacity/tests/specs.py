"""Specs of the capacity app's business models for the generated tests."""

from __future__ import annotations

import itertools

from capacity import services
from capacity.models import LanguageSkill, Posting, Qualification, StaffProfile
from core.context import SYSTEM
from core.testing import ModelSpec, register_spec

_n = itertools.count(1)


def make_profile(actor, unit, classification="thuong", **extra):
    n = next(_n)
    data = {
        "staff_code": f"T-{n:05d}",
        "full_name": f"Trần Thị Thử {n}",
        "rank": "Thiếu tá",
        "position": "Phó Trưởng phòng đối ngoại",
        "is_leader": True,
        "owner_unit": unit,
        "classification": classification,
        **extra,
    }
    return services.profile_create(actor=actor, data=data)


def _profile_form(unit, api=False):
    n = next(_n)
    return {
        "staff_code": f"F-{n:05d}",
        "full_name": f"Lê Văn Mẫu {n}",
        "birth_date": "1985-03-04" if api else "04/03/1985",
        "rank": "Trung tá",
        "position": "Trưởng phòng",
        "is_leader": True,
        "post_from": "2020-01-01" if api else "01/01/2020",
        "owner_unit": unit.pk,
        "classification": "thuong",
    }


register_spec(
    ModelSpec(
        model=StaffProfile,
        make=make_profile,
        form_data=_profile_form,
        api_data=lambda unit: _profile_form(unit, api=True),
        update_data={"position": "Đội trưởng đội hợp tác quốc tế"},
        invalid_data={"staff_code": ""},
        search_word="doi ngoai",
        api_basename="staff-profile",
    )
)


def make_language(actor, unit, classification="thuong", **extra):
    profile = make_profile(SYSTEM, unit, classification)
    return services.language_create(
        actor=actor,
        data={
            "profile": profile,
            "language": "en",
            "level": "B2",
            "certificate": f"Chứng chỉ thử nghiệm {next(_n)}",
            "certificate_on": "2025-05-05",
            **extra,
        },
    )


def _language_form(unit, api=False):
    profile = make_profile(SYSTEM, unit)
    return {
        "profile": profile.pk,
        "language": "fr",
        "level": "C1",
        "certificate": "DELF",
        "certificate_on": "2025-06-01" if api else "01/06/2025",
    }


register_spec(
    ModelSpec(
        model=LanguageSkill,
        make=make_language,
        form_data=_language_form,
        api_data=lambda unit: _language_form(unit, api=True),
        update_data={"certificate": "DALF"},
        invalid_data={"level": "Z9"},
        search_word="chung chi",
        api_basename="language-skill",
    )
)


def make_qualification(actor, unit, classification="thuong", **extra):
    profile = make_profile(SYSTEM, unit, classification)
    return services.qualification_create(
        actor=actor,
        data={
            "profile": profile,
            "kind": "cyber",
            "title": f"Khóa thử nghiệm an toàn thông tin số {next(_n)}",
            "obtained_on": "2025-04-01",
            **extra,
        },
    )


def _qualification_form(unit, api=False):
    profile = make_profile(SYSTEM, unit)
    return {
        "profile": profile.pk,
        "kind": "intl_law",
        "title": f"Lớp mẫu luật quốc tế {next(_n)}",
        "obtained_on": "2025-02-01" if api else "01/02/2025",
    }


register_spec(
    ModelSpec(
        model=Qualification,
        make=make_qualification,
        form_data=_qualification_form,
        api_data=lambda unit: _qualification_form(unit, api=True),
        update_data={"title": "Lớp mẫu luật quốc tế đã sửa"},
        invalid_data={"kind": "napkin"},
        search_word="thu nghiem",
        api_basename="qualification",
    )
)


def make_posting(actor, unit, classification="thuong", **extra):
    profile = make_profile(SYSTEM, unit, classification)
    return services.posting_create(
        actor=actor,
        data={
            "profile": profile,
            "kind": "peacekeeping",
            "place": f"Phái bộ thử nghiệm {next(_n)}",
            "start_on": "2023-01-10",
            "end_on": "2024-01-10",
            **extra,
        },
    )


def _posting_form(unit, api=False):
    profile = make_profile(SYSTEM, unit)
    return {
        "profile": profile.pk,
        "kind": "liaison",
        "place": "Sĩ quan liên lạc mẫu",
        "start_on": "2024-03-01" if api else "01/03/2024",
    }


register_spec(
    ModelSpec(
        model=Posting,
        make=make_posting,
        form_data=_posting_form,
        api_data=lambda unit: _posting_form(unit, api=True),
        update_data={"place": "Sĩ quan liên lạc đã sửa"},
        invalid_data={"start_on": "not-a-date"},
        search_word="phai bo",
        api_basename="posting",
    )
)
