"""Registers of secret documents (issue 21, item 2): received, hand-over, copying and
destruction lines (append-only, with history), the register of documents sent read from the
outgoing register, printing, the copy caps, and the generated-style permission, bad-input
and query-count tests adapted to registers that are only ever added to."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import NoReverseMatch, reverse
from rest_framework.test import APIClient

from cases.tests.specs import make_case
from core.context import SYSTEM
from core.copies import check_copy_cap, unit_copy_limit_set
from core.exceptions import PermissionDenied, ValidationError
from core.models import CopiedRecord, CopyDecision, CopyRegisterEntry, ObjectChange
from core.testing import count_queries, make_user, pdf_bytes
from reports import registers, services
from reports.models import ReceivedSecretDocument, SecretDestruction, SecretHandOver
from reports.tests.test_issued import make_run, particulars

pytestmark = pytest.mark.django_db

QN = "CA-QUANG-NINH"
TODAY = datetime.date(2026, 12, 7)


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def api_for(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def received_data(unit, **extra):
    return {
        "owner_unit": unit,
        "received_on": datetime.date(2026, 3, 2),
        "sender": "Văn phòng Bộ Công an",
        "doc_symbol": "15/VP-TH",
        "doc_date": datetime.date(2026, 2, 27),
        "level": "mat",
        "subject": "Kế hoạch bảo vệ hội nghị quốc tế bí danh Hải Đăng",
        "copies": 2,
        **extra,
    }


def received_form(unit, **extra):
    data = received_data(unit, **extra)
    data["owner_unit"] = unit.pk
    for key in ("received_on", "doc_date"):
        if isinstance(data[key], datetime.date):
            data[key] = data[key].strftime("%d/%m/%Y")
    return data


def make_received(actor, unit, **extra):
    return registers.received_create(actor=actor, data=received_data(unit, **extra))


def changes(obj):
    from django.contrib.contenttypes.models import ContentType

    return ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    )


# --- Received --------------------------------------------------------------------------------------


def test_received_lines_are_numbered_per_unit_and_year_through_the_page(units, users):
    """An officer enters documents on arrival: 1, 2 in the unit, 1 again for the next year and
    in another unit; each line has a create in history."""
    qn = units[QN]
    c = client_for(users["qninh"])
    for _ in range(2):
        response = c.post(reverse("reports:receivedsecretdocument_add"), received_form(qn))
        assert response.status_code == 302, response.content.decode()[:2000]
    lines = list(ReceivedSecretDocument.objects.filter(owner_unit=qn).order_by("pk"))
    assert [(d.year, d.number) for d in lines] == [(2026, 1), (2026, 2)]
    assert lines[0].received_by == users["qninh"] and lines[0].classification == "thuong"
    next_year = make_received(
        users["qninh"], qn, received_on=datetime.date(2025, 12, 30), doc_date=datetime.date(2025, 12, 29)
    )
    assert (next_year.year, next_year.number) == (2025, 1)
    hanoi = make_received(SYSTEM, units["CA-HA-NOI"])
    assert hanoi.number == 1
    assert list(changes(lines[0]).values_list("action", flat=True)) == ["create"]
    detail = c.get(lines[0].get_absolute_url())
    assert detail.status_code == 200
    assert "Hải Đăng" in detail.content.decode()
    assert c.get(reverse("reports:receivedsecretdocument_history", args=[lines[0].pk])).status_code == 200


def test_received_lines_are_never_edited_or_deleted(units, users):
    """No edit or delete page; the API answers 405 to PUT, PATCH and DELETE; the model refuses
    bulk writes outside the services."""
    line = make_received(users["qninh"], units[QN])
    for view in ("edit", "delete", "classification"):
        with pytest.raises(NoReverseMatch):
            reverse(f"reports:receivedsecretdocument_{view}", args=[line.pk])
    c = client_for(users["qninh_truong"])
    assert c.get(line.get_absolute_url() + "edit/").status_code == 404
    assert c.post(line.get_absolute_url() + "delete/").status_code == 404
    api = api_for(users["qninh_truong"])
    url = reverse("api:received-secret-document-detail", args=[line.pk])
    assert api.patch(url, {"sender": "x", "version": 1}, format="json").status_code == 405
    assert api.put(url, {"sender": "x", "version": 1}, format="json").status_code == 405
    assert api.delete(url).status_code == 405
    line.refresh_from_db()
    assert line.sender == "Văn phòng Bộ Công an" and line.version == 1


def test_a_correction_is_a_new_line_that_names_the_old_one(units, users):
    """The old line shows its correction; it cannot be corrected twice."""
    officer = users["qninh"]
    old = make_received(officer, units[QN], doc_symbol="15/VP-TH")
    new = make_received(officer, units[QN], doc_symbol="16/VP-TH", corrects=old)
    assert new.number == old.number + 1 and new.corrects == old
    page = client_for(officer).get(old.get_absolute_url()).content.decode()
    assert 'data-testid="corrected-by"' in page and new.get_absolute_url() in page
    with pytest.raises(ValidationError):
        make_received(officer, units[QN], corrects=old)


def test_the_subject_is_shown_only_to_readers_cleared_for_the_level(units, users):
    """A viewer without clearance sees the line, never its subject: not on the list, the
    detail, the history, the export, the print or the API, nor by searching it."""
    line = make_received(users["qninh"], units[QN], subject="Phương án bí danh Hải Đăng")
    viewer = make_user(units[QN], ["viewer", "officer"], "thuong")
    c = client_for(viewer)
    for url in (
        reverse("reports:receivedsecretdocument_list"),
        line.get_absolute_url(),
        reverse("reports:receivedsecretdocument_history", args=[line.pk]),
        reverse("reports:receivedsecretdocument_list") + "?export=csv",
        reverse("reports:receivedsecretdocument_print"),
    ):
        response = c.get(url)
        assert response.status_code == 200, url
        body = response.content.decode("utf-8-sig")
        assert "Hải Đăng" not in body, url
    assert "15/VP-TH" in c.get(reverse("reports:receivedsecretdocument_list")).content.decode()
    searched = c.get(reverse("reports:receivedsecretdocument_list"), {"q": "hai dang"})
    assert searched.context["page"].paginator.count == 0
    body = api_for(viewer).get(reverse("api:received-secret-document-detail", args=[line.pk])).json()
    assert body["subject"] == "" and body["doc_symbol"] == "15/VP-TH"
    cleared = (
        api_for(users["qninh"]).get(reverse("api:received-secret-document-detail", args=[line.pk])).json()
    )
    assert cleared["subject"] == "Phương án bí danh Hải Đăng"


# --- Generated-style permission tests, adapted to append-only registers ---------------------------


def make_handover(actor, unit, users):
    doc = make_received(SYSTEM, unit)
    recipient = make_user(unit, "officer", "mat")
    return registers.handover_create(actor=actor, data={"received_document": doc, "recipient": recipient})


def make_destruction(actor, unit, users):
    doc = make_received(SYSTEM, unit)
    return registers.destruction_create(
        actor=actor,
        data={
            "decision_number": "12/QĐ-CAT",
            "decision_date": datetime.date(2026, 4, 1),
            "decided_by": "Giám đốc Công an tỉnh",
            "received_document": doc,
            "copies": 1,
            "copy_numbers": "01",
            "destroyed_on": datetime.date(2026, 4, 2),
            "carried_out_by": "Tổ tiêu hủy của Phòng Tham mưu",
        },
    )


def make_copy_decision(actor, unit, users):
    doc = make_received(SYSTEM, unit)
    return registers.copy_decision_create(
        actor=users["lanhdao"] if actor is SYSTEM else actor,
        data={
            "received_document": doc,
            "decided_on": datetime.date(2026, 4, 1),
            "authoriser_title": "Giám đốc",
            "copies": 2,
            "purpose": "Phục vụ hội nghị giao ban",
        },
    )


def make_incident(actor, unit, users):
    from django.conf import settings

    settings.HOPTAC_SECRETS_PROTECTION_UNIT = "VPB"
    return registers.incident_create(
        actor=actor,
        data={
            "owner_unit": unit,
            "occurred_on": datetime.date(2025, 6, 1),
            "kind": "loss",
            "document_ref": "15/VP-TH",
            "level": "mat",
            "description": "Mất bản sao số 02.",
        },
    )


REGISTERS = {
    "received": (
        "receivedsecretdocument",
        "received-secret-document",
        lambda a, u, users: make_received(a, u),
    ),
    "handover": ("secrethandover", "secret-handover", make_handover),
    "destruction": ("secretdestruction", "secret-destruction", make_destruction),
    "copy": ("copydecision", "copy-decision", make_copy_decision),
    "incident": ("secretincident", "secret-incident", make_incident),
}


@pytest.fixture(params=list(REGISTERS))
def register(request):
    return REGISTERS[request.param]


def test_anonymous_goes_to_login_and_api_answers_401(register, units, users):
    """Anonymous users are sent to the login page; the API answers 401."""
    name, basename, make = register
    obj = make(SYSTEM, units[QN], users)
    c = Client()
    for url in (
        reverse(f"reports:{name}_list"),
        reverse(f"reports:{name}_add"),
        obj.get_absolute_url(),
        reverse(f"reports:{name}_history", args=[obj.pk]),
        reverse(f"reports:{name}_print"),
    ):
        response = c.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
    api = APIClient()
    assert api.get(reverse(f"api:{basename}-list")).status_code == 401
    assert api.get(reverse(f"api:{basename}-detail", args=[obj.pk])).status_code == 401
    assert api.post(reverse(f"api:{basename}-list"), {}, format="json").status_code == 401


@pytest.mark.parametrize("who", ["other_unit", "other_unit_head"])
def test_another_units_line_is_404_and_absent_everywhere(register, units, users, who):
    """Another unit's officer or head gets 404 and finds the line in no list, export or API."""
    name, basename, make = register
    obj = make(SYSTEM, units[QN], users)
    roles = "officer" if who == "other_unit" else ["unit_head", "officer"]
    user = make_user(units["CA-HA-NOI"], roles, "tuyet_mat")
    c = client_for(user)
    assert c.get(obj.get_absolute_url()).status_code == 404
    assert c.get(reverse(f"reports:{name}_history", args=[obj.pk])).status_code == 404
    listing = c.get(reverse(f"reports:{name}_list"), {"per_page": 100})
    assert obj.get_absolute_url() not in listing.content.decode()
    assert listing.context["page"].paginator.count == type(obj).objects.visible_to(user).count()
    export = c.get(reverse(f"reports:{name}_list"), {"export": "csv"})
    assert export.status_code == 200 and str(obj.pk) not in [
        row.split(",")[0] for row in export.content.decode("utf-8-sig").splitlines()
    ]
    printed = c.get(reverse(f"reports:{name}_print"))
    assert (
        printed.status_code == 200
        and len(printed.context["rows"]) == type(obj).objects.visible_to(user).count()
    )
    api = api_for(user)
    assert api.get(reverse(f"api:{basename}-detail", args=[obj.pk])).status_code == 404
    listed = api.get(reverse(f"api:{basename}-list"), {"page_size": 500}).json()
    assert obj.pk not in [row["id"] for row in listed["results"]]
    # Ministry-wide roles see it.
    assert type(obj).objects.visible_to(users["lanhdao"]).filter(pk=obj.pk).exists()


