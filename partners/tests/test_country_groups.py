"""Country groups (#20 item 6): dated, named groups of countries as reference data, usable as
filters on the partner lists ("relations with all five permanent members on date D")."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from rest_framework.test import APIClient

from core.context import SYSTEM
from core.testing import count_queries
from partners import selectors, services
from partners.models import Country, CountryGroup, CountryGroupMember

pytestmark = pytest.mark.django_db
D = datetime.date


def _client(user, api=False):
    c = APIClient() if api else Client()
    c.force_login(user)
    return c


def _asean():
    return CountryGroup.objects.get(name_en__startswith="Association of Southeast Asian Nations")


def test_the_demo_holds_asean_with_its_dates_and_the_permanent_members(users):
    asean = _asean()
    codes = lambda day: set(  # noqa: E731
        Country.objects.filter(pk__in=selectors.group_country_ids(asean, day)).values_list("code", flat=True)
    )
    assert codes(D(1995, 7, 27)) == {"ID", "MY", "PH", "SG", "TH", "BN"}
    assert "VN" in codes(D(1995, 7, 28)) and "KH" not in codes(D(1999, 4, 29))
    assert len(codes(D(2025, 10, 25))) == 10 and len(codes(D(2025, 10, 26))) == 11
    p5 = CountryGroup.objects.get(name_en="Permanent members of the UN Security Council")
    assert set(p5.members.values_list("country__code", flat=True)) == {"CN", "FR", "RU", "GB", "US"}
    assert not p5.members.filter(joined_on__isnull=False).exists()  # no invented date


def test_the_lists_filter_by_a_group_on_their_own_date(users):
    c = _client(users["doingoai"])
    asean = _asean()
    countries = c.get("/partners/countries/", {"group": asean.pk})
    assert countries.status_code == 200
    names = {str(r) for r in countries.context["page"].object_list}
    assert Country.objects.get(code="TL").name in names and Country.objects.get(code="FR").name not in names
    # Related on a date before Timor-Leste joined: the group is read on that date.
    before = c.get("/partners/countries/", {"group": asean.pk, "related_on": "14/12/2021"})
    assert before.status_code == 200
    assert Country.objects.get(code="TL").name not in {str(r) for r in before.context["page"].object_list}
    agencies = c.get("/partners/agencies/", {"group": asean.pk})
    assert agencies.status_code == 200
    assert agencies.context["page"].paginator.count > 0
    assert all(
        a.country.code in {m.country.code for m in asean.members.all()} for a in agencies.context["page"]
    )
    rel = c.get("/partners/relationships/", {"group": asean.pk, "active_on": "01/01/2026"})
    assert rel.status_code == 200
    assert all(
        r.agency.country.code in {m.country.code for m in asean.members.all()} for r in rel.context["page"]
    )
    assert c.get("/partners/agencies/", {"group": "999999"}).status_code in (200, 400)


def test_a_coordinator_keeps_the_groups_and_an_officer_only_reads_them(users):
    coord = _client(users["doingoai"])
    created = coord.post(
        "/partners/groups/add/",
        {
            "name_vi": "Đối tác chiến lược toàn diện",
            "name_en": "Comprehensive strategic partners",
            "kind": "partnership",
        },
    )
    assert created.status_code == 302
    group = CountryGroup.objects.get(name_en="Comprehensive strategic partners")
    page = coord.get(group.get_absolute_url())
    assert page.status_code == 200 and 'data-testid="empty-state"' in page.content.decode()
    member = coord.post(
        "/partners/group-members/add/",
        {
            "group": group.pk,
            "country": Country.objects.get(code="JP").pk,
            "joined_on": "01/01/2020",
            "left_on": "01/01/2019",
        },
    )
    assert member.status_code == 400 and not group.members.exists()  # left before joined: refused
    assert "left" in member.content.decode().lower() or "rời" in member.content.decode().lower()
    officer = _client(users["qninh"])
    assert officer.get(group.get_absolute_url()).status_code == 200
    assert officer.get(f"{group.get_absolute_url()}edit/").status_code == 403
    assert (
        officer.post("/partners/groups/add/", {"name_vi": "x", "name_en": "y", "kind": "other"}).status_code
        == 403
    )
    assert not CountryGroup.objects.filter(name_en="y").exists()


def test_the_api_reads_and_writes_groups_and_members(users):
    api = _client(users["doingoai"], api=True)
    made = api.post(
        "/api/v1/country-groups/", {"name_vi": "Nhóm G", "name_en": "Group G", "kind": "other"}, format="json"
    )
    assert made.status_code == 201, made.content
    gid = made.json()["id"]
    jp = Country.objects.get(code="JP").pk
    bad = api.post(
        "/api/v1/country-group-members/",
        {"group": gid, "country": jp, "joined_on": "2020-01-01", "left_on": "2019-01-01"},
        format="json",
    )
    assert bad.status_code == 400 and "left_on" in bad.json()["error"]["fields"]
    good = api.post(
        "/api/v1/country-group-members/",
        {"group": gid, "country": jp, "joined_on": "2020-01-01"},
        format="json",
    )
    assert good.status_code == 201, good.content
    on = api.get("/api/v1/country-group-members/", {"group": gid, "member_on": "2019-06-01"}).json()
    assert on["count"] == 0
    assert (
        api.get("/api/v1/country-group-members/", {"group": gid, "member_on": "2021-06-01"}).json()["count"]
        == 1
    )
    assert api.get("/api/v1/country-group-members/", {"member_on": "x"}).status_code == 400
    officer = _client(users["qninh"], api=True)
    assert officer.get(f"/api/v1/country-groups/{gid}/").status_code == 200
    assert (
        officer.post(
            "/api/v1/country-groups/", {"name_vi": "a", "name_en": "b", "kind": "other"}, format="json"
        ).status_code
        == 403
    )


def test_deleting_a_group_deletes_its_members_with_history(users):
    group = services.group_create(
        actor=SYSTEM, data={"name_vi": "Nhóm tạm", "name_en": "Temporary", "kind": "other"}
    )
    services.group_member_create(
        actor=SYSTEM, data={"group": group, "country": Country.objects.get(code="LA")}
    )
    services.group_delete(actor=SYSTEM, obj=group, version=group.version)
    assert not CountryGroupMember.objects.filter(group_id=group.pk).exists()


def test_the_group_page_and_filtered_list_cost_the_same_queries_as_members_grow(users):
    c = _client(users["doingoai"])
    group = services.group_create(
        actor=SYSTEM, data={"name_vi": "Nhóm đo", "name_en": "Measured", "kind": "other"}
    )
    services.group_member_create(
        actor=SYSTEM, data={"group": group, "country": Country.objects.get(code="LA")}
    )
    c.get(group.get_absolute_url())
    page = count_queries(lambda: c.get(group.get_absolute_url()))
    listing = count_queries(lambda: c.get("/partners/agencies/", {"group": group.pk}))
    for code in ("KH", "TH", "MM", "CN"):
        services.group_member_create(
            actor=SYSTEM, data={"group": group, "country": Country.objects.get(code=code)}
        )
    assert count_queries(lambda: c.get(group.get_absolute_url())) == page
    assert count_queries(lambda: c.get("/partners/agencies/", {"group": group.pk})) == listing


def _p5():
    return CountryGroup.objects.get(name_en="Permanent members of the UN Security Council")


def _countries_of(records, path):
    """The country codes each record reaches through ``path(record)``."""
    return [set(path(r)) for r in records]


def test_instruments_cases_and_events_filter_by_a_group_in_pages_and_the_api(users):
    from cases.models import CooperationCase
    from events.models import Event
    from instruments.models import Instrument

    c = _client(users["doingoai"])
    api = _client(users["doingoai"], api=True)
    asean = _asean()
    members = set(asean.members.values_list("country__code", flat=True))

    def instrument_codes(i):
        return {x.code for x in i.countries.all()} | {a.country.code for a in i.agencies.all()}

    page = c.get("/instruments/instruments/", {"group": asean.pk})
    assert page.status_code == 200
    found = list(page.context["page"].object_list)
    assert found and all(instrument_codes(i) & members for i in found)
    visible = Instrument.objects.visible_to(users["doingoai"])
    expected = {i.pk for i in visible if instrument_codes(i) & members}
    listed = api.get("/api/v1/instruments/", {"group": asean.pk, "page_size": 500}).json()
    assert {r["id"] for r in listed["results"]} == expected

    cases = c.get("/cases/cooperationcases/", {"group": asean.pk})
    assert cases.status_code == 200
    case_ids = {
        x.pk
        for x in CooperationCase.objects.visible_to(users["doingoai"])
        if {k.code for k in x.countries.all()} & members
    }
    assert {x.pk for x in cases.context["page"].object_list} <= case_ids
    listed = api.get("/api/v1/cases/", {"group": asean.pk, "page_size": 500}).json()
    assert {r["id"] for r in listed["results"]} == case_ids and case_ids  # the 568P case (Cambodia)

    events = c.get("/events/events/", {"group": _p5().pk})
    assert events.status_code == 200
    p5 = set(_p5().members.values_list("country__code", flat=True))
    for event in events.context["page"].object_list:
        event = Event.objects.get(pk=event.pk)
        codes = {k.code for k in event.countries.all()} | {a.country.code for a in event.agencies.all()}
        assert codes & p5 or (event.country and event.country.code in p5)
    assert api.get("/api/v1/events/", {"group": _p5().pk}).status_code == 200
    assert api.get("/api/v1/events/", {"group": "abc"}).status_code == 400
    assert api.get("/api/v1/agencies/", {"group": asean.pk}).json()["count"] > 0
    assert {r["code"] for r in api.get("/api/v1/countries/", {"group": _p5().pk}).json()["results"]} == p5


def test_the_group_is_read_on_the_lists_date_in_the_api_too(users):
    api = _client(users["doingoai"], api=True)
    asean = _asean()
    before = api.get("/api/v1/countries/", {"group": asean.pk, "member_on": "1995-07-27", "page_size": 50})
    assert {r["code"] for r in before.json()["results"]} == {"ID", "MY", "PH", "SG", "TH", "BN"}


def test_indicators_show_the_relations_with_each_member_of_a_group(users):
    c = _client(users["doingoai"])
    p5 = _p5()
    page = c.get("/partners/", {"group": p5.pk, "as_of": "02/03/2026"})
    assert page.status_code == 200
    relations = page.context["relations"]
    assert relations["members"] == 5
    assert {row["country"].code for row in relations["rows"]} == {"CN", "FR", "RU", "GB", "US"}
    day = D(2026, 3, 2)
    for row in relations["rows"]:
        assert (
            row["agencies"]
            == selectors.related_agencies(users["doingoai"], day).filter(country=row["country"]).count()
        )
    assert relations["related"] == sum(1 for row in relations["rows"] if row["agencies"])
    assert 'data-testid="group-relations"' in page.content.decode()

    api = _client(users["doingoai"], api=True)
    data = api.get("/api/v1/indicators/", {"group": p5.pk, "as_of": "2026-03-02"}).json()
    assert data["group"]["members"] == 5 and data["group"]["related"] == relations["related"]
    assert {x["code"]: x["agencies"] for x in data["group"]["countries"]} == {
        row["country"].code: row["agencies"] for row in relations["rows"]
    }
    assert "group" not in api.get("/api/v1/indicators/").json()
    bad = api.get("/api/v1/indicators/", {"group": "999999"})
    assert bad.status_code == 400 and "group" in bad.json()["error"]["fields"]
    warned = c.get("/partners/", {"group": "999999"})
    assert warned.status_code == 200 and warned.context["group_error"] and warned.context["relations"] is None


def test_a_provincial_officer_counts_only_the_agencies_it_sees(users):
    p5 = _p5()
    day = D(2026, 3, 2)
    officer = selectors.group_relations(user=users["qninh"], group=p5, day=day)
    coordinator = selectors.group_relations(user=users["doingoai"], group=p5, day=day)
    for mine, all_ in zip(officer["rows"], coordinator["rows"], strict=True):
        assert mine["agencies"] <= all_["agencies"]
        assert (
            mine["agencies"]
            == selectors.related_agencies(users["qninh"], day).filter(country=mine["country"]).count()
        )


def test_the_map_shows_only_the_groups_members(users):
    c = _client(users["doingoai"])
    asean = _asean()
    everything = c.get("/partners/map/", {"as_of": "02/03/2026"})
    grouped = c.get("/partners/map/", {"as_of": "02/03/2026", "group": asean.pk})
    assert grouped.status_code == 200 and 'data-testid="map-group"' in grouped.content.decode()
    related = selectors.related_countries(users["doingoai"], D(2026, 3, 2))
    in_group = related.filter(pk__in=selectors.group_country_ids(asean, D(2026, 3, 2))).count()
    assert grouped.context["count"] == in_group < everything.context["count"]


def test_the_group_pages_cost_the_same_queries_whatever_the_groups_size(users):
    c = _client(users["doingoai"])
    small, large = _p5(), _asean()
    for url in ("/partners/", "/partners/map/", "/instruments/instruments/", "/cases/cooperationcases/"):
        c.get(url, {"group": small.pk})
        assert count_queries(lambda u=url: c.get(u, {"group": small.pk}), cold=True) == count_queries(
            lambda u=url: c.get(u, {"group": large.pk}), cold=True
        ), url
