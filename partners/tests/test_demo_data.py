"""The partner registry's demo data gives the seeds' headline figures, computed from the spells alone.

Plain functions over ``partners.demo_data``: no database. The counting rules are the
application's: a spell is active on D when start <= D and (end is None or end >= D); an agency or
body is counted once however many of our units hold a spell with it.
"""

from __future__ import annotations

import datetime
import itertools
from collections import Counter, defaultdict

import pycountry
import pytest

from partners import demo_data

D1 = "2021-12-14"  # seed 001
D2 = "2026-03-02"  # seed 000

AGENCY_KINDS = {
    "police",
    "security",
    "immigration",
    "prosecution",
    "justice",
    "customs",
    "intelligence",
    "other",
}
LEVELS = {"ministry", "department", "province"}
CHANNELS = {"liaison_officer", "hotline", "regular_meetings", "mou", "working_group", "information_exchange"}
BODY_KINDS = {"organization", "forum", "mechanism"}
SCOPES = {"regional", "global"}
STATUSES = {"member", "observer", "participant", "dialogue_partner"}
MINISTRY_UNITS = {"BCA", "CDN"}
DEPARTMENT_UNITS = {"CSHS", "CSMT", "ANM", "XNC", "CSKT"}
PROVINCE_UNITS = {
    "CA-QUANG-NINH",
    "CA-LANG-SON",
    "CA-CAO-BANG",
    "CA-LAO-CAI",
    "CA-LAI-CHAU",
    "CA-DIEN-BIEN",
    "CA-SON-LA",
    "CA-THANH-HOA",
    "CA-NGHE-AN",
    "CA-HA-TINH",
    "CA-QUANG-TRI",
    "CA-GIA-LAI",
    "CA-DAK-LAK",
    "CA-TAY-NINH",
    "CA-DONG-THAP",
    "CA-AN-GIANG",
    "CA-HA-NOI",
    "CA-THANH-PHO-HO-CHI-MINH",
    "CA-DA-NANG",
    "CA-HAI-PHONG",
}
UNITS = MINISTRY_UNITS | DEPARTMENT_UNITS | PROVINCE_UNITS

AGENCY_BY_KEY = {row[0]: row for row in demo_data.AGENCIES}
BODY_BY_KEY = {row[0]: row for row in demo_data.BODIES}


