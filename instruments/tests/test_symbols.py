"""Document symbols (DESIGN.md section 5): parsing, validation, canonical text, search keys.

Pure Python, no database: runs with ``-p no:django``.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.text import fold
from instruments.symbols import (
    ISSUERS,
    TYPE_CODES,
    Symbol,
    SymbolError,
    find_symbol,
    normalize_symbol,
    parse_symbol,
    search_key,
)

# text → (number, year, type_code, issuer, party, canonical text)
VALID = [
    ("59-NQ/TW", (59, None, "NQ", "TW", True), "59-NQ/TW"),
    ("82-KL/TW", (82, None, "KL", "TW", True), "82-KL/TW"),
    ("50-CTr/ĐUCA", (50, None, "CTr", "ĐUCA", True), "50-CTr/ĐUCA"),
    ("36-HD/VPTW", (36, None, "HD", "VPTW", True), "36-HD/VPTW"),
    ("05-CT/TW", (5, None, "CT", "TW", True), "05-CT/TW"),
    ("153/NQ-CP", (153, None, "NQ", "CP", False), "153/NQ-CP"),
    ("06/2020/QĐ-TTg", (6, 2020, "QĐ", "TTg", False), "06/2020/QĐ-TTg"),
    ("30/2020/NĐ-CP", (30, 2020, "NĐ", "CP", False), "30/2020/NĐ-CP"),
    ("117/2025/QH15", (117, 2025, "", "QH15", False), "117/2025/QH15"),
    ("54/2021/TT-BCA", (54, 2021, "TT", "BCA", False), "54/2021/TT-BCA"),
    ("24/2020/TT-BCA", (24, 2020, "TT", "BCA", False), "24/2020/TT-BCA"),
    ("123/BCA-V03", (123, None, "", "BCA-V03", False), "123/BCA-V03"),
    ("12/QĐ-BCA-V03", (12, None, "QĐ", "BCA-V03", False), "12/QĐ-BCA-V03"),
    ("45/BNG-LS", (45, None, "", "BNG-LS", False), "45/BNG-LS"),
    ("15/2024/TT-BTP", (15, 2024, "TT", "BTP", False), "15/2024/TT-BTP"),
    # Labels and surrounding words
    ("Số: 59-NQ/TW", (59, None, "NQ", "TW", True), "59-NQ/TW"),
    ("Nghị quyết số 59-NQ/TW", (59, None, "NQ", "TW", True), "59-NQ/TW"),
    ("số 153/NQ-CP", (153, None, "NQ", "CP", False), "153/NQ-CP"),
    ("Luật số 117/2025/QH15.", (117, 2025, "", "QH15", False), "117/2025/QH15"),
    ("(Số:59-NQ/TW)", (59, None, "NQ", "TW", True), "59-NQ/TW"),
    ("Số59-NQ/TW", (59, None, "NQ", "TW", True), "59-NQ/TW"),
    # Whitespace around separators, other dashes and slashes
    ("59 - NQ / TW", (59, None, "NQ", "TW", True), "59-NQ/TW"),
    ("  30 / 2020 / NĐ - CP  ", (30, 2020, "NĐ", "CP", False), "30/2020/NĐ-CP"),
    ("59\u2013NQ\uff0fTW", (59, None, "NQ", "TW", True), "59-NQ/TW"),
    ("59\u00a0-\u00a0NQ/TW", (59, None, "NQ", "TW", True), "59-NQ/TW"),
    # Case
    ("50-ctr/đuca", (50, None, "CTr", "ĐUCA", True), "50-CTr/ĐUCA"),
    ("50-CTR/ĐUCA", (50, None, "CTr", "ĐUCA", True), "50-CTr/ĐUCA"),
    ("06/2020/qđ-ttg", (6, 2020, "QĐ", "TTg", False), "06/2020/QĐ-TTg"),
    ("117/2025/qh15", (117, 2025, "", "QH15", False), "117/2025/QH15"),
    ("123/bca-v03", (123, None, "", "BCA-V03", False), "123/BCA-V03"),
    # ASCII without diacritics, restored from the tables
    ("50-CTr/DUCA", (50, None, "CTr", "ĐUCA", True), "50-CTr/ĐUCA"),
    ("50-ctr/duca", (50, None, "CTr", "ĐUCA", True), "50-CTr/ĐUCA"),
    ("30/2020/ND-CP", (30, 2020, "NĐ", "CP", False), "30/2020/NĐ-CP"),
    ("06/2020/QD-TTG", (6, 2020, "QĐ", "TTg", False), "06/2020/QĐ-TTg"),
    # Leading zero below 10 (Decree 30/2020/NĐ-CP, Appendix I), no more than two digits
    ("5-CT/TW", (5, None, "CT", "TW", True), "05-CT/TW"),
    ("005-CT/TW", (5, None, "CT", "TW", True), "05-CT/TW"),
    ("99999/CP", (99999, None, "", "CP", False), "99999/CP"),
    # Unknown codes are kept, upper-cased
    ("12/XY-SNV", (12, None, "", "XY-SNV", False), "12/XY-SNV"),
    ("7-ab/cd", (7, None, "AB", "CD", True), "07-AB/CD"),
]


@pytest.mark.parametrize(("text", "fields", "canonical"), VALID)
def test_parse_symbol_reads_both_layouts(text, fields, canonical):
    """Every documented example parses into its parts and prints canonically."""
    symbol = parse_symbol(text)
    assert (symbol.number, symbol.year, symbol.type_code, symbol.issuer, symbol.party) == fields
    assert str(symbol) == canonical
    assert normalize_symbol(text) == canonical
    assert symbol.folded == fold(canonical)


INVALID = [
    ("NQ/TW", "No document number before the type"),
    ("-NQ/TW", "No document number before the type"),
    ("/NQ-CP", "No document number before the type"),
    ("59-/TW", "Missing type code between '-' and '/'"),
    ("abc", "Unknown layout; expected number-TYPE/ISSUER or number/TYPE-ISSUER"),
    ("Nghị quyết", "Unknown layout"),
    ("", "Empty document symbol"),
    ("   ", "Empty document symbol"),
    (None, "Empty document symbol"),
    ("59-NQ/", "Missing issuer after '/'"),
    ("59-NQ", "Missing '/' and issuer after the type"),
    ("0-NQ/TW", "Document number must be positive"),
    ("000/NQ-CP", "Document number must be positive"),
    ("123456-NQ/TW", "Document number 123456 has more than 5 digits"),
    ("30/1890/NĐ-CP", "Year 1890 is out of range"),
    ("30/2101/NĐ-CP", "Year 2101 is out of range"),
    ("30/20/NĐ-CP", "Expected a four-digit year between the two '/', got '20'"),
    ("30/2020", "Missing type and issuer after the year 2020"),
    ("30/2020/", "Missing type and issuer after the year 2020"),
    ("59", "Missing type and issuer after the number 59"),
    ("59NQ/TW", "Expected '-' or '/' after the number 59"),
    ("59/", "Missing type and issuer after '/'"),
    ("153/NQ", "Missing issuer after the type 'NQ'"),
    ("153/NQ-", "Missing issuer after the type 'NQ'"),
    ("153/-CP", "Missing type code between '/' and '-'"),
    ("153/NQ--CP", "Empty part in issuer '-CP'"),
    ("59-NQ/TW-", "Empty part in issuer 'TW-'"),
    ("59-NQ/TW/BCA", "Too many '/' for a Party symbol"),
    ("1/2/3/NQ-CP", "Too many '/'"),
    ("59-NQ-X/TW", "Type code 'NQ-X' must be made of letters and digits"),
    ("59-1NQ/TW", "Type code '1NQ' must start with a letter"),
    ("11/2", "Issuer '2' must start with a letter"),
    ("59_NQ/TW", "Unexpected character '_'"),
    ("59-NQ/TW ngày 11/2/2022", "More than one symbol-like part"),
]


@pytest.mark.parametrize(("text", "message"), INVALID)
def test_malformed_symbols_raise_symbol_error_saying_why(text, message):
    """Malformed input raises SymbolError (a ValueError) whose message names the problem."""
    with pytest.raises(SymbolError) as caught:
        parse_symbol(text)
    assert str(caught.value).startswith(message)
    assert isinstance(caught.value, ValueError)


def test_folded_is_diacritic_free_lower_case():
    """folded is fold(str()): what search compares with "DUCA" typed on any keyboard."""
    assert parse_symbol("50-CTr/ĐUCA").folded == "50-ctr/duca"
    assert parse_symbol("30/2020/NĐ-CP").folded == "30/2020/nd-cp"


@pytest.mark.parametrize(
    ("text", "name", "english"),
    [
        ("59-NQ/TW", "Nghị quyết", "Resolution"),
        ("82-KL/TW", "Kết luận", "Conclusion"),
        ("50-CTr/ĐUCA", "Chương trình", "Programme"),
        ("05-CT/TW", "Chỉ thị", "Directive"),
        ("30/2020/NĐ-CP", "Nghị định", "Decree"),
        ("54/2021/TT-BCA", "Thông tư", "Circular"),
        ("15-TT/TW", "Thông tri", "Instruction"),  # TT is a "thông tri" in Party documents
        ("117/2025/QH15", "Luật", "Law"),
        ("123/BCA-V03", "Công văn", "Official letter"),
        ("7-AB/CD", "", ""),
    ],
)
def test_type_names(text, name, english):
    """type_name is the Vietnamese name of the document type, "" when not known."""
    symbol = parse_symbol(text)
    assert symbol.type_name == name
    assert symbol.type_name_en == english


def test_issuer_names():
    """issuer_name names the first issuer segment, QH terms in Roman numerals."""
    assert parse_symbol("50-CTr/ĐUCA").issuer_name == "Đảng ủy Công an Trung ương"
    assert parse_symbol("123/BCA-V03").issuer_name == "Bộ Công an"
    assert parse_symbol("117/2025/QH15").issuer_name == "Quốc hội khóa XV"
    assert parse_symbol("12/XY-SNV").issuer_name == ""


def test_symbols_are_values():
    """Symbol is frozen and hashable; direct construction canonicalises like parse_symbol."""
    assert Symbol(5, None, "ct", "tw", True) == parse_symbol("05-CT/TW")
    assert Symbol(50, None, "ctr", "duca", True) == parse_symbol("50-CTr/ĐUCA")
    assert len({parse_symbol("59-NQ/TW"), parse_symbol("Số: 59 - nq / tw")}) == 1
    with pytest.raises(AttributeError):
        parse_symbol("59-NQ/TW").number = 60  # type: ignore[misc]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ((59, 2020, "NQ", "TW", True), "A Party symbol (number-TYPE/ISSUER) has no year"),
        ((59, None, "", "TW", True), "Missing type code in a Party symbol"),
        ((59, None, "NQ", "", False), "Missing issuer"),
        ((12, None, "", "NQ-CP", False), "Issuer 'NQ-CP' starts with the type code 'NQ'"),
        ((-1, None, "NQ", "TW", True), "Document number must be positive"),
        ((100000, None, "NQ", "TW", True), "Document number 100000 has more than 5 digits"),
    ],
)
def test_direct_construction_validates(fields, message):
    with pytest.raises(SymbolError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Symbol(*fields)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thực hiện Nghị quyết số 59-NQ/TW ngày 24/01/2025 của Bộ Chính trị về hội nhập", "59-NQ/TW"),
        (
            "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư",
            "30/2020/NĐ-CP",
        ),
        ("Theo Luật số 117/2025/QH15, ...", "117/2025/QH15"),
        ("Ngày 11/2/2022, Đảng ủy ban hành Chương trình 50-ctr/duca.", "50-CTr/ĐUCA"),
        ("căn cứ 30 / 2020 / ND - CP", "30/2020/NĐ-CP"),
        ("Công văn 123/BCA - Bộ trưởng đã ký", "123/BCA"),
        ("Công văn 123/BCA-V03 - gửi các đơn vị", "123/BCA-V03"),
        ("(xem 153/NQ-CP và 82-KL/TW)", "153/NQ-CP"),
        ("Điều 5/khoản 2 và 0-NQ/TW rồi 82-KL/TW", "82-KL/TW"),
    ],
)
def test_find_symbol_in_a_sentence(text, expected):
    """find_symbol returns the first valid symbol, skipping dates and invalid look-alikes."""
    found = find_symbol(text)
    assert found is not None
    assert str(found) == expected


@pytest.mark.parametrize(
    "text", ["", None, "không có số hiệu", "ngày 24/01/2025", "tỷ lệ 1/3", "Điều 5/khoản 2"]
)
def test_find_symbol_returns_none_without_a_symbol(text):
    assert find_symbol(text) is None


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("50-CTr/DUCA", "50-ctr/duca"),
        ("Số: 59 - nq / TW", "59-nq/tw"),
        ("5-ct/tw", "05-ct/tw"),
        ("ĐUCA", "duca"),
        ("NQ / TW", "nq/tw"),
        ("Nghị quyết", "nghi quyet"),
        ("", ""),
    ],
)
def test_search_key(text, key):
    """A parsable symbol gives its canonical folded text; anything else is folded as typed."""
    assert search_key(text) == key


def test_tables_are_consistent():
    """Known codes read back as themselves; no issuer can be mistaken for a type code."""
    for code in TYPE_CODES:
        assert str(parse_symbol(f"1-{code}/TW")).split("-", 1)[1] == f"{code}/TW"
    for code in ISSUERS:
        assert parse_symbol(f"1/NQ-{code}").issuer == code
    assert not {fold(code) for code in ISSUERS} & {fold(code) for code in TYPE_CODES}
    assert len({fold(code) for code in ISSUERS}) == len(ISSUERS)


def test_ascii_ambiguity_prefers_the_exact_spelling():
    """fold("HĐ") == fold("HD"): ASCII HD is Hướng dẫn, DA is Dự án; diacritics select HĐ, ĐA."""
    assert parse_symbol("36-hd/vptw").type_code == "HD"
    assert parse_symbol("36-hđ/vptw").type_code == "HĐ"
    assert parse_symbol("1/da-bca").type_code == "DA"
    assert parse_symbol("1/đa-bca").type_code == "ĐA"


# --- properties ---------------------------------------------------------------------------


def _fold_unique(codes):
    keys = [fold(code) for code in codes]
    return sorted(code for code in codes if keys.count(fold(code)) == 1)


TYPES = sorted(TYPE_CODES)
ASCII_SAFE_TYPES = _fold_unique(TYPE_CODES)  # without HĐ/HD, ĐA/DA
NAMED_ISSUERS = sorted(ISSUERS)

numbers = st.integers(min_value=1, max_value=99999)
years = st.one_of(st.none(), st.integers(min_value=1945, max_value=2100))
terms = st.integers(min_value=1, max_value=30).flatmap(
    lambda term: st.sampled_from([f"QH{term}", f"UBTVQH{term}"])
)
units = st.from_regex(r"[A-Z]{1,2}[0-9]{2}", fullmatch=True)


@st.composite
def issuers(draw):
    head = draw(st.one_of(st.sampled_from(NAMED_ISSUERS), terms))
    return "-".join([head, *draw(st.lists(units, max_size=2))])


@st.composite
def symbols(draw, types=TYPES):
    number = draw(numbers)
    layout = draw(st.sampled_from(["party", "state", "untyped"]))
    if layout == "party":
        return Symbol(number, None, draw(st.sampled_from(types)), draw(issuers()), True)
    type_code = draw(st.sampled_from(types)) if layout == "state" else ""
    return Symbol(number, draw(years), type_code, draw(issuers()), False)


@st.composite
def messy(draw, symbol, spaced_issuer=True):
    """The symbol as people type it: any case, spaces around separators, a label.

    spaced_issuer=False keeps the dashes inside the issuer ("BCA-V03") glued, as find_symbol
    needs them in running text ("59-NQ/TW - Bộ Chính trị" is not issuer "TW-BỘ").
    """
    text = str(symbol)
    layout, issuer = text[: -len(symbol.issuer)], symbol.issuer
    if spaced_issuer:
        layout, issuer = text, ""

    def space(part):
        part = "".join(ch.upper() if draw(st.booleans()) else ch.lower() for ch in part)
        return "".join(
            draw(st.sampled_from([ch, f" {ch} ", f"{ch} ", f" {ch}"])) if ch in "-/" else ch for ch in part
        )

    text = space(layout) + "".join(ch.upper() if draw(st.booleans()) else ch.lower() for ch in issuer)
    label = draw(st.sampled_from(["", "Số: ", "số ", "Nghị quyết số ", "  "]))
    return f"{label}{text}{draw(st.sampled_from(['', '.', ' ', ',']))}"


@given(symbols())
def test_str_round_trips(symbol):
    assert parse_symbol(str(symbol)) == symbol
    assert normalize_symbol(str(symbol)) == str(symbol)


@given(symbols(types=ASCII_SAFE_TYPES))
def test_diacritic_free_input_round_trips(symbol):
    """What a user types without Vietnamese keyboard reads back to the canonical symbol."""
    assert str(parse_symbol(fold(str(symbol)))) == str(symbol)
    assert search_key(fold(str(symbol))) == symbol.folded


@given(symbols().flatmap(lambda symbol: st.tuples(st.just(symbol), messy(symbol))))
def test_normalize_is_idempotent_on_messy_input(pair):
    symbol, text = pair
    once = normalize_symbol(text)
    assert once == str(symbol)
    assert normalize_symbol(once) == once


@given(symbols().flatmap(lambda symbol: st.tuples(st.just(symbol), messy(symbol, spaced_issuer=False))))
def test_find_symbol_finds_messy_symbols_in_running_text(pair):
    symbol, text = pair
    assert find_symbol(f"Căn cứ {text} ngày 01/01/2025 - Bộ Công an") == symbol


SYMBOLISH = st.text(alphabet="0123456789-/ NQTWCPđĐqhxHĐ:số.,\u2013\u00a0", max_size=30)


@settings(max_examples=300)
@given(st.one_of(st.text(), SYMBOLISH))
def test_arbitrary_text_raises_only_symbol_error(text):
    """Anything parses into a stable canonical symbol or raises SymbolError; nothing else."""
    try:
        symbol = parse_symbol(text)
    except SymbolError:
        pass
    else:
        assert parse_symbol(str(symbol)) == symbol
        assert normalize_symbol(normalize_symbol(text)) == normalize_symbol(text)
    found = find_symbol(text)
    assert found is None or parse_symbol(str(found)) == found
    assert isinstance(search_key(text), str)
