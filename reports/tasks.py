"""The report generation job (django-tasks; run by ``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task

from .services import generate


@task()
def generate_report(run_id: int) -> None:
    """Generate one report run; its page polls the progress that the job records."""
    generate(run_id)
