"""Upkeep the running counter does at start-up and then on a timer, never on the GUI thread.

A counter stays open for days, so the day's backup, messages and loyalty upkeep run at
start and again every interval, on the runner's worker threads (the first screen never
waits). A run still in flight is not started twice. A failure never stops the counter:
it is told on the status bar in the counter's language and tried again at the next tick.
A keeper says what to run (`work`), what to say when it ran (`done`) and what to say
when it failed (`failed_text`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from posapp.core.errors import PosError
from posapp.ui.context import UiContext
from posapp.ui.runner import Jobs

T = TypeVar("T")

HOURLY_MS = 60 * 60 * 1000


class PeriodicCheck(QObject, Generic[T]):
    ran = Signal(object)
    """The run's result after each run (None when it failed), on the GUI thread."""

    def __init__(
        self, context: UiContext, parent: QObject | None, *, interval_ms: int, timer_name: str
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.last: T | None = None
        self.jobs = Jobs(self, self._crashed)
        self.timer = QTimer(self)
        self.timer.setObjectName(timer_name)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        """Run now (in the background) and then every interval; returns at once."""
        self.timer.start()
        self.check()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> None:
        if not self.jobs.idle():
            return  # the previous run is still working
        self.jobs.run(self.work(), self._finished)

    def work(self) -> Callable[[], T]:
        """The call for a worker thread: it must not touch Qt objects."""
        raise NotImplementedError

    def done(self, result: T) -> None:
        """Say what the run did (on the GUI thread); `last` is already `result`."""

    def failed_text(self, reason: str) -> str:
        """The status bar's line when a run failed, `reason` in the counter's language."""
        raise NotImplementedError

    def failed(self, text: str) -> None:
        self.context.events.status.emit(text)

    def _finished(self, result: T) -> None:
        self.last = result
        self.done(result)
        self.ran.emit(result)

    def _crashed(self, error: Exception) -> None:
        reason = error.message(self.context.locale) if isinstance(error, PosError) else str(error)
        self.failed(self.failed_text(reason))
        self.ran.emit(None)
