"""A day closed by its Z report takes nothing more at that terminal.

Below cash and the salon, so a shift's opening and a tip (which the Z of its day must
count) refuse a closed day the same way.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import ZReport
from posapp.core.errors import DayClosed
from posapp.services.common.local_day import local_day, store_timezone


def refuse_closed_day(session: Session, terminal_id: int, now: datetime) -> None:
    """DayClosed when the terminal's Z of `now`'s local day is already made."""
    day = local_day(now, store_timezone(session))
    z = session.scalars(
        select(ZReport).where(ZReport.terminal_id == terminal_id, ZReport.day == day)
    ).first()
    if z is not None:
        raise DayClosed(day=day.strftime("%d/%m/%Y"), number=z.number)
