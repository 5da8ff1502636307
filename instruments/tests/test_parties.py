"""Party rows of multilateral instruments (signature, consent, entry into force, withdrawal),
Viet Nam's status and the request types an instrument covers: services, pages and the API."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from core.context import SYSTEM
from core.exceptions import ValidationError
from core.models import ObjectChange
from core.testing import count_queries
from instruments import services
from instruments.models import InstrumentParty
from instruments.tests.specs import make_instrument
from partners.models import Country

pytestmark = pytest.mark.django_db


def D(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def _multilateral(unit, **extra):
    return make_instrument(
        SYSTEM,
        unit,
        title="Công ước đa phương thử nghiệm",
        type="treaty",
        level="state",
        multilateral=True,
        status="in_force",
        signed_on=D("2019-01-01"),
        in_force_on=D("2020-01-01"),
        **extra,
    )


def _data(instrument, code, **dates):
    return {"instrument": instrument, "country": Country.objects.get(code=code), **dates}


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _api(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


BAD_DATES = [
    ({"signed_on": D("2020-05-01"), "ratified_on": D("2020-01-01")}, "ratified_on"),
    ({"signed_on": D("2020-05-01"), "acceded_on": D("2020-01-01")}, "acceded_on"),
    ({"ratified_on": D("2020-05-01"), "acceded_on": D("2020-06-01")}, "acceded_on"),
    ({"ratified_on": D("2021-05-01"), "in_force_on": D("2021-01-01")}, "in_force_on"),
    (
        {"ratified_on": D("2021-01-01"), "in_force_on": D("2021-05-01"), "withdrew_on": D("2021-03-01")},
        "withdrew_on",
    ),
    ({"signed_on": D("2021-01-01"), "withdrew_on": D("2020-03-01")}, "withdrew_on"),
    (
        {"ratified_on": D("2019-01-01"), "in_force_on": D("2019-06-01")},
        "in_force_on",
    ),  # before the instrument
]


@pytest.mark.parametrize(("dates", "field"), BAD_DATES)
def test_incoherent_party_dates_are_refused_and_nothing_is_written(units, dates, field):
    instrument = _multilateral(units["CDN"])
    rows, changes = InstrumentParty.objects.count(), ObjectChange.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.party_action_create(actor=SYSTEM, data=_data(instrument, "TH", **dates))
    assert field in exc.value.message_dict
    assert InstrumentParty.objects.count() == rows and ObjectChange.objects.count() == changes


def test_a_party_twice_and_a_party_of_a_bilateral_instrument_are_refused(units):
    instrument = _multilateral(units["CDN"])
    services.party_action_create(actor=SYSTEM, data=_data(instrument, "TH", signed_on=D("2019-01-01")))
    rows = InstrumentParty.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.party_action_create(actor=SYSTEM, data=_data(instrument, "TH", signed_on=D("2019-02-01")))
    assert "country" in exc.value.message_dict
    bilateral = make_instrument(SYSTEM, units["CDN"], status="signed", signed_on=D("2019-01-01"))
    with pytest.raises(ValidationError) as exc:
        services.party_action_create(actor=SYSTEM, data=_data(bilateral, "TH"))
    assert "instrument" in exc.value.message_dict
    assert InstrumentParty.objects.count() == rows


def test_bad_party_input_through_the_form_and_the_api(units, users):
    """The form and the API answer with the field's error and write nothing."""
    unit = units["CA-QUANG-NINH"]
    instrument = _multilateral(unit)
    services.party_action_create(actor=SYSTEM, data=_data(instrument, "VN", signed_on=D("2019-01-01")))
    vn, th = Country.objects.get(code="VN"), Country.objects.get(code="TH")
    rows, changes = InstrumentParty.objects.count(), ObjectChange.objects.count()
    page = _client(users["qninh"]).post(
        reverse("instruments:instrumentparty_add"),
        {
            "instrument": instrument.pk,
            "country": th.pk,
            "signed_on": "01/05/2020",
            "ratified_on": "01/01/2020",
        },
    )
    assert page.status_code == 400 and page.context["form"].errors["ratified_on"]
    page = _client(users["qninh"]).post(
        reverse("instruments:instrumentparty_add"), {"instrument": instrument.pk, "country": vn.pk}
    )
    assert page.status_code == 400 and page.context["form"].errors["country"]
    api = _api(users["qninh"])
    response = api.post(
        "/api/v1/party-actions/",
        {
            "instrument": instrument.pk,
            "country": th.pk,
            "in_force_on": "2021-05-01",
            "withdrew_on": "2021-01-01",
        },
        format="json",
    )
    assert response.status_code == 400 and "withdrew_on" in response.json()["error"]["fields"]
    response = api.post(
        "/api/v1/party-actions/", {"instrument": instrument.pk, "country": vn.pk}, format="json"
    )
    assert response.status_code == 400 and "country" in response.json()["error"]["fields"]
    assert InstrumentParty.objects.count() == rows and ObjectChange.objects.count() == changes


