"""Tests of core.workdays: lunar conversion, holidays, working days, reporting windows (no DB)."""

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.workdays import (
    WorkCalendar,
    compensatory_days,
    leap_month,
    lunar_month_days,
    lunar_to_solar,
    public_holidays,
    report_window,
    solar_to_lunar,
    statutory_holidays,
    window_containing,
)

TET = {
    2020: date(2020, 1, 25),
    2021: date(2021, 2, 12),
    2022: date(2022, 2, 1),
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
}
HUNG_KINGS = {2024: date(2024, 4, 18), 2025: date(2025, 4, 7), 2026: date(2026, 4, 26)}

# ------------------------------------------------------------------------------------------
# Lunar calendar
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("year", "tet"), TET.items())
def test_tet(year, tet):
    assert lunar_to_solar(1, 1, year) == tet
    assert solar_to_lunar(tet) == (1, 1, year, False)
    # the day before is the last day of the previous lunar year
    day, month, lunar_year, leap = solar_to_lunar(tet - timedelta(days=1))
    assert (month, lunar_year, leap) == (12, year - 1, False)
    assert day in (29, 30)
    assert day == lunar_month_days(12, year - 1)


@pytest.mark.parametrize(("year", "day"), HUNG_KINGS.items())
def test_hung_kings(year, day):
    assert lunar_to_solar(10, 3, year) == day
    assert solar_to_lunar(day) == (10, 3, year, False)


def test_known_divergences_from_the_chinese_calendar():
    # Vietnam (UTC+7) and China (UTC+8) celebrated Tết on different days in these years
    assert lunar_to_solar(1, 1, 1985) == date(1985, 1, 21)
    assert lunar_to_solar(1, 1, 2007) == date(2007, 2, 17)
    assert lunar_to_solar(1, 1, 1968) == date(1968, 1, 29)


def test_leap_months():
    assert leap_month(2020) == 4
    assert leap_month(2023) == 2
    assert leap_month(2025) == 6
    assert leap_month(2024) is None
    assert leap_month(2026) is None
    assert lunar_to_solar(1, 6, 2025, leap=True) == date(2025, 7, 25)
    assert solar_to_lunar(date(2025, 7, 25)) == (1, 6, 2025, True)
    assert lunar_to_solar(1, 7, 2025) == date(2025, 8, 23)


def test_month_12_of_at_ty_has_29_days():
    assert lunar_month_days(12, 2025) == 29
    assert solar_to_lunar(date(2026, 2, 16)) == (29, 12, 2025, False)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((1, 5, 2025, True), "no leap month"),
        ((1, 6, 2024, True), "no leap month"),
        ((30, 12, 2025, False), "has 29 days"),
        ((0, 1, 2025, False), "has 30 days"),
        ((1, 13, 2025, False), "outside 1..12"),
        ((1, 1, 2300, False), "outside the supported range"),
    ],
)
def test_invalid_lunar_dates(args, message):
    with pytest.raises(ValueError, match=message):
        lunar_to_solar(*args)


def test_solar_to_lunar_accepts_datetimes_and_rejects_other_types():
    from datetime import datetime

    assert solar_to_lunar(datetime(2025, 1, 29, 23, 59)) == (1, 1, 2025, False)
    with pytest.raises(TypeError):
        solar_to_lunar("2025-01-29")


@st.composite
def lunar_dates(draw):
    year = draw(st.integers(1900, 2100))
    month = draw(st.integers(1, 12))
    leap = leap_month(year) == month and draw(st.booleans())
    day = draw(st.integers(1, lunar_month_days(month, year, leap)))
    return day, month, year, leap


@given(lunar_dates())
@settings(max_examples=500)
def test_lunar_round_trip(lunar):
    assert solar_to_lunar(lunar_to_solar(*lunar)) == lunar


@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)))
@settings(max_examples=500)
def test_solar_round_trip(d):
    day, month, year, leap = solar_to_lunar(d)
    assert 1 <= day <= 30
    assert lunar_to_solar(day, month, year, leap) == d


def test_every_day_of_a_decade_follows_the_previous_one():
    d = date(2020, 1, 1)
    prev = solar_to_lunar(d)
    while d < date(2030, 12, 31):
        d += timedelta(days=1)
        cur = solar_to_lunar(d)
        if cur[0] == 1:
            assert prev[0] in (29, 30)
        else:
            assert cur == (prev[0] + 1, *prev[1:])
        prev = cur


