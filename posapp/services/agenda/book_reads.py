"""The book as the Agenda shows it: a day or a week, by professional; no-shows per client.

Reading a span first closes the appointments their sale has closed: an arrived (or in
service) appointment of a client whose sale, rung up after the arrival, has a line by
the appointment's professional becomes done, naming the sale (a client booked by name
alone: a sale of a booked service by that professional, to no customer or to one
enrolled at the counter).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from db.models import Item, Sale, SaleLine, Staff
from db.salon_models import Appointment
from posapp.core.agenda import DEFAULT_MINUTES, Status
from posapp.services.agenda.booking import change_status, services_of
from posapp.services.common.local_day import day_bounds, store_timezone
from posapp.services.common.station import Station

PROFESSIONAL_ROLE = "professional"
SERVICE_KIND = "service"


@dataclass(frozen=True, slots=True)
class AppointmentView:
    uuid: str
    group_uuid: str
    customer_id: int | None
    client_name: str
    professional_id: int
    starts_at: datetime
    ends_at: datetime
    status: Status
    services: tuple[str, ...]
    price: int
    note: str
    sale_uuid: str | None

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


@dataclass(frozen=True, slots=True)
class Professional:
    id: int
    name: str


def professionals(station: Station) -> list[Professional]:
    """The columns of the book: active professionals; every active staff member when the
    store has named none."""
    with station.read() as session:
        staff = session.scalars(select(Staff).where(Staff.active).order_by(Staff.name)).all()
        pros = [s for s in staff if s.role == PROFESSIONAL_ROLE] or list(staff)
        return [Professional(s.id, s.name) for s in pros]


def between(station: Station, start: datetime, end: datetime) -> list[AppointmentView]:
    """The appointments starting in [start, end), by start; closing the sold ones first."""
    with station.write() as session:
        close_sold(station, session)
        rows = session.scalars(
            select(Appointment)
            .where(Appointment.starts_at >= start, Appointment.starts_at < end)
            .order_by(Appointment.starts_at, Appointment.professional_id)
        ).all()
        return [view(row) for row in rows]


def day(station: Station, on: date) -> list[AppointmentView]:
    with station.read() as session:
        start, end = day_bounds(on, store_timezone(session))
    return between(station, start, end)


def week(station: Station, monday: date) -> list[AppointmentView]:
    with station.read() as session:
        zone = store_timezone(session)
    start, _ = day_bounds(monday, zone)
    end, _ = day_bounds(monday + timedelta(days=7), zone)
    return between(station, start, end)


def no_shows(station: Station, customer_id: int) -> int:
    with station.read() as session:
        return int(
            session.scalar(
                select(func.count()).where(
                    Appointment.customer_id == customer_id,
                    Appointment.status == Status.NO_SHOW.value,
                )
            )
            or 0
        )


def view(row: Appointment) -> AppointmentView:
    services = services_of(row)
    return AppointmentView(
        uuid=row.uuid,
        group_uuid=row.group_uuid,
        customer_id=row.customer_id,
        client_name=row.client_name,
        professional_id=row.professional_id,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        status=Status(row.status),
        services=tuple(s.name for s in services),
        price=sum(s.price for s in services),
        note=row.note,
        sale_uuid=row.sale_uuid,
    )


def close_sold(station: Station, session: Session) -> int:
    """Mark done the arrived appointments their client's sale has closed; how many.

    A client booked by name alone (no registration) is matched by a sale of a booked service
    by the appointment's professional, with no customer or one enrolled at the counter (a
    customer with no appointment of her own waiting)."""
    waiting = session.scalars(
        select(Appointment).where(
            Appointment.status.in_([Status.ARRIVED.value, Status.IN_SERVICE.value]),
            Appointment.sale_uuid.is_(None),
        )
    ).all()
    booked_clients = {row.customer_id for row in waiting if row.customer_id is not None}
    closed = 0
    taken = set(
        session.scalars(select(Appointment.sale_uuid).where(Appointment.sale_uuid.is_not(None)))
    )
    for row in waiting:
        since = row.arrived_at or row.starts_at
        query = (
            select(Sale.uuid)
            .join(SaleLine, SaleLine.sale_id == Sale.id)
            .where(
                Sale.created_at >= since,
                Sale.voided_at.is_(None),
                SaleLine.professional_id == row.professional_id,
            )
            .order_by(Sale.created_at)
        )
        if row.customer_id is not None:
            query = query.where(Sale.customer_id == row.customer_id)
        else:
            booked = [service.item_uuid for service in services_of(row)]
            # enrolled at the counter, or not: never a sale of a client of her own waiting
            query = query.join(Item, Item.id == SaleLine.item_id).where(
                or_(Sale.customer_id.is_(None), Sale.customer_id.not_in(booked_clients)),
                Item.uuid.in_(booked),
            )
        sales = session.execute(query).all()
        found = next(
            (uuid for (uuid,) in sales if uuid not in taken or _same_group(session, uuid, row)),
            None,
        )
        if found is None:
            continue
        row.sale_uuid = found
        taken.add(found)
        change_status(station, session, row, Status.DONE, None, station.now())
        closed += 1
    return closed


def _same_group(session: Session, sale_uuid: str, row: Appointment) -> bool:
    """One sale may close every appointment of one booking (several professionals)."""
    groups = set(
        session.scalars(select(Appointment.group_uuid).where(Appointment.sale_uuid == sale_uuid))
    )
    return groups == {row.group_uuid}


@dataclass(frozen=True, slots=True)
class BookableService:
    id: int
    name: str
    minutes: int
    price: int


def bookable_services(station: Station) -> list[BookableService]:
    """The catalogue's active services, by name, with their durations."""
    with station.read() as session:
        rows = session.scalars(
            select(Item).where(Item.kind == SERVICE_KIND, Item.active).order_by(Item.name)
        ).all()
        return [
            BookableService(i.id, i.name, i.duration_min or DEFAULT_MINUTES, i.price) for i in rows
        ]
