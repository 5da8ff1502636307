"""Rebuild the search index from the records (after a bulk load, or to repair it)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from search.index import rebuild
from search.types import BY_KIND


class Command(BaseCommand):
    help = "Rebuild the search index (all types, or those given with --type)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--type",
            action="append",
            dest="kinds",
            choices=sorted(BY_KIND),
            help="Only this type (repeatable).",
        )
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, **options):
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        started = time.monotonic()
        counts = rebuild(options["kinds"], batch_size=options["batch_size"])
        elapsed = time.monotonic() - started
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Indexed {sum(counts.values())} records in {elapsed:.1f} s"))
