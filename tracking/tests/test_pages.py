"""The tracking pages: who sees what, the workflow steps through the UI, bulk assignment, the feed.

Time is frozen on 15/04/2020, before every demo deadline, so the demo's records (loaded once
per session) are neither overdue nor due in the months the tests look at; every write in the
set-up goes through the services.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from core.context import SYSTEM
from core.testing import count_queries, make_user
from tracking import services
from tracking.models import Assignment, Obstacle, ProgressReport

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = datetime.datetime(2020, 4, 15, 9, 0)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def obligation(units, title="Triển khai thỏa thuận Zeta", **extra):
    return services.obligation_create(
        actor=SYSTEM, data={"title": title, "owner_unit": units["CDN"], **extra}
    )


def assign(ob, unit, **extra):
    data = {
        "obligation": ob,
        "unit": unit,
        "role": "lead",
        "assigned_on": D(2020, 1, 5),
        "due_on": D(2020, 3, 31),
    }
    data.update(extra)
    return services.assignment_create(actor=SYSTEM, data=data)


def submit(actor, a, percent=100, narrative="Đã hoàn thành"):
    return services.report_submit(
        actor=actor, data={"assignment": a, "percent": percent, "narrative": narrative}
    )


def raise_obstacle(actor, a, text="Đối tác chưa cử đầu mối"):
    return services.obstacle_raise(
        actor=actor, data={"assignment": a, "description": text, "proposal": "Đề nghị Cục Đối ngoại trao đổi"}
    )


@pytest.fixture
def qn(units):
    return units["CA-QUANG-NINH"]


@pytest.fixture
def work(units, qn):
    """An obligation given to Quảng Ninh (overdue since 01/04) and Hà Nội (due later)."""
    ob = obligation(units)
    mine = assign(ob, qn)
    other = assign(ob, units["CA-HA-NOI"], role="support", due_on=D(2020, 6, 30))
    return {"obligation": ob, "mine": mine, "other": other}


# --------------------------------------------------------------------------------------------
# Every page: 200 for the allowed user, login for the anonymous
# --------------------------------------------------------------------------------------------

PAGES = [
    "/tracking/my-work/",
    "/tracking/overdue/",
    "/tracking/completion/",
    "/tracking/calendar/",
    "/tracking/not-implemented/",
    "/tracking/feed/",
]


@pytest.mark.parametrize("url", PAGES)
def test_each_page_opens_for_its_users_and_sends_the_anonymous_to_login(url, users, work):
    """Coordinator, leadership, unit head, officer and viewer get 200; anonymous users the login page."""
    for name in ("doingoai", "lanhdao", "qninh_truong", "qninh", "khach"):
        response = client(users[name]).get(url)
        assert response.status_code == 200, (name, url)
    response = Client().get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize(
    "name",
    ["obligation", "assignment"],
)
def test_the_detail_pages_open_and_the_workflow_urls_need_a_login(name, users, work):
    obj = work["obligation"] if name == "obligation" else work["mine"]
    assert client(users["doingoai"]).get(obj.get_absolute_url()).status_code == 200
    assert client(users["qninh"]).get(obj.get_absolute_url()).status_code == 200
    response = Client().get(obj.get_absolute_url())
    assert response.status_code == 302 and "/login/" in response["Location"]
    for url in (
        reverse("tracking:obligation_assign", args=[work["obligation"].pk]),
        reverse("tracking:obligation_assign_many", args=[work["obligation"].pk]),
    ):
        response = Client().post(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_menu_leads_to_my_work_and_lists_the_tracking_pages(users):
    body = client(users["qninh"]).get("/tracking/my-work/").content.decode()
    for url_name in (
        "tracking:my_work",
        "tracking:overdue",
        "tracking:obligation_list",
        "tracking:assignment_list",
        "tracking:progressreport_list",
        "tracking:obstacle_list",
        "tracking:completion",
        "tracking:calendar",
        "tracking:not_implemented",
        "instruments:directive_list",
        "instruments:directiveitem_list",
        "tracking:calendarday_list",
    ):
        assert f'href="{reverse(url_name)}"' in body, url_name


# --------------------------------------------------------------------------------------------
# My work and the overdue board: each sees only what visible_to allows
# --------------------------------------------------------------------------------------------


def _row_units(response, testid):
    import re

    return re.findall(rf'data-testid="{testid}"[^>]*data-unit="([^"]+)"', response.content.decode())


def test_my_work_shows_only_the_officers_own_assignments(users, work):
    """Quảng Ninh's officer sees its assignment (overdue, so first), never Hà Nội's of the same obligation."""
    c = client(users["qninh"])
    response = c.get("/tracking/my-work/")
    body = response.content.decode()
    seen = _row_units(response, "work-row")
    assert seen and all(code.startswith("CA-QUANG-NINH") for code in seen)
    assert work["mine"].get_absolute_url() in body and work["other"].get_absolute_url() not in body
    assert body.index('data-status="overdue"') < body.index('data-status="not_started"')
    # The status filter and the search.
    assert _row_units(c.get("/tracking/my-work/?status=overdue"), "work-row") == ["CA-QUANG-NINH"]
    assert work["mine"].get_absolute_url() not in c.get("/tracking/my-work/?status=done").content.decode()
    assert _row_units(c.get("/tracking/my-work/?q=zeta"), "work-row") == ["CA-QUANG-NINH"]
    coordinator = client(users["doingoai"]).get("/tracking/my-work/?q=zeta")
    assert _row_units(coordinator, "work-row") == []  # neither is Cục Đối ngoại's own work


def test_my_work_of_the_coordinator_is_its_own_units_and_search_and_role_filter(users, units, work):
    """My work is the user's unit subtree; the coordinator's own unit gets its own work."""
    ob = obligation(units, title="Báo cáo sơ kết Omega")
    own = assign(ob, units["CDN"], due_on=D(2020, 5, 10))
    c = client(users["doingoai"])
    response = c.get("/tracking/my-work/")
    assert set(_row_units(response, "work-row")) == {"CDN"}
    assert own.get_absolute_url() in response.content.decode()
    assert _row_units(c.get("/tracking/my-work/?q=so+ket+OMEGA"), "work-row") == ["CDN"]
    assert _row_units(c.get("/tracking/my-work/?q=omega&role=support"), "work-row") == []
    assert _row_units(c.get("/tracking/my-work/?q=omega&role=lead"), "work-row") == ["CDN"]


def test_the_overdue_board_is_limited_by_visibility(users, units, work):
    """The officer sees only Quảng Ninh's overdue work; the coordinator sees every unit's."""
    assign(obligation(units, title="Việc khác"), units["CA-HA-NOI"], due_on=D(2020, 2, 1))
    officer = client(users["qninh"]).get("/tracking/overdue/")
    assert _row_units(officer, "overdue-row") == ["CA-QUANG-NINH"]
    coordinator = client(users["doingoai"]).get("/tracking/overdue/")
    # Oldest first: Hà Nội (01/02) before Quảng Ninh (31/03).
    assert _row_units(coordinator, "overdue-row") == ["CA-HA-NOI", "CA-QUANG-NINH"]
    filtered = client(users["doingoai"]).get("/tracking/overdue/?unit={}".format(units["CA-HA-NOI"].pk))
    assert _row_units(filtered, "overdue-row") == ["CA-HA-NOI"]
    leadership = client(users["lanhdao"]).get("/tracking/overdue/?sort=unit")
    assert sorted(_row_units(leadership, "overdue-row")) == ["CA-HA-NOI", "CA-QUANG-NINH"]


def test_the_board_names_the_units_with_most_overdue_work_and_links_to_all(users, units, work, monkeypatch):
    """At national scale the by-unit breakdown was 591 units on every request: the board names
    the top units (and the one filtered on) and links to the full breakdown."""
    from tracking import selectors

    assign(obligation(units, title="Việc khác"), units["CA-HA-NOI"], due_on=D(2020, 2, 1))
    assign(obligation(units, title="Việc nữa"), units["CA-HA-NOI"], due_on=D(2020, 2, 2))
    monkeypatch.setattr(selectors, "BOARD_TOP_UNITS", 1)
    c = client(users["doingoai"])

    def by_unit(response) -> list[str]:
        part = response.content.decode().split('data-testid="by-unit"')[1].split("</ul>")[0]
        return [u.name for u in units.values() if f">{u.name}</a>" in part]

    top = c.get("/tracking/overdue/")
    assert by_unit(top) == [units["CA-HA-NOI"].name]
    body = top.content.decode()
    assert 'data-testid="by-unit-all"' in body and "units=all" in body
    every = c.get("/tracking/overdue/?units=all")
    assert set(by_unit(every)) == {units["CA-HA-NOI"].name, units["CA-QUANG-NINH"].name}
    assert 'data-testid="by-unit-all"' not in every.content.decode()
    # The unit filtered on stays named, with its count, though it is not in the top.
    kept = c.get("/tracking/overdue/?unit={}".format(units["CA-QUANG-NINH"].pk))
    assert set(by_unit(kept)) == {units["CA-HA-NOI"].name, units["CA-QUANG-NINH"].name}
    assert _row_units(kept, "overdue-row") == ["CA-QUANG-NINH"]
    board = selectors.overdue_board(users["doingoai"], top=1)
    assert board["units_count"] == 2 and board["total"] == 3


def test_an_officer_of_another_province_does_not_see_the_obligation(users, units, work):
    """Hidden is 404: the obligation, the assignment and its workflow steps."""
    stranger = client(make_user(units["CA-HA-NOI"], "officer", "mat"))
    assert stranger.get(work["mine"].get_absolute_url()).status_code == 404
    response = stranger.get(work["obligation"].get_absolute_url())
    assert response.status_code == 200  # Hà Nội is assigned too...
    assert _row_units(response, "assignment-row") == ["CA-HA-NOI"]  # ...but sees only its own row
    assert (
        client(make_user(units["CA-HUE"], "officer", "mat"))
        .get(work["obligation"].get_absolute_url())
        .status_code
        == 404
    )


def test_completion_rates_default_to_the_reporting_year_and_take_a_window(users, units, work):
    c = client(users["doingoai"])
    response = c.get("/tracking/completion/")
    body = response.content.decode()
    assert "15/12/2019" in body and "14/12/2020" in body
    assert set(_row_units(response, "completion-row")) >= {"CA-QUANG-NINH", "CA-HA-NOI"}
    narrow = c.get("/tracking/completion/?from=01/03/2020&to=31/03/2020")
    assert _row_units(narrow, "completion-row") == ["CA-QUANG-NINH"]
    bad = c.get("/tracking/completion/?from=tomorrow")
    assert bad.status_code == 200 and 'data-testid="date-error"' in bad.content.decode()
    officer = client(users["qninh"]).get("/tracking/completion/")
    assert "CA-QUANG-NINH" in _row_units(officer, "completion-row")
    assert all(code.startswith("CA-QUANG-NINH") for code in _row_units(officer, "completion-row"))


def test_the_deadline_calendar_shows_the_months_due_dates(users, work):
    c = client(users["qninh"])
    march = c.get("/tracking/calendar/?month=2020-03").content.decode()
    assert 'data-testid="deadline-row"' in march and 'data-date="2020-03-31"' in march
    assert "Triển khai thỏa thuận Zeta" in march
    april = c.get("/tracking/calendar/?month=2020-04").content.decode()
    # The grid shows 30–31/03 greyed, but the month's list holds only April's due dates.
    assert "Triển khai thỏa thuận Zeta" not in april.split('data-testid="deadline-list"')[1]
    assert c.get("/tracking/calendar/?month=x").status_code == 200


def test_signed_but_not_implemented_lists_unassigned_and_overdue_source_obligations(users, units):
    """A directive's tasks turned into obligations: one never assigned, one overdue."""
    from instruments.models import DirectiveItem

    tasks = DirectiveItem.objects.filter(kind="task").select_related("directive").order_by("pk")
    items = [item for item in tasks if services.existing_for_source(item) is None][:2]
    assert len(items) == 2
    first = services.obligation_from_source(actor=users["doingoai"], source=items[0])
    second = services.obligation_from_source(actor=users["doingoai"], source=items[1])
    assign(second, units["CA-QUANG-NINH"], due_on=D(2020, 2, 1))
    body = client(users["doingoai"]).get("/tracking/not-implemented/").content.decode()
    assert first.get_absolute_url() in body and second.get_absolute_url() in body
    only_overdue = client(users["doingoai"]).get("/tracking/not-implemented/?show=overdue").content.decode()
    assert second.get_absolute_url() in only_overdue
    page = client(users["doingoai"]).get(first.get_absolute_url()).content.decode()
    assert 'data-testid="source-link"' in page and items[0].get_absolute_url() in page


