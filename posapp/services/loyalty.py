"""Time-driven ledger work and manual corrections.

`run_daily` writes off expired cashback, marks lapsed vouchers and issues the
vouchers that cashback maturing since the last run has earned. It is
idempotent: a second run at the same moment writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Customer, LedgerEntry, Setting, Voucher
from posapp.core.errors import BalanceWouldGoNegative, ReasonRequired, UnknownCustomer
from posapp.core.ledger import Balance, EntryKind
from posapp.services import audit, outbox
from posapp.services.auth import acting_staff, authorize_manager
from posapp.services.ledger import Book, Refs, replay_customer
from posapp.services.station import Station
from posapp.services.sync_config import runs_expiry_here
from posapp.services.voucher_messages import announce_voucher
from posapp.services.vouchers import issue_balance_voucher

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
        lapsed = 0
        for voucher in session.scalars(
            select(Voucher).where(Voucher.status == "open", Voucher.expires_at <= now)
        ):
            voucher.status = "expired"
            lapsed += 1
        issued = 0
        for customer in _customers_maturing(session, last_run, now) if chain_work else ():
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


def adjust(
    station: Station,
    *,
    customer_id: int,
    units: int,
    reason: str,
    staff_id: int,
    manager_pin: str,
) -> Balance:
    """A manager's correction of a balance: a new entry, never an edit."""
    if not reason.strip():
        raise ReasonRequired()
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "ajuste manual de cashback", now)
        program = station.program(session)
        terminal = station.terminal(session)
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise UnknownCustomer(value=customer_id)
        balance = replay_customer(session, customer.id).balance(now)
        if units < 0 and -units > balance.spendable and not program.allow_negative_balance:
            raise BalanceWouldGoNegative(
                balance_centavos=program.value_of_units(balance.spendable),
                amount_centavos=program.value_of_units(units),
            )
        book = Book(session, terminal.uuid, now)
        refs = Refs(staff_id=staff.id, note=reason.strip())
        if units > 0:
            book.credit(customer, EntryKind.ADJUST, units, program, refs, pending=False)
            voucher = issue_balance_voucher(
                session, book, customer, program, Refs(staff_id=staff.id)
            )
            if voucher is not None:
                announce_voucher(station, session, book, customer, voucher, program)
        elif units < 0:
            book.append(customer, EntryKind.ADJUST, units, refs)
        audit.record(
            session,
            at=now,
            terminal_uuid=terminal.uuid,
            action="cashback.adjust",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target=f"customer:{customer.uuid}",
            units=units,
            reason=reason.strip(),
        )
        return replay_customer(session, customer.id).balance(now)
