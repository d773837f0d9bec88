"""Conflicts: two counters spending the same money offline, kept and shown to a manager."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.chains import append_event, iso, lock_chain
from cloud.errors import ApiError
from cloud.models import Chain, Conflict
from cloud.schemas import ConflictOut, ResolveIn


def conflict_body(conflict: Conflict) -> dict[str, Any]:
    return ConflictOut(
        id=conflict.id,
        kind=conflict.kind,  # type: ignore[arg-type]
        customer=conflict.customer_uuid,
        amount=conflict.amount,
        entry=conflict.entry_uuid,
        sale=conflict.sale_uuid,
        voucher=conflict.voucher_code,
        terminal_uuid=conflict.terminal_uuid,
        store_uuid=conflict.store_uuid,
        created_at=iso(conflict.created_at) or "",
        status=conflict.status,  # type: ignore[arg-type]
        resolution=conflict.resolution,
        note=conflict.note,
        resolved_by=conflict.resolved_by,
        resolved_at=iso(conflict.resolved_at),
        resolved_terminal_uuid=conflict.resolved_terminal_uuid,
    ).model_dump()


def record(
    session: Session,
    chain: Chain,
    *,
    kind: str,
    customer_uuid: str | None,
    amount: int,
    entry_uuid: str,
    sale_uuid: str | None,
    voucher_code: str | None,
    terminal_uuid: str | None,
    store_uuid: str | None,
) -> Conflict:
    """Record an open conflict and emit `conflict.recorded` (the chain row is locked)."""
    conflict = Conflict(
        id=str(uuid.uuid4()),
        chain_id=chain.id,
        kind=kind,
        customer_uuid=customer_uuid,
        amount=amount,
        entry_uuid=entry_uuid,
        sale_uuid=sale_uuid,
        voucher_code=voucher_code,
        terminal_uuid=terminal_uuid,
        store_uuid=store_uuid,
        created_at=datetime.now(UTC),
        status="open",
    )
    session.add(conflict)
    session.flush()
    append_event(session, chain, kind="conflict.recorded", body=conflict_body(conflict))
    return conflict


def list_conflicts(session: Session, chain_id: str, status: str | None) -> list[dict[str, Any]]:
    query = select(Conflict).where(Conflict.chain_id == chain_id)
    if status is not None:
        query = query.where(Conflict.status == status)
    return [
        conflict_body(row)
        for row in session.scalars(query.order_by(Conflict.created_at, Conflict.id))
    ]


def resolve(
    session: Session,
    chain_id: str,
    conflict_id: str,
    answer: ResolveIn,
    terminal_uuid: str | None = None,
) -> Conflict:
    """Close an open conflict and emit `conflict.resolved`.

    The same request again (same `request_id`, same terminal) after it was applied, e.g.
    a retry whose first answer was lost, gets the same conflict back and changes nothing:
    the counter then writes its adjustment once, knowing the endpoint took its decision.
    """
    chain = lock_chain(session, chain_id)
    conflict = session.get(Conflict, conflict_id)
    if conflict is None or conflict.chain_id != chain_id:
        raise ApiError(
            404,
            "unknown_conflict",
            f"Conflito não encontrado: {conflict_id}.",
            f"Conflict not found: {conflict_id}.",
        )
    if (
        conflict.status != "open"
        and answer.request_id is not None
        and conflict.resolve_request == answer.request_id
        and conflict.resolved_terminal_uuid == terminal_uuid
    ):
        return conflict
    if conflict.status != "open":
        raise ApiError(
            409,
            "conflict_resolved",
            "Este conflito já foi resolvido.",
            "This conflict has already been resolved.",
            resolution=conflict.resolution,
        )
    conflict.status = "resolved"
    conflict.resolution = answer.resolution
    conflict.note = answer.note
    conflict.resolved_by = answer.resolved_by
    conflict.resolved_at = datetime.now(UTC)
    conflict.resolve_request = answer.request_id
    conflict.resolved_terminal_uuid = terminal_uuid
    session.flush()
    append_event(session, chain, kind="conflict.resolved", body=conflict_body(conflict))
    return conflict
