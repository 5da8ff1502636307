"""The instruments demo data reproduces the seeds and holds together, checked without a database.

Plain functions over ``instruments.demo_data`` and ``partners.demo_data``. The counting rule is the
application's: an instrument counts as signed on day D when signed_on is not None and
signed_on <= D, whatever its later status.
"""

from __future__ import annotations

import ast
import datetime
import inspect
import re
from collections import Counter, defaultdict
from collections.abc import Iterator

import pycountry
import pytest

from instruments import demo_data
from instruments.symbols import parse_symbol
from partners import demo_data as partners_data

D1 = "2021-12-14"  # seed 001: "150 văn bản hợp tác"
AS_OF = datetime.date(2026, 11, 28)  # the demo's statuses are as of this day
CONVENTION_SIGNING = "2025-10-25"  # seed 000 and DESIGN.md section 8

# The choices of instruments/choices.py.
DIRECTIVE_KINDS = {"resolution", "conclusion", "programme", "plan", "directive", "decision", "other"}
ITEM_KINDS = {"section", "viewpoint", "task_group", "task", "other"}
INSTRUMENT_TYPES = {"treaty", "agreement", "mou", "cooperation_plan", "joint_statement", "other"}
LEVELS = {"state", "government", "ministry", "unit"}
STATUSES = {"drafting", "negotiating", "signed", "in_force", "expired", "terminated", "superseded"}
CLASSIFICATION_ORDER = ["thuong", "mat", "toi_mat", "tuyet_mat"]
ALLOWED_CLASSIFICATIONS = {"thuong", "mat", "toi_mat"}  # nothing behind a headline figure above toi_mat

AGENCY_BY_KEY = {row[0]: row for row in partners_data.AGENCIES}
BODY_BY_KEY = {row[0]: row for row in partners_data.BODIES}
PROVINCE_UNITS = {row[1] for row in partners_data.RELATIONSHIPS if row[1].startswith("CA-")}
UNITS = {"BCA", "CDN", "CSHS", "CSMT", "ANM", "XNC", "CSKT"} | PROVINCE_UNITS

INSTRUMENTS = demo_data.INSTRUMENTS
DIRECTIVES = demo_data.DIRECTIVES
INSTRUMENT_BY_KEY = {i["key"]: i for i in INSTRUMENTS}
DIRECTIVE_BY_KEY = {d["key"]: d for d in DIRECTIVES}

ROMAN = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X)$")
ITEM_NUMBER = re.compile(r"^(\d+|\d+\.\d+|[a-zđ])$")


def _day(value: str | None) -> datetime.date | None:
    return None if value is None else datetime.date.fromisoformat(value)


def signed_by(day: str) -> list[dict]:
    """Instruments signed on or before the day, whatever their status now."""
    return [i for i in INSTRUMENTS if i["signed_on"] is not None and _day(i["signed_on"]) <= _day(day)]


def walk(items: list[dict], depth: int = 0) -> Iterator[tuple[int, dict]]:
    for item in items:
        yield depth, item
        yield from walk(item["children"], depth + 1)


def of_kind(directive: dict, kind: str) -> list[dict]:
    return [item for _depth, item in walk(directive["items"]) if item["kind"] == kind]


def party_key(party: dict) -> tuple[str, str]:
    ((kind, key),) = party.items()
    return kind, key


