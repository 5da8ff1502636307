"""manage.py bench: the benchmark of issue #11 against the current database (see docs/performance.md)."""

from __future__ import annotations

import gc
import json
import logging
import os

from django.conf import settings
from django.core.management.base import BaseCommand

from scale import bench, httpbench


def ensure_demo(log) -> None:
    """A database holding the demo only: created, migrated and loaded the first time."""
    from django.core.management import call_command
    from django.db import OperationalError, connection

    from org.models import User

    try:
        connection.ensure_connection()
    except OperationalError:
        name = connection.settings_dict["NAME"]
        log(f"creating the database {name}")
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
    call_command("migrate", verbosity=0)
    if not User.objects.filter(username="doingoai").exists():
        log("loading the demo (a few minutes)")
        call_command("load_demo", "--force", verbosity=0)  # a throw-away benchmark database


class Command(BaseCommand):
    help = "Time the main pages and API endpoints as doingoai and qninh; save the figures as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--label", default="national", help="Name of this run (national, demo).")
        parser.add_argument("--output", default="test-artifacts/bench-results.json")
        parser.add_argument("--repeat", type=int, default=20, help="Timed requests per page and user.")
        parser.add_argument(
            "--clients", type=int, default=4, help="Concurrent clients of the throughput run."
        )
        parser.add_argument("--seconds", type=float, default=20, help="Length of each throughput run.")
        parser.add_argument("--baseline", default="", help="JSON of another run to compare queries with.")
        parser.add_argument("--only", nargs="*", help="Only these targets (by name).")
        parser.add_argument("--no-throughput", action="store_true")
        parser.add_argument("--markdown", default="", help="Print a saved run as Markdown tables and stop.")
        parser.add_argument(
            "--http",
            action="store_true",
            help="HTTP mode: gunicorn serves the pages, wrk drives them; ratios to the floor and the raw SQL.",
        )
        parser.add_argument(
            "--users",
            type=int,
            default=0,
            help="Simulated people (mixed roles, --think seconds between pages) for --seconds, over HTTP.",
        )
        parser.add_argument("--think", type=float, default=3.0, help="Think time of --users, in seconds.")
        parser.add_argument(
            "--ensure-demo",
            action="store_true",
            help="Create the database if missing, migrate it and load the demo (the demo-size baseline).",
        )

    def handle(self, *args, **options):
        if options["markdown"]:
            with open(options["markdown"], encoding="utf-8") as fh:
                data = json.load(fh)
            self.stdout.write(httpbench.markdown(data) if "floor" in data else bench.markdown(data))
            return
        # Not setup_test_environment(): its template instrumentation copies every context for
        # the test client and would double the time of a page.
        if "*" not in settings.ALLOWED_HOSTS and "testserver" not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        logging.getLogger("django.request").setLevel(logging.ERROR)  # the 404s are in the table
        if options["ensure_demo"]:
            ensure_demo(self.stdout.write)
        # As hoptac.wsgi does at start-up: the loaded application out of the collector's walk.
        gc.collect()
        gc.freeze()
        if options["http"] or options["users"]:
            self.run_http(options)
            return
        report = bench.run(
            label=options["label"],
            repeat=options["repeat"],
            clients=options["clients"],
            seconds=options["seconds"],
            baseline=options["baseline"],
            log=self.stdout.write,
            only=set(options["only"]) if options["only"] else None,
            skip_throughput=options["no_throughput"],
        )
        bench.save(report, options["output"])
        self.stdout.write(f"saved {options['output']}")

    def run_http(self, options) -> None:
        """The HTTP mode (issue #23): one table of ratios, or the simulated people."""
        import dataclasses

        only = set(options["only"]) if options["only"] else None
        if options["users"]:
            from org.demo import ACCOUNTS

            urls = [t.url for t in bench.TARGETS if t.url and (not only or t.name in only)]
            with httpbench.gunicorn() as base:
                outcome = httpbench.simulate_users(
                    base,
                    [login for login, *_ in ACCOUNTS],
                    urls,
                    users=options["users"],
                    seconds=options["seconds"],
                    think_seconds=options["think"],
                )
            data = dataclasses.asdict(outcome)
            self.stdout.write(json.dumps(data))
        else:
            report = httpbench.run(
                label=options["label"],
                connections=options["clients"],
                seconds=options["seconds"],
                only=only,
                log=self.stdout.write,
            )
            data = dataclasses.asdict(report)
        path = options["output"]
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2, default=str)
        self.stdout.write(f"saved {path}")
