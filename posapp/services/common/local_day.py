"""The store's local day: its time zone, a moment's local date, a day's bounds in UTC.

Shifts, reports and the schedulers all count "today" in the store's zone; this is the
one place that says how, below every domain that needs it. A day closed by its Z takes
nothing more at that terminal (`refuse_closed_day`: a shift's opening, a tip).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Setting, ZReport
from posapp.core.errors import DayClosed
from posapp.services.common.counter_settings import KEY as SETTINGS_KEY
from posapp.services.common.counter_settings import CounterSettings


def store_timezone(session: Session) -> str:
    """The counter's time zone, read through `session` (the settings' default if unset)."""
    row = session.get(Setting, SETTINGS_KEY)
    if row is None:
        return CounterSettings().timezone
    zone: str = json.loads(row.value).get("timezone", CounterSettings().timezone)
    return zone


def local_day(moment: datetime, timezone: str) -> date:
    return moment.astimezone(ZoneInfo(timezone)).date()


def day_bounds(day: date, timezone: str) -> tuple[datetime, datetime]:
    """The local day as [start, end) in UTC."""
    zone = ZoneInfo(timezone)
    start = datetime.combine(day, time(0), zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), zone).astimezone(UTC)
    return start, end


def refuse_closed_day(session: Session, terminal_id: int, now: datetime) -> None:
    """DayClosed when the terminal's Z of `now`'s local day is already made."""
    day = local_day(now, store_timezone(session))
    z = session.scalars(
        select(ZReport).where(ZReport.terminal_id == terminal_id, ZReport.day == day)
    ).first()
    if z is not None:
        raise DayClosed(day=day.strftime("%d/%m/%Y"), number=z.number)
