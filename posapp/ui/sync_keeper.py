"""The running counter's sync: the background worker, woken after each sale.

`SyncKeeper` owns one `posapp.services.common.worker.BackgroundWorker` (`sync_run.start_worker`,
whose cycle re-reads the configuration each time, so it runs for the whole life
of the app and does nothing while sync is off) and the checkout's online
authority (`UiContext.authority`) for the configuration saved in Gerência, read
off the GUI thread at start and whenever `Events.sync_configured` says it
changed (the worker is woken then, to use it at once). The worker reports from
its own thread; the report crosses to the GUI thread through the `cycled` signal
(the keeper is a QObject that lives there) and becomes `Events.sync_changed`,
which redraws the status bar's sync line.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from posapp.services.common.worker import BackgroundWorker, Outcome
from posapp.services.sync.authority import OnlineAuthority, online_authority
from posapp.services.sync.config import SyncConfig, load_sync_config
from posapp.services.sync.cycle import SyncResult, start_worker
from posapp.ui.context import UiContext
from posapp.ui.runner import Jobs

INTERVAL_S = 30.0
"""Between cycles when nothing is sold: what other counters wrote arrives within this."""


class SyncKeeper(QObject):
    cycled = Signal(object)
    """An `Outcome[SyncResult]`, re-emitted on the GUI thread."""

    def __init__(self, context: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.worker: BackgroundWorker[SyncResult] | None = None
        self.config: SyncConfig | None = None
        self.jobs = Jobs(self, lambda error: context.events.status.emit(str(error)))
        self.cycled.connect(self._cycled)
        context.events.sync_configured.connect(self.reconfigure)
        context.events.sale_committed.connect(self._sold)

    def start(self) -> None:
        """Start the worker (its cycle reads the settings each time) and the authority."""
        self.worker = start_worker(self.context.station, self.cycled.emit, interval=INTERVAL_S)
        self.reconfigure()

    def reconfigure(self) -> None:
        station = self.context.station
        self.jobs.run(lambda: load_sync_config(station), self._configured)

    def _configured(self, config: SyncConfig) -> None:
        self._close_authority()
        self.config = config
        if config.configured:
            self.context.authority = online_authority(self.context.station)
        if self.worker is not None:
            self.worker.wake()

    def _sold(self, _sale_id: int) -> None:
        if self.worker is not None:
            self.worker.wake()

    def _cycled(self, _outcome: Outcome[SyncResult]) -> None:
        self.context.events.sync_changed.emit()

    def _close_authority(self) -> None:
        authority = self.context.authority
        if isinstance(authority, OnlineAuthority):
            authority.client.close()
        self.context.authority = None

    def stop(self) -> None:
        """Stop the worker (a cycle in flight ends within the client's timeouts)."""
        if self.worker is not None:
            self.worker.stop()
            self.worker = None
        self._close_authority()


def start_sync(context: UiContext, parent: QObject) -> SyncKeeper:
    keeper = SyncKeeper(context, parent)
    keeper.start()
    return keeper
