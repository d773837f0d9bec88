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

The endpoint applies a batch all or nothing and names the event it refused (`index`,
`uuid`). One bad event must not block the counter for good, so:

- an event that is not a ledger entry (an outbox event, or the upsert of a customer or
  voucher the endpoint lacks), refused as invalid, is set aside (`quarantine`): its
  outbox row is marked sent (or its row marked known), a local `event_refused` conflict
  keeps the server's reason for managers, and the rest of the batch is pushed again in
  the same cycle;
- a refused ledger entry is never skipped (the terminal's chain upstream would have a
  hole): what came before it in the batch is pushed, then the cycle stops with
  `LedgerEntryRefused` ("chame o suporte"; `posapp db verify` finds the bad row).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.models import (
    Customer,
    LedgerEntry,
    Message,
    OutboxEvent,
    SyncConflict,
    SyncKnown,
    Voucher,
    table_of,
)
from posapp.services.common.station import Station
from posapp.services.customers.privacy import ANONYMOUS_NAME
from posapp.services.loyalty.ledger import entry_record
from posapp.services.sync.client import MAX_BATCH, Offline, Refused, SyncClient
from posapp.services.sync.config import save_state, state_in

_NAMESPACE = uuid.UUID("5b0c2f4e-8f7a-4f39-9a56-2f1d0e0c5a11")
CUSTOMER = "customer"
VOUCHER = "voucher"
EVENT_REFUSED = "event_refused"
"""The local conflict kind of an event the endpoint refused and this counter set aside."""
INVALID = frozenset({"invalid_event", "invalid_request"})
"""Codes meaning "this event is malformed": pushing it again can never succeed."""
_BATCH_NOTE = (
    ("Nada do lote foi aplicado.", ""),
    ("Nothing of the batch was applied.", ""),
)


class LedgerEntryRefused(Refused):
    """The endpoint refused one of this terminal's ledger entries: the cycle stops there.

    Never skipped (the chain upstream would have a hole); the entries before it are
    pushed. A tampered or forged local row is the usual cause: `posapp db verify`.
    """

    def __init__(self, refusal: Refused, entry_uuid: str) -> None:
        reason_pt, reason_en = _reason(refusal, "pt_BR"), _reason(refusal, "en")
        super().__init__(
            refusal.status,
            refusal.code,
            f"O servidor recusou um lançamento do extrato: {reason_pt}; chame o suporte.",
            f"The server refused a ledger entry: {reason_en}; call support.",
            {**refusal.body, "entry": entry_uuid},
        )
        self.entry_uuid = entry_uuid


def _reason(refusal: Refused, locale: str) -> str:
    """The server's words without its note that the batch was not applied (the counter
    pushes the rest again), and without the final period (the text goes on)."""
    text = refusal.message(locale)
    for note, blank in _BATCH_NOTE:
        text = text.replace(note, blank)
    return text.strip().rstrip(".")


def dump_uuid(kind: str, row_uuid: str) -> str:
    """The event uuid of the one-time upsert of a customer or voucher: the same on every retry."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{row_uuid}"))


@dataclass
class _Item:
    event: dict[str, Any]
    outbox_id: int | None = None
    known: tuple[str, str] | None = None
    seq: int | None = None
    """Set for this terminal's ledger entries (never set aside)."""


@dataclass
class Batch:
    """What one push sends, and what it acknowledges locally once accepted."""

    items: list[_Item] = field(default_factory=list)

    @property
    def events(self) -> list[dict[str, Any]]:
        return [item.event for item in self.items]

    @property
    def outbox_ids(self) -> list[int]:
        return [item.outbox_id for item in self.items if item.outbox_id is not None]

    @property
    def known(self) -> list[tuple[str, str]]:
        return [item.known for item in self.items if item.known is not None]

    @property
    def last_seq(self) -> int | None:
        seqs = [item.seq for item in self.items if item.seq is not None]
        return max(seqs) if seqs else None


