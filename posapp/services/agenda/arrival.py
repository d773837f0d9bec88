""" "Chegou": the client is here; the booking becomes a cart the sale screen recalls.

Every appointment of the booking (its group) still booked or confirmed is marked arrived,
and one parked cart holds their services, each with its professional, for the client:
the cashier recalls it (Recuperar, F6) and rings it up. The sale then closes the
appointments (`book_reads.close_sold`). A booked service taken out of the catalogue since
(deactivated) cannot be sold: it is left out of the cart, and named in `left_out` for
the counter to say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select

from db.models import Item
from db.salon_models import Appointment
from posapp.core.agenda import AppointmentNotChangeable, Status, check_transition
from posapp.core.agenda import label as status_label
from posapp.services.agenda.booking import change_status, services_of
from posapp.services.common.auth import acting_staff
from posapp.services.common.local_day import store_timezone
from posapp.services.common.station import Station
from posapp.services.sales.checkout import LineRequest
from posapp.services.sales.parking import park


@dataclass(frozen=True, slots=True)
class Arrival:
    parked_id: int
    label: str
    lines: tuple[LineRequest, ...]
    customer_id: int | None
    left_out: tuple[str, ...] = ()
    """The booked services no longer sold (deactivated or gone), by name."""


def arrive(station: Station, appointment_uuid: str, *, staff_id: int) -> Arrival:
    now = station.now()
    with station.write() as session:
        acting_staff(session, staff_id)
        first = session.scalars(
            select(Appointment).where(Appointment.uuid == appointment_uuid)
        ).one_or_none()
        if first is None:
            raise LookupError(f"appointment {appointment_uuid} not found")
        if first.status not in (Status.BOOKED.value, Status.CONFIRMED.value):
            check_transition(Status(first.status), Status.ARRIVED)
            raise AppointmentNotChangeable(  # arrived already: its cart was parked then
                status=status_label(Status(first.status), "pt_BR").lower(),
                status_en=status_label(Status(first.status), "en").lower(),
                wanted=status_label(Status.ARRIVED, "pt_BR").lower(),
                wanted_en=status_label(Status.ARRIVED, "en").lower(),
            )
        group = session.scalars(
            select(Appointment)
            .where(Appointment.group_uuid == first.group_uuid)
            .order_by(Appointment.starts_at)
        ).all()
        arriving = [
            row
            for row in group
            if row.id == first.id or row.status in (Status.BOOKED.value, Status.CONFIRMED.value)
        ]
        lines: list[LineRequest] = []
        left_out: list[str] = []
        for row in arriving:
            change_status(station, session, row, Status.ARRIVED, staff_id, now)
            for service in services_of(row):
                item = session.scalars(select(Item).where(Item.uuid == service.item_uuid)).first()
                if item is None or not item.active:
                    left_out.append(service.name)
                    continue
                lines.append(LineRequest(item_id=item.id, professional_id=row.professional_id))
        zone = ZoneInfo(store_timezone(session))
        label = f"Agenda {first.starts_at.astimezone(zone):%H:%M} {first.client_name}"[:60]
        customer_id = first.customer_id
    parked_id = park(station, label=label, staff_id=staff_id, lines=lines, customer_id=customer_id)
    return Arrival(parked_id, label, tuple(lines), customer_id, tuple(left_out))
