"""Push: what this counter wrote, as the endpoint's events, in batches from one snapshot.

Order inside what one cycle sends (docs/sync-protocol.md, "Push"):

1. a `customer.upsert` of every customer the endpoint does not have yet and that no
   pending `customer.enrolled` event announces (a first sync's history, CSV imports,
   demo data), with a uuid derived from the customer's so a retry is a duplicate;
2. the pending outbox events, in the order they were written: `customer.*` events go
   as `customer.upsert` built from the customer row as it is now (an anonymized
   customer's old data is never sent), `voucher.issued` enriched from the voucher row;
3. a `voucher.issued` of every voucher the endpoint does not have and no pending event
   announces;
4. this terminal's ledger entries above the acknowledged seq, as `ledger.entry`.

Customers and vouchers therefore always reach the endpoint before the entries naming
them. A batch is acknowledged locally (outbox rows sent, pushed seq advanced, customers
and vouchers marked known) in one write transaction after the endpoint accepted it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.models import Customer, LedgerEntry, OutboxEvent, SyncKnown, Voucher, table_of
from posapp.services.ledger import entry_record
from posapp.services.privacy import ANONYMOUS_NAME
from posapp.services.station import Station
from posapp.services.sync_config import save_state, state_in
from posapp.sync.client import MAX_BATCH, SyncClient

_NAMESPACE = uuid.UUID("5b0c2f4e-8f7a-4f39-9a56-2f1d0e0c5a11")
CUSTOMER = "customer"
VOUCHER = "voucher"


def dump_uuid(kind: str, row_uuid: str) -> str:
    """The event uuid of the one-time upsert of a customer or voucher: the same on every retry."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{row_uuid}"))


@dataclass
class Batch:
    events: list[dict[str, Any]] = field(default_factory=list)
    outbox_ids: list[int] = field(default_factory=list)
    known: list[tuple[str, str]] = field(default_factory=list)
    last_seq: int | None = None


@dataclass(frozen=True, slots=True)
class PushSummary:
    batches: int
    events: int
    accepted: int
    duplicates: int
    entries: int


@dataclass
class _Item:
    event: dict[str, Any]
    outbox_id: int | None = None
    known: tuple[str, str] | None = None
    seq: int | None = None


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def customer_body(customer: Customer, referrer_uuid: str | None) -> dict[str, Any]:
    anonymized = customer.name == ANONYMOUS_NAME and customer.cpf is None and customer.phone is None
    return {
        "uuid": customer.uuid,
        "name": customer.name,
        "cpf": customer.cpf,
        "phone": customer.phone,
        "email": customer.email,
        "birthday": customer.birthday.isoformat() if customer.birthday else None,
        "marketing_consent": bool(customer.marketing_consent),
        "consent_at": _iso(customer.consent_at),
        "referral_code": customer.referral_code,
        "referred_by": referrer_uuid,
        "created_at": _iso(customer.created_at),
        "anonymized": anonymized,
    }


def voucher_body(voucher: Voucher, customer_uuid: str, store_uuid: str) -> dict[str, Any]:
    return {
        "uuid": voucher.uuid,
        "code": voucher.code,
        "customer": customer_uuid,
        "kind": voucher.kind,
        "value": voucher.value,
        "percent_bps": voucher.percent_bps,
        "max_discount": voucher.max_discount,
        "min_purchase": voucher.min_purchase,
        "issued_at": _iso(voucher.issued_at),
        "expires_at": _iso(voucher.expires_at),
        "store": store_uuid,
    }


