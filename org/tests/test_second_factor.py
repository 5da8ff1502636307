"""The TOTP second factor: set-up, sign-in, recovery codes, and the per-role requirement."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.audit import AuditEvent
from core.models import AuditEntry
from core.testing import make_user
from org.models import RoleRecord
from org.second_factor import second_factor_remove

pytestmark = pytest.mark.django_db
PASSWORD = "mot-mat-khau-rat-dai"


def _code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + offset):06d}"


def _user(units, role="officer"):
    user = make_user(units["CA-QUANG-NINH"], role, "mat", full_name="Lý Văn Thử")
    from core.context import SYSTEM
    from org.services import user_set_password

    return user_set_password(actor=SYSTEM, user=user, password=PASSWORD)


def _login(c, user):
    return c.post("/login/", {"username": user.username, "password": PASSWORD})


def _set_up(c, user) -> list[str]:
    assert c.get("/account/2fa/setup/").status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page = c.post("/account/2fa/setup/", {"token": _code(device)})
    assert page.status_code == 200
    return re.findall(r"<code>([^<]+)</code>", page.content.decode())


def test_set_up_then_sign_in_with_a_code(units):
    """After set-up, signing in asks for the code; pages wait until it is given."""
    user = _user(units)
    c = Client()
    _login(c, user)
    codes = _set_up(c, user)
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=user).confirmed
    assert AuditEntry.objects.filter(event=AuditEvent.SECOND_FACTOR_ENABLED, actor=user).exists()

    fresh = Client()
    _login(fresh, user)
    response = fresh.get("/org/units/")
    assert response.status_code == 302 and response["Location"].startswith("/account/2fa/verify/")
    api = fresh.get("/api/v1/units/")
    assert api.status_code == 403 and api.json()["error"]["code"] == "second_factor_required"
    wrong = fresh.post("/account/2fa/verify/", {"token": "000000", "next": "/org/units/"})
    assert wrong.status_code == 400
    assert AuditEntry.objects.filter(event=AuditEvent.SECOND_FACTOR_FAILED, actor=user).exists()
    device = TOTPDevice.objects.get(user=user)
    device.throttle_reset()
    ok = fresh.post("/account/2fa/verify/", {"token": _code(device, 1), "next": "/org/units/"})
    assert ok.status_code == 302 and ok["Location"] == "/org/units/"
    assert fresh.get("/org/units/").status_code == 200


def test_a_recovery_code_works_once(units):
    """A recovery code signs in once and is then spent."""
    user = _user(units)
    c = Client()
    _login(c, user)
    codes = _set_up(c, user)
    first = Client()
    _login(first, user)
    assert first.post("/account/2fa/verify/", {"token": codes[0]}).status_code == 302
    second = Client()
    _login(second, user)
    assert second.post("/account/2fa/verify/", {"token": codes[0]}).status_code == 400


def test_an_administrator_requires_a_second_factor_for_a_role(units, users):
    """Once officers require it, an officer without a device is sent to set-up and cannot remove it."""
    admin = Client()
    admin.force_login(users["admin"])
    role = RoleRecord.objects.get(code="officer")
    response = admin.post(
        "/org/roles/officer/edit/", {"requires_second_factor": "on", "version": role.version}
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.requires_second_factor
    assert AuditEntry.objects.filter(event=AuditEvent.SECURITY_POLICY_CHANGE, actor=users["admin"]).exists()
    officer = _user(units)
    c = Client()
    _login(c, officer)
    response = c.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/account/2fa/setup/")
    _set_up(c, officer)
    assert c.get("/").status_code == 200
    response = c.post("/account/2fa/remove/")
    assert TOTPDevice.objects.filter(user=officer).exists()
    second_factor_remove(actor=users["admin"], user=officer)
    assert not TOTPDevice.objects.filter(user=officer).exists()


def test_only_administrators_change_role_policies(users):
    """A coordinator gets 403 on the role page's edit; the six roles cannot be added or deleted."""
    c = Client()
    c.force_login(users["doingoai"])
    assert c.get("/org/roles/").status_code == 200
    assert c.get("/org/roles/officer/edit/").status_code == 403
    assert c.get("/org/roles/add/").status_code == 404
    assert c.get("/org/roles/officer/delete/").status_code == 404
    admin = Client()
    admin.force_login(users["admin"])
    stale = admin.post("/org/roles/viewer/edit/", {"requires_second_factor": "on", "version": 99})
    assert stale.status_code == 409


def test_password_change_page(units):
    """The user changes their own password: old one first, new one checked, audited."""
    user = _user(units)
    c = Client()
    _login(c, user)
    bad = c.post("/account/password/", {"old_password": "wrong", "new_password1": "x", "new_password2": "x"})
    assert bad.status_code == 400
    ok = c.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "mat-khau-moi-rat-dai",
            "new_password2": "mat-khau-moi-rat-dai",
        },
    )
    assert ok.status_code == 302
    user.refresh_from_db()
    assert user.check_password("mat-khau-moi-rat-dai")
    assert AuditEntry.objects.filter(event=AuditEvent.PASSWORD_CHANGE, target_id=str(user.pk)).exists()
    assert c.get("/account/").status_code == 200


def test_an_administrator_resets_a_lost_authenticator_from_the_user_page(units, users):
    """The reset button removes the devices (audited); others get 403 or 404."""
    user = _user(units)
    c = Client()
    _login(c, user)
    _set_up(c, user)
    url = f"/org/users/{user.pk}/reset-second-factor/"
    other = Client()
    other.force_login(users["qninh"])
    assert other.post(url).status_code == 403
    admin = Client()
    admin.force_login(users["admin"])
    assert "reset-second-factor" in admin.get(f"/org/users/{user.pk}/").content.decode()
    assert admin.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(
        event=AuditEvent.SECOND_FACTOR_DISABLED, actor=users["admin"], target_id=str(user.pk)
    ).exists()
