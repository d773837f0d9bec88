"""The Brazilian commercial calendar, computed for any year.

Every date is derived from a rule (a fixed day, the n-th weekday of a month,
Easter's computus, the day after US Thanksgiving), never from a table per year,
so the calendar keeps working in 2040. Each date carries a suggested campaign
window, the range a manager starts from when creating a campaign for it.

The windows are our guesses at common Brazilian retail practice (the week
before a gift date, the "Black Week" around Black Friday, the first weeks of
December up to Christmas Eve); every one is only a starting point, edited in
the campaign itself.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)


@dataclass(frozen=True, slots=True)
class CommercialDate:
    """One commercial date of one year and the campaign window we suggest for it."""

    key: str
    name_pt_BR: str
    name_en: str
    day: datetime.date
    window_starts: datetime.date
    window_ends: datetime.date
    """Inclusive, in the store's local dates."""

    def name(self, locale: str = "pt_BR") -> str:
        return self.name_pt_BR if locale.startswith("pt") else self.name_en


def easter(year: int) -> datetime.date:
    """Easter Sunday (Gregorian), by the anonymous Gregorian computus (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime.date:
    """The n-th (1-based) `weekday` (Monday = 0) of a month: 2nd Sunday of May, etc."""
    if not 1 <= n <= 5:
        raise ValueError("n must be between 1 and 5")
    first = datetime.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    day = first + datetime.timedelta(days=offset + 7 * (n - 1))
    if day.month != month:
        raise ValueError(f"month {month}/{year} has no {n}th weekday {weekday}")
    return day


def black_friday(year: int) -> datetime.date:
    """The day after US Thanksgiving (the 4th Thursday of November)."""
    return nth_weekday(year, 11, THURSDAY, 4) + datetime.timedelta(days=1)


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


@dataclass(frozen=True, slots=True)
class _Rule:
    key: str
    name_pt_BR: str
    name_en: str
    day: Callable[[int], datetime.date]
    window: Callable[[datetime.date], tuple[datetime.date, datetime.date]]


def _week_before(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The six days before and the day itself."""
    return day - _days(6), day


def _two_weeks_before(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    return day - _days(13), day


def _black_week(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Monday to Sunday around Black Friday."""
    return day - _days(4), day + _days(2)


def _the_day(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    return day, day


def _christmas(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Two weeks up to Christmas Eve: stores close on the 25th."""
    return day - _days(14), day - _days(1)


_RULES: tuple[_Rule, ...] = (
    _Rule(
        "dia_da_mulher",
        "Dia Internacional da Mulher",
        "International Women's Day",
        lambda y: datetime.date(y, 3, 8),
        _week_before,
    ),
    _Rule(
        "dia_do_consumidor",
        "Dia do Consumidor",
        "Consumer Day",
        lambda y: datetime.date(y, 3, 15),
        _week_before,
    ),
    _Rule("pascoa", "Páscoa", "Easter", easter, _week_before),
    _Rule(
        "dia_das_maes",
        "Dia das Mães",
        "Mother's Day",
        lambda y: nth_weekday(y, 5, SUNDAY, 2),
        _two_weeks_before,
    ),
    _Rule(
        "dia_dos_namorados",
        "Dia dos Namorados",
        "Valentine's Day (Brazil)",
        lambda y: datetime.date(y, 6, 12),
        _week_before,
    ),
    _Rule(
        "dia_dos_pais",
        "Dia dos Pais",
        "Father's Day",
        lambda y: nth_weekday(y, 8, SUNDAY, 2),
        _week_before,
    ),
    _Rule(
        "dia_do_cliente",
        "Dia do Cliente",
        "Customer Day",
        lambda y: datetime.date(y, 9, 15),
        _week_before,
    ),
    _Rule(
        "dia_das_criancas",
        "Dia das Crianças",
        "Children's Day",
        lambda y: datetime.date(y, 10, 12),
        _week_before,
    ),
    _Rule("black_friday", "Black Friday", "Black Friday", black_friday, _black_week),
    _Rule(
        "cyber_monday",
        "Cyber Monday",
        "Cyber Monday",
        lambda y: black_friday(y) + _days(3),
        _the_day,
    ),
    _Rule("natal", "Natal", "Christmas", lambda y: datetime.date(y, 12, 25), _christmas),
)

KEYS: tuple[str, ...] = tuple(rule.key for rule in _RULES)


def commercial_calendar(year: int) -> list[CommercialDate]:
    """Every commercial date of `year`, in date order."""
    dates = []
    for rule in _RULES:
        day = rule.day(year)
        starts, ends = rule.window(day)
        dates.append(CommercialDate(rule.key, rule.name_pt_BR, rule.name_en, day, starts, ends))
    return sorted(dates, key=lambda d: (d.day, d.key))


def commercial_date(key: str, year: int) -> CommercialDate:
    for date in commercial_calendar(year):
        if date.key == key:
            return date
    raise KeyError(key)


def upcoming(today: datetime.date, within_days: int = 60) -> list[CommercialDate]:
    """The dates whose window has not ended and that fall within `within_days` of today.

    Looks into next year too, so in December the calendar already shows
    Women's Day and Consumer Day when they are close enough.
    """
    horizon = today + _days(within_days)
    found = [
        date
        for year in (today.year, today.year + 1)
        for date in commercial_calendar(year)
        if date.window_ends >= today and date.window_starts <= horizon
    ]
    return sorted(found, key=lambda d: (d.day, d.key))
