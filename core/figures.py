"""Computed figures cached until the next recorded change.

Some figures cost a scan of every visible record (the capacity share over 37,000 leaders,
the dashboard's counts). They are cached under a key holding the id of the newest history
row: every service write records an ``ObjectChange`` in its transaction, so any write makes
a new key, in every process, whatever the cache backend. The key also holds the user (what
they see decides the figure), the language and the arguments. ``TIMEOUT`` bounds what a
change the history does not see could leave stale: a transaction committing after a later
one, or the national-scale generator, which writes without the services.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models import Max
from django.utils.translation import get_language

from .models import ObjectChange

T = TypeVar("T")
TIMEOUT = 120


def data_version() -> int:
    """The id of the newest recorded change (one index lookup)."""
    return ObjectChange.objects.aggregate(v=Max("pk"))["v"] or 0


def cached_figures(namespace: str, user: Any, parts: Iterable[Any], compute: Callable[[], T]) -> T:
    """``compute()``, or its value cached for this user and arguments since the last change."""
    raw = ":".join(str(p) for p in (data_version(), getattr(user, "pk", ""), get_language(), *parts))
    key = f"figures:{namespace}:{hashlib.sha256(raw.encode()).hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
