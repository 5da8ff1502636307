"""The leadership dashboard: seed figures, visibility, links that lead to the same counts,
constant queries, the API's shape and bad input."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from django.db.models import Count
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from capacity import selectors as capacity_selectors
from core.context import SYSTEM
from core.testing import count_queries
from dashboard import selectors
from tracking import selectors as tracking_selectors
from tracking.models import Assignment

pytestmark = pytest.mark.django_db

D2021 = datetime.date(2021, 12, 14)
D2026 = datetime.date(2026, 3, 2)


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _page(user, **params):
    response = _client(user).get("/", params)
    assert response.status_code == 200
    return response


def _figures(user, day=None, unit=None) -> dict:
    return selectors.dashboard(selectors.Scope(user=user, as_of=day or timezone.localdate(), unit=unit))


def _partners(figures) -> dict[str, int]:
    return {f["key"]: f["value"] for f in figures["partners"]}


# --------------------------------------------------------------------------------------------
# The seed figures
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("login", ["doingoai", "lanhdao"])
def test_seed_figures_on_the_seed_dates(users, login):
    """02/03/2026: 164 agencies of 65 countries, member of 18 organisations, 13 forums, 12
    mechanisms; 14/12/2021: 162 agencies, 64 countries, 52 bodies, 150 instruments signed."""
    user = users[login]
    later = _partners(_figures(user, D2026))
    assert [
        later[k]
        for k in (
            "foreign_agencies",
            "countries",
            "members_organizations",
            "members_forums",
            "members_mechanisms",
        )
    ] == [164, 65, 18, 13, 12]
    earlier = _partners(_figures(user, D2021))
    assert (earlier["foreign_agencies"], earlier["countries"], earlier["multilateral_participation"]) == (
        162,
        64,
        52,
    )
    assert earlier["instruments_signed"] == 150
    page = _page(user, as_of="02/03/2026").content.decode()
    assert ">164</a>" in page and ">65</a>" in page


def test_obligation_case_event_and_capacity_figures_come_from_the_records(users):
    """Every block equals the same aggregate computed directly from the visible records."""
    user = users["doingoai"]
    today = timezone.localdate()
    figures = _figures(user, today)
    visible = tracking_selectors.with_status(Assignment.objects.visible_to(user), today)
    direct = dict(visible.order_by().values_list("status").annotate(n=Count("pk")))
    assert {r["status"]: r["count"] for r in figures["assignments"]["by_status"] if r["count"]} == direct
    assert figures["assignments"]["total"] == visible.count() > 0
    overdue = [r["overdue"] for r in figures["assignments"]["by_unit"]]
    assert overdue == sorted(overdue, reverse=True) and overdue[0] > 0
    assert figures["cases"]["total"] == selectors.cases(selectors.Scope(user, today)).count() > 0
    assert sum(r["count"] for r in figures["cases"]["by_type"]) == figures["cases"]["total"]
    cap = capacity_selectors.indicator(user=user, as_of=today)
    assert (figures["capacity"]["share"], figures["capacity"]["leaders_total"]) == (
        cap["share"],
        cap["leaders_total"],
    )
    assert (figures["capacity"]["target_min"], figures["capacity"]["target_max"]) == (25, 30)
    # Upcoming events: the 30 days from 02/03/2026 hold the demo's March events.
    events = _figures(user, D2026)["events"]
    assert events["total"] >= 1 and events["upcoming"][0]["starts_on"] >= D2026
    assert all(e["starts_on"] <= D2026 + datetime.timedelta(days=30) for e in events["upcoming"])


# --------------------------------------------------------------------------------------------
# Visibility
# --------------------------------------------------------------------------------------------


def test_a_province_sees_its_share_and_a_viewer_no_more(users):
    coordinator = _figures(users["doingoai"])
    province = _figures(users["qninh"])
    viewer = _figures(users["khach"])
    assert province["limited_to_unit"] and not coordinator["limited_to_unit"]
    assert 0 < province["assignments"]["total"] < coordinator["assignments"]["total"]
    assert 0 < province["cases"]["total"] < coordinator["cases"]["total"]
    assert province["events"]["total"] <= coordinator["events"]["total"]
    assert 0 < _partners(province)["foreign_agencies"] < _partners(coordinator)["foreign_agencies"]
    assert viewer["assignments"]["total"] <= province["assignments"]["total"]
    assert viewer["cases"]["total"] <= province["cases"]["total"]
    # The province's rows are its own units only.
    qn = users["qninh"].unit.path
    for row in province["assignments"]["by_unit"]:
        assert row["path"].startswith(qn) or qn.startswith(row["path"])
    page = _page(users["qninh"]).content.decode()
    assert 'data-testid="limited-notice"' in page and 'id="id_unit"' not in page


def test_the_unit_filter_narrows_to_a_subtree_for_ministry_wide_users_only(users, units):
    qn = units["CA-QUANG-NINH"]
    today = timezone.localdate()
    narrowed = _figures(users["doingoai"], today, unit=qn)
    expected = Assignment.objects.visible_to(users["doingoai"]).filter(unit__path__startswith=qn.path).count()
    assert narrowed["assignments"]["total"] == expected > 0
    assert narrowed["unit"]["id"] == qn.pk
    # The province's own unit is a row of its own; its divisions are rows too.
    assert {r["unit_id"] for r in narrowed["assignments"]["by_unit"]} >= {qn.pk}
    client = _client(users["doingoai"])
    a = narrowed["assignments"]
    links = [(a["url"], a["total"])] + [(r["url"], r["count"]) for r in a["by_status"]]
    links += [(r["overdue_url"], r["overdue"]) for r in a["by_unit"]] + [
        (r["url"], r["total"]) for r in a["by_unit"]
    ]
    for url, value in links:
        assert _list_count(client, url) == value, url
    page = _page(users["doingoai"], unit=qn.pk).content.decode()
    assert f'<option value="{qn.pk}" selected>' in page
    # A province officer cannot widen or move the filter: the parameter is ignored.
    assert selectors.chosen_unit(users["qninh"], str(units["CA-HA-NOI"].pk)) is None
    response = _page(users["qninh"], unit=units["CA-HA-NOI"].pk)
    assert response.context["unit"] is None


# --------------------------------------------------------------------------------------------
# Every figure leads to a list with the same count
# --------------------------------------------------------------------------------------------


def _links(figures) -> list[tuple[str, int]]:
    out = [(f["url"], f["value"]) for f in figures["partners"]]
    a = figures["assignments"]
    out.append((a["url"], a["total"]))
    out += [(r["url"], r["count"]) for r in a["by_status"]]
    for r in a["by_unit"]:
        out += [(r["url"], r["total"]), (r["overdue_url"], r["overdue"])]
    c = figures["cases"]
    out.append((c["url"], c["total"]))
    out += [(r["url"], r["count"]) for r in c["by_type"] + c["by_country"]]
    e = figures["events"]
    out.append((e["url"], e["total"]))
    out += [(r["url"], r["count"]) for r in e["by_type"]]
    return out


def _list_count(client: Client, url: str) -> int:
    parts = urlsplit(url)
    response = client.get(url)
    assert response.status_code == 200, url
    context = response.context
    if "page" in context and hasattr(context["page"], "paginator"):
        return context["page"].paginator.count
    raise AssertionError(f"no paginated list at {parts.path}")


@pytest.mark.parametrize("login", ["doingoai", "qninh"])
@pytest.mark.parametrize("day", [None, D2026])
def test_every_figure_links_to_a_list_with_the_same_count(users, login, day):
    """The coordinator's and the province officer's figures differ, and each equals its list."""
    user = users[login]
    figures = _figures(user, day)
    client = _client(user)
    links = _links(figures)
    assert len(links) > 15
    for url, value in links:
        assert _list_count(client, url) == value, url
    cap = figures["capacity"]
    response = client.get(cap["url"])
    assert (response.context["share"], response.context["leaders_total"]) == (
        cap["share"],
        cap["leaders_total"],
    )
    # The page shows the same links.
    page = _page(user, **({"as_of": day.strftime("%d/%m/%Y")} if day else {})).content.decode()
    for url, _value in links[:10]:
        assert url.replace("&", "&amp;") in page


def test_figures_of_qninh_and_doingoai_differ(users):
    a = _figures(users["doingoai"])
    b = _figures(users["qninh"])
    assert [r["count"] for r in a["assignments"]["by_status"]] != [
        r["count"] for r in b["assignments"]["by_status"]
    ]
    assert _partners(a) != _partners(b)


def test_the_drill_down_list_refuses_nothing_it_should_show_and_shows_nothing_hidden(users, units):
    """The province officer's list of all assignments is what visible_to gives, no more."""
    user = users["qninh"]
    response = _client(user).get("/dashboard/assignments/", {"within": units["BCA"].pk})
    assert response.context["page"].paginator.count == Assignment.objects.visible_to(user).count()
    response = _client(user).get("/dashboard/assignments/", {"status": "nonsense", "as_of": "31/02/2026"})
    assert response.status_code == 200 and response.context["bad_date"] is True
    assert response.context["status"] == ""


