"""Vietnamese document symbols (số, ký hiệu văn bản), DESIGN.md section 5.

Two layouts are in use:

* Party documents, ``number-TYPE/ISSUER``: ``59-NQ/TW``, ``50-CTr/ĐUCA``, ``36-HD/VPTW``.
* State documents, ``number/TYPE-ISSUER``: ``153/NQ-CP``; legal normative documents carry the
  year, ``30/2020/NĐ-CP``; laws and other National Assembly acts have no type,
  ``117/2025/QH15``; official letters (công văn) have no type either, ``123/BCA-V03``.

``parse_symbol`` reads a symbol (with an optional label such as "Số:" or "Nghị quyết số"),
validates it and returns a :class:`Symbol` whose ``str()`` is the canonical text: numbers
below 10 get a leading zero (Decree 30/2020/NĐ-CP, Appendix I), known type codes and
issuers get their canonical spelling ("ctr" → "CTr", "DUCA" → "ĐUCA"), anything else is
upper-cased. Pure Python: no Django imports, so forms, importers and the API can share it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from core.text import fold

__all__ = [
    "ISSUERS",
    "MAX_YEAR",
    "MIN_YEAR",
    "TYPE_CODES",
    "Symbol",
    "SymbolError",
    "find_symbol",
    "normalize_symbol",
    "parse_symbol",
    "search_key",
]

MIN_YEAR = 1945
MAX_YEAR = 2100
MAX_DIGITS = 5

# Canonical type code → (Vietnamese name, English name). Decree 30/2020/NĐ-CP Appendix III
# (administrative documents), the Law on promulgation of legal documents (NĐ, TT, TTLT…)
# and the Party's Guidance 36-HD/VPTW (KL, QĐi, CV…).
TYPE_CODES: dict[str, tuple[str, str]] = {
    "NQ": ("Nghị quyết", "Resolution"),
    "QĐ": ("Quyết định", "Decision"),
    "QĐi": ("Quy định", "Regulation"),
    "QyĐ": ("Quy định", "Regulation"),
    "QC": ("Quy chế", "Rules"),
    "CT": ("Chỉ thị", "Directive"),
    "KL": ("Kết luận", "Conclusion"),
    "CTr": ("Chương trình", "Programme"),
    "KH": ("Kế hoạch", "Plan"),
    "HD": ("Hướng dẫn", "Guidance"),
    "TB": ("Thông báo", "Notice"),
    "TC": ("Thông cáo", "Communiqué"),
    "BC": ("Báo cáo", "Report"),
    "BB": ("Biên bản", "Minutes"),
    "TTr": ("Tờ trình", "Submission"),
    "PA": ("Phương án", "Option plan"),
    "ĐA": ("Đề án", "Scheme"),
    "DA": ("Dự án", "Project"),
    "HĐ": ("Hợp đồng", "Contract"),
    "CĐ": ("Công điện", "Official telegram"),
    "CV": ("Công văn", "Official letter"),
    "BGN": ("Bản ghi nhớ", "Memorandum of understanding"),
    "BTT": ("Bản thỏa thuận", "Agreement"),
    "GUQ": ("Giấy ủy quyền", "Power of attorney"),
    "GM": ("Giấy mời", "Invitation"),
    "GGT": ("Giấy giới thiệu", "Letter of introduction"),
    "GNP": ("Giấy nghỉ phép", "Leave permit"),
    "PG": ("Phiếu gửi", "Dispatch slip"),
    "PC": ("Phiếu chuyển", "Transfer slip"),
    "PB": ("Phiếu báo", "Notification slip"),
    "NĐ": ("Nghị định", "Decree"),
    "TT": ("Thông tư", "Circular"),
    "TTLT": ("Thông tư liên tịch", "Joint circular"),
    "NQLT": ("Nghị quyết liên tịch", "Joint resolution"),
    "L": ("Lệnh", "Order"),
}

# Names that differ in Party documents (Guidance 36-HD/VPTW): TT is a "thông tri" there.
_PARTY_TYPE_NAMES: dict[str, tuple[str, str]] = {
    "TT": ("Thông tri", "Instruction"),
}

_LAW = ("Luật", "Law")
_LETTER = TYPE_CODES["CV"]

# Canonical issuer code → Vietnamese name. Only the first segment of an issuer is looked up
# for the name ("BCA-V03" is a unit of the Bộ Công an); every segment is canonicalised.
# "QH<n>" and "UBTVQH<n>" (term number) are recognised by pattern, not listed.
ISSUERS: dict[str, str] = {
    # Party
    "TW": "Ban Chấp hành Trung ương",
    "VPTW": "Văn phòng Trung ương Đảng",
    "BTCTW": "Ban Tổ chức Trung ương",
    "BTGTW": "Ban Tuyên giáo Trung ương",
    "BTGDVTW": "Ban Tuyên giáo và Dân vận Trung ương",
    "BDVTW": "Ban Dân vận Trung ương",
    "BNCTW": "Ban Nội chính Trung ương",
    "BĐNTW": "Ban Đối ngoại Trung ương",
    "UBKTTW": "Ủy ban Kiểm tra Trung ương",
    "QUTW": "Quân ủy Trung ương",
    "ĐUCA": "Đảng ủy Công an Trung ương",
    "ĐUCP": "Đảng ủy Chính phủ",
    "ĐUQH": "Đảng ủy Quốc hội",
    "TU": "Tỉnh ủy",
    "HU": "Huyện ủy",
    "ĐU": "Đảng ủy",
    # State
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "VPCP": "Văn phòng Chính phủ",
    "CTN": "Chủ tịch nước",
    "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng",
    "BNG": "Bộ Ngoại giao",
    "BTP": "Bộ Tư pháp",
    "BTC": "Bộ Tài chính",
    "BNV": "Bộ Nội vụ",
    "BYT": "Bộ Y tế",
    "BXD": "Bộ Xây dựng",
    "BCT": "Bộ Công Thương",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BKHCN": "Bộ Khoa học và Công nghệ",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "BNNMT": "Bộ Nông nghiệp và Môi trường",
    "BDTTG": "Bộ Dân tộc và Tôn giáo",
    "NHNN": "Ngân hàng Nhà nước Việt Nam",
    "TTCP": "Thanh tra Chính phủ",
    "KTNN": "Kiểm toán nhà nước",
    "TANDTC": "Tòa án nhân dân tối cao",
    "VKSNDTC": "Viện kiểm sát nhân dân tối cao",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "BCĐ": "Ban Chỉ đạo",
}

_TERM_ISSUER = re.compile(r"(qh|ubtvqh)([0-9]{1,3})")
_TERM_NAMES = {"qh": "Quốc hội", "ubtvqh": "Ủy ban Thường vụ Quốc hội"}


def _lookup(codes: object) -> tuple[dict[str, str], dict[str, str]]:
    """Two maps to canonical codes: by case-folded text, and by fold() where unambiguous.

    fold("HĐ") == fold("HD"): ASCII input "HD" means the code spelt "HD" exactly (exact
    matches win), and a folded key shared by two codes is not used at all.
    """
    exact = {code.casefold(): code for code in codes}
    by_fold: dict[str, list[str]] = {}
    for code in codes:
        by_fold.setdefault(fold(code), []).append(code)
    folded = {key: found[0] for key, found in by_fold.items() if len(found) == 1}
    return exact, folded


_TYPE_EXACT, _TYPE_FOLDED = _lookup(TYPE_CODES)
_ISSUER_EXACT, _ISSUER_FOLDED = _lookup(ISSUERS)


class SymbolError(ValueError):
    """A document symbol that cannot be read; the message (English) says what is wrong."""


def _known_type(code: str) -> str | None:
    return _TYPE_EXACT.get(code.casefold()) or _TYPE_FOLDED.get(fold(code))


def _known_issuer(segment: str) -> str | None:
    term = _TERM_ISSUER.fullmatch(segment.casefold())
    if term:
        return f"{term.group(1).upper()}{int(term.group(2))}"
    return _ISSUER_EXACT.get(segment.casefold()) or _ISSUER_FOLDED.get(fold(segment))


def _upper(code: str) -> str:
    return unicodedata.normalize("NFC", code.upper())


def _check_code(code: str, what: str) -> None:
    if not code:
        raise SymbolError(f"Missing {what.lower()}")
    for ch in code:
        if not ch.isalnum():
            raise SymbolError(f"{what} {code!r} must be made of letters and digits, not {ch!r}")
    if not code[0].isalpha():
        raise SymbolError(f"{what} {code!r} must start with a letter")


@dataclass(frozen=True)
class Symbol:
    """A parsed document symbol. Built by parse_symbol(); direct construction validates and
    canonicalises the same way, so ``Symbol(5, None, "ct", "tw", True) == parse_symbol("05-CT/TW")``.
    """

    number: int  # 59
    year: int | None  # 2020 for 30/2020/NĐ-CP, else None
    type_code: str  # canonical, "NQ", "CTr", "NĐ"; "" when none (laws, công văn)
    issuer: str  # canonical, "TW", "ĐUCA", "CP", "BCA-V03", "QH15"
    party: bool  # True for number-TYPE/ISSUER (Party documents)

    def __post_init__(self) -> None:
        if isinstance(self.number, bool) or not isinstance(self.number, int):
            raise TypeError(f"number must be an int, not {type(self.number).__name__}")
        if self.year is not None and (isinstance(self.year, bool) or not isinstance(self.year, int)):
            raise TypeError(f"year must be an int or None, not {type(self.year).__name__}")
        if not isinstance(self.type_code, str) or not isinstance(self.issuer, str):
            raise TypeError("type_code and issuer must be strings")
        if self.number <= 0:
            raise SymbolError("Document number must be positive")
        if self.number >= 10**MAX_DIGITS:
            raise SymbolError(f"Document number {self.number} has more than {MAX_DIGITS} digits")
        if self.year is not None and not MIN_YEAR <= self.year <= MAX_YEAR:
            raise SymbolError(f"Year {self.year} is out of range ({MIN_YEAR}-{MAX_YEAR})")
        if self.party and self.year is not None:
            raise SymbolError("A Party symbol (number-TYPE/ISSUER) has no year")
        if self.party and not self.type_code:
            raise SymbolError("Missing type code in a Party symbol (number-TYPE/ISSUER)")

        type_code = ""
        if self.type_code:
            type_code = _known_type(self.type_code) or _upper(self.type_code)
            _check_code(type_code, "Type code")
        if not self.issuer:
            raise SymbolError("Missing issuer")
        segments = []
        for segment in self.issuer.split("-"):
            if not segment:
                raise SymbolError(f"Empty part in issuer {self.issuer!r}")
            segment = _known_issuer(segment) or _upper(segment)
            _check_code(segment, "Issuer")
            segments.append(segment)
        if not type_code and _known_type(segments[0]):
            # "123/NQ-CP" would read back as type NQ, issuer CP.
            raise SymbolError(f"Issuer {self.issuer!r} starts with the type code {segments[0]!r}")
        object.__setattr__(self, "type_code", type_code)
        object.__setattr__(self, "issuer", "-".join(segments))

    def __str__(self) -> str:
        number = f"{self.number:02d}"
        if self.party:
            return f"{number}-{self.type_code}/{self.issuer}"
        year = f"{self.year}/" if self.year is not None else ""
        type_code = f"{self.type_code}-" if self.type_code else ""
        return f"{number}/{year}{type_code}{self.issuer}"

    @property
    def folded(self) -> str:
        """Diacritic-free lower-case text for search: "50-ctr/duca"."""
        return fold(str(self))

    def _names(self) -> tuple[str, str]:
        if self.type_code:
            if self.party and self.type_code in _PARTY_TYPE_NAMES:
                return _PARTY_TYPE_NAMES[self.type_code]
            return TYPE_CODES.get(self.type_code, ("", ""))
        if _TERM_ISSUER.fullmatch(self.issuer.split("-")[0].casefold()):
            return _LAW
        if self.year is None:
            return _LETTER
        return ("", "")

    @property
    def type_name(self) -> str:
        """Vietnamese name of the type ("Nghị quyết"), "Luật" for "117/2025/QH15", "Công văn"
        for a state symbol without type or year ("123/BCA-V03"), "" when unknown."""
        return self._names()[0]

    @property
    def type_name_en(self) -> str:
        """English name of the type ("Resolution"), "" when unknown."""
        return self._names()[1]

    @property
    def issuer_name(self) -> str:
        """Vietnamese name of the issuing body (first issuer segment), "" when unknown."""
        head = self.issuer.split("-")[0]
        term = _TERM_ISSUER.fullmatch(head.casefold())
        if term:
            return f"{_TERM_NAMES[term.group(1)]} khóa {_roman(int(term.group(2)))}"
        return ISSUERS.get(head, "")


def _roman(value: int) -> str:
    if not 0 < value < 4000:
        return str(value)
    out = []
    for arabic, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, value = divmod(value, arabic)
        out.append(letters * count)
    return "".join(out)


# --- reading text -------------------------------------------------------------------------

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_SLASHES = dict.fromkeys(map(ord, "\u2044\u2215\uff0f"), "/")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_AROUND_SEPARATOR = re.compile(r"\s*([-/])\s*")
# Label and sentence punctuation: never part of a symbol.
_TOKEN_SPLIT = re.compile(r"[\s:;,.!?()\[\]{}<>\"'“”‘’«»]+")
_DIGITS = re.compile(r"[0-9]+")
_LABEL_GLUED = re.compile(r"^(?:số|so|no)(?=[0-9])", re.IGNORECASE)

_UNKNOWN_LAYOUT = "Unknown layout; expected number-TYPE/ISSUER or number/TYPE-ISSUER"


def _prepare(text: object) -> str:
    """NFC, one kind of dash and slash, no invisible characters, trimmed."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFC", str(text))
    return value.translate(_DASHES).translate(_SLASHES).translate(_INVISIBLE).strip()


