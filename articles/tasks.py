"""The extraction job (django-tasks; run by ``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task

from .services import run_extraction


@task()
def extract_article(article_id: int) -> None:
    """Extract the facts of one article; its page polls the progress the job records."""
    run_extraction(article_id)
