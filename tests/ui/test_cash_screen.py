"""Caixa: open the shift, suprimento/sangria and the blind close with a manager's PIN, X and Z."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers
from posapp.services.cash.shifts import current_shift
from posapp.ui.cash.screen import CashScreen, ReportModel
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop, open_shop
from tests.ui.ui_support import make_context


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


@pytest.fixture
def screen(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[CashScreen, Shop]]:
    shop = open_shop(tmp_path / "cash.sqlite", "salon", opening_float=None)
    widget = CashScreen(make_context(shop, staff="cashier"))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(widget.idle)
    yield widget, shop
    qtbot.waitUntil(widget.idle, timeout=10_000)
    widget.context.printing.close()
    shop.station.close()


def pin(value: str) -> Callable[..., str]:
    return lambda *_args: value


def test_a_cashier_opens_but_only_a_manager_moves_cash_closes_and_runs_the_z(
    screen: tuple[CashScreen, Shop], qtbot: QtBot, qtmodeltester: object
) -> None:
    widget, shop = screen
    assert widget.shift_label.text() == "Nenhum turno aberto"
    assert not widget.close_button.isEnabled()
    widget.float_box.setText("100,00")
    widget.open_button.click()
    qtbot.waitUntil(lambda: widget.shift is not None)
    assert "fundo de troco R$ 100,00" in widget.shift_label.text()
    shop.sell("corte", cash=10_000)

    widget.ask_pin = pin(CASHIER_PIN)
    widget.move_cash("out")
    assert widget.movement_dialog is not None
    widget.movement_dialog.amount.setText("50,00")
    widget.movement_dialog.reason.setText("cofre")
    widget.movement_dialog.accept()
    qtbot.waitUntil(widget.idle)
    assert widget.message.text() == "PIN de gerente incorreto: sangria."
    widget.ask_pin = pin(MANAGER_PIN)
    widget.move_cash("out")
    widget.movement_dialog.amount.setText("50,00")
    widget.movement_dialog.reason.setText("cofre")
    widget.movement_dialog.accept()
    qtbot.waitUntil(lambda: widget.message.text() == "Sangria de R$ 50,00 registrado.")

    widget.ask_pin = pin(CASHIER_PIN)
    widget.close_button.click()
    assert widget.count_dialog is not None
    assert "Esperado" not in " ".join(
        label.text() for label in widget.count_dialog.findChildren(type(widget.message))
    )  # blind
    widget.count_dialog.spins[10_000].setValue(1)
    widget.count_dialog.spins[2_000].setValue(1)
    widget.count_dialog.accept()
    qtbot.waitUntil(widget.idle)
    assert "PIN de gerente incorreto" in widget.message.text()
    assert current_shift(shop.station) is not None

    widget.ask_pin = pin(MANAGER_PIN)
    widget.close_button.click()
    widget.count_dialog.spins[10_000].setValue(1)
    widget.count_dialog.spins[2_000].setValue(1)
    widget.count_dialog.accept()
    qtbot.waitUntil(lambda: widget.closed is not None)
    # 100,00 + 80,00 (100,00 less 20,00 change) - 50,00 = 130,00; counted 120,00.
    assert widget.message.text() == (
        "Turno fechado. Esperado R$ 130,00, contado R$ 120,00, diferença -R$ 10,00."
    )
    assert widget.shift_label.text() == "Nenhum turno aberto"

    widget.x_button.click()
    qtbot.waitUntil(lambda: widget.report is not None)
    shown = {
        (widget.model.index(r, 1).data(), widget.model.index(r, 2).data())
        for r in range(widget.model.rowCount())
    }
    assert ("Líquido", "R$ 80,00") in shown and ("Diferença", "-R$ 10,00") in shown
    qtmodeltester.check(widget.model)  # type: ignore[attr-defined]

    widget.ask_pin = pin(CASHIER_PIN)
    widget.z_button.click()
    qtbot.waitUntil(widget.idle)
    assert "PIN de gerente incorreto" in widget.message.text()
    widget.ask_pin = pin(MANAGER_PIN)
    widget.z_button.click()
    qtbot.waitUntil(lambda: widget.report is not None and widget.report.kind == "Z")
    assert widget.model.index(0, 0).data() == "REDUÇÃO Z Nº 0001"
    widget.print_button.click()
    qtbot.waitUntil(
        lambda: (
            widget.message.text()
            == "Relatório impresso na impressora virtual: veja na janela Impressões."
        ),
        timeout=20_000,
    )


def test_the_report_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = ReportModel()
    qtmodeltester.check(model)  # type: ignore[attr-defined]
