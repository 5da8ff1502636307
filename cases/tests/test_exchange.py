"""Exchanged information (issue 8, parts 4 and 5): handling codes and grading, sharing within the
code, release of classified information to a foreign partner, personal-data items and the
register of transfers to foreign counterparts."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from rest_framework.test import APIClient

from cases import services
from cases.models import CaseMessage, CooperationCase, PersonalDataTransfer, ReleaseDecision
from cases.tests.specs import DECISION, make_case
from core.audit import AuditEvent
from core.context import SYSTEM
from core.exceptions import ValidationError
from core.models import AuditEntry, Share
from partners.models import Country

pytestmark = pytest.mark.django_db


def api(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def message(case, **extra):
    data = {
        "case": case,
        "date": "2026-03-10",
        "direction": "received",
        "channel": "interpol",
        "summary": "Thông tin về đường dây lừa đảo",
        **extra,
    }
    return services.message_create(actor=SYSTEM, data=data)


# --- Handling codes and grading -------------------------------------------------------------------


def test_h3_needs_its_conditions_and_grading_is_both_or_neither(units):
    case = make_case(SYSTEM, units["CA-QUANG-NINH"])
    with pytest.raises(ValidationError) as exc:
        message(case, handling_code="h3")
    assert "handling_conditions" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        message(case, source_reliability="B")
    assert "information_accuracy" in exc.value.message_dict
    m = message(case, handling_code="h1", source_reliability="B", information_accuracy="2")
    assert m.grading == "B2" and m.may_disseminate and not m.usable_as_evidence
    assert not message(case, handling_code="h2").may_disseminate


def test_message_list_and_export_show_handling_code_and_grading(client, users, units):
    case = make_case(SYSTEM, units["CA-QUANG-NINH"])
    message(case, handling_code="h2", source_reliability="A", information_accuracy="1")
    client.force_login(users["qninh"])
    url = reverse("cases:casemessage_list")
    body = client.get(url, {"handling_code": "h2"}).content.decode()
    assert "H2:" in body and "A1" in body
    response = client.get(url, {"handling_code": "h2", "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][4] in ("Mã xử lý", "Handling code")
    assert any(row[4].startswith("H2") and row[5] == "A1" for row in rows[1:])
    data = api(users["qninh"]).get("/api/v1/case-messages/", {"case": case.pk}).json()
    row = data["results"][0]
    assert row["grading"] == "A1" and row["may_disseminate"] is False and row["usable_as_evidence"] is False


def _shares(case):
    return Share.objects.filter(
        content_type=ContentType.objects.get_for_model(CooperationCase), object_id=case.pk
    ).count()


def test_sharing_beyond_the_handling_code_is_refused(client, users, units):
    case = make_case(SYSTEM, units["CA-QUANG-NINH"])
    message(case, handling_code="h0")
    assert services.case_share(actor=users["qninh"], obj=case, units=[units["CA-HA-NOI"]]) == 1
    blocked = make_case(SYSTEM, units["CA-QUANG-NINH"])
    message(blocked, handling_code="h2")
    with pytest.raises(ValidationError) as exc:
        services.case_share(actor=users["qninh"], obj=blocked, units=[units["CA-HA-NOI"]])
    assert "H2" in str(exc.value)
    # The page and the API refuse it the same way, and nothing is shared.
    client.force_login(users["qninh"])
    url = reverse("cases:cooperationcase_share", args=[blocked.pk])
    assert 'data-testid="share-blocked"' in client.get(url).content.decode()
    response = client.post(url, {"units": [units["CA-HA-NOI"].pk]})
    assert response.status_code == 400 and "bên cung cấp cho phép" in response.content.decode()
    response = api(users["qninh"]).post(
        f"/api/v1/cases/{blocked.pk}/share/", {"units": [units["CA-HA-NOI"].pk]}, format="json"
    )
    assert response.status_code == 400
    assert _shares(blocked) == 0
    # A single coded message cannot be passed on either.
    coded = CaseMessage.objects.get(case=blocked)
    with pytest.raises(ValidationError):
        services.case_share(actor=users["qninh"], obj=coded, units=[units["CA-HA-NOI"]])
    # Shared through the page when the codes allow it.
    response = client.post(
        reverse("cases:cooperationcase_share", args=[case.pk]), {"units": [units["CA-HAI-PHONG"].pk]}
    )
    assert response.status_code == 302 and _shares(case) == 2


# --- Release of classified information to a foreign partner ---------------------------------------


def decision(case, **extra):
    return services.decision_create(
        actor=SYSTEM, data={"case": case, **DECISION, "decided_on": "2026-03-05", **extra}
    )


def test_release_decision_needs_minister_or_deputy_and_refuses_top_secret(units):
    case = make_case(SYSTEM, units["CA-QUANG-NINH"], "toi_mat")
    with pytest.raises(ValidationError) as exc:
        decision(case, decision_level="director")
    assert "decision_level" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        decision(case, released_level="tuyet_mat", decision_level="minister")
    assert "decision_level" in exc.value.message_dict
    assert decision(case, decision_level="minister", released_level="toi_mat").pk
    assert ReleaseDecision.objects.filter(case=case).count() == 1


@pytest.mark.parametrize("authority", ["gen_secretary", "president", "prime_minister", "assembly_chair"])
def test_a_top_secret_release_is_recorded_only_on_the_decision_the_law_names(units, authority):
    """Tuyệt mật: only the General Secretary, the President, the Prime Minister or the Chair of
    the National Assembly, with the decision's number and date; a message then may go."""
    case = make_case(SYSTEM, units["CA-QUANG-NINH"], "tuyet_mat")
    for level in ("minister", "deputy_minister", "director", "other"):
        with pytest.raises(ValidationError) as exc:
            decision(case, released_level="tuyet_mat", decision_level=level)
        assert "decision_level" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        decision(case, released_level="tuyet_mat", decision_level=authority, decision_ref="")
    assert "decision_ref" in exc.value.message_dict
    top = decision(case, released_level="tuyet_mat", decision_level=authority)
    assert top.decision_ref and top.decided_on
    sent = message(case, direction="sent", date="2026-03-10", release_decision=top)
    assert sent.release_decision == top


