"""Builders for the UI tests: a context on a test shop, signed in or not."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from posapp.services.common.auth import Role, StaffRef
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.sales.printing import PrintService
from posapp.ui.context import UiContext
from tests.support import MANAGER_PIN, Shop

_names = itertools.count()


def make_context(
    shop: Shop,
    *,
    staff: str | None = "manager",
    language: str = "pt_BR",
    demo: bool = False,
    printer: str | None = None,
) -> UiContext:
    """A context on `shop` with its own virtual printer (unless `printer` names one)."""
    settings = CounterSettings(
        printer_uri=printer or f"virtual://ui-test-{next(_names)}", language=language
    )
    context = UiContext(shop.station, PrintService(shop.station, settings), settings, demo=demo)
    people = {
        "manager": StaffRef(shop.manager_id, "Marta Gerente", Role.MANAGER),
        "cashier": StaffRef(shop.cashier_id, "Carlos Caixa", Role.CASHIER),
    }
    context.staff = people[staff] if staff else None
    return context


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


def top_level(kind: type[QWidget], visible: bool = True) -> list[QWidget]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, kind) and (w.isVisible() or not visible)
    ]


def when_shown(kind: type[QWidget], act: Callable[[QWidget], None], qtbot: QtBot) -> None:
    """Drive a dialog a blocking exec() will show: poll until it appears, then act on it."""
    from PySide6.QtCore import QTimer

    def poll() -> None:
        found = top_level(kind)
        if found:
            act(found[0])
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


class Pins:
    """A stand-in for the PIN dialog: answers with `pin` and remembers what was asked."""

    def __init__(self, pin: str | None = MANAGER_PIN) -> None:
        self.pin = pin
        self.asked: list[str] = []

    def __call__(self, _parent: QWidget | None, action: str) -> str | None:
        self.asked.append(action)
        return self.pin
