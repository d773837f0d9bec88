"""Issue 15: the counter's window opens on the whole room the screen has for windows
(maximised), never at a fixed size that a 1024x768 or 1366x768 screen cannot hold."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support import Shop
from tests.ui.test_shell import make_shell


def test_the_window_opens_maximised_on_the_screens_free_area(
    make_shop: Callable[..., Shop], qtbot: QtBot
) -> None:
    shell = make_shell(make_shop("salon"), qtbot)
    try:
        assert shell.windowState() & Qt.WindowState.WindowMaximized
        screen = shell.screen()
        assert screen is not None
        assert shell.normalGeometry() == screen.availableGeometry()
    finally:
        shell.context.printing.close()
