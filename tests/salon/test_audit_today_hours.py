"""Audit of 01d7a11: the hours the book widens to are the hours worked that day."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from posapp.core.agenda import DayHours
from posapp.services.agenda.hours import set_day_off, set_week, working_span
from tests.salon.salon_support import MONDAY, WORKDAY, open_salon
from tests.support import MANAGER_PIN


def test_a_professional_off_that_day_does_not_widen_the_book(tmp_path: Path) -> None:
    """Paula works from 06:30 on Mondays but is off this Monday (holiday): nobody works
    before Rita's hours that day, so the book need not start at 06:00 with empty rows
    nobody can book (the counter refuses Paula on her day off). Next Monday she is back."""
    salon = open_salon(tmp_path / "salon.sqlite")
    station = salon.shop.station
    early = {day: WORKDAY for day in range(6)} | {0: DayHours(6 * 60 + 30, 18 * 60)}
    set_week(station, salon.paula, early, MANAGER_PIN)
    set_day_off(station, salon.paula, MONDAY, MANAGER_PIN)
    both = [salon.paula, salon.rita]

    assert working_span(station, both, [MONDAY]) == (WORKDAY.start, WORKDAY.end)
    week = [MONDAY + timedelta(days=n) for n in range(7)]
    assert working_span(station, [salon.paula], week) == (WORKDAY.start, WORKDAY.end)
    assert working_span(station, [salon.paula], [MONDAY]) is None
    next_monday = MONDAY + timedelta(days=7)
    assert working_span(station, both, [next_monday]) == (6 * 60 + 30, max(18 * 60, WORKDAY.end))
