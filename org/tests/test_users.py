"""Accounts: administrators manage them; nobody raises their own clearance or roles."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from core.exceptions import PermissionDenied
from core.testing import count_queries, make_user
from org.models import User
from org.services import user_create, user_update

pytestmark = pytest.mark.django_db


def test_demo_accounts_match_the_design(users):
    """The six demo accounts have the roles, units and clearances of DESIGN.md section 1."""
    expected = {
        "admin": ("administrator", "VTCY", "thuong"),
        "doingoai": ("coordinator", "CDN", "toi_mat"),
        "lanhdao": ("leadership", "LDB", "tuyet_mat"),
        "qninh_truong": ("unit_head", "CA-QUANG-NINH", "mat"),
        "qninh": ("officer", "CA-QUANG-NINH", "mat"),
        "khach": ("viewer", "CA-QUANG-NINH", "thuong"),
    }
    for login, (role, unit, clearance) in expected.items():
        user = users[login]
        assert user.role_codes == {role} and user.unit.code == unit and user.clearance == clearance
        assert user.check_password("hoptac-demo")
    assert users["doingoai"].has_ministry_scope and users["lanhdao"].has_ministry_scope
    assert not users["admin"].has_ministry_scope


def test_nobody_raises_their_own_clearance_or_roles(users):
    """The administrator cannot raise its own clearance or add itself a role."""
    admin = users["admin"]
    with pytest.raises(PermissionDenied):
        user_update(actor=admin, user=admin, data={"clearance": "tuyet_mat"}, version=admin.version)
    with pytest.raises(PermissionDenied):
        user_update(
            actor=admin, user=admin, data={}, version=admin.version, roles=["administrator", "coordinator"]
        )
    admin.refresh_from_db()
    assert admin.clearance == "thuong" and admin.role_codes == {"administrator"}


def test_only_administrators_manage_accounts(users, units):
    """A coordinator cannot create accounts; the administrator can, and the change is in history."""
    with pytest.raises(PermissionDenied):
        user_create(actor=users["doingoai"], data={"username": "x1", "unit": units["CDN"]}, roles=["officer"])
    created = user_create(
        actor=users["admin"],
        data={"username": "x2", "unit": units["CDN"], "clearance": "mat"},
        roles=["officer"],
        password="mot-mat-khau-dai",
    )
    assert created.role_codes == {"officer"} and created.check_password("mot-mat-khau-dai")
    updated = user_update(
        actor=users["admin"],
        user=created,
        data={"clearance": "toi_mat"},
        version=created.version,
        roles=["unit_head"],
    )
    assert updated.clearance == "toi_mat" and updated.role_codes == {"unit_head"}
    from core.history import history_for

    change = history_for(updated).filter(action="update").first()
    assert change.prechange_data["roles"] == ["officer"] and change.postchange_data["roles"] == ["unit_head"]


def test_user_pages_and_api(users, units):
    """Admins add users through the page and the API; weak passwords and bad roles are refused."""
    c = Client()
    c.force_login(users["admin"])
    response = c.post(
        "/org/users/add/",
        {
            "username": "ui_user",
            "full_name": "Hoàng Văn Thử",
            "unit": units["CDN"].pk,
            "clearance": "mat",
            "roles": ["officer"],
            "password": "123",
            "is_active": "on",
        },
    )
    assert response.status_code == 400
    assert not User.objects.filter(username="ui_user").exists()
    response = c.post(
        "/org/users/add/",
        {
            "username": "ui_user",
            "full_name": "Hoàng Văn Thử",
            "unit": units["CDN"].pk,
            "clearance": "mat",
            "roles": ["officer"],
            "password": "mot-mat-khau-dai",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="ui_user").role_codes == {"officer"}
    api = APIClient()
    api.force_authenticate(users["admin"])
    response = api.post(
        "/api/v1/users/",
        {"username": "api_user", "unit": units["CDN"].pk, "clearance": "mat", "roles": ["superuser"]},
        format="json",
    )
    assert response.status_code == 400 and "roles" in response.json()["error"]["fields"]
    response = api.post(
        "/api/v1/users/",
        {"username": "api_user", "unit": units["CDN"].pk, "clearance": "mat", "roles": ["viewer"]},
        format="json",
    )
    assert response.status_code == 201 and response.json()["roles"] == ["viewer"]
    officer = APIClient()
    officer.force_authenticate(users["qninh"])
    assert officer.get("/api/v1/users/").status_code == 200
    assert officer.post("/api/v1/users/", {"username": "z"}, format="json").status_code == 403


def test_user_list_query_count_is_constant(users, units):
    """The user list costs the same number of queries with 6 or 26 users."""
    c = Client()
    c.force_login(users["admin"])
    c.get("/org/users/")
    small = count_queries(lambda: c.get("/org/users/", {"per_page": 100}))
    for _ in range(20):
        make_user(units["CA-HA-NOI"], ["officer", "viewer"], "mat")
    assert count_queries(lambda: c.get("/org/users/", {"per_page": 100})) == small
