"""Appointment reminders through the message outbox: the day before and 2 hours before.

Each is keyed by the appointment, its start and the moment, so running this as often as
wanted queues each reminder once, and a moved appointment is reminded of its new time.
The outbox applies consent and the channels; the delivery applies the quiet hours (a
reminder due at night waits for the morning). A reminder still waiting when its
appointment moves or stops being booked is dropped (`booking` withdraws it with the
message queue's `withdraw_reminders`, as a pulled change does), never sent with the
old time or for a cancelled visit.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Customer, Message, Staff
from db.salon_models import Appointment
from posapp.core.agenda import REMINDED
from posapp.core.messages import MessageFacts, MessageKind, facts_from_json, message_key
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
                Appointment.status.in_(REMINDED),
                Appointment.starts_at > now,
                Appointment.starts_at <= now + LOOK_AHEAD,
            )
            .order_by(Appointment.starts_at)
        ).all()
        for appointment, customer, professional in rows:
            for moment in _due(appointment.starts_at, now, zone):
                if _reminded_before_keys_had_times(session, appointment, customer, moment):
                    continue
                facts = MessageFacts(
                    store="",
                    customer_name=customer.name,
                    appointment_at=appointment.starts_at.astimezone(zone),
                    service_name=", ".join(s.name for s in services_of(appointment)),
                    professional_name=professional,
                )
                starts = f"{appointment.starts_at.astimezone(UTC):%Y%m%dT%H%MZ}"
                key = message_key(
                    MessageKind.APPOINTMENT_REMINDER,
                    customer.uuid,
                    f"{appointment.uuid}:{starts}:{moment}",
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


def _reminded_before_keys_had_times(
    session: Session, appointment: Appointment, customer: Customer, moment: str
) -> bool:
    """A reminder queued under the older key (appointment and moment, no start) for the
    time the appointment still has: already reminded."""
    old = session.scalar(
        select(Message.facts_json).where(
            Message.idempotency_key
            == message_key(
                MessageKind.APPOINTMENT_REMINDER, customer.uuid, f"{appointment.uuid}:{moment}"
            )
        )
    )
    return old is not None and facts_from_json(old).appointment_at == appointment.starts_at


def _due(starts_at: datetime, now: datetime, zone: ZoneInfo) -> list[str]:
    due = []
    if starts_at.astimezone(zone).date() == now.astimezone(zone).date() + timedelta(days=1):
        due.append(DAY_BEFORE)
    if starts_at - now <= SHORT_NOTICE:
        due.append(TWO_HOURS)
    return due
