"""Vietnamese working days, public holidays and the reporting windows of Decree 09/2019/NĐ-CP.

Pure standard library (no Django), so it can be used anywhere and tested without a database.

Lunar calendar
    Hồ Ngọc Đức's algorithm (astronomical new moons and the sun's longitude, Julian day numbers),
    computed for the meridian of UTC+7, the time zone of the Vietnamese calendar since 1968.
    Results for earlier years are those of that algorithm at UTC+7, which is what the modern
    calendar tables print, but may differ from the calendar actually used at the time.
    Supported range: solar years 1800..2199 (lunar years 1799..2199).

Public holidays (Labour Code 2019, Article 112)
    1/1; Tết: the last day of the lunar year and lunar 1..4 of month 1; the Hùng Kings'
    commemoration (10/3 lunar); 30/4; 1/5; National Day 2/9 plus one adjacent day (1/9 by default).
    The Government sets extra days off, swaps and the compensatory days (Article 111(3): a
    holiday falling on a weekly rest day is compensated on the next working day) every year;
    they are inputs here (``extra_days_off`` / ``working_days``), or ``compensate=True`` adds the
    Article 111(3) days computed for a Monday..Friday week.

Dates are ``datetime.date``; a ``datetime`` passed in is reduced to its date.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache

__all__ = [
    "REPORT_KINDS",
    "WorkCalendar",
    "compensatory_days",
    "leap_month",
    "lunar_month_days",
    "lunar_to_solar",
    "public_holidays",
    "report_window",
    "solar_to_lunar",
    "statutory_holidays",
    "window_containing",
]

TIME_ZONE = 7.0  # hours east of UTC
MIN_YEAR = 1800
MAX_YEAR = 2199

_JD_OFFSET = 1721425  # Julian day number = date.toordinal() + _JD_OFFSET (proleptic Gregorian)
_SYNODIC_MONTH = 29.530588853
_JD_EPOCH_NEW_MOON = 2415021.076998695  # new moon of 1900-01-01 (k = 0)
_DR = math.pi / 180


# --------------------------------------------------------------------------------------------
# Astronomy (Hồ Ngọc Đức, after Jean Meeus)
# --------------------------------------------------------------------------------------------


def _jd(d: date) -> int:
    return d.toordinal() + _JD_OFFSET


def _from_jd(jd: int) -> date:
    return date.fromordinal(jd - _JD_OFFSET)


def _new_moon(k: int) -> float:
    """Julian date (UT) of the k-th new moon after 1900-01-01."""
    t = k / 1236.85
    t2 = t * t
    t3 = t2 * t
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * _DR)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3  # sun's mean anomaly
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3  # moon's mean anomaly
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3  # moon's argument of latitude
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * _DR) + 0.0021 * math.sin(2 * _DR * m)
    c1 = c1 - 0.4068 * math.sin(mpr * _DR) + 0.0161 * math.sin(_DR * 2 * mpr)
    c1 = c1 - 0.0004 * math.sin(_DR * 3 * mpr)
    c1 = c1 + 0.0104 * math.sin(_DR * 2 * f) - 0.0051 * math.sin(_DR * (m + mpr))
    c1 = c1 - 0.0074 * math.sin(_DR * (m - mpr)) + 0.0004 * math.sin(_DR * (2 * f + m))
    c1 = c1 - 0.0004 * math.sin(_DR * (2 * f - m)) - 0.0006 * math.sin(_DR * (2 * f + mpr))
    c1 = c1 + 0.0010 * math.sin(_DR * (2 * f - mpr)) + 0.0005 * math.sin(_DR * (2 * mpr + m))
    if t < -11:
        deltat = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        deltat = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - deltat


@lru_cache(maxsize=8192)
def _new_moon_day(k: int) -> int:
    """Julian day number of the local day (UTC+7) holding the k-th new moon."""
    return math.floor(_new_moon(k) + 0.5 + TIME_ZONE / 24)


def _sun_longitude(jdn: float) -> float:
    """The sun's apparent longitude in radians, 0..2π, at Julian date jdn (UT)."""
    t = (jdn - 2451545.0) / 36525
    t2 = t * t
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(_DR * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(_DR * 2 * m) + 0.000290 * math.sin(_DR * 3 * m)
    lon = (l0 + dl) * _DR
    return lon - 2 * math.pi * math.floor(lon / (2 * math.pi))


def _sun_sector(day_number: int) -> int:
    """Which 30° sector (0..11) the sun is in at the start of the local day."""
    return math.floor(_sun_longitude(day_number - 0.5 - TIME_ZONE / 24) / math.pi * 6)


@lru_cache(maxsize=1024)
def _month11(year: int) -> int:
    """Julian day number of the first day of lunar month 11 (the month holding the winter solstice)."""
    off = _jd(date(year, 12, 31)) - 2415021
    k = math.floor(off / _SYNODIC_MONTH)
    nm = _new_moon_day(k)
    if _sun_sector(nm) >= 9:
        nm = _new_moon_day(k - 1)
    return nm


def _month_k(day_number: int) -> int:
    """The new-moon index k of a month starting on ``day_number``."""
    k = math.floor((day_number - _JD_EPOCH_NEW_MOON) / _SYNODIC_MONTH + 0.5)
    for candidate in (k, k - 1, k + 1):
        if _new_moon_day(candidate) == day_number:
            return candidate
    raise RuntimeError(f"no new moon on Julian day {day_number}")  # pragma: no cover


@lru_cache(maxsize=1024)
def _leap_month_offset(a11: int) -> int:
    """Offset from month 11 (a11) of the first month holding no major solar term."""
    k = _month_k(a11)
    i = 1
    arc = _sun_sector(_new_moon_day(k + i))
    while True:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon_day(k + i))
        if arc == last or i >= 14:
            break
    return i - 1