# --------------------------------------------------------------------------------------------
# Obligation page: consolidated progress and assignment, one unit or many
# --------------------------------------------------------------------------------------------


def test_the_obligation_page_shows_consolidated_progress_and_forms_only_to_assigners(users, work):
    coordinator = client(users["doingoai"]).get(work["obligation"].get_absolute_url()).content.decode()
    assert 'data-testid="consolidated"' in coordinator and 'data-testid="assign-section"' in coordinator
    assert 'data-status-count="overdue">1<' in coordinator
    assert 'data-status-count="not_started">1<' in coordinator
    officer = client(users["qninh"]).get(work["obligation"].get_absolute_url()).content.decode()
    assert 'data-testid="assign-section"' not in officer
    head = client(users["qninh_truong"]).get(work["obligation"].get_absolute_url()).content.decode()
    assert 'data-testid="assign-section"' not in head  # the obligation is Cục Đối ngoại's


def test_assign_to_one_unit_through_the_page(users, units):
    ob = obligation(units)
    url = reverse("tracking:obligation_assign", args=[ob.pk])
    c = client(users["doingoai"])
    data = {
        "unit": units["CA-QUANG-NINH"].pk,
        "role": "lead",
        "assigned_on": "15/04/2020",
        "deadline_kind": "date",
        "due_on": "30/06/2020",
        "day_count": "working",
    }
    response = c.post(url, data)
    assert response.status_code == 302
    a = Assignment.objects.get(obligation=ob)
    assert a.unit == units["CA-QUANG-NINH"] and a.due_on == D(2020, 6, 30)
    # A second lead is refused with the reason beside the field; nothing is written.
    response = c.post(url, {**data, "unit": units["CA-HA-NOI"].pk})
    assert response.status_code == 400
    assert 'data-testid="nothing-saved"' in response.content.decode()
    assert "invalid-feedback" in response.content.decode()
    # A due date before the assignment date: 400, the service's message.
    response = c.post(url, {**data, "unit": units["CA-HA-NOI"].pk, "role": "support", "due_on": "01/01/2020"})
    assert response.status_code == 400
    assert Assignment.objects.filter(obligation=ob).count() == 1
    # Officers and unit heads may not assign the obligation itself (403); strangers get 404.
    assert client(users["qninh"]).post(url, data).status_code == 403
    assert client(users["qninh_truong"]).post(url, data).status_code == 403
    assert client(make_user(units["CA-HUE"], "unit_head", "mat")).post(url, data).status_code == 404
    assert client(users["lanhdao"]).get(url).status_code == 200  # leadership assigns work too
    assert Assignment.objects.filter(obligation=ob).count() == 1