def test_classified_message_sent_to_a_partner_needs_the_decision(units, users):
    case = make_case(SYSTEM, units["CA-QUANG-NINH"], "mat")
    sent = {"direction": "sent", "date": "2026-03-10"}
    with pytest.raises(ValidationError) as exc:
        message(case, **sent)
    assert "release_decision" in exc.value.message_dict
    other = decision(make_case(SYSTEM, units["CA-QUANG-NINH"], "mat"))
    with pytest.raises(ValidationError):
        message(case, release_decision=other, **sent)
    late = decision(case, decided_on="2026-03-20")
    with pytest.raises(ValidationError):
        message(case, release_decision=late, **sent)
    ok = decision(case)
    assert message(case, release_decision=ok, **sent).release_decision == ok
    # Received information and unclassified cases need no decision.
    assert message(case, direction="received").pk
    assert message(make_case(SYSTEM, units["CA-QUANG-NINH"]), **sent).pk
    top = make_case(SYSTEM, units["CA-QUANG-NINH"], "tuyet_mat")
    with pytest.raises(ValidationError):
        message(top, **sent)
    # The API answers 400 with the field.
    body = {"case": case.pk, "date": "2026-03-11", "direction": "sent", "channel": "interpol", "summary": "X"}
    response = api(users["qninh"]).post("/api/v1/case-messages/", body, format="json")
    assert response.status_code == 400 and "release_decision" in response.json()["error"]["fields"]
    response = api(users["qninh"]).post(
        "/api/v1/case-messages/", {**body, "release_decision": ok.pk}, format="json"
    )
    assert response.status_code == 201, response.content


def test_release_decision_page_masks_the_representative_for_a_viewer(client, users, units):
    d = decision(make_case(SYSTEM, units["CA-QUANG-NINH"]))
    client.force_login(users["khach"])
    body = client.get(d.get_absolute_url()).content.decode()
    assert "X0000001" not in body and "Cảnh sát Quốc gia Hư Cấu" in body
    client.force_login(users["qninh"])
    assert "X0000001" in client.get(d.get_absolute_url()).content.decode()


# --- Personal data items and transfers ------------------------------------------------------------


@pytest.fixture
def subject(units):
    case = make_case(SYSTEM, units["CA-QUANG-NINH"], countries=[Country.objects.get(code="KH")])
    s = services.subject_create(
        actor=SYSTEM,
        data={
            "case": case,
            "role": "Đối tượng",
            "full_name": "Trịnh Văn Hư Cấu",
            "document_number": "DEMO-Z9",
        },
    )
    services.item_create(
        actor=SYSTEM,
        data={"subject": s, "category": "criminal", "value": "Tiền án hư cấu", "sensitivity": "sensitive"},
    )
    return s