# --------------------------------------------------------------------------------------------
# The site root is the dashboard, and the date is read in both spellings
# --------------------------------------------------------------------------------------------


def test_home_is_the_dashboard_with_the_greeting(users):
    user = users["lanhdao"]
    page = _page(user).content.decode()
    assert user.full_name in page and 'data-testid="partner-figures"' in page
    assert 'id="dashboard-data"' in page and "chart.umd.min.js" in page
    assert "<script>" not in page.replace('<script id="dashboard-data" type="application/json">', "")
    assert "style=" not in page
    same = _client(user).get("/dashboard/", {"as_of": "2026-03-02"})
    assert same.context["as_of_text"] == "02/03/2026"
    bad = _page(user, as_of="32/13/2026")
    assert bad.context["bad_date"] is True and 'data-testid="bad-date"' in bad.content.decode()


# --------------------------------------------------------------------------------------------
# Queries do not grow with the data
# --------------------------------------------------------------------------------------------


def _grow(users, units) -> None:
    from cases.tests.specs import make_case
    from events.tests.specs import make_event
    from partners.models import Country
    from tracking.tests.specs import make_assignment

    actor = users["doingoai"]
    countries = list(Country.objects.filter(code__in=["FR", "DE", "IT"]))
    for code in ("CA-HA-NOI", "CA-HUE", "CSKT", "VTCY"):
        unit = units[code]
        for _ in range(3):
            make_assignment(
                SYSTEM, unit, due_on=datetime.date(2026, 2, 1), assigned_on=datetime.date(2026, 1, 5)
            )
        make_case(SYSTEM, unit, countries=countries, type="extradition")
        make_event(SYSTEM, unit, starts_on="2026-03-20", type="outgoing")
    assert actor is not None


