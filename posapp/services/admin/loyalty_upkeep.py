"""Time-driven ledger work and manual corrections.

`run_daily` marks lapsed vouchers (an unused balance voucher gives its cashback
back, lot by lot with the lots' own expiry dates), writes off expired cashback and
issues the vouchers that cashback maturing since the last run has earned. It is
idempotent: a second run at the same moment writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session, aliased

from db.models import Customer, LedgerEntry, Setting, Voucher
from posapp.core.ledger import EntryKind
from posapp.services.common import outbox
from posapp.services.common.station import Station
from posapp.services.loyalty.ledger import Book, Refs, replay_customer
from posapp.services.loyalty.vouchers import give_back_unused, issue_balance_voucher
from posapp.services.messages.voucher_notice import announce_voucher
from posapp.services.sync.config import runs_expiry_here

LAST_RUN = "loyalty.last_daily_run"
BATCH = 200
"""Customers (or vouchers) per write transaction: the write lock is held briefly."""
PAGE = 5_000
"""Ids read per statement while going through what is to be done (`_ids`)."""


@dataclass(frozen=True, slots=True)
class DailyRunResult:
    expired_lots: int
    expired_units: int
    vouchers_lapsed: int
    vouchers_issued: int


def run_daily(station: Station, batch: int = BATCH) -> DailyRunResult:
    """Lapse, expire and mature in short write transactions of `batch` customers each.

    A store with a million customers may have thousands of lots to write off; one
    transaction for all of them held the write lock for most of a minute, so a cashier
    could not sign in or sell. Each step is idempotent on its own (a lapsed voucher is
    no longer open, a written-off lot is no longer found), so a run cut short is simply
    continued by the next one; the day's mark is written last.
    """
    now = station.now()
    with station.read() as session:
        last_run = _last_run(session)
        # Synced, only the counter the endpoint named expires lots and issues the vouchers
        # of matured cashback: two counters must never write off (or convert) a lot twice.
        chain_work = runs_expiry_here(session)
    lapsing = _ids(
        station, select(Voucher.id).where(Voucher.status == "open", Voucher.expires_at <= now)
    )
    expiring = _customers_with_expired_lots(station, now) if chain_work else iter(())
    maturing = _customers_maturing(station, last_run, now) if chain_work else iter(())
    given_back: set[int] = set()
    lapsed = expired_lots = expired_units = issued = 0
    for ids in _chunks(lapsing, batch):
        with station.write() as session:
            book = Book(session, station.terminal(session).uuid, now)
            for voucher in session.scalars(
                select(Voucher).where(Voucher.id.in_(ids), Voucher.status == "open")
            ):
                holder = session.get(Customer, voucher.customer_id)
                if chain_work and holder is not None:
                    if give_back_unused(session, book, holder, voucher, Refs()):
                        given_back.add(holder.id)
                else:
                    voucher.status = "expired"
                lapsed += 1
    for ids in _chunks(expiring, batch):
        with station.write() as session:
            book = Book(session, station.terminal(session).uuid, now)
            for customer in _customers(session, ids):
                for lot in replay_customer(session, customer.id).expired_lots(now):
                    book.append(
                        customer,
                        EntryKind.EXPIRE,
                        -lot.remaining,
                        Refs(note="validade do cashback"),
                        lot_uuid=lot.uuid,
                    )
                    expired_lots += 1
                    expired_units += lot.remaining
    # the cashback of a voucher that just lapsed stays in the balance
    for ids in _chunks((i for i in maturing if i not in given_back), batch):
        with station.write() as session:
            program = station.program(session)
            book = Book(session, station.terminal(session).uuid, now)
            for customer in _customers(session, ids):
                matured = issue_balance_voucher(session, book, customer, program, Refs())
                if matured is not None:
                    announce_voucher(station, session, book, customer, matured, program)
                    issued += 1
    with station.write() as session:
        session.merge(Setting(key=LAST_RUN, value=now.isoformat()))
        if expired_lots or lapsed or issued:
            outbox.emit(
                session,
                "loyalty.daily_run",
                now,
                {"expired_units": expired_units, "vouchers_lapsed": lapsed, "issued": issued},
            )
    return DailyRunResult(expired_lots, expired_units, lapsed, issued)


def _chunks(ids: Iterable[int], size: int) -> Iterator[list[int]]:
    rest = iter(ids)
    while chunk := list(islice(rest, size)):
        yield chunk


def _ids(station: Station, query: Select[Any]) -> Iterator[int]:
    """The ids a query finds, distinct and in order, read a page at a time as they are used.

    A store left off for weeks may have a million customers to work on: each page is
    its own short read after the last id of the one before, so neither a list of every
    id nor a read transaction held open for the whole run (which would keep the WAL
    from being checkpointed) is needed. The work is idempotent, so an id a page finds
    after an earlier batch changed the database is simply worked on, or found done.
    """
    (column,) = query.selected_columns
    after = 0  # the ids are positive
    while True:
        with station.read() as session:
            page = [
                found
                for found in session.scalars(
                    query.where(column > after).distinct().order_by(column).limit(PAGE)
                )
                if found is not None
            ]
        yield from page
        if len(page) < PAGE:
            return
        after = page[-1]


def _customers(session: Session, ids: list[int]) -> list[Customer]:
    return list(session.scalars(select(Customer).where(Customer.id.in_(ids))))


def _last_run(session: Session) -> datetime | None:
    setting = session.get(Setting, LAST_RUN)
    return datetime.fromisoformat(setting.value) if setting else None


def _customers_with_expired_lots(station: Station, now: datetime) -> Iterator[int]:
    written_off = aliased(LedgerEntry)
    return _ids(
        station,
        select(LedgerEntry.customer_id)
        .where(LedgerEntry.amount > 0, LedgerEntry.expires_at <= now)
        .where(
            # Per row, through the lot_uuid index: NOT IN would gather every written-off
            # lot again for each page.
            ~exists().where(
                written_off.lot_uuid == LedgerEntry.uuid,
                written_off.kind == EntryKind.EXPIRE.value,
            )
        ),
    )


def _customers_maturing(station: Station, since: datetime | None, now: datetime) -> Iterator[int]:
    query = select(LedgerEntry.customer_id).where(
        LedgerEntry.amount > 0, LedgerEntry.available_from <= now
    )
    if since is not None:
        query = query.where(LedgerEntry.available_from > since)
    return _ids(station, query)
