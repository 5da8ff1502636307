"""The yearly state-secrets report (issue 21, item 5): counts from the registers for the year
window 15/12-14/12 and a scope, its page, Word report, Excel annex and API; the yearly duty of
each unit; incidents reported to the unit responsible for protecting state secrets."""

from __future__ import annotations

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cases.tests.specs import make_case
from core.context import SYSTEM
from core.exceptions import ValidationError
from core.models import ObjectChange
from core.services import record_set_classification
from core.testing import api_for, client_for, count_queries, make_user
from org.models import Unit
from reports import registers, services
from reports.duties import due_on, duty_title, reporting_units, secrets_report_duties
from reports.models import ReceivedSecretDocument, SecretIncident
from reports.secrets_report import report_year, secrets_yearly, year_window
from reports.tests.test_issued import make_run, particulars
from reports.tests.test_registers import make_received
from tracking.models import Assignment, Notification, Obligation
from tracking.reminders import DAILY_JOBS

pytestmark = pytest.mark.django_db

QN = "CA-QUANG-NINH"
HN = "CA-HA-NOI"


def incident_data(unit, **extra):
    return {
        "owner_unit": unit,
        "occurred_on": datetime.date(2025, 6, 1),
        "kind": "loss",
        "document_ref": "15/VP-TH",
        "level": "mat",
        "description": "Mất một bản sao số 02 trên đường chuyển giao.",
        **extra,
    }


IN_2025 = {"received_on": datetime.date(2025, 3, 2), "doc_date": datetime.date(2025, 2, 27)}


def cell(report, unit, level, metric):
    for row in report["rows"]:
        if row["unit"].pk == unit.pk and row["level"] == level:
            return row["counts"][metric]
    return 0


def test_the_window_runs_from_15_december_to_14_december():
    assert year_window(2026) == (datetime.date(2025, 12, 15), datetime.date(2026, 12, 14))
    assert report_year(datetime.date(2026, 12, 14)) == 2026
    assert report_year(datetime.date(2026, 12, 15)) == 2027


def test_the_window_boundaries_count_each_line_in_one_year(units, users):
    """A document received on 14/12 counts in that year, one received on 15/12 in the next."""
    officer, qn = users["qninh"], units[QN]
    for day in (
        datetime.date(2024, 12, 14),
        datetime.date(2024, 12, 15),
        datetime.date(2025, 12, 14),
        datetime.date(2025, 12, 15),
    ):
        make_received(officer, qn, received_on=day, doc_date=datetime.date(2024, 12, 1))
    head = users["qninh_truong"]
    assert secrets_yearly(user=head, year=2025, scope=qn)["overall"]["received"] == 2
    assert secrets_yearly(user=head, year=2024, scope=qn)["overall"]["received"] == 1
    assert secrets_yearly(user=head, year=2026, scope=qn)["overall"]["received"] == 1


