"""Text folding for diacritic-insensitive search (DESIGN.md section 3)."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(value: object) -> str:
    """Lower case, tones and marks removed, đ→d, spaces collapsed.

    Stored beside searchable records because neither SQLite (FTS5 keeps đ) nor a plain
    LIKE folds Vietnamese; one function keeps the stored side and the query side equal.
    """
    if value is None:
        return ""
    text = str(value).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", text.lower()).strip()


# Vietnamese alphabetical order: base letters with their modifiers (ă â đ ê ô ơ ư), then
# tones as a secondary key: none < huyền < hỏi < ngã < sắc < nặng.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_MODIFIERS = {"\u0306": "ă", "\u0302": "^", "\u031b": "+"}
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_WITH_MODIFIER = {
    ("a", "ă"): "ă",
    ("a", "^"): "â",
    ("e", "^"): "ê",
    ("o", "^"): "ô",
    ("o", "+"): "ơ",
    ("u", "+"): "ư",
}


def vi_sort_key(value: object) -> str:
    """A key whose plain (binary or C-locale) order is Vietnamese dictionary order.

    Databases sort Vietnamese wrongly ("Đ" after "Z" in SQLite); storing this key beside a
    name lets both databases sort by it. Only digits are used, so any collation agrees.
    """
    primary: list[str] = []
    tones: list[str] = []
    for ch in unicodedata.normalize("NFD", str(value or "").lower()):
        if ch in _TONES:
            if tones:
                tones[-1] = _TONES[ch]
            continue
        if ch in _MODIFIERS:
            if primary and primary[-1][1]:
                base = primary[-1][1]
                letter = _WITH_MODIFIER.get((base, _MODIFIERS[ch]), base)
                primary[-1] = (_rank(letter), letter)
            continue
        if unicodedata.category(ch) == "Mn":
            continue
        primary.append((_rank(ch), ch if ch in _ALPHABET else ""))
        tones.append("0")
    return "".join(rank for rank, _ in primary) + "000" + "".join(tones)


def _rank(ch: str) -> str:
    if ch == " ":
        return "001"
    if ch.isdigit():
        return f"{2 + int(ch):03d}"
    if ch in _ALPHABET:
        return f"{20 + _ALPHABET.index(ch):03d}"
    return f"{100 + ord(ch) % 900:03d}"


MAX_ID = 2**63 - 1


def as_id(value: object) -> int | None:
    """A record id from a request value: ASCII digits within a 64-bit integer, else None.

    ``str.isdigit`` accepts "³" and "٣", which ``int`` refuses or reads; and an id beyond
    2^63 - 1 cannot even be bound by SQLite. Both would be a 500 instead of "no such record".
    """
    text = str(value if value is not None else "").strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number <= MAX_ID else None
