import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.core.commercial_dates import (
    KEYS,
    SUNDAY,
    THURSDAY,
    commercial_calendar,
    commercial_date,
    easter,
    nth_weekday,
    upcoming,
)

D = datetime.date
years = st.integers(1900, 2200)


def days_of(year: int) -> dict[str, datetime.date]:
    return {d.key: d.day for d in commercial_calendar(year)}


def test_2026_dates_known_from_the_printed_calendar() -> None:
    assert days_of(2026) == {
        "dia_da_mulher": D(2026, 3, 8),
        "dia_do_consumidor": D(2026, 3, 15),
        "pascoa": D(2026, 4, 5),
        "dia_das_maes": D(2026, 5, 10),
        "dia_dos_namorados": D(2026, 6, 12),
        "dia_dos_pais": D(2026, 8, 9),
        "dia_do_cliente": D(2026, 9, 15),
        "dia_das_criancas": D(2026, 10, 12),
        "black_friday": D(2026, 11, 27),
        "cyber_monday": D(2026, 11, 30),
        "natal": D(2026, 12, 25),
    }


@pytest.mark.parametrize(
    ("year", "day"),
    [
        (2024, D(2024, 3, 31)),
        (2025, D(2025, 4, 20)),
        (2026, D(2026, 4, 5)),
        (2027, D(2027, 3, 28)),
        (2038, D(2038, 4, 25)),  # the latest possible
        (2285, D(2285, 3, 22)),  # the earliest possible
        (2000, D(2000, 4, 23)),
    ],
)
def test_easter_matches_published_dates(year: int, day: datetime.date) -> None:
    assert easter(year) == day


def test_other_years_mothers_day_and_black_friday() -> None:
    assert days_of(2025)["dia_das_maes"] == D(2025, 5, 11)
    assert days_of(2025)["black_friday"] == D(2025, 11, 28)
    assert days_of(2024)["black_friday"] == D(2024, 11, 29)
    assert days_of(2027)["dia_dos_pais"] == D(2027, 8, 8)


def test_names_and_suggested_windows() -> None:
    maes = commercial_date("dia_das_maes", 2026)
    assert maes.name("pt_BR") == "Dia das Mães"
    assert maes.name("en") == "Mother's Day"
    assert (maes.window_starts, maes.window_ends) == (D(2026, 4, 27), D(2026, 5, 10))
    black = commercial_date("black_friday", 2026)
    assert (black.window_starts, black.window_ends) == (D(2026, 11, 23), D(2026, 11, 29))
    natal = commercial_date("natal", 2026)
    assert natal.window_ends == D(2026, 12, 24)
    with pytest.raises(KeyError):
        commercial_date("carnaval", 2026)


def test_upcoming_crosses_the_new_year_and_drops_past_windows() -> None:
    soon = upcoming(D(2026, 12, 20), within_days=80)
    assert [d.key for d in soon] == ["natal", "dia_da_mulher", "dia_do_consumidor"]
    assert soon[1].day == D(2027, 3, 8)
    assert "natal" not in [d.key for d in upcoming(D(2026, 12, 25))]


def test_nth_weekday_refuses_a_fifth_that_does_not_exist() -> None:
    assert nth_weekday(2026, 5, SUNDAY, 5) == D(2026, 5, 31)
    with pytest.raises(ValueError):
        nth_weekday(2026, 2, SUNDAY, 5)


@given(years)
def test_every_date_falls_on_its_weekday_and_inside_its_window(year: int) -> None:
    found = {d.key: d for d in commercial_calendar(year)}
    assert set(found) == set(KEYS)
    assert found["pascoa"].day.weekday() == SUNDAY
    assert D(year, 3, 22) <= found["pascoa"].day <= D(year, 4, 25)
    for key, month in (("dia_das_maes", 5), ("dia_dos_pais", 8)):
        day = found[key].day
        assert day.weekday() == SUNDAY and day.month == month and 8 <= day.day <= 14
    thanksgiving = found["black_friday"].day - datetime.timedelta(days=1)
    assert thanksgiving.weekday() == THURSDAY and 22 <= thanksgiving.day <= 28
    assert found["cyber_monday"].day.weekday() == 0
    for date in found.values():
        assert date.day.year == year
        assert date.window_starts <= date.window_ends
        assert date.window_starts <= date.day
        assert date.window_ends >= date.day or date.key == "natal"  # stores close on the 25th
        assert (date.window_ends - date.window_starts).days < 15
