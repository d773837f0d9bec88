"""Money, days and moments as the counter's language writes them (babel)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

from posapp.core.money import format_money

STORE_ZONE = "America/Sao_Paulo"


def money(centavos: int, locale: str) -> str:
    """pt_BR 'R$ 1.234,56'; en 'R$1,234.56'."""
    return format_money(centavos, locale)


def day(value: date | datetime, locale: str, timezone: str = STORE_ZONE) -> str:
    """pt_BR '02/03/2026'; en 'Mar 2, 2026' (a moment is first moved to the store's zone)."""
    if isinstance(value, datetime):
        value = value.astimezone(ZoneInfo(timezone)).date()
    width = "short" if locale.startswith("pt") else "medium"
    return _plain_spaces(str(format_date(value, width, locale=locale)))


def moment(value: datetime, locale: str, timezone: str = STORE_ZONE) -> str:
    """pt_BR '02/03/2026 10:00'; en 'Mar 2, 2026 10:00 AM', in the store's zone."""
    local = value.astimezone(ZoneInfo(timezone))
    time = str(format_time(local, "short", locale=locale))
    return f"{day(local, locale, timezone)} {_plain_spaces(time)}"


def _plain_spaces(text: str) -> str:
    """CLDR's narrow and no-break spaces (as in '10:00\u202fAM') as plain spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")