def test_sensitive_categories_cannot_be_tagged_basic(subject):
    with pytest.raises(ValidationError) as exc:
        services.item_create(
            actor=SYSTEM,
            data={"subject": subject, "category": "biometric", "value": "Vân tay", "sensitivity": "basic"},
        )
    assert "sensitivity" in exc.value.message_dict
    assert subject.legal_basis == "crime_prevention"


def test_a_sent_message_carrying_subjects_is_entered_in_the_transfer_register(subject, units):
    case = subject.case
    m = message(case, direction="sent", subjects=[subject])
    transfer = PersonalDataTransfer.objects.get(message=m)
    assert transfer.case == case and transfer.transferred_on == m.date
    assert transfer.recipient_country.code == "KH" and transfer.recipient
    assert list(transfer.subjects.all()) == [subject]
    assert "Trịnh Văn Hư Cấu" in transfer.subject_names
    assert transfer.includes_sensitive and transfer.legal_basis == "crime_prevention"
    # Received messages and messages without subjects are not transfers.
    message(case, direction="received", subjects=[subject])
    message(case, direction="sent")
    assert PersonalDataTransfer.objects.filter(case=case).count() == 1
    # Subjects of another case are refused.
    other = make_case(SYSTEM, units["CA-QUANG-NINH"])
    with pytest.raises(ValidationError):
        message(other, direction="sent", subjects=[subject])


def test_transfer_register_masks_names_and_audits_full_views(client, users, subject):
    m = message(subject.case, direction="sent", subjects=[subject])
    transfer = PersonalDataTransfer.objects.get(message=m)
    url = reverse("cases:personaldatatransfer_list")
    client.force_login(users["khach"])
    body = client.get(url).content.decode()
    assert "Trịnh Văn Hư Cấu" not in body
    assert "Trịnh Văn Hư Cấu" not in client.get(subject.case.get_absolute_url()).content.decode()
    row = api(users["khach"]).get(f"/api/v1/personal-data-transfers/{transfer.pk}/").json()
    assert row["subject_names"] == "•••"
    before = AuditEntry.objects.filter(event=AuditEvent.PERSONAL_DATA_VIEW).count()
    client.force_login(users["doingoai"])
    assert "Trịnh Văn Hư Cấu" in client.get(transfer.get_absolute_url()).content.decode()
    body = client.get(subject.case.get_absolute_url()).content.decode()
    assert "Tiền án hư cấu" in body and 'data-testid="transfers"' in body
    row = api(users["doingoai"]).get(f"/api/v1/personal-data-transfers/{transfer.pk}/").json()
    assert row["subject_names"] == "Trịnh Văn Hư Cấu"
    assert AuditEntry.objects.filter(event=AuditEvent.PERSONAL_DATA_VIEW).count() >= before + 3


def test_demo_holds_release_decisions_codes_and_transfers(users):
    red = CooperationCase.objects.filter(notice_colour="red", classification="mat").first()
    sent = CaseMessage.objects.get(case=red, direction="sent")
    assert sent.release_decision.decision_level == "deputy_minister"
    assert PersonalDataTransfer.objects.filter(message=sent).exists()
    assert CaseMessage.objects.filter(handling_code="h2").exists()
    assert CaseMessage.objects.exclude(source_reliability="").exists()


def test_message_form_refuses_classified_sending_without_a_decision(client, users, units):
    case = make_case(SYSTEM, units["CA-QUANG-NINH"], "mat")
    client.force_login(users["qninh"])
    data = {
        "case": case.pk,
        "date": "10/03/2026",
        "direction": "sent",
        "channel": "interpol",
        "summary": "Gửi kết quả xác minh",
        "handling_code": "h1",
        "source_reliability": "B",
        "information_accuracy": "2",
    }
    response = client.post(reverse("cases:casemessage_add"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["release_decision"]
    assert not CaseMessage.objects.filter(case=case).exists()
    d = decision(case)
    response = client.post(reverse("cases:casemessage_add"), {**data, "release_decision": d.pk})
    assert response.status_code == 302
    assert CaseMessage.objects.get(case=case).grading == "B2"
