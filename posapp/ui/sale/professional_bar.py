"""Who did the service: one big button per professional under the cart, Alt+1..9 by key.

The buttons wrap onto a second row rather than widen the window. A tap (or its
Alt+number) names the professional of the selected service line at once;
nothing waits for Enter. The professional chosen last comes first (Alt+1), so a
salon that rings up one person's clients in a row presses the same key each time.
The list follows the staff as the manager changes it (`Change.STAFF`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from posapp.services.common.auth import StaffRef
from posapp.ui.flow_layout import FlowLayout

KEYS = 9
"""Alt+1 .. Alt+9: the first nine professionals in the bar's order."""


def offered_order(people: Sequence[StaffRef], last_id: int | None) -> list[StaffRef]:
    """The professionals as the bar offers them: the last one chosen first, then by name."""
    first = [p for p in people if p.id == last_id]
    return first + [p for p in people if p.id != last_id]


class ProfessionalBar(QWidget):
    """Emits `chosen` with a staff id; `set_people` redraws it, keeping the last choice first."""

    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("professionalBar")
        self.people: list[StaffRef] = []
        self.last_id: int | None = None
        self.buttons: list[QPushButton] = []
        self.label = QLabel(self.tr("Profissional:"))
        self.label.setObjectName("professionalBarLabel")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 4, 0, 4)
        self.row.setSpacing(8)
        self.row.addWidget(self.label, 0, Qt.AlignmentFlag.AlignTop)
        holder = QWidget()
        self.flow = FlowLayout(holder)
        self.row.addWidget(holder, 1)
        self.shortcuts: list[QShortcut] = []
        for number in range(1, KEYS + 1):
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda n=number: self.press(n))
            self.shortcuts.append(shortcut)

    def set_people(self, people: Sequence[StaffRef]) -> None:
        self.people = list(people)
        if self.last_id is not None and all(p.id != self.last_id for p in self.people):
            self.last_id = None
        self._redraw()

    def press(self, number: int) -> None:
        """Alt+number: the number-th professional as offered now."""
        offered = self.offered()
        if 1 <= number <= len(offered) and self.isEnabled():
            self.choose(offered[number - 1].id)

    def remember(self, staff_id: int | None) -> None:
        """A professional named elsewhere (the cell's list) comes first here too."""
        if staff_id is not None and staff_id != self.last_id:
            self.last_id = staff_id
            self._redraw()

    def choose(self, staff_id: int) -> None:
        self.last_id = staff_id
        self.chosen.emit(staff_id)
        self._redraw()

    def offered(self) -> list[StaffRef]:
        return offered_order(self.people, self.last_id)

    def _redraw(self) -> None:
        for button in self.buttons:
            self.flow.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for number, person in enumerate(self.offered(), start=1):
            text = f"{number}  {person.name}" if number <= KEYS else person.name
            button = QPushButton(text)
            button.setObjectName("professionalButton")
            button.setProperty("staffId", person.id)
            button.setMinimumHeight(44)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            if number <= KEYS:
                button.setToolTip(f"Alt+{number}")
            button.clicked.connect(lambda _=False, staff_id=person.id: self.choose(staff_id))
            self.flow.addWidget(button)
            self.buttons.append(button)
