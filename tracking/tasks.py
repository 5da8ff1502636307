"""Background jobs of the tracking engine (django-tasks; run by ``manage.py db_worker``).

django-tasks has no scheduler: something outside enqueues the daily round once a day — a
cron job or systemd timer running ``manage.py send_reminders --enqueue`` (or running the
round directly with ``manage.py send_reminders``). The round is idempotent, so a timer that
fires twice, two workers, or a worker restarted mid-round send nothing twice.
"""

from __future__ import annotations

import datetime

from django_tasks import task

from core.context import SYSTEM, change_context

from .reminders import daily_round


@task()
def run_daily_round(today: str | None = None) -> dict[str, int]:
    """Today's reminders, digests, nudges and recurring top-up, as the system.

    ``today`` (ISO date) is for catching up a missed day; task arguments must be JSON.
    """
    day = datetime.date.fromisoformat(today) if today else None
    with change_context(SYSTEM):
        return daily_round(day)
