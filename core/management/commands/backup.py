"""Take a consistent backup of the database and the uploaded files (docs/operations.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write a backup folder (database: pg_dump custom format or SQLite online backup; "
        "uploaded files; manifest) under DESTINATION."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path, help="folder that receives hoptac-<time>/")
        parser.add_argument("--database", default="default", help="database alias (default: default)")

    def handle(self, *args, **options):
        try:
            folder = backup(options["destination"], using=options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(folder))