def _check_year(year: int, lunar: bool = False) -> None:
    # solar 1800-01-01 is still in lunar year 1799
    low = MIN_YEAR - 1 if lunar else MIN_YEAR
    if not low <= year <= MAX_YEAR:
        raise ValueError(f"year {year} outside the supported range {low}..{MAX_YEAR}")


def _as_date(d: date) -> date:
    if isinstance(d, datetime):
        return d.date()
    if not isinstance(d, date):
        raise TypeError(f"expected a date, got {type(d).__name__}")
    return d


# --------------------------------------------------------------------------------------------
# Lunar calendar
# --------------------------------------------------------------------------------------------


def _month_index(month: int, year: int, leap: bool) -> int:
    """The new-moon index k of the first day of the given lunar month."""
    if not 1 <= month <= 12:
        raise ValueError(f"lunar month {month} outside 1..12")
    _check_year(year, lunar=True)
    if month < 11:
        a11, b11 = _month11(year - 1), _month11(year)
    else:
        a11, b11 = _month11(year), _month11(year + 1)
    k = _month_k(a11)
    off = (month - 11) % 12
    if b11 - a11 > 365:  # a 13-month year: one month is repeated (leap)
        leap_off = _leap_month_offset(a11)
        leap_number = (leap_off - 2) % 12
        if leap and month != leap_number:
            raise ValueError(f"lunar year {year} has no leap month {month}")
        if leap or off >= leap_off:
            off += 1
    elif leap:
        raise ValueError(f"lunar year {year} has no leap month {month}")
    return k + off


def lunar_month_days(month: int, year: int, leap: bool = False) -> int:
    """Length (29 or 30) of a lunar month."""
    k = _month_index(month, year, leap)
    return _new_moon_day(k + 1) - _new_moon_day(k)


def leap_month(year: int) -> int | None:
    """The number of the leap month of lunar year ``year``, or None when it has none."""
    _check_year(year, lunar=True)
    for month in range(1, 13):
        try:
            _month_index(month, year, True)
        except ValueError:
            continue
        return month
    return None


def lunar_to_solar(day: int, month: int, year: int, leap: bool = False) -> date:
    """The solar date of a Vietnamese lunar date; ValueError if that lunar date does not exist."""
    k = _month_index(month, year, bool(leap))
    start = _new_moon_day(k)
    length = _new_moon_day(k + 1) - start
    if not 1 <= day <= length:
        raise ValueError(
            f"lunar month {month}{' (leap)' if leap else ''}/{year} has {length} days, not {day}"
        )
    return _from_jd(start + day - 1)


