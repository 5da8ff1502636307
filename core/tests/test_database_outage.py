"""A request that finds the database unavailable gets 503 with Retry-After (a page in both
languages, or the API's JSON error), and the next request after it returns succeeds.

The outage is simulated here by making every new cursor fail; the restart of a real
PostgreSQL server under running workers belongs to the server harness (docs/security.md).
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client

from core.testing import api_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server failed: the database system is starting up")

    def down():
        monkeypatch.setattr(connection, "create_cursor", refuse)

    def up():
        monkeypatch.undo()

    return down, up


def test_pages_and_the_api_answer_503_while_the_database_is_down_and_recover(users, database_down):
    down, up = database_down
    page = Client(raise_request_exception=False)
    page.force_login(users["qninh"])
    token = api_token(users["qninh"])
    api = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {token}")
    down()
    response = page.get("/tracking/notifications/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    body = response.content.decode()
    assert 'data-testid="error-503"' in body and "Tạm thời gián đoạn" in body and "Temporarily" in body
    response = api.get("/api/v1/assignments/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response.json()["error"]["code"] == "database_unavailable"
    up()
    assert page.get("/tracking/notifications/").status_code == 200
    assert api.get("/api/v1/assignments/").status_code == 200


def test_other_server_errors_stay_500():
    """Only a database failure is a 503; a bug is still a 500 (JSON under /api/)."""
    from django.test import RequestFactory

    from core import error_views

    try:
        raise RuntimeError("a bug, not an outage")
    except RuntimeError:
        api = error_views.server_error(RequestFactory().get("/api/v1/assignments/"))
        page = error_views.server_error(RequestFactory().get("/tracking/"))
    assert api.status_code == 500 and api["Content-Type"] == "application/json"
    assert page.status_code == 500 and "Retry-After" not in page
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        assert error_views.server_error(RequestFactory().get("/tracking/")).status_code == 503


def test_a_session_save_cut_by_the_outage_is_503_not_400():
    """Saving the session at the end of a request turns a database error into
    SessionInterrupted (Django answers 400); an outage behind it is a 503."""
    from django.contrib.sessions.exceptions import SessionInterrupted
    from django.test import RequestFactory

    from core import error_views

    def interrupted(cause: BaseException | None) -> SessionInterrupted:
        try:
            try:
                if cause is not None:
                    raise cause
                raise KeyError("no database error")
            except (OperationalError, KeyError):
                raise SessionInterrupted("The request's session was deleted") from None
        except SessionInterrupted as exc:
            return exc

    request = RequestFactory().get("/tracking/")
    outage = interrupted(OperationalError("the database system is shutting down"))
    answer = error_views.bad_request(request, outage)
    assert answer.status_code == 503 and answer["Retry-After"] == "30"
    assert error_views.bad_request(request, interrupted(None)).status_code == 400


def test_postgresql_connections_check_their_health():
    if connection.vendor == "postgresql":
        assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
