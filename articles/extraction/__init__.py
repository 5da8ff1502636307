"""Facts out of a press article, each with its evidence (issue #22, item 2; docs/articles.md).

``extract(text, published)`` returns one JSON-ready dict: ``published`` and the lists of
``FIELDS``, every item with ``evidence`` == ``text[start:end]``. Offline and deterministic:
the registry's names (when the database answers) and general rules, nothing downloaded.
"""

from __future__ import annotations

import datetime

from . import gazetteer
from .extractor import FIELDS, article_end, extract_with, find_published

__all__ = ["FIELDS", "article_end", "extract", "extract_with", "find_published"]


def extract(
    text: str, published: datetime.date | None = None, *, user=None, use_database: bool = True
) -> dict:
    """The facts of ``text`` (the NFC text facts point into, as articles.textio returns it).

    ``published``: the publication date when known (it gives the year of dates written
    without one); else it is read from the page's dateline when there is one. ``user``: whose
    view of the registry's agencies is used (business records); without one, agencies are
    found by pattern only. Without a database, the general data (CLDR, ISO) is used.
    """
    return extract_with(text, gazetteer.load(user=user, use_database=use_database), published)
