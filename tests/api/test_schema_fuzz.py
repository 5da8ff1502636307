"""schemathesis over every operation of the committed schema, in-process, as two users.

Each operation is one test: its calls run inside the test's transaction and are rolled back,
so the shared demo stays as it was. Fixed seed and number of examples; the four checks are
the ones a client relies on: no server error, documented status codes and content types,
bodies that match the schema.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from core.api.schema import SCHEMA_PATH

EXAMPLES = 10
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20261207,
        "phases": {"coverage": {"enabled": False}},
        "generation": {"max-examples": EXAMPLES, "mode": "all", "deterministic": True, "database": "none"},
    }
)
schema = schemathesis.openapi.from_path(SCHEMA_PATH, config=CONFIG)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
USERS = ("doingoai", "qninh")


@pytest.fixture
def app():
    """Django's WSGI app, kept on the test's connection as Django's test client keeps it."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from hoptac.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(users):
    from core.testing import api_token

    return {name: api_token(users[name]) for name in USERS}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_api(case, app, tokens):
    for name in USERS:
        response = case.call(app=app, headers={"Authorization": f"Token {tokens[name]}"})
        case.validate_response(response, checks=CHECKS)