def test_bulk_assignment_to_all_34_provinces_through_the_page(users, units):
    ob = obligation(units)
    url = reverse("tracking:obligation_assign_many", args=[ob.pk])
    response = client(users["doingoai"]).post(
        url,
        {
            "all_provinces": "on",
            "role": "support",
            "assigned_on": "15/04/2020",
            "deadline_kind": "date",
            "due_on": "30/06/2020",
            "day_count": "working",
        },
    )
    assert response.status_code == 302
    assigned = Assignment.objects.filter(obligation=ob)
    assert assigned.count() == 34
    assert set(assigned.values_list("unit__kind", flat=True)) == {"province"}


def test_bulk_assignment_is_all_or_nothing_and_says_why(users, units):
    ob = obligation(units)
    assign(ob, units["CA-HA-NOI"], role="support")
    url = reverse("tracking:obligation_assign_many", args=[ob.pk])
    data = {
        "all_provinces": "on",
        "units": [units["CDN"].pk],
        "role": "support",
        "assigned_on": "15/04/2020",
        "deadline_kind": "date",
        "due_on": "30/06/2020",
        "day_count": "working",
    }
    response = client(users["doingoai"]).post(url, data)
    assert response.status_code == 400
    import re

    errors = re.findall(r'data-testid="units-error">([^<]*)<', response.content.decode())
    assert len(errors) == 1 and str(units["CA-HA-NOI"]) in errors[0]
    assert Assignment.objects.filter(obligation=ob).count() == 1
    # No unit chosen: 400 and nothing written.
    response = client(users["doingoai"]).post(url, {**data, "all_provinces": "", "units": []})
    assert response.status_code == 400
    assert Assignment.objects.filter(obligation=ob).count() == 1


