"""The store's local day: its time zone, a moment's local date, a day's bounds in UTC.

Shifts, reports and the schedulers all count "today" in the store's zone; this is the
one place that says how, below every domain that needs it.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from db.models import Setting
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
