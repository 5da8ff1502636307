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
