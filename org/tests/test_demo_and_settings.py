"""The demo loader and the settings' refusals."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from core.models import ObjectChange
from org.models import Unit, User

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_load_demo_is_idempotent(demo):
    """Running the demo loader again creates nothing and changes nothing."""
    counts = (Unit.objects.count(), User.objects.count(), ObjectChange.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Unit.objects.count(), User.objects.count(), ObjectChange.objects.count()) == counts


def test_load_demo_records_history_as_the_system(demo):
    """The demo goes through the services: every unit has a 'create' change by 'system'."""
    unit = Unit.objects.get(code="CDN")
    change = ObjectChange.objects.filter(object_id=unit.pk, content_type__model="unit", action="create").get()
    assert change.user_name == "system"


@override_settings(DEBUG=False, TESTING=False)
def test_load_demo_refuses_a_production_configuration(demo):
    """With DEBUG off outside tests the loader refuses unless forced."""
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())
    call_command("load_demo", "--force", stdout=StringIO())


def _settings_check(env):
    full = {k: v for k, v in os.environ.items() if not k.startswith(("DEBUG", "SECRET_KEY", "HOPTAC_ALLOW"))}
    full.update(env, DJANGO_SETTINGS_MODULE="hoptac.settings.base")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
    )


def test_refuses_to_start_without_debug_on_the_default_secret_key():
    """DEBUG off with the default SECRET_KEY is an error; with a real key it starts."""
    refused = _settings_check({"DEBUG": "0"})
    assert refused.returncode != 0 and "SECRET_KEY" in refused.stderr
    started = _settings_check(
        {"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "hoptac.local", "HOPTAC_AUDIT_KEY": "y" * 50}
    )
    assert started.returncode == 0, started.stderr
