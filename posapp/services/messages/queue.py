"""The customer message outbox: a message is written in the same transaction as its cause.

`enqueue` is called inside the cause's unit of work (the enrolment, the sale, the
scheduler's run). It picks the channel (the first of the store's channels the customer
has a contact for), runs the part of the sending policy that cannot change by waiting
(demo database, consent, a contact for the channel) and writes the row:

- `skipped` with its reason when the policy says never (the row is kept: LGPD asks us
  to be able to say why nobody was written to);
- `queued` with reason 'queued' when this counter delivers (services.message_delivery
  then checks quiet hours and the weekly cap, which depend on the moment of sending);
- `queued` with reason 'endpoint' when the chain's endpoint delivers: the message also
  becomes a `message.queued` outbox event that the sync pushes. The event carries the
  message rendered now with this store's templates in its language, and the store's
  time zone, quiet hours and weekly cap, so the endpoint sends it with no template of
  its own (docs/sync-protocol.md, "Customer messages").

The idempotency key is unique in the table and the INSERT ignores a duplicate, so a
cause written twice (the daily scheduler run again) writes its message once.
Nothing is written when the store has no channel or has turned the kind off.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.models import Customer, Message, Setting, table_of
from posapp.core.messages import (
    Channel,
    Draft,
    MessageFacts,
    MessageKind,
    Skip,
    decide,
    facts_from_json,
    facts_to_json,
    message_key,
    render,
    resolve_template,
)
from posapp.services.common import outbox
from posapp.services.common.counter_settings import KEY as COUNTER_KEY
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.common.station import Station
from posapp.services.loyalty.tiers import store_zone
from posapp.services.messages.config import MessagingSettings, is_demo_database, messaging_settings
from posapp.services.messages.templates import cached_overrides

QUEUED, SENT, SKIPPED, DEFERRED, FAILED = "queued", "sent", "skipped", "deferred", "failed"
REASON_QUEUED = "queued"
REASON_ENDPOINT = "endpoint"
"""Left for the chain's endpoint to deliver (this counter does not send)."""

_MESSAGE = table_of(Message)
_INSERT = sqlite_insert(_MESSAGE).on_conflict_do_nothing(index_elements=["idempotency_key"])


@dataclass(frozen=True, slots=True)
class Enqueued:
    id: int
    status: str
    reason: str


def contact(customer: Customer, channel: Channel) -> str | None:
    """The customer's address for a channel: e-mail, or the mobile (digits) for the webhook."""
    if channel is Channel.EMAIL:
        return customer.email or None
    return customer.phone or None


def choose_channel(settings: MessagingSettings, customer: Customer) -> tuple[Channel, str | None]:
    """The first channel of the store's the customer has a contact for (else the first)."""
    channels = [Channel(value) for value in settings.channels]
    for channel in channels:
        to = contact(customer, channel)
        if to:
            return channel, to
    return channels[0], None


