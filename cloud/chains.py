"""A chain's lock and its event counter, shared by every writer of the chain's events."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cloud.models import Chain, Event


def iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment is not None else None


def lock_chain(session: Session, chain_id: str) -> Chain:
    """The chain row, locked until the transaction ends (serializes the chain's writers)."""
    return session.scalars(
        select(Chain)
        .where(Chain.id == chain_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def reserve_seqs(session: Session, chain_id: str, count: int) -> Chain:
    """The chain row, locked until the transaction ends, with `count` seqs taken for the
    caller's events: last_seq - count + 1 .. last_seq. One round trip for lock and seqs."""
    return session.scalars(
        update(Chain)
        .where(Chain.id == chain_id)
        .values(last_seq=Chain.last_seq + count)
        .returning(Chain)
        .execution_options(synchronize_session=False, populate_existing=True)
    ).one()


def append_event(
    session: Session,
    chain: Chain,
    *,
    kind: str,
    body: dict[str, Any],
    event_uuid: str | None = None,
    created_at: datetime | None = None,
    terminal_uuid: str | None = None,
    store_uuid: str | None = None,
) -> Event:
    """Add an event with the chain's next seq; the caller holds the chain's lock."""
    chain.last_seq += 1
    now = datetime.now(UTC)
    event = Event(
        chain_id=chain.id,
        seq=chain.last_seq,
        uuid=event_uuid or str(uuid.uuid4()),
        kind=kind,
        created_at=created_at or now,
        terminal_uuid=terminal_uuid,
        store_uuid=store_uuid,
        body=body,
        received_at=now,
    )
    # Not flushed here: a batch of events that nothing reads back goes out as one
    # multi-row INSERT at commit (a query in between autoflushes what it needs).
    session.add(event)
    return event