# ------------------------------------------------------------------------------------------
# Public holidays
# ------------------------------------------------------------------------------------------

HOLIDAYS_2025 = {
    date(2025, 1, 1),  # New Year
    date(2025, 1, 28),  # 29 tháng Chạp Giáp Thìn (month 12 has 29 days)
    date(2025, 1, 29),  # mùng 1 Tết Ất Tỵ
    date(2025, 1, 30),
    date(2025, 1, 31),
    date(2025, 2, 1),  # mùng 4 (a Saturday)
    date(2025, 4, 7),  # Giỗ Tổ Hùng Vương
    date(2025, 4, 30),
    date(2025, 5, 1),
    date(2025, 9, 1),
    date(2025, 9, 2),
}
HOLIDAYS_2026 = {
    date(2026, 1, 1),
    date(2026, 2, 16),  # 29 tháng Chạp Ất Tỵ (month 12 has 29 days)
    date(2026, 2, 17),  # mùng 1 Tết Bính Ngọ
    date(2026, 2, 18),
    date(2026, 2, 19),
    date(2026, 2, 20),
    date(2026, 4, 26),  # Giỗ Tổ Hùng Vương (a Sunday)
    date(2026, 4, 30),
    date(2026, 5, 1),
    date(2026, 9, 1),
    date(2026, 9, 2),
}


def test_holidays_2025():
    assert public_holidays(2025) == HOLIDAYS_2025


def test_holidays_2026():
    assert public_holidays(2026) == HOLIDAYS_2026


def test_tet_with_a_30_day_month_12():
    # month 12 of Quý Mão (2023) has 30 days: Tết 2024 starts on 30 tháng Chạp
    assert lunar_month_days(12, 2023) == 30
    assert {date(2024, 2, 9), date(2024, 2, 13)} <= public_holidays(2024)
    assert date(2024, 2, 8) not in public_holidays(2024)


def test_national_day_adjacent_day():
    assert date(2026, 9, 3) in statutory_holidays(2026, national_day_extra=3)
    assert date(2026, 9, 1) not in statutory_holidays(2026, national_day_extra=3)
    with pytest.raises(ValueError):
        statutory_holidays(2026, national_day_extra=4)


def test_extra_days_off_and_working_days():
    # 2025: Friday 2/5 off, swapped with Saturday 26/4
    days = public_holidays(
        2025, extra_days_off=[date(2025, 5, 2), date(2024, 12, 31)], working_days=[date(2025, 9, 1)]
    )
    assert days == (HOLIDAYS_2025 | {date(2025, 5, 2)}) - {date(2025, 9, 1)}


def test_compensatory_days():
    assert public_holidays(2026, compensate=True) - HOLIDAYS_2026 == {date(2026, 4, 27)}
    assert public_holidays(2025, compensate=True) - HOLIDAYS_2025 == {date(2025, 2, 3)}
    # a holiday on a Saturday and one on a Sunday: Monday and Tuesday
    assert compensatory_days({date(2026, 5, 2), date(2026, 5, 3)}) == {date(2026, 5, 4), date(2026, 5, 5)}


# ------------------------------------------------------------------------------------------
# Working days
# ------------------------------------------------------------------------------------------

