"""Test machinery shared by every app: users, specs of business models, query counting.

A business model gets the generated permission, CRUD and history tests by registering a
``ModelSpec`` in its app's ``tests/specs.py`` (NetBox ``ViewTestCases``, without copying).
"""

from __future__ import annotations

import importlib
import itertools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.context import SYSTEM

_counter = itertools.count(1)


def make_user(unit: Any, roles: list[str] | str, clearance: str = "thuong", **extra: Any):
    """A fresh account, created through the service as the system."""
    from org.services import user_create

    roles = [roles] if isinstance(roles, str) else roles
    n = next(_counter)
    data = {
        "username": "u{}_{}".format(n, roles[0] if roles else "none"),
        "unit": unit,
        "clearance": clearance,
    }
    data.update(extra)
    return user_create(actor=SYSTEM, data=data, roles=roles)


def client_for(user: Any):
    """A page client signed in as ``user`` (the test files' shared helper)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def api_for(user: Any):
    """An API client authenticated as ``user``."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def api_token(user: Any, name: str = "tests", **extra: Any) -> str:
    """The secret of a new personal API token of ``user``, issued through the service."""
    from org.services import api_token_create

    return api_token_create(actor=user, name=name, **extra)[1]


@dataclass
class ModelSpec:
    """How to make, fill in and break records of one registered business model."""

    model: type
    # (actor, owner unit, classification) -> a saved record, made through a service
    make: Callable[..., Any]
    # owner unit -> POST data of the model's form for a valid new record
    form_data: Callable[[Any], dict[str, Any]]
    # owner unit -> JSON body for a valid new record through the API
    api_data: Callable[[Any], dict[str, Any]]
    # changes that make a valid edit (form and API field names)
    update_data: dict[str, Any]
    # a field of the form and API and a value that must be refused
    invalid_data: dict[str, Any]
    # a word (without diacritics) found in the search text of ``make``'s records
    search_word: str
    api_basename: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.model._meta.label


_specs: dict[type, ModelSpec] = {}


def register_spec(spec: ModelSpec) -> ModelSpec:
    _specs[spec.model] = spec
    return spec


def all_specs() -> list[ModelSpec]:
    """Every spec, after importing each installed app's ``tests/specs.py``."""
    for config in apps.get_app_configs():
        try:
            importlib.import_module(f"{config.name}.tests.specs")
        except ModuleNotFoundError as exc:
            if exc.name not in (f"{config.name}.tests", f"{config.name}.tests.specs"):
                raise
    return list(_specs.values())


def count_queries(func: Callable[[], Any], *, cold: bool = False) -> int:
    """Queries ``func`` runs; ``cold`` empties the cache first (cached figures recomputed),
    the case a query-count test compares when the data has grown in between."""
    if cold:
        from django.core.cache import cache

        cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        func()
    return len(ctx.captured_queries)


def pdf_bytes(padding: int = 0) -> bytes:
    """A small, valid one-page PDF (with its cross-reference table), the same bytes each call.

    ``padding`` adds a stream of that many spaces (a large file that is still a valid PDF).
    """
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    if padding:
        objects.append(b"<< /Length %d >>\nstream\n" % padding + b" " * padding + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# Settings a server started by a test must not inherit from the test process.
PROCESS_SETTINGS = ("DEBUG", "SECRET_KEY", "HOPTAC_", "ALLOWED_HOSTS", "DJANGO_", "DATABASE_", "REDIS_URL")


def deploy_env() -> dict[str, str]:
    """The settings of deploy/hoptac.env, read as docker compose and systemd read them."""
    from django.conf import settings

    values = {}
    for line in (Path(settings.BASE_DIR) / "deploy" / "hoptac.env").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    return values


def server_env() -> dict[str, str]:
    """The environment of a server a test starts through deploy/hoptac: this process's without
    its hoptac and Django settings, then deploy/hoptac.env, with this Python."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(PROCESS_SETTINGS)}
    env.update(deploy_env())
    env["HOPTAC_PYTHON"] = sys.executable
    return env
