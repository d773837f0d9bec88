"""The counter's window: sign in, move between screens, sign out; the status bar; app.main."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from posapp.ui.customers.screen import CustomersScreen
from posapp.ui.runner import run_in_background
from posapp.ui.sales.screen import SalesScreen
from posapp.ui.shell import CUSTOMERS, SALE, SALES, Shell, load_sale_screen
from tests.support import MANAGER_PIN, Shop
from tests.ui.ui_support import make_context

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


@pytest.fixture
def shop(make_shop: MakeShop) -> Shop:
    shop = make_shop("salon")
    shop.enrol("Maria Aparecida Souza", cpf="529.982.247-25")
    return shop


def make_shell(shop: Shop, qtbot: QtBot, printer: str | None = None) -> Shell:
    shell = Shell(make_context(shop, staff=None, printer=printer))
    qtbot.addWidget(shell)
    shell.show()
    return shell


@pytest.fixture
def shell(shop: Shop, qtbot: QtBot) -> Iterator[Shell]:
    shell = make_shell(shop, qtbot)
    yield shell
    shell.context.printing.close()


def sign_in(shell: Shell, qtbot: QtBot, name: str = "Marta", pin: str = MANAGER_PIN) -> None:
    signin = shell.signin
    tile = next(t for t in signin.tiles.values() if t.text().startswith(name))
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    for key in pin:
        qtbot.mouseClick(signin.pad.digits[key], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(signin.pad.enter_button, Qt.MouseButton.LeftButton)


def test_the_window_opens_on_the_sign_in_screen(shell: Shell, qtbot: QtBot) -> None:
    assert shell.windowTitle() == "Loja Teste — posapp"
    assert shell.current is shell.signin
    assert not shell.nav.isVisible()
    assert shell.staff_status.text() == "Ninguém no caixa"
    assert shell.shift_status.text() == "Turno: —"
    assert shell.scanner_status.text() == "Leitor: teclado"
    assert shell.sync_status.text() == "Sincronização: desligada"
    qtbot.waitUntil(lambda: shell.printer_status.text() == "Impressora OK")
    qtbot.keyClick(shell, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert shell.current is shell.signin  # nobody signed in: no way around the PIN


def test_sign_in_opens_the_sale_and_the_shortcuts_move_between_screens(
    shell: Shell, qtbot: QtBot, shop: Shop
) -> None:
    sign_in(shell, qtbot)
    assert shell.context.staff is not None and shell.context.staff.id == shop.manager_id
    assert shell.current is shell.screens[SALE]
    sale_screen = load_sale_screen()
    assert sale_screen is not None and isinstance(shell.current, sale_screen)  # type: ignore[arg-type]
    assert shell.sale_button.isChecked() and shell.nav.isVisible()
    assert shell.staff_status.text() == "Marta Gerente (Gerente)"
    assert shell.nav_staff.text() == "Marta Gerente (Gerente)"

    qtbot.keyClick(shell, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(shell.current, CustomersScreen)
    assert shell.customers_button.isChecked()
    qtbot.keyClick(shell, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert shell.current is shell.screens[SALE]
    qtbot.mouseClick(shell.customers_button, Qt.MouseButton.LeftButton)
    assert shell.current is shell.screens[CUSTOMERS]
    qtbot.keyClick(shell, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    sales = shell.current
    assert isinstance(sales, SalesScreen)
    assert shell.sales_button.isChecked() and shell.sales_button.text() == "Vendas"
    qtbot.waitUntil(sales.idle)
    qtbot.mouseClick(shell.sale_button, Qt.MouseButton.LeftButton)
    assert shell.current is shell.screens[SALE]
    qtbot.mouseClick(shell.sales_button, Qt.MouseButton.LeftButton)
    assert shell.current is shell.screens[SALES] is sales
    qtbot.waitUntil(sales.idle)


def test_sign_out_returns_to_the_sign_in_screen(shell: Shell, qtbot: QtBot) -> None:
    sign_in(shell, qtbot, "Carlos", "1111")
    with qtbot.waitSignal(shell.context.events.staff_changed):
        qtbot.mouseClick(shell.sign_out_button, Qt.MouseButton.LeftButton)
    assert shell.current is shell.signin and shell.context.staff is None
    assert not shell.nav.isVisible()
    assert shell.signin.who.text() == "Toque no seu nome"
    assert shell.staff_status.text() == "Ninguém no caixa"
    sign_in(shell, qtbot)
    qtbot.keyClick(shell, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert shell.current is shell.signin


def test_the_status_bar_follows_the_printer_and_its_queue(
    shop: Shop, qtbot: QtBot, make_shop: MakeShop
) -> None:
    virtual_printer("shell-test").set_status(paper_out=True)
    shell = make_shell(shop, qtbot, printer="virtual://shell-test")
    try:
        customer = shop.enrol("Bia Rocha", cpf="111.444.777-35")
        outcomes = [shell.context.printing.print_slip(customer).result(10) for _ in range(2)]
        assert not any(outcome.printed for outcome in outcomes)
        shell.context.events.printer_state.emit(False, outcomes[-1].error("pt_BR") or "")
        qtbot.waitUntil(lambda: shell.printer_status.text() == "Impressora: sem papel (2 na fila)")
        assert shell.printer_status.property("state") == "error"
        virtual_printer("shell-test").set_status(paper_out=False)
        for future in shell.context.printing.retry_failed():
            assert future.result(10).printed
        shell.context.events.printer_state.emit(True, "")
        qtbot.waitUntil(lambda: shell.printer_status.text() == "Impressora OK")
        # A new window reads the queue itself.
        assert shell.printer_text(False, "Impressora x: sem papel.", 1) == (
            "Impressora: sem papel (1 na fila)"
        )
    finally:
        shell.context.printing.close()


def test_the_busy_bar_shows_while_background_work_runs(shell: Shell, qtbot: QtBot) -> None:
    release = threading.Event()
    answers: list[bool] = []
    run_in_background(shell, lambda: release.wait(10), answers.append)
    qtbot.waitUntil(shell.busy.isVisible)
    release.set()
    qtbot.waitUntil(lambda: answers == [True])
    qtbot.waitUntil(lambda: not shell.busy.isVisible())