def is_country(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None


# --- The seeds' figures -------------------------------------------------------------------


def test_exactly_150_instruments_signed_by_14_december_2021():
    assert demo_data.COUNT_DATE == D1
    assert demo_data.COUNT_AT_DATE == 150
    assert len(signed_by(D1)) == 150


def test_the_count_date_is_inclusive():
    on_the_day = [i for i in INSTRUMENTS if i["signed_on"] == D1]
    day_after = [i for i in INSTRUMENTS if i["signed_on"] == "2021-12-15"]
    assert on_the_day and day_after
    assert len(signed_by("2021-12-13")) == 150 - len(on_the_day)


def test_instruments_after_the_count_date_and_pending_ones():
    later = [i for i in INSTRUMENTS if i["signed_on"] is not None and i["signed_on"] > D1]
    non_convention = [i for i in later if i["key"] != demo_data.CONVENTION_KEY]
    assert 10 <= len(non_convention) <= 15
    assert max(i["signed_on"] for i in later) <= "2026-12-31"
    pending = [i for i in INSTRUMENTS if i["signed_on"] is None]
    assert {i["status"] for i in pending} == {"drafting", "negotiating"}
    assert len(pending) >= 3
    # "trên 150" later (seed 002): the count keeps rising after the count date.
    assert len(signed_by("2022-12-31")) > 150


def test_un_convention_against_cybercrime_signed_by_72_states_in_ha_noi():
    convention = INSTRUMENT_BY_KEY[demo_data.CONVENTION_KEY]
    assert convention["title"] == "Công ước của Liên hợp quốc về chống tội phạm mạng"
    assert convention["multilateral"] is True
    assert convention["type"] == "treaty"
    assert convention["level"] == "state"
    assert convention["signed_on"] == CONVENTION_SIGNING
    assert convention["place"] == "Hà Nội"
    assert convention["status"] == "signed"
    assert convention["in_force_on"] is None
    assert convention["parties"] == [{"body": "un"}]
    actions = convention["party_actions"]
    countries = [a["country"] for a in actions]
    assert len(actions) == 72
    assert len(set(countries)) == 72
    assert "VN" in countries
    assert all(is_country(code) for code in countries)
    assert all(a["signed_on"] == CONVENTION_SIGNING for a in actions)
    assert all(a["ratified_on"] is None and a["acceded_on"] is None for a in actions)


# --- Directives ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "symbol", "kind", "issuer", "issued_on", "implements"),
    [
        ("59-nq-tw", "59-NQ/TW", "resolution", "Bộ Chính trị", "2025-01-24", []),
        ("82-kl-tw", "82-KL/TW", "conclusion", "Bộ Chính trị", "2024-06-07", []),
        ("153-nq-cp", "153/NQ-CP", "resolution", "Chính phủ", "2025-05-31", ["59-nq-tw"]),
        (
            "50-ctr-duca",
            "50-CTr/ĐUCA",
            "programme",
            "Đảng ủy Công an Trung ương",
            "2025-04-21",
            ["59-nq-tw", "82-kl-tw"],
        ),
    ],
)
def test_seed_directives(key, symbol, kind, issuer, issued_on, implements):
    directive = DIRECTIVE_BY_KEY[key]
    assert directive["symbol"] == symbol
    assert directive["kind"] == kind
    assert directive["issuer"] == issuer
    assert directive["issued_on"] == issued_on
    assert directive["implements"] == implements


def test_59_nq_tw_title():
    assert DIRECTIVE_BY_KEY["59-nq-tw"]["title"] == "Nghị quyết về hội nhập quốc tế trong tình hình mới"


def test_directive_keys_and_symbols_are_unique():
    assert len(DIRECTIVE_BY_KEY) == len(DIRECTIVES)
    assert len({d["symbol"] for d in DIRECTIVES}) == len(DIRECTIVES)


def test_directive_symbols_parse_and_are_canonical():
    for directive in DIRECTIVES:
        assert str(parse_symbol(directive["symbol"])) == directive["symbol"]


def test_directives_come_after_the_ones_they_implement():
    # The demo loader links each directive to those already loaded.
    position = {d["key"]: n for n, d in enumerate(DIRECTIVES)}
    for directive in DIRECTIVES:
        for target in directive["implements"]:
            assert position[target] < position[directive["key"]], (directive["key"], target)


