"""The running counter's customer messages: the day's scheduler and the delivery worker.

`MessageKeeper` runs `daily_check` (the scheduler, once per local day: reminders,
expiry warnings, birthdays, campaign announcements) and the salon's appointment
reminders (the day before, 2 hours before; each once) at start-up and then every hour,
on the runner's worker threads, so a counter left open for days still schedules each
day and the first screen never waits. When this counter sends (messages on, the
"Este caixa envia" switch, not a demo database) it keeps one
`message_delivery.MessageWorker` running on its own thread, woken after each sale so
the sale's messages go out within moments; the hourly check (and, while no worker
runs, each sale) starts or stops it as the settings change. The worker's reports
cross to the GUI thread through `cycled`. Nothing here ever blocks a sale: delivery
holds no transaction while it sends.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, Signal

from messaging import Sender
from posapp.core.messages import Channel
from posapp.services.agenda.reminders import queue_reminders
from posapp.services.common.station import Station
from posapp.services.common.worker import Outcome
from posapp.services.messages.config import MessagingSettings, senders
from posapp.services.messages.daily import DailyCheck, daily_check
from posapp.services.messages.delivery import CycleResult, MessageWorker
from posapp.ui.context import UiContext
from posapp.ui.periodic_check import HOURLY_MS, PeriodicCheck

CHECK_EVERY_MS = HOURLY_MS
"""The day's messages are at most an hour late after midnight."""
DELIVERY_INTERVAL_S = 60.0


class MessageKeeper(PeriodicCheck[DailyCheck]):
    cycled = Signal(object)
    """An `Outcome[CycleResult]` of the delivery worker, re-emitted on the GUI thread."""

    def __init__(
        self,
        context: UiContext,
        parent: QObject | None = None,
        *,
        interval_ms: int = CHECK_EVERY_MS,
        delivery_interval: float = DELIVERY_INTERVAL_S,
        make_senders: Callable[[MessagingSettings], Mapping[Channel, Sender]] = senders,
    ) -> None:
        super().__init__(context, parent, interval_ms=interval_ms, timer_name="messageTimer")
        self.delivery_interval = delivery_interval
        self.make_senders = make_senders
        self.worker: MessageWorker | None = None
        self.last_cycle: Outcome[CycleResult] | None = None
        self.cycled.connect(self._cycled)
        context.events.sale_committed.connect(self._sold)

    def work(self) -> Callable[[], DailyCheck]:
        station = self.context.station
        return lambda: _day_and_appointments(station)

    def done(self, result: DailyCheck) -> None:
        if result.sends and self.worker is None and self.timer.isActive():
            self.worker = MessageWorker(
                self.context.station,
                interval=self.delivery_interval,
                make_senders=self.make_senders,
                report=self.cycled.emit,
            )
            self.worker.start()
        elif not result.sends:
            self._stop_worker()
        if result.run is not None and result.run.enqueued:
            self.context.events.status.emit(
                self.tr("Mensagens do dia programadas: %1").replace("%1", str(result.run.enqueued))
            )

    def failed_text(self, reason: str) -> str:
        """The scheduler failed: tried again at the next check."""
        return self.tr("As mensagens do dia falharam: %1").replace("%1", reason)

    def _sold(self, _sale_id: int) -> None:
        """Wake the worker; without one, look again: the manager may have just switched
        "this counter sends" on (the hourly check would start it up to an hour late)."""
        if self.worker is not None:
            self.worker.wake()
        elif self.timer.isActive():
            self.check()

    def _cycled(self, outcome: Outcome[CycleResult]) -> None:
        self.last_cycle = outcome

    def _stop_worker(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None

    def stop(self) -> None:
        """Stop the timer and the worker (a send in flight ends within its timeouts)."""
        super().stop()
        self._stop_worker()


def _day_and_appointments(station: Station) -> DailyCheck:
    check = daily_check(station)
    queue_reminders(station)
    return check


def start_messages(context: UiContext, parent: QObject) -> MessageKeeper:
    keeper = MessageKeeper(context, parent)
    keeper.start()
    return keeper
