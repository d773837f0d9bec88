"""The sync line of the status bar and the Sincronização tab."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from posapp.services.sync.status import SyncStatus
from posapp.ui.formatting import moment

# Spelled out as QCoreApplication.translate("SyncLine", "...") so lupdate finds them:
# one context, whichever widget shows the line.


def status_text(status: SyncStatus, locale: str, timezone: str) -> str:
    """One line for the status bar and the tab: online or not, what waits, the last sync."""
    if not status.configured:
        return QCoreApplication.translate("SyncLine", "Sincronização: desligada")
    last = (
        moment(status.last_sync_at, locale, timezone)
        if status.last_sync_at
        else QCoreApplication.translate("SyncLine", "nunca")
    )
    if status.online:
        text = QCoreApplication.translate("SyncLine", "Online · %1 na fila · última: %2")
    else:
        text = QCoreApplication.translate("SyncLine", "Offline · %1 na fila · última: %2")
    return text.replace("%1", str(status.waiting)).replace("%2", last)


def conflict_kind(kind: str) -> str:
    """A sync conflict's kind in words."""
    if kind == "overdraft":
        return QCoreApplication.translate("SyncLine", "Saldo gasto duas vezes")
    if kind == "voucher_reuse":
        return QCoreApplication.translate("SyncLine", "Vale usado duas vezes")
    if kind == "cpf_in_use":
        return QCoreApplication.translate("SyncLine", "CPF já usado por outro cliente")
    if kind == "phone_in_use":
        return QCoreApplication.translate("SyncLine", "Celular já usado por outro cliente")
    if kind == "event_refused":
        return QCoreApplication.translate("SyncLine", "Registro recusado pela nuvem")
    if kind == "forget_request":
        return QCoreApplication.translate("SyncLine", "Cliente pediu para ser esquecido (LGPD)")
    return kind
