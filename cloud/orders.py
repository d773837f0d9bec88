"""Online-shop orders (the signed webhook): a paid order earns, a cancelled one reverses.

The server writes these entries on the chain's online terminal (`online_terminal_uuid`),
hash-chained with the very record shape the counters use
(posapp.services.loyalty.ledger.entry_record), and emits them as `ledger.entry` events, so a
counter pulls and verifies them like any other terminal's rows.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.chains import append_event, lock_chain
from cloud.errors import ApiError
from cloud.events import apply_entry
from cloud.models import Chain, Customer, Order
from cloud.schemas import LedgerEntryBody, OrderIn, OrderOut
from posapp.core.ledger import chain_hash
from posapp.core.money import allocate
from posapp.core.program import EarnLine, LoyaltyProgram


def receive(
    session: Session, chain_id: str, order: OrderIn, now: datetime | None = None
) -> OrderOut:
    """Apply one order status, once: the same (order id, status) again is a duplicate."""
    now = now or datetime.now(UTC)
    chain = lock_chain(session, chain_id)
    if session.get(Order, (chain_id, order.order_id, order.status)) is not None:
        return OrderOut(status="duplicate")
    if order.status == "cancelled":
        return _cancel(session, chain, order, now)
    customer = _find_customer(session, chain_id, order)
    if chain.program is None:
        raise ApiError(
            409,
            "no_program",
            "A rede ainda não tem programa de fidelidade (nenhuma loja se conectou).",
            "The chain has no loyalty program yet (no store has connected).",
        )
    program = LoyaltyProgram.from_json(json.dumps(chain.program))
    cancelled = session.get(Order, (chain_id, order.order_id, "cancelled"))
    amount = 0 if cancelled is not None else program.earn(_earn_lines(order))
    entry_uuid = None
    if amount > 0:
        available = now + timedelta(days=program.pending_days)
        expires = available + timedelta(days=program.expiry_days) if program.expiry_days else None
        entry_uuid = _write(
            session, chain, customer, "earn", amount, now, order.order_id,
            available_from=available, expires_at=expires,
        )  # fmt: skip
    _remember(session, chain_id, order, customer, amount, entry_uuid, now)
    return OrderOut(status="earned" if entry_uuid else "recorded", amount=amount, entry=entry_uuid)


def _cancel(session: Session, chain: Chain, order: OrderIn, now: datetime) -> OrderOut:
    paid = session.get(Order, (chain.id, order.order_id, "paid"))
    if paid is None:  # cancelled before paid (or never paid): nothing to take back
        customer = _find_customer(session, chain.id, order)
        _remember(session, chain.id, order, customer, 0, None, now)
        return OrderOut(status="recorded")
    entry_uuid = None
    if paid.entry_uuid is not None and paid.amount > 0:
        entry_uuid = _write(
            session, chain, paid.customer_uuid, "reverse", -paid.amount, now, order.order_id,
            lot=paid.entry_uuid,
        )  # fmt: skip
    _remember(session, chain.id, order, paid.customer_uuid, -paid.amount, entry_uuid, now)
    return OrderOut(
        status="reversed" if entry_uuid else "recorded",
        amount=-paid.amount if entry_uuid else 0,
        entry=entry_uuid,
    )


def _earn_lines(order: OrderIn) -> list[EarnLine]:
    """The items' amounts, scaled to what the order's total says was paid (discounts, coupons)."""
    gross = [item.quantity * item.unit_price for item in order.items]
    if not gross:
        return [EarnLine(None, order.total)]
    paid = allocate(order.total, gross) if sum(gross) != order.total else gross
    return [EarnLine(item.category, amount) for item, amount in zip(order.items, paid, strict=True)]


def _find_customer(session: Session, chain_id: str, order: OrderIn) -> str:
    """The chain's customer with the order's CPF (11 digits) or e-mail."""
    cpf = "".join(ch for ch in order.customer.cpf or "" if ch.isdigit())
    email = (order.customer.email or "").strip().lower()
    candidates = []
    if len(cpf) == 11:
        candidates.append(Customer.cpf == cpf)
    if email:
        candidates.append(Customer.email == email)
    for condition in candidates:
        found = session.scalars(
            select(Customer.uuid)
            .where(Customer.chain_id == chain_id, condition, Customer.anonymized.is_(False))
            .order_by(Customer.updated_at.desc())
        ).first()
        if found is not None:
            return found
    raise ApiError(
        422,
        "unknown_customer",
        "Cliente do pedido não encontrado (CPF ou e-mail) nas lojas da rede.",
        "The order's customer (CPF or e-mail) is not a customer of the chain.",
    )


def _write(
    session: Session,
    chain: Chain,
    customer_uuid: str,
    kind: str,
    amount: int,
    now: datetime,
    order_id: str,
    *,
    available_from: datetime | None = None,
    expires_at: datetime | None = None,
    lot: str | None = None,
) -> str:
    """Append an entry to the online terminal's chain, apply it and emit `ledger.entry`."""
    chain.online_seq += 1
    record: dict[str, object] = {
        "uuid": str(uuid.uuid4()),
        "terminal": chain.online_terminal_uuid,
        "seq": chain.online_seq,
        "kind": kind,
        "customer": customer_uuid,
        "amount": amount,
        "created_at": now.astimezone(UTC).isoformat(),
        "available_from": available_from.astimezone(UTC).isoformat() if available_from else None,
        "expires_at": expires_at.astimezone(UTC).isoformat() if expires_at else None,
        "lot": lot,
        "sale": None,
        "voucher": None,
        "note": f"pedido online {order_id}",
    }
    digest = chain_hash(chain.online_head, record)
    body = {**record, "prev_hash": chain.online_head, "hash": digest}
    chain.online_head = digest
    event = append_event(
        session,
        chain,
        kind="ledger.entry",
        body=body,
        event_uuid=str(record["uuid"]),
        created_at=now,
        terminal_uuid=chain.online_terminal_uuid,
    )
    apply_entry(session, chain, LedgerEntryBody.model_validate(body), event.seq, store_uuid=None)
    return str(record["uuid"])


def _remember(
    session: Session,
    chain_id: str,
    order: OrderIn,
    customer_uuid: str,
    amount: int,
    entry_uuid: str | None,
    now: datetime,
) -> None:
    session.add(
        Order(
            chain_id=chain_id,
            order_id=order.order_id,
            status=order.status,
            customer_uuid=customer_uuid,
            amount=amount,
            entry_uuid=entry_uuid,
            received_at=now,
        )
    )
    session.flush()
