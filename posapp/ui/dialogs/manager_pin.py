"""Ask for a manager's PIN on the spot, for an action a cashier may not do alone."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class ManagerPinDialog(QDialog):
    def __init__(self, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Autorização do gerente"))
        self.setObjectName("managerPinDialog")
        layout = QVBoxLayout(self)
        prompt = QLabel(self.tr("Senha do gerente para: %1").replace("%1", action))
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.pin = QLineEdit()
        self.pin.setObjectName("managerPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        layout.addWidget(self.pin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def ask_manager_pin(parent: QWidget | None, action: str) -> str | None:
    """The PIN typed, or None if cancelled. The service that acts checks it."""
    dialog = ManagerPinDialog(action, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.pin.text():
        return None
    return dialog.pin.text()
