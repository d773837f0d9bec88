"""Cancelling a cart in progress: a manager's PIN, checked here, and an audit row."""

from __future__ import annotations

from posapp.services.common import audit
from posapp.services.common.auth import StaffRef, acting_staff, authorize_manager
from posapp.services.common.station import Station

ACTION = "cancelar venda em andamento"


def record_cart_cancel(
    station: Station, staff_id: int, manager_pin: str, lines_count: int, total: int
) -> StaffRef:
    """Check the manager's PIN and write "cart.cancel"; NotAuthorized writes nothing."""
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, ACTION, now)
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="cart.cancel",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target="cart",
            lines=lines_count,
            total=total,
        )
        return manager