CAL = WorkCalendar()


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 2, 13), 0, date(2026, 2, 13)),
        (date(2026, 2, 14), 0, date(2026, 2, 14)),  # n = 0 returns start even on a Saturday
        # Tết 2026: weekend 14-15/2, Tết 16-20/2, weekend 21-22/2
        (date(2026, 2, 13), 1, date(2026, 2, 23)),
        (date(2026, 2, 12), 2, date(2026, 2, 23)),
        (date(2026, 2, 13), 5, date(2026, 2, 27)),
        (date(2026, 2, 17), 1, date(2026, 2, 23)),  # from inside the holiday
        # 30/4-1/5 2025 (Wednesday, Thursday)
        (date(2025, 4, 29), 1, date(2025, 5, 2)),
        (date(2025, 4, 29), 2, date(2025, 5, 5)),
        # 30/4-1/5 2026 (Thursday, Friday)
        (date(2026, 4, 29), 1, date(2026, 5, 4)),
        # Giỗ Tổ 2025 (Monday 7/4)
        (date(2025, 4, 4), 1, date(2025, 4, 8)),
        # month ends
        (date(2025, 1, 31), 1, date(2025, 2, 3)),  # Friday 31/1 is Tết; 3/2 the first working day
        (date(2025, 3, 31), 1, date(2025, 4, 1)),
        (date(2025, 6, 30), 3, date(2025, 7, 3)),
        # leap year 2024
        (date(2024, 2, 28), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 1, date(2024, 3, 1)),
        (date(2024, 2, 27), 3, date(2024, 3, 1)),
        # year ends: 1/1 is a holiday
        (date(2025, 12, 31), 1, date(2026, 1, 2)),
        (date(2024, 12, 31), 1, date(2025, 1, 2)),
        (date(2026, 12, 31), 1, date(2027, 1, 4)),  # Friday 1/1/2027, then the weekend
        # National Day 2025: Monday 1/9 and Tuesday 2/9
        (date(2025, 8, 29), 1, date(2025, 9, 3)),
        # backwards
        (date(2026, 2, 23), -1, date(2026, 2, 13)),
        (date(2025, 1, 2), -1, date(2024, 12, 31)),
    ],
)
def test_add_working_days(start, n, expected):
    assert CAL.add_working_days(start, n) == expected
    if n:
        assert CAL.working_days_between(start, expected) == n


def test_is_working_day():
    assert CAL.is_working_day(date(2026, 2, 13))
    assert not CAL.is_working_day(date(2026, 2, 16))
    assert not CAL.is_working_day(date(2026, 2, 14))
    assert not CAL.is_working_day(date(2026, 9, 1))
    assert CAL.is_working_day(date(2026, 9, 3))


def test_next_working_day():
    assert CAL.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)
    assert CAL.next_working_day(date(2026, 2, 9)) == date(2026, 2, 10)  # strictly after
    assert CAL.next_working_day(date(2025, 4, 29)) == date(2025, 5, 2)


def test_extra_days_off_and_extra_working_days():
    # 2025: Friday 2/5 off, Saturday 26/4 worked instead
    cal = WorkCalendar(extra_days_off=[date(2025, 5, 2)], extra_working_days=[date(2025, 4, 26)])
    assert cal.is_working_day(date(2025, 4, 26))
    assert not cal.is_working_day(date(2025, 5, 2))
    assert cal.add_working_days(date(2025, 4, 25), 1) == date(2025, 4, 26)
    assert cal.add_working_days(date(2025, 4, 29), 1) == date(2025, 5, 5)
    # an extra working day wins over a holiday
    assert WorkCalendar(extra_working_days=[date(2025, 9, 1)]).is_working_day(date(2025, 9, 1))


def test_calendar_options():
    cal = WorkCalendar(national_day_extra={2026: 3}, compensate=True)
    assert cal.is_working_day(date(2026, 9, 1))
    assert not cal.is_working_day(date(2026, 9, 3))
    assert not cal.is_working_day(date(2025, 9, 1))  # default for other years
    assert not cal.is_working_day(date(2026, 4, 27))  # compensates Sunday 26/4


def test_working_days_between():
    assert CAL.working_days_between(date(2026, 2, 13), date(2026, 2, 13)) == 0
    assert CAL.working_days_between(date(2026, 2, 13), date(2026, 2, 22)) == 0
    assert CAL.working_days_between(date(2026, 2, 1), date(2026, 2, 28)) == 15  # 20 weekdays - 5 Tết
    assert CAL.working_days_between(date(2026, 2, 28), date(2026, 2, 1)) == -15
    assert CAL.working_days_between(date(2024, 12, 31), date(2025, 12, 31)) == 261 - len(
        [d for d in HOLIDAYS_2025 if d.weekday() < 5]
    )


dates = st.dates(date(1950, 1, 1), date(2150, 12, 31))


@given(dates, st.integers(1, 60))
@settings(max_examples=200, deadline=None)
def test_add_working_days_lands_on_working_days(d, n):
    assert CAL.is_working_day(CAL.add_working_days(d, n))
    assert CAL.is_working_day(CAL.add_working_days(d, -n))


