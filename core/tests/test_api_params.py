"""Bad query parameters and bodies answer 400 or 413 in the JSON error format, never 500.

The values are the ones found against the landed code (issue "Hardening, second round"):
``?year=10000``, ids above 2^63 - 1 (SQLite cannot bind them), ``page_size=-3`` (silently
ignored before), unknown choices and orderings, URLs that match no API route, bodies over
DATA_UPLOAD_MAX_MEMORY_SIZE.
"""

from __future__ import annotations

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from core.api.router import router
from core.context import SYSTEM
from core.testing import pdf_bytes
from core.tests.sampleapp.models import SampleRecord
from core.tests.specs import make

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.fixture
def api(users):
    client = APIClient()
    client.force_authenticate(users["doingoai"])
    return client


def assert_json_error(response, status: int, field: str | None = None) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == status and error["message"]
    if field:
        assert field in error["fields"], error
    return error


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/calendar-days/?year=10000", "year"),
        ("/api/v1/calendar-days/?year=0.0", "year"),
        ("/api/v1/calendar-days/?year=2026.5", "year"),
        (f"/api/v1/obstacles/?assignment={HUGE}", "assignment"),
        (f"/api/v1/assignments/?obligation={HUGE}", "obligation"),
        (f"/api/v1/assignments/?obligation=-{HUGE}", "obligation"),
        ("/api/v1/assignments/?page_size=-3", "page_size"),
        ("/api/v1/assignments/?page_size=0", "page_size"),
        ("/api/v1/assignments/?page_size=100000", "page_size"),
        ("/api/v1/assignments/?page_size=abc", "page_size"),
        ("/api/v1/assignments/?page=0", "page"),
        (f"/api/v1/assignments/?page={HUGE}", "page"),
        ("/api/v1/assignments/?status=nonsense", "status"),
        ("/api/v1/assignments/?ordering=nonsense", "ordering"),
        ("/api/v1/agencies/?ordering=-password", "ordering"),
        (f"/api/v1/capacity/?unit={HUGE}", "unit"),
        (f"/api/v1/dashboard/?unit={HUGE}", "unit"),
        ("/api/v1/dashboard/?as_of=2026-13-01", "as_of"),
        ("/api/v1/search/?q=hop&limit=-1", "limit"),
    ],
)
def test_a_bad_query_parameter_is_a_400_naming_it(api, url, field):
    assert_json_error(api.get(url), 400, field)


def test_the_history_of_a_record_validates_its_parameters_too(api):
    day = api.post(
        "/api/v1/calendar-days/",
        {"date": "2026-09-03", "kind": "day_off", "note": "Quốc khánh"},
        format="json",
    )
    assert day.status_code == 201, day.content
    pk = day.json()["id"]
    assert_json_error(api.get(f"/api/v1/calendar-days/{pk}/history/?year=10000"), 400, "year")
    assert api.get(f"/api/v1/calendar-days/{pk}/history/").status_code == 200


def test_every_numeric_filter_of_every_endpoint_refuses_an_id_beyond_64_bits(api):
    """A sweep over the router: each list endpoint's integer and link filters answer 400."""
    checked = 0
    for prefix, viewset, _basename in router.registry:
        filterset_class = getattr(viewset, "filterset_class", None)
        if filterset_class is None:
            continue
        for name, flt in filterset_class.base_filters.items():
            if type(flt).__name__ not in ("NumberFilter", "ModelChoiceFilter", "ModelMultipleChoiceFilter"):
                continue
            response = api.get(f"/api/v1/{prefix}/", {name: HUGE})
            assert response.status_code in (400, 403), (prefix, name, response.content[:200])
            if response.status_code == 400:
                assert_json_error(response, 400, name)
            checked += 1
    assert checked > 20


def test_valid_values_still_work(api):
    response = api.get("/api/v1/assignments/", {"page_size": 500, "page": 1, "ordering": "-next_due"})
    assert response.status_code == 200
    assert api.get("/api/v1/calendar-days/", {"year": 2026}).status_code == 200
    assert api.get("/api/v1/agencies/", {"ordering": "-id", "q": "cảnh sát"}).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/agencies/{HUGE}/",
        "/api/v1/agencies/0.5/history/",
        "/api/v1/agencies/-1/",
        "/api/v1/agencies/%C2%B3/",  # "³" is a digit to str.isdigit, not to int()
        "/api/v1/no-such-endpoint/",
        f"/api/v1/assignments/{HUGE}/history/",
    ],
)
def test_a_url_matching_no_record_or_route_is_a_json_404(api, url):
    assert_json_error(api.get(url), 404)


def test_a_page_that_does_not_exist_is_still_the_html_404(users):
    c = Client()
    c.force_login(users["qninh"])
    response = c.get("/partners/nothing-here/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def test_a_json_body_over_the_limit_is_a_413_in_the_json_format(api, settings):
    body = json.dumps({"title": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})
    response = api.generic("POST", "/api/v1/agencies/", body, content_type="application/json")
    error = assert_json_error(response, 413)
    assert error["code"] == "request_too_large"


def test_a_form_over_the_limit_is_a_413_page(users, settings):
    record = make(SYSTEM, users["qninh"].unit, "thuong")
    c = Client()
    c.force_login(users["qninh"])
    response = c.post(
        record.get_absolute_url() + "edit/", {"title": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)}
    )
    assert response.status_code == 413 and 'data-testid="error-413"' in response.content.decode()


def test_a_file_larger_than_the_body_limit_still_uploads(users, settings):
    """Files count against the upload limit (20 MB), not the 2.5 MB body limit."""
    record = make(SYSTEM, users["qninh"].unit, "thuong")
    size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1024
    content = pdf_bytes(padding=size)
    c = Client()
    c.force_login(users["qninh"])
    ct = ContentType.objects.get_for_model(SampleRecord)
    response = c.post(
        reverse("attachments:add", args=[ct.pk, record.pk]),
        {"file": SimpleUploadedFile("Biên bản.pdf", content, content_type="application/pdf")},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        "/tracking/overdue/?unit=%C2%B3",
        f"/tracking/overdue/?unit={HUGE}",
        "/dashboard/?unit=%C2%B3",
        f"/dashboard/?unit={HUGE}",
        "/events/calendar/?unit=%C2%B3",
        f"/events/calendar/?unit={HUGE}",
        "/cases/statistics/?year=%C2%B3",
        f"/cases/statistics/?countries={HUGE}&agencies=%C2%B3",
    ],
)
def test_pages_ignore_ids_that_are_not_ids(users, url):
    """ "³" passes str.isdigit but not int(); 2^64 passes int() but not SQLite: no 500."""
    c = Client()
    c.force_login(users["doingoai"])
    assert c.get(url).status_code == 200
