"""The app's sync worker: started on the saved settings, woken by a sale, stopped promptly."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from posapp.services.sync.authority import OnlineAuthority
from posapp.services.sync.config import SyncConfig, save_sync_config
from posapp.services.sync.status import sync_status
from posapp.ui.sync_keeper import SyncKeeper
from tests.cloud_fixtures import CloudServer
from tests.support import MANAGER_PIN, Shop
from tests.ui.ui_support import make_context

MakeShop = Callable[..., Shop]


def test_a_sale_goes_out_at_once_and_the_keeper_follows_the_settings(
    make_shop: MakeShop, qtbot: QtBot, cloud_server: CloudServer
) -> None:
    shop = make_shop("pharmacy")
    chain = cloud_server.create_chain("Rede Teste")
    config = SyncConfig(cloud_server.url, cloud_server.add_terminal(chain, "Caixa 1"), True)
    save_sync_config(shop.station, config, staff_id=None, manager_pin=MANAGER_PIN)
    context = make_context(shop)
    window = QWidget()
    qtbot.addWidget(window)
    keeper = SyncKeeper(context, window)
    redraws: list[None] = []
    context.events.sync_changed.connect(lambda: redraws.append(None))
    try:
        keeper.start()
        qtbot.waitUntil(lambda: sync_status(shop.station).last_sync_at is not None, timeout=20_000)
        assert isinstance(context.authority, OnlineAuthority)
        qtbot.waitUntil(lambda: bool(redraws), timeout=5_000)  # the status bar is told

        customer = shop.enrol("Beatriz Lima", cpf="52998224725")
        sale = shop.sell("shampoo", customer=customer, pix=3_000)
        assert sync_status(shop.station).waiting > 0
        context.events.sale_committed.emit(sale.sale_id)
        # Woken by the sale: out well before the 30 s interval.
        qtbot.waitUntil(lambda: sync_status(shop.station).waiting == 0, timeout=10_000)

        save_sync_config(
            shop.station,
            SyncConfig(config.url, config.token, enabled=False),
            staff_id=None,
            manager_pin=MANAGER_PIN,
        )
        context.events.sync_configured.emit()
        qtbot.waitUntil(
            lambda: keeper.config is not None and not keeper.config.enabled, timeout=5_000
        )
        assert context.authority is None
        shop.sell("shampoo", customer=customer, pix=3_000)
        context.events.sale_committed.emit(0)
        time.sleep(1.0)
        assert sync_status(shop.station).waiting > 0  # sync off: nothing goes out
    finally:
        started = time.monotonic()
        keeper.stop()
        assert time.monotonic() - started < 2.0
        context.printing.close()