def _compact(text: str) -> str:
    """Drop spaces around separators: '59 - NQ / TW' → '59-NQ/TW'."""
    return _AROUND_SEPARATOR.sub(r"\1", text)


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else f"{text[:limit]}…")


def parse_symbol(text: str) -> Symbol:
    """Read one document symbol, optionally labelled ("Số: 59-NQ/TW", "Nghị quyết số 59-NQ/TW").

    Words without digits or "/" around the symbol are ignored; text holding two symbol-like
    parts (a symbol and a date, say) is refused: use find_symbol() for running text.
    Raises SymbolError, whose message says what is wrong.
    """
    prepared = _compact(_prepare(text))
    if not prepared:
        raise SymbolError("Empty document symbol")
    candidates = [
        token for token in _TOKEN_SPLIT.split(prepared) if token and ("/" in token or _DIGITS.search(token))
    ]
    if not candidates:
        raise SymbolError(_UNKNOWN_LAYOUT)
    if len(candidates) > 1:
        parts = ", ".join(_short(token, 20) for token in candidates[:4])
        raise SymbolError(f"More than one symbol-like part in the text: {parts}")
    return _parse_core(_LABEL_GLUED.sub("", candidates[0], count=1))


def _parse_core(core: str) -> Symbol:
    for ch in core:
        if not (ch.isalnum() or ch in "-/"):
            raise SymbolError(f"Unexpected character {ch!r} in {_short(core)}")
    number_match = _DIGITS.match(core)
    if not number_match:
        if "/" in core or "-" in core:
            raise SymbolError("No document number before the type")
        raise SymbolError(_UNKNOWN_LAYOUT)
    raw_number = number_match.group()
    significant = raw_number.lstrip("0")
    if len(significant) > MAX_DIGITS:
        shown = significant if len(significant) <= 12 else f"{significant[:12]}…"
        raise SymbolError(f"Document number {shown} has more than {MAX_DIGITS} digits")
    number = int(significant or "0")
    rest = core[number_match.end() :]
    if not rest:
        raise SymbolError(f"Missing type and issuer after the number {raw_number}")
    separator, rest = rest[0], rest[1:]
    if separator == "-":
        return _parse_party(number, rest)
    if separator == "/":
        return _parse_state(number, rest)
    raise SymbolError(f"Expected '-' or '/' after the number {raw_number}")


