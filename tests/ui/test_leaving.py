"""Leaving the counter with a sale in progress: the cart is parked, never lost, and the
next sign-in says so; the next person finds no customer or balance on screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import AuditLog
from hardware.emulator.virtual import stop_virtual_printers
from posapp.services.sales import parking
from posapp.ui.sale.screen import SaleScreen
from posapp.ui.shell import SALE, Shell
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop
from tests.ui.test_shell import make_shell, sign_in

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


@pytest.fixture
def shop(make_shop: MakeShop) -> Shop:
    return make_shop("salon")


def sale_screen(shell: Shell) -> SaleScreen:
    screen = shell.screens[SALE]
    assert isinstance(screen, SaleScreen)
    return screen


def cart_with_maria(shell: Shell, shop: Shop, qtbot: QtBot) -> SaleScreen:
    screen = sale_screen(shell)
    maria = shop.enrol("Maria Souza", cpf="529.982.247-25")
    screen.add_code("7891000100103")
    from posapp.services.customers import registry

    screen.attach_customer(registry.account(shop.station, maria).summary)
    qtbot.waitUntil(lambda: screen.account is not None and screen.idle(), timeout=5_000)
    assert "Maria Souza" in screen.customer_label.text()
    return screen


def test_signing_out_parks_the_cart_clears_the_customer_and_the_next_sign_in_says_so(
    shop: Shop, qtbot: QtBot
) -> None:
    shell = make_shell(shop, qtbot)
    sign_in(shell, qtbot, "Carlos", CASHIER_PIN)
    screen = cart_with_maria(shell, shop, qtbot)
    shell.sign_out()
    assert screen.model.rowCount() == 0
    assert "Maria" not in screen.customer_label.text()
    assert "Maria" not in screen.loyalty_label.text()
    (cart,) = parking.left_open(shop.station)
    assert cart.customer_name == "Maria Souza" and cart.lines[0].quantity == 1

    sign_in(shell, qtbot, "Marta", MANAGER_PIN)
    qtbot.waitUntil(lambda: "guardada ao sair" in screen.message.text(), timeout=5_000)
    assert f"nº {cart.id} (Maria Souza, 1 item)" in screen.message.text()
    screen.recall(cart.id)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=5_000)
    assert parking.left_open(shop.station) == []
    with shop.station.read() as session:
        parked = session.scalars(select(AuditLog).where(AuditLog.action == "sale.park")).one()
        assert '"left_open": true' in (parked.details or "")
    shell.context.printing.close()


def test_closing_the_window_with_a_cart_parks_it_for_the_next_start(
    shop: Shop, qtbot: QtBot
) -> None:
    shell = make_shell(shop, qtbot)
    sign_in(shell, qtbot, "Carlos", CASHIER_PIN)
    cart_with_maria(shell, shop, qtbot)
    shell.close()
    shell.context.printing.close()
    assert [c.customer_name for c in parking.left_open(shop.station)] == ["Maria Souza"]

    again = make_shell(shop, qtbot)  # the next start, on the same database
    sign_in(again, qtbot, "Carlos", CASHIER_PIN)
    qtbot.waitUntil(lambda: "guardada ao sair" in again.left_open_text, timeout=5_000)
    assert "guardada ao sair" in sale_screen(again).message.text()
    again.context.printing.close()


def test_a_cart_the_database_cannot_keep_holds_the_window_open_and_says_so(
    shop: Shop, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    shell = make_shell(shop, qtbot)
    sign_in(shell, qtbot, "Carlos", CASHIER_PIN)
    screen = cart_with_maria(shell, shop, qtbot)

    def locked(*_args: object, **_kwargs: object) -> int:
        raise OperationalError("INSERT INTO parked_sale", {}, Exception("database is locked"))

    monkeypatch.setattr(parking, "park", locked)  # the disk or a lock refuses the write
    assert not shell.close()
    assert shell.isVisible() and screen.model.rowCount() == 1
    assert "Não foi possível guardar a venda em andamento" in screen.message.text()
    shell.sign_out()
    assert shell.context.staff is not None  # nobody leaves while the cart has nowhere to go
    monkeypatch.undo()
    assert shell.close()
    assert [c.customer_name for c in parking.left_open(shop.station)] == ["Maria Souza"]
    shell.context.printing.close()