def _cold(func):
    """Queries of a request with the figures not cached (the worst case)."""
    return lambda: count_queries(func, cold=True)


@pytest.mark.parametrize("login", ["doingoai", "qninh"])
def test_queries_stay_the_same_when_the_data_grows(users, units, login):
    user = users[login]
    client = _client(user)
    params = {"as_of": "02/03/2026"}
    client.get("/", params)  # warm caches (content types, sessions)
    page = _cold(lambda: client.get("/", params))
    before = page()
    api = APIClient()
    api.force_authenticate(user)
    api_call = _cold(lambda: api.get("/api/v1/dashboard/", {"as_of": "2026-03-02"}))
    api_call()  # the user's roles are cached on it
    api_before = api_call()
    drill_before = count_queries(lambda: client.get("/dashboard/assignments/", params))
    _grow(users, units)
    assert page() == before
    assert api_call() == api_before
    assert count_queries(lambda: client.get("/dashboard/assignments/", params)) == drill_before
    if login == "doingoai":
        grown = _figures(user, D2026)
        assert any(r["code"] == "FR" for r in grown["cases"]["by_country"])


def test_the_cached_capacity_figure_follows_every_write(users, units):
    """A cached figure saves its queries, and a write through a service shows at once."""
    from capacity import services as capacity_services
    from capacity.tests.specs import make_profile

    user = users["doingoai"]
    client = _client(user)
    client.get("/")
    cold = _cold(lambda: client.get("/"))()
    warm = count_queries(lambda: client.get("/"))
    assert warm < cold
    first = _figures(user)["capacity"]
    profile = make_profile(SYSTEM, units["CA-HUE"])
    second = _figures(user)["capacity"]
    assert second["leaders_total"] == first["leaders_total"] + 1
    capacity_services.profile_delete(actor=SYSTEM, obj=profile, version=profile.version)
    assert _figures(user)["capacity"]["leaders_total"] == first["leaders_total"]
    # The page shows the fresh figure too.
    make_profile(SYSTEM, units["CA-HUE"])
    assert client.get("/").context["capacity"]["leaders_total"] == first["leaders_total"] + 1