def test_the_report_reproduces_the_registers_counts(
    units, users, django_capture_on_commit_callbacks, settings
):
    """Each figure is the number of register lines of the window, per unit and level; a
    corrected line counts once; another unit's lines and hidden records are left out."""
    settings.HOPTAC_SECRETS_PROTECTION_UNIT = "VPB"
    qn, hn = units[QN], units[HN]
    officer, head, coordinator = users["qninh"], users["qninh_truong"], users["doingoai"]
    first = make_received(officer, qn, **IN_2025)
    make_received(officer, qn, corrects=first, **IN_2025)  # a correction: counted once
    make_received(coordinator, qn, level="toi_mat", **IN_2025)
    make_received(coordinator, hn, **IN_2025)  # another unit
    recipient = make_user(qn, "officer", "mat")
    registers.handover_create(actor=officer, data={"received_document": first, "recipient": recipient})
    registers.copy_decision_create(
        actor=head,
        data={
            "received_document": first,
            "decided_on": datetime.date(2025, 4, 1),
            "authoriser_title": "Giám đốc",
            "copies": 2,
            "purpose": "Hội nghị giao ban",
        },
    )
    registers.destruction_create(
        actor=head,
        data={
            "decision_number": "12/QĐ-CAT",
            "decision_date": datetime.date(2025, 4, 1),
            "decided_by": "Giám đốc Công an tỉnh",
            "received_document": first,
            "copies": 1,
            "copy_numbers": "01",
            "destroyed_on": datetime.date(2025, 4, 2),
            "carried_out_by": "Tổ tiêu hủy",
        },
    )
    registers.incident_create(actor=officer, data=incident_data(qn))
    case = make_case(officer, qn, classification="mat")
    record_set_classification(
        actor=head, obj=case, level="thuong", version=case.version, reason="Hết thời hạn bảo vệ"
    )

    report = secrets_yearly(user=head, year=2025, scope=qn)
    assert cell(report, qn, "mat", "received") == 1
    assert cell(report, qn, "toi_mat", "received") == 1
    assert report["overall"]["received"] == 2
    assert cell(report, qn, "mat", "copied") == 1
    assert cell(report, qn, "mat", "destroyed") == 1
    assert cell(report, qn, "mat", "incidents") == 1
    assert hn.pk not in {row["unit"].pk for row in report["rows"]}
    # The same figures as the registers read directly (the window of 2025, this unit).
    start, end = year_window(2025)
    assert report["overall"]["received"] == (
        ReceivedSecretDocument.objects.visible_to(head)
        .filter(owner_unit=qn, received_on__range=(start, end), corrected_by__isnull=True)
        .count()
    )
    # Hand-over and declassification happened today: the window of today.
    now = secrets_yearly(user=head, year=report_year(timezone.localdate()), scope=qn)
    assert cell(now, qn, "mat", "handed_over") == 1
    assert cell(now, qn, "mat", "declassified") == 1
    # The ministry-wide reader sees Hà Nội's line too.
    assert secrets_yearly(user=coordinator, year=2025)["overall"]["received"] >= 3


def test_created_and_sent_come_from_the_outgoing_register_through_visibility(
    units, users, django_capture_on_commit_callbacks
):
    """A document issued Mật counts as created and sent; one issued Tối mật is hidden from a
    reader cleared for Mật only, and is not counted for them."""
    head = users["doingoai"]
    secret = make_run(head, django_capture_on_commit_callbacks, classification="mat")
    issued = services.run_issue(actor=head, run=secret, data=particulars(head))
    higher = make_run(head, django_capture_on_commit_callbacks, classification="toi_mat")
    services.run_issue(actor=head, run=higher, data=particulars(head))
    plain = make_run(head, django_capture_on_commit_callbacks)
    services.run_issue(actor=head, run=plain, data=particulars(head))
    year, cdn = report_year(issued.issued_on), units["CDN"]
    report = secrets_yearly(user=head, year=year, scope=cdn)
    assert cell(report, cdn, "mat", "created") == 1 and cell(report, cdn, "mat", "sent") == 1
    assert cell(report, cdn, "toi_mat", "created") == 1
    low = make_user(cdn, ["unit_head", "officer"], "mat")
    mine = secrets_yearly(user=low, year=year, scope=cdn)
    assert cell(mine, cdn, "mat", "created") == 1 and cell(mine, cdn, "toi_mat", "created") == 0


def test_the_report_runs_a_fixed_number_of_queries(units, users, settings):
    """The selector, the page and the API run as many queries for 2 lines as for 12."""
    settings.HOPTAC_SECRETS_PROTECTION_UNIT = "VPB"
    officer, head, qn = users["qninh"], users["qninh_truong"], units[QN]
    make_received(officer, qn, **IN_2025)
    registers.incident_create(actor=officer, data=incident_data(qn))
    c, api = client_for(head), api_for(head)
    params = {"year": 2025, "unit": qn.pk}

    def measure():
        return [
            count_queries(lambda: secrets_yearly(user=head, year=2025, scope=qn)),
            count_queries(lambda: c.get(reverse("reports:secrets_yearly"), params)),
            count_queries(lambda: api.get(reverse("api-secrets-report"), params)),
        ]

    measure()
    small = measure()
    for i in range(5):
        make_received(officer, qn, level="mat", doc_symbol=f"{i}/VP", **IN_2025)
        registers.incident_create(actor=officer, data=incident_data(qn, kind="disclosure"))
    assert measure() == small


