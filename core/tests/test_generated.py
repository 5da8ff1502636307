"""Generated permission, CRUD, history, version and bad-input tests for every business model.

Each registered business model with a ``ModelSpec`` gets every test here (NetBox
``ViewTestCases`` / ``APIViewTestCases``); the meta-tests in ``test_registry`` make sure
no business model escapes.
"""

from __future__ import annotations

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from rest_framework.test import APIClient

from access.registry import registry
from core.context import SYSTEM
from core.models import ObjectChange, Share
from core.services import service
from core.testing import all_specs, count_queries, make_user

SPECS = all_specs()
pytestmark = pytest.mark.django_db


def ids(spec):
    return spec.label


@pytest.fixture(params=SPECS, ids=ids)
def spec(request):
    return request.param


def urls(spec, obj=None):
    entry = registry.get(spec.model)
    out = {"list": reverse(entry.url_name("list")), "add": reverse(entry.url_name("add"))}
    out["api_list"] = reverse(f"api:{entry.api_basename}-list")
    if obj is not None:
        for view in ("detail", "edit", "delete", "history"):
            out[view] = reverse(entry.url_name(view), args=[obj.pk])
        out["api_detail"] = reverse(f"api:{entry.api_basename}-detail", args=[obj.pk])
        out["api_history"] = reverse(f"api:{entry.api_basename}-history", args=[obj.pk])
    return out


def writer(spec, users):
    """Who creates and edits in the unit: an officer, or a unit head where writing is assigning."""
    return users[spec.extra.get("writer", "qninh")]


def client_for(user):
    from django.test import Client

    c = Client()
    c.force_login(user)
    return c


def api_for(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def changes(obj):
    return ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    )


@pytest.fixture
def record(spec, units):
    """A Mật record owned by Công an tỉnh Quảng Ninh."""
    return spec.make(SYSTEM, units["CA-QUANG-NINH"], "mat")


def test_anonymous_goes_to_login_and_api_answers_401(spec, record):
    """Anonymous users are sent to the login page; the API answers 401."""
    from django.test import Client

    u = urls(spec, record)
    c = Client()
    for name in ("list", "add", "detail", "edit", "delete", "history"):
        response = c.get(u[name])
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login"))
    api = APIClient()
    for name in ("api_list", "api_detail", "api_history"):
        assert api.get(u[name]).status_code == 401, name
    assert api.post(u["api_list"], spec.api_data(record.owner_unit), format="json").status_code == 401


def test_allowed_user_creates_edits_and_deletes_in_the_ui(spec, units, users):
    """An officer creates and edits in their unit; the unit head deletes; history has all three."""
    qn = units["CA-QUANG-NINH"]
    officer, head = writer(spec, users), users["qninh_truong"]
    c = client_for(officer)
    before = spec.model.objects.count()
    response = c.post(urls(spec)["add"], spec.form_data(qn))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert spec.model.objects.count() == before + 1
    obj = spec.model.objects.latest("pk")
    assert obj.owner_unit == qn and obj.created_by == officer and obj.version == 1
    u = urls(spec, obj)
    assert c.get(u["detail"]).status_code == 200
    assert c.get(u["list"]).status_code == 200
    data = {**spec.form_data(qn), **spec.update_data, "version": obj.version}
    response = c.post(u["edit"], data)
    assert response.status_code == 302, response.content.decode()[:2000]
    obj.refresh_from_db()
    assert obj.version == 2
    for key, value in spec.update_data.items():
        assert getattr(obj, key) == value
    update = changes(obj).get(action="update")
    assert update.user == officer
    key = next(iter(spec.update_data))
    assert update.postchange_data[key] == spec.update_data[key]
    assert update.prechange_data[key] != spec.update_data[key]
    history = c.get(u["history"])
    assert history.status_code == 200
    assert str(spec.update_data[key]) in history.content.decode()
    response = client_for(head).post(u["delete"], {"version": obj.version})
    assert response.status_code == 302
    assert not spec.model.objects.filter(pk=obj.pk).exists()
    assert list(changes(obj).order_by("pk").values_list("action", flat=True)) == [
        "create",
        "update",
        "delete",
    ]