def solar_to_lunar(d: date) -> tuple[int, int, int, bool]:
    """The Vietnamese lunar date ``(day, month, year, leap)`` of a solar date."""
    d = _as_date(d)
    _check_year(d.year)
    day_number = _jd(d)
    # the index k of the month holding the day: start from the mean estimate, then make sure
    # nm(k) <= day < nm(k + 1) (true new moons stray from the mean ones by over half a day)
    k = math.floor((day_number - _JD_EPOCH_NEW_MOON) / _SYNODIC_MONTH)
    while _new_moon_day(k + 1) <= day_number:
        k += 1
    while _new_moon_day(k) > day_number:
        k -= 1
    month_start = _new_moon_day(k)
    a11 = _month11(d.year)
    b11 = a11
    if a11 >= month_start:
        lunar_year = d.year
        a11 = _month11(d.year - 1)
    else:
        lunar_year = d.year + 1
        b11 = _month11(d.year + 1)
    lunar_day = day_number - month_start + 1
    diff = k - _month_k(a11)  # months since month 11
    is_leap = False
    lunar_month = diff + 11
    if b11 - a11 > 365:
        leap_diff = _leap_month_offset(a11)
        if diff >= leap_diff:
            lunar_month = diff + 10
            is_leap = diff == leap_diff
    if lunar_month > 12:
        lunar_month -= 12
    if lunar_month >= 11 and diff < 4:
        lunar_year -= 1
    return lunar_day, lunar_month, lunar_year, is_leap


# --------------------------------------------------------------------------------------------
# Public holidays
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def _statutory(year: int, national_day_extra: int) -> frozenset[date]:
    tet = lunar_to_solar(1, 1, year)
    days = {
        date(year, 1, 1),
        # Tết: the last day of the lunar year (29 or 30 of month 12) and lunar 1..4 of month 1
        *(tet + timedelta(days=i) for i in range(-1, 4)),
        lunar_to_solar(10, 3, year),  # Giỗ Tổ Hùng Vương
        date(year, 4, 30),
        date(year, 5, 1),
        date(year, 9, 2),
        date(year, 9, national_day_extra),
    }
    return frozenset(days)


def statutory_holidays(year: int, national_day_extra: int = 1) -> set[date]:
    """The 11 days of Article 112(1) in ``year``; ``national_day_extra`` is 1 (1/9) or 3 (3/9)."""
    if national_day_extra not in (1, 3):
        raise ValueError("the day adjacent to National Day is 1/9 or 3/9")
    return set(_statutory(year, national_day_extra))


def compensatory_days(holidays: Iterable[date], working_days: Iterable[date] = ()) -> set[date]:
    """Article 111(3): each holiday on a Saturday or Sunday is compensated on the next working day.

    Working days are Monday..Friday plus ``working_days``, minus the holidays and earlier
    compensatory days. (The Government often arranges these differently: check its yearly notice.)
    """
    off = set(holidays)
    worked = set(working_days)
    result: set[date] = set()
    for h in sorted(off):
        if h.weekday() < 5 or h in worked:
            continue
        d = h + timedelta(days=1)
        while d in off or d in result or (d.weekday() >= 5 and d not in worked):
            d += timedelta(days=1)
        result.add(d)
    return result


def public_holidays(
    year: int,
    extra_days_off: Iterable[date] = (),
    working_days: Iterable[date] = (),
    *,
    national_day_extra: int = 1,
    compensate: bool = False,
) -> set[date]:
    """The days off other than ordinary weekends in ``year``.

    Statutory holidays, plus ``extra_days_off`` (Government decisions: swapped days, bridges,
    compensatory days), minus ``working_days`` (days designated as working). Only dates in
    ``year`` are returned. ``compensate`` adds the Article 111(3) compensatory days.
    Weekends are not in the set: a Saturday worked to make up for a swap is a working day of
    :class:`WorkCalendar` (``extra_working_days``), not something removed from this set.
    """
    worked = {_as_date(d) for d in working_days}
    days = statutory_holidays(year, national_day_extra)
    if compensate:
        days |= compensatory_days(days, worked)
    days |= {_as_date(d) for d in extra_days_off}
    days -= worked
    return {d for d in days if d.year == year}


# --------------------------------------------------------------------------------------------
# Working days
# --------------------------------------------------------------------------------------------