def _day(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def _active(start: str, end: str | None, day: str) -> bool:
    return _day(start) <= _day(day) and (end is None or _day(end) >= _day(day))


def foreign_agencies(day: str) -> set[str]:
    return {
        key
        for key, _unit, start, end, _level, _channels in demo_data.RELATIONSHIPS
        if _active(start, end, day)
    }


def countries(day: str) -> set[str]:
    return {AGENCY_BY_KEY[key][1] for key in foreign_agencies(day)}


def multilateral_participation(day: str) -> set[str]:
    return {key for key, _unit, start, end, _status in demo_data.MEMBERSHIPS if _active(start, end, day)}


def members(kind: str, day: str) -> set[str]:
    return {
        key
        for key, _unit, start, end, status in demo_data.MEMBERSHIPS
        if status == "member" and BODY_BY_KEY[key][1] == kind and _active(start, end, day)
    }


# --- the headline figures ---------------------------------------------------------------------


def test_figures_of_14_december_2021():
    """Seed 001: 162 law-enforcement agencies of 64 countries, 52 multilateral bodies."""
    assert len(foreign_agencies(D1)) == 162
    assert len(countries(D1)) == 64
    assert len(multilateral_participation(D1)) == 52


def test_figures_of_2_march_2026():
    """Seed 000: 164 agencies of 65 countries; member of 18 organisations, 13 forums, 12 mechanisms."""
    assert len(foreign_agencies(D2)) == 164
    assert len(countries(D2)) == 65
    assert len(members("organization", D2)) == 18
    assert len(members("forum", D2)) == 13
    assert len(members("mechanism", D2)) == 12


def test_an_agency_related_to_several_units_counts_once():
    units_per_agency = defaultdict(set)
    for key, unit, start, end, _level, _channels in demo_data.RELATIONSHIPS:
        if _active(start, end, D2):
            units_per_agency[key].add(unit)
    shared = {key for key, units in units_per_agency.items() if len(units) > 1}
    assert len(shared) >= 5
    assert {"CDN", "CSMT"} <= units_per_agency["cn-mps"]
    assert {"CDN", "CSMT", "CA-AN-GIANG"} <= units_per_agency["kh-gdnp"]
    active_rows = sum(1 for r in demo_data.RELATIONSHIPS if _active(r[2], r[3], D2))
    assert active_rows > len(foreign_agencies(D2))


# --- shape and references ---------------------------------------------------------------------


def test_rows_have_the_documented_shapes():
    assert all(len(row) == 7 for row in demo_data.AGENCIES)
    assert all(len(row) == 6 for row in demo_data.RELATIONSHIPS)
    assert all(len(row) == 6 for row in demo_data.BODIES)
    assert all(len(row) == 5 for row in demo_data.MEMBERSHIPS)
    assert len(demo_data.BODIES) >= 58


def test_keys_are_unique_ascii_slugs():
    for rows in (demo_data.AGENCIES, demo_data.BODIES):
        keys = [row[0] for row in rows]
        assert not [k for k, n in Counter(keys).items() if n > 1]
        for key in keys:
            assert key.isascii() and key == key.lower() and " " not in key, key


def test_natural_keys_of_the_loader_are_unique():
    """The loader finds existing agencies by (country, name_vi) and bodies by name_en."""
    agency_names = Counter((row[1], row[3]) for row in demo_data.AGENCIES)
    assert not [k for k, n in agency_names.items() if n > 1]
    body_names = Counter(row[4] for row in demo_data.BODIES)
    assert not [k for k, n in body_names.items() if n > 1]


def test_text_fits_the_model_fields():
    for key, _country, _kind, name_vi, name_en, name_original, acronym in demo_data.AGENCIES:
        assert name_vi and name_en and name_original, key
        assert max(len(name_vi), len(name_en), len(name_original)) <= 255, key
        assert len(acronym) <= 32, key
    for key, _kind, _scope, name_vi, name_en, acronym in demo_data.BODIES:
        assert name_vi and name_en, key
        assert max(len(name_vi), len(name_en)) <= 255, key
        assert len(acronym) <= 32, key


def test_every_spell_references_an_existing_key_and_unit():
    for key, unit, *_rest in demo_data.RELATIONSHIPS:
        assert key in AGENCY_BY_KEY, key
        assert unit in UNITS, unit
    for key, unit, *_rest in demo_data.MEMBERSHIPS:
        assert key in BODY_BY_KEY, key
        assert unit in UNITS, unit
    related = {row[0] for row in demo_data.RELATIONSHIPS}
    assert set(AGENCY_BY_KEY) == related, "every agency has at least one relationship"
    joined = {row[0] for row in demo_data.MEMBERSHIPS}
    assert set(BODY_BY_KEY) == joined, "every body has at least one membership"


def test_enumerations_are_valid():
    for key, _country, kind, *_rest in demo_data.AGENCIES:
        assert kind in AGENCY_KINDS, key
    for key, _unit, _start, _end, level, channels in demo_data.RELATIONSHIPS:
        assert level in LEVELS, key
        assert isinstance(channels, list) and channels, key
        assert set(channels) <= CHANNELS, key
        assert len(set(channels)) == len(channels), key
    for key, kind, scope, *_rest in demo_data.BODIES:
        assert kind in BODY_KINDS, key
        assert scope in SCOPES, key
    for key, _unit, _start, _end, status in demo_data.MEMBERSHIPS:
        assert status in STATUSES, key


def test_level_is_that_of_the_vietnamese_unit():
    expected = {**dict.fromkeys(MINISTRY_UNITS, "ministry"), **dict.fromkeys(DEPARTMENT_UNITS, "department")}
    expected.update(dict.fromkeys(PROVINCE_UNITS, "province"))
    for key, unit, _start, _end, level, _channels in demo_data.RELATIONSHIPS:
        assert level == expected[unit], (key, unit)


def test_country_codes_are_iso_3166_alpha_2():
    for key, country, *_rest in demo_data.AGENCIES:
        assert country != "VN", key
        assert pycountry.countries.get(alpha_2=country) is not None, (key, country)


# --- dates and spells -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param([(r[0], r[1], r[2], r[3]) for r in demo_data.RELATIONSHIPS], id="relationships"),
        pytest.param([(m[0], m[1], m[2], m[3]) for m in demo_data.MEMBERSHIPS], id="memberships"),
    ],
)
def test_spells_are_well_formed_and_never_overlap(rows):
    spells = defaultdict(list)
    for key, unit, start, end in rows:
        assert _day(start).isoformat() == start, (key, start)
        if end is not None:
            assert _day(end).isoformat() == end, (key, end)
            assert _day(end) >= _day(start), (key, unit)
        spells[(key, unit)].append((_day(start), _day(end) if end else None))
    for pair, periods in spells.items():
        periods.sort()
        for (_s1, e1), (s2, _e2) in itertools.pairwise(periods):
            assert e1 is not None and e1 < s2, pair


def test_some_relationships_ended():
    ended = [r for r in demo_data.RELATIONSHIPS if r[3] is not None]
    assert len(ended) >= 3
    between = [r for r in ended if D1 <= r[3] < D2]
    assert len(between) >= 3
    # Those ended between the two dates were in countries that kept another active agency.
    for key, *_rest in between:
        assert AGENCY_BY_KEY[key][1] in countries(D2), key


def test_new_relationships_since_2021_include_a_new_country():
    started = [r for r in demo_data.RELATIONSHIPS if D1 < r[2] <= D2]
    assert len(started) >= 5
    new_countries = countries(D2) - countries(D1)
    assert new_countries
    for country in new_countries:
        assert any(AGENCY_BY_KEY[r[0]][1] == country for r in started), country


def test_status_changes_run_day_to_day():
    """A status change is one spell ending and the next starting the day after."""
    by_pair = defaultdict(list)
    for key, unit, start, end, status in demo_data.MEMBERSHIPS:
        by_pair[(key, unit)].append((_day(start), _day(end) if end else None, status))
    changes = 0
    for periods in by_pair.values():
        periods.sort()
        for (_s1, e1, status1), (s2, _e2, status2) in itertools.pairwise(periods):
            if e1 is not None and s2 == e1 + datetime.timedelta(days=1) and status1 != status2:
                changes += 1
    assert changes >= 2
