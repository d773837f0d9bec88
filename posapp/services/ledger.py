"""Appending to the cashback ledger: hash-chained rows and the balance projection.

`Book` is the only writer of `ledger_entry`. It chains every row it appends to
the terminal's previous row and keeps `customer_balance` in step in the same
transaction; `replay_customer` rebuilds a customer's lots from the rows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Customer, CustomerBalance, LedgerEntry
from posapp.core.ledger import GENESIS_HASH, EntryKind, Movement, Replay, chain_hash, replay
from posapp.core.program import LoyaltyProgram


def entry_record(entry: LedgerEntry) -> dict[str, object]:
    """The fields the hash covers: everything that means something across counters."""

    def iso(moment: datetime | None) -> str | None:
        return moment.isoformat() if moment else None

    return {
        "uuid": entry.uuid,
        "terminal": entry.terminal_uuid,
        "seq": entry.seq,
        "kind": entry.kind,
        "customer": entry.customer_uuid,
        "amount": entry.amount,
        "created_at": iso(entry.created_at),
        "available_from": iso(entry.available_from),
        "expires_at": iso(entry.expires_at),
        "lot": entry.lot_uuid,
        "sale": entry.sale_uuid,
        "voucher": entry.voucher_code,
        "note": entry.note,
    }


def movement_of(entry: LedgerEntry) -> Movement:
    return Movement(
        uuid=entry.uuid,
        kind=EntryKind(entry.kind),
        amount=entry.amount,
        created_at=entry.created_at,
        available_from=entry.available_from,
        expires_at=entry.expires_at,
        lot_uuid=entry.lot_uuid,
    )


def replay_customer(session: Session, customer_id: int) -> Replay:
    entries = session.scalars(
        select(LedgerEntry).where(LedgerEntry.customer_id == customer_id).order_by(LedgerEntry.id)
    )
    return replay(movement_of(entry) for entry in entries)


@dataclass
class Refs:
    """What an entry belongs to."""

    sale_id: int | None = None
    sale_uuid: str | None = None
    refund_id: int | None = None
    voucher_id: int | None = None
    voucher_code: str | None = None
    related_customer_id: int | None = None
    staff_id: int | None = None
    note: str | None = None


class Book:
    """Appends ledger rows for one terminal inside one unit of work."""

    def __init__(self, session: Session, terminal_uuid: str, now: datetime) -> None:
        self.session = session
        self.terminal_uuid = terminal_uuid
        self.now = now
        head = session.execute(
            select(LedgerEntry.seq, LedgerEntry.hash)
            .where(LedgerEntry.terminal_uuid == terminal_uuid)
            .order_by(LedgerEntry.seq.desc())
            .limit(1)
        ).first()
        self.seq, self.head = (head[0], head[1]) if head else (0, GENESIS_HASH)

    def credit(
        self,
        customer: Customer,
        kind: EntryKind,
        amount: int,
        program: LoyaltyProgram,
        refs: Refs,
        *,
        pending: bool = True,
    ) -> LedgerEntry:
        """A positive movement: a new lot, spendable after the pending days, then expiring."""
        available = self.now + timedelta(days=program.pending_days if pending else 0)
        expires = available + timedelta(days=program.expiry_days) if program.expiry_days else None
        return self.append(
            customer, kind, amount, refs, available_from=available, expires_at=expires
        )

    def append(
        self,
        customer: Customer,
        kind: EntryKind,
        amount: int,
        refs: Refs,
        *,
        available_from: datetime | None = None,
        expires_at: datetime | None = None,
        lot_uuid: str | None = None,
    ) -> LedgerEntry:
        self.seq += 1
        entry = LedgerEntry(
            uuid=str(uuid.uuid4()),
            terminal_uuid=self.terminal_uuid,
            seq=self.seq,
            kind=kind.value,
            customer_id=customer.id,
            customer_uuid=customer.uuid,
            amount=amount,
            created_at=self.now,
            available_from=available_from,
            expires_at=expires_at,
            lot_uuid=lot_uuid,
            sale_id=refs.sale_id,
            sale_uuid=refs.sale_uuid,
            refund_id=refs.refund_id,
            voucher_id=refs.voucher_id,
            voucher_code=refs.voucher_code,
            related_customer_id=refs.related_customer_id,
            staff_id=refs.staff_id,
            note=refs.note,
            prev_hash=self.head,
        )
        entry.hash = chain_hash(self.head, entry_record(entry))
        self.head = entry.hash
        self.session.add(entry)
        self._project(customer.id, amount)
        return entry

    def _project(self, customer_id: int, amount: int) -> None:
        balance = self.session.get(CustomerBalance, customer_id)
        if balance is None:
            balance = CustomerBalance(customer_id=customer_id, units=0)
            self.session.add(balance)
        balance.units += amount
        balance.last_entry_at = self.now