def test_a_viewer_reads_but_may_not_add_or_print(register, units, users):
    """A viewer of the unit sees the line and its history; add, print and export are 403."""
    name, basename, make = register
    obj = make(SYSTEM, units[QN], users)
    viewer = make_user(units[QN], "viewer", "mat")
    c = client_for(viewer)
    assert c.get(obj.get_absolute_url()).status_code == 200
    assert c.get(reverse(f"reports:{name}_history", args=[obj.pk])).status_code == 200
    assert c.get(reverse(f"reports:{name}_add")).status_code == 403
    assert c.get(reverse(f"reports:{name}_print")).status_code == 403
    assert c.get(reverse(f"reports:{name}_list"), {"export": "xlsx"}).status_code == 403
    api = api_for(viewer)
    assert api.get(reverse(f"api:{basename}-detail", args=[obj.pk])).status_code == 200
    before = type(obj).objects.count()
    assert api.post(reverse(f"api:{basename}-list"), {}, format="json").status_code == 403
    assert type(obj).objects.count() == before


def test_list_detail_history_and_api_queries_do_not_grow_with_the_data(register, units, users):
    """The list, detail, history, print and API list run as many queries for 2 and 8 lines."""
    name, basename, make = register
    first = make(SYSTEM, units[QN], users)
    make(SYSTEM, units[QN], users)
    user = users["qninh_truong"]
    c, api = client_for(user), api_for(user)

    def measure():
        return [
            count_queries(lambda: c.get(reverse(f"reports:{name}_list"))),
            count_queries(lambda: c.get(first.get_absolute_url())),
            count_queries(lambda: c.get(reverse(f"reports:{name}_history", args=[first.pk]))),
            count_queries(lambda: api.get(reverse(f"api:{basename}-list"))),
        ]

    measure()
    small = measure()
    for _ in range(6):
        make(SYSTEM, units[QN], users)
    assert measure() == small


