"""Appending to the cashback ledger: hash-chained rows and the balance projection.

`Book` is the only writer of `ledger_entry`. It chains every row it appends to
the terminal's previous row (its `hash`, SHA-256, and its `mac`, keyed with this
terminal's secret outside the database: `loyalty.ledger_key`) and keeps
`customer_balance` in step in the same transaction; `replay_customer` rebuilds a
customer's lots from the rows.

`Book` writes each row as it is appended (Core statements, not the unit of work),
so every later query of the transaction sees it. It also keeps the movements of
each customer it has replayed, and adds the ones it appends: within one unit of
work a customer's ledger is read once, however many times the balance is asked.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from db.direct import Direct
from db.models import (
    Customer,
    CustomerBalance,
    LedgerEntry,
    table_of,
    unsaved_row,
    written_row,
)
from posapp.core.ledger import (
    GENESIS_HASH,
    EntryKind,
    Movement,
    Replay,
    digest,
    link_bytes,
    replay,
)
from posapp.core.program import LoyaltyProgram
from posapp.services.loyalty.ledger_key import LedgerKey, terminal_key

_ENTRY = table_of(LedgerEntry)
_BALANCE = table_of(CustomerBalance)

_MOVEMENTS = (
    select(
        LedgerEntry.uuid,
        LedgerEntry.kind,
        LedgerEntry.amount,
        LedgerEntry.created_at,
        LedgerEntry.available_from,
        LedgerEntry.expires_at,
        LedgerEntry.lot_uuid,
    )
    .where(LedgerEntry.customer_id == bindparam("customer_id"))
    .order_by(LedgerEntry.id)
)
"""A customer's movements in ledger order: columns only (served by (customer_id, id))."""

_HEAD = Direct(
    select(_ENTRY.c.seq, _ENTRY.c.hash)
    .where(_ENTRY.c.terminal_uuid == bindparam("terminal_uuid"))
    .order_by(_ENTRY.c.seq.desc())
    .limit(1)
)
_INSERT_ENTRY = Direct(insert(_ENTRY))
_ADD_TO_BALANCE = Direct(
    update(_BALANCE)
    .where(_BALANCE.c.customer_id == bindparam("customer"))
    .values(units=_BALANCE.c.units + bindparam("amount"), last_entry_at=bindparam("at"))
)
_NEW_BALANCE = Direct(insert(_BALANCE))
_BOOK_MOVEMENTS = Direct(_MOVEMENTS)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


HASHED = (
    "uuid",
    "terminal_uuid",
    "seq",
    "kind",
    "customer_uuid",
    "amount",
    "created_at",
    "available_from",
    "expires_at",
    "lot_uuid",
    "sale_uuid",
    "voucher_code",
    "note",
)
"""The columns the hash covers."""


def entry_record(entry: LedgerEntry) -> dict[str, object]:
    """The fields the hash covers: everything that means something across counters."""
    return row_record({column: getattr(entry, column) for column in HASHED})


