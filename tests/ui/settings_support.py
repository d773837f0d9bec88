"""Helpers for the Gerência tab tests: screens on real shops, opened on a tab."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posapp.ui.settings.screen import SettingsScreen
from tests.support import Shop
from tests.ui.ui_support import make_context


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


def click(widget: object, qtbot: QtBot, screen: SettingsScreen) -> None:
    """A left click on `widget`, then the screen's background answers."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    settle(screen, qtbot)