def enqueue(
    station: Station,
    session: Session,
    *,
    kind: MessageKind,
    customer: Customer | None,
    period: str,
    facts: MessageFacts,
    now: datetime,
    qr_payload: str | None = None,
    key: str | None = None,
    send_to: tuple[Channel, str] | None = None,
) -> Enqueued | None:
    """Write the message of `kind` for `customer` caused by `period` (a sale, a voucher, a
    day...; or under `key` itself when given). None when messages are off for this kind,
    or the key was already written.

    `send_to` (channel, address) is a transactional message's own destination, typed or
    chosen at the counter; the customer may then be None (a sale with no customer)."""
    settings = messaging_settings(station, session)
    if not settings.kind_enabled(kind):
        return None
    store = station.snapshot(session).store
    facts = replace(facts, store=store.name)
    if send_to is not None:
        channel, to = send_to[0], send_to[1] or None
    elif customer is not None:
        channel, to = choose_channel(settings, customer)
    else:
        raise ValueError("a message with no customer needs its own destination")
    decision = decide(
        Draft(kind, channel, to),
        customer is not None and customer.marketing_consent,
        now,
        None,  # quiet hours and the weekly cap are checked when sending
        0,
        None,
        demo_database=is_demo_database(station, session),
    )
    if isinstance(decision, Skip):
        status, reason, detail = SKIPPED, decision.reason.value, decision.text("pt_BR")
    elif settings.counter_sends:
        status, reason, detail = QUEUED, REASON_QUEUED, None
    else:
        status, reason, detail = QUEUED, REASON_ENDPOINT, "A central da rede envia esta mensagem."
    values: dict[str, Any] = {
        "uuid": str(uuid.uuid4()),
        "idempotency_key": key
        or message_key(kind, customer.uuid if customer is not None else "-", period),
        "kind": kind.value,
        "channel": channel.value,
        "customer_id": customer.id if customer is not None else None,
        "to_address": to,
        "facts_json": facts_to_json(facts),
        "qr_payload": qr_payload,
        "status": status,
        "reason": reason,
        "reason_detail": detail,
        "attempts": 0,
        "next_attempt_at": None,
        "created_at": now,
        "sent_at": None,
    }
    written = session.connection().execute(_INSERT, values)
    if written.rowcount == 0:
        return None
    if reason == REASON_ENDPOINT and customer is not None:
        locale = store_language(session)
        template = resolve_template(kind, locale, store.segment, cached_overrides(station, session))
        rendered = render(kind, template, facts, locale, store.segment)
        zone: ZoneInfo = station.cached("timezone", session, store_zone)
        outbox.emit(
            session,
            "message.queued",
            now,
            {
                "message": values["uuid"],
                "idempotency_key": values["idempotency_key"],
                "kind": kind.value,
                "channel": channel.value,
                "customer": customer.uuid,
                "to": to,
                "subject": rendered.subject,
                "text": rendered.text,
                "locale": locale,
                "facts": values["facts_json"],
                "qr_payload": qr_payload,
                "store": store.uuid,
                "timezone": zone.key,
                "quiet_start": settings.quiet_start,
                "quiet_end": settings.quiet_end,
                "weekly_cap": settings.weekly_cap,
            },
        )
    return Enqueued(written.lastrowid, status, reason)


def store_language(session: Session) -> str:
    """The store's language (the counter settings'): the language its messages are in."""
    row = session.get(Setting, COUNTER_KEY)
    stored = json.loads(row.value) if row is not None else {}
    language: str = stored.get("language") or CounterSettings().language
    return language


@dataclass(frozen=True, slots=True)
class MessageView:
    """A message as the manager's screen lists it."""

    id: int
    kind: str
    channel: str
    customer_id: int | None
    to_address: str | None
    status: str
    reason: str
    reason_detail: str | None
    attempts: int
    created_at: datetime
    sent_at: datetime | None
    next_attempt_at: datetime | None


def messages(
    station: Station, *, customer_id: int | None = None, limit: int = 200
) -> list[MessageView]:
    """The latest messages (of one customer when given), newest first, with their reasons."""
    query = select(Message).order_by(Message.id.desc()).limit(limit)
    if customer_id is not None:
        query = query.where(Message.customer_id == customer_id)
    with station.read() as session:
        return [
            MessageView(
                m.id,
                m.kind,
                m.channel,
                m.customer_id,
                m.to_address,
                m.status,
                m.reason,
                m.reason_detail,
                m.attempts,
                m.created_at,
                m.sent_at,
                m.next_attempt_at,
            )
            for m in session.scalars(query)
        ]


REMINDER_WITHDRAWN = "appointment_changed"
"""The reason of a reminder dropped because its appointment moved or was called off."""
REMINDER_WITHDRAWN_TEXT = "O horário mudou ou foi cancelado: lembrete não enviado."


def withdraw_reminders(session: Session, appointment_uuid: str, starts_at: datetime | None) -> int:
    """Drop the reminders of an appointment still waiting to be sent that no longer hold:
    for another start than `starts_at` (None: no longer booked or confirmed). How many.
    Here, below the agenda, so a change pulled from another counter drops them too."""
    waiting = session.scalars(
        select(Message).where(
            Message.kind == MessageKind.APPOINTMENT_REMINDER.value,
            Message.status.in_([QUEUED, DEFERRED]),
            Message.idempotency_key.like(f"%:{appointment_uuid}:%"),
        )
    ).all()
    dropped = 0
    for message in waiting:
        at = facts_from_json(message.facts_json).appointment_at
        if starts_at is not None and at == starts_at:
            continue
        message.status, message.reason = SKIPPED, REMINDER_WITHDRAWN
        message.reason_detail = REMINDER_WITHDRAWN_TEXT
        message.next_attempt_at = None
        dropped += 1
    return dropped