def test_bad_input_is_refused_with_field_errors_and_writes_nothing(units, users):
    """A document dated after its arrival, a level of Thường, a future date: 400 with the field
    named, on the page and the API; no line, no number taken, no history."""
    officer = users["qninh"]
    qn = units[QN]
    before = (ReceivedSecretDocument.objects.count(), ObjectChange.objects.count())
    c = client_for(officer)
    response = c.post(
        reverse("reports:receivedsecretdocument_add"), received_form(qn, doc_date=datetime.date(2026, 3, 5))
    )
    assert response.status_code == 400 and response.context["form"].errors["doc_date"]
    response = c.post(reverse("reports:receivedsecretdocument_add"), received_form(qn, level="thuong"))
    assert response.status_code == 400 and response.context["form"].errors["level"]
    api = api_for(officer)
    body = {**received_form(qn), "received_on": "2099-01-01", "doc_date": "2026-01-01"}
    response = api.post(reverse("api:received-secret-document-list"), body, format="json")
    assert response.status_code == 400 and "received_on" in response.json()["error"]["fields"]
    response = api.post(reverse("api:received-secret-document-list"), "{bad", content_type="application/json")
    assert response.status_code == 400
    # Above the writer's clearance.
    response = api.post(
        reverse("api:received-secret-document-list"),
        {**received_form(qn), "level": "tuyet_mat"},
        format="json",
    )
    assert response.status_code == 400
    assert (ReceivedSecretDocument.objects.count(), ObjectChange.objects.count()) == before
    assert make_received(officer, qn).number == 1


