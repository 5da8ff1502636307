"""Markings of generated documents (issue 21, item 3): the level stamp under the number and
symbol with the copy number beside it, "BẢN SAO" on a later copy, "GIẢI MẬT" with its date on a
declassified record; and the notice of a level change reaching those a document was handed
over to (item 4)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from access.choices import Classification
from cases.tests.specs import make_case
from core.context import SYSTEM
from core.copies import unit_copy_limit_set
from core.markings import docx_marking_text
from core.models import CopyRegisterEntry
from core.services import record_set_classification
from core.testing import client_for, make_user
from reports import registers, services
from reports.tests.test_issued import make_run, particulars

pytestmark = pytest.mark.django_db

STAMPS = ("MẬT", "Bản số", "BẢN SAO", "GIẢI MẬT")


def stamp_cell(content: bytes) -> list[str]:
    """The paragraphs of the header table's left cell (issuing body, number, stamps)."""
    cell = Document(io.BytesIO(content)).tables[0].rows[0].cells[0]
    return [p.text.strip() for p in cell.paragraphs if p.text.strip()]


def first_header(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).sections[0].first_page_header.paragraphs)


def lift(record, reason="Hết cần thiết bảo vệ"):
    """Declassify through the service, as the leadership decides it."""
    from org.models import User

    return record_set_classification(
        actor=User.objects.get(username="lanhdao"),
        obj=record,
        level=Classification.THUONG,
        protection_years=None,
        version=record.version,
        reason=reason,
    )


def test_an_issued_secret_document_carries_its_stamps_and_a_second_copy_reads_ban_sao(
    users, django_capture_on_commit_callbacks
):
    """The first copy: MẬT under "Số: 01/BC-CĐN", "Bản số: <copy>" under it, no BẢN SAO; the
    second copy of the same document is marked BẢN SAO with its own number."""
    head = users["doingoai"]
    run = make_run(head, django_capture_on_commit_callbacks, classification="mat")
    doc = services.run_issue(actor=head, run=run, data=particulars(head))
    url = f"/reports/issued/{doc.pk}/download/"
    first = client_for(head).get(url)
    assert first.status_code == 200
    entry = CopyRegisterEntry.objects.order_by("-pk").first()
    cell = stamp_cell(first.content)
    number = cell.index("Số: 01/BC-CĐN")
    assert cell[number + 1] == "MẬT"
    assert cell[number + 2] == f"Bản số: {entry.copy_label}"
    assert "BẢN SAO" not in docx_marking_text(first.content)
    assert entry.copy_label in first_header(first.content)

    second = client_for(head).get(url)
    assert second.status_code == 200
    again = CopyRegisterEntry.objects.order_by("-pk").first()
    assert again.pk != entry.pk
    assert "BẢN SAO" in first_header(second.content)
    assert f"Bản số: {again.copy_label}" in stamp_cell(second.content)
    # The stamp is printed once: the level is not repeated by the copy's marking.
    assert stamp_cell(second.content).count("MẬT") == 1


def test_a_report_download_is_stamped_and_an_unclassified_one_carries_no_stamp(
    users, django_capture_on_commit_callbacks
):
    head = users["doingoai"]
    plain = make_run(head, django_capture_on_commit_callbacks)
    response = client_for(head).get(reverse("reports:download", args=[plain.pk, "docx"]))
    assert response.status_code == 200
    text = docx_marking_text(response.content)
    assert not any(stamp in text for stamp in STAMPS)
    assert response.content == bytes(plain.docx)

    secret = make_run(head, django_capture_on_commit_callbacks, classification="toi_mat")
    response = client_for(head).get(reverse("reports:download", args=[secret.pk, "docx"]))
    entry = CopyRegisterEntry.objects.order_by("-pk").first()
    cell = stamp_cell(response.content)
    assert cell[cell.index("TỐI MẬT") + 1] == f"Bản số: {entry.copy_label}"


def test_a_declassified_report_reads_giai_mat_with_its_date(users, django_capture_on_commit_callbacks):
    """Lifted to Thường: no copy number any more, the level it was printed with stays, and
    "GIẢI MẬT" with "Từ: <the day of the decision>" is stamped under it."""
    head = users["doingoai"]
    run = make_run(head, django_capture_on_commit_callbacks, classification="mat")
    lift(run)
    before = CopyRegisterEntry.objects.count()
    response = client_for(head).get(reverse("reports:download", args=[run.pk, "docx"]))
    assert response.status_code == 200
    assert CopyRegisterEntry.objects.count() == before
    cell = stamp_cell(response.content)
    stamp = cell.index("GIẢI MẬT")
    assert cell[stamp + 1] == "Từ: {}".format(timezone.localdate().strftime("%d/%m/%Y"))
    assert cell[stamp - 1] == "MẬT"
    assert not any(line.startswith("Bản số") for line in cell)


