"""Health checks of hoptac's own dependencies, beside django-health-check's built-in ones."""

from __future__ import annotations

import dataclasses
import datetime

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable


def oldest_queued_job_age() -> datetime.timedelta | None:
    """How long the oldest job ready to run has waited (None: the queue is empty)."""
    from django_tasks_db.models import DBTaskResult

    oldest = DBTaskResult.objects.ready().aggregate(t=Min("enqueued_at"))["t"]
    return None if oldest is None else max(timezone.now() - oldest, datetime.timedelta(0))


@dataclasses.dataclass
class QueueAge(HealthCheck):
    """The background queue moves: its oldest ready job is younger than HOPTAC_QUEUE_MAX_AGE.

    A job older than that means no database worker runs (or they cannot keep up); reminders,
    reports and imports then wait. Async so that Django runs the query in the request's own
    thread and connection, not in a pool thread whose connection nobody closes.
    """

    age: datetime.timedelta | None = dataclasses.field(default=None, repr=False, init=False)

    async def run(self) -> None:
        from asgiref.sync import sync_to_async

        self.age = await sync_to_async(oldest_queued_job_age)()
        limit = datetime.timedelta(seconds=settings.HOPTAC_QUEUE_MAX_AGE)
        if self.age is not None and self.age > limit:
            raise ServiceUnavailable(
                f"oldest queued job waits {self.age.total_seconds():.0f} s (limit {limit.total_seconds():.0f} s)"
            )

    def pretty_status(self) -> str:
        return "empty" if self.age is None else f"oldest job {self.age.total_seconds():.0f} s"