def test_implements_links_resolve_point_back_in_time_and_have_no_cycle():
    for directive in DIRECTIVES:
        for target in directive["implements"]:
            assert target in DIRECTIVE_BY_KEY, (directive["key"], target)
            assert target != directive["key"]
            assert DIRECTIVE_BY_KEY[target]["issued_on"] <= directive["issued_on"]

    state: dict[str, str] = {}

    def visit(key: str) -> None:
        assert state.get(key) != "visiting", f"cycle through {key}"
        if state.get(key) == "done":
            return
        state[key] = "visiting"
        for target in DIRECTIVE_BY_KEY[key]["implements"]:
            visit(target)
        state[key] = "done"

    for key in DIRECTIVE_BY_KEY:
        visit(key)


def test_153_nq_cp_has_5_viewpoints_and_7_task_groups():
    directive = DIRECTIVE_BY_KEY["153-nq-cp"]
    viewpoints = of_kind(directive, "viewpoint")
    groups = of_kind(directive, "task_group")
    assert [v["number"] for v in viewpoints] == ["1", "2", "3", "4", "5"]
    assert [g["number"] for g in groups] == ["1", "2", "3", "4", "5", "6", "7"]
    for group in groups:
        assert 2 <= len(group["children"]) <= 4, group["number"]
        assert all(child["kind"] == "task" for child in group["children"])


def test_50_ctr_duca_has_8_task_groups_of_concrete_tasks_for_police_units():
    directive = DIRECTIVE_BY_KEY["50-ctr-duca"]
    groups = of_kind(directive, "task_group")
    assert [g["number"] for g in groups] == [str(n) for n in range(1, 9)]
    for group in groups:
        assert 2 <= len(group["children"]) <= 4, group["number"]
        for task in group["children"]:
            assert task["kind"] == "task"
            assert task["number"].startswith(group["number"] + ".")
            assert task.get("lead") in UNITS
    texts = [t["text"] for t in of_kind(directive, "task")]
    assert any("Cục Đối ngoại" in text for text in texts)
    assert any("Công an các tỉnh" in text for text in texts)
    # The browser test walks from 59-NQ/TW down to this kind of task.
    assert any("cơ quan thực thi pháp luật nước ngoài" in text for text in texts)


def test_directive_item_trees_are_well_formed():
    for directive in DIRECTIVES:
        assert directive["kind"] in DIRECTIVE_KINDS
        assert directive["classification"] in ALLOWED_CLASSIFICATIONS
        assert directive["unit"] in UNITS
        assert directive["title"] and directive["title_en"] and directive["summary"]
        for item in directive["items"]:
            assert item["kind"] == "section"
            assert ROMAN.match(item["number"]), (directive["key"], item["number"])
        for depth, item in walk(directive["items"]):
            assert item["kind"] in ITEM_KINDS
            assert item["text"].strip()
            assert isinstance(item["children"], list)
            if depth:
                assert item["kind"] != "section"
                assert ITEM_NUMBER.match(item["number"]), (directive["key"], item["number"])
            numbers = [child["number"] for child in item["children"]]
            assert len(numbers) == len(set(numbers)), (directive["key"], item["number"])
            if item["kind"] == "task_group":
                assert item["children"], (directive["key"], item["number"])
            if item["kind"] in ("task", "viewpoint"):
                assert not item["children"]
            for unit in [item.get("lead"), *item.get("support", [])]:
                assert unit is None or unit in UNITS, unit
            if "due" in item:
                assert _day(item["due"]) >= _day(directive["issued_on"])
        top_numbers = [item["number"] for item in directive["items"]]
        assert len(top_numbers) == len(set(top_numbers))


def test_directive_signers_are_officials_named_in_the_seeds_or_empty():
    assert {d["signer"] for d in DIRECTIVES} <= {"", "Tô Lâm", "Lương Tam Quang", "Phạm Minh Chính"}


# --- Instruments: shape and references -----------------------------------------------------