# --------------------------------------------------------------------------------------------
# API
# --------------------------------------------------------------------------------------------


def test_api_answers_the_same_figures(users, units):
    api = APIClient()
    api.force_authenticate(users["doingoai"])
    body = api.get("/api/v1/dashboard/", {"as_of": "2026-03-02"}).json()
    assert body["as_of"] == "2026-03-02" and body["unit"] is None and body["limited_to_unit"] is False
    assert {f["key"]: f["value"] for f in body["partners"]}["foreign_agencies"] == 164
    assert set(body) == {
        "as_of",
        "unit",
        "limited_to_unit",
        "group",
        "partners",
        "assignments",
        "coverage",
        "cases",
        "events",
        "capacity",
    }
    coverage = body["coverage"]
    assert {
        "total",
        "tracked",
        "done",
        "done_late",
        "overdue",
        "untracked",
        "percent_on_time",
        "links",
    } == set(coverage)
    assert coverage["tracked"] + coverage["untracked"] == coverage["total"]
    assert set(body["assignments"]) == {"total", "url", "by_status", "units_count", "by_unit"}
    assert {"from", "to", "total", "delegations", "url", "by_type", "upcoming"} == set(body["events"])
    assert body["assignments"]["total"] == _figures(users["doingoai"], D2026)["assignments"]["total"]
    assert body["capacity"]["target_min"] == 25
    qn = units["CA-QUANG-NINH"]
    narrowed = api.get("/api/v1/dashboard/", {"as_of": "2026-03-02", "unit": qn.pk}).json()
    assert narrowed["unit"]["id"] == qn.pk
    assert narrowed["assignments"]["total"] < body["assignments"]["total"]


def test_api_bad_input_is_a_clear_400(users, units):
    api = APIClient()
    api.force_authenticate(users["doingoai"])
    response = api.get("/api/v1/dashboard/", {"as_of": "14/12/2021"})
    assert response.status_code == 400 and "as_of" in response.json()["error"]["fields"]
    response = api.get("/api/v1/dashboard/", {"unit": "abc"})
    assert response.status_code == 400 and "unit" in response.json()["error"]["fields"]
    officer = APIClient()
    officer.force_authenticate(users["qninh"])
    response = officer.get("/api/v1/dashboard/", {"unit": units["CA-HA-NOI"].pk})
    assert response.status_code == 400
    assert officer.get("/api/v1/dashboard/").json()["limited_to_unit"] is True
    assert APIClient().get("/api/v1/dashboard/").status_code == 401


def test_schema_documents_the_endpoint(users):
    api = APIClient()
    api.force_authenticate(users["doingoai"])
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/dashboard/" in schema and "Dashboard" in schema


def test_the_cached_dashboard_follows_every_write(users, units):
    """The whole dashboard is cached for its viewer; a case recorded or deleted through the
    services shows at once, for every viewer, and the cache stays per viewer."""
    from cases import services as case_services
    from cases.tests.specs import make_case

    coordinator, officer = users["doingoai"], users["qninh"]
    first = _figures(coordinator, D2026)["cases"]["total"]
    officer_first = _figures(officer, D2026)["cases"]["total"]
    assert count_queries(lambda: _figures(coordinator, D2026)) == 1  # cached: the version only
    case = make_case(SYSTEM, units["CA-HUE"])
    assert _figures(coordinator, D2026)["cases"]["total"] == first + 1
    assert _figures(officer, D2026)["cases"]["total"] == officer_first  # Huế's case: not Quảng Ninh's
    case_services.case_delete(actor=SYSTEM, obj=case, version=case.version)
    assert _figures(coordinator, D2026)["cases"]["total"] == first


# --------------------------------------------------------------------------------------------
# By country group (#20 item 6: "relations with all five permanent members on date D")
# --------------------------------------------------------------------------------------------


def _group(name_en_part: str):
    from partners.models import CountryGroup

    return CountryGroup.objects.get(name_en__contains=name_en_part)


