"""Each test starts with an empty cache: a rolled-back test may reuse history ids on SQLite."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()
