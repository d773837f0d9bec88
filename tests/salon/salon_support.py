"""A salon on a real SQLite file: two professionals with a working week, a client or two."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from posapp.core.agenda import DayHours
from posapp.services.agenda.hours import set_week
from posapp.services.common.auth import Role, add_staff
from tests.support import MANAGER_PIN, MovableClock, Shop, open_shop

ZONE = ZoneInfo("America/Sao_Paulo")
MONDAY = date(2026, 3, 2)
"""The shop's clock starts on this Monday, 10:00 in São Paulo."""
WORKDAY = DayHours(9 * 60, 18 * 60, 12 * 60, 13 * 60)
"""09:00 to 18:00 with lunch from 12:00 to 13:00."""


@dataclass
class Salon:
    shop: Shop
    paula: int
    rita: int
    ana: int
    bruno: int


def at(day: date, hh: int, mm: int = 0) -> datetime:
    """A local wall-clock time of the salon as an aware UTC datetime."""
    return datetime.combine(day, time(hh, mm), ZONE).astimezone(UTC)


def open_salon(path: Path) -> Salon:
    shop = open_shop(path, "salon", MovableClock(at(MONDAY, 8)))
    with shop.station.write() as session:
        rita = add_staff(session, "Rita Cabeleireira", Role.PROFESSIONAL, "3333", shop.clock()).id
    week = {day: WORKDAY for day in range(6)}  # Monday to Saturday; Sunday off
    set_week(shop.station, shop.professional_id, week, MANAGER_PIN)
    set_week(shop.station, rita, week, MANAGER_PIN)
    ana = shop.enrol(
        "Ana Lima", phone="11912345678", email="ana@example.com", marketing_consent=True
    )
    bruno = shop.enrol("Bruno Dias", phone="11987654321")
    return Salon(shop, shop.professional_id, rita, ana, bruno)
