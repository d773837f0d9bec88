"""Entrar: staff tiles, the PIN pad by clicks and by keyboard, wrong PINs and the lock."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.models import Staff
from hardware.emulator.virtual import stop_virtual_printers
from posapp.services.common.auth import MAX_ATTEMPTS, Role, StaffRef
from posapp.ui.signin import SignInScreen
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop
from tests.ui.ui_support import make_context

MakeShop = Callable[..., Shop]


@pytest.fixture
def shop(make_shop: MakeShop) -> Shop:
    return make_shop("salon")


@pytest.fixture
def screen(shop: Shop, qtbot: QtBot) -> Iterator[SignInScreen]:
    screen = SignInScreen(make_context(shop, staff=None))
    qtbot.addWidget(screen)
    screen.show()
    yield screen
    screen.context.printing.close()
    stop_virtual_printers()


def click(qtbot: QtBot, screen: SignInScreen, keys: str) -> None:
    for key in keys:
        qtbot.mouseClick(screen.pad.digits[key], Qt.MouseButton.LeftButton)


def tile(screen: SignInScreen, name: str) -> int:
    return next(i for i, t in screen.tiles.items() if t.text().startswith(name))


def test_the_tiles_show_each_active_person_with_their_role(screen: SignInScreen) -> None:
    assert sorted(t.text() for t in screen.tiles.values()) == [
        "Ana Admin\nAdministração",
        "Carlos Caixa\nCaixa",
        "Marta Gerente\nGerente",
        "Paula Manicure\nProfissional",
    ]
    assert not screen.demo_pins.isVisible()
    assert screen.who.text() == "Toque no seu nome"


def test_signing_in_with_the_pad(screen: SignInScreen, qtbot: QtBot, shop: Shop) -> None:
    qtbot.mouseClick(screen.tiles[tile(screen, "Marta")], Qt.MouseButton.LeftButton)
    assert screen.who.text() == "Marta Gerente, digite seu PIN"
    click(qtbot, screen, "98")
    assert screen.pad.pin() == "98"
    qtbot.mouseClick(screen.pad.clear_button, Qt.MouseButton.LeftButton)
    assert screen.pad.pin() == ""
    click(qtbot, screen, MANAGER_PIN)
    assert screen.pad.display.echoMode() == screen.pad.display.EchoMode.Password
    with qtbot.waitSignal(screen.signed_in) as signed:
        qtbot.mouseClick(screen.pad.enter_button, Qt.MouseButton.LeftButton)
    assert signed.args == [StaffRef(shop.manager_id, "Marta Gerente", Role.MANAGER)]
    assert screen.pad.pin() == ""


def test_signing_in_with_the_keyboard(screen: SignInScreen, qtbot: QtBot, shop: Shop) -> None:
    qtbot.mouseClick(screen.tiles[tile(screen, "Carlos")], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.pad.display, "1a1-11")  # letters and signs are dropped
    assert screen.pad.pin() == CASHIER_PIN
    with qtbot.waitSignal(screen.signed_in) as signed:
        qtbot.keyClick(screen.pad.display, Qt.Key.Key_Return)
    assert signed.args[0].id == shop.cashier_id


def test_a_pin_before_a_name_and_a_wrong_pin_are_refused(
    screen: SignInScreen, qtbot: QtBot
) -> None:
    with qtbot.assertNotEmitted(screen.signed_in):
        click(qtbot, screen, "1111")
        qtbot.mouseClick(screen.pad.enter_button, Qt.MouseButton.LeftButton)
        assert screen.message.text() == "Toque no seu nome antes de digitar o PIN."
        screen.choose(tile(screen, "Carlos"))
        click(qtbot, screen, "4321")
        qtbot.mouseClick(screen.pad.enter_button, Qt.MouseButton.LeftButton)
    assert screen.message.text() == "PIN incorreto."
    assert screen.pad.pin() == ""


def test_repeated_wrong_pins_lock_the_person_for_minutes(
    screen: SignInScreen, qtbot: QtBot, shop: Shop
) -> None:
    screen.choose(tile(screen, "Carlos"))
    with qtbot.assertNotEmitted(screen.signed_in):
        for _ in range(MAX_ATTEMPTS):
            click(qtbot, screen, "0001")
            qtbot.mouseClick(screen.pad.enter_button, Qt.MouseButton.LeftButton)
        click(qtbot, screen, CASHIER_PIN)  # even the right PIN now
        qtbot.mouseClick(screen.pad.enter_button, Qt.MouseButton.LeftButton)
    # auth.sign_in rounds the five minutes left up to 6 (its own rounding, not the screen's).
    assert re.fullmatch(r"Acesso de Carlos Caixa bloqueado, tente em 5 min", screen.message.text())
    shop.clock.advance(minutes=6)
    click(qtbot, screen, CASHIER_PIN)
    with qtbot.waitSignal(screen.signed_in):
        qtbot.mouseClick(screen.pad.enter_button, Qt.MouseButton.LeftButton)


def test_demo_mode_shows_the_demo_pins(shop: Shop, qtbot: QtBot) -> None:
    screen = SignInScreen(make_context(shop, staff=None, demo=True))
    qtbot.addWidget(screen)
    screen.show()
    try:
        assert screen.demo_pins.isVisible()
        text = screen.demo_pins.text()
        # The test shop's people who are also demo people, with the demo's PINs.
        assert "Marta Gerente" in text and "<b>1234</b>" in text
        assert "Ana Admin" in text and "<b>0000</b>" in text
    finally:
        screen.context.printing.close()


def test_enter_on_the_keyboard_submits_a_wrong_pin_once_and_says_it_was_wrong(
    screen: SignInScreen, qtbot: QtBot, shop: Shop
) -> None:
    screen.choose(tile(screen, "Carlos"))
    answers: list[str] = []
    screen.pad.submitted.connect(answers.append)
    with qtbot.assertNotEmitted(screen.signed_in):
        qtbot.keyClicks(screen.pad.display, "4321")
        qtbot.keyClick(screen.pad.display, Qt.Key.Key_Return)
    assert answers == ["4321"]  # one submit, not a second one with the cleared PIN
    assert screen.message.text() == "PIN incorreto."  # not "Digite seu PIN."
    with shop.station.read() as session:
        carlos = session.get(Staff, shop.cashier_id)
        assert carlos is not None and carlos.failed_attempts == 1
    qtbot.keyClick(screen.pad.display, Qt.Key.Key_Return)  # Enter with nothing typed
    assert answers == ["4321", ""] and screen.message.text() == "Digite seu PIN."