@dataclass(frozen=True, slots=True)
class PushSummary:
    batches: int
    events: int
    accepted: int
    duplicates: int
    entries: int
    set_aside: int = 0
    """Events the endpoint refused as invalid, recorded for managers and not sent again."""


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def customer_body(
    customer: Customer, referrer_uuid: str | None, now: datetime | None = None
) -> dict[str, Any]:
    """The customer as this counter holds her; her details' moment never after `now` (an
    edit made while the counter's clock ran ahead, the clock since set right: dated days
    ahead, the endpoint refuses every later upsert of her, a consent withdrawal too)."""
    anonymized = customer.name == ANONYMOUS_NAME and customer.cpf is None and customer.phone is None
    edited = customer.details_changed_at
    if now is not None and edited is not None and edited > now:
        edited = now
    return {
        "uuid": customer.uuid,
        "name": customer.name,
        "cpf": customer.cpf,
        "phone": customer.phone,
        "email": customer.email,
        "birthday": customer.birthday.isoformat() if customer.birthday else None,
        "marketing_consent": bool(customer.marketing_consent),
        "consent_at": _iso(customer.consent_at),
        "consent_changed_at": _iso(customer.consent_changed_at),
        "details_changed_at": _iso(edited),
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

    def __init__(self, session: Session, now: datetime) -> None:
        self.session = session
        self.now = now
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
        return customer_body(customer, self.uuid_of(customer.referred_by_id), self.now)


def pending_items(station: Station, limit: int) -> list[_Item]:
    """Everything to push, at most `limit` items in order, read in ONE read transaction."""
    with station.read() as session:
        snapshot = station.snapshot(session)
        store_uuid, terminal_uuid = snapshot.store.uuid, snapshot.terminal.uuid
        state = state_in(session)
        rows = _Rows(session, station.now())
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
    return items[:limit]


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


_OUTBOX = table_of(OutboxEvent)
_KNOWN = table_of(SyncKnown)


def _mark_sent(session: Session, batch: Batch, now: datetime) -> None:
    connection = session.connection()
    outbox_ids = batch.outbox_ids
    for start in range(0, len(outbox_ids), 500):
        ids = outbox_ids[start : start + 500]
        connection.execute(
            update(_OUTBOX)
            .where(_OUTBOX.c.id.in_(ids), _OUTBOX.c.sent_at.is_(None))
            .values(sent_at=now)
        )
    if known := batch.known:
        connection.execute(
            sqlite_insert(_KNOWN).on_conflict_do_nothing(),
            [{"uuid": u, "kind": k} for u, k in known],
        )


def acknowledge(station: Station, batch: Batch) -> None:
    """The endpoint has the batch: mark it so, in one local write transaction."""
    now = station.now()
    with station.write() as session:
        _mark_sent(session, batch, now)
        last_seq = batch.last_seq
        if last_seq is not None:
            state = state_in(session)
            if last_seq > state.pushed_seq:
                save_state(session, state.with_changes(pushed_seq=last_seq))


def refused_index(refusal: Refused, events: Sequence[dict[str, Any]]) -> int | None:
    """Which event of the pushed batch the endpoint refused, or None when it does not say.

    `invalid_event` and the ledger codes carry `index` and `uuid`; a batch whose event
    does not even fit the schema (`invalid_request`) names it in the first problem's
    location (`["body", "events", index, ...]`). The uuid, when given, must match the
    event at that index: a mismatch means we cannot tell, and nothing is set aside.
    """
    index: object = refusal.body.get("index")
    if index is None and refusal.code == "invalid_request":
        problems = refusal.body.get("detail")
        if isinstance(problems, list) and problems and isinstance(problems[0], dict):
            where = problems[0].get("loc")
            if isinstance(where, list) and len(where) >= 3 and where[:2] == ["body", "events"]:
                index = where[2]
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(events):
        return None
    named = refusal.body.get("uuid")
    if named is not None and named != events[index].get("uuid"):
        return None
    return index


def quarantine(station: Station, item: _Item, refusal: Refused) -> None:
    """Set a refused event aside: never sent again, recorded for managers with the
    server's reason (a local conflict; resolving it just closes it here)."""
    if item.seq is not None:
        raise ValueError("a ledger entry is never set aside")
    now = station.now()
    event = item.event
    reason_pt, reason_en = _reason(refusal, "pt_BR"), _reason(refusal, "en")
    with station.write() as session:
        _mark_sent(session, Batch([item]), now)
        session.add(
            SyncConflict(
                server_id=None,
                kind=EVENT_REFUSED,
                amount=0,
                terminal_uuid=station.terminal(session).uuid,
                detail=f"{event.get('kind')}: {reason_pt}"[:200],
                created_at=now,
                status="open",
                event_uuid=str(event.get("uuid"))[:36],
                event_kind=str(event.get("kind"))[:40],
                reason=reason_pt,
                reason_en=reason_en,
            )
        )
        if event.get("kind") == "message.queued":
            _message_refused(session, event, reason_pt)


def _message_refused(session: Session, event: dict[str, Any], reason: str) -> None:
    """A customer message the endpoint will never deliver: its row says so, instead of
    waiting for the endpoint forever."""
    body = event.get("body")
    key = body.get("idempotency_key") if isinstance(body, dict) else None
    if not isinstance(key, str):
        return
    session.execute(
        update(Message)
        .where(Message.idempotency_key == key, Message.status.in_(("queued", "deferred")))
        .values(status="failed", reason="endpoint_refused", reason_detail=reason[:300])
    )


def push(station: Station, client: SyncClient, *, max_batches: int = 20) -> PushSummary:
    """Push what is pending, batch by batch; stops at the first failure (which propagates).

    An event refused as invalid that is not a ledger entry is set aside and the rest of
    its batch pushed again; a refused ledger entry raises `LedgerEntryRefused` after
    what came before it in the batch was pushed. Each batch takes `client.batches.size`
    items, which follows the endpoint's answer times (`BatchSizer`); a batch the endpoint
    finds too large (413) is pushed again in smaller ones.
    """
    pending = pending_items(station, max_batches * MAX_BATCH)
    accepted = duplicates = entries = events = set_aside = pushes = 0
    while pending:
        batch, pending = Batch(pending[: client.batches.size]), pending[client.batches.size :]
        while batch.items:
            sent = batch.events
            started = time.monotonic()
            try:
                ack = client.push(sent)
            except Offline:
                client.batches.unanswered()
                raise
            except Refused as refusal:
                if refusal.code == "too_large" and len(batch.items) > 1:
                    client.batches.unanswered()
                    keep = min(client.batches.size, len(batch.items) // 2)
                    pending = batch.items[keep:] + pending
                    batch = Batch(batch.items[:keep])
                    continue
                index = refused_index(refusal, sent)
                if index is None:
                    raise
                item = batch.items[index]
                if item.seq is not None:
                    before = Batch(batch.items[:index])
                    if before.items:
                        ack = client.push(before.events)
                        acknowledge(station, before)
                        accepted += ack.accepted
                        duplicates += ack.duplicates
                        events += len(before.items)
                        entries += sum(1 for i in before.items if i.seq is not None)
                    raise LedgerEntryRefused(refusal, str(sent[index]["uuid"])) from refusal
                if refusal.code not in INVALID:
                    raise
                quarantine(station, item, refusal)
                set_aside += 1
                batch = Batch(batch.items[:index] + batch.items[index + 1 :])
                continue
            client.batches.answered(len(sent), time.monotonic() - started)
            acknowledge(station, batch)
            pushes += 1
            accepted += ack.accepted
            duplicates += ack.duplicates
            events += len(batch.items)
            entries += sum(1 for i in batch.items if i.seq is not None)
            break
    return PushSummary(pushes, events, accepted, duplicates, entries, set_aside)