def test_instrument_keys_are_unique():
    assert len(INSTRUMENT_BY_KEY) == len(INSTRUMENTS)


def test_instrument_enums():
    for i in INSTRUMENTS:
        assert i["type"] in INSTRUMENT_TYPES, i["key"]
        assert i["level"] in LEVELS, i["key"]
        assert i["status"] in STATUSES, i["key"]
        assert i["classification"] in CLASSIFICATION_ORDER, i["key"]
        assert isinstance(i["multilateral"], bool)
        assert i["title"].strip() and i["title_en"].strip()


def test_parties_resolve_against_the_partner_registry():
    for i in INSTRUMENTS:
        assert i["parties"], i["key"]
        for party in i["parties"]:
            kind, key = party_key(party)
            if kind == "agency":
                assert key in AGENCY_BY_KEY, (i["key"], key)
            elif kind == "body":
                assert key in BODY_BY_KEY, (i["key"], key)
            else:
                assert kind == "country" and is_country(key) and key != "VN", (i["key"], key)
        if i["level"] in ("state", "government") and not i["multilateral"]:
            assert [party_key(p)[0] for p in i["parties"]] == ["country"], i["key"]


def test_units_are_known():
    assert {i["unit"] for i in INSTRUMENTS} <= UNITS
    assert set(demo_data.UNIT_CODES) <= UNITS


def test_instrument_titles_are_unique():
    # The demo loader recognises an instrument already loaded by its title.
    titles = Counter(i["title"] for i in INSTRUMENTS)
    assert titles.most_common(1)[0][1] == 1, titles.most_common(1)


def test_instrument_titles_are_unique_per_partner():
    titles: dict[tuple[str, str], list[str]] = defaultdict(list)
    for i in INSTRUMENTS:
        for party in i["parties"]:
            titles[party_key(party)].append(i["title"])
    for partner, names in titles.items():
        assert len(names) == len(set(names)), (partner, Counter(names).most_common(1))


def test_classification_never_above_toi_mat_nearly_all_thuong():
    levels = Counter(i["classification"] for i in INSTRUMENTS)
    assert set(levels) <= ALLOWED_CLASSIFICATIONS
    assert 1 <= levels["mat"] <= 10
    assert levels["thuong"] >= 0.9 * len(INSTRUMENTS)


# --- Instruments: dates and statuses --------------------------------------------------------


def test_dates_are_coherent_with_each_other_and_with_the_status():
    for i in INSTRUMENTS:
        started, signed = _day(i["negotiation_started_on"]), _day(i["signed_on"])
        in_force, expires, ended = _day(i["in_force_on"]), _day(i["expires_on"]), _day(i["ended_on"])
        status, key = i["status"], i["key"]
        chain = [d for d in (started, signed, in_force, expires) if d is not None]
        assert chain == sorted(chain), key
        if ended is not None:
            assert in_force is not None and in_force <= ended, key
            assert expires is None or ended <= expires, key
        assert (ended is not None) == (status in ("terminated", "superseded")), key
        assert all(d <= datetime.date(2030, 12, 31) for d in chain), key
        if signed:
            assert datetime.date(1990, 1, 1) <= signed <= AS_OF, key
        if status in ("drafting", "negotiating"):
            assert signed is None and in_force is None and expires is None, key
        else:
            assert signed is not None, key
        if status == "negotiating":
            assert started is not None, key
        if status == "signed":
            assert signed is not None and in_force is None and expires is None, key
        if status == "in_force":
            assert signed is not None and in_force is not None and in_force <= AS_OF, key
            assert expires is None or expires >= AS_OF, key
        if status == "expired":
            assert in_force is not None and expires is not None and expires < AS_OF, key
        if status in ("terminated", "superseded"):
            assert ended < AS_OF, key
        if i["signed_on"] is not None and i["signed_on"] <= D1:
            assert signed.year >= 1990, key


