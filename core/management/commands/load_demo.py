"""Load the demo data, idempotently, through the services (README: `make demo`)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.context import SYSTEM, change_context


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
        from org import demo

        with transaction.atomic(), change_context(SYSTEM):
            units = demo.load_units()
            users = demo.load_accounts(units)
        if options["verbosity"] == 0:
            return
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {len(units)} units, {len(users)} demo accounts."))
        self.stdout.write("Demo logins (password from HOPTAC_DEMO_PASSWORD, default hoptac-demo):")
        for login, role, unit_code, clearance, *_ in demo.ACCOUNTS:
            self.stdout.write(f"  {login:<14} {role:<14} {unit_code:<16} {clearance}")
