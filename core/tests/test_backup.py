"""Backup and restore: a restored copy verifies its audit chain and gives the same figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

# The seeds' headline figures (DESIGN.md section 1) and what else a restore must keep.
FIGURES = """
import datetime, json
import django
django.setup()
from core.context import SYSTEM
from core.models import AuditEntry, ObjectChange
from org.models import User
from partners.selectors import indicators
print(json.dumps({
    "2021-12-14": indicators(user=SYSTEM, as_of=datetime.date(2021, 12, 14)),
    "2026-03-02": indicators(user=SYSTEM, as_of=datetime.date(2026, 3, 2)),
    "users": sorted(User.objects.values_list("username", flat=True)),
    "history": ObjectChange.objects.count(),
    "audit": list(AuditEntry.objects.order_by("-pk").values_list("pk", "entry_hash")[:1]),
}, sort_keys=True))
"""


def _url(settings_dict: dict, name: str) -> str:
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    user = settings_dict.get("USER") or "postgres"
    password = ":{}".format(settings_dict["PASSWORD"]) if settings_dict.get("PASSWORD") else ""
    return "postgres://{}{}@{}:{}/{}".format(
        user, password, settings_dict.get("HOST") or "127.0.0.1", settings_dict.get("PORT") or 5432, name
    )


def _run(script_args: list[str], database_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "hoptac.settings.test"}
    return subprocess.run([sys.executable, *script_args], cwd=ROOT, env=env, capture_output=True, text=True)


def _figures(database_url: str) -> dict:
    result = _run(["-c", FIGURES], database_url)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_new_database_that_verifies_and_counts_the_same(demo, tmp_path):
    """backup then restore into a new database: verify_audit says OK on the copy, the headline
    indicators, accounts, history and audit head are those of the source, the files are back."""
    default_storage.save("attachments/backup-probe.txt", ContentFile(b"kept across restore"))
    source_url = _url(connection.settings_dict, connection.settings_dict["NAME"])
    if connection.vendor == "sqlite":
        target_url = _url(connection.settings_dict, tmp_path / "restored.sqlite3")
    else:
        target_url = _url(
            connection.settings_dict,
            "{}_restored_{}".format(connection.settings_dict["NAME"], uuid.uuid4().hex[:8]),
        )
    out = StringIO()
    call_command("backup", str(tmp_path / "backups"), stdout=out)
    folder = Path(out.getvalue().strip())
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["vendor"] == connection.vendor and manifest["media_files"] >= 1
    assert manifest["audit"]["entries"] > 0
    try:
        out = StringIO()
        call_command(
            "restore",
            str(folder),
            "--database-url",
            target_url,
            "--media-root",
            str(tmp_path / "media"),
            stdout=out,
        )
        assert "OK:" in out.getvalue()
        assert _run(["manage.py", "verify_audit"], target_url).stdout.startswith("OK:")
        source, restored = _figures(source_url), _figures(target_url)
        assert restored == source
        assert source["2026-03-02"]["foreign_agencies"] > 0 and source["audit"]
        assert (
            tmp_path / "media" / "attachments" / "backup-probe.txt"
        ).read_bytes() == b"kept across restore"
        with pytest.raises(CommandError, match="new database"):
            call_command(
                "restore",
                str(folder),
                "--database-url",
                target_url,
                "--media-root",
                str(tmp_path / "m2"),
                stdout=StringIO(),
            )
    finally:
        default_storage.delete("attachments/backup-probe.txt")
        if connection.vendor == "postgresql":
            name = target_url.rsplit("/", 1)[1]
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
