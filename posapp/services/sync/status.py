"""The sync line of the status bar: configured, online, waiting, last sync, last error.

Cheap enough to ask every few seconds: three `setting` rows, a count of the pending
outbox rows (served by the sent_at index) and a count of this terminal's entries above
the acknowledged seq (served by the (terminal_uuid, seq) unique index).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from db.models import LedgerEntry, OutboxEvent
from posapp.services.common.station import Station
from posapp.services.sync.config import config_in, state_in, status_in


@dataclass(frozen=True, slots=True)
class SyncStatus:
    configured: bool
    online: bool | None
    """None before the first attempt."""
    waiting: int
    """Pending outbox events plus this counter's ledger entries not acknowledged upstream."""
    last_sync_at: datetime | None
    """The last successful cycle."""
    last_error: str | None
    """The last attempt's error (pt_BR), None when it succeeded."""
    last_error_en: str | None = None
    last_attempt_at: datetime | None = None


def sync_status(station: Station) -> SyncStatus:
    with station.read() as session:
        terminal_uuid = station.snapshot(session).terminal.uuid
        config = config_in(session)
        state = state_in(session)
        stored = status_in(session)
        outbox = session.scalar(
            select(func.count()).select_from(OutboxEvent).where(OutboxEvent.sent_at.is_(None))
        )
        entries = session.scalar(
            select(func.count())
            .select_from(LedgerEntry)
            .where(LedgerEntry.terminal_uuid == terminal_uuid, LedgerEntry.seq > state.pushed_seq)
        )
    return SyncStatus(
        configured=config.configured,
        online=stored.online,
        waiting=int(outbox or 0) + int(entries or 0),
        last_sync_at=stored.last_success_at,
        last_error=stored.last_error,
        last_error_en=stored.last_error_en,
        last_attempt_at=stored.last_attempt_at,
    )
