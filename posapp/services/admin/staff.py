"""Staff as the screens see them: who may sign in, who performs services."""

from __future__ import annotations

from sqlalchemy import select

from db.models import Staff
from posapp.services.common import audit, auth
from posapp.services.common.auth import Role, StaffRef
from posapp.services.common.station import Station


def list_staff(station: Station, *, roles: frozenset[Role] | None = None) -> list[StaffRef]:
    with station.read() as session:
        query = select(Staff).where(Staff.active).order_by(Staff.name)
        if roles is not None:
            query = query.where(Staff.role.in_([r.value for r in roles]))
        return [auth.ref(staff) for staff in session.scalars(query)]


def professionals(station: Station) -> list[StaffRef]:
    """Who can be named on a service line: professionals, and managers who also serve."""
    return list_staff(station, roles=frozenset({Role.PROFESSIONAL, Role.MANAGER, Role.ADMIN}))


def sign_in(station: Station, staff_id: int, pin: str) -> StaffRef:
    """Check a PIN; wrong PINs count toward the lock even though the sign-in fails."""
    now = station.now()
    with station.writer() as session:
        try:
            staff = auth.sign_in(session, staff_id, pin, now)
        finally:
            session.commit()
        with session.begin():
            audit.record(
                session,
                at=now,
                terminal_uuid=station.terminal(session).uuid,
                action="staff.sign_in",
                staff_id=staff.id,
            )
        return staff
