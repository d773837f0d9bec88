"""The running counter's loyalty upkeep: at start-up, then every hour.

`loyalty_upkeep.run_daily` lets lapsed vouchers go (an unused balance voucher's
cashback back to the balance), writes off expired cashback and turns cashback that
has matured into the vouchers the program promises. A counter stays open for days,
so it runs at start-up and on an hourly timer, on the runner's worker threads (the
first screen never waits). It is idempotent: a second run at the same moment
writes nothing. It runs for a demo database too: the demo should show the program
as a store lives it, and nothing of it leaves the computer (a demo never syncs and
never sends messages). A failure never stops the counter; it goes to the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from posapp.services.admin.loyalty_upkeep import DailyRunResult, run_daily
from posapp.services.admin.store_setup import is_set_up
from posapp.services.common.station import Station
from posapp.ui.context import UiContext
from posapp.ui.runner import Jobs

CHECK_EVERY_MS = 60 * 60 * 1000
"""An hour: cashback expires, and matured cashback becomes a voucher, at most an hour late."""


class LoyaltyKeeper(QObject):
    ran = Signal(object)
    """A `DailyRunResult` after each run (None when it failed), on the GUI thread."""

    def __init__(
        self, context: UiContext, parent: QObject | None = None, interval_ms: int = CHECK_EVERY_MS
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.last: DailyRunResult | None = None
        self.runs = 0
        self.jobs = Jobs(self, self._crashed)
        self.timer = QTimer(self)
        self.timer.setObjectName("loyaltyTimer")
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
            return  # the previous run is still writing
        station = self.context.station
        self.jobs.run(lambda: _upkeep(station), self._done)

    def _done(self, result: DailyRunResult | None) -> None:
        if result is None:  # no store yet (the first-run wizard has not finished)
            return
        self.last = result
        self.runs += 1
        if result.expired_units or result.vouchers_lapsed or result.vouchers_issued:
            self.context.events.status.emit(
                self.tr(
                    "Fidelidade: %1 lote(s) vencido(s), %2 vale(s) vencido(s), "
                    "%3 vale(s) emitido(s)"
                )
                .replace("%1", str(result.expired_lots))
                .replace("%2", str(result.vouchers_lapsed))
                .replace("%3", str(result.vouchers_issued))
            )
        self.ran.emit(result)

    def _crashed(self, error: Exception) -> None:
        """Told on the status bar; tried again at the next check."""
        self.context.events.status.emit(
            self.tr("A manutenção da fidelidade falhou: %1").replace("%1", str(error))
        )
        self.ran.emit(None)


def _upkeep(station: Station) -> DailyRunResult | None:
    return run_daily(station) if is_set_up(station) else None


def start_loyalty(context: UiContext, parent: QObject) -> LoyaltyKeeper:
    keeper = LoyaltyKeeper(context, parent)
    keeper.start()
    return keeper
