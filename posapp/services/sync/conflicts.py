"""Conflicts for managers: what the endpoint found (two counters spending the same money
offline, a voucher used twice), what the pull found here (a CPF or phone that another
local customer already holds) and what the push set aside (an event the endpoint refused
as invalid, with its reason).

Resolving an endpoint conflict takes a manager's PIN and is audited. "absorbed" means
the store takes the loss: the counter writes an `adjust` entry giving the overdrawn
customer the deficit back, so the chain-wide balance is zero again; "customer_debit"
leaves the deficit for future earnings to cover. The resolution is POSTed first (no
database lock is held while the network answers), then written here in one unit of work.

A resolve is idempotent end to end. Its `request_id` is derived from this terminal and
the conflict, so a retry (the first answer lost after the endpoint committed) sends the
same id and gets the endpoint's same answer; the counter then applies the decision the
endpoint holds (which may be the first try's, whatever the manager chose the second
time), and writes the adjustment in the same transaction that closes the local
conflict, so never twice. The pull leaves such a conflict open until then (see
`sync.pull`), so a lost answer never closes it without its adjustment.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select

from db.models import Customer, StoreKey, SyncConflict
from posapp.core.errors import (
    ConflictNotOpen,
    ReasonRequired,
    SyncServerRefused,
    SyncServerUnavailable,
    UnknownCustomer,
)
from posapp.core.ledger import EntryKind
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.station import Station
from posapp.services.customers.privacy import anonymize_customer
from posapp.services.loyalty.ledger import Book, Refs
from posapp.services.sync.client import Offline, Refused, SyncClient
from posapp.services.sync.pull import FORGET_REQUEST
from posapp.services.sync.push import EVENT_REFUSED

Resolution = Literal["absorbed", "customer_debit"]
RESOLUTIONS: tuple[Resolution, ...] = ("absorbed", "customer_debit")
RESOLVE_NAMESPACE = uuid.UUID("8d2b7c1e-4f0a-4b7e-9a43-6c1f2e9d5b30")
LOCAL_KINDS = frozenset({"cpf_in_use", "phone_in_use", EVENT_REFUSED, FORGET_REQUEST})
"""Recorded by this counter only (its pull, or its push for an event the endpoint refused
and that was set aside); resolving one just closes it here."""


@dataclass(frozen=True, slots=True)
class ConflictRow:
    id: int
    kind: str
    """'overdraft', 'voucher_reuse' (from the endpoint), 'cpf_in_use', 'phone_in_use',
    'event_refused' (local)."""
    customer_name: str | None
    customer_uuid: str | None
    amount: int
    """In the program's units (centavos for cashback programs): the deficit or the voucher's
    value."""
    store_name: str | None
    created_at: datetime
    status: str
    detail: str | None = None
    resolution: str | None = None
    event_uuid: str | None = None
    """'event_refused': the event set aside (its uuid and kind) and the server's reason."""
    event_kind: str | None = None
    reason: str | None = None
    reason_en: str | None = None


def open_conflicts(station: Station) -> list[ConflictRow]:
    return conflicts(station, status="open")


def conflicts(station: Station, *, status: str | None = None) -> list[ConflictRow]:
    with station.read() as session:
        store = station.snapshot(session).store
        query = (
            select(SyncConflict, Customer.name, StoreKey.name)
            .outerjoin(Customer, Customer.uuid == SyncConflict.customer_uuid)
            .outerjoin(StoreKey, StoreKey.store_uuid == SyncConflict.store_uuid)
            .order_by(SyncConflict.created_at, SyncConflict.id)
        )
        if status is not None:
            query = query.where(SyncConflict.status == status)
        return [
            ConflictRow(
                id=row.id,
                kind=row.kind,
                customer_name=customer_name,
                customer_uuid=row.customer_uuid,
                amount=row.amount,
                store_name=store.name if row.store_uuid == store.uuid else store_name,
                created_at=row.created_at,
                status=row.status,
                detail=row.detail,
                resolution=row.resolution,
                event_uuid=row.event_uuid,
                event_kind=row.event_kind,
                reason=row.reason,
                reason_en=row.reason_en,
            )
            for row, customer_name, store_name in session.execute(query)
        ]


