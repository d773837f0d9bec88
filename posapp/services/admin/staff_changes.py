"""The staff as a manager keeps it: add, change role, reset a PIN, deactivate.

Every action takes the manager's PIN inside its own unit of work and writes an
audit row naming who did it and who authorized it. Nobody is ever deleted
(sales and the audit log name them): a member who leaves is deactivated and
can no longer sign in. The store always keeps one active administrator, and
only an administrator's PIN can make or unmake one.

A PIN has 4 to 6 digits and is unique among the active staff: sign-in and
approvals find a person by their PIN, so two people sharing one would be
indistinguishable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Staff
from posapp.core.errors import (
    FieldRequired,
    InvalidStaffPin,
    LastAdmin,
    NotAuthorized,
    PinInUse,
    UnknownStaff,
)
from posapp.services.common import audit, auth
from posapp.services.common.auth import Role, StaffRef, acting_staff, authorize_manager, check_pin
from posapp.services.common.changes import Change, announces
from posapp.services.common.station import Station

PIN_DIGITS = range(4, 7)


@dataclass(frozen=True, slots=True)
class StaffMember:
    id: int
    name: str
    role: Role
    active: bool
    created_at: datetime


def _member(row: Staff) -> StaffMember:
    return StaffMember(row.id, row.name, Role(row.role), row.active, row.created_at)


def staff_members(station: Station, *, include_inactive: bool = True) -> list[StaffMember]:
    """Active first, then by name."""
    with station.read() as session:
        query = select(Staff).order_by(Staff.active.desc(), Staff.name, Staff.id)
        if not include_inactive:
            query = query.where(Staff.active)
        return [_member(row) for row in session.scalars(query)]


def check_pin_shape(pin: str) -> str:
    if len(pin) not in PIN_DIGITS or not pin.isascii() or not pin.isdigit():
        raise InvalidStaffPin()
    return pin


def _pin_taken(session: Session, pin: str, *, besides: int | None = None) -> bool:
    for row in session.scalars(select(Staff).where(Staff.active)):
        if row.id != besides and check_pin(pin, row.pin_hash):
            return True
    return False


def _active_admins(session: Session) -> int:
    query = select(func.count()).select_from(Staff).where(Staff.active, Staff.role == Role.ADMIN)
    return int(session.scalar(query) or 0)


def _target(session: Session, member_id: int) -> Staff:
    row = session.get(Staff, member_id)
    if row is None:
        raise UnknownStaff(value=member_id)
    return row


def _approve(
    session: Session, station: Station, staff_id: int, pin: str, action: str
) -> tuple[StaffRef, StaffRef]:
    staff = acting_staff(session, staff_id)
    manager = authorize_manager(session, pin, action, station.now())
    return staff, manager


def _need_admin(manager: StaffRef, action: str) -> None:
    if manager.role is not Role.ADMIN:
        raise NotAuthorized(action=action)


def _record(
    session: Session,
    station: Station,
    action: str,
    staff: StaffRef,
    manager: StaffRef,
    row: Staff,
    **details: object,
) -> None:
    audit.record(
        session,
        at=station.now(),
        terminal_uuid=station.terminal(session).uuid,
        action=action,
        staff_id=staff.id,
        authorized_by_id=manager.id,
        target=f"staff:{row.uuid}",
        name=row.name,
        **details,
    )


@announces(Change.STAFF)
def add_member(
    station: Station, name: str, role: Role, pin: str, *, staff_id: int, manager_pin: str
) -> StaffMember:
    name = name.strip()
    if not name:
        raise FieldRequired(field_pt="o nome", field_en="the name")
    role = Role(role)
    check_pin_shape(pin)
    with station.write() as session:
        staff, manager = _approve(session, station, staff_id, manager_pin, "cadastrar na equipe")
        if role is Role.ADMIN:
            _need_admin(manager, "cadastrar um administrador")
        if _pin_taken(session, pin):
            raise PinInUse()
        row = auth.add_staff(session, name[:120], role, pin, station.now())
        _record(session, station, "staff.add", staff, manager, row, role=role.value)
        return _member(row)


@announces(Change.STAFF)
def change_role(
    station: Station, member_id: int, role: Role, *, staff_id: int, manager_pin: str
) -> StaffMember:
    role = Role(role)
    with station.write() as session:
        staff, manager = _approve(session, station, staff_id, manager_pin, "mudar a função")
        row = _target(session, member_id)
        old = Role(row.role)
        if old is role:
            return _member(row)
        if Role.ADMIN in (old, role):
            _need_admin(manager, "dar ou tirar o acesso de administração")
        if old is Role.ADMIN and row.active and _active_admins(session) <= 1:
            raise LastAdmin(name=row.name, what_pt="mudar a função", what_en="changing the role")
        row.role = role.value
        _record(session, station, "staff.role", staff, manager, row, before=old, after=role)
        return _member(row)


def reset_pin(
    station: Station, member_id: int, pin: str, *, staff_id: int, manager_pin: str
) -> StaffMember:
    check_pin_shape(pin)
    with station.write() as session:
        staff, manager = _approve(session, station, staff_id, manager_pin, "trocar o PIN")
        row = _target(session, member_id)
        if not row.active:
            raise UnknownStaff(value=row.name)
        if row.role == Role.ADMIN:
            _need_admin(manager, "trocar o PIN de um administrador")
        if _pin_taken(session, pin, besides=row.id):
            raise PinInUse()
        row.pin_hash = auth.hash_pin(pin)
        row.failed_attempts = 0
        row.locked_until = None
        _record(session, station, "staff.pin_reset", staff, manager, row)
        return _member(row)


@announces(Change.STAFF)
def deactivate(station: Station, member_id: int, *, staff_id: int, manager_pin: str) -> StaffMember:
    with station.write() as session:
        staff, manager = _approve(session, station, staff_id, manager_pin, "desativar da equipe")
        row = _target(session, member_id)
        if not row.active:
            return _member(row)
        if row.role == Role.ADMIN:
            _need_admin(manager, "desativar um administrador")
            if _active_admins(session) <= 1:
                raise LastAdmin(name=row.name, what_pt="desativar", what_en="deactivating")
        row.active = False
        _record(session, station, "staff.deactivate", staff, manager, row, role=row.role)
        return _member(row)