def test_party_rows_are_edited_with_history_and_filtered_in_the_api(units, users):
    unit = units["CA-QUANG-NINH"]
    instrument = _multilateral(unit)
    row = services.party_action_create(actor=SYSTEM, data=_data(instrument, "VN", signed_on=D("2019-01-01")))
    services.party_action_create(actor=SYSTEM, data=_data(instrument, "TH", signed_on=D("2019-01-01")))
    other = _multilateral(unit)
    services.party_action_create(actor=SYSTEM, data=_data(other, "VN", signed_on=D("2019-01-01")))
    api = _api(users["qninh"])
    response = api.patch(
        f"/api/v1/party-actions/{row.pk}/",
        {"ratified_on": "2019-06-01", "in_force_on": "2020-01-01", "version": row.version},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["in_force_on"] == "2020-01-01"
    history = api.get(f"/api/v1/party-actions/{row.pk}/history/").json()
    assert any("in_force_on" in (c.get("postchange_data") or {}) for c in history["results"])
    mine = api.get("/api/v1/party-actions/", {"instrument": instrument.pk}).json()
    assert mine["count"] == 2
    vn = api.get("/api/v1/party-actions/", {"instrument": instrument.pk, "country": "vn"}).json()
    assert [r["id"] for r in vn["results"]] == [row.pk]
    by_id = api.get("/api/v1/party-actions/", {"country": Country.objects.get(code="TH").pk}).json()
    assert all(r["country"] == Country.objects.get(code="TH").pk for r in by_id["results"])


def test_request_types_are_recorded_validated_and_filtered(units, users):
    unit = units["CA-QUANG-NINH"]
    api = _api(users["qninh"])
    body = {
        "title": "Hiệp ước thử nghiệm về dẫn độ",
        "type": "treaty",
        "level": "unit",
        "status": "negotiating",
        "owner_unit": unit.pk,
        "classification": "thuong",
    }
    before = ObjectChange.objects.count()
    bad = api.post("/api/v1/instruments/", {**body, "request_types": ["napkin"]}, format="json")
    assert bad.status_code == 400 and "request_types" in bad.json()["error"]["fields"]
    assert ObjectChange.objects.count() == before
    good = api.post("/api/v1/instruments/", {**body, "request_types": ["extradition", "mla"]}, format="json")
    assert good.status_code == 201, good.json()
    assert good.json()["request_types"] == ["extradition", "mla"]
    found = api.get("/api/v1/instruments/", {"covers": "extradition"}).json()
    assert good.json()["id"] in [r["id"] for r in found["results"]]
    none = api.get("/api/v1/instruments/", {"covers": "training"}).json()
    assert good.json()["id"] not in [r["id"] for r in none["results"]]
    page = _client(users["qninh"]).get(reverse("instruments:instrument", args=[good.json()["id"]]))
    page = page.content.decode()
    assert 'data-testid="request-types"' in page
    edited = api.patch(
        f"/api/v1/instruments/{good.json()['id']}/", {"request_types": ["mla"], "version": 1}, format="json"
    )
    assert edited.status_code == 200, edited.json()
    history = _client(users["qninh"]).get(reverse("instruments:instrument_history", args=[good.json()["id"]]))
    history = history.content.decode()
    assert "[&#x27;mla&#x27;]" not in history and "['mla']" not in history
    assert (
        "Tương trợ tư pháp về hình sự" in history or "Mutual legal assistance in criminal matters" in history
    )
    listed = _client(users["qninh"]).get(reverse("instruments:instrument_list"), {"covers": "mla"})
    assert "Hiệp ước thử nghiệm về dẫn độ" in listed.content.decode()


def test_the_instrument_page_shows_vietnams_status_with_constant_queries(units, users):
    """The party table and Viet Nam's status; the query count is the same for 2 and 30 parties."""
    unit = units["CA-QUANG-NINH"]
    client = _client(users["qninh"])
    few = _multilateral(unit)
    services.party_action_create(
        actor=SYSTEM,
        data=_data(
            few, "VN", signed_on=D("2019-01-01"), ratified_on=D("2019-06-01"), in_force_on=D("2020-01-01")
        ),
    )
    services.party_action_create(actor=SYSTEM, data=_data(few, "TH", signed_on=D("2019-01-01")))
    many = _multilateral(unit)
    for country in Country.objects.exclude(code="VN").order_by("code")[:29]:
        services.party_action_create(
            actor=SYSTEM, data={"instrument": many, "country": country, "signed_on": D("2019-01-01")}
        )
    services.party_action_create(actor=SYSTEM, data=_data(many, "VN", signed_on=D("2019-01-01")))
    page = client.get(few.get_absolute_url()).content.decode()
    assert 'data-testid="vietnam-status"' in page and "01/01/2020" in page
    assert 'data-testid="add-party"' in page
    form = client.get(reverse("instruments:instrumentparty_add"), {"instrument": few.pk}).content.decode()
    assert f'<option value="{few.pk}" selected>' in form
    client.get(many.get_absolute_url())
    assert count_queries(lambda: client.get(few.get_absolute_url())) == count_queries(
        lambda: client.get(many.get_absolute_url())
    )
    bilateral = make_instrument(
        SYSTEM, unit, status="in_force", signed_on=D("2019-01-01"), in_force_on=D("2019-02-01")
    )
    page = client.get(bilateral.get_absolute_url()).content.decode()
    assert 'data-testid="vietnam-status"' in page and "01/02/2019" in page
    assert 'data-testid="add-party"' not in page