# --- Hand-over ----------------------------------------------------------------------------------


def test_a_handover_waits_in_the_recipients_list_until_confirmed(units, users):
    """The recipient (of another unit) sees it pending and confirms it: the signature; nobody
    else confirms, twice is refused, and history records the confirmation."""
    doc = make_received(users["qninh"], units[QN])
    recipient = make_user(units["CA-HA-NOI"], "officer", "toi_mat")
    c = client_for(users["qninh_truong"])
    response = c.post(
        reverse("reports:secrethandover_add"),
        {"received_document": doc.pk, "recipient": recipient.pk, "copies": 1, "copy_numbers": "01"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    handover = SecretHandOver.objects.get(received_document=doc)
    assert handover.given_by == users["qninh_truong"] and handover.recipient_unit == recipient.unit
    assert handover.level == "mat" and handover.confirmed_at is None
    mine = client_for(recipient).get(reverse("reports:secrethandover_list"), {"pending": "mine"})
    assert [row["obj"].pk for row in mine.context["rows"]] == [handover.pk]
    api_pending = api_for(recipient).get(reverse("api:secret-handover-list"), {"pending": "mine"}).json()
    assert [row["id"] for row in api_pending["results"]] == [handover.pk]
    page = client_for(recipient).get(handover.get_absolute_url()).content.decode()
    assert 'data-testid="confirm-handover"' in page
    confirm = reverse("reports:handover_confirm", args=[handover.pk])
    assert client_for(users["qninh_truong"]).post(confirm).status_code == 403
    assert client_for(recipient).post(confirm).status_code == 302
    handover.refresh_from_db()
    assert handover.confirmed_at is not None and handover.version == 2
    assert list(changes(handover).order_by("pk").values_list("action", flat=True)) == ["create", "update"]
    assert client_for(recipient).post(confirm).status_code == 400
    api = api_for(recipient)
    assert api.post(reverse("api:secret-handover-confirm", args=[handover.pk])).status_code == 400
    mine = client_for(recipient).get(reverse("reports:secrethandover_list"), {"pending": "mine"})
    assert mine.context["rows"] == []


def test_a_handover_goes_only_to_someone_cleared_for_the_level(units, users):
    """A recipient below the level, no document or two documents: 400, nothing written."""
    doc = make_received(users["qninh"], units[QN], level="mat")
    api = api_for(users["qninh"])
    url = reverse("api:secret-handover-list")
    before = SecretHandOver.objects.count()
    response = api.post(url, {"received_document": doc.pk, "recipient": users["khach"].pk}, format="json")
    assert response.status_code == 400 and "recipient" in response.json()["error"]["fields"]
    response = api.post(url, {"recipient": users["qninh_truong"].pk}, format="json")
    assert response.status_code == 400
    assert SecretHandOver.objects.count() == before
    response = api.post(
        url, {"received_document": doc.pk, "recipient": users["qninh_truong"].pk}, format="json"
    )
    assert response.status_code == 201, response.content
    body = api_for(users["qninh_truong"]).post(
        reverse("api:secret-handover-confirm", args=[response.json()["id"]])
    )
    assert body.status_code == 200 and body.json()["confirmed_at"]


# --- Destruction ---------------------------------------------------------------------------------


def test_destruction_is_recorded_by_the_unit_head_with_its_decision(units, users):
    """An officer may not record a destruction (403); the head does; destroyed before the
    decision is refused."""
    doc = make_received(users["qninh"], units[QN])
    data = {
        "decision_number": "12/QĐ-CAT",
        "decision_date": "01/04/2026",
        "decided_by": "Giám đốc Công an tỉnh",
        "received_document": doc.pk,
        "copies": 2,
        "copy_numbers": "01-02",
        "destroyed_on": "02/04/2026",
        "carried_out_by": "Tổ tiêu hủy",
    }
    assert client_for(users["qninh"]).post(reverse("reports:secretdestruction_add"), data).status_code == 403
    c = client_for(users["qninh_truong"])
    bad = c.post(reverse("reports:secretdestruction_add"), {**data, "destroyed_on": "30/03/2026"})
    assert bad.status_code == 400 and bad.context["form"].errors["destroyed_on"]
    assert c.post(reverse("reports:secretdestruction_add"), data).status_code == 302
    line = SecretDestruction.objects.get(received_document=doc)
    assert line.level == "mat" and line.document_label == doc.label and line.owner_unit == units[QN]


# --- Sent register and printing -----------------------------------------------------------------


def test_the_sent_register_is_the_outgoing_register_of_secret_documents(
    users, units, django_capture_on_commit_callbacks
):
    """Only documents classified Mật or above, read from the outgoing register; printed with a
    copy number (the print holds classified lines)."""
    head = users["doingoai"]
    plain = make_run(head, django_capture_on_commit_callbacks)
    secret = make_run(head, django_capture_on_commit_callbacks, classification="mat")
    a = services.run_issue(actor=head, run=plain, data=particulars(head))
    s = services.run_issue(actor=head, run=secret, data=particulars(head))
    c = client_for(head)
    listing = c.get(reverse("reports:sent_register"))
    assert listing.status_code == 200
    # (Of the coordinator's unit: the demo's other units send secret documents too.)
    assert [row["obj"].pk for row in listing.context["rows"] if row["obj"].owner_unit_id == head.unit_id] == [
        s.pk
    ]
    assert a.pk not in [
        row["id"] for row in api_for(head).get(reverse("api:secret-document-sent-list")).json()["results"]
    ]
    before = CopyRegisterEntry.objects.count()
    printed = c.get(reverse("reports:sent_register_print"))
    assert printed.status_code == 200
    body = printed.content.decode()
    assert s.symbol in body and 'data-testid="print-copy-line"' in body
    assert CopyRegisterEntry.objects.count() == before + 1
    # Printing the register is not a copy of the documents: it never counts against their caps.
    assert not CopiedRecord.objects.filter(target_key=f"reports.issueddocument:{s.pk}").exists()
    other = make_user(units["CA-HA-NOI"], "officer", "tuyet_mat")
    assert client_for(other).get(reverse("reports:sent_register")).context["rows"] == []


def test_the_received_register_prints_in_its_form_layout(units, users):
    make_received(users["qninh"], units[QN], doc_symbol="21/VP-TH")
    response = client_for(users["qninh"]).get(reverse("reports:receivedsecretdocument_print"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "21/VP-TH" in body and "24/2020/TT-BCA" in body


# --- Copy caps ------------------------------------------------------------------------------------


def test_an_issued_document_is_copied_only_as_its_issue_permitted(
    users, units, django_capture_on_commit_callbacks
):
    """Issued in 3 copies without copying permitted: three downloads, the fourth refused with
    the reason (page and API), and no copy decision may raise it."""
    head = users["doingoai"]
    run = make_run(head, django_capture_on_commit_callbacks, classification="mat")
    doc = services.run_issue(actor=head, run=run, data=particulars(head))
    assert doc.copies == 3
    c = client_for(head)
    url = reverse("reports:issued_download", args=[doc.pk])
    for _ in range(3):
        assert c.get(url).status_code == 200
    refused = c.get(url)
    assert refused.status_code == 403
    assert "không cho phép sao" in refused.content.decode()
    assert CopiedRecord.objects.filter(target_key=f"reports.issueddocument:{doc.pk}").count() == 3
    with pytest.raises(ValidationError):
        registers.copy_decision_create(
            actor=users["lanhdao"],
            data={
                "issued_document": doc,
                "decided_on": TODAY,
                "authoriser_title": "Thứ trưởng",
                "copies": 1,
                "purpose": "x",
            },
        )


def test_a_copy_decision_raises_the_cap_and_numbers_its_copies(
    users, units, django_capture_on_commit_callbacks
):
    """Copying permitted, one copy issued: the second download needs a decision; the head of
    the unit records one for two copies, which the next downloads use, then it is refused again."""
    head = users["doingoai"]
    run = make_run(head, django_capture_on_commit_callbacks, classification="mat")
    data = particulars(head, copying_permitted=True, recipients=[{"name": "Lãnh đạo Bộ", "copies": 1}])
    doc = services.run_issue(actor=head, run=run, data=data)
    c = client_for(head)
    url = reverse("reports:issued_download", args=[doc.pk])
    assert c.get(url).status_code == 200
    refused = c.get(url)
    assert refused.status_code == 403 and "quyết định sao" in refused.content.decode()
    # A coordinator is not the head of the unit: 403 on the page, PermissionDenied in the service.
    with pytest.raises(PermissionDenied):
        registers.copy_decision_create(
            actor=head,
            data={
                "issued_document": doc,
                "decided_on": TODAY,
                "authoriser_title": "x",
                "copies": 2,
                "purpose": "x",
            },
        )
    response = api_for(users["lanhdao"]).post(
        reverse("api:copy-decision-list"),
        {
            "issued_document": doc.pk,
            "decided_on": "2026-12-07",
            "authoriser_title": "Thứ trưởng",
            "copies": 2,
            "purpose": "Gửi đoàn công tác",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    decision = CopyDecision.objects.get(pk=response.json()["id"])
    assert decision.level == "mat" and decision.authorised_by == users["lanhdao"]
    assert c.get(url).status_code == 200 and c.get(url).status_code == 200
    assert c.get(url).status_code == 403
    assert decision.copy_entries.count() == 2
    assert client_for(users["lanhdao"]).get(decision.get_absolute_url()).status_code == 200


def test_a_list_export_of_classified_records_is_capped_by_the_units_limit(units, users):
    """Default one copy of each classified record never issued: a second export of the same
    record is refused with the reason; the unit head raises the limit, and it passes."""
    case = make_case(SYSTEM, units[QN], "mat")
    c = client_for(users["qninh"])
    url = reverse("cases:cooperationcase_list")
    assert c.get(url, {"export": "csv", "q": case.title}).status_code == 200
    refused = c.get(url, {"export": "csv", "q": case.title})
    assert refused.status_code == 403
    assert "quyết định sao" in refused.content.decode()
    api = api_for(users["qninh"])
    assert api.post(reverse("api:copy-decision-limit"), {"limit": 3}, format="json").status_code == 403
    with pytest.raises(PermissionDenied):
        unit_copy_limit_set(actor=users["qninh"], unit=units[QN], limit=3)
    response = client_for(users["qninh_truong"]).post(reverse("reports:copy_limit"), {"limit": 0})
    assert response.status_code == 400
    response = api_for(users["qninh_truong"]).post(
        reverse("api:copy-decision-limit"), {"limit": 2}, format="json"
    )
    assert response.status_code == 200 and response.json()["limit"] == 2
    assert c.get(url, {"export": "csv", "q": case.title}).status_code == 200
    assert c.get(url, {"export": "csv", "q": case.title}).status_code == 403


def test_a_classified_records_file_download_is_a_numbered_capped_copy(units, users, settings, tmp_path):
    """Downloading a classified record's file takes a copy number (sent in X-Copy-Number); the
    second download past the limit is refused; a record's file of Thường is not counted."""
    from core.attachments import attachment_add

    settings.MEDIA_ROOT = tmp_path
    case = make_case(SYSTEM, units[QN], "mat")
    attachment = attachment_add(
        actor=users["qninh"],
        parent=case,
        file=SimpleUploadedFile("Biên bản.pdf", pdf_bytes(), "application/pdf"),
    )
    c = client_for(users["qninh"])
    url = reverse("attachments:download", args=[attachment.pk])
    first = c.get(url)
    assert first.status_code == 200 and first["X-Copy-Number"]
    b"".join(first.streaming_content)
    refused = c.get(url)
    assert refused.status_code == 403


def test_a_copy_decision_on_a_received_paper_document_takes_its_numbers_at_once(units, users):
    doc = make_received(users["qninh"], units[QN], copies=1)
    decision = registers.copy_decision_create(
        actor=users["qninh_truong"],
        data={
            "received_document": doc,
            "decided_on": TODAY,
            "authoriser_title": "Giám đốc",
            "copies": 3,
            "purpose": "Phổ biến",
        },
    )
    entry = decision.copy_entries.get()
    assert entry.copies == 3 and entry.kind == "copy" and entry.last_copy - entry.first_copy == 2
    assert decision.copy_numbers == entry.copy_label


def test_the_cap_check_counts_in_a_constant_number_of_queries(units, users):
    from core.copies import CopyTarget

    targets = [CopyTarget(key=f"x.y:{i}", label=str(i), unit_id=units[QN].pk) for i in range(50)]
    assert count_queries(lambda: check_copy_cap(targets[:5])) == count_queries(
        lambda: check_copy_cap(targets)
    )


def test_a_hidden_document_is_refused_like_a_missing_one(units, users):
    """Naming another unit's received document (which the writer cannot see) is refused with
    the error of an id that does not exist; nothing is written."""
    from access.links import LINK_ERROR

    hidden = make_received(SYSTEM, units["CA-HA-NOI"])
    api = api_for(users["qninh"])
    before = SecretHandOver.objects.count()
    for doc_id in (hidden.pk, 999999999):
        response = api.post(
            reverse("api:secret-handover-list"),
            {"received_document": doc_id, "recipient": users["qninh_truong"].pk},
            format="json",
        )
        assert response.status_code == 400
        assert response.json()["error"]["fields"]["received_document"] == [str(LINK_ERROR)]
    assert SecretHandOver.objects.count() == before


@pytest.mark.django_db(transaction=True)
def test_concurrent_entries_never_share_a_number(demo):
    """Several clerks enter documents received at the same instant: each number once, none skipped."""
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL row locks; SQLite serialises writers on its own")
    officer = demo["users"]["qninh"]
    barrier = threading.Barrier(5)
    outcomes: list[object] = []

    def enter() -> None:
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=20)
            outcomes.append(make_received(officer, officer.unit).number)
        except Exception as exc:
            outcomes.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=enter) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(o for o in outcomes if isinstance(o, int)) == [1, 2, 3, 4, 5], outcomes
