"""Authentication, sessions, headers, cookies and classification rules (issue: security)."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from core.audit import AuditEvent
from core.context import SYSTEM
from core.exceptions import ValidationError
from core.models import AuditEntry
from core.services import record_set_classification
from core.testing import make_user
from core.tests.specs import make

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _login(c, username="qninh", password="hoptac-demo"):
    return c.post("/login/", {"username": username, "password": password})


def test_lockout_after_five_failures_per_user_and_address(users):
    """Five wrong passwords lock the account from that address; the lockout is audited."""
    c = Client(REMOTE_ADDR="10.9.8.7")
    for _ in range(5):
        _login(c, password="wrong-password")
    response = _login(c)
    assert response.status_code == 429
    assert "_auth_user_id" not in c.session
    assert AuditEntry.objects.filter(event=AuditEvent.LOCKOUT, actor_name="qninh").exists()
    other_address = Client(REMOTE_ADDR="10.9.8.8")
    assert _login(other_address).status_code == 302


def test_lockout_ends_after_fifteen_minutes(users):
    """The cool-off is 15 minutes."""
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == datetime.timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_real_settings_hash_with_argon2_and_demand_long_passwords():
    """Argon2 is the hasher of the real settings; short passwords are refused."""
    from hoptac.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    from django.contrib.auth.hashers import Argon2PasswordHasher

    assert Argon2PasswordHasher().encode("hoptac-demo", "somesaltvalue").startswith("argon2$")
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError as DjangoValidationError

    with pytest.raises(DjangoValidationError):
        validate_password("short1")


def test_session_ends_after_thirty_idle_minutes_and_at_browser_close(users):
    """The session cookie is a browser-session cookie; an idle session expires at 30 minutes."""
    c = Client()
    _login(c)
    assert c.get("/").status_code == 200
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_COOKIE_AGE == 1800
    cookie = c.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]
    session = Session.objects.get(session_key=cookie.value)
    assert session.expire_date <= timezone.now() + datetime.timedelta(minutes=30, seconds=5)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = c.get("/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def _session_writes(c, path="/") -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert c.get(path).status_code == 200
    return sum(
        1
        for q in queries.captured_queries
        if "django_session" in q["sql"] and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    )


def test_the_session_is_written_at_most_once_a_minute_and_still_ends_after_thirty_idle_minutes(users):
    """Each request used to write the session row (UPDATE + COMMIT); now a session is saved
    again only when its last save is a minute old, and its expiry never passes 30 idle minutes."""
    import time_machine

    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        c = Client()
        _login(c)
        key = c.cookies[settings.SESSION_COOKIE_NAME].value
        _session_writes(c)  # the first page after login stamps the session
        clock.shift(datetime.timedelta(seconds=20))
        assert _session_writes(c) == 0
        assert _session_writes(c, "/account/") == 0
        clock.shift(datetime.timedelta(seconds=45))
        assert _session_writes(c) == 1  # a minute after the last save: the expiry moves
        expiry = Session.objects.get(session_key=key).expire_date
        assert expiry == timezone.now() + datetime.timedelta(minutes=30)
        assert _session_writes(c) == 0
        # Idle for 29 minutes after the last request: still signed in (its save was 0 s ago).
        clock.shift(datetime.timedelta(minutes=29, seconds=59))
        assert _session_writes(c) == 1
        # 30 minutes and a second without a request: signed out.
        clock.shift(datetime.timedelta(minutes=30, seconds=1))
        response = c.get("/")
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_stale_session_cookie_makes_no_new_session():
    """An anonymous request carrying an expired session's cookie writes nothing."""
    c = Client()
    c.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    c.get("/login/")
    assert not Session.objects.exists()


PAGES = [
    "/login/",
    "/",
    "/org/units/",
    "/org/units/{unit}/",
    "/org/units/{unit}/history/",
    "/org/units/{unit}/edit/",
    "/org/units/999999/",
    "/account/",
    "/audit/",
    "/api/docs/",
    "/api/v1/units/",
]


