"""The demo: about 2,000 fictional profiles; the national share starts low and grows, a few
units are above the target and most below."""

from __future__ import annotations

import pytest
from django.utils import timezone

from capacity import selectors
from capacity.demo import PREFIX
from capacity.models import StaffProfile

pytestmark = pytest.mark.django_db


def test_the_demo_share_grows_with_units_above_and_below_the_target(users):
    """Nationally the share rises from 2020 to today; some units meet 25 %, most do not."""
    assert 1800 <= StaffProfile.objects.filter(staff_code__startswith=PREFIX).count() <= 2200
    data = selectors.indicator(user=users["lanhdao"], as_of=timezone.localdate())
    shares = [t["share"] for t in data["trend"]]
    assert shares[0] < 10 and shares[-1] > shares[0]
    above = [r for r in data["per_unit"] if r["share"] >= selectors.TARGET_MIN]
    below = [r for r in data["per_unit"] if r["share"] < selectors.TARGET_MIN]
    assert 3 <= len(above) < len(below)
    assert data["share"] < selectors.TARGET_MIN
