"""Session-wide fixtures: the demo is loaded once per test database, not per test."""

from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached figures are keyed on the newest history
    id, which a rolled-back test may hand out again (SQLite reuses ids)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """The demo accounts and units by code. Reloaded if a transactional test flushed them."""
    from org.models import Unit, User

    if not User.objects.filter(username="qninh").exists():
        call_command("load_demo", verbosity=0)
    users = {u.username: u for u in User.objects.select_related("unit")}
    units = {u.code: u for u in Unit.objects.all()}
    return {"users": users, "units": units}


@pytest.fixture
def units(demo):
    return demo["units"]


@pytest.fixture
def users(demo):
    return demo["users"]
