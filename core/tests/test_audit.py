"""The audit log: typed events, a chain that catches tampering, read-only everywhere."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from core.audit import AuditEvent, audit_record, verify_chain
from core.context import SYSTEM
from core.exceptions import WriteOutsideService
from core.models import AuditEntry
from core.testing import make_user
from core.tests.specs import make

pytestmark = pytest.mark.django_db


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_demo_chain_verifies(demo):
    """The demo's own entries form a valid chain and verify_audit prints OK."""
    assert verify_chain().ok
    from io import StringIO

    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert out.getvalue().startswith("OK")


def _three_entries(users):
    return [audit_record(AuditEvent.EXPORT, actor=users["qninh"], extra={"n": i}) for i in range(3)]


def test_an_edited_row_is_caught(users):
    """Changing a row's content behind the application's back breaks its hash."""
    entries = _three_entries(users)
    _sql("UPDATE core_auditentry SET actor_name = %s WHERE id = %s", ["mallory", entries[1].pk])
    report = verify_chain()
    assert not report.ok and report.broken_id == entries[1].pk
    with pytest.raises(CommandError, match=str(entries[1].pk)):
        call_command("verify_audit")


def test_a_deleted_row_is_caught(users):
    """Removing a row breaks the next entry's link."""
    entries = _three_entries(users)
    _sql("DELETE FROM core_auditentry WHERE id = %s", [entries[1].pk])
    report = verify_chain()
    assert not report.ok and report.broken_id == entries[2].pk


def test_a_deleted_last_row_is_caught(users):
    """Removing the newest row leaves the chain short of its recorded head."""
    entries = _three_entries(users)
    _sql("DELETE FROM core_auditentry WHERE id = %s", [entries[2].pk])
    report = verify_chain()
    assert not report.ok and "removed" in report.reason


def test_an_inserted_row_is_caught(users):
    """A row inserted with a plausible link but no valid HMAC is caught."""
    entries = _three_entries(users)
    _sql(
        "INSERT INTO core_auditentry (time, event, actor_name, ip_address, target_id, target_repr, extra, prev_hash, entry_hash) "
        "VALUES (%s, 'login', 'mallory', '', '', '', '{}', %s, %s)",
        [entries[2].time, entries[2].entry_hash, "f" * 64],
    )
    report = verify_chain()
    assert not report.ok


def test_the_audit_log_cannot_be_changed_through_the_orm(users):
    """save() of an existing entry, delete(), update() and bulk writes all raise."""
    entry = audit_record(AuditEvent.EXPORT, actor=users["qninh"])
    entry.actor_name = "x"
    with pytest.raises(WriteOutsideService):
        entry.save()
    with pytest.raises(WriteOutsideService):
        entry.delete()
    with pytest.raises(WriteOutsideService):
        AuditEntry.objects.filter(pk=entry.pk).update(actor_name="x")
    with pytest.raises(WriteOutsideService):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(WriteOutsideService):
        AuditEntry(event="login", prev_hash="0", entry_hash="1").save()
    assert verify_chain().ok


def test_events_are_recorded_for_exports_classified_opens_and_refusals(units, users):
    """Export, opening a Mật record and a refused access each leave their typed entry."""
    record = make(SYSTEM, units["CA-QUANG-NINH"], "mat")
    officer = users["qninh"]
    c = _client(officer)
    c.get(record.get_absolute_url())
    c.get("/sample/records/", {"export": "csv"})
    outsider = make_user(units["CA-HA-NOI"], "officer", "mat")
    assert _client(outsider).get(record.get_absolute_url()).status_code == 404
    viewer = make_user(units["CA-QUANG-NINH"], "viewer", "mat")
    assert _client(viewer).get(record.get_absolute_url() + "edit/").status_code == 403
    events = {(e.event, e.actor_id) for e in AuditEntry.objects.filter(target_id__in=[str(record.pk), ""])}
    assert (AuditEvent.CLASSIFIED_VIEW, officer.pk) in events
    assert (AuditEvent.ACCESS_REFUSED, outsider.pk) in events
    assert (AuditEvent.ACCESS_REFUSED, viewer.pk) in events
    export = AuditEntry.objects.filter(event=AuditEvent.EXPORT, actor=officer).latest("pk")
    assert export.extra["model"] == "sampleapp.SampleRecord" and export.extra["rows"] >= 1
    list_only = make(SYSTEM, units["CA-QUANG-NINH"], "mat")
    c.get("/sample/records/")
    assert not AuditEntry.objects.filter(
        event=AuditEvent.CLASSIFIED_VIEW, target_id=str(list_only.pk)
    ).exists()
    assert verify_chain().ok