def test_page_docx_xlsx_and_api_show_the_figures(units, users, settings):
    from docx import Document
    from openpyxl import load_workbook

    settings.HOPTAC_SECRETS_PROTECTION_UNIT = "VPB"
    officer, head, qn = users["qninh"], users["qninh_truong"], units[QN]
    for i in range(3):
        make_received(officer, qn, doc_symbol=f"{i}/VP-TH", **IN_2025)
    c = client_for(head)
    params = {"year": 2025, "unit": qn.pk}
    page = c.get(reverse("reports:secrets_yearly"), params)
    assert page.status_code == 200
    assert page.context["report"]["overall"]["received"] == 3
    assert qn.name_vi in page.content.decode()

    docx = c.get(reverse("reports:secrets_yearly_download", args=["docx"]), params)
    assert docx.status_code == 200
    doc = Document(io.BytesIO(docx.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text and "bảo vệ bí mật nhà nước năm 2025" in text
    header = doc.tables[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.rows[0].cells[1].text
    assert "Số:" in header.rows[0].cells[0].text
    grid = doc.tables[1]
    rows = [[cell.text for cell in row.cells] for row in grid.rows]
    received_col = rows[0].index("Received") if "Received" in rows[0] else 4
    mine = [r for r in rows if r[0] == qn.name_vi]
    assert mine and mine[0][received_col] == "3"

    xlsx = c.get(reverse("reports:secrets_yearly_download", args=["xlsx"]), params)
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(xlsx.content))
    values = [list(r) for r in book.worksheets[1].iter_rows(values_only=True)]
    assert any(r[0] == qn.name_vi and 3 in r for r in values)

    body = api_for(head).get(reverse("api-secrets-report"), params).json()
    assert body["year"] == 2025 and body["start"] == "2024-12-15" and body["end"] == "2025-12-14"
    assert body["overall"]["received"] == 3
    assert [r["received"] for r in body["rows"] if r["unit"] == qn.pk and r["level"] == "mat"] == [3]


def test_a_classified_draft_is_a_numbered_capped_copy_and_an_empty_one_is_not(units, users):
    """Counting Mật documents, the unissued report is Mật: each download is a line of the
    copy register with its number printed, capped by the unit's limit (default 1) per
    format, refused past it with the reason and nothing added; a report that counts
    nothing is Thường and downloads freely without a number."""
    from docx import Document
    from openpyxl import load_workbook

    from core.models import CopyRegisterEntry

    officer, head, qn = users["qninh"], users["qninh_truong"], units[QN]
    c = client_for(head)
    empty = {"year": 2021, "unit": qn.pk}
    before = CopyRegisterEntry.objects.count()
    for _ in range(2):
        assert c.get(reverse("reports:secrets_yearly_download", args=["docx"]), empty).status_code == 200
    assert CopyRegisterEntry.objects.count() == before

    make_received(officer, qn, level="mat", doc_symbol="7/VP-TH", **IN_2025)
    params = {"year": 2025, "unit": qn.pk}
    docx = c.get(reverse("reports:secrets_yearly_download", args=["docx"]), params)
    assert docx.status_code == 200
    entry = CopyRegisterEntry.objects.order_by("-pk").first()
    assert CopyRegisterEntry.objects.count() == before + 1
    assert entry.classification == "mat" and entry.file_format == "docx" and entry.kind == "report"
    header = Document(io.BytesIO(docx.content)).tables[0].rows[0].cells[0].text
    assert "MẬT" in header and entry.copy_label in header
    xlsx = c.get(reverse("reports:secrets_yearly_download", args=["xlsx"]), params)
    assert xlsx.status_code == 200
    first_line = next(load_workbook(io.BytesIO(xlsx.content)).worksheets[0].iter_rows(values_only=True))
    assert CopyRegisterEntry.objects.order_by("-pk").first().copy_label in str(first_line[0])
    # The unit's limit is one copy: the second Word download is refused, nothing recorded.
    count = CopyRegisterEntry.objects.count()
    refused = c.get(reverse("reports:secrets_yearly_download", args=["docx"]), params)
    assert refused.status_code == 403
    assert CopyRegisterEntry.objects.count() == count


def test_bad_year_or_unit_is_a_clear_400(units, users):
    head = users["qninh_truong"]
    c, api = client_for(head), api_for(head)
    for params, field in (
        ({"year": "1999"}, "year"),
        ({"year": "abc"}, "year"),
        ({"unit": "99999999"}, "unit"),
    ):
        page = c.get(reverse("reports:secrets_yearly"), params)
        assert page.status_code == 400 and page.context["error"]
        assert c.get(reverse("reports:secrets_yearly_download", args=["docx"]), params).status_code == 400
        answer = api.get(reverse("api-secrets-report"), params)
        assert answer.status_code == 400 and field in answer.json()["error"]["fields"]


def test_permissions_other_unit_404_without_role_403_anonymous_login(units, users):
    other = {"unit": units[HN].pk, "year": 2025}
    officer = users["qninh"]
    assert client_for(officer).get(reverse("reports:secrets_yearly"), other).status_code == 404
    assert api_for(officer).get(reverse("api-secrets-report"), other).status_code == 404
    viewer = users["khach"]
    assert client_for(viewer).get(reverse("reports:secrets_yearly")).status_code == 403
    assert (
        client_for(viewer).get(reverse("reports:secrets_yearly_download", args=["xlsx"])).status_code == 403
    )
    assert api_for(viewer).get(reverse("api-secrets-report")).status_code == 403
    response = Client().get(reverse("reports:secrets_yearly"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert APIClient().get(reverse("api-secrets-report")).status_code == 401
    # The ministry-wide reader may read any unit.
    assert client_for(users["doingoai"]).get(reverse("reports:secrets_yearly"), other).status_code == 200


# --- The yearly duty ------------------------------------------------------------------------


def test_the_duty_is_opened_once_per_unit_and_year_due_20_december(units):
    assert "secrets_report_duties" in DAILY_JOBS
    assert secrets_report_duties(datetime.date(2030, 11, 30)) == 0
    expected = reporting_units()
    assert units[QN] in expected and units["CDN"] in expected and units["LDB"] not in expected
    assert secrets_report_duties(datetime.date(2030, 12, 1)) == len(expected)
    assert secrets_report_duties(datetime.date(2030, 12, 2)) == 0
    duties = Obligation.objects.filter(title=duty_title(2030))
    assert duties.count() == len(expected)
    assert sorted(duties.values_list("owner_unit_id", flat=True)) == sorted(u.pk for u in expected)
    qn_duty = duties.get(owner_unit=units[QN])
    assignment = Assignment.objects.get(obligation=qn_duty)
    assert assignment.unit_id == units[QN].pk and assignment.due_on == due_on(2030) == datetime.date(
        2030, 12, 20
    )
    # The next year is a duty of its own.
    assert secrets_report_duties(datetime.date(2031, 12, 1)) == len(expected)


# --- Incidents ------------------------------------------------------------------------------


def test_an_incident_notifies_the_protection_unit_and_is_counted(units, users, settings):
    settings.HOPTAC_SECRETS_PROTECTION_UNIT = "VPB"
    protector = make_user(units["VPB"], "unit_head", "mat")
    officer, qn = users["qninh"], units[QN]
    c = client_for(officer)
    form = {
        "owner_unit": qn.pk,
        "occurred_on": "01/06/2025",
        "kind": "disclosure",
        "document_ref": "15/VP-TH",
        "level": "mat",
        "description": "Lộ nội dung qua thư điện tử.",
    }
    response = c.post(reverse("reports:secretincident_add"), form)
    assert response.status_code == 302
    incident = SecretIncident.objects.get(owner_unit=qn, kind="disclosure")
    assert incident.reported_to == units["VPB"] and incident.reported_by_name
    note = Notification.objects.get(recipient=protector, key=f"secret_incident:{incident.pk}")
    assert note.kind == "secret_incident" and note.url == incident.get_absolute_url()
    # The protection unit reads it; the report counts it.
    assert client_for(protector).get(incident.get_absolute_url()).status_code == 200
    report = secrets_yearly(user=users["qninh_truong"], year=2025, scope=qn)
    assert cell(report, qn, "mat", "incidents") == 1
    # Through the API as well.
    api = api_for(officer)
    answer = api.post(
        reverse("api:secret-incident-list"),
        {**form, "occurred_on": "2025-07-01", "kind": "loss", "owner_unit": qn.pk},
        format="json",
    )
    assert answer.status_code == 201 and answer.json()["reported_to"] == units["VPB"].pk
    assert Notification.objects.filter(recipient=protector, kind="secret_incident").count() == 2


def test_a_bad_incident_writes_nothing_and_notifies_nobody(units, users, settings):
    settings.HOPTAC_SECRETS_PROTECTION_UNIT = "VPB"
    make_user(units["VPB"], "unit_head", "tuyet_mat")
    officer, qn = users["qninh"], units[QN]
    before = (SecretIncident.objects.count(), ObjectChange.objects.count(), Notification.objects.count())
    c = client_for(officer)
    future = (timezone.localdate() + datetime.timedelta(days=3)).strftime("%d/%m/%Y")
    form = {"owner_unit": qn.pk, "occurred_on": future, "kind": "loss", "document_ref": "x", "level": "mat"}
    response = c.post(reverse("reports:secretincident_add"), {**form, "description": "x"})
    assert response.status_code == 400 and response.context["form"].errors["occurred_on"]
    response = c.post(
        reverse("reports:secretincident_add"), {**form, "occurred_on": "01/06/2025", "level": "thuong"}
    )
    assert response.status_code == 400 and response.context["form"].errors["level"]
    api = api_for(officer)
    answer = api.post(
        reverse("api:secret-incident-list"),
        {**form, "occurred_on": "2025-06-01", "kind": "theft", "description": "x"},
        format="json",
    )
    assert answer.status_code == 400 and "kind" in answer.json()["error"]["fields"]
    answer = api.post(
        reverse("api:secret-incident-list"),
        {**form, "occurred_on": "2025-06-01", "level": "tuyet_mat", "description": "x"},
        format="json",
    )
    assert answer.status_code == 400
    settings.HOPTAC_SECRETS_PROTECTION_UNIT = "NO-SUCH-UNIT"
    with pytest.raises(ValidationError):
        registers.incident_create(actor=officer, data=incident_data(qn))
    after = (SecretIncident.objects.count(), ObjectChange.objects.count(), Notification.objects.count())
    assert after == before
    assert SYSTEM is not None


def test_for_the_demo_the_report_equals_the_registers_read_one_by_one(users):
    """Whatever the demo holds (its outgoing register issues documents), each ministry-wide
    figure is the count of the register's live lines in the window, read directly."""
    from core.models import CopyDecision
    from reports.models import IssuedDocument, SecretDestruction, SecretHandOver

    reader = users["lanhdao"]
    year = report_year(timezone.localdate())
    start, end = year_window(year)
    report = secrets_yearly(user=reader, year=year)
    levels = ("mat", "toi_mat", "tuyet_mat")
    issued = IssuedDocument.objects.visible_to(reader).filter(
        classification__in=levels, issued_on__range=(start, end)
    )
    expected = {
        "created": issued.count(),
        "sent": issued.filter(copies__gt=0).count(),
        "received": ReceivedSecretDocument.objects.visible_to(reader)
        .filter(received_on__range=(start, end), corrected_by__isnull=True)
        .count(),
        "copied": CopyDecision.objects.visible_to(reader)
        .filter(decided_on__range=(start, end), corrected_by__isnull=True, level__in=levels)
        .count(),
        "handed_over": SecretHandOver.objects.visible_to(reader)
        .filter(handed_at__date__range=(start, end), corrected_by__isnull=True)
        .count(),
        "destroyed": SecretDestruction.objects.visible_to(reader)
        .filter(destroyed_on__range=(start, end), corrected_by__isnull=True)
        .count(),
        "incidents": SecretIncident.objects.visible_to(reader)
        .filter(occurred_on__range=(start, end), corrected_by__isnull=True)
        .count(),
    }
    assert {k: report["overall"][k] for k in expected} == expected
    assert sum(report["totals"][level]["created"] for level in levels) == expected["created"]
    # The demo's register lines (reports/demo.py) give every one of these figures a value.
    assert all(expected[k] > 0 for k in ("created", "sent", "received", "copied", "handed_over", "destroyed"))
    cdn = Unit.objects.get(code="CDN")
    mine = secrets_yearly(user=reader, year=year, scope=cdn)["totals"]["mat"]
    assert (mine["received"], mine["handed_over"], mine["copied"], mine["destroyed"]) == (1, 1, 1, 1)
    previous = secrets_yearly(user=reader, year=year - 1, scope=cdn)["totals"]["mat"]
    assert previous["received"] == 1 and previous["destroyed"] == 0


def test_loading_the_demo_again_adds_no_register_line(users):
    """``load_demo`` twice in a row (``make run``): the registers' demo lines are made once."""
    from django.core.management import call_command

    from core.models import CopyDecision
    from reports.models import IssuedDocument, SecretDestruction, SecretHandOver

    models = (ReceivedSecretDocument, SecretHandOver, SecretDestruction, CopyDecision, IssuedDocument)
    before = [m.objects.count() for m in models]
    call_command("load_demo", verbosity=0)
    assert [m.objects.count() for m in models] == before
