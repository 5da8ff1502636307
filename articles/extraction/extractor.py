"""The fact extractor: rules over the registry's names, offline and deterministic.

Every item carries ``evidence`` = ``text[start:end]`` (code points of the NFC text). Only the
article proper is read: related-news lists, bylines and source lines after it are cut
(``article_end``). The rules are general (docs/articles.md, "Generality"): ranks, honorifics,
titles, date and quantity forms, and names from the registry, ISO and CLDR.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from dataclasses import dataclass

from core.text import fold
from instruments.symbols import TYPE_CODES, SymbolError, parse_symbol

from . import data
from .gazetteer import Gazetteer, Surface

FIELDS = (
    "doc_symbols",
    "partner_countries",
    "partner_agencies",
    "multilateral_bodies",
    "people",
    "events",
    "quantities",
    "headline_counts",
)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _item(text: str, start: int, end: int, **values) -> dict:
    return {**values, "evidence": text[start:end], "start": start, "end": end}


# --- the article proper -----------------------------------------------------------------------

_BYLINE_WORD = re.compile(r"^[^\W\d_][^\W\d_]*$")


def _is_byline(line: str) -> bool:
    """A name alone on its line ("Đức Sơn", "Khổng Hà"): 2-4 capitalised words, nothing else."""
    words = line.split()
    if not 2 <= len(words) <= 4 or len(line) > 40:
        return False
    if not all(_BYLINE_WORD.match(w) and w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words):
        return False
    starts = {w.split()[0] for w in (*data.RANKS, *data.HONORIFICS, *data.TITLES)}
    return words[0] not in starts


def _is_doubled(line: str) -> bool:
    """A related-news teaser: its title twice on one line (link text and image text)."""
    n = len(line)
    half = n // 2
    return n > 20 and n % 2 == 1 and line[half] == " " and line[:half] == line[half + 1 :]


def article_end(text: str) -> int:
    """Where the article proper ends: at a related-news heading, a teaser list, a byline or a
    source line once the body has begun (a paragraph of 200 characters or more)."""
    body_started = False
    position = 0
    for raw in text.split("\n"):
        start = position
        position += len(raw) + 1
        line = raw.strip()
        if not line:
            continue
        if body_started:
            low = line.lower().rstrip(":").strip()
            unpunctuated = not line.endswith((".", "!", "?", "…", '"', "”", ":"))
            if (
                low in data.END_MARKERS
                or low.startswith(("©", "bản quyền", "copyright"))
                or (
                    unpunctuated
                    and low.startswith(("nguồn", "theo ", "source"))
                    and len(line) <= 150
                    and "," not in line
                )
                or (unpunctuated and _is_doubled(line))
                or _is_byline(line)
            ):
                return start
        if len(line) >= 200:
            body_started = True
    return len(text)


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“(]?[^\W\d_])|\n+")


def sentences(text: str, end: int) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, end):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < end:
        spans.append((start, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


# --- dates ------------------------------------------------------------------------------------

_TIME = r"\d{1,2}[:hg]\d{2}(?:\s*(?:\(?GMT\s*[+-]\s*\d{1,2}\)?|\(?UTC\s*[+-]\s*\d{1,2}\)?))?"
_DATELINE = re.compile(
    rf"""^(?:(?:cập\s+nhật|đăng|ngày\s+đăng|thời\s+gian|published|updated)\s*:?\s*(?:lúc\s+)?)?
    (?:(?:{_alternation(data.WEEKDAYS)})\s*,?\s*)?
    (?:{_TIME}\s*[,|-]?\s*)?
    (?:ngày\s+)?
    (?P<day>\d{{1,2}})[/.-](?P<month>\d{{1,2}})[/.-](?P<year>\d{{4}})
    (?:\s*[,|-]?\s*{_TIME})?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")  # fmt: skip
_MONTHS = "|".join(_MONTH_NAMES)
_DAY_WORDS = r"(?:[Nn]gày|[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Đđ]êm|[Rr]ạng\s+sáng|[Hh]ôm)"
_DATE = re.compile(
    rf"""
    (?:(?:[Tt]ừ\s+(?:ngày\s+)?|[Nn]gày\s+)(?P<d1>\d{{1,2}})(?:/(?P<m1>\d{{1,2}}))?(?:/(?P<y1>\d{{4}}))?\s*
        (?:đến|tới|-|–)\s*(?:ngày\s+)?(?P<d2>\d{{1,2}})/(?P<m2>\d{{1,2}})(?:/(?P<y2>\d{{4}}))?)
    | (?:(?:{_DAY_WORDS})\s+(?:nay\s+)?)?(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>\d{{4}})(?![/\d])
    | (?:{_DAY_WORDS})\s+(?:nay\s+)?\(?(?P<dd>\d{{1,2}})/(?P<dm>\d{{1,2}})(?![/\d])
    | \((?P<pd>\d{{1,2}})/(?P<pm>\d{{1,2}})\)
    | [Nn]gày\s+(?P<wd>\d{{1,2}})\s+tháng\s+(?P<wm>\d{{1,2}})(?:\s+năm\s+(?P<wy>\d{{4}}))?
    | [Tt]háng\s+(?P<mm>\d{{1,2}})(?:\s*/\s*|\s+năm\s+)(?P<my>\d{{4}})
    | [Tt]háng\s+(?P<mo>\d{{1,2}})(?![/\d])
    | (?P<today>(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Hh]ôm)\s+nay)(?!\s*\(\d)
    | (?P<yesterday>[Hh]ôm\s+qua|[Tt]ối\s+qua|[Đđ]êm\s+qua)
    | (?P<ed>\d{{1,2}})\s+(?P<emon>{_MONTHS})\s+(?P<ey>\d{{4}})
    | (?P<emon2>{_MONTHS})\s+(?P<ed2>\d{{1,2}}),?\s+(?P<ey2>\d{{4}})
    """,
    re.VERBOSE,
)


