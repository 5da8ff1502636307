"""The schema is for signed-in users and served from the committed file; anonymous requests
and sign-in attempts are limited per client address."""

from __future__ import annotations

import json

import pytest
import yaml
from django.test import Client, override_settings
from rest_framework.test import APIClient

from core.api.schema import SCHEMA_PATH

pytestmark = pytest.mark.django_db


def test_the_schema_and_its_docs_need_a_signed_in_user():
    response = APIClient().get("/api/schema/")
    assert response.status_code == 401 and response.json()["error"]["code"] == "not_authenticated"
    docs = Client().get("/api/docs/")
    assert docs.status_code == 302 and "/login/" in docs["Location"]


def test_the_schema_is_the_committed_file_never_built_per_request(users, monkeypatch):
    from drf_spectacular.generators import SchemaGenerator

    def refuse(*args, **kwargs):
        raise AssertionError("the schema must not be generated per request")

    monkeypatch.setattr(SchemaGenerator, "get_schema", refuse)
    api = APIClient()
    api.force_authenticate(users["khach"])
    response = api.get("/api/schema/")
    assert response.status_code == 200 and response.content == SCHEMA_PATH.read_bytes()
    as_json = api.get("/api/schema/", {"format": "json"})
    assert json.loads(as_json.content) == yaml.safe_load(SCHEMA_PATH.read_bytes())


@override_settings(RATELIMIT_ENABLE=True, HOPTAC_RATE_ANONYMOUS="3/m")
def test_anonymous_requests_are_limited_per_address(users):
    c = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        assert c.get("/login/").status_code == 200
    page = c.get("/login/")
    assert page.status_code == 429 and page["Retry-After"] == "60"
    assert 'data-testid="error-429"' in page.content.decode()
    api = APIClient(REMOTE_ADDR="203.0.113.7").get("/api/v1/units/")
    assert api.status_code == 429 and api.json()["error"]["code"] == "throttled" and api["Retry-After"]
    # Another address, a signed-in user and a token request are not counted against it.
    assert Client(REMOTE_ADDR="203.0.113.8").get("/login/").status_code == 200
    signed_in = Client(REMOTE_ADDR="203.0.113.7")
    signed_in.force_login(users["qninh"])
    for _ in range(5):
        assert signed_in.get("/tracking/notifications/").status_code == 200


@override_settings(RATELIMIT_ENABLE=True, HOPTAC_RATE_ANONYMOUS="1000/m", HOPTAC_RATE_LOGIN="2/m")
def test_sign_in_attempts_are_limited_per_address_besides_the_lockout(users):
    c = Client(REMOTE_ADDR="198.51.100.4")
    for name in ("qninh", "khach"):  # two accounts, so the per-user lockout is not what stops it
        assert c.post("/login/", {"username": name, "password": "wrong"}).status_code == 200
    response = c.post("/login/", {"username": "doingoai", "password": "hoptac-demo"})
    assert response.status_code == 429
    other = Client(REMOTE_ADDR="198.51.100.5")
    assert other.post("/login/", {"username": "doingoai", "password": "hoptac-demo"}).status_code == 302


@override_settings(RATELIMIT_ENABLE=True, HOPTAC_RATE_ANONYMOUS="2/m", HOPTAC_PROXY_COUNT=1)
def test_behind_a_proxy_the_forwarded_address_is_counted_and_cannot_be_forged():
    proxy = "10.0.0.2"
    for _ in range(2):
        assert Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="192.0.2.10").get("/login/").status_code == 200
    assert Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="192.0.2.10").get("/login/").status_code == 429
    # A client that sends its own X-Forwarded-For still ends up as the address the proxy saw.
    forged = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.10")
    assert forged.get("/login/").status_code == 429
    assert Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="192.0.2.11").get("/login/").status_code == 200


def test_limits_are_off_in_the_test_settings_and_on_in_production_by_default():
    from django.conf import settings

    assert settings.RATELIMIT_ENABLE is False
    import importlib
    import os

    import hoptac.settings.base as base

    saved = dict(os.environ)
    try:
        os.environ.update({"DEBUG": "0", "HOPTAC_ALLOW_DEFAULT_KEY": "1", "ALLOWED_HOSTS": "x"})
        os.environ.pop("HOPTAC_RATELIMIT", None)
        assert importlib.reload(base).RATELIMIT_ENABLE is True
    finally:
        os.environ.clear()
        os.environ.update(saved)
        importlib.reload(base)