@pytest.mark.parametrize("path", PAGES)
def test_csp_header_on_every_page_type(units, users, path):
    """Every page answers with a CSP that allows no inline or eval'd script."""
    c = Client()
    if path != "/login/":
        c.force_login(users["admin"])
    response = c.get(path.format(unit=units["CDN"].pk))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    body = response.content.decode(errors="ignore")
    if response.get("Content-Type", "").startswith("text/html"):
        assert "<script>" not in body and " style=" not in body and "onclick=" not in body


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_cookie_flags(users):
    """Session and CSRF cookies are Secure, SameSite=Lax; the session cookie is HttpOnly."""
    c = Client()
    c.get("/login/")
    _login(c)
    session = c.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    csrf = c.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["secure"] and csrf["samesite"] == "Lax"


def _subprocess_env(**env):
    full = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DEBUG", "SECRET_KEY", "HOPTAC_", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC"))
    }
    full.update(env, DJANGO_SETTINGS_MODULE="hoptac.settings.base")
    return full


def test_check_deploy_is_clean_on_a_production_configuration(tmp_path):
    """`manage.py check --deploy` has nothing to say about a production configuration."""
    env = _subprocess_env(
        DEBUG="0",
        SECRET_KEY="k8#Vq2!xZ7pR4mW9sT1yB6nC3dF0gH5jL8aE2uI7oP4rS9wQ3zX6vN1",
        ALLOWED_HOSTS="hoptac.bca.local",
        HOPTAC_MAX_CLASSIFICATION="mat",
        HOPTAC_AUDIT_KEY="a3!Rt9#Lm2@Xw7$Qp5^Zs8&Kd4*Vb6(Nf1)Hj0",
        DATABASE_URL="sqlite:///{}".format(tmp_path / "db.sqlite3"),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_must_set_the_classification_cap(tmp_path):
    """With DEBUG off and no HOPTAC_MAX_CLASSIFICATION, hoptac refuses to start."""
    env = _subprocess_env(DEBUG="0", SECRET_KEY="x" * 60, ALLOWED_HOSTS="h")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "HOPTAC_MAX_CLASSIFICATION" in result.stderr
    env["HOPTAC_MAX_CLASSIFICATION"] = "secret"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0


@override_settings(HOPTAC_MAX_CLASSIFICATION="mat")
def test_writes_above_the_cap_are_refused(units, users):
    """An instance capped at Mật refuses a Tối mật record in the service, the page and the API."""
    with pytest.raises(ValidationError) as exc:
        make(SYSTEM, units["CA-QUANG-NINH"], "toi_mat")
    assert "classification" in exc.value.message_dict
    api = APIClient()
    api.force_authenticate(users["doingoai"])
    body = {"title": "Vượt mức", "owner_unit": units["CDN"].pk, "classification": "toi_mat"}
    response = api.post("/api/v1/sample-records/", body, format="json")
    assert response.status_code == 400 and "classification" in response.json()["error"]["fields"]
    c = Client()
    c.force_login(users["doingoai"])
    page = c.get("/sample/records/add/").content.decode()
    assert 'value="toi_mat"' not in page
    assert "Mật" in c.get("/").content.decode().split('data-testid="footer"')[1]


def test_protection_period_and_declassification_date(units, users):
    """A Mật record is protected 10 years from its classification date unless set shorter."""
    record = make(SYSTEM, units["CA-QUANG-NINH"], "mat")
    today = timezone.localdate()
    assert record.classified_on == today and record.protection_period == 10
    assert record.declassify_on == today.replace(year=today.year + 10) or record.declassify_on.month == 2
    shorter = make(SYSTEM, units["CA-QUANG-NINH"], "toi_mat", protection_years=5)
    assert shorter.protection_period == 5
    with pytest.raises(ValidationError):
        make(SYSTEM, units["CA-QUANG-NINH"], "mat", protection_years=11)
    with pytest.raises(ValidationError):
        make(SYSTEM, units["CA-QUANG-NINH"], "thuong", protection_years=3)
    c = Client()
    c.force_login(users["qninh"])
    page = c.get(record.get_absolute_url()).content.decode()
    assert record.declassify_on.strftime("%d/%m/%Y") in page


def test_leap_day_classification_ends_on_28_february(units):
    """Classified on 29/02/2024 for 10 years: the period ends on 28/02/2034."""
    record = make(SYSTEM, units["CA-QUANG-NINH"], "mat", classified_on=datetime.date(2024, 2, 29))
    assert record.declassify_on == datetime.date(2034, 2, 28)


def test_raising_lowering_and_lifting_are_audited(units, users):
    """Each change of level is a service with its own audit event and a fresh date."""
    coordinator = users["doingoai"]
    record = make(SYSTEM, units["CA-QUANG-NINH"], "mat", classified_on=datetime.date(2020, 1, 1))
    record = record_set_classification(
        actor=coordinator, obj=record, level="toi_mat", version=1, reason="Nâng độ mật"
    )
    assert record.classified_on == timezone.localdate()
    assert record.classifying_unit == coordinator.unit and record.classified_by == coordinator
    leader = users["lanhdao"]
    record = record_set_classification(actor=leader, obj=record, level="mat", version=2, reason="Hạ độ mật")
    record = record_set_classification(actor=leader, obj=record, level="thuong", version=3, reason="Giải mật")
    assert record.classified_on is None and record.declassify_on is None
    events = AuditEntry.objects.filter(
        event=AuditEvent.CLASSIFICATION_CHANGE, target_id=str(record.pk)
    ).order_by("pk")
    assert [e.extra["direction"] for e in events] == ["raised", "lowered", "lifted"]
    assert events[0].extra["reason"] == "Nâng độ mật"
    with pytest.raises(ValidationError):
        record_set_classification(actor=users["qninh"], obj=record, level="toi_mat", version=4, reason="Nâng")


def test_the_api_changes_a_classification_with_its_own_endpoint(units, users):
    """POST .../classification/ raises a level with a reason; a viewer gets 403."""
    record = make(SYSTEM, units["CA-QUANG-NINH"], "thuong")
    api = APIClient()
    api.force_authenticate(users["qninh_truong"])
    url = f"/api/v1/sample-records/{record.pk}/classification/"
    response = api.post(
        url, {"classification": "mat", "version": 1, "reason": "Có thông tin nghiệp vụ"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["classification"] == "mat" and response.json()["declassify_on"]
    response = api.post(url, {"classification": "nonsense", "version": 2}, format="json")
    assert response.status_code == 400
    viewer = make_user(units["CA-QUANG-NINH"], "viewer", "mat")
    api.force_authenticate(viewer)
    assert api.post(url, {"classification": "thuong", "version": 2}, format="json").status_code == 403


def test_the_classification_page_changes_a_level_with_a_reason(units, users):
    """The record's classification page raises the level; a missing reason writes nothing."""
    record = make(SYSTEM, units["CA-QUANG-NINH"], "thuong")
    c = Client()
    c.force_login(users["qninh_truong"])
    url = record.get_absolute_url() + "classification/"
    assert 'data-testid="classification-link"' in c.get(record.get_absolute_url()).content.decode()
    assert c.post(url, {"classification": "mat", "version": 1}).status_code == 400
    record.refresh_from_db()
    assert record.classification == "thuong"
    response = c.post(url, {"classification": "mat", "version": 1, "reason": "Chứa thông tin nghiệp vụ"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.classification == "mat" and record.declassify_on is not None
    assert c.post(url, {"classification": "thuong", "version": 1, "reason": "x"}).status_code == 409
    assert "toi_mat" not in c.get(url).content.decode()
    viewer = make_user(units["CA-QUANG-NINH"], "viewer", "mat")
    v = Client()
    v.force_login(viewer)
    assert v.get(url).status_code == 403
