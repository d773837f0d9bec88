"""The walking-skeleton window: store, program, and a customer search a cashier can use."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from posapp import app as posapp_app
from posapp.core.presets import preset
from posapp.ui.customer_table import (
    CUSTOMER_ID_ROLE,
    CustomerRow,
    CustomerTableModel,
    find_customers,
    mask_mobile,
)
from posapp.ui.main_window import MainWindow
from tests.support import MovableClock, Shop, open_shop

MakeShop = Callable[..., Shop]

MARIA_CPF = "529.982.247-25"
JOAO_PHONE = "(11) 98765-4321"


@pytest.fixture
def shop(make_shop: MakeShop) -> Shop:
    shop = make_shop("salon")
    maria = shop.enrol("Maria Aparecida Souza", cpf=MARIA_CPF)
    shop.enrol("João Gonçalves", phone=JOAO_PHONE)
    shop.enrol("Mariana Lima", cpf="111.444.777-35")
    shop.sell("corte", customer=maria, pix=8_000)  # R$ 8,00 of cashback
    return shop


@pytest.fixture
def window(shop: Shop, qtbot: QtBot) -> MainWindow:
    window = MainWindow(shop.station)
    qtbot.addWidget(window)
    window.show()
    return window


def type_text(widget: QLineEdit, text: str, qtbot: QtBot) -> None:
    """Key by key: ASCII through qtbot, anything else as a key event with its text."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                )


def shown(window: MainWindow) -> list[list[str]]:
    model = window.table.model()
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_the_window_shows_the_store_and_its_program_in_plain_portuguese(
    window: MainWindow,
) -> None:
    store = window.findChild(QLabel, "storeName")
    assert store is not None and store.text() == "Loja Teste"
    assert "Loja Teste" in window.windowTitle()
    assert window.program_label.text() == f"Programa: {preset('salon').name}"
    rules = window.rules_label.text()
    assert "• 10% de cashback em cada compra" in rules
    assert "• o cashback vale por 180 dias" in rules
    assert "• o cashback pode pagar a compra toda" in rules


def test_typing_part_of_a_name_lists_the_customer_with_her_balance(
    window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.keyClicks(window.search_box, "Apare")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert shown(window) == [
        ["Maria Aparecida Souza", "***.982.247-**", "R$ 8,00", "R$ 0,00", "R$ 0,00"]
    ]
    assert window.search_status.text() == "1 cliente encontrado"
    headers = [window.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Nome", "CPF / Celular", "Saldo", "A liberar", "Vence em 30 dias"]


def test_a_fragment_shared_by_two_names_lists_both(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.search_box, "mari")
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    assert sorted(row[0] for row in shown(window)) == ["Maria Aparecida Souza", "Mariana Lima"]
    assert window.search_status.text() == "2 clientes encontrados"


def test_accented_typing_finds_the_customer_and_masks_the_phone(
    window: MainWindow, qtbot: QtBot
) -> None:
    type_text(window.search_box, "Gonç", qtbot)
    assert window.search_box.text() == "Gonç"
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert shown(window) == [["João Gonçalves", "(11) 9****-4321", "R$ 0,00", "R$ 0,00", "R$ 0,00"]]


def test_accents_can_be_left_out(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.search_box, "goncalves")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert [row[0] for row in shown(window)] == ["João Gonçalves"]


def test_a_cpf_finds_exactly_one_customer(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.search_box, MARIA_CPF)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert [row[0] for row in shown(window)] == ["Maria Aparecida Souza"]


def test_no_match_says_so_and_clearing_empties_the_table(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.search_box, "Zuleica")
    qtbot.waitUntil(lambda: window.search_status.text() == "Nenhum cliente encontrado")
    assert window.model.rowCount() == 0
    window.search_box.clear()
    qtbot.waitUntil(lambda: window.search_status.text() == "")
    assert window.model.rowCount() == 0


def test_pending_and_soon_expiring_cashback_have_their_columns(
    tmp_path: Path, qtbot: QtBot
) -> None:
    clock = MovableClock()
    program = preset("salon").with_changes(pending_days=7, expiry_days=40)
    shop = open_shop(tmp_path / "s.sqlite", program, clock)
    try:
        ana = shop.enrol("Ana Beatriz Rocha", cpf=MARIA_CPF)
        shop.sell("corte", customer=ana, pix=8_000)  # R$ 8,00: from day 7 to day 47
        clock.advance(days=8)
        shop.sell("manicure", customer=ana, pix=3_500)  # R$ 3,50: from day 15 to day 55
        window = MainWindow(shop.station)
        qtbot.addWidget(window)
        qtbot.keyClicks(window.search_box, "Beatriz")
        qtbot.waitUntil(lambda: window.model.rowCount() == 1)
        # Day 8: the first R$ 8,00 is spendable and 39 days from expiring.
        assert shown(window)[0][2:] == ["R$ 8,00", "R$ 3,50", "R$ 0,00"]
        clock.advance(days=12)  # day 20: the first lot expires in 27 days
        window.search()
        assert shown(window)[0][2:] == ["R$ 11,50", "R$ 0,00", "R$ 8,00"]
    finally:
        shop.station.close()


def rows() -> list[CustomerRow]:
    return [
        CustomerRow(1, "Maria Aparecida Souza", "***.982.247-**", 800, 0, 0),
        CustomerRow(2, "João Gonçalves", "(11) 9****-4321", 123_456, 350, 99),
    ]


def test_the_table_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = CustomerTableModel()
    model.set_rows(rows())
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.set_rows([])
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_the_model_formats_money_and_aligns_it_right() -> None:
    model = CustomerTableModel()
    model.set_rows(rows())
    assert model.index(1, 2).data() == "R$ 1.234,56"
    assert model.index(1, 3).data() == "R$ 3,50"
    assert model.index(1, 4).data() == "R$ 0,99"
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(1, 2).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.index(1, 0).data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.index(1, 0).data(CUSTOMER_ID_ROLE) == 2
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None


def test_find_customers_reads_balances_through_the_services(shop: Shop) -> None:
    found = find_customers(shop.station, "Maria Aparecida")
    assert [(r.name, r.balance) for r in found] == [("Maria Aparecida Souza", 800)]
    assert find_customers(shop.station, "   ") == []
    assert mask_mobile("+5511987654321") == "(11) 9****-4321"


@pytest.fixture
def no_printers() -> Iterator[None]:
    yield
    from hardware.emulator.virtual import stop_virtual_printers

    stop_virtual_printers()


def test_app_main_opens_the_window_with_the_notice_and_the_virtual_printer(
    tmp_path: Path, qtbot: QtBot, qapp: QApplication, no_printers: None
) -> None:
    seen: dict[str, object] = {}

    def look_then_close() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)]
        boxes = [w for w in qapp.topLevelWidgets() if isinstance(w, QMessageBox)]
        seen["title"] = windows[0].windowTitle() if windows else None
        seen["status"] = windows[0].statusBar().currentMessage() if windows else None
        seen["notice"] = [b.text() for b in boxes if b.isVisible()]
        for widget in boxes + windows:
            widget.close()
        qapp.quit()

    QTimer.singleShot(200, look_then_close)
    assert posapp_app.main(tmp_path / "demo.sqlite", demo=True, notice="PIN 1234") == 0
    assert seen["title"] == "Minha loja — posapp (demonstração)"
    assert "impressora virtual em tcp://127.0.0.1:" in str(seen["status"])
    assert seen["notice"] == ["PIN 1234"]