def test_a_declassified_issued_document_reads_giai_mat(users, django_capture_on_commit_callbacks):
    head = users["doingoai"]
    run = make_run(head, django_capture_on_commit_callbacks, classification="mat")
    doc = services.run_issue(actor=head, run=run, data=particulars(head))
    lift(doc)
    response = client_for(head).get(f"/reports/issued/{doc.pk}/download/")
    assert response.status_code == 200
    text = docx_marking_text(response.content)
    assert "GIẢI MẬT" in text and "Từ: {}".format(timezone.localdate().strftime("%d/%m/%Y")) in text
    assert "BẢN SAO" not in text and "Bản số" not in text


def test_a_draft_letter_carries_the_stamp_under_the_issuing_unit_and_giai_mat_once_lifted(units, users):
    qn = units["CA-QUANG-NINH"]
    case = make_case(SYSTEM, qn, "mat")
    unit_copy_limit_set(actor=users["qninh_truong"], unit=qn, limit=2)
    url = reverse("cases:case_letter", args=[case.pk])
    c = client_for(users["qninh"])
    first = c.get(url, {"language": "vi", "download": 1})
    assert first.status_code == 200
    entry = CopyRegisterEntry.objects.order_by("-pk").first()
    cell = stamp_cell(first.content)
    assert cell[cell.index("MẬT") + 1] == f"Bản số: {entry.copy_label}"
    assert "BẢN SAO" not in docx_marking_text(first.content)
    second = c.get(url, {"language": "en", "download": 1})
    cell = stamp_cell(second.content)
    assert "CONFIDENTIAL" in cell and "MẬT" not in cell
    assert "BẢN SAO" in first_header(second.content)

    lift(case)
    case.refresh_from_db()
    plain = c.get(url, {"language": "vi", "download": 1})
    text = docx_marking_text(plain.content)
    assert "GIẢI MẬT" in text and "Bản số" not in text


def test_an_unclassified_letter_carries_no_stamp(units, users):
    case = make_case(SYSTEM, units["CA-QUANG-NINH"])
    response = client_for(users["qninh"]).get(
        reverse("cases:case_letter", args=[case.pk]), {"language": "vi", "download": 1}
    )
    assert response.status_code == 200
    text = docx_marking_text(response.content)
    assert not any(stamp in text for stamp in STAMPS)


def test_a_level_change_reaches_those_it_was_handed_over_to(units, users, django_capture_on_commit_callbacks):
    """An issued secret document handed over to a person of another unit: when its level
    changes, that unit is assigned the re-marking duty and the person is told in person."""
    from tracking.choices import NotificationKind
    from tracking.models import Notification, Obligation

    head = users["doingoai"]
    hanoi = units["CA-HA-NOI"]
    reader = make_user(hanoi, "viewer", "mat")
    run = make_run(head, django_capture_on_commit_callbacks, classification="mat")
    doc = services.run_issue(actor=head, run=run, data=particulars(head))
    registers.handover_create(actor=head, data={"issued_document": doc, "recipient": reader})
    assert registers.handover_holders(doc) == [(hanoi.pk, reader.pk)]
    # The report the document was issued from reaches the same holders.
    assert registers.handover_holders(run) == [(hanoi.pk, reader.pk)]

    lift(doc)
    obligation = Obligation.objects.filter(source_kind="classification").order_by("-pk").first()
    assert hanoi.pk in {a.unit_id for a in obligation.assignments.all()}
    notes = Notification.objects.filter(recipient=reader, kind=NotificationKind.CLASSIFICATION_CHANGED)
    assert notes.count() == 1
    # An officer of a notified unit who was handed it hears of it once, not twice.
    qninh = users["qninh"]
    run2 = make_run(head, django_capture_on_commit_callbacks, classification="mat")
    doc2 = services.run_issue(actor=head, run=run2, data=particulars(head))
    registers.handover_create(actor=head, data={"issued_document": doc2, "recipient": qninh})
    lift(doc2)
    assert (
        Notification.objects.filter(recipient=qninh, kind=NotificationKind.CLASSIFICATION_CHANGED).count()
        == 1
    )


def test_a_corrected_hand_over_no_longer_names_its_recipient(
    units, users, django_capture_on_commit_callbacks
):
    head = users["doingoai"]
    first = make_user(units["CA-HA-NOI"], "viewer", "mat")
    second = make_user(units["CA-HUE"], "viewer", "mat")
    run = make_run(head, django_capture_on_commit_callbacks, classification="mat")
    doc = services.run_issue(actor=head, run=run, data=particulars(head))
    wrong = registers.handover_create(actor=head, data={"issued_document": doc, "recipient": first})
    registers.handover_create(
        actor=head, data={"issued_document": doc, "recipient": second, "corrects": wrong}
    )
    assert registers.handover_holders(doc) == [(units["CA-HUE"].pk, second.pk)]
