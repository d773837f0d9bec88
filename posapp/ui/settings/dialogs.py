"""The staff dialogs: add someone, change a role, give a new PIN. They open with `open()`."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posapp.services.admin.staff_changes import StaffMember
from posapp.services.common.auth import Role
from posapp.ui.signin import role_name

ROLES = (Role.CASHIER, Role.PROFESSIONAL, Role.MANAGER, Role.ADMIN)
ADD, ROLE, PIN = "add", "role", "pin"


class StaffDialog(QDialog):
    """One dialog for the three staff actions: what it asks depends on `kind`."""

    def __init__(
        self, kind: str, member: StaffMember | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("staffDialog")
        self.kind = kind
        self.member = member
        titles = {
            ADD: self.tr("Cadastrar na equipe"),
            ROLE: self.tr("Mudar a função"),
            PIN: self.tr("Trocar o PIN"),
        }
        self.setWindowTitle(titles[kind])
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("staffName")
        self.name.setMaxLength(120)
        self.role = QComboBox()
        self.role.setObjectName("staffRole")
        for role in ROLES:
            self.role.addItem(role_name(role), role.value)
        self.pin = self._pin_box("staffPin")
        self.pin_again = self._pin_box("staffPinAgain")
        if member is not None:
            who = QLabel(member.name)
            who.setObjectName("staffWho")
            form.addRow(self.tr("Pessoa"), who)
            self.role.setCurrentIndex(max(0, self.role.findData(member.role.value)))
        if kind == ADD:
            form.addRow(self.tr("Nome"), self.name)
        if kind in (ADD, ROLE):
            form.addRow(self.tr("Função"), self.role)
        if kind in (ADD, PIN):
            form.addRow(self.tr("PIN (4 a 6 dígitos)"), self.pin)
            form.addRow(self.tr("Repita o PIN"), self.pin_again)
        self.error = QLabel("")
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = QPushButton(self.tr("Continuar"))
        self.ok_button.setObjectName("staffOk")
        self.ok_button.setDefault(True)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancelar"))
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _pin_box(self, name: str) -> QLineEdit:
        box = QLineEdit()
        box.setObjectName(name)
        box.setEchoMode(QLineEdit.EchoMode.Password)
        box.setMaxLength(6)
        return box

    def chosen_role(self) -> Role:
        return Role(self.role.currentData())

    def check(self) -> None:
        """Accept only what the dialog itself can judge; the service judges the rest."""
        if self.kind == ADD and not self.name.text().strip():
            self.error.setText(self.tr("Informe o nome."))
            return
        if self.kind in (ADD, PIN) and self.pin.text() != self.pin_again.text():
            self.error.setText(self.tr("Os dois PINs não são iguais."))
            return
        self.accept()
