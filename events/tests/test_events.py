"""Events, pledges as obligations, trips and their warnings and duties, guest lists, calendar, API."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from core.context import SYSTEM
from core.personal import MASK
from core.testing import count_queries
from events import selectors, services
from events.models import Event, Participant, Pledge, TripProposal
from events.tests.specs import make_event
from tracking.models import Assignment, Obligation
from tracking.selectors import overdue_board

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def api_for(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def _trip(unit, starts, people, *, in_plan=True, title=None):
    event = make_event(
        SYSTEM, unit, type="outgoing", starts_on=starts, ends_on=starts, **({"title": title} if title else {})
    )
    for i, (name, leader, member_unit) in enumerate(people):
        services.participant_create(
            actor=SYSTEM,
            data={
                "event": event,
                "side": "ours",
                "name": name,
                "unit": member_unit,
                "key_leader": leader,
                "order": i,
            },
        )
    return services.trip_create(
        actor=SYSTEM, data={"event": event, "purpose": "Làm việc", "in_plan": in_plan}
    )


# --- Pledges become obligations ---------------------------------------------------------------------


def test_a_pledge_becomes_an_obligation_in_one_post_with_the_event_as_its_group(units, users):
    """One POST on "track" turns the pledge into an obligation grouped under its event; the event page shows it."""
    event = make_event(SYSTEM, units["CA-QUANG-NINH"])
    pledge = services.pledge_create(
        actor=SYSTEM, data={"event": event, "text": "Trao đổi danh sách đối tượng truy nã hằng quý"}
    )
    c = client_for(users["qninh"])
    page = c.get(event.get_absolute_url()).content.decode()
    assert 'data-testid="track-button"' in page
    response = c.post(reverse("tracking:track", args=["events.pledge", pledge.pk]))
    obligation = Obligation.objects.get(
        source_type=ContentType.objects.get_for_model(Pledge), source_id=str(pledge.pk)
    )
    assert response.status_code == 302 and response.url == obligation.get_absolute_url()
    assert obligation.source_kind == "pledge"
    assert obligation.group_type == ContentType.objects.get_for_model(Event)
    assert obligation.group_id == str(event.pk)
    assert obligation.title.startswith("Trao đổi danh sách")
    # Again: the same obligation, not a second one.
    c.post(reverse("tracking:track", args=["events.pledge", pledge.pk]))
    assert Obligation.objects.filter(source_id=str(pledge.pk), source_kind="pledge").count() == 1
    page = c.get(event.get_absolute_url()).content.decode()
    assert 'data-testid="tracked"' in page
    tree = c.get(reverse("tracking:source_tree", args=["events.event", event.pk]))
    assert tree.status_code == 200 and "Trao đổi danh sách" in tree.content.decode()


def test_a_viewer_cannot_track_and_another_province_gets_404(units, users):
    """Tracking needs the right to add obligations; a hidden pledge is 404."""
    event = make_event(SYSTEM, units["CA-QUANG-NINH"])
    pledge = services.pledge_create(actor=SYSTEM, data={"event": event, "text": "Cam kết thử"})
    assert (
        client_for(users["khach"])
        .post(reverse("tracking:track", args=["events.pledge", pledge.pk]))
        .status_code
        == 403
    )
    from core.testing import make_user

    other = make_user(units["CA-HA-NOI"], "officer", "mat")
    assert (
        client_for(other).post(reverse("tracking:track", args=["events.pledge", pledge.pk])).status_code
        == 404
    )


def test_pledge_track_through_the_api_and_with_a_lead_unit(units, users):
    """The API's track action answers the obligation; the service can also assign it by its due hint."""
    event = make_event(SYSTEM, units["CA-QUANG-NINH"])
    pledge = services.pledge_create(
        actor=SYSTEM, data={"event": event, "text": "Phối hợp đào tạo", "due_hint": D("2026-12-31")}
    )
    response = api_for(users["qninh"]).post(reverse("api:pledge-track", args=[pledge.pk]))
    assert response.status_code == 200
    obligation = Obligation.objects.get(pk=response.json()["obligation"])
    assert obligation.group_id == str(event.pk)
    second = services.pledge_create(
        actor=SYSTEM, data={"event": event, "text": "Tập huấn chung", "due_hint": D("2026-12-31")}
    )
    tracked = services.pledge_track(actor=users["qninh_truong"], pledge=second, unit=units["CA-QUANG-NINH"])
    a = Assignment.objects.get(obligation=tracked)
    assert a.unit == units["CA-QUANG-NINH"] and a.due_on == D("2026-12-31") and a.role == "lead"