def test_login_failed_login_and_logout_are_audited(users):
    """The login page's outcomes are audited with the username and address."""
    c = Client()
    c.post("/login/", {"username": "qninh", "password": "wrong-password"})
    c.post("/login/", {"username": "qninh", "password": "hoptac-demo"})
    c.post("/logout/")
    events = list(
        AuditEntry.objects.filter(actor_name="qninh").order_by("pk").values_list("event", flat=True)
    )
    assert events[-3:] == [AuditEvent.LOGIN_FAILED, AuditEvent.LOGIN, AuditEvent.LOGOUT]
    assert (
        AuditEntry.objects.filter(event=AuditEvent.LOGIN, actor=users["qninh"]).latest("pk").ip_address
        == "127.0.0.1"
    )


def test_role_clearance_and_password_changes_are_audited(units, users):
    """Granting a role, raising a clearance and setting a password each have their event."""
    from org.services import user_set_password, user_update

    target = make_user(units["CA-HA-NOI"], "viewer", "thuong")
    user_update(
        actor=users["admin"],
        user=target,
        data={"clearance": "mat"},
        version=target.version,
        roles=["officer"],
    )
    user_set_password(actor=users["admin"], user=target, password="mot-mat-khau-moi")
    entries = AuditEntry.objects.filter(target_id=str(target.pk), actor=users["admin"])
    role = entries.get(event=AuditEvent.ROLE_CHANGE)
    assert role.extra == {"before": ["viewer"], "after": ["officer"]}
    assert entries.get(event=AuditEvent.CLEARANCE_CHANGE).extra == {"before": "thuong", "after": "mat"}
    assert entries.filter(event=AuditEvent.PASSWORD_CHANGE).count() == 1


def test_audit_page_is_for_administrators_and_leadership_and_hides_targets(units, users):
    """Admins and leadership read the log; a target they may not see is not named."""
    secret = make(SYSTEM, units["CA-QUANG-NINH"], "toi_mat", title="Chuyên án bí mật 001")
    _client(users["lanhdao"]).get(secret.get_absolute_url())
    assert _client(users["qninh"]).get("/audit/").status_code == 403
    assert _client(users["doingoai"]).get("/audit/").status_code == 403
    leader_page = _client(users["lanhdao"]).get("/audit/", {"event": "classified_view"}).content.decode()
    assert "Chuyên án bí mật 001" in leader_page
    admin_page = _client(users["admin"]).get("/audit/", {"event": "classified_view"}).content.decode()
    assert "Chuyên án bí mật 001" not in admin_page
    assert "một bản ghi bạn không được xem" in admin_page
    api = APIClient()
    api.force_authenticate(users["admin"])
    rows = api.get("/api/v1/audit/", {"event": "classified_view"}).json()["results"]
    assert rows and all("Chuyên án bí mật 001" not in r["target"] for r in rows)
    api.force_authenticate(users["qninh"])
    assert api.get("/api/v1/audit/").status_code == 403
    api.force_authenticate(users["admin"])
    assert api.post("/api/v1/audit/", {}, format="json").status_code == 405


