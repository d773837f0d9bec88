"""Time-driven ledger work and manual corrections.

`run_daily` marks lapsed vouchers (an unused balance voucher gives its cashback
back, lot by lot with the lots' own expiry dates), writes off expired cashback and
issues the vouchers that cashback maturing since the last run has earned. It is
idempotent: a second run at the same moment writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Customer, LedgerEntry, Setting, Voucher
from posapp.core.ledger import EntryKind
from posapp.services.common import outbox
from posapp.services.common.station import Station
from posapp.services.loyalty.ledger import Book, Refs, replay_customer
from posapp.services.loyalty.vouchers import give_back_unused, issue_balance_voucher
from posapp.services.messages.voucher_notice import announce_voucher
from posapp.services.sync.config import runs_expiry_here

LAST_RUN = "loyalty.last_daily_run"


@dataclass(frozen=True, slots=True)
class DailyRunResult:
    expired_lots: int
    expired_units: int
    vouchers_lapsed: int
    vouchers_issued: int


def run_daily(station: Station) -> DailyRunResult:
    now = station.now()
    with station.write() as session:
        program = station.program(session)
        terminal = station.terminal(session)
        book = Book(session, terminal.uuid, now)
        last_run = _last_run(session)
        expired_lots = expired_units = 0
        # Synced, only the counter the endpoint named expires lots and issues the vouchers of
        # matured cashback: two counters must never write off (or convert) the same lot twice.
        chain_work = runs_expiry_here(session)
        lapsed = 0
        given_back: set[int] = set()
        for voucher in session.scalars(
            select(Voucher).where(Voucher.status == "open", Voucher.expires_at <= now)
        ).all():
            holder = session.get(Customer, voucher.customer_id)
            if chain_work and holder is not None:
                if give_back_unused(session, book, holder, voucher, Refs()):
                    given_back.add(holder.id)
            else:
                voucher.status = "expired"
            lapsed += 1
        for customer in _customers_with_expired_lots(session, now) if chain_work else ():
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
        issued = 0
        for customer in _customers_maturing(session, last_run, now) if chain_work else ():
            if customer.id in given_back:
                continue  # the cashback of a voucher that just lapsed stays in the balance
            matured = issue_balance_voucher(session, book, customer, program, Refs())
            if matured is not None:
                announce_voucher(station, session, book, customer, matured, program)
                issued += 1
        session.merge(Setting(key=LAST_RUN, value=now.isoformat()))
        if expired_lots or lapsed or issued:
            outbox.emit(
                session,
                "loyalty.daily_run",
                now,
                {"expired_units": expired_units, "vouchers_lapsed": lapsed, "issued": issued},
            )
        return DailyRunResult(expired_lots, expired_units, lapsed, issued)


def _last_run(session: Session) -> datetime | None:
    setting = session.get(Setting, LAST_RUN)
    return datetime.fromisoformat(setting.value) if setting else None


def _customers_with_expired_lots(session: Session, now: datetime) -> list[Customer]:
    written_off = select(LedgerEntry.lot_uuid).where(
        LedgerEntry.kind == EntryKind.EXPIRE.value, LedgerEntry.lot_uuid.is_not(None)
    )
    ids = session.scalars(
        select(LedgerEntry.customer_id)
        .where(LedgerEntry.amount > 0, LedgerEntry.expires_at <= now)
        .where(LedgerEntry.uuid.not_in(written_off))
        .distinct()
    ).all()
    return [c for c in (session.get(Customer, i) for i in ids) if c is not None]


def _customers_maturing(session: Session, since: datetime | None, now: datetime) -> list[Customer]:
    query = select(LedgerEntry.customer_id).where(
        LedgerEntry.amount > 0, LedgerEntry.available_from <= now
    )
    if since is not None:
        query = query.where(LedgerEntry.available_from > since)
    ids = session.scalars(query.distinct()).all()
    return [c for c in (session.get(Customer, i) for i in ids) if c is not None]