def test_superseded_instruments_are_replaced_by_a_later_one_with_the_same_partner():
    superseded = [i for i in INSTRUMENTS if i["status"] == "superseded"]
    assert superseded
    for old in superseded:
        new = INSTRUMENT_BY_KEY[old["superseded_by"]]
        assert new["parties"] == old["parties"], old["key"]
        assert new["signed_on"] > old["signed_on"]
        assert _day(old["ended_on"]) < _day(new["in_force_on"])
    for i in INSTRUMENTS:
        if i["status"] != "superseded":
            assert i["superseded_by"] is None, i["key"]


def test_a_mix_of_statuses_among_the_150():
    statuses = Counter(i["status"] for i in signed_by(D1))
    assert statuses["in_force"] > 100
    assert statuses["expired"] >= 3
    assert 1 <= statuses["terminated"] <= 8
    assert 1 <= statuses["superseded"] <= 8


def test_agency_instruments_fit_the_partner_relationships():
    spells = defaultdict(list)
    for agency, unit, start, end, _level, _channels in partners_data.RELATIONSHIPS:
        spells[agency].append((unit, _day(start), _day(end)))
    for i in INSTRUMENTS:
        for party in i["parties"]:
            kind, agency = party_key(party)
            if kind != "agency":
                continue
            held = spells[agency]
            assert held, (i["key"], agency)
            # The unit that holds the instrument holds the relationship (BCA and CDN both speak
            # for the Ministry).
            units = {unit for unit, _start, _end in held}
            assert i["unit"] in units or (i["unit"] in ("BCA", "CDN") and units & {"BCA", "CDN"}), i["key"]
            if i["signed_on"]:
                assert min(start for _unit, start, _end in held) <= _day(i["signed_on"]), i["key"]
            if i["status"] == "in_force":
                assert any(end is None for _unit, _start, end in held), i["key"]


# --- Instruments: spread and content --------------------------------------------------------


def test_the_150_are_spread_across_partners_types_and_levels():
    first = signed_by(D1)
    partners = {party_key(p) for i in first for p in i["parties"]}
    agencies = {key for kind, key in partners if kind == "agency"}
    countries = {AGENCY_BY_KEY[key][1] for key in agencies} | {
        key for kind, key in partners if kind == "country"
    }
    assert len(agencies) >= 80
    assert len(countries) >= 40
    assert {"interpol", "unodc", "asean"} <= {key for kind, key in partners if kind == "body"}
    assert {"KR", "IN", "AU", "GB"} <= {key for kind, key in partners if kind == "country"}
    assert {i["type"] for i in first} == INSTRUMENT_TYPES
    assert {i["level"] for i in first} == LEVELS
    assert min(i["signed_on"] for i in first) < "2000-01-01"
    # Provincial police hold instruments with their counterparts across the border.
    assert any(i["unit"] == "CA-QUANG-NINH" for i in first)


def test_clauses_on_a_few_instruments():
    with_clauses = [i for i in INSTRUMENTS if i["clauses"]]
    assert 3 <= len(with_clauses) <= 10
    for i in with_clauses:
        numbers = [c["number"] for c in i["clauses"]]
        assert len(numbers) == len(set(numbers)), i["key"]
        for clause in i["clauses"]:
            assert re.match(r"^Điều \d+$", clause["number"])
            assert clause["text"].strip()
            assert isinstance(clause["creates_obligation"], bool)
        assert any(c["creates_obligation"] for c in i["clauses"]), i["key"]


def test_party_actions_only_on_multilateral_instruments():
    for i in INSTRUMENTS:
        if i["party_actions"]:
            assert i["multilateral"], i["key"]
        if i["multilateral"]:
            assert i["level"] in ("state", "government")
            assert all(party_key(p)[0] == "body" for p in i["parties"]), i["key"]


def test_the_module_is_plain_python_without_django():
    tree = ast.parse(inspect.getsource(demo_data))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported <= {"__future__", "partners"}
