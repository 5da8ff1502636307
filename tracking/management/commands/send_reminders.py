"""``manage.py send_reminders``: the daily round of reminders, now or through the job queue.

Schedule it once a day (cron, systemd timer). Without options it runs the round in this
process and prints what it sent; ``--enqueue`` hands it to the task backend instead, for a
``db_worker`` to run.
"""

from __future__ import annotations

import argparse
import datetime

from django.core.management.base import BaseCommand

from core.context import SYSTEM, change_context


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError("expected YYYY-MM-DD") from exc


class Command(BaseCommand):
    help = (
        "Send today's deadline reminders, overdue digests and nudges, and top up recurring "
        "periods. Idempotent: running it twice a day sends nothing twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Enqueue the run_daily_round task for a worker (manage.py db_worker) instead of running now.",
        )
        parser.add_argument(
            "--date", type=_date, default=None, help="Run the round as of this day (YYYY-MM-DD)."
        )

    def handle(self, *args, **options) -> None:
        day: datetime.date | None = options["date"]
        if options["enqueue"]:
            from tracking.tasks import run_daily_round

            result = run_daily_round.enqueue(day.isoformat() if day else None)
            self.stdout.write(f"enqueued run_daily_round: {result.id} ({result.status})")
            return
        from tracking.reminders import daily_round

        with change_context(SYSTEM):
            counts = daily_round(day)
        self.stdout.write(", ".join(f"{name}: {n}" for name, n in counts.items()))
