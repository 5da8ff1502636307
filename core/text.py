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