def resolve_conflict(
    station: Station,
    conflict_id: int,
    resolution: Resolution,
    note: str,
    *,
    staff_id: int,
    manager_pin: str,
    client: SyncClient | None,
) -> ConflictRow:
    """Close a conflict (manager's PIN). Raises SyncServerUnavailable when the endpoint
    cannot be reached: an endpoint conflict is closed there first, or not at all."""
    if resolution not in RESOLUTIONS:
        raise ValueError(f"resolution must be one of {RESOLUTIONS}")
    note = " ".join(note.split())
    if not note:
        raise ReasonRequired()
    now = station.now()
    with station.read() as session:
        acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "resolver divergência", now)
        conflict = session.get(SyncConflict, conflict_id)
        if conflict is None or conflict.status != "open":
            raise ConflictNotOpen(value=conflict_id)
        server_id, kind = conflict.server_id, conflict.kind
        terminal_uuid = station.terminal(session).uuid
    if kind == FORGET_REQUEST:
        raise ValueError("a request to be forgotten is settled by settle_forget_request")
    if server_id is not None and kind not in LOCAL_KINDS:
        if client is None:
            raise SyncServerUnavailable()
        try:
            answer = client.resolve_conflict(
                server_id,
                resolution,
                note,
                manager.name,
                request_id=resolve_request_id(terminal_uuid, server_id),
            )
        except Offline as error:
            raise SyncServerUnavailable() from error
        except Refused as error:
            if error.code == "conflict_resolved":
                _close(station, conflict_id, error.body.get("resolution"), None, now)
                raise ConflictNotOpen(value=conflict_id) from error
            raise SyncServerRefused(
                message_pt=error.message("pt_BR"), message_en=error.message("en")
            ) from error
        decided = answer.get("resolution")
        if decided in RESOLUTIONS:  # the endpoint's decision (a retry's answer: the first's)
            resolution = decided
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        conflict = session.get(SyncConflict, conflict_id)
        assert conflict is not None
        if conflict.status != "open":  # closed meanwhile (another window): nothing twice
            raise ConflictNotOpen(value=conflict_id)
        terminal = station.terminal(session)
        adjusted = 0
        if resolution == "absorbed" and conflict.kind == "overdraft" and conflict.amount > 0:
            customer = session.scalars(
                select(Customer).where(Customer.uuid == conflict.customer_uuid)
            ).first()
            if customer is None:
                raise UnknownCustomer(value=conflict.customer_uuid)
            book = Book(session, terminal.uuid, now)
            book.credit(
                customer,
                EntryKind.ADJUST,
                conflict.amount,
                station.program(session),
                Refs(staff_id=staff.id, note=f"divergência absorvida pela loja: {note}"[:200]),
                pending=False,
            )
            adjusted = conflict.amount
        conflict.status = "resolved"
        conflict.resolution = resolution
        conflict.note = note[:200]
        conflict.resolved_at = now
        audit.record(
            session,
            at=now,
            terminal_uuid=terminal.uuid,
            action="sync.conflict.resolve",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target=f"conflict:{conflict.server_id or conflict.id}",
            kind=conflict.kind,
            resolution=resolution,
            customer=conflict.customer_uuid,
            adjusted_units=adjusted,
            note=note,
        )
    return next(row for row in conflicts(station) if row.id == conflict_id)


def settle_forget_request(
    station: Station,
    conflict_id: int,
    anonymize: bool,
    note: str,
    *,
    staff_id: int,
    manager_pin: str,
) -> ConflictRow:
    """A customer's request to be forgotten, settled by a manager (PIN, audited): anonymize
    the customer (`customers.privacy`, which tells the chain), or dismiss it with a reason
    (a legal duty to keep the data, a request not really theirs...)."""
    note = " ".join(note.split())
    if not anonymize and not note:
        raise ReasonRequired()
    now = station.now()
    with station.read() as session:
        acting_staff(session, staff_id)
        authorize_manager(session, manager_pin, "pedido de esquecimento", now)
        conflict = session.get(SyncConflict, conflict_id)
        if conflict is None or conflict.status != "open" or conflict.kind != FORGET_REQUEST:
            raise ConflictNotOpen(value=conflict_id)
        customer_id = session.scalar(
            select(Customer.id).where(Customer.uuid == conflict.customer_uuid)
        )
        if customer_id is None:
            raise UnknownCustomer(value=conflict.customer_uuid)
    if anonymize:
        anonymize_customer(
            station, customer_id, manager_pin, note or "pedido do cliente pela página (LGPD)"
        )
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "pedido de esquecimento", now)
        conflict = session.get(SyncConflict, conflict_id)
        assert conflict is not None
        if conflict.status != "open":
            raise ConflictNotOpen(value=conflict_id)
        conflict.status = "resolved"
        conflict.resolution = "anonymized" if anonymize else "dismissed"
        conflict.note = note[:200] or None
        conflict.resolved_at = now
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="customer.forget_request",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target=f"customer:{conflict.customer_uuid}",
            resolution=conflict.resolution,
            note=note,
        )
    return next(row for row in conflicts(station) if row.id == conflict_id)


def resolve_request_id(terminal_uuid: str, server_id: str) -> str:
    """The same for every try of this terminal on this conflict (the endpoint's idempotency
    key for the resolve)."""
    return str(uuid.uuid5(RESOLVE_NAMESPACE, f"{terminal_uuid}:{server_id}"))


def _close(
    station: Station, conflict_id: int, resolution: object, note: str | None, now: datetime
) -> None:
    with station.write() as session:
        conflict = session.get(SyncConflict, conflict_id)
        if conflict is not None and conflict.status == "open":
            conflict.status = "resolved"
            conflict.resolution = str(resolution) if resolution else None
            conflict.note = note
            conflict.resolved_at = now
