"""The daily round of reminders, its job and command, and the notification centre.

Dates are in 2019, before any demo deadline, so the demo data cannot add reminders of its
own to what these tests count.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django_tasks import TaskResultStatus
from django_tasks.backends.immediate import ImmediateBackend

from core.context import SYSTEM
from core.testing import count_queries, make_user
from tracking import notify, reminders, services
from tracking.models import AssignmentPeriod, Notification, NotificationQuerySet
from tracking.tasks import run_daily_round

pytestmark = pytest.mark.django_db
D = datetime.date
ASSIGNED = D(2019, 3, 1)
DUE = D(2019, 3, 29)


def frozen(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(7)), tick=False)


@pytest.fixture(autouse=True)
def only_tracking_jobs(monkeypatch):
    """Other modules' daily jobs (instruments' alerts, yearly plans) are tested by their modules."""
    monkeypatch.setattr(reminders, "DAILY_JOBS", {})


@pytest.fixture
def qn(units):
    return units["CA-QUANG-NINH"]


@pytest.fixture
def officer(qn):
    """An officer of Quảng Ninh with an e-mail address (the demo accounts have none)."""
    return make_user(qn, "officer", clearance="mat", email="officer@example.org")


def make_assignment(units, unit, title="Trao đổi thông tin phòng chống ma túy", **extra):
    ob = services.obligation_create(
        actor=SYSTEM,
        data={
            "title": title,
            "owner_unit": units["CDN"],
            "classification": extra.pop("classification", "thuong"),
        },
    )
    data = {"obligation": ob, "unit": unit, "role": "lead", "assigned_on": ASSIGNED, "due_on": DUE}
    data.update(extra)
    return services.assignment_create(actor=SYSTEM, data=data)


def notes(kind=None, **filters):
    qs = Notification.objects.filter(**filters)
    return qs.filter(kind=kind) if kind else qs


def run(day: datetime.date) -> dict[str, int]:
    with frozen(day):
        return reminders.daily_round()


def test_due_soon_goes_to_the_unit_staff_n_days_ahead(units, users, qn, officer):
    """Three days before the due date the officers and head of the unit are reminded, once."""
    a = make_assignment(units, qn)
    period = a.periods.get()
    assert run(DUE - datetime.timedelta(days=4))["due_soon"] == 0
    counts = run(DUE - datetime.timedelta(days=3))
    sent = notes("due_soon", key=f"due_soon:{period.pk}:{DUE.isoformat()}")
    assert {n.recipient.username for n in sent} >= {"qninh", "qninh_truong", officer.username}
    assert "khach" not in {n.recipient.username for n in sent}  # a viewer is not staff
    assert counts["due_soon"] == sent.count()
    assert sent.first().url == a.get_absolute_url() and "29/03/2019" in sent.first().body
    # The next days the same reminder is not sent again.
    assert run(DUE - datetime.timedelta(days=2))["due_soon"] == 0


def test_due_soon_respects_the_setting_and_skips_done_periods(units, users, qn, settings):
    settings.HOPTAC_REMINDER_DAYS_BEFORE = 7
    a = make_assignment(units, qn)
    done = make_assignment(units, qn, title="Đã xong")
    with frozen(D(2019, 3, 10)):
        report = services.report_submit(
            actor=users["qninh"], data={"assignment": done, "percent": 100, "narrative": "Xong"}
        )
        services.report_approve(actor=users["qninh_truong"], obj=report, version=report.version)
    run(DUE - datetime.timedelta(days=7))
    assert notes("due_soon", key__startswith=f"due_soon:{a.periods.get().pk}:").exists()
    assert not notes("due_soon", key__startswith=f"due_soon:{done.periods.get().pk}:").exists()


def test_due_today(units, users, qn):
    a = make_assignment(units, qn)
    counts = run(DUE)
    sent = notes("due_today", key=f"due_today:{a.periods.get().pk}:{DUE.isoformat()}")
    assert {n.recipient.username for n in sent} >= {"qninh", "qninh_truong"}
    assert counts["due_today"] == sent.count()


def test_reminders_skip_staff_below_the_assignment_classification(units, users, qn):
    """Nobody is told the title of a record above their clearance (qninh holds mat)."""
    secret = make_assignment(units, qn, classification="toi_mat")
    cleared = make_user(qn, "officer", clearance="toi_mat")
    run(DUE)
    sent = {
        n.recipient_id for n in notes("due_today", key__startswith=f"due_today:{secret.periods.get().pk}:")
    }
    assert cleared.pk in sent
    assert users["qninh"].pk not in sent and users["qninh_truong"].pk not in sent


def test_overdue_digest_only_when_it_lists_something(units, users, qn):
    """One digest a day per unit head (their subtree) and coordinator (everything); none when empty."""
    a = make_assignment(units, qn)
    pa08_head = make_user(units["CA-QUANG-NINH-PA08"], "unit_head", clearance="mat")
    assert run(DUE)["overdue_digests"] == 0  # due today is not overdue yet
    assert not notes("overdue_digest").exists()
    day = DUE + datetime.timedelta(days=1)
    counts = run(day)
    digests = notes("overdue_digest", key__endswith=f":{day.isoformat()}")
    by_user = {n.recipient.username: n for n in digests}
    assert set(by_user) >= {"qninh_truong", "doingoai"}
    assert pa08_head.username not in by_user  # nothing overdue in the division's subtree
    assert "qninh" not in by_user  # officers get no digest
    assert a.obligation.title in by_user["qninh_truong"].body
    assert a.obligation.title in by_user["doingoai"].body
    assert by_user["doingoai"].key == "digest:{}:{}".format(users["doingoai"].pk, day.isoformat())
    assert counts["overdue_digests"] == digests.count()
    # Twice the same day: nothing new; the next day: a new digest.
    assert run(day)["overdue_digests"] == 0
    assert run(day + datetime.timedelta(days=1))["overdue_digests"] == digests.count()


def test_a_division_head_gets_the_division_only(units, users, qn):
    pa08 = units["CA-QUANG-NINH-PA08"]
    pa08_head = make_user(pa08, "unit_head", clearance="mat")
    make_assignment(units, qn, title="Của tỉnh")
    make_assignment(units, pa08, title="Của phòng PA08")
    run(DUE + datetime.timedelta(days=1))
    division = notes("overdue_digest", recipient=pa08_head).get()
    province = notes("overdue_digest", recipient=users["qninh_truong"]).get()
    assert "Của phòng PA08" in division.body and "Của tỉnh" not in division.body
    assert "Của phòng PA08" in province.body and "Của tỉnh" in province.body  # subtree


def test_nudge_after_n_days_without_a_report(units, users, qn, settings):
    """An open assignment silent for N days nudges its unit, once per N days of silence."""
    settings.HOPTAC_NUDGE_AFTER_DAYS = 10
    a = make_assignment(units, qn, due_on=D(2019, 12, 31))
    assert run(ASSIGNED + datetime.timedelta(days=9))["nudges"] == 0
    counts = run(ASSIGNED + datetime.timedelta(days=10))
    nudges = notes("no_report", key=f"no_report:{a.pk}:{D(2019, 3, 11).isoformat()}")
    assert {n.recipient.username for n in nudges} >= {"qninh", "qninh_truong"}
    assert counts["nudges"] == nudges.count()
    assert run(ASSIGNED + datetime.timedelta(days=15))["nudges"] == 0
    # A report restarts the count.
    with frozen(D(2019, 3, 16)):
        services.report_submit(
            actor=users["qninh"], data={"assignment": a, "percent": 20, "narrative": "Bắt đầu"}
        )
    assert run(D(2019, 3, 25))["nudges"] == 0
    assert run(D(2019, 3, 26))["nudges"] > 0
    assert notes("no_report", key=f"no_report:{a.pk}:{D(2019, 3, 26).isoformat()}").exists()


def test_recurring_assignments_are_topped_up(units, qn):
    """An open-ended monthly report gets its next periods as the days pass; never twice."""
    with frozen(ASSIGNED):
        a = make_assignment(
            units,
            qn,
            deadline_kind="recurring",
            due_on=None,
            frequency="month",
            due_day=20,
            starts_on=ASSIGNED,
        )
    first = set(AssignmentPeriod.objects.filter(assignment=a).values_list("starts_on", flat=True))
    later = D(2019, 9, 1)
    counts = run(later)
    now = set(AssignmentPeriod.objects.filter(assignment=a).values_list("starts_on", flat=True))
    assert first < now and counts["periods_added"] >= len(now - first) == 6
    assert run(later)["periods_added"] == 0
    # A round run for an earlier day removes nothing.
    run(ASSIGNED)
    assert set(AssignmentPeriod.objects.filter(assignment=a).values_list("starts_on", flat=True)) == now


def test_running_the_round_twice_sends_nothing_twice(units, qn, officer, django_capture_on_commit_callbacks):
    """Notifications and their e-mails: once, however often the round runs the same day."""
    make_assignment(units, qn)
    make_assignment(units, qn, title="Quá hạn", due_on=D(2019, 3, 20))
    day = DUE - datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        first = run(day)
    assert first["due_soon"] > 0 and first["overdue_digests"] > 0
    total, sent_mail = Notification.objects.count(), len(mail.outbox)
    assert [m.to for m in mail.outbox] == [[officer.email]]  # only the officer has an address
    assert mail.outbox[0].subject.startswith("[hoptac] ")
    assert notes("due_soon", recipient=officer).get().emailed
    with django_capture_on_commit_callbacks(execute=True):
        second = run(day)
    assert set(second.values()) == {0}
    assert Notification.objects.count() == total and len(mail.outbox) == sent_mail


def test_a_concurrent_double_insert_is_absorbed(units, qn, monkeypatch):
    """Two workers both pass the "already sent?" check: the unique constraint keeps one."""
    user = make_user(qn, "officer")
    assert len(notify.notify([user], kind="due_soon", title="A", key="race:1")) == 1
    monkeypatch.setattr(NotificationQuerySet, "exists", lambda self: False)
    assert notify.notify([user], kind="due_soon", title="A", key="race:1") == []
    assert notes(recipient=user, key="race:1").count() == 1


def test_the_task_runs_through_the_configured_backend(units, qn):
    """Tests use the immediate backend: enqueueing runs the round, twice without duplicates."""
    assert isinstance(run_daily_round.get_backend(), ImmediateBackend)
    a = make_assignment(units, qn)
    with frozen(DUE):
        result = run_daily_round.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["due_today"] > 0
    total = Notification.objects.count()
    again = run_daily_round.enqueue(DUE.isoformat())
    assert again.status == TaskResultStatus.SUCCESSFUL and again.return_value["due_today"] == 0
    assert Notification.objects.count() == total
    assert notes("due_today", key__startswith=f"due_today:{a.periods.get().pk}:").exists()


def test_send_reminders_command_runs_now_or_enqueues(units, qn, capsys):
    a = make_assignment(units, qn)
    call_command("send_reminders", "--date", DUE.isoformat())
    assert "due_today:" in capsys.readouterr().out
    key = f"due_today:{a.periods.get().pk}:{DUE.isoformat()}"
    total = notes(key=key).count()
    assert total > 0
    call_command("send_reminders", "--enqueue", "--date", DUE.isoformat())
    assert "enqueued run_daily_round" in capsys.readouterr().out
    assert notes(key=key).count() == total


# --------------------------------------------------------------------------------------------
# The notification centre
# --------------------------------------------------------------------------------------------


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_anonymous_is_sent_to_login(client):
    response = client.get("/tracking/notifications/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    response = client.post("/tracking/notifications/read/", {"all": "1"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_page_lists_only_ones_own_notifications(qn):
    me, other = make_user(qn, "officer"), make_user(qn, "officer")
    notify.notify([me], kind="due_today", title="Của tôi", key="t:mine", body="Nội dung")
    notify.notify([other], kind="due_today", title="Của người khác", key="t:other")
    page = client_for(me).get("/tracking/notifications/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Của tôi" in html and "Nội dung" in html
    assert "Của người khác" not in html


def test_unread_first_and_paginated(qn):
    me = make_user(qn, "officer")
    for i in range(30):
        notify.notify([me], kind="due_today", title=f"Thông báo {i:02d}", key=f"t:{i}")
    oldest = Notification.objects.get(recipient=me, key="t:0")
    services.notifications_mark_read(
        actor=me, ids=[n.pk for n in Notification.objects.filter(recipient=me).exclude(pk=oldest.pk)]
    )
    first = client_for(me).get("/tracking/notifications/")
    assert first.context["notifications"][0].pk == oldest.pk  # the only unread one, on top
    assert len(first.context["notifications"]) == 25 and first.context["page"].paginator.num_pages == 2
    unread = client_for(me).get("/tracking/notifications/?unread=1")
    assert [n.pk for n in unread.context["notifications"]] == [oldest.pk]


def test_mark_read_touches_only_ones_own(qn):
    me, other = make_user(qn, "officer"), make_user(qn, "officer")
    (mine,) = notify.notify([me], kind="due_today", title="A", key="t:a", url="/tracking/")
    (theirs,) = notify.notify([other], kind="due_today", title="B", key="t:b")
    c = client_for(me)
    response = c.post("/tracking/notifications/read/", {"id": [theirs.pk]})
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert c.post(f"/tracking/notifications/{theirs.pk}/open/").status_code == 404
    c.post("/tracking/notifications/read/", {"id": [mine.pk], "page": "2"})
    mine.refresh_from_db()
    assert mine.read_at is not None
    # "Mark all read" and "open" (marks read, then goes to what it is about).
    (second,) = notify.notify([me], kind="due_today", title="C", key="t:c", url="/tracking/")
    opened = c.post(f"/tracking/notifications/{second.pk}/open/")
    assert opened.status_code == 302 and opened["Location"] == "/tracking/"
    notify.notify([me], kind="due_today", title="D", key="t:d")
    notify.notify([me], kind="due_today", title="E", key="t:e")
    c.post("/tracking/notifications/read/", {"all": "1"})
    assert not Notification.objects.filter(recipient=me, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=other, read_at__isnull=True).count() == 1


def test_open_refuses_an_outside_url(qn):
    me = make_user(qn, "officer")
    (note,) = notify.notify([me], kind="due_today", title="A", key="t:x", url="https://evil.example/")
    response = client_for(me).post(f"/tracking/notifications/{note.pk}/open/")
    assert response["Location"] == "/tracking/notifications/"


def test_unread_badge_costs_one_constant_query(qn):
    """The header badge shows the unread count; its cost does not grow with the notifications."""
    me = make_user(qn, "officer")
    c = client_for(me)
    notify.notify([me], kind="due_today", title="A", key="b:0")
    c.get("/tracking/notifications/")  # warm caches (session, content types)
    one = count_queries(lambda: c.get("/tracking/notifications/"))
    for i in range(1, 40):
        notify.notify([me], kind="due_today", title="A", key=f"b:{i}")
    many = count_queries(lambda: c.get("/tracking/notifications/"))
    assert one == many
    html = c.get("/tracking/notifications/").content.decode()
    assert 'data-testid="unread-badge">40<' in html
    home = c.get("/").content.decode()
    assert 'data-testid="unread-badge">40<' in home
    # Read everything: the badge disappears.
    services.notifications_mark_read(actor=me)
    assert 'data-testid="unread-badge"' not in c.get("/").content.decode()


def test_the_badge_costs_nothing_for_anonymous_users(rf):
    from django.contrib.auth.models import AnonymousUser

    from tracking.context_processors import notifications

    request = rf.get("/")
    request.user = AnonymousUser()
    assert count_queries(lambda: notifications(request)) == 0
    assert notifications(request) == {}


def test_the_badge_counts_once_per_page(qn):
    """However often a template reads the count, it is one query."""
    from tracking.context_processors import notifications

    me = make_user(qn, "officer")
    notify.notify([me], kind="due_today", title="A", key="c:0")

    class Request:
        user = me

    count = notifications(Request())["unread_notifications"]
    assert count_queries(lambda: [count() for _ in range(3)]) == 1
    assert count() == 1


def test_no_assignment_objects_read_in_the_view_module():
    """The view module reads only through visible_to (the source rule of core.tests.test_guards)."""
    import re
    from pathlib import Path

    import tracking.views_notifications as module

    text = Path(module.__file__).read_text(encoding="utf-8")
    assert not re.search(r"\.objects\.(?!visible_to\b|none\(\))", text)
    assert not re.search(r"\)\.update\(|\.bulk_(create|update)\(|\.delete\(\)", text)


def test_a_paused_assignment_gets_no_reminder_until_resumed(units, qn):
    """Waiting on a partner: reminders stop (the status does not), and resume with the pause."""
    from tracking import selectors
    from tracking.models import Assignment

    a = make_assignment(units, qn)
    a = services.assignment_pause_reminders(
        actor=SYSTEM, obj=a, reason="Chờ phía bạn trả lời", version=a.version
    )
    assert a.reminders_paused_on is not None and a.pause_reason == "Chờ phía bạn trả lời"
    counts = run(DUE - datetime.timedelta(days=3))
    assert counts["due_soon"] == 0
    assert run(DUE + datetime.timedelta(days=5))["overdue_digests"] == 0
    overdue = selectors.with_status(Assignment.objects.filter(pk=a.pk), DUE + datetime.timedelta(days=5))
    assert overdue.get().status == "overdue"
    a = services.assignment_pause_reminders(actor=SYSTEM, obj=a, reason="", version=a.version)
    assert a.reminders_paused_on is None
    assert run(DUE)["due_today"] > 0
