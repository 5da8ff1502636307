"""Verify the audit log's hash chain: prints OK, or the first broken entry and exits 1."""

from django.core.management.base import BaseCommand, CommandError

from core.audit import verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log."

    def handle(self, *args, **options):
        report = verify_chain()
        if report.ok:
            self.stdout.write(f"OK: {report.checked} entries verified.")
            return
        where = f"entry {report.broken_id}" if report.broken_id else "the end of the chain"
        raise CommandError(
            f"BROKEN at {where}: {report.reason} ({report.checked} entries verified before it)."
        )