# --------------------------------------------------------------------------------------------
# Assignment page: periods, reports, obstacles, sub-assignments and the actions
# --------------------------------------------------------------------------------------------


def test_the_assignment_page_offers_the_actions_of_each_role(users, work):
    url = work["mine"].get_absolute_url()
    officer = client(users["qninh"]).get(url).content.decode()
    assert 'data-testid="report-progress"' in officer and 'data-testid="raise-obstacle"' in officer
    assert 'data-testid="sub-assign"' not in officer
    assert 'data-testid="period-row"' in officer and 'data-status="overdue"' in officer
    head = client(users["qninh_truong"]).get(url).content.decode()
    assert 'data-testid="sub-assign"' in head
    viewer = client(users["khach"]).get(url).content.decode()
    assert 'data-testid="report-progress"' not in viewer and 'data-testid="raise-obstacle"' not in viewer


def test_report_progress_from_the_assignment_with_the_assignment_preselected(users, work):
    a = work["mine"]
    c = client(users["qninh"])
    form = c.get(reverse("tracking:progressreport_add") + f"?assignment={a.pk}").content.decode()
    assert f'value="{a.pk}" selected' in form
    response = c.post(
        reverse("tracking:progressreport_add") + f"?assignment={a.pk}",
        {"assignment": a.pk, "percent": 100, "narrative": "Đã ký kế hoạch triển khai"},
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get(assignment=a)
    assert report.awaiting_unit == a.unit and report.late


def test_sub_assign_inside_the_unit_from_the_assignment(users, units, work):
    a = work["mine"]
    c = client(users["qninh_truong"])
    url = reverse("tracking:assignment_add") + f"?parent={a.pk}&obligation={a.obligation_id}"
    body = c.get(url).content.decode()
    assert units["CA-QUANG-NINH-PA08"].name in body and units["CA-HA-NOI"].name not in body
    response = c.post(
        url,
        {
            "obligation": a.obligation_id,
            "parent": a.pk,
            "unit": units["CA-QUANG-NINH-PA08"].pk,
            "role": "lead",
            "assigned_on": "15/04/2020",
            "deadline_kind": "date",
            "due_on": "20/05/2020",
            "day_count": "working",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    child = Assignment.objects.get(parent=a)
    assert child.unit == units["CA-QUANG-NINH-PA08"] and child.owner_unit == a.unit
    page = client(users["qninh_truong"]).get(a.get_absolute_url()).content.decode()
    assert 'data-testid="child-row"' in page


# --------------------------------------------------------------------------------------------
# Reviewing a report through the UI
# --------------------------------------------------------------------------------------------


@pytest.fixture
def report(users, work):
    return submit(users["qninh"], work["mine"], percent=100)


def test_the_unit_head_approves_through_the_page(users, work, report):
    page = client(users["qninh_truong"]).get(report.get_absolute_url()).content.decode()
    assert 'data-testid="review-form"' in page and 'data-testid="awaiting"' in page
    officer_page = client(users["qninh"]).get(report.get_absolute_url()).content.decode()
    assert 'data-testid="review-form"' not in officer_page  # nobody reviews their own report
    response = client(users["qninh_truong"]).post(
        reverse("tracking:report_approve", args=[report.pk]), {"version": report.version, "comment": ""}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "approved" and report.reviewed_by == users["qninh_truong"]
    mine = client(users["qninh"]).get("/tracking/my-work/").content.decode()
    assert 'data-status="done_late"' in mine  # submitted 15/04 for a 31/03 due date


def test_return_needs_a_comment_and_writes_nothing_without_it(users, report):
    url = reverse("tracking:report_return", args=[report.pk])
    c = client(users["qninh_truong"])
    response = c.post(url, {"version": report.version, "comment": "   "})
    assert response.status_code == 400
    assert 'data-testid="field-error"' in response.content.decode()
    report.refresh_from_db()
    assert report.status == "submitted" and report.version == 1
    response = c.post(url, {"version": report.version, "comment": "Thiếu số liệu"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "returned" and report.review_comment == "Thiếu số liệu"


def test_review_refusals_are_403_hidden_404_stale_409_bad_version_400(users, units, report):
    approve = reverse("tracking:report_approve", args=[report.pk])
    # An officer (no approval right) and the author: 403 with the reason.
    assert client(users["qninh"]).post(approve, {"version": report.version}).status_code == 403
    other_head = make_user(units["CA-QUANG-NINH-PA08"], "unit_head", "mat")
    assert client(other_head).post(approve, {"version": report.version}).status_code == 404
    response = client(make_user(units["CA-QUANG-NINH"], "unit_head", "toi_mat")).post(
        approve, {"version": report.version}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "approved"
    # A stranger province's head does not see it: 404.
    assert (
        client(make_user(units["CA-HA-NOI"], "unit_head", "mat")).post(approve, {"version": 1}).status_code
        == 404
    )
    # Once approved, another approval is refused (400), nothing changes.
    response = client(users["qninh_truong"]).post(approve, {"version": report.version})
    assert response.status_code == 400
    # A missing version: 400.
    assert client(users["doingoai"]).post(approve, {}).status_code == 400


def test_a_stale_review_is_refused_with_409(users, report):
    response = client(users["qninh_truong"]).post(
        reverse("tracking:report_approve", args=[report.pk]), {"version": report.version + 5}
    )
    assert response.status_code == 409
    report.refresh_from_db()
    assert report.status == "submitted"


def test_the_author_is_told_why_they_cannot_review(users, units, work):
    head_report = submit(users["qninh_truong"], work["mine"], percent=50)
    response = client(users["qninh_truong"]).post(
        reverse("tracking:report_approve", args=[head_report.pk]), {"version": head_report.version}
    )
    assert response.status_code == 403
    assert 'data-testid="step-error"' in response.content.decode()


# --------------------------------------------------------------------------------------------
# Obstacles through the UI
# --------------------------------------------------------------------------------------------


@pytest.fixture
def obstacle(users, work):
    return raise_obstacle(users["qninh"], work["mine"])


def test_raise_an_obstacle_from_the_assignment(users, work):
    a = work["mine"]
    url = reverse("tracking:obstacle_add") + f"?assignment={a.pk}"
    c = client(users["qninh"])
    assert f'value="{a.pk}" selected' in c.get(url).content.decode()
    response = c.post(url, {"assignment": a.pk, "description": "Chưa có kinh phí", "proposal": "Bổ sung"})
    assert response.status_code == 302
    assert Obstacle.objects.get(assignment=a).status == "raised"


def test_the_coordinator_answers_through_the_page(users, obstacle):
    page = client(users["doingoai"]).get(obstacle.get_absolute_url()).content.decode()
    assert 'data-testid="answer-form"' in page
    assert (
        'data-testid="answer-form"'
        not in client(users["qninh"]).get(obstacle.get_absolute_url()).content.decode()
    )
    url = reverse("tracking:obstacle_answer", args=[obstacle.pk])
    empty = client(users["doingoai"]).post(url, {"version": obstacle.version, "text": ""})
    assert empty.status_code == 400
    obstacle.refresh_from_db()
    assert obstacle.status == "raised"
    response = client(users["doingoai"]).post(
        url, {"version": obstacle.version, "text": "Liên hệ Đại sứ quán"}
    )
    assert response.status_code == 302
    obstacle.refresh_from_db()
    assert obstacle.status == "answered" and obstacle.answer == "Liên hệ Đại sứ quán"
    shown = client(users["qninh"]).get(obstacle.get_absolute_url()).content.decode()
    assert "Liên hệ Đại sứ quán" in shown


def test_escalate_then_the_leadership_decides_through_the_pages(users, units, obstacle):
    escalate = reverse("tracking:obstacle_escalate", args=[obstacle.pk])
    decide = reverse("tracking:obstacle_decide", args=[obstacle.pk])
    # Officers and leadership do not escalate (403); a stranger does not see it (404).
    assert client(users["qninh"]).post(escalate, {"version": obstacle.version}).status_code == 403
    assert client(users["lanhdao"]).post(escalate, {"version": obstacle.version}).status_code == 403
    stranger = make_user(units["CA-HA-NOI"], "officer", "mat")
    assert client(stranger).post(escalate, {"version": obstacle.version}).status_code == 404
    # Deciding before the escalation: 400, nothing changes.
    assert (
        client(users["lanhdao"]).post(decide, {"version": obstacle.version, "text": "x"}).status_code == 400
    )
    response = client(users["doingoai"]).post(
        escalate, {"version": obstacle.version, "text": "Vượt thẩm quyền"}
    )
    assert response.status_code == 302
    obstacle.refresh_from_db()
    assert obstacle.status == "escalated"
    assert (
        'data-testid="decide-form"'
        in client(users["lanhdao"]).get(obstacle.get_absolute_url()).content.decode()
    )
    assert (
        client(users["doingoai"]).post(decide, {"version": obstacle.version, "text": "x"}).status_code == 403
    )
    assert (
        client(users["lanhdao"]).post(decide, {"version": obstacle.version, "text": " "}).status_code == 400
    )
    response = client(users["lanhdao"]).post(decide, {"version": obstacle.version, "text": "Đồng ý đề xuất"})
    assert response.status_code == 302
    obstacle.refresh_from_db()
    assert obstacle.status == "decided" and obstacle.decided_by == users["lanhdao"]


# --------------------------------------------------------------------------------------------
# The iCal feed
# --------------------------------------------------------------------------------------------


def test_the_ical_feed_by_token_and_404_after_renewal(users, units, work):
    c = client(users["qninh"])
    assert 'data-testid="feed-create"' in c.get("/tracking/feed/").content.decode()
    assert c.post("/tracking/feed/").status_code == 302
    page = c.get("/tracking/feed/").content.decode()
    assert 'data-testid="feed-url"' in page
    token = users["qninh"].__class__.objects.get(pk=users["qninh"].pk).feed_token.token
    url = reverse("tracking:feed_ics", args=[token])
    assert url in page
    response = Client().get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20200331" in body
    assert "DTSTART;VALUE=DATE:20200630" not in body  # Hà Nội's deadline is not Quảng Ninh's
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    unfolded = body.replace("\r\n ", "")
    assert "SUMMARY:Triển khai thỏa thuận Zeta · Công an tỉnh Quảng Ninh" in unfolded
    # Renewal: the old address is gone.
    c.post("/tracking/feed/")
    assert Client().get(url).status_code == 404
    assert Client().get(reverse("tracking:feed_ics", args=["no-such-token"])).status_code == 404


def test_the_feed_escapes_text_and_hides_classified_titles(users, units):
    from core.ical import escape as _ical_escape

    assert _ical_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    secret = obligation(units, title="Kế hoạch mật, không công bố", classification="mat")
    assign(secret, units["CA-QUANG-NINH"], due_on=D(2020, 5, 5))
    services.feed_token_renew(actor=users["qninh"])
    token = users["qninh"].__class__.objects.get(pk=users["qninh"].pk).feed_token.token
    body = Client().get(reverse("tracking:feed_ics", args=[token])).content.decode().replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20200505" in body
    assert "Kế hoạch mật" not in body


# --------------------------------------------------------------------------------------------
# Query counts do not grow with the data
# --------------------------------------------------------------------------------------------


def _grow(units, n):
    """``n`` obligations assigned to Quảng Ninh (all overdue) with one report and obstacle each."""
    from org.models import Unit

    provinces = list(Unit.objects.filter(kind="province").order_by("path")[:n])
    rows = []
    for i in range(n):
        ob = obligation(units, title=f"Nhiệm vụ {i}")
        a = assign(ob, units["CA-QUANG-NINH"], due_on=D(2020, 3, 1) + datetime.timedelta(days=i))
        for p in provinces[:n]:
            if p != units["CA-QUANG-NINH"]:
                assign(ob, p, role="support")
        rows.append(a)
    return rows


def _counts(c, urls):
    for url in urls:
        c.get(url)  # warm caches (content types, sessions)
    return [count_queries(lambda url=url: c.get(url)) for url in urls]


def test_page_query_counts_do_not_grow_with_the_data(users, units):
    small = _grow(units, 2)
    head = users["qninh_truong"]
    for a in small:
        raise_obstacle(users["qninh"], a)
    services.report_approve(actor=head, obj=submit(users["qninh"], small[0], percent=10), version=1)
    c = client(users["doingoai"])
    ch = client(head)

    def urls(rows):
        return [rows[0].obligation.get_absolute_url(), rows[0].get_absolute_url()]

    before_coordinator = _counts(c, ["/tracking/overdue/", *urls(small)])
    before_head = _counts(ch, ["/tracking/my-work/", "/tracking/overdue/"])
    big = _grow(units, 12)
    for a in big:
        raise_obstacle(users["qninh"], a)
    # The page of the first big obligation has 12 assignments; its assignment more obstacles.
    for i in range(10):
        raise_obstacle(users["qninh"], big[0], text=f"Vướng mắc {i}")
        services.report_approve(actor=head, obj=submit(users["qninh"], big[0], percent=10 + i), version=1)
    after_coordinator = _counts(c, ["/tracking/overdue/", *urls(big)])
    after_head = _counts(ch, ["/tracking/my-work/", "/tracking/overdue/"])
    assert after_coordinator == before_coordinator
    assert after_head == before_head


def test_bulk_assignment_page_with_a_lead_unit(users, units):
    ob = obligation(units)
    url = reverse("tracking:obligation_assign_many", args=[ob.pk])
    data = {
        "all_provinces": "on",
        "lead_unit": units["CDN"].pk,
        "role": "support",
        "assigned_on": "15/04/2020",
        "deadline_kind": "date",
        "due_on": "30/06/2020",
        "day_count": "working",
    }
    assert client(users["doingoai"]).post(url, data).status_code == 302
    assigned = Assignment.objects.filter(obligation=ob)
    assert assigned.count() == 35
    assert list(assigned.filter(role="lead").values_list("unit__code", flat=True)) == ["CDN"]
    # Several leads without a lead unit: refused with the reason, nothing written.
    ob2 = obligation(units)
    url2 = reverse("tracking:obligation_assign_many", args=[ob2.pk])
    response = client(users["doingoai"]).post(url2, {**data, "lead_unit": "", "role": "lead"})
    assert response.status_code == 400
    assert "hãy chọn đơn vị chủ trì" in response.content.decode()
    assert Assignment.objects.filter(obligation=ob2).count() == 0