@dataclass
class DateMention:
    start: int
    end: int
    iso: str | None
    written: str


def _resolve(day: int | None, month: int, year: int | None, published: datetime.date | None) -> str | None:
    """ISO text of a day or a month; a missing year comes from the publication date (the year
    before when that would put the date after publication)."""
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    if year is None:
        if published is None:
            return f"--{month:02d}-{day:02d}" if day else f"--{month:02d}"
        year = published.year
        # "vừa qua": a day or month after publication is last year's.
        if (day is not None and (month, day) > (published.month, published.day)) or (
            day is None and month > published.month
        ):
            year -= 1
    try:
        if day:
            return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}"


def find_dates(text: str, end: int, published: datetime.date | None) -> list[DateMention]:
    found = []
    for m in _DATE.finditer(text, 0, end):
        g = m.groupdict()
        iso = None
        if g["d2"]:
            m2, y2 = int(g["m2"]), int(g["y2"]) if g["y2"] else None
            m1 = int(g["m1"]) if g["m1"] else m2
            y1 = int(g["y1"]) if g["y1"] else y2
            first = _resolve(int(g["d1"]), m1, y1, published)
            last = _resolve(int(g["d2"]), m2, y2, published)
            iso = f"{first}/{last}" if first and last else None
        elif g["d"]:
            iso = _resolve(int(g["d"]), int(g["m"]), int(g["y"]), published)
        elif g["dd"]:
            iso = _resolve(int(g["dd"]), int(g["dm"]), None, published)
        elif g["pd"]:
            iso = _resolve(int(g["pd"]), int(g["pm"]), None, published)
        elif g["wd"]:
            iso = _resolve(int(g["wd"]), int(g["wm"]), int(g["wy"]) if g["wy"] else None, published)
        elif g["mm"]:
            iso = _resolve(None, int(g["mm"]), int(g["my"]), published)
        elif g["mo"]:
            iso = _resolve(None, int(g["mo"]), None, published)
        elif g["today"] or g["yesterday"]:
            # Relative to the publication date, when there is one.
            if published is not None:
                iso = (published - datetime.timedelta(days=1 if g["yesterday"] else 0)).isoformat()
        elif g["ed"]:
            iso = _resolve(int(g["ed"]), _MONTH_NAMES.index(g["emon"]) + 1, int(g["ey"]), published)
        elif g["ed2"]:
            iso = _resolve(int(g["ed2"]), _MONTH_NAMES.index(g["emon2"]) + 1, int(g["ey2"]), published)
        if iso:
            found.append(DateMention(m.start(), m.end(), iso, m.group()))
    return found


def find_published(text: str) -> dict | None:
    """The publication date of a news page's dateline ("Thứ Hai, 02/03/2026 09:57 GMT+7",
    "16:17 15/11/2025"): a line of date and time alone among the first lines."""
    position = 0
    for count, raw in enumerate(text.split("\n")):
        start = position
        position += len(raw) + 1
        if count > 40:
            break
        line = raw.strip()
        m = _DATELINE.match(line)
        if not m:
            continue
        try:
            day = datetime.date(int(m["year"]), int(m["month"]), int(m["day"]))
        except ValueError:
            continue
        offset = start + raw.index(line)
        return _item(text, offset, offset + len(line), date=day.isoformat(), source="text")
    return None


# --- document symbols -------------------------------------------------------------------------

_SEG = r"[^\W_]+"
_SYMBOL = re.compile(
    rf"(?<![\w/-])[0-9]+(?:\s?[-‐‑–]\s?{_SEG}\s?/\s?{_SEG}(?:-{_SEG})*"
    rf"|\s?/\s?(?:[0-9]{{4}}\s?/\s?)?{_SEG}(?:-{_SEG})*)(?![\w/])"
)


def find_symbols(text: str, end: int) -> list[dict]:
    out: dict[str, dict] = {}
    for m in _SYMBOL.finditer(text, 0, end):
        try:
            symbol = parse_symbol(m.group())
        except SymbolError:
            continue
        after_number = m.group().lstrip("0123456789")
        if not (symbol.type_code in TYPE_CODES or symbol.issuer_name or after_number != after_number.lower()):
            continue
        key = str(symbol)
        if key not in out:
            out[key] = _item(text, m.start(), m.end(), symbol=key)
    return list(out.values())


# --- names from the gazetteer -----------------------------------------------------------------


def _surface_regex(surfaces: list[Surface], ignore_case: bool) -> re.Pattern | None:
    if not surfaces:
        return None
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(rf"(?<![\w-])(?:{_alternation(s.text for s in surfaces)})(?![\w-])", flags)