def test_an_event_whose_pledge_is_tracked_cannot_be_deleted(units, users):
    """The obligation would point at nothing: the page and the API refuse with the reason,
    and nothing is deleted; once the pledge is untracked the event goes."""
    from tracking import services as tracking_services

    event = make_event(SYSTEM, units["CA-QUANG-NINH"])
    pledge = services.pledge_create(actor=SYSTEM, data={"event": event, "text": "Trao đổi chuyên gia"})
    obligation = services.pledge_track(actor=SYSTEM, pledge=pledge)
    officer = users["qninh_truong"]
    response = client_for(officer).post(
        reverse("events:event_delete", args=[event.pk]), {"version": event.version}
    )
    assert response.status_code == 400
    assert "được theo dõi như nghĩa vụ" in response.content.decode()
    response = api_for(officer).delete(
        reverse("api:event-detail", args=[event.pk]) + f"?version={event.version}"
    )
    assert response.status_code == 400
    assert Event.objects.filter(pk=event.pk).exists() and Pledge.objects.filter(pk=pledge.pk).exists()
    tracking_services.obligation_delete(actor=SYSTEM, obj=obligation, version=obligation.version)
    services.event_delete(actor=SYSTEM, obj=event, version=event.version)
    assert not Event.objects.filter(pk=event.pk).exists()


# --- Trips: warnings, approval, return duties -------------------------------------------------------


def test_trip_warnings_third_trip_two_key_leaders_and_outside_the_plan(units, users):
    """A leader's third trip in a year, two key leaders of one unit and a trip outside the plan are flagged."""
    qn = units["CA-QUANG-NINH"]
    _trip(qn, "2030-02-01", [("Ngô Văn Thử", True, qn)])
    _trip(qn, "2030-05-01", [("Ngô Văn Thử", True, qn)])
    third = _trip(qn, "2030-09-01", [("Ngô Văn Thử", True, qn), ("Lưu Thị Mẫu", True, qn)], in_plan=False)
    codes = [w["code"] for w in selectors.trip_warnings(user=users["qninh"], trip=third)]
    assert sorted(codes) == ["outside_plan", "third_trip", "two_key_leaders"]
    # A trip the next year starts the count again; one leader per unit and in the plan: no warning.
    calm = _trip(qn, "2031-01-10", [("Ngô Văn Thử", True, qn), ("Phan Văn Ví", False, qn)])
    assert selectors.trip_warnings(user=users["qninh"], trip=calm) == []
    page = client_for(users["qninh"]).get(third.get_absolute_url()).content.decode()
    assert 'data-testid="trip-warnings"' in page and 'data-code="third_trip"' in page


