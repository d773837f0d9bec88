"""Delivering the message outbox from this counter: policy, rendering, sending, retrying.

`deliver_due` takes the messages whose time has come (queued, or deferred past quiet
hours, or waiting for a retry), and for each one, in its own short units of work:

1. reads it with its customer and decides again (`posapp.core.messages.decide`): consent
   may have been withdrawn since it was written, a message whose day has passed (an
   expiry warning after the expiry...) is dropped, the weekly cap counts what was sent in
   the 7 days before now, and quiet hours defer it to their end (a transactional kind,
   a receipt, goes to the address it was written with, with none of these);
2. renders it with the store's templates (the manager's, else the default) in the
   store's language, with the voucher's QR drawn as a PNG when it has one;
3. sends it with no transaction open (a slow SMTP server never holds the write lock,
   so a sale is never kept waiting), through `messaging.retry.attempt`;
4. records Delivered (sent), RetryAt (queued again, next attempt and reason) or GiveUp
   (failed, with the reason), each with the attempts made.

`MessageWorker` runs the daily scheduler and `deliver_due` on a background thread
(common.worker's loop), every minute and right after `wake()`.

Messages left for the chain's endpoint (reason 'endpoint') are never taken here.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from db.models import Customer, Message, Setting
from messaging import OutgoingMessage, Sender
from messaging.qr import qr_attachment
from messaging.retry import RetryPolicy, attempt, outcome_record
from posapp.core.messages import (
    TRANSACTIONAL,
    Channel,
    Defer,
    Draft,
    MessageKind,
    Skip,
    decide,
    facts_from_json,
    render,
    resolve_template,
)
from posapp.services.common.counter_settings import KEY as COUNTER_KEY
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.common.station import Station
from posapp.services.common.worker import BackgroundWorker, Outcome
from posapp.services.loyalty.tiers import store_zone
from posapp.services.messages.config import (
    MessagingSettings,
    is_demo_database,
    messaging_settings,
    quiet_hours,
    read_messaging,
    senders,
    weekly_cap,
)
from posapp.services.messages.queue import (
    DEFERRED,
    FAILED,
    QUEUED,
    REASON_ENDPOINT,
    SENT,
    SKIPPED,
    contact,
)
from posapp.services.messages.scheduler import run_message_scheduler
from posapp.services.messages.templates import cached_overrides

log = logging.getLogger(__name__)
BATCH = 50
WEEK = timedelta(days=7)


@dataclass
class DeliveryReport:
    sent: int = 0
    skipped: int = 0
    deferred: int = 0
    retrying: int = 0
    failed: int = 0
    reasons: list[str] = field(default_factory=list)
    """Each message's reason, in the order handled (for logs and tests)."""


@dataclass(frozen=True, slots=True)
class _Ready:
    """A message the policy lets go now, rendered."""

    channel: Channel
    outgoing: OutgoingMessage
    attempts: int


def _due(session: Session, now: datetime, limit: int) -> list[int]:
    return list(
        session.scalars(
            select(Message.id)
            .where(
                Message.status.in_((QUEUED, DEFERRED)),
                Message.reason != REASON_ENDPOINT,
                or_(Message.next_attempt_at.is_(None), Message.next_attempt_at <= now),
            )
            .order_by(Message.id)
            .limit(limit)
        )
    )


def _language(session: Session) -> str:
    row = session.get(Setting, COUNTER_KEY)
    stored = json.loads(row.value) if row is not None else {}
    language: str = stored.get("language") or CounterSettings().language
    return language


def sent_in_last_week(session: Session, customer_id: int, now: datetime) -> int:
    """Messages actually sent to the customer in the 7 days before `now` (any kind)."""
    count: int = (
        session.scalar(
            select(func.count())
            .select_from(Message)
            .where(
                Message.customer_id == customer_id,
                Message.sent_at.is_not(None),
                Message.sent_at > now - WEEK,
                Message.sent_at <= now,
            )
        )
        or 0
    )
    return count