@dataclass
class Matcher:
    """Compiled gazetteer regexes (case-sensitive short forms, case-insensitive long names)."""

    gaz: Gazetteer

    def __post_init__(self) -> None:
        g = self.gaz
        self.country_by_text = {s.text: s.key for s in g.countries}
        self.country_re = _surface_regex(g.countries, ignore_case=False)
        self.vietnam_re = re.compile(rf"(?<![\w-])(?:{_alternation(data.VIETNAM_NAMES)})(?![\w-])")
        exact = [s for s in g.bodies if len(s.text) <= 4 or s.text.isupper()]
        loose = [s for s in g.bodies if s not in exact]
        # Long acronyms are written in either case ("Interpol"): matched without case too.
        loose_long = [s for s in exact if s.text.isupper() and len(s.text) >= 5]
        self.body_by_text = {s.text: s.key for s in g.bodies}
        self.body_by_fold = {s.text.casefold(): s.key for s in g.bodies}
        self.body_exact_re = _surface_regex(exact, ignore_case=False)
        self.body_loose_re = _surface_regex(loose + loose_long, ignore_case=True)
        self.agency_by_fold = {s.text.casefold(): s for s in g.agencies}
        # Acronyms in their own case only ("GIA" is an agency, "gia" a Vietnamese word).
        acronyms = [s for s in g.agencies if s.text.isupper() and " " not in s.text]
        self.agency_res = [
            r
            for r in (
                _surface_regex([s for s in g.agencies if s not in acronyms], ignore_case=True),
                _surface_regex(acronyms, ignore_case=False),
            )
            if r is not None
        ]
        self.places = set(g.places)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"\s+([^\W\d_]+)", text[pos : pos + 40])
    return m.group(1) if m else ""


def _previous_word(text: str, pos: int) -> str:
    m = re.search(r"([^\W\d_]+)\s+$", text[max(0, pos - 40) : pos])
    return m.group(1) if m else ""


def _is_sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3) : pos].rstrip(' "“(')
    return not before or before[-1] in ".!?\n:" or pos == 0


