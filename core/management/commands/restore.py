"""Restore a backup folder into a new database and a file storage (docs/operations.md)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, describe_target, restore


class Command(BaseCommand):
    help = (
        "Restore a backup folder made by `backup` into a NEW database (refused if it exists) "
        "and its files into --media-root or the configured storage, then verify the audit chain."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="the hoptac-<time>/ folder")
        parser.add_argument("--database-url", required=True, help="the new database, as DATABASE_URL")
        parser.add_argument("--media-root", type=Path, help="folder for the files (default: the storage)")
        parser.add_argument("--no-verify", action="store_true", help="skip verify_audit on the result")

    def handle(self, *args, **options):
        url = options["database_url"]
        try:
            manifest = restore(options["backup"], database_url=url, media_root=options["media_root"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            "Restored into {} ({} files).".format(describe_target(url), manifest["media_files"])
        )
        if options["no_verify"]:
            return
        # The restored database under this configuration's keys: the audit chain verifies only
        # with the HOPTAC_AUDIT_KEY it was written with.
        env = {**os.environ, "DATABASE_URL": url}
        result = subprocess.run(
            [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "verify_audit"],
            env=env,
            capture_output=True,
            text=True,
        )
        self.stdout.write((result.stdout + result.stderr).strip())
        if result.returncode != 0:
            raise CommandError("The restored audit chain does not verify (wrong HOPTAC_AUDIT_KEY?).")
