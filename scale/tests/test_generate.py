"""generate_scale at a tiny scale: valid records, right stored facts, refused on SQLite."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from access.choices import levels_up_to
from capacity.models import StaffProfile
from cases.models import CooperationCase
from core.context import service_scope
from core.models import AuditEntry
from events.models import Event
from instruments.models import Instrument
from org.models import Unit, User
from partners.models import ForeignAgency
from scale import generate
from tracking.models import Assignment, AssignmentPeriod, Obligation, ProgressReport
from tracking.selectors import with_status
from tracking.services import refresh_facts

SCALE = "0.0005"
FACTS = Assignment.FACT_FIELDS
COUNTED = {
    "units": Unit,
    "users": User,
    "agencies": ForeignAgency,
    "instruments": Instrument,
    "obligations": Obligation,
    "assignments": Assignment,
    "cases": CooperationCase,
    "events": Event,
    "profiles": StaffProfile,
}


def _counts() -> dict[str, int]:
    return {name: model._base_manager.count() for name, model in COUNTED.items()}


@pytest.mark.django_db
def test_refuses_sqlite(users):
    if connection.vendor == "postgresql":
        pytest.skip("the refusal is for SQLite")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("generate_scale", "--scale", SCALE, verbosity=0)
    assert not User.objects.filter(username__startswith=generate.USER_PREFIX).exists()


@pytest.mark.django_db
def test_generates_valid_records(users, units, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("generate_scale writes with PostgreSQL COPY")
    indexed = []
    monkeypatch.setattr(generate.Generator, "rebuild_search", lambda self: indexed.append(True))
    before = _counts()
    first_obligation = Obligation.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    call_command("generate_scale", "--scale", SCALE, "--seed", "3", verbosity=0)

    # Counts proportional to the scale (the plan), on top of the demo.
    after = _counts()
    planned = generate.plan(float(SCALE))
    assert {k: after[k] - before[k] for k in COUNTED} == {k: planned[k] for k in COUNTED}
    new = Assignment.objects.filter(obligation_id__gt=first_obligation)
    assert new.count() == planned["assignments"]
    assert ProgressReport.objects.filter(assignment__in=new).count() > planned["assignments"]
    assert indexed == [True]

    # The stored facts are those refresh_facts computes; with_status reads them.
    ids = list(new.values_list("pk", flat=True))
    stored = {a["id"]: a for a in Assignment.objects.filter(pk__in=ids).values("id", *FACTS)}
    periods = set(
        AssignmentPeriod.objects.filter(assignment_id__in=ids).values_list("id", "completed_on", "has_report")
    )
    with service_scope():
        for pk in ids:
            refresh_facts(pk)
    assert {a["id"]: a for a in Assignment.objects.filter(pk__in=ids).values("id", *FACTS)} == stored
    assert (
        set(
            AssignmentPeriod.objects.filter(assignment_id__in=ids).values_list(
                "id", "completed_on", "has_report"
            )
        )
        == periods
    )
    statuses = set(with_status(new).values_list("status", flat=True))
    assert statuses and statuses <= {"not_started", "in_progress", "done", "done_late", "overdue"}
    assert len(statuses) >= 2

    # visible_to: the ministry-wide coordinator sees every generated assignment (none above
    # toi_mat); the provincial officer only those of Quảng Ninh's subtree at most mat.
    doingoai, qninh = users["doingoai"], users["qninh"]
    assert Assignment.objects.visible_to(doingoai).filter(pk__in=ids).count() == len(ids)
    expected = set(
        new.filter(
            unit__path__startswith=units["CA-QUANG-NINH"].path,
            classification__in=levels_up_to(qninh.clearance),
        ).values_list("pk", flat=True)
    )
    assert (
        set(Assignment.objects.visible_to(qninh).filter(pk__in=ids).values_list("pk", flat=True)) == expected
    )
    assert (
        CooperationCase.objects.visible_to(qninh).count()
        < CooperationCase.objects.visible_to(doingoai).count()
    )
    # Children follow their parents: a report is visible to whoever sees it through its units.
    assert ProgressReport.objects.visible_to(doingoai).filter(assignment_id__in=ids).exists()

    # Search text as the services store it, unit paths under their parents.
    case = CooperationCase.objects.order_by("-pk").first()
    from core.services import build_search_text

    assert case.search_text == build_search_text(case)
    unit = Unit.objects.order_by("-pk").first()
    assert unit.path == f"{unit.parent.path}{unit.pk:06d}/" and unit.depth == 2

    # The run is recorded, and the sequences moved past the copied ids.
    entry = AuditEntry.objects.order_by("-pk").first()
    assert entry.extra["command"] == "generate_scale" and entry.extra["scale"] == float(SCALE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('cases_cooperationcase', 'id'))")
        assert cursor.fetchone()[0] > case.pk

    # A second run on the same database is refused (the data would be doubled).
    with pytest.raises(CommandError, match="already"):
        call_command("generate_scale", "--scale", SCALE, verbosity=0)


def test_plan_is_proportional():
    full, half = generate.plan(1.0), generate.plan(0.5)
    assert full["obligations"] == 50_000 and full["assignments"] == 200_000
    assert full["cases"] == 300_000 and full["profiles"] == 150_000 and full["events"] == 100_000
    assert half["cases"] == 150_000 and half["assignments"] == 100_000


@pytest.mark.django_db
def test_analyze_inside_a_transaction_only_analyzes():
    from org.models import Unit
    from scale.copy import analyze

    assert analyze([Unit]) == "ANALYZE"


@pytest.mark.django_db(transaction=True)
def test_the_generator_vacuums_what_it_wrote_on_postgresql():
    """Autovacuum may be off (it is on the benchmark machine): the tables are vacuumed at once."""
    if connection.vendor != "postgresql":
        pytest.skip("VACUUM is PostgreSQL's")
    from org.models import Unit
    from scale.copy import analyze

    assert analyze([Unit]) == "VACUUM ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT last_vacuum IS NOT NULL, last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = %s",
            [Unit._meta.db_table],
        )
        assert cursor.fetchone() == (True, True)
