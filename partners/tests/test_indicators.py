"""The seeds' headline figures come out of the records for both dates (DESIGN.md section 1)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from rest_framework.test import APIClient

from core.testing import count_queries
from partners.selectors import indicators

pytestmark = pytest.mark.django_db

D2021 = datetime.date(2021, 12, 14)
D2026 = datetime.date(2026, 3, 2)


@pytest.mark.parametrize("login", ["doingoai", "lanhdao"])
def test_seed_figures_for_both_dates(users, login):
    """As of 14/12/2021: 162 agencies, 64 countries, 52 bodies; as of 02/03/2026: 164, 65, 18/13/12."""
    user = users[login]
    first = indicators(user=user, as_of=D2021)
    assert (first["foreign_agencies"], first["countries"], first["multilateral_participation"]) == (
        162,
        64,
        52,
    )
    second = indicators(user=user, as_of=D2026)
    assert (second["foreign_agencies"], second["countries"]) == (164, 65)
    assert (second["members_organizations"], second["members_forums"], second["members_mechanisms"]) == (
        18,
        13,
        12,
    )
    assert first["instruments_signed"] == 150 and second["instruments_signed"] > 150


@pytest.mark.parametrize("login", ["doingoai", "lanhdao"])
def test_indicator_endpoint(users, login):
    """GET /api/v1/indicators/?as_of= answers the same figures with the date."""
    api = APIClient()
    api.force_authenticate(users[login])
    body = api.get("/api/v1/indicators/", {"as_of": "2021-12-14"}).json()
    assert body["as_of"] == "2021-12-14"
    assert (body["foreign_agencies"], body["countries"], body["multilateral_participation"]) == (162, 64, 52)
    body = api.get("/api/v1/indicators/", {"as_of": "2026-03-02"}).json()
    assert [
        body[k]
        for k in (
            "foreign_agencies",
            "countries",
            "members_organizations",
            "members_forums",
            "members_mechanisms",
        )
    ] == [164, 65, 18, 13, 12]
    assert body["limited_to_unit"] is False
    assert isinstance(api.get("/api/v1/indicators/").json()["foreign_agencies"], int)


def test_bad_date_is_a_clear_400(users):
    api = APIClient()
    api.force_authenticate(users["doingoai"])
    response = api.get("/api/v1/indicators/", {"as_of": "14/12/2021"})
    assert response.status_code == 400 and "as_of" in response.json()["error"]["fields"]
    assert APIClient().get("/api/v1/indicators/").status_code == 401


def test_a_province_sees_only_its_share_and_is_told_so(users):
    """Quảng Ninh's officer counts only what the province sees, and the page says so."""
    officer = users["qninh"]
    figures = indicators(user=officer, as_of=D2026)
    assert 0 < figures["foreign_agencies"] < 164
    c = Client()
    c.force_login(officer)
    page = c.get("/partners/", {"as_of": "02/03/2026"}).content.decode()
    assert 'data-testid="limited-notice"' in page
    coordinator = Client()
    coordinator.force_login(users["doingoai"])
    page = coordinator.get("/partners/", {"as_of": "02/03/2026"}).content.decode()
    assert 'data-testid="limited-notice"' not in page
    assert (
        'data-testid="figure-foreign_agencies"><a href="/partners/agencies/?related_on=02/03/2026">164</a>'
        in page
    )


def test_each_figure_links_to_the_list_behind_it(users):
    """Following a figure gives a list with exactly that many rows."""
    c = Client()
    c.force_login(users["lanhdao"])
    assert c.get("/partners/agencies/", {"related_on": "14/12/2021"}).context["page"].paginator.count == 162
    assert c.get("/partners/countries/", {"related_on": "14/12/2021"}).context["page"].paginator.count == 64
    assert (
        c.get("/partners/bodies/", {"participating_on": "14/12/2021"}).context["page"].paginator.count == 52
    )
    assert (
        c.get("/partners/bodies/", {"member_on": "02/03/2026", "kind": "forum"})
        .context["page"]
        .paginator.count
        == 13
    )


def test_comparison_names_what_changed(users):
    """Between the two dates two agencies net and one country were added, some ended."""
    c = Client()
    c.force_login(users["doingoai"])
    response = c.get("/partners/compare/", {"first": "14/12/2021", "second": "02/03/2026"})
    changes = response.context["changes"]
    assert len(changes["agencies"]["added"]) - len(changes["agencies"]["ended"]) == 2
    assert len(changes["countries"]["added"]) - len(changes["countries"]["ended"]) == 1
    assert changes["agencies"]["ended"]


def test_indicator_page_query_count_is_constant(users):
    """The page's queries do not depend on the date (and so not on the data behind it)."""
    c = Client()
    c.force_login(users["doingoai"])
    c.get("/partners/")
    assert count_queries(lambda: c.get("/partners/", {"as_of": "14/12/2021"})) == count_queries(
        lambda: c.get("/partners/", {"as_of": "02/03/2026"})
    )
