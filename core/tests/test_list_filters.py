"""Every list's filters read like the page: capitalised labels, "Tất cả" for no choice."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from access.registry import registry

pytestmark = pytest.mark.django_db

LABEL = re.compile(r'<label class="form-label small mb-1" for="id_(?!q")[^"]*">([^<]*)</label>')


def list_urls() -> list[str]:
    urls = []
    for entry in registry.all():
        try:
            urls.append(reverse(entry.url_name("list")))
        except NoReverseMatch:
            continue
    return sorted(set(urls))


def test_every_list_filter_is_capitalised_and_offers_all(users):
    c = Client()
    c.force_login(users["doingoai"])
    checked = 0
    for url in list_urls():
        response = c.get(url)
        if response.status_code != 200:
            continue
        body = response.content.decode()
        form = body[body.find('id="id_q"') :]
        assert "---------" not in form, url
        for label in LABEL.findall(body):
            label = label.strip()
            assert label[:1] == label[:1].upper(), (url, label)
            checked += 1
        if "<select" in form[: form.find("</form>")]:
            assert '<option value="">Tất cả</option>' in form or 'value="" selected>Tất cả' in form, url
    assert checked > 20
