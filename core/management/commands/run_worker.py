"""The database worker of a node (``deploy/hoptac worker``), which outlives a database restart.

django-tasks-db's ``db_worker`` exits on the first connection error while it polls for a job,
so a PostgreSQL restart or fail-over would leave a node without a worker until someone
restarts it. This worker keeps the same options and behaviour, and on a connection error
closes its connections, waits (1 s, doubling to 30 s) and polls again. Errors inside a job
are the job's own: django-tasks records them on the job, as before.
"""

from __future__ import annotations

import logging
import time

from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger("django_tasks_db")

MAX_WAIT = 30.0


class ResilientWorker(db_worker.Worker):
    """``db_worker.Worker`` that waits for the database to come back instead of exiting."""

    def run(self) -> None:
        wait = 1.0
        while self.running:
            try:
                super().run()
                return
            except (OperationalError, InterfaceError) as error:
                if not self.running:
                    return
                logger.warning(
                    "hoptac worker %s: database unavailable (%s); retrying in %.0f s",
                    self.worker_id,
                    str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__,
                    wait,
                )
                connections.close_all()
                time.sleep(wait)
                wait = min(wait * 2, MAX_WAIT)


class Command(db_worker.Command):
    help = "Run a database background worker that survives database restarts"

    def handle(self, *args, **options) -> None:
        original = db_worker.Worker
        db_worker.Worker = ResilientWorker  # the parent's handle() builds the worker by name
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original