def test_allowed_user_creates_edits_and_deletes_through_the_api(spec, units, users):
    """The API does the same through the same services, and serves the history."""
    qn = units["CA-QUANG-NINH"]
    api = api_for(writer(spec, users))
    response = api.post(urls(spec)["api_list"], spec.api_data(qn), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    for key in ("id", "classification", "owner_unit", "version"):
        assert key in body
    obj = spec.model.objects.get(pk=body["id"])
    u = urls(spec, obj)
    response = api.patch(u["api_detail"], {**spec.update_data, "version": 1}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    history = api.get(u["api_history"]).json()
    assert [row["action"] for row in history["results"]] == ["update", "create"]
    response = api_for(users["qninh_truong"]).delete(u["api_detail"] + "?version=2")
    assert response.status_code == 204
    assert not spec.model.objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("who", ["other_unit", "lower_clearance"])
def test_hidden_record_is_404_and_absent_everywhere(spec, record, units, who):
    """Another unit's officer, or one of lower clearance, gets 404 and finds it nowhere."""
    if who == "other_unit":
        user = make_user(units["CA-HA-NOI"], "officer", "tuyet_mat")
    else:
        user = make_user(units["CA-QUANG-NINH"], ["officer", "unit_head"], "thuong")
    u = urls(spec, record)
    c = client_for(user)
    for name in ("detail", "edit", "delete", "history"):
        assert c.get(u[name]).status_code == 404, name
    assert (
        c.post(u["edit"], {**spec.form_data(record.owner_unit), "version": record.version}).status_code == 404
    )
    assert c.post(u["delete"], {"version": record.version}).status_code == 404
    visible = spec.model.objects.visible_to(user)
    listing = c.get(u["list"], {"per_page": 100})
    assert listing.status_code == 200
    assert record.get_absolute_url() not in listing.content.decode()
    assert listing.context["page"].paginator.count == visible.count()
    searched = c.get(u["list"], {"q": str(record), "per_page": 100})
    assert record.pk not in [row["obj"].pk for row in searched.context["rows"]]
    assert not visible.filter(pk=record.pk).exists()
    export = c.get(u["list"], {"export": "csv"})
    assert export.status_code == 200
    assert str(record) not in export.content.decode()
    api = api_for(user)
    for name in ("api_detail", "api_history"):
        assert api.get(u[name]).status_code == 404, name
    assert api.patch(u["api_detail"], {**spec.update_data, "version": 1}, format="json").status_code == 404
    assert api.delete(u["api_detail"]).status_code == 404
    listed = api.get(u["api_list"], {"q": str(record), "page_size": 500}).json()
    assert record.pk not in [row["id"] for row in listed["results"]]
    assert spec.model.objects.visible_to(user).filter(pk=record.pk).count() == 0
    record.refresh_from_db()
    assert record.version == 1


def test_visible_without_the_role_is_403(spec, record, units):
    """A viewer of the unit sees the record but may not add, change, delete or export: 403."""
    viewer = make_user(units["CA-QUANG-NINH"], "viewer", "mat")
    u = urls(spec, record)
    c = client_for(viewer)
    assert c.get(u["detail"]).status_code == 200
    assert c.get(u["history"]).status_code == 200
    for name in ("add", "edit", "delete"):
        assert c.get(u[name]).status_code == 403, name
    assert c.post(u["add"], spec.form_data(record.owner_unit)).status_code == 403
    assert c.post(u["edit"], {**spec.form_data(record.owner_unit), "version": 1}).status_code == 403
    assert c.post(u["delete"], {"version": 1}).status_code == 403
    assert c.get(u["list"], {"export": "xlsx"}).status_code == 403
    api = api_for(viewer)
    assert api.get(u["api_detail"]).status_code == 200
    assert api.post(u["api_list"], spec.api_data(record.owner_unit), format="json").status_code == 403
    assert api.patch(u["api_detail"], {**spec.update_data, "version": 1}, format="json").status_code == 403
    assert api.delete(u["api_detail"]).status_code == 403
    assert spec.model.objects.filter(pk=record.pk).exists()
    record.refresh_from_db()
    assert record.version == 1


def test_officer_cannot_write_into_another_unit(spec, units, users):
    """An officer may not create a record owned by a unit outside their subtree (403). A payload
    that names a record of that unit (a child's parent, a relationship's agency), which the
    officer cannot see, is refused like a missing id (400)."""
    from access.links import LINK_ERROR

    api = api_for(writer(spec, users))
    before = spec.model.objects.count()
    response = api.post(urls(spec)["api_list"], spec.api_data(units["CA-HA-NOI"]), format="json")
    parent = getattr(spec.model, "access_parent", None)
    if parent or response.status_code == 400:
        assert response.status_code == 400, response.content
        fields = response.json()["error"]["fields"]
        assert fields and all(errors == [str(LINK_ERROR)] for errors in fields.values()), fields
        assert parent is None or parent in fields
    else:
        assert response.status_code == 403
    assert spec.model.objects.count() == before


def test_ministry_wide_roles_and_shares_make_records_visible(spec, record, units, users):
    """Coordinators and leadership see everything up to their clearance; a share opens a unit."""
    assert spec.model.objects.visible_to(users["doingoai"]).filter(pk=record.pk).exists()
    assert spec.model.objects.visible_to(users["lanhdao"]).filter(pk=record.pk).exists()
    other = make_user(units["CA-HA-NOI"], "officer", "mat")
    assert not spec.model.objects.visible_to(other).filter(pk=record.pk).exists()

    # A child record follows its parent: the share goes on the parent.
    target = record
    while getattr(target, "access_parent", None):
        target = getattr(target, target.access_parent)

    @service
    def share(*, actor):
        Share.objects.create(
            content_type=ContentType.objects.get_for_model(type(target)),
            object_id=target.pk,
            unit=units["CA-HA-NOI"],
        )

    share(actor=SYSTEM)
    assert spec.model.objects.visible_to(other).filter(pk=record.pk).exists()
    assert client_for(other).get(urls(spec, record)["detail"]).status_code == 200


def test_stale_version_is_refused_in_the_ui_and_the_api(spec, record, users):
    """Two editors load version 1; the second save is refused and nothing is overwritten."""
    officer = writer(spec, users)
    u = urls(spec, record)
    # An edit keeps the level: lowering it is not an edit (test_declassification).
    keep = {"classification": record.classification}
    first = {**spec.form_data(record.owner_unit), **spec.update_data, **keep, "version": 1}
    assert client_for(officer).post(u["edit"], first).status_code == 302
    stale = {**spec.form_data(record.owner_unit), **keep, "version": 1}
    response = client_for(users["qninh_truong"]).post(u["edit"], stale)
    assert response.status_code == 409
    assert 'data-testid="current-values"' in response.content.decode()
    record.refresh_from_db()
    assert record.version == 2
    key = next(iter(spec.update_data))
    assert getattr(record, key) == spec.update_data[key]
    response = api_for(officer).patch(u["api_detail"], {key: "x", "version": 1}, format="json")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "stale_version" and error["current_version"] == 2
    assert error["current"][key] == spec.update_data[key]
    record.refresh_from_db()
    assert record.version == 2


def test_bad_input_gets_a_clear_error_and_writes_nothing(spec, record, users):
    """Invalid form and API input answer 400 with field errors; no record, no history."""
    officer = writer(spec, users)
    qn = record.owner_unit
    # Payloads first: building them may create the records they refer to.
    bad_form = {**spec.form_data(qn), **spec.invalid_data}
    bad_api = {**spec.api_data(qn), **spec.invalid_data}
    before_records = spec.model.objects.count()
    before_changes = ObjectChange.objects.count()
    response = client_for(officer).post(urls(spec)["add"], bad_form)
    assert response.status_code == 400
    field = next(iter(spec.invalid_data))
    assert response.context["form"].errors[field]
    response = api_for(officer).post(urls(spec)["api_list"], bad_api, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    response = api_for(officer).post(urls(spec)["api_list"], "{not json", content_type="application/json")
    assert response.status_code == 400
    response = api_for(officer).patch(
        urls(spec, record)["api_detail"], {**spec.invalid_data, "version": 1}, format="json"
    )
    assert response.status_code == 400
    response = api_for(officer).patch(urls(spec, record)["api_detail"], spec.update_data, format="json")
    assert response.status_code == 400
    assert "version" in response.json()["error"]["fields"]
    assert spec.model.objects.count() == before_records
    assert ObjectChange.objects.count() == before_changes
    record.refresh_from_db()
    assert record.version == 1


def test_list_detail_and_api_queries_do_not_grow_with_the_data(spec, units, users):
    """The number of queries of the list, detail, history and API list is the same for 2 and 12 rows."""
    qn = units["CA-QUANG-NINH"]
    officer = users["qninh"]
    first = spec.make(SYSTEM, qn, "thuong")
    spec.make(SYSTEM, qn, "thuong")
    c = client_for(officer)
    api = api_for(officer)
    u = urls(spec, first)

    def measure():
        return [
            count_queries(lambda: c.get(u["list"])),
            count_queries(lambda: c.get(u["detail"])),
            count_queries(lambda: c.get(u["history"])),
            count_queries(lambda: api.get(u["api_list"])),
        ]

    measure()  # warm the content-type cache
    small = measure()
    for _ in range(10):
        spec.make(SYSTEM, qn, "thuong")
    assert measure() == small


def test_detail_page_and_api_use_the_json_error_format(spec, users):
    """A missing record is 404 in the one error format."""
    response = api_for(users["qninh"]).get(urls(spec)["api_list"] + "999999999/")
    assert response.status_code == 404
    assert json.loads(response.content)["error"]["code"] == "not_found"
