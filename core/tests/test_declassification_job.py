"""Declassification when the protection period ends, the notices of a level change, and the
list of what is declassified in the coming days (issue #21 item 4)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from core.context import SYSTEM
from core.declassification import declassify_expired, ends_between, expired, years_before
from core.models import AuditEntry, AuditEvent, ObjectChange
from core.services import record_set_classification, record_share
from core.testing import make_user
from core.tests.sampleapp.models import SampleRecord
from core.tests.specs import make

pytestmark = pytest.mark.django_db
D = datetime.date


def _client(user, api=False):
    c = APIClient() if api else Client()
    c.force_login(user)
    return c


def _obligations(record):
    from core.declassification import record_label
    from tracking.models import Obligation

    return Obligation.objects.filter(
        source_kind="classification", title__contains=f"“{record_label(record)}”"
    )


def test_the_period_ends_on_the_anniversary_of_the_classification_date():
    assert years_before(D(2026, 12, 7), 10) == D(2016, 12, 7)
    assert years_before(D(2025, 2, 28), 1) == D(2024, 2, 28)
    assert years_before(D(2028, 2, 29), 1) == D(2027, 2, 28)


def test_the_daily_job_lifts_what_has_expired_and_nothing_else(units, users):
    today = timezone.localdate()
    qn, hn = units["CA-QUANG-NINH"], units["CA-HA-NOI"]
    ended = make(SYSTEM, qn, "mat", title="Hồ sơ hết hạn bảo vệ", classified_on=years_before(today, 10))
    extended = make(
        SYSTEM, qn, "mat", title="Hồ sơ gia hạn", classified_on=years_before(today, 10), protection_years=10
    )
    extended = record_set_classification(
        actor=SYSTEM, obj=extended, level="mat", protection_years=8, version=extended.version
    )  # shortened to 8: ended two years ago
    longer = make(SYSTEM, qn, "toi_mat", title="Hồ sơ tối mật", classified_on=years_before(today, 10))
    tomorrow = make(
        SYSTEM,
        qn,
        "mat",
        title="Hồ sơ mai hết hạn",
        classified_on=years_before(today, 10) + datetime.timedelta(days=1),
    )
    record_share(actor=SYSTEM, obj=ended, units=[hn])
    due = {r.pk for r in expired(today) if isinstance(r, SampleRecord)}
    assert due == {ended.pk, extended.pk}

    assert declassify_expired(today) >= 2
    for record in (ended, extended):
        record.refresh_from_db()
        assert record.classification == "thuong" and record.classified_on is None
    longer.refresh_from_db()
    tomorrow.refresh_from_db()
    assert longer.classification == "toi_mat" and tomorrow.classification == "mat"
    # History records the change; the audit log has the decision with its reason.
    change = ObjectChange.objects.filter(object_id=str(ended.pk), content_type__model="samplerecord").latest(
        "pk"
    )
    assert [f for f, _b, _a in change.changed_fields() if f == "classification"]
    decision = AuditEntry.objects.filter(
        target_id=str(ended.pk), event=AuditEvent.CLASSIFICATION_CHANGE
    ).latest("pk")
    assert decision.actor_name == "system" and decision.extra["direction"] == "lifted"
    assert "117/2025" in decision.extra["reason"]
    # Every unit holding it (owner, the unit it was shared with) must re-mark its copies in 15 days.
    obligation = _obligations(ended).get()
    assignments = {a.unit_id: a for a in obligation.assignments.all()}
    assert set(assignments) == {qn.pk, hn.pk}
    assert all(a.due_on == today + datetime.timedelta(days=15) for a in assignments.values())
    from tracking.models import Notification

    notified = set(
        Notification.objects.filter(kind="classification", url=ended.get_absolute_url()).values_list(
            "recipient__unit_id", flat=True
        )
    )
    assert notified == {qn.pk, hn.pk}
    # Run again (a doubled timer): nothing more.
    assert not [r for r in expired(today) if isinstance(r, SampleRecord)]
    assert _obligations(ended).count() == 1


def test_the_daily_round_runs_the_declassification(units):
    from tracking.reminders import daily_round

    today = timezone.localdate()
    record = make(SYSTEM, units["CA-QUANG-NINH"], "mat", classified_on=years_before(today, 11))
    counts = daily_round(today)
    assert counts["declassified"] >= 1
    record.refresh_from_db()
    assert record.classification == "thuong"


def test_a_decision_by_a_person_notifies_the_units_holding_the_record(units, users):
    qn, hn = units["CA-QUANG-NINH"], units["CA-HA-NOI"]
    record = make(SYSTEM, qn, "thuong", title="Hồ sơ được nâng độ mật")
    record_share(actor=SYSTEM, obj=record, units=[hn])
    head = users["qninh_truong"]
    record_set_classification(
        actor=head,
        obj=record,
        level="mat",
        protection_years=None,
        version=record.version,
        reason="Nội dung nhạy cảm hơn",
    )
    obligation = _obligations(record).get()
    assert obligation.classification == "mat"
    assert {a.unit_id for a in obligation.assignments.all()} == {qn.pk, hn.pk}


def test_ends_between_matches_declassify_on(units):
    today = timezone.localdate()
    records = [
        make(
            SYSTEM,
            units["CA-QUANG-NINH"],
            level,
            classified_on=years_before(today, years) + datetime.timedelta(days=shift),
            **extra,
        )
        for level, years, shift, extra in [
            ("mat", 10, 5, {}),
            ("mat", 3, 30, {"protection_years": 3}),
            ("toi_mat", 20, 89, {}),
            ("toi_mat", 20, 91, {}),
            ("tuyet_mat", 30, 0, {}),
        ]
    ]
    window = set(
        SampleRecord.objects.filter(pk__in=[r.pk for r in records])
        .filter(ends_between(today, today + datetime.timedelta(days=90)))
        .values_list("pk", flat=True)
    )
    expected = {r.pk for r in records if today < r.declassify_on <= today + datetime.timedelta(days=90)}
    assert window == expected and len(expected) == 3


def test_the_coming_declassifications_page_and_api(units, users):
    today = timezone.localdate()
    qn, hn = units["CA-QUANG-NINH"], units["CA-HA-NOI"]
    soon = make(
        SYSTEM,
        qn,
        "mat",
        title="Hồ sơ sắp giải mật",
        classified_on=years_before(today, 10) + datetime.timedelta(days=20),
    )
    later = make(
        SYSTEM,
        qn,
        "mat",
        title="Hồ sơ còn lâu",
        classified_on=years_before(today, 10) + datetime.timedelta(days=200),
    )
    elsewhere = make(
        SYSTEM,
        hn,
        "mat",
        title="Hồ sơ Hà Nội sắp giải mật",
        classified_on=years_before(today, 10) + datetime.timedelta(days=20),
    )

    leadership = _client(users["lanhdao"]).get("/security/declassification/")
    body = leadership.content.decode()
    assert leadership.status_code == 200
    assert soon.title in body and elsewhere.title in body and later.title not in body
    assert (
        later.title in _client(users["lanhdao"]).get("/security/declassification/?days=366").content.decode()
    )
    # A unit head sees only what the visibility rule lets them see.
    head = _client(users["qninh_truong"]).get("/security/declassification/").content.decode()
    assert soon.title in head and elsewhere.title not in head
    # Officers do not decide extensions: 403.
    assert _client(users["qninh"]).get("/security/declassification/").status_code == 403
    bad = _client(users["lanhdao"]).get("/security/declassification/?days=abc")
    assert bad.status_code == 400 and 'data-testid="days-error"' in bad.content.decode()

    api = _client(users["qninh_truong"], api=True)
    answer = api.get("/api/v1/declassification/", {"days": 30})
    assert answer.status_code == 200
    titles = {row["title"] for row in answer.json()["results"]}
    assert soon.title in titles and elsewhere.title not in titles and later.title not in titles
    row = next(r for r in answer.json()["results"] if r["title"] == soon.title)
    assert row["declassify_on"] == soon.declassify_on.isoformat() and row["classification"] == "mat"
    for params in ({"days": 0}, {"days": "x"}, {"days": 400}, {"level": "secret"}):
        assert api.get("/api/v1/declassification/", params).status_code == 400, params
    assert _client(users["qninh"], api=True).get("/api/v1/declassification/").status_code == 403


def test_the_page_costs_the_same_queries_as_the_records_grow(units, users):
    from core.testing import count_queries

    today = timezone.localdate()
    c = _client(users["lanhdao"])
    make(
        SYSTEM,
        units["CA-QUANG-NINH"],
        "mat",
        classified_on=years_before(today, 10) + datetime.timedelta(days=3),
    )
    c.get("/security/declassification/")
    before = count_queries(lambda: c.get("/security/declassification/"))
    for i in range(4):
        make(
            SYSTEM,
            units["CA-HA-NOI"],
            "mat",
            title=f"Hồ sơ {i}",
            classified_on=years_before(today, 10) + datetime.timedelta(days=4 + i),
        )
    assert count_queries(lambda: c.get("/security/declassification/")) == before


def test_an_outsider_unit_head_of_lower_clearance_never_sees_the_title(units):
    today = timezone.localdate()
    secret = make(
        SYSTEM,
        units["CA-QUANG-NINH"],
        "toi_mat",
        title="Hồ sơ tối mật sắp hết hạn",
        classified_on=years_before(today, 20) + datetime.timedelta(days=5),
    )
    low = make_user(units["CA-QUANG-NINH"], "unit_head", "mat")
    assert secret.title not in _client(low).get("/security/declassification/").content.decode()


def test_a_record_with_personal_data_is_listed_without_it(units, users):
    """The list names a record holding personal data by kind and id to a reader who may not
    see that data in full, as the notices always do."""
    from core.declassification import record_label

    today = timezone.localdate()
    record = make(
        SYSTEM,
        units["CA-QUANG-NINH"],
        "mat",
        title="Hồ sơ có nhân thân",
        classified_on=years_before(today, 10) + datetime.timedelta(days=9),
    )
    assert record_label(record) == f"{str(SampleRecord._meta.verbose_name).capitalize()} #{record.pk}"
    head = users["qninh_truong"]
    from core.personal import may_see_personal

    expected = str(record) if may_see_personal(head, record) else record_label(record)
    rows = _client(head, api=True).get("/api/v1/declassification/").json()["results"]
    assert {"title": expected} in [{"title": r["title"]} for r in rows if r["id"] == record.pk]
