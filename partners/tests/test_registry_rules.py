"""Countries, spells, duplicates, search and profiles of the partner registry."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from rest_framework.test import APIClient

from core.context import SYSTEM
from core.exceptions import ValidationError
from core.testing import count_queries
from partners import services
from partners.models import Country, ForeignAgency, Relationship
from partners.tests.specs import make_agency

pytestmark = pytest.mark.django_db


def test_countries_come_from_iso_and_cldr():
    """249 ISO entries, current Vietnamese names (Campuchia, not Căm Bốt), ASEAN with Timor-Leste."""
    assert Country.objects.count() == 249
    assert Country.objects.get(code="KH").name_vi == "Campuchia"
    assert Country.objects.get(code="VN").name_en == "Vietnam"
    assert set(Country.objects.filter(region="asean").values_list("code", flat=True)) == {
        "BN",
        "KH",
        "ID",
        "LA",
        "MY",
        "MM",
        "PH",
        "SG",
        "TH",
        "VN",
        "TL",
    }
    assert Country.objects.get(code="FR").region == "europe"


def test_countries_load_is_idempotent():
    assert services.countries_load(actor=SYSTEM) == 0


def _rel(agency, unit, start, end=None):
    return services.relationship_create(
        actor=SYSTEM,
        data={"agency": agency, "owner_unit": unit, "start": start, "end": end, "level": "province"},
    )


def test_spells_of_one_pair_may_not_overlap(units):
    """Ending a spell and opening the next is fine; an overlapping one is refused with a field error."""
    unit = units["CA-QUANG-NINH"]
    agency = make_agency(SYSTEM, unit)
    first = _rel(agency, unit, datetime.date(2010, 1, 1), datetime.date(2015, 12, 31))
    _rel(agency, unit, datetime.date(2016, 1, 1))
    with pytest.raises(ValidationError) as exc:
        _rel(agency, unit, datetime.date(2015, 6, 1), datetime.date(2015, 7, 1))
    assert "start" in exc.value.message_dict
    _rel(agency, units["CA-HA-NOI"], datetime.date(2015, 6, 1))  # another unit, another pair
    with pytest.raises(ValidationError):
        services.relationship_update(actor=SYSTEM, obj=first, data={"end": None}, version=first.version)
    with pytest.raises(ValidationError) as exc:
        _rel(agency, unit, datetime.date(2030, 1, 1), datetime.date(2029, 1, 1))


def test_overlap_through_the_form_and_the_api_writes_nothing(units, users):
    """The page shows the error on the field; the API answers 400; no record appears."""
    unit = units["CA-QUANG-NINH"]
    agency = make_agency(SYSTEM, unit)
    _rel(agency, unit, datetime.date(2018, 1, 1))
    before = Relationship.objects.count()
    c = Client()
    c.force_login(users["qninh"])
    response = c.post(
        "/partners/relationships/add/",
        {
            "agency": agency.pk,
            "owner_unit": unit.pk,
            "start": "01/01/2019",
            "level": "province",
            "classification": "thuong",
        },
    )
    assert response.status_code == 400 and response.context["form"].errors["start"]
    api = APIClient()
    api.force_authenticate(users["qninh"])
    response = api.post(
        "/api/v1/relationships/",
        {"agency": agency.pk, "owner_unit": unit.pk, "start": "2019-01-01", "level": "province"},
        format="json",
    )
    assert response.status_code == 400 and "start" in response.json()["error"]["fields"]
    assert Relationship.objects.count() == before


def test_an_overlap_with_a_hidden_relationship_does_not_tell_its_dates(units, users):
    """A Mật relationship of the unit is refused as an overlap for an officer cleared only
    for Thường, without its start date; a cleared coordinator is told the date."""
    from core.testing import make_user

    unit = units["CA-QUANG-NINH"]
    agency = make_agency(SYSTEM, unit)
    services.relationship_create(
        actor=SYSTEM,
        data={
            "agency": agency,
            "owner_unit": unit,
            "start": datetime.date(2017, 3, 4),
            "level": "province",
            "classification": "mat",
        },
    )
    officer = make_user(unit, "officer", clearance="thuong")
    assert not Relationship.objects.visible_to(officer).filter(agency=agency).exists()
    data = {"agency": agency, "owner_unit": unit, "start": datetime.date(2019, 1, 1), "level": "province"}
    before = Relationship.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.relationship_create(actor=officer, data=dict(data))
    assert "04/03/2017" not in str(exc.value.message_dict["start"])
    with pytest.raises(ValidationError) as exc:
        services.relationship_create(actor=SYSTEM, data=dict(data))
    assert "04/03/2017" in str(exc.value.message_dict["start"])
    assert Relationship.objects.count() == before


def test_a_likely_duplicate_agency_needs_confirmation(units, users):
    """A similar name in the same country is flagged before saving; confirming saves it."""
    unit = units["CDN"]
    kh = Country.objects.get(code="LA")
    services.agency_create(
        actor=SYSTEM,
        data={
            "name_vi": "Cục Cảnh sát điều tra tội phạm về ma túy Lào",
            "country": kh,
            "kind": "police",
            "owner_unit": unit,
        },
    )
    data = {
        "name_vi": "Cục Cảnh sát điều tra tội phạm về ma tuý Lào",
        "country": kh.pk,
        "kind": "police",
        "owner_unit": unit.pk,
        "classification": "thuong",
    }
    c = Client()
    c.force_login(users["doingoai"])
    response = c.post("/partners/agencies/add/", data)
    assert response.status_code == 400 and "name_vi" in response.context["form"].errors
    response = c.post("/partners/agencies/add/", {**data, "confirm_duplicate": "on"})
    assert response.status_code == 302
    api = APIClient()
    api.force_authenticate(users["doingoai"])
    response = api.post(
        "/api/v1/agencies/",
        {**data, "name_vi": "Cuc Canh sat dieu tra toi pham ve ma tuy Lao"},
        format="json",
    )
    assert response.status_code == 400


def test_search_ignores_diacritics(users):
    """'canh sat campuchia' finds the Cambodian national police in the list and the API."""
    c = Client()
    c.force_login(users["doingoai"])
    response = c.get("/partners/agencies/", {"q": "canh sat campuchia"})
    names = [row["obj"].name_vi for row in response.context["rows"]]
    assert any("Cảnh sát" in n and "Campuchia" in n for n in names)
    api = APIClient()
    api.force_authenticate(users["doingoai"])
    results = api.get("/api/v1/agencies/", {"q": "canh sat campuchia"}).json()["results"]
    assert results and all(r["country"] == Country.objects.get(code="KH").pk for r in results)
    rels = api.get("/api/v1/relationships/", {"active_on": "2026-03-02", "country": "KH"}).json()
    assert rels["count"] >= 2


def test_profiles_and_map_render_with_constant_queries(users):
    """Country and agency profiles and the map keep their query count as data grows."""
    c = Client()
    c.force_login(users["doingoai"])
    kh = Country.objects.get(code="KH")
    agency = ForeignAgency.objects.filter(country=kh).first()
    for url in (kh.get_absolute_url(), agency.get_absolute_url(), "/partners/map/?as_of=02/03/2026"):
        assert c.get(url).status_code == 200
    c.get(kh.get_absolute_url())
    small = [
        count_queries(lambda: c.get(kh.get_absolute_url())),
        count_queries(lambda: c.get(agency.get_absolute_url())),
    ]
    for i in range(5):
        extra = make_agency(SYSTEM, agency.owner_unit, country=kh)
        _rel(extra, agency.owner_unit, datetime.date(2000 + i, 1, 1))
        _rel(
            agency,
            agency.owner_unit if i == 0 else extra.owner_unit,
            datetime.date(1990 + i, 1, 1),
            datetime.date(1990 + i, 6, 1),
        )
    large = [
        count_queries(lambda: c.get(kh.get_absolute_url())),
        count_queries(lambda: c.get(agency.get_absolute_url())),
    ]
    assert large == small
    page = c.get("/partners/map/", {"as_of": "02/03/2026"}).content.decode()
    assert "Hoàng Sa" in page and "Trường Sa" in page and kh.get_absolute_url() in page
