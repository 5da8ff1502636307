"""Lowering, lifting and extending a classification belong to the classifying authority (Law 117/2025).

Raising stays open to any writer within their clearance; a plain edit that lowers the level or
changes the protection period is refused with a message pointing to the classification page.
"""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from access.rules import Action, can
from core.exceptions import PermissionDenied, ValidationError
from core.models import AuditEntry, ObjectChange
from core.services import record_set_classification
from core.testing import make_user
from core.tests.sampleapp.models import SampleRecord
from core.tests.specs import make

pytestmark = pytest.mark.django_db


def api_for(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def page_for(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def secret(units, users):
    """A Mật record of Quảng Ninh, classified by its officer."""
    return make(users["qninh"], units["CA-QUANG-NINH"], "mat", title="Hồ sơ mật cần hạ độ mật")


def test_who_classified_is_recorded_on_create_and_on_raise(secret, users, units):
    assert secret.classified_by == users["qninh"] and secret.classifying_unit == units["CA-QUANG-NINH"]
    raised = record_set_classification(
        actor=users["doingoai"], obj=secret, level="toi_mat", version=secret.version, reason="Nâng"
    )
    assert raised.classified_by == users["doingoai"] and raised.classifying_unit == units["CDN"]
    plain = make(users["qninh"], units["CA-QUANG-NINH"], "thuong")
    assert plain.classified_by is None and plain.classifying_unit is None
    # Who classified is in the record's history and in the API.
    change = ObjectChange.objects.filter(object_id=raised.pk, content_type__model="samplerecord").first()
    assert change.postchange_data["classifying_unit"] == units["CDN"].pk
    page = page_for(users["doingoai"]).get(raised.get_absolute_url()).content.decode()
    assert f'data-testid="classifying-unit">{units["CDN"]}<' in page
    data = api_for(users["doingoai"]).get(f"/api/v1/sample-records/{raised.pk}/").json()
    assert data["classified_by"] == users["doingoai"].pk and data["classifying_unit"] == units["CDN"].pk


@pytest.mark.parametrize(
    ("username", "allowed"),
    [
        ("lanhdao", True),  # leadership
        ("qninh_truong", True),  # head of the classifying unit
        ("qninh", False),  # officer of it
        ("doingoai", False),  # coordinator, of another unit
        ("khach", False),  # viewer: sees only Thường, so 404
        ("admin", False),  # administrator: sees no business records, so 404
    ],
)
def test_lowering_by_each_role(secret, users, username, allowed):
    """The service, the API and the page agree for every role; nothing changes when refused."""
    user = users[username]
    assert can(user, Action.DECLASSIFY, secret) is allowed
    url = f"/api/v1/sample-records/{secret.pk}/classification/"
    body = {"classification": "thuong", "version": secret.version, "reason": "Hết thời hạn bảo vệ"}
    response = api_for(user).post(url, body, format="json")
    if allowed:
        assert response.status_code == 200, response.content
        assert response.json()["classification"] == "thuong"
        entry = AuditEntry.objects.filter(event="classification_change", target_id=str(secret.pk)).last()
        assert entry.extra["direction"] == "lifted" and entry.extra["reason"] == "Hết thời hạn bảo vệ"
        return
    sees_it = username in ("qninh", "doingoai")
    assert response.status_code == (403 if sees_it else 404), response.content
    if sees_it:
        assert "Lãnh đạo Bộ" in response.json()["error"]["message"]
        with pytest.raises(PermissionDenied):
            record_set_classification(
                actor=user, obj=secret, level="thuong", version=secret.version, reason="x"
            )
        # The page offers only raising, and says who decides.
        page = page_for(user).get(secret.get_absolute_url() + "classification/").content.decode()
        assert 'value="thuong"' not in page and 'data-testid="classifying-authority"' in page
    secret.refresh_from_db()
    assert secret.classification == "mat" and secret.version == 1


def test_the_head_of_a_unit_above_the_classifying_one_decides(units, users):
    division = units["CA-QUANG-NINH-PA08"]
    officer = make_user(division, "officer", "mat")
    record = make(officer, division, "mat")
    assert record.classifying_unit == division
    assert not can(make_user(units["CDN"], "unit_head", "mat"), Action.DECLASSIFY, record)
    lowered = record_set_classification(
        actor=users["qninh_truong"], obj=record, level="thuong", version=record.version, reason="Giải mật"
    )
    assert lowered.classification == "thuong" and lowered.classifying_unit is None


def test_extending_or_shortening_the_period_is_a_decision_too(secret, users):
    with pytest.raises(PermissionDenied):
        record_set_classification(
            actor=users["qninh"], obj=secret, level="mat", version=1, protection_years=5, reason="Rút ngắn"
        )
    extended = record_set_classification(
        actor=users["qninh_truong"], obj=secret, level="mat", version=1, protection_years=8, reason="Gia hạn"
    )
    assert extended.protection_years == 8


def test_raising_stays_open_to_a_writer_within_clearance(secret, users):
    with pytest.raises(ValidationError):  # above the officer's clearance (Mật)
        record_set_classification(actor=users["qninh"], obj=secret, level="toi_mat", version=1, reason="x")
    raised = record_set_classification(
        actor=users["doingoai"], obj=secret, level="toi_mat", version=1, reason="Có tin mới"
    )
    assert raised.classification == "toi_mat"


def test_a_reason_is_required_and_a_no_change_is_refused(secret, users):
    with pytest.raises(ValidationError) as exc:
        record_set_classification(actor=users["qninh_truong"], obj=secret, level="thuong", version=1)
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError):
        record_set_classification(actor=users["qninh_truong"], obj=secret, level="mat", version=1, reason="x")
    response = api_for(users["qninh_truong"]).post(
        f"/api/v1/sample-records/{secret.pk}/classification/", {"classification": "thuong", "version": 1}
    )
    assert response.status_code == 400 and "reason" in response.json()["error"]["fields"]
    secret.refresh_from_db()
    assert secret.classification == "mat"


def test_a_plain_edit_may_raise_but_never_lower(secret, users):
    """PATCH with a lower level (the attack of the issue) is refused, pointing to the page."""
    api = api_for(users["qninh"])
    url = f"/api/v1/sample-records/{secret.pk}/"
    response = api.patch(url, {"version": 1, "classification": "thuong"}, format="json")
    assert response.status_code == 400
    assert "trang độ mật" in response.json()["error"]["fields"]["classification"][0]
    response = api.patch(url, {"version": 1, "protection_years": 3}, format="json")
    assert response.status_code == 400 and "protection_years" in response.json()["error"]["fields"]
    secret.refresh_from_db()
    assert secret.classification == "mat" and secret.version == 1
    # Even the unit head and the coordinator must use the classification page.
    response = api_for(users["qninh_truong"]).patch(
        url, {"version": 1, "classification": "thuong"}, format="json"
    )
    assert response.status_code == 400
    # The viewer still cannot read it.
    assert api_for(users["khach"]).get(url).status_code == 404
    # The edit form says the same in Vietnamese.
    form = page_for(users["qninh"]).post(
        secret.get_absolute_url() + "edit/",
        {"title": secret.title, "status": secret.status, "owner_unit": secret.owner_unit_id,
         "classification": "thuong", "subject_name": "x", "version": 1},
    )  # fmt: skip
    assert form.status_code == 400 and "trang độ mật" in form.content.decode()
    # Raising by a plain edit is allowed.
    response = api.patch(url, {"version": 1, "classification": "mat", "title": "Tiêu đề mới"}, format="json")
    assert response.status_code == 200
    assert SampleRecord.objects.get(pk=secret.pk).title == "Tiêu đề mới"


def test_leadership_opens_the_classification_page_from_the_record(secret, users):
    c = page_for(users["lanhdao"])
    assert 'data-testid="classification-link"' in c.get(secret.get_absolute_url()).content.decode()
    response = c.post(
        secret.get_absolute_url() + "classification/",
        {"classification": "thuong", "version": 1, "reason": "Giải mật theo quyết định"},
    )
    assert response.status_code == 302
    secret.refresh_from_db()
    assert secret.classification == "thuong"
