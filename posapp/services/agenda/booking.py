"""Booking, moving, lengthening and the status of appointments.

Every write checks the professional's hours and the other appointments that hold their
time (a clash is refused with who holds it), is audited, and emits `appointment.saved`
with the whole appointment as it now is, so the chain's other counters keep the same
book (last change wins, by `updated_at`).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Customer, Item, Staff
from db.salon_models import Appointment
from posapp.core.agenda import (
    DEFAULT_MINUTES,
    OPEN,
    REMINDED,
    AppointmentClash,
    InvalidAppointment,
    OutsideWorkingHours,
    Status,
    check_length,
    check_transition,
    hours_problem,
    overlaps,
)
from posapp.core.errors import UnknownCustomer, UnknownItem
from posapp.services.agenda.hours import hours_on
from posapp.services.common import audit, outbox
from posapp.services.common.auth import acting_staff
from posapp.services.common.local_day import store_timezone
from posapp.services.common.station import Station
from posapp.services.messages.queue import withdraw_reminders

EVENT_KIND = "appointment.saved"


@dataclass(frozen=True, slots=True)
class BookedService:
    item_uuid: str
    name: str
    minutes: int
    price: int


def services_of(appointment: Appointment) -> list[BookedService]:
    return [BookedService(**s) for s in json.loads(appointment.services_json)]


def book(
    station: Station,
    *,
    staff_id: int,
    professional_id: int,
    starts_at: datetime,
    item_ids: list[int],
    customer_id: int | None = None,
    client_name: str = "",
    note: str = "",
    group_uuid: str | None = None,
) -> str:
    """Book `item_ids` (in order) with one professional from `starts_at`; the length is the
    services' durations added up. Returns the appointment's uuid."""
    return book_visit(
        station,
        staff_id=staff_id,
        starts_at=starts_at,
        parts=[(professional_id, item_ids)],
        customer_id=customer_id,
        client_name=client_name,
        note=note,
        group_uuid=group_uuid,
    )[0]


def book_visit(
    station: Station,
    *,
    staff_id: int,
    starts_at: datetime,
    parts: list[tuple[int, list[int]]],
    customer_id: int | None = None,
    client_name: str = "",
    note: str = "",
    group_uuid: str | None = None,
) -> list[str]:
    """One visit with several professionals, one after the other from `starts_at`: each
    part (professional, services) is an appointment of the same group, all booked or none
    (a clash of any part refuses the whole visit). The appointments' uuids, in order."""
    if not parts:
        raise InvalidAppointment(
            why="escolha ao menos um serviço", why_en="choose at least one service"
        )
    now = station.now()
    group = group_uuid or str(uuid.uuid4())
    made: list[str] = []
    with station.write() as session:
        acting_staff(session, staff_id)
        name = _client_name(session, customer_id, client_name)
        start = starts_at
        for professional_id, item_ids in parts:
            services = _services(session, item_ids)
            minutes = sum(s.minutes for s in services)
            check_length(minutes)
            ends_at = start + timedelta(minutes=minutes)
            professional = _professional(session, professional_id)
            check_time(session, professional, start, ends_at, None)
            row = Appointment(
                uuid=str(uuid.uuid4()),
                group_uuid=group,
                customer_id=customer_id,
                client_name=name,
                professional_id=professional_id,
                starts_at=start,
                ends_at=ends_at,
                status=Status.BOOKED.value,
                services_json=json.dumps([_as_dict(s) for s in services]),
                note=note.strip()[:200],
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            _saved(station, session, row, staff_id, "agenda.book", now)
            made.append(row.uuid)
            start = ends_at
    return made


def move(
    station: Station,
    appointment_uuid: str,
    *,
    staff_id: int,
    starts_at: datetime,
    professional_id: int | None = None,
) -> None:
    """Move to another time (and professional), keeping the length."""
    now = station.now()
    with station.write() as session:
        acting_staff(session, staff_id)
        row = _open(session, appointment_uuid)
        length = row.ends_at - row.starts_at
        professional = _professional(session, professional_id or row.professional_id)
        check_time(session, professional, starts_at, starts_at + length, row.id)
        row.starts_at, row.ends_at = starts_at, starts_at + length
        row.professional_id = professional.id
        row.updated_at = now
        _saved(station, session, row, staff_id, "agenda.move", now)


def lengthen(station: Station, appointment_uuid: str, *, staff_id: int, minutes: int) -> None:
    """Give the appointment a new length (longer or shorter), from the same start."""
    check_length(minutes)
    now = station.now()
    with station.write() as session:
        acting_staff(session, staff_id)
        row = _open(session, appointment_uuid)
        ends_at = row.starts_at + timedelta(minutes=minutes)
        professional = _professional(session, row.professional_id)
        check_time(session, professional, row.starts_at, ends_at, row.id)
        row.ends_at = ends_at
        row.updated_at = now
        _saved(station, session, row, staff_id, "agenda.lengthen", now)


def set_status(station: Station, appointment_uuid: str, *, staff_id: int, status: Status) -> None:
    now = station.now()
    with station.write() as session:
        acting_staff(session, staff_id)
        row = _by_uuid(session, appointment_uuid)
        change_status(station, session, row, status, staff_id, now)


def change_status(
    station: Station,
    session: Session,
    row: Appointment,
    status: Status,
    staff_id: int | None,
    now: datetime,
) -> None:
    check_transition(Status(row.status), status)
    row.status = status.value
    if status is Status.ARRIVED and row.arrived_at is None:
        row.arrived_at = now
    row.updated_at = now
    _saved(station, session, row, staff_id, f"agenda.{status.value}", now)


def check_time(
    session: Session, professional: Staff, start: datetime, end: datetime, skip_id: int | None
) -> None:
    """Refuse a time outside the professional's hours or over another open appointment."""
    zone = ZoneInfo(store_timezone(session))
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    if local_start.date() != (local_end - timedelta(microseconds=1)).date():
        raise InvalidAppointment(why="passa da meia-noite", why_en="runs past midnight")
    hours = hours_on(session, professional.id, local_start.date())
    if hours is not True:
        start_min = local_start.hour * 60 + local_start.minute
        end_min = start_min + int((end - start).total_seconds() // 60)
        problem = hours_problem(hours if hours is not False else None, start_min, end_min)
        if problem is not None:
            raise OutsideWorkingHours(
                professional=professional.name,
                when=f"{local_start:%d/%m %H:%M}–{local_end:%H:%M}",
                why=problem[0],
                why_en=problem[1],
            )
    others = session.scalars(
        select(Appointment).where(
            Appointment.professional_id == professional.id,
            Appointment.status.in_([s.value for s in OPEN]),
            Appointment.starts_at < end,
            Appointment.ends_at > start,
        )
    ).all()
    for other in others:
        if other.id != skip_id and overlaps(start, end, other.starts_at, other.ends_at):
            raise AppointmentClash(
                professional=professional.name,
                start=f"{other.starts_at.astimezone(zone):%H:%M}",
                end=f"{other.ends_at.astimezone(zone):%H:%M}",
                client=other.client_name,
            )


def event_body(session: Session, row: Appointment) -> dict[str, Any]:
    """The appointment as the chain's other counters take it (docs/sync-protocol.md)."""
    customer = session.get(Customer, row.customer_id) if row.customer_id else None
    professional = session.get(Staff, row.professional_id)
    assert professional is not None
    return {
        "uuid": row.uuid,
        "group": row.group_uuid,
        "customer": customer.uuid if customer is not None else None,
        "client_name": row.client_name,
        "professional": professional.uuid,
        "professional_name": professional.name,
        "starts_at": row.starts_at.isoformat(),
        "ends_at": row.ends_at.isoformat(),
        "status": row.status,
        "services": json.loads(row.services_json),
        "note": row.note,
        "sale": row.sale_uuid,
        "updated_at": row.updated_at.isoformat(),
    }


def _saved(
    station: Station,
    session: Session,
    row: Appointment,
    staff_id: int | None,
    action: str,
    now: datetime,
) -> None:
    session.flush()
    # a reminder still waiting for the old time, or for a visit no longer booked, is dropped
    withdraw_reminders(session, row.uuid, row.starts_at if row.status in REMINDED else None)
    outbox.emit(session, EVENT_KIND, now, event_body(session, row))
    audit.record(
        session,
        at=now,
        terminal_uuid=station.terminal(session).uuid,
        action=action,
        staff_id=staff_id,
        target=f"appointment:{row.uuid}",
        starts_at=row.starts_at.isoformat(),
        ends_at=row.ends_at.isoformat(),
        professional_id=row.professional_id,
        status=row.status,
    )


def _as_dict(service: BookedService) -> dict[str, Any]:
    return {
        "item_uuid": service.item_uuid,
        "name": service.name,
        "minutes": service.minutes,
        "price": service.price,
    }


def _services(session: Session, item_ids: list[int]) -> list[BookedService]:
    if not item_ids:
        raise InvalidAppointment(
            why="escolha ao menos um serviço", why_en="choose at least one service"
        )
    services = []
    for item_id in item_ids:
        item = session.get(Item, item_id)
        if item is None or not item.active:
            raise UnknownItem(value=str(item_id))
        services.append(
            BookedService(item.uuid, item.name, item.duration_min or DEFAULT_MINUTES, item.price)
        )
    return services


def _client_name(session: Session, customer_id: int | None, typed: str) -> str:
    if customer_id is None:
        name = typed.strip()
        if not name:
            raise InvalidAppointment(why="informe o cliente", why_en="name the client")
        return name[:120]
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise UnknownCustomer(value=str(customer_id))
    return customer.name


def _professional(session: Session, staff_id: int) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None or not staff.active:
        raise InvalidAppointment(
            why=f"profissional {staff_id} não encontrado(a)",
            why_en=f"professional {staff_id} not found",
        )
    return staff


def _by_uuid(session: Session, appointment_uuid: str) -> Appointment:
    row = session.scalars(select(Appointment).where(Appointment.uuid == appointment_uuid)).first()
    if row is None:
        raise InvalidAppointment(why="horário não encontrado", why_en="appointment not found")
    return row


def _open(session: Session, appointment_uuid: str) -> Appointment:
    row = _by_uuid(session, appointment_uuid)
    if Status(row.status) not in OPEN:
        check_transition(Status(row.status), Status.BOOKED)
    return row
