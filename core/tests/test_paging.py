"""Lists stop counting at a cap: a page of 25 must not count a million rows first."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from core.paging import CappedPaginator
from org.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 5)


def test_the_paginator_counts_up_to_the_cap_and_says_when_there_are_more(units, small_cap):
    paginator = CappedPaginator(Unit.objects.order_by("pk"), 2)
    assert Unit.objects.count() > 5
    assert paginator.count == 5 and paginator.capped
    assert paginator.num_pages == 3
    assert list(paginator.page(3).object_list) == list(Unit.objects.order_by("pk")[4:5])

    few = CappedPaginator(Unit.objects.filter(code="CA-QUANG-NINH"), 2)
    assert few.count == 1 and not few.capped
    assert CappedPaginator([1, 2, 3], 2).count == 3


def test_list_page_and_api_show_more_than_the_cap(users, small_cap):
    client = Client()
    client.force_login(users["admin"])
    body = client.get("/org/units/").content.decode()
    assert "Hơn 5 bản ghi" in body

    api = APIClient()
    api.force_authenticate(users["khach"])
    body = api.get("/api/v1/units/", {"page_size": 2}).json()
    assert body["count"] == 5 and body["count_capped"] is True and len(body["results"]) == 2
    body = api.get("/api/v1/units/", {"q": "cong an tinh quang ninh"}).json()
    assert body["count"] == 1 and body["count_capped"] is False
