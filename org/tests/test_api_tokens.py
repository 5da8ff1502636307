"""Personal API tokens and the per-role second-factor defaults (issue 18, item 3)."""

from __future__ import annotations

import datetime
import hashlib
import re

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from core.audit import AuditEvent
from core.context import SYSTEM
from core.exceptions import PermissionDenied, ValidationError
from core.models import AuditEntry
from core.testing import api_token, count_queries, make_user
from org.models import SECOND_FACTOR_BY_DEFAULT, ApiToken, RoleRecord
from org.second_factor import role_update
from org.services import api_token_create, api_token_revoke, roles_ensure, user_set_password

pytestmark = pytest.mark.django_db
PASSWORD = "mot-mat-khau-rat-dai"


def _api(key: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token " + key)
    return api


def _secret(page) -> str:
    return re.search(r'data-testid="api-token-secret">([^<]+)<', page.content.decode()).group(1)


def test_a_token_is_created_on_the_account_page_and_shown_once(users):
    """The secret is on the answer to the form only; the database keeps its SHA-256 and prefix."""
    c = Client()
    c.force_login(users["qninh"])
    form = c.get("/account/tokens/new/")
    assert form.status_code == 200
    default = (timezone.localdate() + datetime.timedelta(days=90)).isoformat()
    assert default in form.content.decode()
    page = c.post("/account/tokens/new/", {"name": "Báo cáo tự động", "expires_on": ""})
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    key = _secret(page)
    assert key.startswith("hpt_") and len(key) >= 44
    token = ApiToken.objects.get(user=users["qninh"])
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {token.prefix, token.key_hash, token.name} and key.startswith(token.prefix)
    assert abs(token.expires_at - (timezone.now() + datetime.timedelta(days=90))) < datetime.timedelta(
        minutes=1
    )
    listing = c.get("/account/").content.decode()
    assert "Báo cáo tự động" in listing and token.prefix in listing and key not in listing
    entry = AuditEntry.objects.get(event=AuditEvent.API_TOKEN_CREATED, actor=users["qninh"])
    assert entry.extra["prefix"] == token.prefix and key not in str(entry.extra)
    assert _api(key).get("/api/v1/units/", {"page_size": 1}).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        ({"name": "", "expires_on": ""}, "Give the token a name"),
        ({"name": "   ", "expires_on": ""}, "Give the token a name"),
        ({"name": "x", "expires_on": "OVER_A_YEAR"}, "one year at most"),
        ({"name": "x", "expires_on": "TODAY"}, "after today"),
        ({"name": "x", "expires_on": "not-a-date"}, "valid date"),
    ],
)
def test_bad_input_is_refused_with_a_form_error_and_nothing_written(users, data, field_error):
    """An empty name, an expiry over a year or not in the future: 400, a clear message, no token."""
    today = timezone.localdate()
    dates = {"OVER_A_YEAR": (today + datetime.timedelta(days=366)).isoformat(), "TODAY": today.isoformat()}
    data = {k: dates.get(v, v) for k, v in data.items()}
    c = Client()
    c.force_login(users["qninh"])
    response = c.post("/account/tokens/new/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert not ApiToken.objects.filter(user=users["qninh"]).exists()
    assert not AuditEntry.objects.filter(event=AuditEvent.API_TOKEN_CREATED, actor=users["qninh"]).exists()
    assert 'data-testid="api-token-secret"' not in response.content.decode()


def test_the_expiry_may_be_one_year_at_most(users):
    """A year from today is the longest allowed; the service refuses a day more."""
    today = timezone.localdate()
    token, _key = api_token_create(
        actor=users["qninh"], name="a", expires_on=today + datetime.timedelta(days=365)
    )
    assert token.expires_at - timezone.now() <= datetime.timedelta(days=365)
    with pytest.raises(ValidationError) as exc:
        api_token_create(actor=users["qninh"], name="b", expires_on=today + datetime.timedelta(days=366))
    assert "expires_on" in exc.value.message_dict


def test_revoking_from_the_page_stops_the_token_and_is_audited(users):
    """The owner revokes on the account page; the token then gets 401; another user's gets 404."""
    key = api_token(users["qninh"], name="máy chủ")
    token = ApiToken.objects.get(user=users["qninh"])
    other = Client()
    other.force_login(users["qninh_truong"])
    assert other.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    c = Client()
    c.force_login(users["qninh"])
    assert c.get(f"/account/tokens/{token.pk}/revoke/").status_code == 405
    assert c.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.status() == "revoked"
    assert AuditEntry.objects.filter(
        event=AuditEvent.API_TOKEN_REVOKED, actor=users["qninh"], target_id=str(users["qninh"].pk)
    ).exists()
    response = _api(key).get("/api/v1/units/")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert response.json()["error"]["status"] == 401
    with pytest.raises(ValidationError):
        api_token_revoke(actor=users["qninh"], token=token)


def test_only_the_owner_or_an_administrator_revokes(users):
    """Another user may not revoke a token; an administrator may (audited as the administrator)."""
    api_token(users["qninh"])
    token = ApiToken.objects.get(user=users["qninh"])
    with pytest.raises(PermissionDenied):
        api_token_revoke(actor=users["doingoai"], token=token)
    api_token_revoke(actor=users["admin"], token=token)
    assert AuditEntry.objects.filter(event=AuditEvent.API_TOKEN_REVOKED, actor=users["admin"]).exists()


@pytest.mark.parametrize("header", ["Token hpt_unknown", "Token nonsense", "Token a b", "Token"])
def test_unknown_or_malformed_tokens_get_401_in_the_error_format(users, header):
    response = APIClient().get("/api/v1/units/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["error"]["code"] == "authentication_failed"


def test_an_expired_token_gets_401_and_a_token_outlives_the_session_idle_timeout(users):
    """Tokens are not bound to the 30 idle minutes: after 2 hours the session is over, the token
    still works; after its expiry the token gets 401."""
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        key = api_token(users["qninh"], expires_on=timezone.localdate() + datetime.timedelta(days=1))
        session = Client()
        session.force_login(users["qninh"])
        assert session.get("/api/v1/units/").status_code == 200
        clock.shift(datetime.timedelta(hours=2))
        assert session.get("/api/v1/units/").status_code in (401, 403)
        assert session.get("/org/units/").status_code == 302
        assert _api(key).get("/api/v1/units/").status_code == 200
        clock.shift(datetime.timedelta(days=1))
        response = _api(key).get("/api/v1/units/")
        assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
        assert ApiToken.objects.get(user=users["qninh"]).status() == "expired"


def test_last_use_is_written_at_most_once_a_minute(users):
    key = api_token(users["qninh"])
    api = _api(key)
    api.get("/api/v1/units/", {"page_size": 1})
    first = ApiToken.objects.get(user=users["qninh"]).last_used_at
    with time_machine.travel(first + datetime.timedelta(seconds=30)):
        api.get("/api/v1/units/", {"page_size": 1})
        assert ApiToken.objects.get(user=users["qninh"]).last_used_at == first
    with time_machine.travel(first + datetime.timedelta(seconds=90)):
        api.get("/api/v1/units/", {"page_size": 1})
        assert ApiToken.objects.get(user=users["qninh"]).last_used_at > first


def test_an_inactive_account_token_gets_401(units):
    user = make_user(units["CA-QUANG-NINH"], "officer", "mat")
    key = api_token(user)
    from org.services import user_update

    user_update(actor=SYSTEM, user=user, data={"is_active": False}, version=user.version)
    assert _api(key).get("/api/v1/units/").status_code == 401


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_a_role_that_requires_a_second_factor_creates_tokens_only_after_it(units):
    """A session that has not passed the second factor is sent to set-up, then creates the token."""
    role = RoleRecord.objects.get(code="coordinator")
    role_update(actor=SYSTEM, obj=role, data={"requires_second_factor": True}, version=role.version)
    user = user_set_password(
        actor=SYSTEM, user=make_user(units["CDN"], "coordinator", "mat"), password=PASSWORD
    )
    c = Client()
    c.post("/login/", {"username": user.username, "password": PASSWORD})
    response = c.post("/account/tokens/new/", {"name": "x"})
    assert response.status_code == 302 and response["Location"].startswith("/account/2fa/setup/")
    assert not ApiToken.objects.filter(user=user).exists()
    c.get("/account/2fa/setup/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert c.post("/account/2fa/setup/", {"token": _code(device)}).status_code == 200
    page = c.post("/account/tokens/new/", {"name": "x"})
    assert page.status_code == 200 and _secret(page).startswith("hpt_")
    # A new session with the device, before the code: sent to verification.
    fresh = Client()
    fresh.post("/login/", {"username": user.username, "password": PASSWORD})
    response = fresh.get("/account/tokens/new/")
    assert response.status_code == 302 and response["Location"].startswith("/account/2fa/verify/")


def test_the_token_list_page_has_a_constant_number_of_queries(users):
    c = Client()
    c.force_login(users["qninh"])
    api_token(users["qninh"])
    c.get("/account/")
    small = count_queries(lambda: c.get("/account/"))
    for n in range(10):
        api_token(users["qninh"], name=f"t{n}")
    api_token_revoke(actor=users["qninh"], token=ApiToken.objects.filter(user=users["qninh"]).first())
    assert count_queries(lambda: c.get("/account/")) == small


def test_roles_start_with_the_second_factor_on_for_administrators_leadership_and_coordinators():
    """On a new instance (the migration on an empty database, or rows recreated after a flush)
    administrators, leadership and coordinators require it; the others do not."""
    executor = MigrationExecutor(connection)
    migration = executor.loader.get_migration("org", "0004_second_factor_defaults")
    RoleRecord.objects.update(requires_second_factor=False)
    from django.apps import apps as real_apps

    class Empty:
        def get_model(self, app, name):
            model = real_apps.get_model(app, name)
            if name == "User":
                return _NoUsers
            return model

    class _NoUsers:
        class objects:
            @staticmethod
            def exists():
                return False

    migration.operations[0].code(Empty(), None)
    on = set(RoleRecord.objects.filter(requires_second_factor=True).values_list("code", flat=True))
    assert on == set(SECOND_FACTOR_BY_DEFAULT) == {"administrator", "leadership", "coordinator"}
    RoleRecord.objects.all().delete()
    roles_ensure(actor=SYSTEM)
    on = set(RoleRecord.objects.filter(requires_second_factor=True).values_list("code", flat=True))
    assert on == {"administrator", "leadership", "coordinator"}


def test_the_demo_turns_the_second_factor_off_and_that_is_audited(users):
    """load_demo lets the demo accounts in with their password alone; each change is audited."""
    role = RoleRecord.objects.get(code="administrator")
    role_update(actor=SYSTEM, obj=role, data={"requires_second_factor": True}, version=role.version)
    call_command("load_demo", verbosity=0)
    assert not RoleRecord.objects.filter(requires_second_factor=True).exists()
    assert AuditEntry.objects.filter(
        event=AuditEvent.SECURITY_POLICY_CHANGE,
        target_id="administrator",
        extra__requires_second_factor=False,
    ).exists()


def test_an_administrator_changes_a_default_on_the_roles_page_audited(users):
    admin = Client()
    admin.force_login(users["admin"])
    role = RoleRecord.objects.get(code="leadership")
    response = admin.post(
        "/org/roles/leadership/edit/", {"requires_second_factor": "on", "version": role.version}
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.requires_second_factor
    response = admin.post("/org/roles/leadership/edit/", {"version": role.version})
    assert response.status_code == 302
    role.refresh_from_db()
    assert not role.requires_second_factor
    entries = AuditEntry.objects.filter(
        event=AuditEvent.SECURITY_POLICY_CHANGE, actor=users["admin"], target_id="leadership"
    ).order_by("pk")
    assert [e.extra["requires_second_factor"] for e in entries] == [True, False]
