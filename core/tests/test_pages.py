"""Site pages: layout, language switch, login, error pages, and their query counts."""

from __future__ import annotations

import pytest
from django.test import Client

from core.testing import count_queries, make_user

pytestmark = pytest.mark.django_db


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_home_shows_the_user_unit_clearance_and_the_menu(users):
    """The layout is Vietnamese by default with the user's name, unit, clearance and every module."""
    body = _client(users["qninh"]).get("/").content.decode()
    assert '<html lang="vi">' in body
    for text in (
        "Đỗ Thị Lan",
        "Công an tỉnh Quảng Ninh",
        "Mật",
        "Tổng quan",
        "Đối tác",
        "Văn bản hợp tác",
        "Chỉ đạo và nhiệm vụ",
        "Vụ việc hợp tác",
        "Sự kiện và đoàn",
        "Năng lực cán bộ",
        "Báo cáo",
        "Tìm kiếm",
        "Quản trị",
    ):
        assert text in body, text


def test_language_switch_gives_english(users):
    """Posting the language switch turns the layout into English."""
    c = _client(users["qninh"])
    response = c.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = c.get("/").content.decode()
    assert '<html lang="en">' in body and "Overview" in body and "Quang Ninh Provincial Police" in body


def test_login_page_and_wrong_password():
    """The login page renders; a wrong password shows an error and signs nobody in."""
    c = Client()
    assert c.get("/login/").status_code == 200
    response = c.post("/login/", {"username": "qninh", "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in c.session


def test_hidden_and_forbidden_pages_render_the_site_templates(users):
    """404 and 403 answer with the site's own pages."""
    c = _client(users["khach"])
    response = c.get("/org/units/999999/")
    assert response.status_code == 404
    response = c.get("/org/units/add/")
    assert response.status_code == 403


def test_home_query_count_does_not_grow(users, units):
    """The home page costs the same number of queries for a user with one role or three."""
    one = _client(users["qninh"])
    three = _client(make_user(units["CA-QUANG-NINH"], ["officer", "viewer", "unit_head"], "mat"))
    one.get("/")
    three.get("/")
    assert count_queries(lambda: one.get("/")) == count_queries(lambda: three.get("/"))


def test_vietnamese_is_the_default_whatever_the_browser_says(users):
    """A browser that asks for English still gets Vietnamese until the user switches."""
    body = _client(users["qninh"]).get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in body and "Tổng quan" in body


def test_the_menu_marks_the_module_of_the_page():
    """Directives belong to 'Directives and tasks', instruments to 'Cooperation instruments'."""
    from core.navigation import menu_items

    def active(path):
        return [item["key"] for item in menu_items(path) if item["active"]]

    assert active("/instruments/directives/5/") == ["tracking"]
    assert active("/instruments/instruments/") == ["instruments"]
    assert active("/partners/agencies/") == ["partners"]
    assert active("/audit/") == ["admin"]
    assert active("/") == ["overview"]


def test_an_add_link_can_preselect_fields_of_the_form(users):
    """`?title=...` fills the add form (the field's queryset still limits what can be chosen)."""
    from django.test import Client
    from django.urls import reverse

    c = Client()
    c.force_login(users["qninh"])
    response = c.get(reverse("sampleapp:samplerecord_add"), {"title": "Báo cáo sơ kết", "version": "9"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["title"] == "Báo cáo sơ kết" and "version" not in form.initial
    assert 'value="Báo cáo sơ kết"' in response.content.decode()