def _parse_party(number: int, rest: str) -> Symbol:
    """After "59-": "NQ/TW"."""
    if "/" not in rest:
        raise SymbolError(
            f"Missing '/' and issuer after the type {_short(rest)} (expected number-TYPE/ISSUER)"
        )
    type_code, issuer = rest.split("/", 1)
    if not type_code:
        raise SymbolError("Missing type code between '-' and '/'")
    if not issuer:
        raise SymbolError("Missing issuer after '/'")
    if "/" in issuer:
        raise SymbolError("Too many '/' for a Party symbol (expected number-TYPE/ISSUER)")
    if "-" in type_code:
        raise SymbolError(f"Type code {_short(type_code)} must be made of letters and digits, not '-'")
    return Symbol(number=number, year=None, type_code=type_code, issuer=issuer, party=True)


def _parse_state(number: int, rest: str) -> Symbol:
    """After "30/": "2020/NĐ-CP", "NQ-CP", "2025/QH15", "BCA-V03"."""
    parts = rest.split("/")
    if len(parts) > 2:
        raise SymbolError("Too many '/' (expected number/TYPE-ISSUER or number/YEAR/TYPE-ISSUER)")
    year = None
    if len(parts) == 2:
        raw_year, tail = parts
        if not (len(raw_year) == 4 and _DIGITS.fullmatch(raw_year)):
            raise SymbolError(f"Expected a four-digit year between the two '/', got {_short(raw_year)}")
        year = int(raw_year)
        if not tail:
            raise SymbolError(f"Missing type and issuer after the year {raw_year}")
    else:
        tail = parts[0]
        if not tail:
            raise SymbolError("Missing type and issuer after '/'")
        if len(tail) == 4 and _DIGITS.fullmatch(tail):
            raise SymbolError(f"Missing type and issuer after the year {tail}")
    head, _, after = tail.partition("-")
    if not head:
        raise SymbolError("Missing type code between '/' and '-'")
    if _known_type(head):
        if not after:
            raise SymbolError(f"Missing issuer after the type {_short(head)}")
        return Symbol(number=number, year=year, type_code=head, issuer=after, party=False)
    # No known type in front: a law ("117/2025/QH15") or an official letter ("123/BCA-V03").
    return Symbol(number=number, year=year, type_code="", issuer=tail, party=False)


