"""``manage.py extract_facts FILE [--date YYYY-MM-DD] [--user LOGIN] --json``: the facts of one
article as one JSON object on standard output, nothing else there (docs/articles.md)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.extraction import FIELDS, extract
from articles.textio import ArticleTextError, check_size, read_text


class Command(BaseCommand):
    help = "Print the facts of an article file (.txt, .html, .docx, .pdf) with their evidence."
    # Runs anywhere, with or without a database: no system checks on the way.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="the article: .txt, .html, .docx or .pdf")
        parser.add_argument(
            "--date", help="publication date, YYYY-MM-DD (else read from the page when it has one)"
        )
        parser.add_argument("--user", help="read the registry's foreign agencies as this user sees them")
        parser.add_argument(
            "--json", action="store_true", help="print the JSON object (the only output on stdout)"
        )

    def handle(self, *args, **options) -> None:
        published = None
        if options["date"]:
            try:
                published = datetime.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(
                    _("Invalid date “{date}”: use YYYY-MM-DD.").format(date=options["date"])
                ) from exc
        path = Path(options["file"])
        try:
            check_size(path.stat().st_size)  # before reading: a huge file is never parsed
            text = read_text(path.read_bytes(), path.name)
        except OSError as exc:
            raise CommandError(
                _("Cannot read “{path}”: {error}").format(path=path, error=exc.strerror)
            ) from exc
        except ArticleTextError as exc:
            raise CommandError(str(exc)) from exc
        user = None
        if options["user"]:
            from org.models import User

            user = User.objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise CommandError(_("No active user “{login}”.").format(login=options["user"]))
        facts = extract(text, published, user=user)
        if options["json"]:
            self.stdout.write(json.dumps(facts, ensure_ascii=False, indent=1))
            return
        for field in FIELDS:
            self.stdout.write(f"{field}: {len(facts[field])}")
            for item in facts[field]:
                shown = {k: v for k, v in item.items() if k not in ("evidence", "start", "end", "summary")}
                self.stdout.write(
                    f"  {json.dumps(shown, ensure_ascii=False)}  [{item['start']}:{item['end']}]"
                )
        self.stderr.write(_("Gazetteer: {source}.").format(source=facts["gazetteer"]))
