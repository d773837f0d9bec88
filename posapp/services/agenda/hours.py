"""Each professional's working week (hours and a break per weekday) and days off."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.salon_models import TimeOff, WorkHours
from posapp.core.agenda import DayHours
from posapp.services.common import audit
from posapp.services.common.auth import authorize_manager
from posapp.services.common.station import Station


def set_week(
    station: Station, staff_id: int, week: Mapping[int, DayHours | None], manager_pin: str
) -> None:
    """Replace a professional's week: weekday (0 Monday) to hours, None or absent a day off.
    An empty `week` lifts every limit (the professional is bookable at any time)."""
    now = station.now()
    with station.write() as session:
        manager = authorize_manager(session, manager_pin, "agenda.hours", now)
        session.execute(delete(WorkHours).where(WorkHours.staff_id == staff_id))
        for weekday, hours in sorted(week.items()):
            if not 0 <= weekday <= 6:
                raise ValueError(f"not a weekday: {weekday}")
            if hours is None:
                continue
            session.add(
                WorkHours(
                    staff_id=staff_id,
                    weekday=weekday,
                    start_min=hours.start,
                    end_min=hours.end,
                    break_start_min=hours.break_start,
                    break_end_min=hours.break_end,
                )
            )
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="agenda.hours",
            staff_id=manager.id,
            authorized_by_id=manager.id,
            target=f"staff:{staff_id}",
            days=sorted(day for day, hours in week.items() if hours is not None),
        )


def set_day_off(
    station: Station, staff_id: int, day: date, manager_pin: str, off: bool = True
) -> None:
    now = station.now()
    with station.write() as session:
        manager = authorize_manager(session, manager_pin, "agenda.day_off", now)
        session.execute(delete(TimeOff).where(TimeOff.staff_id == staff_id, TimeOff.day == day))
        if off:
            session.add(TimeOff(staff_id=staff_id, day=day))
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="agenda.day_off" if off else "agenda.day_on",
            staff_id=manager.id,
            authorized_by_id=manager.id,
            target=f"staff:{staff_id}",
            day=day.isoformat(),
        )


def hours_on(session: Session, staff_id: int, day: date) -> DayHours | bool | None:
    """The professional's hours on `day`; None a day off; True when no week is set (any time)."""
    if session.scalar(select(TimeOff.id).where(TimeOff.staff_id == staff_id, TimeOff.day == day)):
        return None
    rows = session.scalars(select(WorkHours).where(WorkHours.staff_id == staff_id)).all()
    if not rows:
        return True
    for row in rows:
        if row.weekday == day.weekday():
            return DayHours(row.start_min, row.end_min, row.break_start_min, row.break_end_min)
    return None


def week_of(station: Station, staff_id: int) -> dict[int, DayHours]:
    with station.read() as session:
        rows = session.scalars(select(WorkHours).where(WorkHours.staff_id == staff_id)).all()
        return {
            row.weekday: DayHours(
                row.start_min, row.end_min, row.break_start_min, row.break_end_min
            )
            for row in rows
        }


def working_span(
    station: Station, staff_ids: Iterable[int], days: Iterable[date]
) -> tuple[int, int] | None:
    """The earliest start and the latest end, in minutes from local midnight, of these
    professionals' working hours on these days (None: no hours set, or all off): the book
    shows at least that span, so an hour the salon works is always there to book. A day
    off (TimeOff) is no working hours: the book need not open early for nobody."""
    staff, days = list(staff_ids), list(days)
    with station.read() as session:
        hours = session.execute(
            select(
                WorkHours.staff_id, WorkHours.weekday, WorkHours.start_min, WorkHours.end_min
            ).where(
                WorkHours.staff_id.in_(staff),
                WorkHours.weekday.in_({day.weekday() for day in days}),
            )
        ).all()
        off = {
            (staff_id, day)
            for staff_id, day in session.execute(
                select(TimeOff.staff_id, TimeOff.day).where(
                    TimeOff.staff_id.in_(staff), TimeOff.day.in_(days)
                )
            )
        }
    spans = [
        (start, end)
        for day in days
        for staff_id, weekday, start, end in hours
        if weekday == day.weekday() and (staff_id, day) not in off
    ]
    if not spans:
        return None
    return min(start for start, _ in spans), max(end for _, end in spans)
