"""The server tests (marker ``servers``): one harness for the module, a budget, cleanup.

They run once, in the PostgreSQL pass of ``make test``, after the parallel tests and not
beside them (the Makefile's second pytest run, ``-m servers -p no:xdist``): they start real
processes on free ports and need the machine's cores to themselves.
"""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from .harness import BudgetExceeded, Harness

# The whole module: the template (when the migrations changed), the cluster, the nodes and
# every test. Over it the run fails plainly rather than stretching CI.
BUDGET_SECONDS = int(os.environ.get("HOPTAC_SERVERS_BUDGET", "300"))
SKIP_REASON = "server tests run in the PostgreSQL pass only (DATABASE_URL is not PostgreSQL)"


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.servers)


def main_database_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@pytest.fixture(scope="session")
def budget():
    """Fails whatever runs once the budget is spent (SIGALRM in the main thread: the servers
    run is not parallel), and says so."""
    if main_database_url() is None:
        pytest.skip(SKIP_REASON)
    started = time.monotonic()

    def exceeded(signum, frame):
        raise BudgetExceeded(
            f"the server tests exceeded their budget of {BUDGET_SECONDS} s "
            f"({time.monotonic() - started:.0f} s spent); see tests/servers/conftest.py"
        )

    previous = signal.signal(signal.SIGALRM, exceeded)
    signal.alarm(BUDGET_SECONDS)
    yield started
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="session")
def servers(budget):
    """The harness, started once for every server test, stopped and removed at the end."""
    harness = Harness(main_database_url())
    try:
        harness.start()
    except BaseException:
        tails = harness.log_tails() if harness.logs.exists() else ""
        harness.stop()
        if tails:
            NOTES.append(tails)
        raise
    harness.notes.append(f"harness started in {time.monotonic() - budget:.1f} s: {harness.timings}")
    yield harness
    harness.stop()
    NOTES.extend(harness.notes)
    NOTES.append(f"server tests: {time.monotonic() - budget:.1f} s of the {BUDGET_SECONDS} s budget")


@pytest.fixture(scope="session")
def ids(servers: Harness) -> dict:
    """Ids the tests need from the cluster's demo: units by code, content types."""
    return json.loads(
        servers.shell(
            "import json; from org.models import Unit, User; "
            "from django.contrib.contenttypes.models import ContentType; from cases.models import CooperationCase; "
            "print(json.dumps({'units': {u.code: u.pk for u in Unit.objects.all()}, "
            "'qninh_unit': User.objects.get(username='qninh').unit_id, "
            "'case_type': ContentType.objects.get_for_model(CooperationCase).pk}))"
        )
    )


@pytest.fixture(scope="session")
def tokens(servers: Harness) -> dict[str, str]:
    return {name: servers.create_token(name) for name in ("qninh", "doingoai")}


NOTES: list[str] = []


def pytest_terminal_summary(terminalreporter):
    """What the harness took and saw, at the end of the run."""
    if NOTES:
        terminalreporter.section("server harness")
        for line in NOTES:
            terminalreporter.write_line(line)