class _Rows:
    """Customers and vouchers read by uuid, once per snapshot."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._customers: dict[str, Customer | None] = {}
        self._uuid_of: dict[int, str] = {}

    def customer(self, customer_uuid: str) -> Customer | None:
        if customer_uuid not in self._customers:
            self._customers[customer_uuid] = self.session.scalars(
                select(Customer).where(Customer.uuid == customer_uuid)
            ).first()
        return self._customers[customer_uuid]

    def uuid_of(self, customer_id: int | None) -> str | None:
        if customer_id is None:
            return None
        if customer_id not in self._uuid_of:
            found = self.session.scalar(select(Customer.uuid).where(Customer.id == customer_id))
            if found is None:
                return None
            self._uuid_of[customer_id] = found
        return self._uuid_of[customer_id]

    def upsert(self, customer: Customer) -> dict[str, Any]:
        return customer_body(customer, self.uuid_of(customer.referred_by_id))


def build_batches(
    station: Station, *, max_batches: int = 20, batch_size: int = MAX_BATCH
) -> list[Batch]:
    """Everything to push (up to `max_batches` batches), read in ONE read transaction."""
    limit = max_batches * batch_size
    with station.read() as session:
        snapshot = station.snapshot(session)
        store_uuid, terminal_uuid = snapshot.store.uuid, snapshot.terminal.uuid
        state = state_in(session)
        rows = _Rows(session)
        items: list[_Item] = []

        outbox = session.scalars(
            select(OutboxEvent)
            .where(OutboxEvent.sent_at.is_(None))
            .order_by(OutboxEvent.id)
            .limit(limit)
        ).all()
        payloads = [(event, json.loads(event.payload)) for event in outbox]
        enrolled = {p.get("customer") for e, p in payloads if e.kind == "customer.enrolled"}
        announced_vouchers = {p.get("voucher") for e, p in payloads if e.kind == "voucher.issued"}

        known = select(SyncKnown.uuid)
        for customer in session.scalars(
            select(Customer).where(Customer.uuid.not_in(known)).order_by(Customer.id).limit(limit)
        ):
            if customer.uuid in enrolled:
                continue
            items.append(
                _Item(
                    {
                        "uuid": dump_uuid(CUSTOMER, customer.uuid),
                        "kind": "customer.upsert",
                        "created_at": _iso(customer.created_at),
                        "body": rows.upsert(customer),
                    },
                    known=(customer.uuid, CUSTOMER),
                )
            )

        for event, payload in payloads:
            items.append(_outbox_item(rows, event, payload, store_uuid))

        voucher_rows = session.execute(
            select(Voucher, Customer.uuid)
            .join(Customer, Customer.id == Voucher.customer_id)
            .where(Voucher.uuid.not_in(known))
            .order_by(Voucher.id)
            .limit(limit)
        ).all()
        for voucher, customer_uuid in voucher_rows:
            if voucher.uuid in announced_vouchers:
                continue
            items.append(
                _Item(
                    {
                        "uuid": dump_uuid(VOUCHER, voucher.uuid),
                        "kind": "voucher.issued",
                        "created_at": _iso(voucher.issued_at),
                        # Only this store's vouchers are unknown upstream (pulled ones are known).
                        "body": voucher_body(voucher, customer_uuid, store_uuid),
                    },
                    known=(voucher.uuid, VOUCHER),
                )
            )

        room = max(limit - len(items), 0)
        if room:
            for entry in session.scalars(
                select(LedgerEntry)
                .where(LedgerEntry.terminal_uuid == terminal_uuid)
                .where(LedgerEntry.seq > state.pushed_seq)
                .order_by(LedgerEntry.seq)
                .limit(room)
            ):
                record = entry_record(entry)
                record["prev_hash"] = entry.prev_hash
                record["hash"] = entry.hash
                items.append(
                    _Item(
                        {
                            "uuid": entry.uuid,
                            "kind": "ledger.entry",
                            "created_at": _iso(entry.created_at),
                            "body": record,
                        },
                        seq=entry.seq,
                    )
                )
    return list(_chunks(items[:limit], batch_size))


def _outbox_item(
    rows: _Rows, event: OutboxEvent, payload: dict[str, Any], store_uuid: str
) -> _Item:
    kind, body = event.kind, payload
    known: tuple[str, str] | None = None
    if event.kind.startswith("customer.") and isinstance(payload.get("customer"), str):
        customer = rows.customer(payload["customer"])
        if customer is not None:
            kind, body = "customer.upsert", rows.upsert(customer)
            known = (customer.uuid, CUSTOMER)
    elif event.kind == "voucher.issued" and isinstance(payload.get("voucher"), str):
        voucher = rows.session.scalars(
            select(Voucher).where(Voucher.uuid == payload["voucher"])
        ).first()
        customer_uuid = rows.uuid_of(voucher.customer_id) if voucher is not None else None
        if voucher is not None and customer_uuid is not None:
            body = voucher_body(voucher, customer_uuid, store_uuid)
            known = (voucher.uuid, VOUCHER)
    return _Item(
        {"uuid": event.uuid, "kind": kind, "created_at": _iso(event.created_at), "body": body},
        outbox_id=event.id,
        known=known,
    )


def _chunks(items: Sequence[_Item], size: int) -> Iterable[Batch]:
    for start in range(0, len(items), size):
        batch = Batch()
        for item in items[start : start + size]:
            batch.events.append(item.event)
            if item.outbox_id is not None:
                batch.outbox_ids.append(item.outbox_id)
            if item.known is not None:
                batch.known.append(item.known)
            if item.seq is not None:
                batch.last_seq = item.seq
        yield batch


_OUTBOX = table_of(OutboxEvent)
_KNOWN = table_of(SyncKnown)


def acknowledge(station: Station, batch: Batch) -> None:
    """The endpoint has the batch: mark it so, in one local write transaction."""
    now = station.now()
    with station.write() as session:
        connection = session.connection()
        for start in range(0, len(batch.outbox_ids), 500):
            ids = batch.outbox_ids[start : start + 500]
            connection.execute(
                update(_OUTBOX)
                .where(_OUTBOX.c.id.in_(ids), _OUTBOX.c.sent_at.is_(None))
                .values(sent_at=now)
            )
        if batch.known:
            connection.execute(
                sqlite_insert(_KNOWN).on_conflict_do_nothing(),
                [{"uuid": u, "kind": k} for u, k in batch.known],
            )
        if batch.last_seq is not None:
            state = state_in(session)
            if batch.last_seq > state.pushed_seq:
                save_state(session, state.with_changes(pushed_seq=batch.last_seq))


def push(station: Station, client: SyncClient, *, max_batches: int = 20) -> PushSummary:
    """Push what is pending, batch by batch; stops at the first failure (which propagates)."""
    batches = build_batches(station, max_batches=max_batches)
    accepted = duplicates = entries = events = 0
    for batch in batches:
        ack = client.push(batch.events)
        acknowledge(station, batch)
        accepted += ack.accepted
        duplicates += ack.duplicates
        events += len(batch.events)
        entries += sum(1 for e in batch.events if e["kind"] == "ledger.entry")
    return PushSummary(len(batches), events, accepted, duplicates, entries)
