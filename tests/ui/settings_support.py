"""Helpers for the Gerência tab tests: a PIN prompt stand-in and screens on real shops."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from posapp.ui.settings.screen import SettingsScreen
from tests.support import MANAGER_PIN, Shop
from tests.ui.ui_support import make_context


class Pins:
    """A stand-in for the PIN dialog: answers with `pin` and remembers what was asked."""

    def __init__(self, pin: str | None = MANAGER_PIN) -> None:
        self.pin = pin
        self.asked: list[str] = []

    def __call__(self, _parent: QWidget | None, action: str) -> str | None:
        self.asked.append(action)
        return self.pin


def screen_factory(qtbot: QtBot) -> Iterator[Callable[..., SettingsScreen]]:
    """For a fixture: `yield from screen_factory(qtbot)`; opens the screen on `tab`."""
    made: list[SettingsScreen] = []

    def make(shop: Shop, tab: int, **kw: Any) -> SettingsScreen:
        screen = SettingsScreen(make_context(shop, **kw))
        qtbot.addWidget(screen)
        screen.resize(1280, 800)
        screen.show()
        settle(screen, qtbot)
        screen.tabs.setCurrentIndex(tab)
        settle(screen, qtbot)
        made.append(screen)
        return screen

    yield make
    for screen in made:
        settle(screen, qtbot)
        screen.context.printing.close()


def settle(screen: SettingsScreen, qtbot: QtBot) -> None:
    qtbot.waitUntil(screen.idle, timeout=15_000)
