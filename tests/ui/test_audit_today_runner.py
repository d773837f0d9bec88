"""Audit of 398b865: no thread but the GUI's holds the last reference to a screen."""

from __future__ import annotations

import threading
import weakref
from concurrent.futures import Future

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hardware.device_thread import DeviceThread
from posapp.ui.sale.screen import SaleScreen


class _Screen(QWidget):
    """Stands for the sale screen: it watches a print on the device thread as it does."""

    jobs = type("Jobs", (), {"count": 0})()
    _watch_print = SaleScreen._watch_print

    def __init__(self) -> None:
        super().__init__()
        self.finished: list[object] = []

    def _print_finished(self, future: Future[object]) -> None:
        self.finished.append(future.result())


def test_a_closed_screen_watching_a_print_is_not_destroyed_on_the_device_thread(
    qtbot: QtBot,
) -> None:
    """The sale screen watches each print's Future: the device thread keeps the last Future
    it ran, and a Future keeps its done callbacks; had the callback held the screen, the
    screen closed after the print would die on the device thread at its next job."""
    devices = DeviceThread()
    try:
        died_on: set[int] = set()
        screen = _Screen()
        finished = screen.finished
        screen._watch_print(devices.submit(lambda: "printed"))
        qtbot.waitUntil(lambda: finished == ["printed"], timeout=5_000)
        gone = weakref.ref(screen, lambda _ref: died_on.add(threading.get_ident()))
        screen.close()
        del screen
        devices.submit(lambda: None).result(5)  # the device thread's next job
        qtbot.waitUntil(lambda: gone() is None, timeout=5_000)
        assert died_on == {threading.get_ident()}
    finally:
        devices.stop()