def country_mentions(
    text: str, end: int, matcher: Matcher, skip: list[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """(start, end, ISO code) of foreign country names; one-word names ("Nga", "Đức", "Anh")
    only where they cannot be part of a person's name or a sentence's first word."""
    out = []
    if matcher.country_re is None:
        return out
    for m in matcher.country_re.finditer(text, 0, end):
        if _overlaps(m.start(), m.end(), skip):
            continue
        written = m.group()
        code = matcher.country_by_text.get(written)
        if not code:
            continue
        if " " not in written and "-" not in written and not written.isupper():
            before, after = _previous_word(text, m.start()), _next_word(text, m.end())
            joined_before = before and before[0].isupper() and text[m.start() - 1] == " "
            joined_after = after and after[0].isupper() and text[m.end()] == " "
            if joined_after and before and before[0].islower() and f"{written} {after}" not in matcher.places:
                joined_after = False  # "Tổng thống Mỹ Donald Trump": the country, then a name
            if joined_before or joined_after:
                continue
            if _is_sentence_start(text, m.start()) and after and after[0].islower():
                continue
        out.append((m.start(), m.end(), code))
    return out


def find_bodies(text: str, end: int, matcher: Matcher) -> tuple[list[dict], list[tuple[int, int]]]:
    hits: list[tuple[int, int, str]] = []
    for regex in (matcher.body_loose_re, matcher.body_exact_re):
        if regex is None:
            continue
        for m in regex.finditer(text, 0, end):
            if _overlaps(m.start(), m.end(), [(a, b) for a, b, _ in hits]):
                continue
            key = matcher.body_by_text.get(m.group()) or matcher.body_by_fold.get(m.group().casefold())
            if key:
                hits.append((m.start(), m.end(), key))
    # A long acronym with one letter wrong or missing ("ASEANAPO") is still that body.
    acronyms = [a for a in matcher.gaz.body_acronyms if len(a) >= 6 and a.isalpha()]
    for m in re.finditer(r"(?<![\w-])[A-Z]{6,}(?![\w-])", text[:end]):
        if _overlaps(m.start(), m.end(), [(a, b) for a, b, _ in hits]):
            continue
        close = difflib.get_close_matches(m.group(), acronyms, n=1, cutoff=0.88)
        if close:
            hits.append((m.start(), m.end(), matcher.gaz.body_acronyms[close[0]]))
    hits.sort()
    out: dict[str, dict] = {}
    for start, stop, key in hits:
        if key not in out:
            out[key] = _item(text, start, stop, name=key, as_written=text[start:stop])
    return list(out.values()), [(a, b) for a, b, _ in hits]


_AGENCY_HEAD = re.compile(rf"(?<![\w-])(?:{_alternation(data.AGENCY_HEADS)})(?![\w-])")
_GAP_WORD = re.compile(
    r"\s+(?!(?:và|với|của|tại|các|cùng|hai|đã|trong|do|cho|từ|tới|đến|sang|về|ở|là|thì|như)(?![\w-]))[^\W\d_]+"
)


def find_agencies(
    text: str, end: int, matcher: Matcher, countries: list[tuple[int, int, str]], skip: list[tuple[int, int]]
) -> tuple[list[dict], list[tuple[int, int]]]:
    """Foreign agencies: the registry's (as the user sees them), and an agency word followed
    by a foreign country's name ("cảnh sát Campuchia", "Bộ Công an Trung Quốc")."""
    found: list[tuple[int, int, str, str]] = []
    for regex in matcher.agency_res:
        for m in regex.finditer(text, 0, end):
            surface = matcher.agency_by_fold.get(m.group().casefold())
            if surface and not _overlaps(m.start(), m.end(), skip):
                found.append((m.start(), m.end(), surface.extra, surface.key))
    starts = {a: (a, b, code) for a, b, code in countries}
    for m in _AGENCY_HEAD.finditer(text, 0, end):
        if _overlaps(m.start(), m.end(), skip) or _overlaps(
            m.start(), m.end(), [(a, b) for a, b, *_ in found]
        ):
            continue
        tail = text[m.end() : min(end, m.end() + 60)]
        # Up to four words between the agency word and the country ("Cảnh sát Hoàng gia Thái Lan").
        pos = 0
        for _words in range(5):
            space = re.match(r"\s+", tail[pos:])
            country = starts.get(m.end() + pos + space.end()) if space else None
            if country:
                found.append((m.start(), country[1], country[2], ""))
                break
            word = _GAP_WORD.match(tail, pos)
            if not word:
                break
            pos = word.end()
    out: dict[str, dict] = {}
    for start, stop, code, registry_name in sorted(found):
        written = text[start:stop]
        key = fold(registry_name or written)
        if key not in out:
            item = _item(text, start, stop, name=written, country=code)
            if registry_name:
                item["registry_name"] = registry_name
            out[key] = item
    return list(out.values()), [(a, b) for a, b, *_ in found]


# --- people -----------------------------------------------------------------------------------

_NAME_TOKEN = re.compile(r"[^\W\d_][^\W\d_'’-]*|(?:[A-Z]\.){1,3}")
_RANK_RE = re.compile(rf"(?<![\w-])(?:{_alternation(data.RANKS)})(?=\s)")
_HONORIFIC_RE = re.compile(rf"(?<![\w-])(?:{_alternation(data.HONORIFICS)})(?=\s)")
_TITLE_RE = re.compile(rf"(?<![\w-])(?:Phó\s+)?(?:{_alternation(data.TITLES)})(?![\w-])")
_SUSPECT_RE = re.compile(r"(?<![\w-])(?:đối tượng|bị can|bị cáo|nghi phạm|nghi can|suspect)(?=\s)")
_SPEECH_RE = re.compile(rf"\s(?:{_alternation(data.SPEECH_VERBS)})(?![\w-])|[:.;(\n]")
_TITLE_WORDS = {w for t in data.TITLES for w in t.split()[:1]} | {
    w for r in data.RANKS for w in r.split()[:1]
}


def _name_at(text: str, pos: int, end: int, min_words: int = 2, max_words: int = 5) -> tuple[int, int] | None:
    """A run of capitalised words starting at ``pos`` (after spaces): a person's name."""
    while pos < end and text[pos] == " ":
        pos += 1
    start = pos
    words = 0
    last = pos
    while words < max_words:
        m = _NAME_TOKEN.match(text, pos, end)
        if not m or not m.group()[0].isupper():
            break
        word = m.group()
        if len(word) > 1 and not (word[1:].islower() or word.endswith(".")):
            break  # an acronym, not a name
        words += 1
        last = m.end()
        if last < end and text[last] == " " and last + 1 < end and text[last + 1].isupper():
            pos = last + 1
            continue
        break
    if words < min_words:
        return None
    return start, last


_BIRTH_RE = re.compile(r"\s*\((?:SN|sinh năm|sinh ngày)\s")


def _name_before(text: str, pos: int) -> tuple[int, int] | None:
    """The run of 2-5 capitalised words that ends at ``pos``."""
    words = list(re.finditer(r"\S+", text[max(0, pos - 80) : pos]))
    offset = max(0, pos - 80)
    start = None
    for word in reversed(words[-5:]):
        token = word.group()
        if not (token[0].isupper() and (token[1:].islower() or token.endswith(".") or len(token) == 1)):
            break
        start = offset + word.start()
    if start is None:
        return None
    name = _name_at(text, start, pos)
    return name if name and name[1] == pos else None


def _title_after(text: str, pos: int, end: int) -> str:
    """The appositive after a name: ", Uỷ viên Bộ Chính trị, Bộ trưởng Bộ Công an" up to the verb."""
    if not text.startswith(",", pos):
        return ""
    segment = text[pos + 1 : min(end, pos + 200)]
    stop = _SPEECH_RE.search(segment)
    segment = segment[: stop.start()] if stop else segment
    parts = []
    for part in segment.split(","):
        part = part.strip()
        if not part or not part[0].isupper():
            break
        parts.append(part)
    return ", ".join(parts)


def find_people(
    text: str,
    end: int,
    matcher: Matcher,
    countries: list[tuple[int, int, str]],
    skip: list[tuple[int, int]],
    body_spans: list[tuple[int, int]] = (),
) -> list[dict]:
    candidates: list[dict] = []
    body_ends = {b for _a, b in body_spans}
    skip = [*skip, *body_spans]
    country_ends = {b for _a, b, _code in countries}

    def add(
        anchor_start: int, name: tuple[int, int], rank: str = "", title: str = "", role: str = "official"
    ):
        start, stop = name
        written = text[start:stop]
        words = written.split()
        if (
            written in matcher.places
            or written in matcher.country_by_text
            or fold(written) in {fold(v) for v in data.VIETNAM_NAMES}
        ):
            return
        if words[0] in _TITLE_WORDS or _overlaps(start, stop, skip):
            return
        title = title or _title_after(text, stop, end)
        side = None
        for a, b, code in countries:
            if anchor_start <= a and b <= stop + len(title) + 2 and text[a:b] in title:
                side = code
                break
        if side is None and (
            words[0] in data.SURNAMES
            or re.search(r"Bộ [A-ZĐ]|Cục [A-ZĐ]|Công an|Đảng|Chính phủ|Việt Nam|Quốc hội", title)
        ):
            side = "VN"
        if side is None:
            # "Đoàn Bộ Nội vụ Campuchia do Bộ trưởng Sar Sokha dẫn đầu": the country just before.
            near = [code for a, b, code in countries if anchor_start - 60 <= a and b <= anchor_start]
            side = near[-1] if near else None
        candidates.append(
            {
                "start": anchor_start,
                "end": stop,
                "name": written,
                "rank": rank,
                "title": title,
                "side": side,
                # An honorific alone ("ông X") says nothing of an office.
                "role": role if role != "official" or rank or title else "person",
            }
        )

    for m in _RANK_RE.finditer(text, 0, end):
        before = _previous_word(text, m.start())
        if m.group().isascii() and before[:1].isupper() and not _is_sentence_start(text, m.start()):
            continue  # "Secretary General Jürgen Stock": part of a title, not a rank
        name = _name_at(text, m.end(), end)
        if name:
            add(m.start(), name, rank=m.group())
    for m in _HONORIFIC_RE.finditer(text, 0, end):
        name = _name_at(text, m.end(), end)
        if name:
            add(m.start(), name)
    for m in _SUSPECT_RE.finditer(text, 0, end):
        name = _name_at(text, m.end(), end)
        if name:
            add(m.start(), name, role="suspect")
    # A name with a birth year after it is a person under investigation ("… (SN 1990, trú …)").
    for m in _BIRTH_RE.finditer(text, 0, end):
        name = _name_before(text, m.start())
        if name:
            add(name[0], name, role="suspect")
    for m in _TITLE_RE.finditer(text, 0, end):
        if m.group().isascii():  # "Minister Sar Kheng": English titles stand just before the name
            name = _name_at(text, m.end(), end)
            if name and not _overlaps(name[0], name[1], [(a, b) for a, b, _c in countries] + skip):
                add(m.start(), name, title=m.group())
            continue
        window_end = min(end, m.end() + 80)
        stop = re.search(r"[,.;:()\n]", text[m.end() : window_end])
        window_end = m.end() + stop.start() if stop else window_end
        for word in re.finditer(r"[^\W\d_]+", text[m.end() : window_end]):
            pos = m.end() + word.start()
            after_country = bool({pos - 1, pos - 2} & (country_ends | body_ends))
            first = (
                not text[m.end() : pos].strip()
                and word.group()[0].isupper()
                and word.group() not in data.ORG_WORDS
                and not any(a == pos for a, _b, _c in countries)
            )
            if word.group() in data.SURNAMES or after_country or first:
                name = _name_at(text, pos, window_end)
                if name:
                    add(m.start(), name, title=text[m.start() : pos].strip())
                    break
    # One person, many mentions: the first mention's place, the fullest details.
    people: dict[str, dict] = {}
    for c in sorted(candidates, key=lambda c: c["start"]):
        key = fold(c["name"])
        if key not in people:
            people[key] = _item(
                text,
                c["start"],
                c["end"],
                name=c["name"],
                rank=c["rank"],
                title=c["title"],
                side=c["side"],
                role=c["role"],
            )
        else:
            known = people[key]
            for attr in ("rank", "title", "side"):
                if not known[attr] and c[attr]:
                    known[attr] = c[attr]
            if known["role"] == "person" and c["role"] != "person":
                known["role"] = c["role"]
    return list(people.values())


# --- quantities and headline counts -----------------------------------------------------------

_NUMBER = r"\d+(?:[.,]\d+)*"
_QUALIFIER = rf"(?:(?P<qual>(?i:{_alternation(data.QUALIFIERS)}))\s+)?"
_QUANTITY = re.compile(
    rf"{_QUALIFIER}(?<![\w.,/-])(?:(?P<num>{_NUMBER})\s*|(?P<word>{_alternation(data.NUMBER_WORDS)})\s+)"
    rf"(?P<unit>{_alternation(u for u, _c, _f in data.UNITS)})(?![\w-])"
)
_UNIT_INFO = {u: (c, f) for u, c, f in data.UNITS}

_HEADLINES = [
    (
        "agencies",
        re.compile(
            rf"{_QUALIFIER}(?P<num>{_NUMBER})\s+(?:cơ quan|đối tác)(?:\s+thực thi pháp luật)?\s*,?\s+"
            rf"(?:của|thuộc|tại|ở)\s+(?:(?P<qual2>{_alternation(data.QUALIFIERS)})\s+)?(?P<of>{_NUMBER})\s+(?:quốc gia|nước)"
            rf"(?:\s+và\s+(?:các\s+|một số\s+)?vùng lãnh thổ)?"
        ),
    ),
    (
        "agencies",
        re.compile(
            rf"{_QUALIFIER}(?P<num>{_NUMBER})\s+(?:law[- ]enforcement\s+)?agencies\s+(?:of|from|in)\s+(?P<of>{_NUMBER})\s+countries"
        ),
    ),
    (
        "agencies",
        re.compile(rf"{_QUALIFIER}(?P<num>{_NUMBER})\s+cơ quan thực thi pháp luật(?![\w-])"),
    ),
    (
        "multilateral_organizations_forums",
        re.compile(rf"{_QUALIFIER}(?P<num>{_NUMBER})\s+tổ chức\s*,\s*(?:và\s+)?diễn đàn"),
    ),
    (
        "multilateral_organizations",
        re.compile(rf"{_QUALIFIER}(?P<num>{_NUMBER})\s+tổ chức(?!\s*,\s*(?:và\s+)?diễn đàn)(?![\w-])"),
    ),
    ("multilateral_forums", re.compile(rf"{_QUALIFIER}(?P<num>{_NUMBER})\s+diễn đàn(?![\w-])")),
    ("cooperation_mechanisms", re.compile(rf"{_QUALIFIER}(?P<num>{_NUMBER})\s+cơ chế(?![\w-])")),
    (
        "cooperation_documents",
        re.compile(
            rf"{_QUALIFIER}(?P<num>{_NUMBER})\s+(?:văn bản|điều ước|thỏa thuận|thoả thuận|hiệp định|bản ghi nhớ)(?![\w-])"
        ),
    ),
    ("countries", re.compile(rf"{_QUALIFIER}(?P<num>{_NUMBER})\s+(?:quốc gia|nước|countries)(?![\w-])")),
]


_HEADLINE_HINT = re.compile(
    r"cơ quan|đối tác|tổ chức|diễn đàn|cơ chế|văn bản|điều ước|thỏa thuận|thoả thuận|hiệp định|bản ghi nhớ"
    r"|quốc gia|nước|agencies|countries"
)
_DIGIT = re.compile(r"\d")


def _number(written: str, english: bool) -> float | None:
    """'1.000' → 1000, '1,5' → 1.5 (Vietnamese); '1,000' → 1000, '1.5' → 1.5 (English)."""
    thousands, decimal = (",", ".") if english else (".", ",")
    parts = written.split(decimal)
    if len(parts) > 2:
        return None
    whole = parts[0]
    groups = whole.split(thousands)
    if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
        if len(groups) == 2 and len(parts) == 1:  # '1.5' in Vietnamese text: a decimal point
            whole, parts = groups[0], [groups[0], groups[1]]
        else:
            return None
    value = float(whole.replace(thousands, ""))
    if len(parts) == 2:
        value = float(f"{int(value)}.{parts[1]}")
    return value


def _clean_value(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 6)


def find_headlines(
    text: str, end: int, sentence_spans: list[tuple[int, int]], english: bool
) -> tuple[list[dict], list[tuple[int, int]]]:
    out: list[dict] = []
    spans: list[tuple[int, int]] = []
    # Only sentences with a number and a headline noun are scanned (long texts stay fast).
    scanned = [
        (a, b) for a, b in sentence_spans if _HEADLINE_HINT.search(text, a, b) and _DIGIT.search(text, a, b)
    ]
    matches = (
        (what, m) for what, regex in _HEADLINES for a, b in scanned for m in regex.finditer(text, a, b)
    )
    for what, m in matches:
        if _overlaps(m.start("num"), m.end(), spans):
            continue
        value = _number(m.group("num"), english)
        if value is None:
            continue
        kind = what
        if what == "countries":
            if value < 3 or re.match(r"\s+(?:tháng|năm|ngày)", text[m.end() :]):
                continue  # "2 nước": the two sides
            sentence = next((text[a:b] for a, b in sentence_spans if a <= m.start() < b), "")
            if re.search(r"\bký\b|signed", sentence):
                kind = (
                    "countries_signing_convention"
                    if re.search(r"Công ước|Convention", sentence)
                    else "countries_signing"
                )
        item = _item(text, m.start(), m.end(), what=kind, value=_clean_value(value), of_countries=None)
        item["qualifier"] = (m.group("qual") or "").lower()
        if "of" in m.groupdict() and m.group("of"):
            item["of_countries"] = _clean_value(_number(m.group("of"), english) or 0)
        out.append(item)
        spans.append((m.start(), m.end()))
    out.sort(key=lambda i: i["start"])
    return out, spans


def find_quantities(
    text: str, end: int, sentence_spans: list[tuple[int, int]], english: bool, skip: list[tuple[int, int]]
) -> list[dict]:
    out = []
    for m in _QUANTITY.finditer(text, 0, end):
        number_start = m.start("num") if m.group("num") else m.start("word")
        if _overlaps(number_start, m.end(), skip):
            continue
        before = text[max(0, number_start - 12) : number_start]
        if re.search(r"(?:thứ|(?<!tổng )số|lần|No\.?)\s*$", before):
            continue  # ordinals and numbers of things
        unit, factor = _UNIT_INFO[m.group("unit")] if m.group("unit") in _UNIT_INFO else (None, 1)
        if unit is None:
            continue
        value = data.NUMBER_WORDS[m.group("word")] if m.group("word") else _number(m.group("num"), english)
        if value is None:
            continue
        after = text[m.end() : min(end, m.end() + 80)]
        if re.match(r"\s*tuổi", after):
            continue
        what = ""
        if unit in ("kg", "g", "t", "block", "pill", "VND", "USD", "EUR"):
            w = re.match(r"\s*([^\W\d_][^,.;:()\n\d]*)", after)
            if w:
                what = re.sub(r"\s+(?:và|cùng|với|and)$", "", " ".join(w.group(1).split()[:6]))
        elif unit == "delegate":
            what = "delegates"
        else:
            sentence = next(((a, b) for a, b in sentence_spans if a <= m.start() < b), (m.start(), m.end()))
            context = text[sentence[0] : sentence[1]]
            here = number_start - sentence[0]
            near = [
                (abs(found.start() - here), role)
                for verb, role in data.PERSON_ROLES
                for found in re.finditer(rf"(?<![\w-]){re.escape(verb)}(?![\w-])", context)
            ]
            what = min(near)[1] if near else m.group("unit")
        start = m.start() if m.group("qual") else number_start
        out.append(
            _item(
                text,
                start,
                m.end(),
                value=_clean_value(value * factor),
                unit=unit,
                what=what,
                as_written=text[number_start : m.end()],
                qualifier=(m.group("qual") or "").lower(),
            )
        )
    return out


# --- events -----------------------------------------------------------------------------------

_TRIGGERS = [
    (
        "training",
        re.compile(
            r"(?<![\w-])(?:[Tt]ập huấn|[Đđ]ào tạo|[Bb]ồi dưỡng|[Kk]hóa học|[Kk]hoá học|training course)(?![\w-])"
        ),
    ),
    (
        "signing",
        re.compile(
            r"(?<![\w-])(?:[Ll]ễ (?:mở )?ký(?: kết)?|ký kết|đã ký|signing ceremony|signed"
            r"|ký (?=Bản ghi nhớ|Hiệp định|Thỏa thuận|Thoả thuận|Biên bản|Công ước|Kế hoạch|Nghị định thư))(?![\w-])"
        ),
    ),
    ("extradition", re.compile(r"(?<![\w-])(?:[Dd]ẫn độ|extradit\w*)(?![\w-])")),
    (
        "repatriation",
        re.compile(
            r"(?<![\w-])(?:[Tt]rao trả|[Hh]ồi hương|tiếp nhận(?= \d+ công dân)|repatriat\w*)(?![\w-])"
        ),
    ),
    (
        "operation",
        re.compile(
            r"(?<![\w-])(?:[Cc]huyên án|triệt phá|bắt giữ|thu giữ|truy bắt|[Đđ]ợt cao điểm|joint operation)(?![\w-])"
        ),
    ),
    (
        "visit",
        re.compile(
            r"(?<![\w-])(?:chuyến thăm|[Tt]hăm chính thức|thăm làm việc|sang thăm|đến thăm|thăm và làm việc|chuyến công tác|official visit|state visit)(?![\w-])"
        ),
    ),
    (
        "conference",
        re.compile(
            r"(?<![\w-])(?:[Hh]ội nghị|[Hh]ội thảo|[Tt]ọa đàm|[Tt]oạ đàm|[Hh]ội đàm|[Pp]hiên họp|[Dd]iễn đàn|conference|meeting)(?![\w-])"
        ),
    ),
]
_NAMED = re.compile(
    r"^(?:Tập huấn|Đào tạo|Khóa|Khoá|Lễ|Chuyên án|Đợt|Hội nghị|Hội thảo|Tọa đàm|Toạ đàm|Hội đàm|Phiên họp|Diễn đàn|Conference)"
)
_PLAN_RE = re.compile(rf"(?<![\w-])(?:{_alternation(data.PLAN_MARKERS)})(?![\w-])", re.IGNORECASE)
_PLACE_RE = re.compile(r"(?<![\w-])(?:tại|ở|in)\s+")
_DOC_BEFORE = re.compile(r"(?:\d+[-/][^\s,]*|số\s+\d+)\s*,?\s*$")


def _place(text: str, a: int, b: int, matcher: Matcher, countries) -> str:
    for m in _PLACE_RE.finditer(text, a, b):
        pos = m.end()
        for place in sorted(matcher.places, key=len, reverse=True):
            if text.startswith(place, pos) and not text[pos + len(place) : pos + len(place) + 1].isalpha():
                return place
        for s, e, _code in countries:
            if s == pos:
                return text[s:e]
    return ""


def find_events(
    text: str,
    end: int,
    sentence_spans: list[tuple[int, int]],
    dates: list[DateMention],
    matcher: Matcher,
    countries: list[tuple[int, int, str]],
    body_spans: list[tuple[int, int]],
    symbol_spans: list[tuple[int, int]],
) -> list[dict]:
    events = []
    for a, b in sentence_spans:
        trigger = in_body = None
        for kind, regex in _TRIGGERS:
            for m in regex.finditer(text, a, b):
                before = text[max(a, m.start() - 40) : m.start()]
                if _PLAN_RE.search(before):
                    continue
                if _overlaps(m.start(), m.end(), body_spans):
                    # A body's own name ("Hội nghị Bộ trưởng ASEAN về …"): a meeting of it only
                    # when the sentence dates it.
                    in_body = in_body or (kind, m)
                    continue
                trigger = (kind, m)
                break
            if trigger:
                break
        if not trigger and not in_body:
            continue
        kind, m = trigger or in_body
        usable = [
            d
            for d in dates
            if a <= d.start < b
            and not _DOC_BEFORE.search(text[max(a, d.start - 30) : d.start])
            and not _overlaps(max(a, d.start - 25), d.start, symbol_spans)
        ]
        named = bool(_NAMED.match(m.group())) and trigger is not None
        if not usable and not named:
            continue
        date = min(usable, key=lambda d: (d.start > m.start(), abs(d.start - m.start()))) if usable else None
        if kind == "visit":
            to_vietnam = re.search(r"(?:tại|đến|sang|tới|thăm)\s+(?:Việt Nam|Hà Nội)", text[m.start() : b])
            foreign_after = any(m.start() <= s < b for s, _e, _c in countries)
            kind = "visit_out" if foreign_after and not to_vietnam else "visit_in"
        summary = " ".join(text[a:b].split())
        events.append(
            _item(
                text,
                a,
                b,
                type=kind,
                date=date.written if date else "",
                date_iso=date.iso if date else None,
                place=_place(text, a, b, matcher, countries),
                summary=summary[:240],
            )
        )
    # The same event named again without its date ("Hội nghị …", captions) is not another one.
    dated_types = {e["type"] for e in events if e["date_iso"]}
    out: dict[tuple, dict] = {}
    for e in events:
        if not e["date_iso"] and e["type"] in dated_types:
            continue
        key = (e["type"], e["date_iso"])
        if key not in out:
            out[key] = e
        elif not out[key]["place"] and e["place"]:
            out[key]["place"] = e["place"]
    return list(out.values())


# --- countries' roles -------------------------------------------------------------------------

_COOPERATION = re.compile(
    r"(?<![\w-])(?:phối hợp|hợp tác|hỗ trợ|ký kết|hội đàm|cùng với|chung tay|thăm|làm việc với|trao trả|dẫn độ|"
    r"joint|cooperat\w*|partner\w*|visit\w*)(?![\w-])",
    re.IGNORECASE,
)
_NATIONALITY = re.compile(
    r"(?:đối tượng|công dân|người|quốc tịch|nghi phạm|bị can)\s+(?:là\s+)?(?:người\s+)?$"
)
_ROLE_ORDER = {"partner": 0, "venue": 1, "nationality_of_suspects": 2, "mentioned": 3}


def find_countries(
    text: str, countries: list[tuple[int, int, str]], sentence_spans: list[tuple[int, int]], gaz: Gazetteer
) -> list[dict]:
    out: dict[str, dict] = {}
    for start, stop, code in countries:
        a, b = next(((a, b) for a, b in sentence_spans if a <= start < b), (start, stop))
        before = text[max(a, start - 30) : start]
        if _NATIONALITY.search(before):
            role = "nationality_of_suspects"
        elif re.search(r"(?:tại|ở|in)\s+$", before) and not re.search(
            r"Đại sứ|Ambassador", text[max(a, start - 60) : start]
        ):
            role = "venue"
        elif _COOPERATION.search(text[a:b]):
            role = "partner"
        else:
            role = "mentioned"
        item = _item(
            text, start, stop, name=gaz.country_names.get(code, text[start:stop]), iso2=code, role=role
        )
        if code not in out:
            out[code] = item
        elif _ROLE_ORDER[role] < _ROLE_ORDER[out[code]["role"]]:
            out[code]["role"] = role
    return list(out.values())


# --- the whole ---------------------------------------------------------------------------------


def _is_english(text: str) -> bool:
    letters = [ch for ch in text[:5000] if ch.isalpha()]
    marked = sum(1 for ch in letters if unicodedata.decomposition(ch) or ch in "đĐ")
    return bool(letters) and marked / len(letters) < 0.03


# Two conventions place the tone mark of a final "oa", "oe", "uy": "hoà" / "hòa", "Uỷ" / "Ủy".
# Matching reads one ("hòa"); the swap keeps the length, so offsets still point into the text.
_OLD_TONES = {
    f"{base}{toned}": f"{unicodedata.normalize('NFC', base + mark)}{plain}"
    for base, pairs in (("o", "aàáảãạ"), ("o", "eèéẻẽẹ"), ("u", "yỳýỷỹỵ"), ("O", "aàáảãạ"), ("U", "yỳýỷỹỵ"))
    for plain, toned, mark in zip(
        pairs[0] * 5, pairs[1:], ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323"), strict=True
    )
}
_OLD_TONE_RE = re.compile(rf"(?<![qQ])(?:{_alternation(_OLD_TONES)})(?![^\W\d_])")


def tone_style(text: str) -> str:
    """ "hoà", "Uỷ", "Thuỵ" as "hòa", "Ủy", "Thụy" (same length: offsets are kept)."""
    return _OLD_TONE_RE.sub(lambda m: _OLD_TONES[m.group()], text)


def _restore_written(text: str, facts: dict) -> None:
    """Evidence (and names as written) from the text itself, not its matching form."""
    for field in FIELDS:
        for item in facts[field]:
            item["evidence"] = text[item["start"] : item["end"]]
            if field == "multilateral_bodies":
                item["as_written"] = item["evidence"]
            elif field == "partner_agencies" and "registry_name" not in item:
                item["name"] = item["evidence"]


def extract_with(text: str, gaz: Gazetteer, published: datetime.date | None = None) -> dict:
    """The facts of ``text`` (NFC) with the given gazetteer. See extract()."""
    original = unicodedata.normalize("NFC", text)
    text = tone_style(original)
    gaz = Gazetteer(
        countries=[Surface(tone_style(s.text), s.key, s.extra) for s in gaz.countries],
        country_names=gaz.country_names,
        bodies=[Surface(tone_style(s.text), s.key, s.extra) for s in gaz.bodies],
        body_acronyms=gaz.body_acronyms,
        agencies=[Surface(tone_style(s.text), s.key, s.extra) for s in gaz.agencies],
        places={tone_style(p) for p in gaz.places},
        source=gaz.source,
    )
    matcher = Matcher(gaz)
    end = article_end(text)
    english = _is_english(text)
    found_published = find_published(text)
    if published is not None:
        published_item = {"date": published.isoformat(), "source": "given"}
        if found_published:
            published_item["found_in_text"] = found_published
    else:
        published_item = found_published
        if found_published:
            published = datetime.date.fromisoformat(found_published["date"])
    spans = sentences(text, end)
    symbols = find_symbols(text, end)
    symbol_spans = [(s["start"], s["end"]) for s in symbols]
    bodies, body_spans = find_bodies(text, end, matcher)
    vietnam = [(m.start(), m.end()) for m in matcher.vietnam_re.finditer(text, 0, end)]
    countries = country_mentions(text, end, matcher, body_spans + vietnam)
    agencies, agency_spans = find_agencies(text, end, matcher, countries, body_spans)
    people = find_people(text, end, matcher, countries, agency_spans, body_spans)
    headlines, headline_spans = find_headlines(text, end, spans, english)
    quantities = find_quantities(text, end, spans, english, headline_spans)
    dates = find_dates(text, end, published)
    events = find_events(text, end, spans, dates, matcher, countries, body_spans, symbol_spans)
    if published_item and "evidence" in published_item:
        published_item["evidence"] = original[published_item["start"] : published_item["end"]]
    facts = {
        "published": published_item,
        "article_end": end,
        "doc_symbols": symbols,
        "partner_countries": find_countries(text, countries, spans, gaz),
        "partner_agencies": agencies,
        "multilateral_bodies": bodies,
        "people": people,
        "events": events,
        "quantities": quantities,
        "headline_counts": headlines,
        "gazetteer": gaz.source,
    }
    _restore_written(original, facts)
    return facts
