"""Draft request letters (issue 8, part 7): coordinators' templates and the DOCX of a case."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cases import services
from cases.letters import docx_text
from cases.models import LetterTemplate
from cases.tests.specs import make_case
from core.audit import AuditEvent
from core.context import SYSTEM
from core.exceptions import PermissionDenied, ValidationError
from core.models import AuditEntry
from partners.models import Country

pytestmark = pytest.mark.django_db


@pytest.fixture
def extradition(units):
    case = make_case(
        SYSTEM,
        units["CA-QUANG-NINH"],
        "mat",
        type="extradition",
        title="Yêu cầu dẫn độ đối tượng lừa đảo hư cấu",
        summary="Đối tượng chiếm đoạt 3 tỷ đồng qua mạng rồi bỏ trốn (dữ liệu mẫu).",
        countries=[Country.objects.get(code="TH")],
        reciprocity=True,
    )
    services.reference_create(actor=SYSTEM, data={"case": case, "kind": "ours", "number": "DEMO-DD/2026/01"})
    services.subject_create(
        actor=SYSTEM,
        data={
            "case": case,
            "role": "Người bị yêu cầu dẫn độ",
            "full_name": "Đặng Văn Hư Cấu",
            "nationality": "Việt Nam",
        },
    )
    return case


def _docx(response):
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    return docx_text(response.content)


def test_vietnamese_and_english_letters_are_filled_from_the_case(client, users, extradition):
    from core.copies import unit_copy_limit_set
    from core.models import CopyRegisterEntry

    # The case is Mật: each draft is a numbered copy of it, two without a copy decision here.
    unit_copy_limit_set(actor=users["qninh_truong"], unit=extradition.owner_unit, limit=2)
    client.force_login(users["qninh"])
    url = reverse("cases:case_letter", args=[extradition.pk])
    text = _docx(
        client.get(url, {"language": "vi", "download": 1, "assistance": "Bắt giữ và dẫn độ đối tượng"})
    )
    assert "YÊU CẦU DẪN ĐỘ" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Bộ Công an nước Cộng hòa xã hội chủ nghĩa Việt Nam" in text
    assert "Thái Lan" in text and "nguyên tắc có đi có lại" in text
    assert "Đặng Văn Hư Cấu" in text and "DEMO-DD/2026/01" in text
    assert "Bắt giữ và dẫn độ đối tượng" in text and "chiếm đoạt 3 tỷ đồng" in text
    assert "MẬT" in text and "DỰ THẢO" in text and "{" not in text
    english = client.get(url, {"language": "en", "download": 1})
    text = _docx(english)
    assert "REQUEST FOR EXTRADITION" in text and "the principle of reciprocity" in text
    assert "Thailand" in text and "Ministry of Public Security of the Socialist Republic of Viet Nam" in text
    assert AuditEntry.objects.filter(event=AuditEvent.EXPORT, target_id=str(extradition.pk)).count() == 2
    entry = CopyRegisterEntry.objects.filter(kind="letter").order_by("-pk").first()
    import io

    from docx import Document

    header = Document(io.BytesIO(english.content)).sections[0].first_page_header
    assert entry.object_ids == [str(extradition.pk)]
    assert entry.copy_label in " ".join(p.text for p in header.paragraphs)
    # A third draft passes the unit's limit: refused with the reason.
    refused = client.get(url, {"language": "vi", "download": 1})
    assert refused.status_code == 403 and "quyết định sao" in refused.content.decode()


def test_general_template_serves_other_types_and_persons_are_masked_without_the_right(users, units):
    case = make_case(SYSTEM, units["CA-QUANG-NINH"], summary="Xác minh tài khoản ngân hàng.")
    services.subject_create(actor=SYSTEM, data={"case": case, "role": "Đối tượng", "full_name": "Lý Hư Cấu"})
    api = APIClient()
    api.force_authenticate(users["qninh"])
    text = _docx(api.get(f"/api/v1/cases/{case.pk}/letter/", {"language": "en"}))
    assert "REQUEST FOR COOPERATION" in text and "Lý Hư Cấu" in text
    # A viewer may not export; an officer of the unit sees the names in full.
    api.force_authenticate(users["khach"])
    assert api.get(f"/api/v1/cases/{case.pk}/letter/").status_code == 403


def test_no_template_in_the_language_is_a_clear_error(client, users, extradition):
    for t in LetterTemplate.objects.filter(language="en"):
        services.letter_template_delete(actor=SYSTEM, obj=t)
    client.force_login(users["qninh"])
    response = client.get(
        reverse("cases:case_letter", args=[extradition.pk]), {"language": "en", "download": 1}
    )
    assert response.status_code == 400 and "cán bộ điều phối" in response.content.decode()


def test_templates_are_edited_by_coordinators_and_placeholders_checked(users):
    with pytest.raises(PermissionDenied):
        services.letter_template_create(
            actor=users["qninh"], data={"name": "X", "language": "vi", "heading": "X", "body": "X"}
        )
    with pytest.raises(ValidationError) as exc:
        services.letter_template_create(
            actor=users["doingoai"], data={"name": "X", "language": "vi", "heading": "X", "body": "{unknown}"}
        )
    assert "{unknown}" in str(exc.value)
    t = services.letter_template_create(
        actor=users["doingoai"],
        data={
            "name": "Mẫu ngắn",
            "language": "vi",
            "case_type": "information",
            "heading": "Xác minh",
            "body": "{facts}",
        },
    )
    api = APIClient()
    api.force_authenticate(users["doingoai"])
    response = api.patch(
        f"/api/v1/letter-templates/{t.pk}/", {"body": "{facts}\n\n{contacts}", "version": 1}, format="json"
    )
    assert response.status_code == 200 and response.json()["version"] == 2


def test_letter_page_shows_the_form(client, users, extradition):
    client.force_login(users["qninh"])
    body = client.get(reverse("cases:case_letter", args=[extradition.pk])).content.decode()
    assert 'data-testid="letter-form"' in body
    body = client.get(extradition.get_absolute_url()).content.decode()
    assert 'data-testid="letter-vi"' in body and 'data-testid="letter-en"' in body