class WorkCalendar:
    """Working days: Monday..Friday except public holidays.

    ``extra_days_off`` are days off decided by the Government (any year); ``extra_working_days``
    are days worked although normally off (a Saturday worked to compensate a swap) and win over
    everything else.
    """

    def __init__(
        self,
        extra_days_off: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
        *,
        national_day_extra: int | dict[int, int] = 1,
        compensate: bool = False,
    ) -> None:
        self.extra_days_off = frozenset(_as_date(d) for d in extra_days_off)
        self.extra_working_days = frozenset(_as_date(d) for d in extra_working_days)
        self.national_day_extra = national_day_extra
        self.compensate = compensate
        self._holidays: dict[int, frozenset[date]] = {}

    def __repr__(self) -> str:
        return (
            f"WorkCalendar(extra_days_off={sorted(self.extra_days_off)!r}, "
            f"extra_working_days={sorted(self.extra_working_days)!r})"
        )

    def holidays(self, year: int) -> frozenset[date]:
        """The days off of ``year`` other than ordinary weekends."""
        if year not in self._holidays:
            nd = self.national_day_extra
            if isinstance(nd, dict):
                nd = nd.get(year, 1)
            self._holidays[year] = frozenset(
                public_holidays(
                    year,
                    self.extra_days_off,
                    self.extra_working_days,
                    national_day_extra=nd,
                    compensate=self.compensate,
                )
            )
        return self._holidays[year]

    def is_working_day(self, d: date) -> bool:
        d = _as_date(d)
        if d in self.extra_working_days:
            return True
        if d.weekday() >= 5:
            return False
        return d not in self.holidays(d.year)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        d = _as_date(d) + timedelta(days=1)
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        d = _as_date(d) - timedelta(days=1)
        while not self.is_working_day(d):
            d -= timedelta(days=1)
        return d

    def add_working_days(self, start: date, n: int) -> date:
        """The date ``n`` working days after ``start`` (before it for negative ``n``).

        ``n == 0`` returns ``start`` unchanged, even when it is not a working day; for ``n != 0``
        the result is always a working day and ``start`` itself is never counted.
        """
        d = _as_date(start)
        if n >= 0:
            for _ in range(n):
                d = self.next_working_day(d)
        else:
            for _ in range(-n):
                d = self.previous_working_day(d)
        return d

    def working_days_between(self, a: date, b: date) -> int:
        """The number of working days d with a < d <= b (negative, counted backwards, if b < a).

        So ``working_days_between(d, add_working_days(d, n)) == n``.
        """
        a, b = _as_date(a), _as_date(b)
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        d = a + timedelta(days=1)
        while d <= b:
            if self.is_working_day(d):
                count += 1
            d += timedelta(days=1)
        return count


# --------------------------------------------------------------------------------------------
# Reporting windows (Decree 09/2019/NĐ-CP, Article 12: data cut-off periods)
# --------------------------------------------------------------------------------------------

REPORT_KINDS = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}  # months per period


def _months(kind: str) -> int:
    try:
        return REPORT_KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown report kind {kind!r}; expected one of {sorted(REPORT_KINDS)}") from None


def report_window(kind: str, year: int, period: int = 1) -> tuple[date, date]:
    """The data window ``(start, end)``, both inclusive, of a report.

    month p: 15 of the previous month .. 14 of month p; quarter q: 15 of the month before the
    quarter .. 14 of its last month; half_year 1: 15/12 of the previous year .. 14/6, 2: 15/6 ..
    14/12; year: 15/12 of the previous year .. 14/12.
    """
    n = _months(kind)
    periods = 12 // n
    if not 1 <= period <= periods:
        raise ValueError(f"period {period} of a {kind} report outside 1..{periods}")
    last = period * n
    first = last - n  # the month before the period's first month (0 = December of year - 1)
    start = date(year, first, 15) if first else date(year - 1, 12, 15)
    return start, date(year, last, 14)


def window_containing(kind: str, d: date) -> tuple[int, int, date, date]:
    """``(year, period, start, end)`` of the ``kind`` report window holding ``d``."""
    n = _months(kind)
    d = _as_date(d)
    year, month = d.year, d.month
    if d.day >= 15:  # from the 15th the data belongs to the next month's report
        month += 1
        if month > 12:
            year, month = year + 1, 1
    period = (month - 1) // n + 1
    start, end = report_window(kind, year, period)
    return year, period, start, end