def row_record(row: Mapping[Any, Any]) -> dict[str, object]:
    """`entry_record` of an entry's column values (a Core row's mapping)."""
    return {
        "uuid": row["uuid"],
        "terminal": row["terminal_uuid"],
        "seq": row["seq"],
        "kind": row["kind"],
        "customer": row["customer_uuid"],
        "amount": row["amount"],
        "created_at": _iso(row["created_at"]),
        "available_from": _iso(row["available_from"]),
        "expires_at": _iso(row["expires_at"]),
        "lot": row["lot_uuid"],
        "sale": row["sale_uuid"],
        "voucher": row["voucher_code"],
        "note": row["note"],
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


def _as_movements(rows: Iterable[Any]) -> list[Movement]:
    return [
        Movement(uuid_, EntryKind(kind), amount, created, available, expires, lot)
        for uuid_, kind, amount, created, available, expires, lot in rows
    ]


def replay_customer(session: Session, customer_id: int) -> Replay:
    return replay(_as_movements(session.execute(_MOVEMENTS, {"customer_id": customer_id})))


_MOVEMENTS_OF_MANY = (
    select(LedgerEntry.customer_id, *_MOVEMENTS.selected_columns)
    .where(LedgerEntry.customer_id.in_(bindparam("customer_ids", expanding=True)))
    .order_by(LedgerEntry.customer_id, LedgerEntry.id)
)


def replay_customers(session: Session, customer_ids: Iterable[int]) -> dict[int, Replay]:
    """Each customer's replay, from one statement (a page of search results)."""
    wanted = list(dict.fromkeys(customer_ids))
    rows: dict[int, list[Any]] = {customer_id: [] for customer_id in wanted}
    if wanted:
        for customer_id, *movement in session.execute(_MOVEMENTS_OF_MANY, {"customer_ids": wanted}):
            rows[customer_id].append(movement)
    return {customer_id: replay(_as_movements(found)) for customer_id, found in rows.items()}


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

    def of_voucher(self, voucher_id: int, voucher_code: str, note: str | None = None) -> Refs:
        """These refs' sale, refund and staff, for an entry about one voucher."""
        return Refs(
            sale_id=self.sale_id,
            sale_uuid=self.sale_uuid,
            refund_id=self.refund_id,
            voucher_id=voucher_id,
            voucher_code=voucher_code,
            staff_id=self.staff_id,
            note=note,
        )


class Book:
    """Appends ledger rows for one terminal inside one unit of work.

    Every ledger row the unit of work writes must go through its one `Book`:
    the movements `replay` keeps per customer are those read once plus those
    appended here since.

    Each entry is written as it is appended, unless inside `batched()`, where
    the entries and the balance moves wait and are written together (one INSERT,
    one UPDATE per customer) when the block ends, or before `replay` reads a
    customer's ledger, or on `flush()`.
    """

    def __init__(self, session: Session, terminal_uuid: str, now: datetime) -> None:
        self.session = session
        self.terminal_uuid = terminal_uuid
        self.now = now
        self._connection = session.connection()
        head = _HEAD.first(self._connection, {"terminal_uuid": terminal_uuid})
        self.seq: int = head[0] if head else 0
        self.head: str = head[1] if head else GENESIS_HASH
        self._movements: dict[int, list[Movement]] = {}
        self._written = (self.seq, self.head)
        self._batching = False
        self._unwritten: list[dict[str, Any]] = []
        self._unprojected: dict[int, int] = {}
        self._key: LedgerKey | None = None

    def replay(self, customer_id: int) -> Replay:
        """The customer's lots now, with what this book has appended (read once per book)."""
        return replay(self.movements(customer_id))

    def movements(self, customer_id: int) -> list[Movement]:
        """The customer's movements in ledger order, with what this book has appended."""
        movements = self._movements.get(customer_id)
        if movements is None:
            self.flush()
            rows = _BOOK_MOVEMENTS.rows(self._connection, {"customer_id": customer_id})
            movements = self._movements[customer_id] = _as_movements(rows)
        return list(movements)

    @contextmanager
    def batched(self) -> Iterator[None]:
        """Append in the block, write at its end: for code that reads no ledger rows meanwhile.

        Nothing is written if the block raises (the unit of work is rolled back anyway).
        """
        self._batching = True
        try:
            yield
        except BaseException:
            # Forget what was not written: the chain goes on from the last written entry.
            self._unwritten.clear()
            self._unprojected.clear()
            self.seq, self.head = self._written
            self._movements.clear()
            raise
        finally:
            self._batching = False
        self.flush()

    def flush(self) -> None:
        """Write the entries and balance moves appended in a batch and not written yet."""
        if self._unwritten:
            _INSERT_ENTRY.executemany(self._connection, self._unwritten)
            self._unwritten = []
            self._written = (self.seq, self.head)
        for customer_id, amount in self._unprojected.items():
            self._project(customer_id, amount)
        self._unprojected.clear()

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
        """Write the entry, chained to the terminal's last one, and move the customer's balance.

        Returns the entry as written, detached (not in the session); in a batch, the
        entry to be written: transient, without its id.
        """
        self.seq += 1
        values: dict[str, Any] = {
            "uuid": str(uuid.uuid4()),
            "terminal_uuid": self.terminal_uuid,
            "seq": self.seq,
            "kind": kind.value,
            "customer_id": customer.id,
            "customer_uuid": customer.uuid,
            "amount": amount,
            "created_at": self.now,
            "available_from": available_from,
            "expires_at": expires_at,
            "lot_uuid": lot_uuid,
            "sale_id": refs.sale_id,
            "sale_uuid": refs.sale_uuid,
            "refund_id": refs.refund_id,
            "voucher_id": refs.voucher_id,
            "voucher_code": refs.voucher_code,
            "related_customer_id": refs.related_customer_id,
            "staff_id": refs.staff_id,
            "note": refs.note,
            "prev_hash": self.head,
        }
        linked = link_bytes(self.head, row_record(values))
        key = self._key or terminal_key(self.terminal_uuid)
        self._key = key
        values["mac"] = digest(linked, key.secret)
        values["mac_key"] = key.key_id
        self.head = values["hash"] = digest(linked)
        if self._batching:
            self._unwritten.append(values)
            self._unprojected[customer.id] = self._unprojected.get(customer.id, 0) + amount
            entry = unsaved_row(LedgerEntry, values)
        else:
            values["id"] = _INSERT_ENTRY.execute(self._connection, values).lastrowid
            self._written = (self.seq, self.head)
            entry = written_row(LedgerEntry, values)
            self._project(customer.id, amount)
        movements = self._movements.get(customer.id)
        if movements is not None:
            movements.append(
                Movement(
                    values["uuid"],
                    kind,
                    amount,
                    self.now.astimezone(UTC),
                    _stored(available_from),
                    _stored(expires_at),
                    lot_uuid,
                )
            )
        return entry

    def _project(self, customer_id: int, amount: int) -> None:
        moved = _ADD_TO_BALANCE.execute(
            self._connection, {"customer": customer_id, "amount": amount, "at": self.now}
        )
        if moved.rowcount == 0:
            _NEW_BALANCE.execute(
                self._connection,
                {"customer_id": customer_id, "units": amount, "last_entry_at": self.now},
            )
        loaded = self.session.identity_map.get((CustomerBalance, (customer_id,), None))
        if loaded is not None:  # an ORM copy read earlier in this unit of work is stale now
            self.session.expire(loaded)


def _stored(moment: datetime | None) -> datetime | None:
    """The datetime as it comes back from the database: aware, in UTC."""
    return moment.astimezone(UTC) if moment is not None else None
