"""Personal data is masked for users without the right, and each full view is recorded."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from core.context import SYSTEM
from core.models import AuditEntry
from core.testing import make_user
from core.tests.specs import make

pytestmark = pytest.mark.django_db
NAME = "Nguyễn Văn Mẫu"


@pytest.fixture
def record(units):
    return make(SYSTEM, units["CA-QUANG-NINH"], "mat")


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_viewer_sees_masked_personal_data_everywhere(record, units):
    """A viewer sees '•••' in the list, the detail, the history and the API; nothing is recorded."""
    viewer = make_user(units["CA-QUANG-NINH"], "viewer", "mat")
    c = _client(viewer)
    for url in (record.get_absolute_url(), "/sample/records/", record.get_absolute_url() + "history/"):
        body = c.get(url).content.decode()
        assert NAME not in body, url
    assert "•••" in c.get(record.get_absolute_url()).content.decode()
    api = APIClient()
    api.force_authenticate(viewer)
    data = api.get(f"/api/v1/sample-records/{record.pk}/").json()
    assert data["subject_name"] == "•••"
    history = api.get(f"/api/v1/sample-records/{record.pk}/history/").json()
    assert history["results"][0]["postchange_data"]["subject_name"] == "•••"
    assert not AuditEntry.objects.filter(event="personal_data_view", target_id=record.pk).exists()


def test_officer_of_the_unit_sees_it_in_full_and_each_view_is_recorded(record, users):
    """The unit's officer sees the name; the detail and API views are each recorded."""
    officer = users["qninh"]
    assert NAME in _client(officer).get(record.get_absolute_url()).content.decode()
    api = APIClient()
    api.force_authenticate(officer)
    assert api.get(f"/api/v1/sample-records/{record.pk}/").json()["subject_name"] == NAME
    views = AuditEntry.objects.filter(event="personal_data_view", target_id=record.pk, actor=officer)
    assert sorted(v.extra["channel"] for v in views) == ["api", "page"]
    assert views.first().extra["fields"] == ["subject_name", "birth_date"]


def test_export_masks_personal_data_unless_the_role_allows_it(record, users):
    """The officer's export masks the name; the unit head's export shows it and is recorded."""
    from core.copies import unit_copy_limit_set

    # Two exports of one classified record are two copies: the unit's limit allows them.
    unit_copy_limit_set(actor=users["qninh_truong"], unit=users["qninh"].unit, limit=2)
    officer_csv = _client(users["qninh"]).get("/sample/records/", {"export": "csv"}).content.decode()
    assert NAME not in officer_csv and "•••" in officer_csv
    head_csv = _client(users["qninh_truong"]).get("/sample/records/", {"export": "csv"}).content.decode()
    assert NAME in head_csv
    exports = AuditEntry.objects.filter(
        event="personal_data_view", target_id=record.pk, extra__channel="export"
    )
    assert exports.count() == 1


def test_xlsx_export_is_a_workbook_of_visible_rows(record, users):
    """The Excel export opens and holds the header and the visible rows."""
    import io

    from openpyxl import load_workbook

    response = _client(users["qninh"]).get("/sample/records/", {"export": "xlsx"})
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert "0" in rows[0][0]  # Mật: the numbered-copy line comes first (core.copies)
    assert rows[1][0] == "Tiêu đề" or rows[1][0].lower() == "tiêu đề"
    assert any(row[0] == record.title for row in rows[2:])
