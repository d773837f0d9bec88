"""The sync line of the status bar and the Sincronização tab."""

from __future__ import annotations

from typing import Any

from posapp.services.sync_status import SyncStatus
from posapp.ui.formatting import moment


def status_text(status: SyncStatus, owner: Any, locale: str, timezone: str) -> str:
    """One line for the status bar and the tab: online or not, what waits, the last sync."""
    if not status.configured:
        return str(owner.tr("Sincronização: desligada"))
    last = (
        moment(status.last_sync_at, locale, timezone)
        if status.last_sync_at
        else str(owner.tr("nunca"))
    )
    if status.online:
        text = owner.tr("Online · %1 na fila · última: %2")
    else:
        text = owner.tr("Offline · %1 na fila · última: %2")
    return str(text).replace("%1", str(status.waiting)).replace("%2", last)
