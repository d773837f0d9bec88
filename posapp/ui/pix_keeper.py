"""The running counter's Pix upkeep: at start-up, then every 15 minutes.

With the PSP's API Pix configured, `late_pix.settle_charges` picks up charges a
restart left open (paid: the money is listed to return; unpaid: cancelled) and asks
the PSP about charges ended in the last day, for money that arrived after the
cashier gave up. Anything new is said on the status bar for a manager to return in
Gerência > Pagamentos; nothing is ever returned by itself. The Pix shares of refunds
(already authorised by a manager) that did not reach the PSP are sent again, and one
it refused is said on the status bar. It runs on the runner's
worker threads; a PSP out of reach is tried again at the next check. A demo never
talks to a PSP.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from posapp.services.admin.store_setup import is_set_up
from posapp.services.common.station import Station
from posapp.services.payments.dynamic_pix import DynamicPix
from posapp.services.payments.late_pix import SettleResult, settle_charges
from posapp.services.payments.settings import load_payment_settings
from posapp.ui.context import UiContext
from posapp.ui.periodic_check import PeriodicCheck

CHECK_EVERY_MS = 15 * 60 * 1000


class PixKeeper(PeriodicCheck[SettleResult | None]):
    """`ran` gives a `SettleResult` after each check (None: no PSP configured, or it failed)."""

    def __init__(
        self, context: UiContext, parent: QObject | None = None, interval_ms: int = CHECK_EVERY_MS
    ) -> None:
        super().__init__(context, parent, interval_ms=interval_ms, timer_name="pixTimer")

    def work(self) -> Callable[[], SettleResult | None]:
        station = self.context.station
        return lambda: _settle(station)

    def done(self, result: SettleResult | None) -> None:
        if result is not None and result.refused:
            self.context.events.status.emit(result.refused[0].message(self.context.locale))
        elif result is not None and result.found:
            self.context.events.status.emit(
                self.tr("Pix recebido sem venda: %1 a devolver em Gerência > Pagamentos").replace(
                    "%1", str(result.found)
                )
            )

    def failed_text(self, reason: str) -> str:
        return self.tr("Verificação de Pix falhou: %1").replace("%1", reason)


def _settle(station: Station) -> SettleResult | None:
    if not is_set_up(station) or not load_payment_settings(station).dynamic_ready:
        return None
    with DynamicPix.open(station) as pix:
        return settle_charges(pix)


def start_pix(context: UiContext, parent: QObject) -> PixKeeper:
    keeper = PixKeeper(context, parent)
    keeper.start()
    return keeper
