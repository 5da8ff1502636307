"""Units: a tree with a fast subtree query, managed by administrators."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from core.context import SYSTEM
from core.exceptions import PermissionDenied, StaleVersion, ValidationError
from core.models import ObjectChange
from core.testing import count_queries
from org.models import Unit
from org.services import unit_create, unit_delete, unit_update

pytestmark = pytest.mark.django_db


def test_demo_tree_has_the_ministry_departments_and_34_provinces(units):
    """The demo holds the Ministry, Cục Đối ngoại, other departments and the 34 provincial police."""
    ministry = units["BCA"]
    assert Unit.objects.filter(kind="province").count() == 34
    assert Unit.objects.filter(kind="department").count() >= 8
    assert units["CDN"].name_vi == "Cục Đối ngoại" and units["CDN"].parent == ministry
    assert Unit.objects.subtree(ministry).count() == Unit.objects.count()
    qn = units["CA-QUANG-NINH"]
    assert set(Unit.objects.subtree(qn).values_list("code", flat=True)) == {
        "CA-QUANG-NINH",
        "CA-QUANG-NINH-PC02",
        "CA-QUANG-NINH-PA08",
        "CA-QUANG-NINH-PA05",
    }


def test_moving_a_unit_moves_its_subtree(units):
    """Changing a parent rewrites the paths of the whole subtree in one transaction."""
    qn = units["CA-QUANG-NINH"]
    new_parent = unit_create(
        actor=SYSTEM,
        data={"code": "X-TEST", "name_vi": "Khối thử", "kind": "department", "parent": units["BCA"]},
    )
    unit_update(actor=SYSTEM, unit=qn, data={"parent": new_parent}, version=qn.version)
    division = Unit.objects.get(code="CA-QUANG-NINH-PC02")
    assert division.path.startswith(new_parent.path) and division.depth == 3
    assert set(Unit.objects.subtree(new_parent).values_list("code", flat=True)) >= {
        "CA-QUANG-NINH",
        "CA-QUANG-NINH-PC02",
    }


def test_a_unit_cannot_move_under_itself(units):
    """A unit placed under its own division is refused with a field error."""
    qn = units["CA-QUANG-NINH"]
    with pytest.raises(ValidationError) as exc:
        unit_update(actor=SYSTEM, unit=qn, data={"parent": units["CA-QUANG-NINH-PC02"]}, version=qn.version)
    assert "parent" in exc.value.error_dict


def test_only_administrators_change_units(units, users):
    """A coordinator may not change a unit; the administrator may, with history."""
    qn = units["CA-QUANG-NINH"]
    with pytest.raises(PermissionDenied):
        unit_update(actor=users["doingoai"], unit=qn, data={"short_name": "CAQN"}, version=qn.version)
    updated = unit_update(actor=users["admin"], unit=qn, data={"short_name": "CAQN"}, version=qn.version)
    change = ObjectChange.objects.filter(object_id=qn.pk, action="update").latest("pk")
    assert change.user == users["admin"] and change.postchange_data["short_name"] == "CAQN"
    with pytest.raises(StaleVersion):
        unit_update(actor=users["admin"], unit=updated, data={"short_name": "X"}, version=qn.version)


def test_a_unit_with_children_cannot_be_deleted(units, users):
    """Deleting a unit that still has divisions is refused; a leaf unit goes."""
    with pytest.raises(ValidationError):
        unit_delete(actor=users["admin"], unit=units["CA-QUANG-NINH"])
    leaf = units["CA-AN-GIANG-PA08"]
    unit_delete(actor=users["admin"], unit=leaf, version=leaf.version)
    assert not Unit.objects.filter(pk=leaf.pk).exists()


def test_administrator_manages_units_in_the_ui(units, users):
    """The admin adds and edits a unit through the pages; a viewer gets 403."""
    c = Client()
    c.force_login(users["admin"])
    response = c.post(
        "/org/units/add/",
        {
            "code": "CA-QN-PX01",
            "name_vi": "Phòng Hợp tác quốc tế",
            "name_en": "International Cooperation Division",
            "kind": "division",
            "parent": units["CA-QUANG-NINH"].pk,
            "sort_order": 5,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(code="CA-QN-PX01")
    assert unit.path.startswith(units["CA-QUANG-NINH"].path)
    response = c.post(
        f"/org/units/{unit.pk}/edit/",
        {
            "code": "CA-QN-PX01",
            "name_vi": "Phòng Đối ngoại",
            "kind": "division",
            "parent": units["CA-QUANG-NINH"].pk,
            "sort_order": 5,
            "is_active": "on",
            "version": 1,
        },
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name_vi == "Phòng Đối ngoại" and unit.version == 2
    response = c.post("/org/units/add/", {"code": "CA-QN-PX01", "name_vi": "", "kind": "division"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "name_vi" in errors
    viewer = Client()
    viewer.force_login(users["khach"])
    assert viewer.get("/org/units/add/").status_code == 403
    assert viewer.get(f"/org/units/{unit.pk}/").status_code == 200


def test_duplicate_unit_code_is_a_field_error(units, users):
    """A second unit with the same code is refused with an error on the code field."""
    api = APIClient()
    api.force_authenticate(users["admin"])
    before = Unit.objects.count()
    response = api.post(
        "/api/v1/units/",
        {"code": "CDN", "name_vi": "Trùng", "kind": "department", "parent": units["BCA"].pk},
        format="json",
    )
    assert response.status_code == 400
    assert "code" in response.json()["error"]["fields"]
    assert Unit.objects.count() == before


def test_unit_pages_keep_their_query_count(units, users):
    """The unit list and detail cost the same number of queries however many units exist."""
    c = Client()
    c.force_login(users["qninh"])
    c.get("/org/units/")
    small = [
        count_queries(lambda: c.get("/org/units/", {"per_page": 100})),
        count_queries(lambda: c.get("/org/units/{}/".format(units["CDN"].pk))),
    ]
    for i in range(30):
        unit_create(
            actor=SYSTEM,
            data={"code": f"T{i}", "name_vi": f"Đơn vị {i}", "kind": "division", "parent": units["CDN"]},
        )
    large = [
        count_queries(lambda: c.get("/org/units/", {"per_page": 100})),
        count_queries(lambda: c.get("/org/units/{}/".format(units["CDN"].pk))),
    ]
    assert large == small


def test_list_filters_sorts_and_searches_without_diacritics(users):
    """'canh sat' finds 'Cảnh sát' units; kind filter and sort work; bad sort is ignored."""
    c = Client()
    c.force_login(users["khach"])
    response = c.get("/org/units/", {"q": "canh sat", "kind": "department", "sort": "-name"})
    names = [row["obj"].name_vi for row in response.context["rows"]]
    assert names and all("Cảnh sát" in n for n in names)
    from core.text import vi_sort_key

    assert names == sorted(names, key=vi_sort_key, reverse=True)
    assert c.get("/org/units/", {"sort": "password"}).status_code == 200
    partial = c.get("/org/units/", {"q": "quang ninh"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and "Quảng Ninh" in partial.content.decode()


def test_units_sort_in_vietnamese_order_on_every_database(users):
    """Sorting by name puts Đ after D, not after Z."""
    c = Client()
    c.force_login(users["khach"])
    response = c.get("/org/units/", {"kind": "province", "sort": "name", "per_page": 50})
    names = [row["obj"].name_vi for row in response.context["rows"]]
    from core.text import vi_sort_key

    assert names == sorted(names, key=vi_sort_key)
    assert names.index("Công an tỉnh Đắk Lắk") < names.index("Công an tỉnh Gia Lai")
