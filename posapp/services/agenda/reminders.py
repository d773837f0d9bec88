"""Appointment reminders through the message outbox: the day before and 2 hours before.

Each is keyed by the appointment and its moment, so running this as often as wanted
queues each reminder once. The outbox applies consent and the channels; the delivery
applies the quiet hours (a reminder due at night waits for the morning).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from db.models import Customer, Staff
from db.salon_models import Appointment
from posapp.core.agenda import Status
from posapp.core.messages import MessageFacts, MessageKind, message_key
from posapp.services.agenda.booking import services_of
from posapp.services.common.local_day import store_timezone
from posapp.services.common.station import Station
from posapp.services.messages.queue import enqueue

SHORT_NOTICE = timedelta(hours=2)
LOOK_AHEAD = timedelta(hours=48)
DAY_BEFORE, TWO_HOURS = "day", "2h"


def queue_reminders(station: Station) -> int:
    """Queue the reminders due now; how many were written (0 when all were already)."""
    now = station.now()
    written = 0
    with station.write() as session:
        zone = ZoneInfo(store_timezone(session))
        rows = session.execute(
            select(Appointment, Customer, Staff.name)
            .join(Customer, Customer.id == Appointment.customer_id)
            .join(Staff, Staff.id == Appointment.professional_id)
            .where(
                Appointment.status.in_([Status.BOOKED.value, Status.CONFIRMED.value]),
                Appointment.starts_at > now,
                Appointment.starts_at <= now + LOOK_AHEAD,
            )
            .order_by(Appointment.starts_at)
        ).all()
        for appointment, customer, professional in rows:
            for moment in _due(appointment.starts_at, now, zone):
                facts = MessageFacts(
                    store="",
                    customer_name=customer.name,
                    appointment_at=appointment.starts_at.astimezone(zone),
                    service_name=", ".join(s.name for s in services_of(appointment)),
                    professional_name=professional,
                )
                key = message_key(
                    MessageKind.APPOINTMENT_REMINDER, customer.uuid, f"{appointment.uuid}:{moment}"
                )
                queued = enqueue(
                    station,
                    session,
                    kind=MessageKind.APPOINTMENT_REMINDER,
                    customer=customer,
                    period=appointment.uuid,
                    facts=facts,
                    now=now,
                    key=key,
                )
                written += queued is not None
    return written


def _due(starts_at: datetime, now: datetime, zone: ZoneInfo) -> list[str]:
    due = []
    if starts_at.astimezone(zone).date() == now.astimezone(zone).date() + timedelta(days=1):
        due.append(DAY_BEFORE)
    if starts_at - now <= SHORT_NOTICE:
        due.append(TWO_HOURS)
    return due