def normalize_symbol(text: str) -> str:
    """Canonical text of a symbol: "50-ctr/đuca" → "50-CTr/ĐUCA". Raises SymbolError."""
    return str(parse_symbol(text))


_SEG = r"[^\W_]+"
_FIND = re.compile(
    rf"""
    (?<![\w/-])
    (?P<number>[0-9]+)
    (?:
        \s*-\s*(?P<ptype>{_SEG})\s*/\s*(?P<pissuer>{_SEG}(?:-{_SEG})*)
      | \s*/\s*(?:(?P<year>[0-9]{{4}})\s*/\s*)?(?P<head>{_SEG})(?:(?P<dash>\s*-\s*){_SEG}(?:-{_SEG})*)?
    )
    (?![\w/])
    """,
    re.VERBOSE,
)


def find_symbol(text: str) -> Symbol | None:
    """The first valid symbol inside running text, or None. Never raises.

    "theo Nghị quyết số 59-NQ/TW ngày 24/01/2025 của Bộ Chính trị" → 59-NQ/TW (the date is
    not a symbol: its "issuer" has no letter). Spaces around separators are tolerated, but
    "123/BCA - Bộ trưởng" stops at BCA: a spaced dash only joins a known type to its issuer.
    Lower-case unknown codes ("Điều 5/khoản 2") are not taken for symbols.
    """
    prepared = _prepare(text)
    for match in _FIND.finditer(prepared):
        end = match.end()
        dash = match.group("dash")
        if dash and dash != "-" and not _known_type(match.group("head")):
            end = match.start("dash")
        candidate = prepared[match.start() : end]
        try:
            symbol = _parse_core(_compact(candidate))
        except SymbolError:
            continue
        if symbol.type_code in TYPE_CODES or _known_issuer(symbol.issuer.split("-")[0]):
            return symbol
        after_number = candidate[len(match.group("number")) :]
        if after_number != after_number.lower():
            return symbol
    return None


def search_key(text: str) -> str:
    """Folded key for searching: the canonical symbol folded when the text parses
    ("59 - nq / tw" → "59-nq/tw", "50-CTr/DUCA" → "50-ctr/duca"), else the folded text
    with spaces around "-" and "/" removed, for substring search ("NQ / TW" → "nq/tw")."""
    try:
        return parse_symbol(text).folded
    except SymbolError:
        return fold(_compact(_prepare(text)))
