"""The daily run of the time-based messages: balance reminders, expiry warnings, birthdays
and campaign announcements.

Once per local day: the day of the last run is stored (setting
'messaging_scheduler_last_run'), so the background loop may call it every minute.
Idempotent beyond that: each message carries a key naming its kind, customer and
period (`posapp.core.messages.due_today`), unique in the outbox, so a run repeated
(`force=True`, two counters, a crash before the day was stored) writes nothing twice.

Only customers who consented to messages are considered: these are marketing
messages, and a skipped row per silent customer per day would say nothing new.
Messages caused by a purchase (cashback, vouchers) are written for every customer,
and kept as skipped with the reason when there is no consent.

Rows are written in batches, each its own short transaction, so a large customer
base never holds the write lock long enough to keep a sale waiting.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Customer, CustomerBalance, Item, LedgerEntry, Sale, SaleLine, Setting
from posapp.core.ledger import EntryKind
from posapp.core.messages import (
    CustomerState,
    DueMessage,
    ExpiringLot,
    MessageKind,
    ScheduleRules,
    campaign_announcements,
    due_today,
)
from posapp.core.program import LoyaltyProgram, ProgramMode
from posapp.services.common.station import Station
from posapp.services.loyalty.campaigns import active_campaigns
from posapp.services.loyalty.ledger import replay_customer
from posapp.services.loyalty.tiers import store_zone
from posapp.services.messages.config import MessagingSettings, messaging_settings
from posapp.services.messages.queue import enqueue

LAST_RUN_KEY = "messaging_scheduler_last_run"
BATCH = 200
SERVICE_KIND = "service"
"""The catalogue's kind of a service (posapp.services.sales.catalog.SERVICE)."""


@dataclass(frozen=True, slots=True)
class SchedulerRun:
    day: datetime.date
    ran: bool
    """False: this day had already run (nothing was looked at)."""
    due: int = 0
    enqueued: int = 0
    """New rows written (skipped ones included); due - enqueued were already there."""


def rules_for(settings: MessagingSettings, program: LoyaltyProgram) -> ScheduleRules:
    return ScheduleRules(
        reminder_idle_days=settings.reminder_idle_days or program.reminder_idle_days,
        expiry_warning_days=settings.expiry_warning_days,
        reminders=settings.kind_enabled(MessageKind.BALANCE_REMINDER),
        expiry_warnings=settings.kind_enabled(MessageKind.CASHBACK_EXPIRING),
        birthdays=settings.kind_enabled(MessageKind.BIRTHDAY),
    )


def customer_states(
    session: Session, zone: ZoneInfo, now: datetime.datetime
) -> list[CustomerState]:
    """Every consenting customer as the scheduler sees them (balance, last visit, lots)."""
    customers = session.execute(
        select(Customer.id, Customer.uuid, Customer.name, Customer.birthday, CustomerBalance.units)
        .outerjoin(CustomerBalance, CustomerBalance.customer_id == Customer.id)
        .where(Customer.marketing_consent.is_(True))
        .order_by(Customer.id)
    ).all()
    ids = [row.id for row in customers]
    last_visit = last_visits(session, ids)
    usual = usual_services(session, ids)
    states = []
    for row in customers:
        spendable, lots = 0, []
        if (row.units or 0) > 0:
            replayed = replay_customer(session, row.id)
            spendable = max(replayed.balance(now).spendable, 0)
            lots = [
                ExpiringLot(lot.expires_at.astimezone(zone).date(), lot.remaining)
                for lot in replayed.lots.values()
                if lot.remaining > 0 and lot.expires_at is not None and lot.expires_at > now
            ]
        visit = last_visit.get(row.id)
        states.append(
            CustomerState(
                row.uuid,
                row.name,
                spendable,
                visit.astimezone(zone).date() if visit else None,
                row.birthday,
                lots,
                usual.get(row.id, ""),
            )
        )
    return states


VISIT_KINDS = (EntryKind.EARN.value, EntryKind.REDEEM.value, EntryKind.VOUCHER_REDEEM.value)
"""Ledger entries that mean the customer bought something (at any counter of the chain)."""