@given(dates, st.integers(0, 60))
@settings(max_examples=200, deadline=None)
def test_working_days_between_inverts_add(d, n):
    if not CAL.is_working_day(d):
        d = CAL.next_working_day(d)
    later = CAL.add_working_days(d, n)
    assert CAL.working_days_between(d, later) == n
    assert CAL.add_working_days(later, -n) == d


# ------------------------------------------------------------------------------------------
# Reporting windows (Decree 09/2019/NĐ-CP)
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "year", "period", "expected"),
    [
        ("month", 2025, 1, (date(2024, 12, 15), date(2025, 1, 14))),
        ("month", 2025, 3, (date(2025, 2, 15), date(2025, 3, 14))),
        ("month", 2025, 12, (date(2025, 11, 15), date(2025, 12, 14))),
        ("quarter", 2025, 1, (date(2024, 12, 15), date(2025, 3, 14))),
        ("quarter", 2025, 2, (date(2025, 3, 15), date(2025, 6, 14))),
        ("quarter", 2025, 4, (date(2025, 9, 15), date(2025, 12, 14))),
        ("half_year", 2025, 1, (date(2024, 12, 15), date(2025, 6, 14))),
        ("half_year", 2025, 2, (date(2025, 6, 15), date(2025, 12, 14))),
        ("year", 2025, 1, (date(2024, 12, 15), date(2025, 12, 14))),
    ],
)
def test_report_window(kind, year, period, expected):
    assert report_window(kind, year, period) == expected


@pytest.mark.parametrize(
    ("kind", "period"), [("month", 0), ("month", 13), ("quarter", 5), ("half_year", 3), ("year", 2)]
)
def test_report_window_rejects_bad_periods(kind, period):
    with pytest.raises(ValueError, match="period"):
        report_window(kind, 2025, period)


def test_report_window_rejects_unknown_kinds():
    with pytest.raises(ValueError, match="unknown report kind"):
        report_window("week", 2025, 1)


@pytest.mark.parametrize(
    ("kind", "d", "expected"),
    [
        ("month", date(2024, 12, 15), (2025, 1, date(2024, 12, 15), date(2025, 1, 14))),
        ("month", date(2024, 12, 14), (2024, 12, date(2024, 11, 15), date(2024, 12, 14))),
        ("month", date(2025, 1, 14), (2025, 1, date(2024, 12, 15), date(2025, 1, 14))),
        ("quarter", date(2025, 3, 14), (2025, 1, date(2024, 12, 15), date(2025, 3, 14))),
        ("quarter", date(2025, 3, 15), (2025, 2, date(2025, 3, 15), date(2025, 6, 14))),
        ("half_year", date(2025, 12, 20), (2026, 1, date(2025, 12, 15), date(2026, 6, 14))),
        ("year", date(2025, 12, 14), (2025, 1, date(2024, 12, 15), date(2025, 12, 14))),
        ("year", date(2025, 12, 15), (2026, 1, date(2025, 12, 15), date(2026, 12, 14))),
    ],
)
def test_window_containing(kind, d, expected):
    assert window_containing(kind, d) == expected


@given(
    st.dates(date(1900, 1, 1), date(2100, 12, 31)), st.sampled_from(["month", "quarter", "half_year", "year"])
)
def test_every_date_is_in_exactly_one_window(d, kind):
    year, period, start, end = window_containing(kind, d)
    assert start <= d <= end
    assert report_window(kind, year, period) == (start, end)
    periods = {"month": 12, "quarter": 4, "half_year": 2, "year": 1}[kind]
    holding = [
        (y, p)
        for y in (d.year - 1, d.year, d.year + 1)
        for p in range(1, periods + 1)
        if report_window(kind, y, p)[0] <= d <= report_window(kind, y, p)[1]
    ]
    assert holding == [(year, period)]


@pytest.mark.parametrize("kind", ["month", "quarter", "half_year", "year"])
def test_windows_tile_the_years(kind):
    periods = {"month": 12, "quarter": 4, "half_year": 2, "year": 1}[kind]
    windows = [report_window(kind, y, p) for y in range(2023, 2027) for p in range(1, periods + 1)]
    for (_, end), (start, _) in pairwise(windows):
        assert start == end + timedelta(days=1)
