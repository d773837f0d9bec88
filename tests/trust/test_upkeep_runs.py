"""Issue 13 (found in the regrouping): the loyalty upkeep runs in the real app and from the CLI.

Before, only tests called `loyalty_upkeep.run_daily`: in a store cashback never
expired and matured cashback never became a voucher.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers
from posapp import cli
from posapp.app import build
from posapp.services.customers import registry as customers
from posapp.ui.loyalty_keeper import LoyaltyKeeper
from tests.support import MovableClock, Shop, open_shop
from tests.ui.ui_support import make_context

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


@pytest.fixture
def app_style(qapp: QApplication) -> Iterator[None]:
    before = qapp.styleSheet()
    yield
    qapp.setStyleSheet(before)


def test_the_running_keeper_expires_a_lot_when_the_clock_passes_its_date(
    make_shop: MakeShop, qtbot: QtBot
) -> None:
    shop = make_shop("salon")  # 10 % on services, cashback valid 180 days
    bela = shop.enrol("Bela Nunes", cpf="529.982.247-25")
    shop.sell("corte", customer=bela, pix=8_000)  # R$ 8,00 of cashback
    context = make_context(shop)
    said: list[str] = []
    context.events.status.connect(said.append)
    window = QWidget()
    keeper = LoyaltyKeeper(context, window, interval_ms=50)
    keeper.start()
    try:
        qtbot.waitUntil(lambda: keeper.last is not None, timeout=10_000)
        assert keeper.last is not None and keeper.last.expired_units == 0
        assert customers.account(shop.station, bela).balance.total == 800

        shop.clock.advance(days=181)  # the lot's date passes while the counter is open
        qtbot.waitUntil(
            lambda: keeper.last is not None and keeper.last.expired_units == 800, timeout=10_000
        )
        assert customers.account(shop.station, bela).balance.total == 0
        assert any("1 lote(s) vencido(s)" in text for text in said)
    finally:
        keeper.stop()
        qtbot.waitUntil(keeper.jobs.idle, timeout=10_000)
        context.printing.close()
        window.deleteLater()


def sold_long_ago(tmp_path: Path) -> Path:
    """A salon whose only sale was 200 days ago (real time): its cashback has expired."""
    clock = MovableClock(datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=200))
    shop = open_shop(tmp_path / "store.sqlite", "salon", clock)
    bela = shop.enrol("Bela Nunes", cpf="529.982.247-25")
    shop.sell("corte", customer=bela, pix=8_000)
    shop.station.close()
    return tmp_path / "store.sqlite"


def test_the_app_runs_the_upkeep_at_start_up(tmp_path: Path, qtbot: QtBot, app_style: None) -> None:
    counter = build(sold_long_ago(tmp_path))
    qtbot.addWidget(counter.window)
    keeper = counter.loyalty
    try:
        assert isinstance(keeper, LoyaltyKeeper) and keeper.timer.isActive()
        qtbot.waitUntil(lambda: keeper.last is not None, timeout=10_000)
        assert keeper.last is not None and keeper.last.expired_units == 800
    finally:
        counter.close()
    assert not keeper.timer.isActive()


def test_posapp_daily_expires_the_cashback_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sold_long_ago(tmp_path)
    assert cli.main(["daily", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 lote(s) de cashback vencido(s) (R$ 8,00)" in out
    assert cli.main(["daily", "--db", str(path), "--lang", "en"]) == 0
    assert "0 cashback lot(s) expired" in capsys.readouterr().out  # idempotent


def test_a_failed_upkeep_is_told_in_the_counters_language(
    make_shop: MakeShop, qtbot: QtBot
) -> None:
    """A database that went bad under the open counter: the status bar says why in pt_BR
    (it said the English sentence after the Portuguese start)."""
    shop = make_shop("salon")
    context = make_context(shop)
    said: list[str] = []
    context.events.status.connect(said.append)
    window = QWidget()
    keeper = LoyaltyKeeper(context, window)
    try:
        with qtbot.waitSignal(keeper.ran, timeout=10_000) as first:
            keeper.start()
        assert first.args == [keeper.last] and keeper.last is not None
        shop.station.close()
        path = shop.station.path
        for extra in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            extra.unlink(missing_ok=True)
        path.write_bytes(b"not a database " * 512)
        with qtbot.waitSignal(keeper.ran, timeout=10_000) as failed:
            keeper.check()
        assert failed.args == [None]
        assert said[-1] == (
            "A manutenção da fidelidade falhou: O banco de dados não aceitou a gravação; "
            "nada desta operação foi registrado. Tente de novo; se continuar, avise o "
            "suporte (os detalhes estão no arquivo de log)."
        )
    finally:
        keeper.stop()
        qtbot.waitUntil(keeper.jobs.idle, timeout=10_000)
        context.printing.close()
        window.deleteLater()
