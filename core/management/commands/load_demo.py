"""Load the demo data, idempotently, through the services (README: `make demo`).

Each app may ship a ``demo`` module with a ``load()`` function; they run in the order of
INSTALLED_APPS, so units and accounts exist before the records that refer to them.
"""

import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.context import SYSTEM, bulk_loading, change_context


def demo_loaders():
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        if hasattr(module, "load"):
            yield config.label, module


class Command(BaseCommand):
    help = "Load hoptac's demo units, accounts and records. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even on a production configuration (DEBUG off). Never on real data.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not getattr(settings, "TESTING", False) and not options["force"]:
            raise CommandError(
                "Refusing to load demo accounts on a production configuration (DEBUG is off). "
                "Use --force only on a throw-away instance."
            )
        summary = {}
        # The search app's demo step rebuilds its index at the end: no per-record upkeep.
        with transaction.atomic(), change_context(SYSTEM), bulk_loading():
            for label, module in demo_loaders():
                summary[label] = (module, module.load())
        if options["verbosity"] == 0:
            return
        for label, (module, counts) in summary.items():
            self.stdout.write(self.style.SUCCESS(f"Demo {label}: {counts}"))
            for line in getattr(module, "describe", list)():
                self.stdout.write(line)