def test_approving_a_trip_needs_the_approve_right(units, users):
    """An officer may not approve; the unit head may, once; the API answers the same."""
    trip = _trip(units["CA-QUANG-NINH"], "2030-03-01", [])
    url = reverse("events:trip_approve", args=[trip.pk])
    assert client_for(users["qninh"]).post(url, {"version": trip.version}).status_code == 403
    assert client_for(users["qninh_truong"]).post(url, {"version": trip.version}).status_code == 302
    trip.refresh_from_db()
    assert trip.status == "approved" and trip.approved_on is not None
    other = _trip(units["CA-QUANG-NINH"], "2030-04-01", [])
    response = api_for(users["qninh_truong"]).post(
        reverse("api:delegation-approve", args=[other.pk]), {"version": other.version}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "approved"


def test_the_return_opens_the_report_and_passport_duties_with_their_due_dates(units, users):
    """Back on Friday 24/04/2026: the report is due 15 calendar days later, the passports 5 working days
    later, skipping the weekend and the 30/4 and 1/5 holidays; an officer's return opens both."""
    qn = units["CA-QUANG-NINH"]
    trip = _trip(qn, "2026-04-20", [])
    trip = services.trip_approve(actor=users["qninh_truong"], obj=trip, version=trip.version)
    response = client_for(users["qninh"]).post(
        reverse("events:trip_return", args=[trip.pk]), {"returned_on": "24/04/2026", "version": trip.version}
    )
    assert response.status_code == 302
    trip.refresh_from_db()
    assert trip.status == "done" and trip.returned_on == D("2026-04-24")
    report = Assignment.objects.get(
        obligation__source_type=ContentType.objects.get_for_model(TripProposal),
        obligation__source_id=str(trip.pk),
    )
    passports = Assignment.objects.get(
        obligation__source_type=ContentType.objects.get_for_model(Event),
        obligation__source_id=str(trip.event_id),
    )
    assert report.unit == qn and passports.unit == qn
    assert report.periods.get().due_on == D("2026-05-09")
    assert passports.periods.get().due_on == D("2026-05-05")
    assert passports.day_count == "working" and passports.deadline_kind == "after_event"
    # Overdue after the dates: both reach the overdue board.
    board = overdue_board(users["doingoai"], today=D("2026-06-01"))
    ids = {a.pk for a in board["rows"]}
    assert {report.pk, passports.pk} <= ids
    page = client_for(users["qninh"]).get(trip.get_absolute_url()).content.decode()
    assert page.count('data-testid="tracked"') == 2


def test_a_trip_cannot_skip_approval(units, users):
    """A proposal cannot be marked returned before it is approved."""
    trip = _trip(units["CA-QUANG-NINH"], "2030-03-01", [])
    from core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.trip_return(
            actor=users["qninh_truong"], obj=trip, version=trip.version, returned_on=D("2030-03-05")
        )


# --- International conferences (Decision 06/2020/QĐ-TTg) -----------------------------------------


def test_conference_rule_40_or_30_days_and_the_warning(units):
    """Ministerial participants or sensitive topics: 40 days ahead (Prime Minister); otherwise 30."""
    qn = units["CA-QUANG-NINH"]
    plain = make_event(SYSTEM, qn, type="conference", starts_on="2030-06-30", international_conference=True)
    assert not plain.needs_pm_approval and plain.request_due_on == D("2030-05-31")
    pm = make_event(
        SYSTEM,
        qn,
        type="conference",
        starts_on="2030-06-30",
        international_conference=True,
        sensitive_topics=True,
    )
    assert pm.needs_pm_approval and pm.request_due_on == D("2030-05-21")
    assert selectors.conference_warning(pm, D("2030-05-20")) is None
    assert "21/05/2030" in selectors.conference_warning(pm, D("2030-05-25"))
    late = make_event(
        SYSTEM,
        qn,
        type="conference",
        starts_on="2030-06-30",
        international_conference=True,
        ministerial_participants=True,
        request_submitted_on=D("2030-05-25"),
    )
    assert selectors.conference_warning(late, D("2030-05-26"))
    assert selectors.conference_warning(make_event(SYSTEM, qn), D("2030-05-26")) is None


# --- Guest list --------------------------------------------------------------------------------------


def _guest_list(user, event):
    response = client_for(user).get(reverse("events:participant_list"), {"event": event.pk, "export": "csv"})
    return response


def test_guest_list_export_masks_names_per_personal_data_rules(units, users):
    """The unit head exports names in full; an officer gets them masked; a viewer cannot export."""
    from partners.models import Country

    event = make_event(SYSTEM, units["CA-QUANG-NINH"])
    services.participant_create(
        actor=SYSTEM,
        data={
            "event": event,
            "side": "guest",
            "name": "Somchai Khachthu",
            "agency": "Cảnh sát Hoàng gia",
            "country": Country.objects.get(code="TH"),
        },
    )
    head = _guest_list(users["qninh_truong"], event)
    assert head.status_code == 200 and "Somchai Khachthu" in head.content.decode()
    officer = _guest_list(users["qninh"], event).content.decode()
    assert "Somchai Khachthu" not in officer and MASK in officer and "Cảnh sát Hoàng gia" in officer
    assert _guest_list(users["khach"], event).status_code == 403
    xlsx = client_for(users["qninh_truong"]).get(
        reverse("events:participant_list"), {"event": event.pk, "export": "xlsx"}
    )
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert any("Somchai Khachthu" in (cell or "") for row in rows for cell in row)
    # The event page masks names for a viewer too.
    page = client_for(users["khach"]).get(event.get_absolute_url()).content.decode()
    assert "Somchai Khachthu" not in page


# --- Calendar and iCal ---------------------------------------------------------------------------------


def test_calendar_month_week_list_and_filters(units, users):
    """The month grid, week and list show visible events; the unit filter narrows them."""
    qn = units["CA-QUANG-NINH"]
    event = make_event(
        SYSTEM, qn, starts_on="2030-07-08", ends_on="2030-07-09", title="Sự kiện lịch tháng bảy"
    )
    c = client_for(users["qninh"])
    url = reverse("events:calendar")
    month = c.get(url, {"year": 2030, "month": 7}).content.decode()
    assert "Sự kiện lịch tháng bảy" in month and 'data-date="2030-07-09"' in month
    assert "Sự kiện lịch tháng bảy" in c.get(url, {"view": "week", "day": "10/07/2030"}).content.decode()
    assert "Sự kiện lịch tháng bảy" in c.get(url, {"view": "list", "year": 2030, "month": 7}).content.decode()
    other = c.get(
        url, {"view": "list", "year": 2030, "month": 7, "unit": units["CA-HA-NOI"].pk}
    ).content.decode()
    assert "Sự kiện lịch tháng bảy" not in other
    hidden = make_event(SYSTEM, units["CA-HA-NOI"], starts_on="2030-07-10", title="Sự kiện tỉnh khác")
    assert hidden.title not in c.get(url, {"year": 2030, "month": 7}).content.decode()
    assert event.pk


def test_calendar_page_queries_do_not_grow(units, users):
    """The month page costs the same number of queries for 2 and 12 events."""
    qn = units["CA-QUANG-NINH"]
    for _ in range(2):
        make_event(SYSTEM, qn, starts_on="2031-03-10")
    c = client_for(users["qninh"])
    url = reverse("events:calendar") + "?year=2031&month=3"
    c.get(url)
    small = count_queries(lambda: c.get(url))
    for _ in range(10):
        make_event(SYSTEM, qn, starts_on="2031-03-12")
    assert count_queries(lambda: c.get(url)) == small


def test_ical_download_and_token_feed(units, users):
    """The signed-in download and the token feed list visible events; classified titles stay out."""
    from tracking import services as tracking_services

    qn = units["CA-QUANG-NINH"]
    make_event(SYSTEM, qn, starts_on=datetime.date.today().isoformat(), title="Sự kiện iCal công khai")
    make_event(
        SYSTEM,
        qn,
        starts_on=datetime.date.today().isoformat(),
        title="Sự kiện iCal mật",
        classification="mat",
    )
    body = client_for(users["qninh"]).get(reverse("events:calendar_ics")).content.decode()
    assert body.startswith("BEGIN:VCALENDAR") and "Sự kiện iCal công khai" in body
    assert "Sự kiện iCal mật" not in body
    token = tracking_services.feed_token_renew(actor=users["qninh"])
    feed = Client().get(reverse("events:feed_ics", args=[token]))
    assert feed.status_code == 200 and "Sự kiện iCal công khai" in feed.content.decode()
    assert Client().get(reverse("events:feed_ics", args=["nope"])).status_code == 404
    assert Client().get(reverse("events:calendar_ics")).status_code == 302


# --- Outreach, pages, API ------------------------------------------------------------------------------


def test_outreach_counts_by_platform_and_month(units, users):
    """Counts by platform and by month cover only visible items of the period."""
    qn = units["CA-QUANG-NINH"]
    for platform, day in (("press", "2032-01-05"), ("press", "2032-02-05"), ("social", "2032-02-06")):
        services.media_create(
            actor=SYSTEM,
            data={
                "outlet": "Báo",
                "title": "Tin " + day,
                "published_on": D(day),
                "platform": platform,
                "owner_unit": qn,
            },
        )
    services.media_create(
        actor=SYSTEM,
        data={
            "outlet": "Báo",
            "title": "Tin khác",
            "published_on": D("2032-02-07"),
            "platform": "press",
            "owner_unit": units["CA-HA-NOI"],
        },
    )
    counts = selectors.media_counts(user=users["qninh"], start=D("2032-01-01"), end=D("2032-12-31"))
    assert counts["total"] == 3
    assert {p["value"]: p["count"] for p in counts["platforms"]}["press"] == 2
    assert [r["total"] for r in counts["rows"]] == [1, 2]
    page = client_for(users["qninh"]).get(
        reverse("events:outreach"), {"start": "01/01/2032", "end": "31/12/2032"}
    )
    assert page.status_code == 200 and 'data-testid="media-total">3<' in page.content.decode()


def test_event_detail_shows_people_pledges_instruments_and_trip(units, users):
    """The event page has its programme, participants, pledges with their fate and the trip link."""
    qn = units["CA-QUANG-NINH"]
    trip = _trip(qn, "2030-03-01", [("Ngô Văn Trang", True, qn)])
    services.pledge_create(actor=SYSTEM, data={"event": trip.event, "text": "Cam kết trang chi tiết"})
    page = client_for(users["qninh_truong"]).get(trip.event.get_absolute_url()).content.decode()
    assert "Ngô Văn Trang" in page and "Cam kết trang chi tiết" in page and trip.get_absolute_url() in page


def test_api_endpoints_answer(units, users):
    """events, delegations, pledges and media-items are served; participants' names are masked for viewers."""
    event = make_event(SYSTEM, units["CA-QUANG-NINH"])
    services.participant_create(
        actor=SYSTEM,
        data={"event": event, "side": "ours", "name": "Ngô Thị API", "unit": units["CA-QUANG-NINH"]},
    )
    api = api_for(users["khach"])
    for name in ("event", "delegation", "pledge", "media-item", "participant", "programme-item"):
        assert api.get(reverse(f"api:{name}-list")).status_code == 200
    rows = api.get(reverse("api:participant-list"), {"event": event.pk}).json()["results"]
    assert rows and rows[0]["name"] == MASK
    body = api_for(users["qninh"]).get(reverse("api:event-detail", args=[event.pk])).json()
    assert body["title"] == event.title


# --- Demo --------------------------------------------------------------------------------------------------


def test_demo_holds_the_seed_events(users):
    """The seeds' events are records: 11/11/2025 with more than 300, 14/11/2025 in Quảng Ninh, the Convention."""
    doingoai = users["doingoai"]
    visible = Event.objects.visible_to(doingoai)
    conference = visible.get(starts_on=D("2025-11-11"))
    assert conference.participants_count == 300 and conference.participants_more_than
    assert conference.participants_text == "more than 300" or "300" in conference.participants_text
    training = visible.get(starts_on=D("2025-11-14"))
    assert training.province.code == "CA-QUANG-NINH" and training.type == "training"
    signing = visible.get(starts_on=D("2025-10-25"))
    assert signing.instruments_signed.filter(
        title__startswith="Công ước của Liên hợp quốc về chống tội phạm mạng"
    ).exists()
    assert visible.filter(starts_on=D("2021-12-14")).exists()
    assert visible.count() == Event.objects.visible_to(users["lanhdao"]).count()
    assert TripProposal.objects.filter(status="done").count() >= 2
    # A demo delegation's overdue report is on the overdue board.
    board = overdue_board(doingoai)
    assert any(a.obligation.source_kind == "delegation" for a in board["rows"])
    qn_trip = TripProposal.objects.get(event__title__startswith="Đoàn Công an tỉnh Quảng Ninh khảo sát")
    codes = {w["code"] for w in selectors.trip_warnings(user=doingoai, trip=qn_trip)}
    assert codes == {"outside_plan", "third_trip"}
    assert Participant.objects.filter(side="guest").exists()


def test_event_page_queries_do_not_grow_with_its_children(units, users):
    """The event page costs the same for 2 and 12 pledges, participants and programme items."""
    qn = units["CA-QUANG-NINH"]
    event = make_event(SYSTEM, qn)

    def add(n):
        for i in range(n):
            pledge = services.pledge_create(actor=SYSTEM, data={"event": event, "text": f"Cam kết {i}"})
            services.pledge_track(actor=SYSTEM, pledge=pledge, unit=qn)
            services.participant_create(
                actor=SYSTEM, data={"event": event, "side": "ours", "name": f"Cán bộ {i}", "unit": qn}
            )
            services.programme_item_create(
                actor=SYSTEM, data={"event": event, "day": D("2026-03-10"), "title": f"Mục {i}"}
            )

    add(2)
    c = client_for(users["qninh_truong"])
    c.get(event.get_absolute_url())
    small = count_queries(lambda: c.get(event.get_absolute_url()))
    add(10)
    assert count_queries(lambda: c.get(event.get_absolute_url())) == small


def test_partner_profile_lists_the_partners_events(units, users):
    """A country's profile shows the visible events with it (the events section of partner profiles)."""
    from partners.models import Country

    lao = Country.objects.get(code="LA")
    event = make_event(SYSTEM, units["CA-QUANG-NINH"], title="Hội đàm với phía Lào (hồ sơ đối tác)")
    services.event_update(actor=SYSTEM, obj=event, data={"countries": [lao]}, version=event.version)
    context = selectors.partner_events(type("R", (), {"user": users["qninh"]})(), lao)
    assert event in list(context["partner_events"])
    assert event not in list(
        selectors.partner_events(type("R", (), {"user": users["khach"]})(), Country.objects.get(code="TH"))[
            "partner_events"
        ]
    )


def test_the_api_records_the_return_and_opens_the_duties(units, users):
    """POST delegations/<id>/return/ marks the trip done and opens the two tracked duties."""
    trip = _trip(units["CA-QUANG-NINH"], "2030-03-02", [])
    trip = services.trip_approve(actor=users["qninh_truong"], obj=trip, version=trip.version)
    api = api_for(users["qninh_truong"])
    response = api.post(
        reverse("api:delegation-return", args=[trip.pk]),
        {"returned_on": "2030-03-08", "version": trip.version},
        format="json",
    )
    assert response.status_code == 200 and response.json()["status"] == "done"
    assert Obligation.objects.filter(group_id=str(trip.event_id), source_kind="delegation").count() == 2
    warnings = api.get(reverse("api:delegation-warnings", args=[trip.pk])).json()["warnings"]
    assert warnings == []
    stale = api.post(reverse("api:delegation-approve", args=[trip.pk]), {"version": 1}, format="json")
    assert stale.status_code in (400, 409)


def test_filter_choices_never_show_a_hidden_event(units, users):
    """The event filter of the participant and pledge lists offers only visible events."""
    hidden = make_event(SYSTEM, units["CA-HA-NOI"], title="Sự kiện ẩn của Hà Nội (bộ lọc)")
    c = client_for(users["qninh"])
    for name in ("events:participant_list", "events:pledge_list", "events:mediaitem_list"):
        assert hidden.title not in c.get(reverse(name)).content.decode()


def test_ical_writes_times_with_the_vietnamese_tzid_and_all_day_events_as_dates(units):
    """A timed event: DTSTART/DTEND with TZID Asia/Ho_Chi_Minh (and its VTIMEZONE); no end
    time: one hour; an all-day event: dates, DTEND the day after its last day."""
    from events.views_pages import ical_events

    qn = units["CA-QUANG-NINH"]
    timed = make_event(
        SYSTEM,
        qn,
        starts_on=D("2030-07-08"),
        start_time=datetime.time(8, 30),
        end_time=datetime.time(11, 15),
        title="Hội đàm có giờ",
    )
    open_end = make_event(
        SYSTEM, qn, starts_on=D("2030-07-09"), ends_on=D("2030-07-10"), start_time=datetime.time(14, 0)
    )
    all_day = make_event(SYSTEM, qn, starts_on=D("2030-07-11"), ends_on=D("2030-07-12"))
    body = ical_events(
        [timed, open_end, all_day],
        base_url="https://hoptac.example",
        name="t",
        stamp=datetime.datetime(2030, 7, 1, tzinfo=datetime.UTC),
    )
    lines = body.split("\r\n")
    assert "BEGIN:VTIMEZONE" in lines and "TZID:Asia/Ho_Chi_Minh" in lines and "TZOFFSETTO:+0700" in lines
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20300708T083000" in lines
    assert "DTEND;TZID=Asia/Ho_Chi_Minh:20300708T111500" in lines
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20300709T140000" in lines
    assert "DTEND;TZID=Asia/Ho_Chi_Minh:20300710T150000" in lines
    assert "DTSTART;VALUE=DATE:20300711" in lines and "DTEND;VALUE=DATE:20300713" in lines
    # An end before the start on the same day, or an end time without a start time, is refused.
    from core.exceptions import ValidationError

    for bad in (
        {"start_time": datetime.time(10, 0), "end_time": datetime.time(9, 0)},
        {"end_time": datetime.time(9, 0)},
    ):
        with pytest.raises(ValidationError):
            make_event(SYSTEM, qn, starts_on=D("2030-07-08"), **bad)


def test_the_media_form_reads_a_bare_address_as_https(units, users):
    """No scheme: https is assumed (and no Django 6 deprecation warning is raised)."""
    import warnings

    from events.forms import MediaItemForm

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        form = MediaItemForm(
            data={
                "outlet": "Báo",
                "title": "Tin",
                "url": "cand.com.vn/tin",
                "published_on": "01/03/2030",
                "language": "vi",
                "platform": "online",
                "owner_unit": units["CA-QUANG-NINH"].pk,
                "classification": "thuong",
            },
            user=users["qninh"],
        )
        assert form.is_valid(), form.errors
    assert form.cleaned_data["url"] == "https://cand.com.vn/tin"
