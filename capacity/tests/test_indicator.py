"""The capacity indicator on hand-built cases: who meets the criterion, on which date, under
which definition version, in which subtree, and only over visible profiles."""

from __future__ import annotations

import datetime

import pytest

from capacity import selectors
from capacity.choices import Criterion
from capacity.models import CapacityDefinition
from core.testing import make_user

from .conftest import D, leader

pytestmark = pytest.mark.django_db


def figure(user, unit, day, **kw):
    return selectors.indicator(user=user, as_of=day, unit=unit, trend_from=day.year, **kw)


def test_a_leader_with_every_part_meets_and_one_without_tech_does_not(tree, definitions, users):
    """Language B2 with a young certificate, law training and a cyber course meet the criterion."""
    v_a, _v_b = definitions
    leader(tree["top"])
    short = leader(tree["top"], tech=None)
    data = figure(users["doingoai"], tree["top"], D(2040, 6, 1))
    assert (data["leaders_total"], data["leaders_meeting"], data["share"]) == (2, 1, 50.0)
    assert data["definition_version"] == v_a.number
    gaps = selectors.gaps(user=users["doingoai"], as_of=D(2040, 6, 1), unit=tree["top"])
    assert [(r["profile"].pk, r["missing"]) for r in gaps["one_short"]] == [
        (short.pk, Criterion.TECH_OR_CYBER)
    ]


def test_a_posting_abroad_replaces_law_training(tree, definitions, users):
    """A UN peacekeeping posting started by the date counts for the law-or-posting part."""
    leader(tree["top"], law=None, posting=D(2040, 3, 1))
    user = users["doingoai"]
    assert figure(user, tree["top"], D(2040, 2, 28))["leaders_meeting"] == 0
    assert figure(user, tree["top"], D(2040, 3, 1))["leaders_meeting"] == 1


def test_a_certificate_expiring_between_two_dates(tree, definitions, users):
    """A certificate that expires on 30/09/2040 counts on that day and not the day after."""
    leader(tree["top"], language=("B2", D(2039, 6, 1), D(2040, 9, 30)))
    user = users["doingoai"]
    assert figure(user, tree["top"], D(2040, 9, 30))["leaders_meeting"] == 1
    assert figure(user, tree["top"], D(2040, 10, 1))["leaders_meeting"] == 0
    gaps = selectors.gaps(user=user, as_of=D(2040, 9, 1), unit=tree["top"], within_days=30)
    assert [r["ends_on"] for r in gaps["expiring"]] == [D(2040, 9, 30)]


def test_a_certificate_stops_counting_when_it_reaches_the_age_limit(tree, definitions, users):
    """Under a 3-year limit a certificate of 01/06/2039 counts until 31/05/2042 (v_a chosen)."""
    v_a, _v_b = definitions
    leader(tree["top"])
    user = users["doingoai"]
    assert figure(user, tree["top"], D(2042, 5, 31), version=v_a.number)["leaders_meeting"] == 1
    assert figure(user, tree["top"], D(2042, 6, 1), version=v_a.number)["leaders_meeting"] == 0


def test_a_definition_change_gives_other_figures_and_reports_its_version(tree, definitions, users):
    """From 2042 the criterion asks C1: the same people no longer meet it, and the figure says v_b."""
    v_a, v_b = definitions
    leader(tree["top"])
    leader(tree["top"], language=("C1", D(2041, 9, 1), None))
    user = users["doingoai"]
    before = figure(user, tree["top"], D(2041, 12, 31))
    after = figure(user, tree["top"], D(2042, 3, 1))
    assert (before["definition_version"], before["leaders_meeting"]) == (v_a.number, 2)
    assert (after["definition_version"], after["leaders_meeting"]) == (v_b.number, 1)
    pinned = figure(user, tree["top"], D(2042, 3, 1), version=v_a.number)
    assert (pinned["definition_version"], pinned["leaders_meeting"]) == (v_a.number, 2)
    trend = selectors.indicator(user=user, as_of=D(2042, 3, 1), unit=tree["top"], trend_from=2041)["trend"]
    assert [(t["year"], t["definition_version"], t["leaders_meeting"]) for t in trend] == [
        (2041, v_a.number, 2),
        (2042, v_b.number, 1),
    ]


def test_only_leaders_in_post_on_the_date_are_counted(tree, definitions, users):
    """Non-leaders and leaders who left their post are not in the total."""
    leader(tree["top"], is_leader=False)
    leader(tree["top"], post_to=D(2040, 3, 1))
    leader(tree["top"])
    user = users["doingoai"]
    assert figure(user, tree["top"], D(2040, 2, 1))["leaders_total"] == 2
    assert figure(user, tree["top"], D(2040, 6, 1))["leaders_total"] == 1


def test_a_unit_counts_its_subtree_and_breaks_it_down(tree, definitions, users):
    """The team's leaders count in the department's figure; the breakdown lists the team."""
    leader(tree["top"], tech=None)
    leader(tree["team"])
    user = users["doingoai"]
    top = figure(user, tree["top"], D(2040, 6, 1))
    assert (top["leaders_total"], top["leaders_meeting"]) == (2, 1)
    rows = {r["unit"].pk: (r["leaders_total"], r["leaders_meeting"]) for r in top["per_unit"]}
    assert rows == {tree["top"].pk: (1, 0), tree["team"].pk: (1, 1)}
    team = figure(user, tree["team"], D(2040, 6, 1))
    assert (team["leaders_total"], team["leaders_meeting"], team["share"]) == (1, 1, 100.0)


