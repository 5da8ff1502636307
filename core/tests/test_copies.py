"""The copy register: classified exports are numbered copies with a register line; append-only."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from openpyxl import load_workbook
from rest_framework.test import APIClient

from core.context import SYSTEM
from core.copies import highest_level, needs_copy_number, register_copies, unit_copy_limit_set
from core.exceptions import WriteOutsideService
from core.models import CopyRegisterEntry
from core.testing import count_queries
from core.tests.sampleapp.models import SampleRecord
from core.tests.specs import make

pytestmark = pytest.mark.django_db

LIST = "/sample/records/"


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))


def test_levels():
    assert highest_level(["thuong", "mat", None, "toi_mat"]) == "toi_mat"
    assert highest_level([]) == "thuong"
    assert not needs_copy_number("thuong") and needs_copy_number("mat") and needs_copy_number("tuyet_mat")


def test_an_export_holding_classified_records_is_a_numbered_registered_copy(units, users):
    """The copy line comes first in the CSV; the register has who, when, which records, how many."""
    qn = units["CA-QUANG-NINH"]
    secret = make(SYSTEM, qn, "mat", title="Hồ sơ mật xuất danh sách")
    plain = make(SYSTEM, qn, "thuong", title="Hồ sơ thường xuất danh sách")
    officer = users["qninh"]
    # Two copies of the secret record without a copy decision (the default is one).
    unit_copy_limit_set(actor=users["qninh_truong"], unit=qn, limit=2)
    before = CopyRegisterEntry.objects.count()
    response = client_for(officer).get(LIST, {"export": "csv", "q": "xuat danh sach"})
    assert response.status_code == 200
    rows = rows_of(response)
    entry = CopyRegisterEntry.objects.order_by("-pk").first()
    assert CopyRegisterEntry.objects.count() == before + 1
    assert entry.copy_label in rows[0][0] and "MẬT" in rows[0][0].upper()
    assert sorted(entry.object_ids) == sorted([str(secret.pk), str(plain.pk)])
    assert entry.user == officer and entry.user_name == "qninh" and entry.copies == 1
    assert entry.kind == "export" and entry.file_format == "csv" and entry.classification == "mat"
    assert entry.content_type.model_class() is SampleRecord
    # The next copy takes the next number; XLSX carries it on its first line.
    response = client_for(officer).get(LIST, {"export": "xlsx", "q": "xuat danh sach"})
    second = CopyRegisterEntry.objects.order_by("-pk").first()
    assert second.first_copy == entry.last_copy + 1 and second.year == entry.year
    ws = load_workbook(io.BytesIO(response.content)).active
    assert second.copy_label in ws["A1"].value


def test_an_unclassified_export_has_no_copy_line(units, users):
    make(SYSTEM, units["CA-QUANG-NINH"], "thuong", title="Chỉ hồ sơ thường khác")
    before = CopyRegisterEntry.objects.count()
    response = client_for(users["qninh"]).get(LIST, {"export": "csv", "q": "chi ho so thuong khac"})
    assert rows_of(response)[0][0] != "" and "MẬT" not in rows_of(response)[0][0].upper()
    assert CopyRegisterEntry.objects.count() == before


def test_the_register_is_append_only(users):
    entry = register_copies(
        actor=users["doingoai"],
        model=SampleRecord,
        ids=[1, 2],
        classification="mat",
        kind="export",
        file_format="csv",
        copies=3,
    )
    assert entry.last_copy == entry.first_copy + 2
    entry.description = "sửa"
    with pytest.raises(WriteOutsideService):
        entry.save()
    with pytest.raises(WriteOutsideService):
        entry.delete()
    with pytest.raises(WriteOutsideService):
        CopyRegisterEntry.objects.filter(pk=entry.pk).update(description="x")
    with pytest.raises(WriteOutsideService):
        CopyRegisterEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(WriteOutsideService):
        CopyRegisterEntry(time=entry.time, year=entry.year, first_copy=999999, last_copy=999999).save()


@pytest.mark.parametrize(
    "who, status", [("admin", 200), ("lanhdao", 200), ("doingoai", 200), ("qninh", 403), ("khach", 403)]
)
def test_the_register_page_and_api_are_for_administrators_leadership_and_coordinators(users, who, status):
    register_copies(
        actor=users["qninh"],
        model=SampleRecord,
        ids=[7],
        classification="mat",
        kind="export",
        file_format="csv",
    )
    response = client_for(users[who]).get("/reports/copies/")
    assert response.status_code == status
    api = APIClient()
    api.force_authenticate(users[who])
    body = api.get("/api/v1/reports/copies/")
    assert body.status_code == status
    if status == 200:
        assert 'data-testid="copy-row"' in response.content.decode()
        assert body.json()["results"][0]["user_name"] == "qninh"


def test_the_register_page_filters_and_its_queries_do_not_grow(users):
    c = client_for(users["lanhdao"])

    def add():
        register_copies(
            actor=users["qninh"],
            model=SampleRecord,
            ids=[1],
            classification="toi_mat",
            kind="report",
            file_format="docx",
        )

    add()
    c.get("/reports/copies/")
    small = count_queries(lambda: c.get("/reports/copies/"))
    for _ in range(5):
        add()
    assert count_queries(lambda: c.get("/reports/copies/")) == small
    page = c.get("/reports/copies/", {"classification": "toi_mat", "kind": "report"})
    assert all(row["e"].classification == "toi_mat" for row in page.context["rows"])
    assert page.context["page"].paginator.count >= 6


@pytest.mark.django_db(transaction=True)
def test_two_downloads_of_the_last_allowed_copy_never_both_pass(demo):
    """Four people download the same classified record at the same instant, its cap one copy:
    one copy is made, three are refused with the reason (counted and recorded under a lock)."""
    import threading

    from django.db import connection

    from core.copies import CopyTarget
    from core.exceptions import PermissionDenied
    from core.models import CopiedRecord

    if connection.vendor != "postgresql":
        pytest.skip(
            "PostgreSQL advisory locks; SQLite's IMMEDIATE transactions serialise writers on their own"
        )
    officer = demo["users"]["qninh"]
    target = CopyTarget(key="sampleapp.samplerecord:424242", label="record 424242", unit_id=officer.unit_id)
    barrier = threading.Barrier(4)
    outcomes: list[object] = []

    def download() -> None:
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=20)
            register_copies(
                actor=officer,
                model=SampleRecord,
                ids=[424242],
                classification="mat",
                kind="export",
                file_format="csv",
                targets=[target],
            )
            outcomes.append("copied")
        except PermissionDenied as exc:
            outcomes.append(str(exc))
        except Exception as exc:  # anything else is a failure of the test
            outcomes.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=download) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert outcomes.count("copied") == 1, outcomes
    refused = [o for o in outcomes if o != "copied"]
    assert len(refused) == 3 and all(isinstance(o, str) and "424242" in o for o in refused), outcomes
    assert CopiedRecord.objects.filter(target_key=target.key).count() == 1