@pytest.mark.parametrize("login", ["doingoai", "qninh"])
def test_a_country_group_narrows_the_country_figures_and_each_equals_its_list(users, login):
    from partners import selectors as partner_selectors
    from partners.selectors import group_country_ids

    user = users[login]
    asean = _group("ASEAN")
    whole = selectors.dashboard(selectors.Scope(user=user, as_of=D2026))
    narrowed = selectors.dashboard(selectors.Scope(user=user, as_of=D2026, group=asean))
    relations = partner_selectors.group_relations(user=user, group=asean, day=D2026)
    assert narrowed["group"]["members"] == relations["members"] == 11
    assert narrowed["group"]["related"] == relations["related"]
    by_key = {f["key"]: f for f in narrowed["partners"]}
    whole_by_key = {f["key"]: f for f in whole["partners"]}
    members = set(group_country_ids(asean, D2026).values_list("country_id", flat=True))
    agencies = partner_selectors.related_agencies(user, D2026).filter(country_id__in=members)
    assert by_key["foreign_agencies"]["value"] == agencies.count() < whole_by_key["foreign_agencies"]["value"]
    assert by_key["foreign_agencies"]["by_group"] and not by_key["instruments_signed"]["by_group"]
    assert by_key["instruments_signed"]["value"] == whole_by_key["instruments_signed"]["value"]
    visible_cases = selectors.cases(selectors.Scope(user=user, as_of=D2026))
    in_group = visible_cases.filter(countries__in=members).distinct().count()
    assert narrowed["cases"]["total"] == in_group
    assert all(r["country_id"] for r in narrowed["cases"]["by_country"])
    # Every figure still leads to a list of the same count, the group carried along.
    client = _client(user)
    links = _links(narrowed)
    assert all("group=" in url for url, _ in links if "/cases/" in url or "/events/" in url)
    for url, value in links:
        assert _list_count(client, url) == value, url
    # The page: the filter selected, the sentence, the badge; the group's own page agrees.
    page = _page(user, as_of="02/03/2026", group=asean.pk).content.decode()
    assert f'<option value="{asean.pk}" selected>' in page
    assert 'data-testid="group-figures"' in page and 'data-testid="by-group"' in page
    response = client.get(narrowed["group"]["url"])
    assert response.context["relations"]["related"] == narrowed["group"]["related"]


def test_a_group_filter_counts_events_of_members_and_their_agencies(users, units):
    from events.tests.specs import make_event
    from partners.models import Country

    user = users["doingoai"]
    asean = _group("ASEAN")
    day = datetime.date(2026, 3, 2)
    before = _figures_group(user, day, asean)["events"]["total"]
    make_event(
        SYSTEM, units["CSKT"], starts_on="2026-03-10", type="outgoing", country=Country.objects.get(code="TH")
    )
    make_event(
        SYSTEM, units["CSKT"], starts_on="2026-03-11", type="outgoing", country=Country.objects.get(code="FR")
    )
    after = _figures_group(user, day, asean)["events"]
    assert after["total"] == before + 1
    assert _list_count(_client(user), after["url"]) == after["total"]


def _figures_group(user, day, group) -> dict:
    return selectors.dashboard(selectors.Scope(user=user, as_of=day, group=group))


def test_an_unknown_group_is_said_and_ignored_on_the_page_and_refused_by_the_api(users):
    user = users["doingoai"]
    response = _page(user, group="999999")
    assert response.context["group"] is None
    assert 'data-testid="group-error"' in response.content.decode()
    api = APIClient()
    api.force_authenticate(user)
    for bad in ("999999", "abc"):
        response = api.get("/api/v1/dashboard/", {"group": bad})
        assert response.status_code == 400 and "group" in response.json()["error"]["fields"]
    asean = _group("ASEAN")
    body = api.get("/api/v1/dashboard/", {"as_of": "2026-03-02", "group": asean.pk}).json()
    assert body["group"]["id"] == asean.pk and body["group"]["members"] == 11
    figures = _figures_group(user, D2026, asean)
    assert body["cases"]["total"] == figures["cases"]["total"]
    assert {f["key"]: f["by_group"] for f in body["partners"]}["countries"] is True


def test_queries_with_a_group_stay_the_same_when_the_data_grows(users, units):
    user = users["doingoai"]
    client = _client(user)
    params = {"as_of": "02/03/2026", "group": _group("ASEAN").pk}
    client.get("/", params)
    page = _cold(lambda: client.get("/", params))
    before = page()
    _grow(users, units)
    assert page() == before