def test_hidden_profiles_are_not_counted(tree, definitions, users, units):
    """A Mật profile is not counted for a lower clearance; another province sees none of them."""
    leader(tree["top"])
    leader(tree["top"], classification="mat")
    low = make_user(units["CA-QUANG-NINH"], "officer", "thuong")
    assert figure(users["qninh"], tree["top"], D(2040, 6, 1))["leaders_meeting"] == 2
    assert figure(low, tree["top"], D(2040, 6, 1))["leaders_meeting"] == 1
    other = make_user(units["CA-HA-NOI"], "officer", "tuyet_mat")
    assert figure(other, tree["top"], D(2040, 6, 1))["leaders_total"] == 0


def test_the_indicator_takes_a_constant_number_of_queries(tree, definitions, users):
    """Four queries load the leaders and their records, whatever their number."""
    from core.testing import count_queries

    leader(tree["top"])
    user = users["doingoai"]

    def compute():
        return selectors.compute_indicator(user=user, as_of=D(2040, 6, 1), unit=tree["top"], trend_from=2040)

    compute()  # warm the caches
    small = count_queries(compute)
    for _ in range(5):
        leader(tree["team"])
    assert count_queries(compute) == small


def test_the_cached_indicator_follows_every_write(tree, definitions, users):
    """The figures are cached per viewer until the next recorded change: a second call costs
    one query, and a qualification recorded or removed through a service shows at once."""
    from capacity import services
    from capacity.models import Qualification
    from core.context import SYSTEM
    from core.testing import count_queries

    short = leader(tree["top"], tech=None)
    user = users["doingoai"]
    assert figure(user, tree["top"], D(2040, 6, 1))["leaders_meeting"] == 0
    assert count_queries(lambda: figure(user, tree["top"], D(2040, 6, 1))) == 1  # the version

    course = services.qualification_create(
        actor=SYSTEM,
        data={"profile": short, "kind": "cyber", "title": "An ninh mạng", "obtained_on": D(2039, 1, 1)},
    )
    assert figure(user, tree["top"], D(2040, 6, 1))["leaders_meeting"] == 1
    services.qualification_delete(actor=SYSTEM, obj=course, version=course.version)
    assert figure(user, tree["top"], D(2040, 6, 1))["leaders_meeting"] == 0
    assert not Qualification.objects.filter(pk=course.pk).exists()


def test_no_definition_in_effect_gives_no_share(tree, users):
    """Before any version is in effect, nobody meets the criterion and the version is empty."""
    leader(tree["top"], language=("B2", D(1999, 6, 1), None), law=D(1999, 1, 1), tech=D(1999, 2, 1))
    data = figure(users["doingoai"], tree["top"], datetime.date(1999, 12, 31))
    assert data["definition_version"] is None and data["leaders_meeting"] == 0


def test_the_sql_figures_equal_the_rule_in_python_on_the_demo_for_several_dates(users):
    """The grouped SQL count gives, for every demo leader and several dates and users, what
    ``missing_criteria`` gives over the loaded records (the reference rule)."""
    for user in (users["lanhdao"], users["qninh"]):
        leaders = selectors.load_leaders(user)
        defs = selectors.definitions(user)
        for day in (D(2021, 6, 30), D(2024, 2, 28), D(2025, 7, 1), D(2025, 11, 14), D(2026, 11, 1)):
            definition = selectors.definition_for(defs, day)
            expected = selectors._count(leaders, definition, day)
            rows = selectors.leader_counts(user, None, definition, day)
            assert (sum(r["total"] for r in rows), sum(r["meeting"] for r in rows)) == expected, (user, day)


def test_the_age_limit_of_a_29_february_certificate_is_the_same_in_sql_and_python():
    """A certificate of 29/02/2036 under a 1-year limit stops counting on 28/02/2037 (add_years
    clamps to 28/02); under a 4-year limit it still counts on 28/02/2040."""
    for years, day, counts in (
        (1, D(2037, 2, 27), True),
        (1, D(2037, 2, 28), False),
        (4, D(2040, 2, 28), True),
    ):
        definition = CapacityDefinition(
            number=0, min_level="B2", certificate_max_years=years, effective_from=D(2030, 1, 1)
        )
        definition.requires_law_or_posting = definition.requires_tech_or_cyber = False
        skill = {"level": "B2", "certificate_on": D(2036, 2, 29), "expires_on": None}
        python = day <= selectors.language_valid_until(skill, definition)
        sql = D(2036, 2, 29) > selectors.oldest_certificate(day, years)
        assert python == sql == counts, (years, day)


def test_the_sql_gap_list_equals_the_rule_in_python_on_the_demo(users):
    """Who is one criterion short, and of which part, is the same in SQL and in Python."""
    user = users["lanhdao"]
    leaders = selectors.load_leaders(user)
    defs = selectors.definitions(user)
    for day in (D(2024, 2, 28), D(2026, 11, 1)):
        definition = selectors.definition_for(defs, day)
        expected = {}
        for r in leaders:
            if r.in_post(day):
                gap = selectors.missing_criteria(r, definition, day)
                if len(gap) == 1:
                    expected[r.pk] = gap[0]
        found = selectors.gaps(user=user, as_of=day)["one_short"]
        assert {r["profile"].pk: r["missing"] for r in found} == expected
        assert len(found) == len(expected) > 0
