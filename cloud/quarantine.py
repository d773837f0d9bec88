"""Events the endpoint refused, kept with the reason so the chain's operator can see them.

The push that carried one is still refused as a whole (`422`, with the event's `index`
and `uuid`): the counter sets the event aside and pushes the rest again. What is kept
here is never pulled by any counter.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from cloud.chains import iso
from cloud.errors import ApiError
from cloud.models import QuarantinedEvent
from cloud.schemas import EventIn

EXCERPT = 4_000
"""Characters of the refused event's JSON kept (a 10 MB event is not stored whole)."""


def keep(
    session: Session, chain_id: str, terminal_id: str, event: EventIn, refusal: ApiError
) -> None:
    """Record the refused event once (a retried push of it changes nothing)."""
    text = json.dumps(event.model_dump(mode="json"), ensure_ascii=False, default=str)
    session.execute(
        insert(QuarantinedEvent)
        .values(
            chain_id=chain_id,
            terminal_id=terminal_id,
            event_uuid=event.uuid,
            kind=event.kind,
            error=refusal.code,
            reason=refusal.message,
            reason_en=refusal.message_en,
            excerpt=text[:EXCERPT].replace("\x00", "\\u0000"),
            received_at=datetime.now(UTC),
        )
        .on_conflict_do_nothing(index_elements=["chain_id", "event_uuid"])
    )


def listed(session: Session, chain_id: str, limit: int = 200) -> list[dict[str, Any]]:
    """The chain's refused events, newest first."""
    rows = session.scalars(
        select(QuarantinedEvent)
        .where(QuarantinedEvent.chain_id == chain_id)
        .order_by(QuarantinedEvent.id.desc())
        .limit(limit)
    )
    return [
        {
            "event_uuid": row.event_uuid,
            "kind": row.kind,
            "terminal_id": row.terminal_id,
            "error": row.error,
            "reason": row.reason,
            "reason_en": row.reason_en,
            "excerpt": row.excerpt,
            "received_at": iso(row.received_at) or "",
        }
        for row in rows
    ]