def _prepare(
    station: Station, message_id: int, now: datetime
) -> tuple[_Ready | None, dict[str, object] | None]:
    """(ready to send, None) or (None, the row's new values): the policy and rendering."""
    with station.read() as session:
        message = session.get(Message, message_id)
        if message is None or message.status not in (QUEUED, DEFERRED):
            return None, None
        settings = messaging_settings(station, session)
        customer = session.get(Customer, message.customer_id) if message.customer_id else None
        kind, channel = MessageKind(message.kind), Channel(message.channel)
        if kind in TRANSACTIONAL:
            to = message.to_address
        else:
            to = contact(customer, channel) if customer is not None else None
        zone: ZoneInfo = station.cached("timezone", session, store_zone)
        facts = facts_from_json(message.facts_json)
        decision = decide(
            Draft(kind, channel, to),
            customer is not None and customer.marketing_consent,
            now.astimezone(zone),
            quiet_hours(settings),
            sent_in_last_week(session, customer.id, now) if customer is not None else 0,
            weekly_cap(settings),
            demo_database=is_demo_database(station, session),
            facts=facts,
        )
        if isinstance(decision, Skip):
            return None, {
                "status": SKIPPED,
                "reason": decision.reason.value,
                "reason_detail": decision.text("pt_BR"),
                "next_attempt_at": None,
            }
        if isinstance(decision, Defer):
            return None, {
                "status": DEFERRED,
                "reason": decision.reason.value,
                "reason_detail": decision.text("pt_BR"),
                "next_attempt_at": decision.until,
            }
        assert to is not None
        store = station.snapshot(session).store
        locale = _language(session)
        template = resolve_template(kind, locale, store.segment, cached_overrides(station, session))
        rendered = render(kind, template, facts, locale, store.segment)
        attachments = [qr_attachment(message.qr_payload)] if message.qr_payload else []
        outgoing = OutgoingMessage(
            to,
            rendered.subject,
            rendered.text,
            attachments=attachments,
            idempotency_key=message.idempotency_key,
        )
        return _Ready(channel, outgoing, message.attempts), None


def _record(station: Station, message_id: int, values: Mapping[str, object]) -> None:
    with station.write() as session:
        message = session.get(Message, message_id)
        if message is None:
            return
        for key, value in values.items():
            setattr(message, key, value)


def deliver_due(
    station: Station,
    channels: Mapping[Channel, Sender],
    now: datetime | None = None,
    *,
    policy: RetryPolicy | None = None,
    rng: random.Random | None = None,
    limit: int = BATCH,
) -> DeliveryReport:
    """Deliver the messages due at `now` (the station's clock by default); see the module."""
    report = DeliveryReport()
    policy = policy or RetryPolicy()
    rng = rng or random.Random()
    with station.read() as session:
        start = now or station.now()
        settings = messaging_settings(station, session)
        due = _due(session, start, limit) if settings.counter_sends else []
    for message_id in due:
        moment = now or station.now()
        ready, values = _prepare(station, message_id, moment)
        if ready is not None:
            sender = channels.get(ready.channel)
            if sender is None:
                values = {
                    "status": FAILED,
                    "reason": "no_channel",
                    "reason_detail": f"o canal {ready.channel.value} não está configurado",
                }
            else:
                outcome = attempt(
                    partial(sender.send, ready.outgoing),
                    ready.attempts,
                    moment,
                    policy,
                    rng,
                )
                values = outcome_record(outcome, now or station.now())
        if values is None:
            continue
        _record(station, message_id, values)
        status = values["status"]
        report.reasons.append(str(values["reason"]))
        if status == SENT:
            report.sent += 1
        elif status == SKIPPED:
            report.skipped += 1
        elif status == DEFERRED:
            report.deferred += 1
        elif status == QUEUED:
            report.retrying += 1
        else:
            report.failed += 1
    return report


# -- the background loop -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CycleResult:
    scheduled: int
    delivery: DeliveryReport


class MessageWorker:
    """The scheduler and the delivery on a daemon thread: never on the GUI thread, never in
    a sale's way. `wake()` after a sale sends its messages within moments."""

    def __init__(
        self,
        station: Station,
        *,
        interval: float = 60.0,
        make_senders: Callable[[MessagingSettings], Mapping[Channel, Sender]] = senders,
        report: Callable[[Outcome[CycleResult]], None] = lambda _outcome: None,
    ) -> None:
        self.station = station
        self._make_senders = make_senders
        self._worker: BackgroundWorker[CycleResult] = BackgroundWorker(
            self.cycle, report, interval=interval, name="posapp-messages"
        )

    def cycle(self) -> CycleResult:
        run = run_message_scheduler(self.station)
        with self.station.read() as session:
            settings = read_messaging(session)
        if not settings.enabled or not settings.counter_sends:
            return CycleResult(run.enqueued, DeliveryReport())
        return CycleResult(run.enqueued, deliver_due(self.station, self._make_senders(settings)))

    def start(self) -> None:
        self._worker.start()

    def wake(self) -> None:
        self._worker.wake()

    def stop(self, timeout: float = 1.0) -> bool:
        return self._worker.stop(timeout)

    @property
    def running(self) -> bool:
        return self._worker.running