def last_visits(session: Session, customer_ids: list[int]) -> dict[int, datetime.datetime]:
    """Each customer's latest purchase: this counter's sales, and the entries of the sales of
    the chain's other counters that sync brought (their sales themselves never come here).
    Local sales alone reminded a customer who bought at the next counter yesterday that
    they had not come for N days, and each counter keyed that reminder by its own last
    visit, so the endpoint sent it once per counter."""
    latest: dict[int, datetime.datetime] = {}

    def keep(rows: Iterable[tuple[int | None, datetime.datetime | None]]) -> None:
        for cid, at in rows:
            if cid is not None and at is not None and (cid not in latest or at > latest[cid]):
                latest[cid] = at

    for start in range(0, len(customer_ids), 500):
        chunk = customer_ids[start : start + 500]
        keep(
            session.execute(
                select(Sale.customer_id, func.max(Sale.created_at))
                .where(Sale.customer_id.in_(chunk))
                .group_by(Sale.customer_id)
            ).all()
        )
        keep(
            session.execute(
                select(LedgerEntry.customer_id, func.max(LedgerEntry.created_at))
                .where(
                    LedgerEntry.customer_id.in_(chunk),
                    LedgerEntry.kind.in_(VISIT_KINDS),
                    LedgerEntry.sale_uuid.is_not(None),
                )
                .group_by(LedgerEntry.customer_id)
            ).all()
        )
    return latest


def usual_services(session: Session, customer_ids: list[int]) -> dict[int, str]:
    """Each customer's most bought service (by lines; the latest on a tie)."""
    usual: dict[int, str] = {}
    for start in range(0, len(customer_ids), 500):
        chunk = customer_ids[start : start + 500]
        rows = session.execute(
            select(Sale.customer_id, SaleLine.description, func.count(), func.max(Sale.created_at))
            .join(SaleLine, SaleLine.sale_id == Sale.id)
            .join(Item, Item.id == SaleLine.item_id)
            .where(Sale.customer_id.in_(chunk), Item.kind == SERVICE_KIND, Sale.voided_at.is_(None))
            .group_by(Sale.customer_id, SaleLine.description)
        ).all()
        best: dict[int, tuple[int, datetime.datetime]] = {}
        for cid, name, count, last in rows:
            if cid is not None and (cid not in best or (count, last) > best[cid]):
                best[cid] = (count, last)
                usual[cid] = name
    return usual


def due_messages(
    station: Station, session: Session, today: datetime.date, now: datetime.datetime
) -> list[DueMessage]:
    """Everything due `today` (reminders, expiry warnings, birthdays, campaigns)."""
    settings = messaging_settings(station, session)
    program = station.program(session)
    store = station.snapshot(session).store
    states = customer_states(session, station.cached("timezone", session, store_zone), now)
    due = due_today(states, today, rules_for(settings, program), store.name)
    if settings.kind_enabled(MessageKind.CAMPAIGN):
        for campaign in active_campaigns(station, session):
            due += campaign_announcements(
                states, campaign, today, store.name, settings.campaign_lead_days
            )
    if program.mode is ProgramMode.POINTS:
        due = [replace(d, facts=replace(d.facts, points=True)) for d in due]
    return due


def run_message_scheduler(
    station: Station, today: datetime.date | None = None, *, force: bool = False
) -> SchedulerRun:
    """Enqueue the day's time-based messages, once per local day (see the module)."""
    now = station.now()
    with station.read() as session:
        zone = station.cached("timezone", session, store_zone)
        today = today or now.astimezone(zone).date()
        last = session.get(Setting, LAST_RUN_KEY)
        if not force and last is not None and last.value >= today.isoformat():
            return SchedulerRun(today, False)
        settings = messaging_settings(station, session)
        due = due_messages(station, session, today, now) if settings.enabled else []
    enqueued = 0
    for start in range(0, len(due), BATCH):
        enqueued += _write(station, due[start : start + BATCH], now)
    with station.write() as session:
        session.merge(Setting(key=LAST_RUN_KEY, value=today.isoformat()))
    return SchedulerRun(today, True, len(due), enqueued)


def _write(station: Station, batch: Sequence[DueMessage], now: datetime.datetime) -> int:
    written = 0
    with station.write() as session:
        by_uuid = {
            c.uuid: c
            for c in session.scalars(
                select(Customer).where(Customer.uuid.in_({d.customer_id for d in batch}))
            )
        }
        grouped: dict[str, list[DueMessage]] = defaultdict(list)
        for message in batch:
            grouped[message.customer_id].append(message)
        for customer_uuid, messages in grouped.items():
            customer = by_uuid.get(customer_uuid)
            if customer is None:
                continue
            for message in messages:
                done = enqueue(
                    station,
                    session,
                    kind=message.kind,
                    customer=customer,
                    period="",
                    key=message.idempotency_key,
                    facts=message.facts,
                    now=now,
                )
                written += done is not None
    return written
