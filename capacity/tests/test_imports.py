"""Excel import of staff profiles and their languages and qualifications: row errors,
all or nothing, and a re-import that changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from capacity.models import LanguageSkill, Posting, Qualification, StaffProfile
from core.imports import get_import, import_commit, import_preview

pytestmark = pytest.mark.django_db


def upload(key, headers, rows):
    names = [c.name for c in get_import(key).columns]
    wb = Workbook()
    ws = wb.active
    ws.append(names)
    for row in rows:
        ws.append([dict(zip(headers, row, strict=False)).get(n, "") for n in names])
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("capacity.xlsx", out.getvalue(), content_type="application/octet-stream")


PROFILE = ["staff_code", "full_name", "rank", "position", "is_leader", "post_from", "owner_unit"]
LANG = ["profile", "language", "level", "certificate", "certificate_on"]
QUAL = ["profile", "kind", "title", "obtained_on"]


def test_profiles_languages_and_qualifications_import_once(users):
    """Profiles then their languages and qualifications import; the same files again change nothing."""
    user = users["qninh"]
    rows = [
        ["IMP-001", "Phạm Thu Hà", "Trung tá", "Trưởng phòng", "Có", "01/01/2022", "CA-QUANG-NINH"],
        ["IMP-002", "Đỗ Minh Sơn", "Thiếu tá", "Cán bộ", "Không", "", "CA-QUANG-NINH-PA08"],
    ]
    for _ in range(2):
        job = import_preview(
            actor=user, spec="capacity.staffprofile", upload=upload("capacity.staffprofile", PROFILE, rows)
        )
        import_commit(actor=user, job=job)
    assert job.summary == {"create": 0, "update": 0, "unchanged": 2}, job.errors
    assert StaffProfile.objects.get(staff_code="IMP-001").is_leader
    langs = [["IMP-001", "en", "B2", "IELTS 6.5", "05/05/2025"], ["IMP-002", "Tiếng Pháp", "b1", "", ""]]
    quals = [["IMP-001", "cyber", "Bồi dưỡng an ninh mạng", "01/03/2025"]]
    for _ in range(2):
        job = import_preview(
            actor=user, spec="capacity.languageskill", upload=upload("capacity.languageskill", LANG, langs)
        )
        assert not job.errors, job.errors
        import_commit(actor=user, job=job)
        job = import_preview(
            actor=user, spec="capacity.qualification", upload=upload("capacity.qualification", QUAL, quals)
        )
        import_commit(actor=user, job=job)
    assert LanguageSkill.objects.filter(profile__staff_code__startswith="IMP-").count() == 2
    assert Qualification.objects.filter(profile__staff_code="IMP-001").count() == 1
    assert job.summary == {"create": 0, "update": 0, "unchanged": 1}
    posts = [["IMP-002", "UN peacekeeping mission", "SS", "UNMISS", "01/02/2024"]]
    for _ in range(2):
        job = import_preview(
            actor=user,
            spec="capacity.posting",
            upload=upload("capacity.posting", ["profile", "kind", "country", "place", "start_on"], posts),
        )
        assert not job.errors, job.errors
        import_commit(actor=user, job=job)
    assert job.summary == {"create": 0, "update": 0, "unchanged": 1}
    assert Posting.objects.get(profile__staff_code="IMP-002").country.code == "SS"


def test_a_file_with_a_bad_row_writes_nothing_and_names_the_row(users):
    """A bad level and another province's unit are row errors; no profile is written."""
    user = users["qninh"]
    rows = [
        ["IMP-101", "Vũ Thanh Tâm", "Đại úy", "Cán bộ", "Không", "", "CA-QUANG-NINH"],
        ["IMP-102", "Ngô Văn Bình", "Đại úy", "Cán bộ", "Không", "", "CA-HA-NOI"],
        ["IMP-103", "Hồ Thị Yến", "Đại úy", "Cán bộ", "Không", "not a date", "CA-QUANG-NINH"],
    ]
    job = import_preview(
        actor=user, spec="capacity.staffprofile", upload=upload("capacity.staffprofile", PROFILE, rows)
    )
    assert {e["row"] for e in job.errors} == {3, 4}
    from core.imports import ImportRefused

    with pytest.raises(ImportRefused):
        import_commit(actor=user, job=job)
    assert not StaffProfile.objects.filter(staff_code__startswith="IMP-1").exists()
