"""Pagination that does not count a million rows to show twenty-five.

``COUNT(*)`` over every visible progress report costs seconds at national size, while the
page itself reads 25 rows through an index. ``CappedPaginator`` counts at most ``CAP`` rows
(``SELECT COUNT(*) FROM (... LIMIT CAP + 1)``) and says when there are more; lists show
"more than 10,000 records" and let filters narrow them. The pages beyond the cap are not
offered (an offset that deep would be slow too).
"""

from __future__ import annotations

from functools import cached_property

from django.core.paginator import Paginator
from django.db import models

CAP = 10_000


class CappedPaginator(Paginator):
    cap = CAP

    @cached_property
    def _counted(self) -> tuple[int, bool]:
        objects = self.object_list
        if not isinstance(objects, models.QuerySet):
            return len(objects), False
        n = objects.order_by()[: self.cap + 1].count()
        return min(n, self.cap), n > self.cap

    @property
    def count(self) -> int:  # type: ignore[override]
        """The number of rows, at most ``cap`` (then ``capped`` is true)."""
        return self._counted[0]

    @property
    def capped(self) -> bool:
        """More rows than ``count`` says: show "more than"."""
        return self._counted[1]
