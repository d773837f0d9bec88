"""Entrar: staff tiles (name and role) over a PIN pad with big buttons.

Tap your tile, type your PIN on the pad (or the keyboard) and Enter. A wrong
PIN says so; repeated wrong PINs lock the person for a few minutes and the
screen says for how long. In demo mode the demo PINs are shown beside the pad.

The screen can be drawn from a `Doorway` (a sqlite3 read) before the services are
imported: the counter paints that one first, and the shell's own sign-in `continues_from`
it once the counter is built (a PIN entered meanwhile is checked then). So the services
are imported where they are used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from posapp.core.roles import Role, StaffRef
from posapp.services.common.changes import Change
from posapp.services.common.doorway import Doorway

if TYPE_CHECKING:
    from posapp.ui.context import UiContext

W = TypeVar("W", bound=QWidget)

PIN_MAX = 12
TILE_COLUMNS = 4


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


def role_name(role: Role) -> str:
    names = {
        Role.ADMIN: QCoreApplication.translate("Roles", "Administração"),
        Role.MANAGER: QCoreApplication.translate("Roles", "Gerente"),
        Role.CASHIER: QCoreApplication.translate("Roles", "Caixa"),
        Role.PROFESSIONAL: QCoreApplication.translate("Roles", "Profissional"),
    }
    return names[role]


class PinPad(QWidget):
    """0-9, clear and enter as big buttons over a masked display that also takes keys."""

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinPad")
        self.display = _named(QLineEdit(), "pinDisplay")
        self.display.setEchoMode(QLineEdit.EchoMode.Password)
        self.display.setMaxLength(PIN_MAX)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setPlaceholderText(self.tr("PIN"))
        self.display.textEdited.connect(self._digits_only)
        self._enter_taken = False
        """The display's returnPressed has just submitted for the Enter now reaching the pad."""
        self.display.returnPressed.connect(self._display_enter)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.digits: dict[str, QPushButton] = {}
        for index, digit in enumerate("123456789"):
            grid.addWidget(self._digit(digit), index // 3, index % 3)
        self.clear_button = self._key(self.tr("Limpar"), "pinClear")
        self.clear_button.clicked.connect(self.clear)
        self.enter_button = self._key(self.tr("Entrar"), "pinEnter")
        self.enter_button.clicked.connect(self.submit)
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(self._digit("0"), 3, 1)
        grid.addWidget(self.enter_button, 3, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.display)
        layout.addLayout(grid)

    def _key(self, text: str, name: str) -> QPushButton:
        button = _named(QPushButton(text), name)
        button.setProperty("pad", True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumSize(88, 72)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        return button

    def _digit(self, digit: str) -> QPushButton:
        button = self._key(digit, f"pinDigit{digit}")
        button.clicked.connect(lambda: self.press(digit))
        self.digits[digit] = button
        return button

    def _digits_only(self, text: str) -> None:
        kept = "".join(c for c in text if c.isdigit())
        if kept != text:
            self.display.setText(kept)

    def press(self, digit: str) -> None:
        if len(self.display.text()) < PIN_MAX:
            self.display.setText(self.display.text() + digit)
        self.display.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        self.display.clear()
        self.display.setFocus(Qt.FocusReason.OtherFocusReason)

    def pin(self) -> str:
        return self.display.text()

    def _display_enter(self) -> None:
        self._enter_taken = True
        self.submit()

    def submit(self) -> None:
        self.submitted.emit(self.display.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys that reach the pad itself; Enter in the display already submitted (its
        returnPressed) and is passed on here too, so it is taken without a second submit."""
        if event.text().isdigit():
            self.press(event.text())
        elif event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Escape):
            self.clear()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not self._enter_taken:
                self.submit()
            self._enter_taken = False
            event.accept()
        else:
            super().keyPressEvent(event)


class SignInScreen(QWidget):
    """Who is at the counter; emits `signed_in` with the staff member after a right PIN."""

    signed_in = Signal(object)

    def __init__(self, source: UiContext | Doorway, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInScreen")
        self.context: UiContext | None = None
        """None while the screen is drawn from a Doorway (the counter still loading)."""
        self.demo = source.demo
        self.waiting_pin: str | None = None
        """A PIN entered before the counter was loaded: checked on `attach`."""
        self.tiles: dict[int, QPushButton] = {}
        self._people: dict[int, StaffRef] = {}
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.idClicked.connect(self._chosen)

        self.title = _named(QLabel(self.tr("Quem está no caixa?")), "signInTitle")
        self.tile_box = _named(QWidget(), "staffTiles")
        self.tile_grid = QGridLayout(self.tile_box)
        self.tile_grid.setSpacing(12)
        self.tile_grid.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setObjectName("staffScroll")
        scroll.setWidget(self.tile_box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.pad = PinPad()
        self.pad.submitted.connect(self.sign_in)
        self.who = _named(QLabel(self.tr("Toque no seu nome")), "signInWho")
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = _named(QLabel(""), "signInMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "error")
        pad_box = _named(QFrame(), "padCard")
        pad_box.setFixedWidth(360)
        pad_layout = QVBoxLayout(pad_box)
        pad_layout.setContentsMargins(20, 20, 20, 20)
        pad_layout.setSpacing(12)
        pad_layout.addWidget(self.who)
        pad_layout.addWidget(self.pad, 1)
        pad_layout.addWidget(self.message)

        self.demo_pins = _named(QLabel(""), "demoPins")
        self.demo_pins.setWordWrap(True)
        self.demo_pins.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo_pins.setVisible(self.demo)

        left = QVBoxLayout()
        left.setSpacing(14)
        left.addWidget(self.title)
        left.addWidget(scroll, 1)
        left.addWidget(self.demo_pins)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(32)
        layout.addLayout(left, 1)
        layout.addWidget(pad_box, 0, Qt.AlignmentFlag.AlignTop)
        if isinstance(source, Doorway):
            self._show_people(list(source.people))
        else:
            self.context = source
            source.events.changed.connect(self.on_changed)
            self.refresh()

    def continue_from(self, early: SignInScreen) -> None:
        """Take over from the sign-in painted while the counter loaded: the tile chosen,
        the digits typed, and a PIN entered meanwhile, checked now."""
        chosen = early.group.checkedId()
        if chosen in self.tiles:
            self.choose(chosen)
        self.pad.display.setText(early.pad.pin())
        if early.waiting_pin is not None:
            self.sign_in(early.waiting_pin)

    def on_changed(self, changes: frozenset[Change]) -> None:
        """Someone added, deactivated or given a new role anywhere: the tiles follow."""
        if Change.STAFF in changes:
            chosen = self.group.checkedId()
            self.refresh()
            if chosen in self.tiles:
                self.tiles[chosen].setChecked(True)

    @property
    def chosen(self) -> StaffRef | None:
        return self._people.get(self.group.checkedId())

    def refresh(self) -> None:
        """(Re)load the staff tiles from the database."""
        from posapp.services.admin import staff as staff_service

        assert self.context is not None, "a sign-in drawn from a Doorway has no services"
        self._show_people(staff_service.list_staff(self.context.station))

    def _show_people(self, people: list[StaffRef]) -> None:
        for button in self.tiles.values():
            self.group.removeButton(button)
            button.deleteLater()
        self.tiles.clear()
        self._people = {person.id: person for person in people}
        for index, person in enumerate(people):
            tile = _named(QPushButton(f"{person.name}\n{role_name(person.role)}"), "staffTile")
            tile.setProperty("staffId", person.id)
            tile.setCheckable(True)
            tile.setMinimumHeight(84)
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.group.addButton(tile, person.id)
            self.tile_grid.addWidget(tile, index // TILE_COLUMNS, index % TILE_COLUMNS)
            self.tiles[person.id] = tile
        self.tile_grid.setRowStretch(len(people) // TILE_COLUMNS + 1, 1)
        if self.demo and self.context is not None:  # the demo's PINs come with its services
            self.demo_pins.setText(self._demo_text(people))

    def _demo_text(self, people: list[StaffRef]) -> str:
        from posapp.services.onboarding.demo import ADMIN, STAFF

        names = {person.name for person in people}
        cells = [
            f"<td>{person.name} <span style='color:#8a6d1d'>({role_name(person.role)})</span>"
            f"</td><td><b>{person.pin}</b></td>"
            for person in (ADMIN, *STAFF)
            if person.name in names
        ]
        rows = "".join(
            "<tr>" + "<td width='24'></td>".join(cells[i : i + 3]) + "</tr>"
            for i in range(0, len(cells), 3)
        )
        title = self.tr("Demonstração — PINs para entrar:")
        return f"<b>{title}</b><table cellspacing='3'>{rows}</table>"

    def choose(self, staff_id: int) -> None:
        self.tiles[staff_id].setChecked(True)
        self._chosen(staff_id)

    def _chosen(self, staff_id: int) -> None:
        person = self._people[staff_id]
        self.who.setText(self.tr("%1, digite seu PIN").replace("%1", person.name))
        self.message.setText("")
        self.pad.clear()

    def reset(self) -> None:
        """Back to a blank screen (after a sign-out)."""
        checked = self.group.checkedButton()
        if checked is not None:
            self.group.setExclusive(False)
            checked.setChecked(False)
            self.group.setExclusive(True)
        self.who.setText(self.tr("Toque no seu nome"))
        self.message.setText("")
        self.pad.clear()

    def sign_in(self, pin: str) -> None:
        person = self.chosen
        if person is None:
            self.message.setText(self.tr("Toque no seu nome antes de digitar o PIN."))
            return
        if not pin:
            self.message.setText(self.tr("Digite seu PIN."))
            return
        if self.context is None:
            self.waiting_pin = pin
            self.message.setText(self.tr("Abrindo o caixa…"))
            return
        from posapp.core.errors import AccountLocked, PosError
        from posapp.services.admin import staff as staff_service

        try:
            signed = staff_service.sign_in(self.context.station, person.id, pin)
        except AccountLocked as locked:
            minutes = str(locked.params.get("minutes", ""))
            self.message.setText(
                self.tr("Acesso de %1 bloqueado, tente em %2 min")
                .replace("%1", person.name)
                .replace("%2", minutes)
            )
            self.pad.clear()
            return
        except PosError as error:
            self.message.setText(error.message(self.context.locale))
            self.pad.clear()
            return
        self.pad.clear()
        self.message.setText("")
        self.signed_in.emit(signed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.pad.display.setFocus(Qt.FocusReason.OtherFocusReason)
