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

from collections.abc import Callable

from PySide6.QtCore import QObject

from posapp.services.admin.loyalty_upkeep import DailyRunResult, run_daily
from posapp.services.admin.store_setup import is_set_up
from posapp.services.common.station import Station
from posapp.ui.context import UiContext
from posapp.ui.periodic_check import HOURLY_MS, PeriodicCheck

CHECK_EVERY_MS = HOURLY_MS
"""Cashback expires, and matured cashback becomes a voucher, at most an hour late."""


class LoyaltyKeeper(PeriodicCheck[DailyRunResult | None]):
    """`last` is None until a run found a store (the first-run wizard may not have ended)."""

    def __init__(
        self, context: UiContext, parent: QObject | None = None, interval_ms: int = CHECK_EVERY_MS
    ) -> None:
        super().__init__(context, parent, interval_ms=interval_ms, timer_name="loyaltyTimer")

    def work(self) -> Callable[[], DailyRunResult | None]:
        station = self.context.station
        return lambda: _upkeep(station)

    def done(self, result: DailyRunResult | None) -> None:
        if result is not None and (
            result.expired_units or result.vouchers_lapsed or result.vouchers_issued
        ):
            self.context.events.status.emit(
                self.tr(
                    "Fidelidade: %1 lote(s) vencido(s), %2 vale(s) vencido(s), "
                    "%3 vale(s) emitido(s)"
                )
                .replace("%1", str(result.expired_lots))
                .replace("%2", str(result.vouchers_lapsed))
                .replace("%3", str(result.vouchers_issued))
            )

    def failed_text(self, reason: str) -> str:
        return self.tr("A manutenção da fidelidade falhou: %1").replace("%1", reason)


def _upkeep(station: Station) -> DailyRunResult | None:
    return run_daily(station) if is_set_up(station) else None


def start_loyalty(context: UiContext, parent: QObject) -> LoyaltyKeeper:
    keeper = LoyaltyKeeper(context, parent)
    keeper.start()
    return keeper
