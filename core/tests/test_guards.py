"""Writes go through services: runtime guards and a source check (Zulip custom_check style)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.context import SYSTEM
from core.exceptions import WriteOutsideService
from core.services import service
from core.tests.sampleapp.models import SampleRecord
from core.tests.specs import make

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def record(units):
    return make(SYSTEM, units["CA-QUANG-NINH"])


def test_save_delete_and_bulk_writes_outside_services_are_refused(record, units):
    """save(), delete(), update(), bulk_create() and bulk_update() of a business model raise outside services."""
    record.title = "changed behind the service's back"
    with pytest.raises(WriteOutsideService):
        record.save()
    with pytest.raises(WriteOutsideService):
        record.delete()
    with pytest.raises(WriteOutsideService):
        SampleRecord.objects.filter(pk=record.pk).update(title="x")
    with pytest.raises(WriteOutsideService):
        SampleRecord.objects.filter(pk=record.pk).delete()
    with pytest.raises(WriteOutsideService):
        SampleRecord.objects.bulk_create([SampleRecord(title="x", owner_unit=units["CA-HA-NOI"])])
    with pytest.raises(WriteOutsideService):
        SampleRecord.objects.bulk_update([record], ["title"])
    record.refresh_from_db()
    assert record.title != "changed behind the service's back"


def test_the_same_writes_inside_a_service_work(record):
    """The guard is the service scope, not a ban: services may write in bulk."""

    @service
    def rename(*, actor):
        return SampleRecord.objects.filter(pk=record.pk).update(title="renamed")

    assert rename(actor=SYSTEM) == 1


# Source rules: (name, pattern, files it applies to, good example, bad example)
RULES = [
    (
        "bare read in a view, API or template tag",
        re.compile(r"\.objects\.(?!visible_to\b|none\(\))"),
        ("views.py", "views_", "api/views.py", "api/serializers.py", "templatetags/"),
        "Unit.objects.visible_to(request.user)",
        "Unit.objects.filter(pk=pk)",
    ),
    (
        "bulk write outside services",
        re.compile(r"\)\.update\(|\.bulk_(create|update)\(|\.delete\(\)"),
        (
            "views.py",
            "views_site.py",
            "api/",
            "forms.py",
            "filters.py",
            "templatetags/",
            "management/commands/",
        ),
        "services.unit_delete(actor=user, unit=unit)",
        "Unit.objects.filter(pk=1).delete()",
    ),
]


def _first_party_apps() -> list[str]:
    """Every app of the project (a folder beside manage.py with an apps.py)."""
    return sorted(p.parent.name for p in ROOT.glob("*/apps.py"))


def _source_files():
    for app in _first_party_apps():
        for path in (ROOT / app).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if "/tests/" in rel or "/migrations/" in rel:
                continue
            yield rel, path.read_text(encoding="utf-8")


def test_the_source_rules_read_every_app():
    """The checks cover every installed app of the project, not a chosen few."""
    from django.conf import settings

    ours = {name.split(".")[0] for name in settings.INSTALLED_APPS if (ROOT / name.split(".")[0]).is_dir()}
    assert ours <= set(_first_party_apps())


@pytest.mark.parametrize("rule", RULES, ids=[r[0] for r in RULES])
def test_source_rules_hold(rule):
    """No view, API, form or command reads around visible_to or writes around a service."""
    name, pattern, scopes, good, bad = rule
    assert not pattern.search(good) and pattern.search(bad), "rule examples are wrong"
    offenders = []
    for rel, text in _source_files():
        if not any(scope in rel for scope in scopes):
            continue
        for n, line in enumerate(text.splitlines(), 1):
            if pattern.search(line) and "# guard: allowed" not in line:
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert offenders == [], name
