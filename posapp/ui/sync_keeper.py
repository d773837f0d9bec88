"""The running counter's sync: the background worker, woken after each sale.

`SyncKeeper` owns one `posapp.sync.worker.SyncWorker` whose cycle is
`sync_run.run_cycle` over its own client, and the checkout's online authority
(`UiContext.authority`) over another, both for the configuration saved in
Gerência. It reads the configuration off the GUI thread at start and whenever
`Events.sync_configured` says it changed, then stops the old worker and starts
a new one. The worker reports from its own thread; the report crosses to the GUI
thread through the `cycled` signal (the keeper is a QObject that lives there) and
becomes `Events.sync_changed`, which redraws the status bar's sync line.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from posapp.services.sync_authority import OnlineAuthority, online_authority
from posapp.services.sync_config import SyncConfig, load_sync_config
from posapp.services.sync_run import SyncResult, run_cycle
from posapp.sync.client import SyncClient
from posapp.sync.worker import Outcome, SyncWorker
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
        self.worker: SyncWorker[SyncResult] | None = None
        self.client: SyncClient | None = None
        self.config: SyncConfig | None = None
        self.jobs = Jobs(self, lambda error: context.events.status.emit(str(error)))
        self.cycled.connect(self._cycled)
        context.events.sync_configured.connect(self.reconfigure)
        context.events.sale_committed.connect(self._sold)

    def start(self) -> None:
        self.reconfigure()

    def reconfigure(self) -> None:
        station = self.context.station
        self.jobs.run(lambda: load_sync_config(station), self._configured)

    def _configured(self, config: SyncConfig) -> None:
        self.stop()
        self.config = config
        if not config.configured:
            return
        station = self.context.station
        client = self.client = SyncClient(config.url, config.token)
        self.worker = SyncWorker(
            lambda: run_cycle(station, client),
            self.cycled.emit,
            interval=INTERVAL_S,
            failed=lambda result: not result.ok,
        )
        self.context.authority = online_authority(station)
        self.worker.start()

    def _sold(self, _sale_id: int) -> None:
        if self.worker is not None:
            self.worker.wake()

    def _cycled(self, _outcome: Outcome[SyncResult]) -> None:
        self.context.events.sync_changed.emit()

    def stop(self) -> None:
        """Stop the worker (a cycle in flight ends within the client's timeouts) and close."""
        if self.worker is not None:
            self.worker.stop()
            self.worker = None
        if self.client is not None:
            self.client.close()
            self.client = None
        authority = self.context.authority
        if isinstance(authority, OnlineAuthority):
            authority.client.close()
        self.context.authority = None


def start_sync(context: UiContext, parent: QObject) -> SyncKeeper:
    keeper = SyncKeeper(context, parent)
    keeper.start()
    return keeper