def test_audit_page_filters_and_keeps_its_query_count(users):
    """Filters by event and user; the page's queries do not grow with the entries."""
    from core.testing import count_queries

    c = _client(users["admin"])
    for _ in range(3):
        audit_record(AuditEvent.EXPORT, actor=users["qninh"])
    c.get("/audit/")
    small = count_queries(lambda: c.get("/audit/"))
    for _ in range(20):
        audit_record(AuditEvent.EXPORT, actor=users["qninh"])
    assert count_queries(lambda: c.get("/audit/")) == small
    page = c.get("/audit/", {"event": "export", "actor": "qninh", "from": "01/01/2020"})
    assert page.status_code == 200 and page.context["page"].paginator.count >= 23
    assert c.get("/audit/", {"event": "login", "actor": "nobody-at-all"}).context["page"].paginator.count == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_one_chain(demo):
    """Appends from several threads at once still form one unbroken chain."""
    import threading

    from django.db import connection as conn

    if conn.vendor == "sqlite":
        workers = 2
    else:
        workers = 4
    errors = []

    def append(n):
        from django.db import connection as thread_connection

        try:
            for i in range(5):
                audit_record(AuditEvent.EXPORT, actor_name=f"thread{n}", extra={"i": i})
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=append, args=(n,)) for n in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    if conn.vendor == "sqlite":
        errors = [e for e in errors if "locked" not in str(e)]
    assert errors == []
    assert verify_chain().ok


def test_each_chain_is_verified_on_its_own(users, settings):
    """Entries spread over several chains; a row removed or edited in any one is caught, and
    so is the end of a chain cut short."""
    from core.models import AuditHead

    entries = _three_entries(users)
    # Chains as PostgreSQL makes them under concurrency, written here through the same path.
    for chain in (1, 2):
        head, _ = AuditHead.objects.get_or_create(pk=chain + 1, defaults={"last_hash": "0" * 64})
        for i in range(2):
            _append_to(head, users, i)
    assert set(AuditEntry.objects.values_list("chain", flat=True)) >= {1, 2}
    assert verify_chain().ok
    cut = AuditEntry.objects.filter(chain=2).latest("pk")
    _sql("DELETE FROM core_auditentry WHERE id = %s", [cut.pk])
    report = verify_chain()
    assert not report.ok and "chain 2 ends before its recorded head" in report.reason
    assert entries


def _append_to(head, users, i):
    """What audit_record does once it holds ``head``'s lock."""
    from django.utils import timezone

    from core.audit import entry_hash
    from core.models import AuditHead

    head.refresh_from_db()
    entry = AuditEntry(
        time=timezone.now(),
        event=AuditEvent.EXPORT,
        actor_id=users["qninh"].pk,
        actor_name="qninh",
        extra={"i": i},
        chain=head.pk - 1,
        prev_hash=head.last_hash,
    )
    entry.entry_hash = entry_hash(entry)
    entry._appending = True
    entry.save()
    AuditHead.objects.filter(pk=head.pk).update(last_hash=entry.entry_hash)
    return entry


def test_an_entry_moved_to_another_chain_is_caught(users):
    entries = _three_entries(users)
    from core.models import AuditHead

    other = (entries[1].chain + 1) % 8
    AuditHead.objects.get_or_create(pk=other + 1, defaults={"last_hash": "0" * 64})
    _sql("UPDATE core_auditentry SET chain = %s WHERE id = %s", [other, entries[1].pk])
    assert not verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_do_not_wait_for_each_other_on_postgresql(users):
    """A transaction that audited a classified read and has not committed yet (a slow page)
    no longer holds up the next user's audit: the second append takes another chain."""
    import threading

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time")
    from django.db import connections, transaction

    started, release, done = threading.Event(), threading.Event(), threading.Event()

    def slow_request():
        try:
            with transaction.atomic():
                audit_record(AuditEvent.EXPORT, actor_name="slow", extra={"slow": True})
                started.set()
                release.wait(20)
        finally:
            connections.close_all()

    def quick_request():
        try:
            audit_record(AuditEvent.EXPORT, actor_name="quick")
            done.set()
        finally:
            connections.close_all()

    slow = threading.Thread(target=slow_request)
    slow.start()
    assert started.wait(20)
    quick = threading.Thread(target=quick_request)
    quick.start()
    try:
        assert done.wait(10), "the second append waited for the first transaction"
    finally:
        release.set()
        slow.join(20)
        quick.join(20)
    chains = dict(
        AuditEntry.objects.filter(actor_name__in=["slow", "quick"]).values_list("actor_name", "chain")
    )
    assert chains["slow"] != chains["quick"]
    assert verify_chain().ok
