"""The first window: the sign-in painted from a sqlite3 read, before the counter is built.

Importing the database layer, the services and every screen takes the most of a
second; the cashier sees the staff tiles and the PIN pad before that, and what they
tap or type here is carried over to the shell's sign-in (`SignInScreen.continue_from`)
when it takes this window's place.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QTimer, Signal
from PySide6.QtWidgets import QMainWindow

from posapp.services.common.doorway import Doorway
from posapp.ui.fit import fit_to_screen
from posapp.ui.signin import SignInScreen


class DoorwayWindow(QMainWindow):
    painted = Signal()
    """Once, after the window's first paint: time to build the rest."""

    def __init__(self, doorway: Doorway) -> None:
        super().__init__()
        self.setObjectName("shell")  # the shell's look, from the style sheet
        title = f"{doorway.store_name} — posapp"
        if doorway.demo:
            title = QCoreApplication.translate("Shell", "%1 (demonstração)").replace("%1", title)
        self.setWindowTitle(title)
        fit_to_screen(self)
        self.signin = SignInScreen(doorway)
        self.setCentralWidget(self.signin)
        self.statusBar().showMessage(QCoreApplication.translate("Doorway", "Abrindo o caixa…"))
        self._painted = False

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.painted.emit)
        return handled
