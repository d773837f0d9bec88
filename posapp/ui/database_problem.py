"""The dialog for a database file the counter cannot use (empty, damaged, not SQLite,
read-only, a full disk): what is wrong and what to do, pt_BR first and English below,
and, when a backup lies beside it, a button that restores the newest one with a
manager's PIN (checked against the backup itself when the database is damaged)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QPushButton, QWidget

from posapp.core.errors import PosError
from posapp.services.admin.backups import restore
from posapp.services.machine.database_file import DatabaseProblem


class DatabaseProblemDialog(QMessageBox):
    def __init__(self, problem: DatabaseProblem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("databaseProblem")
        self.problem = problem
        self.restored = False
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle("posapp: banco de dados / database")
        self.setText(problem.message("pt_BR"))
        self.setInformativeText(problem.message("en"))
        self.restore_button: QPushButton | None = None
        if problem.backup is not None:
            self.restore_button = self.addButton(
                "Restaurar a cópia mais recente / Restore the newest backup",
                QMessageBox.ButtonRole.AcceptRole,
            )
            self.restore_button.setObjectName("restoreNewest")
            self.restore_button.clicked.disconnect()
            self.restore_button.clicked.connect(self._ask_pin)
        close = self.addButton("Fechar / Close", QMessageBox.ButtonRole.RejectRole)
        close.setObjectName("closeProblem")

    def _ask_pin(self) -> None:
        pin, given = QInputDialog.getText(
            self,
            "Autorização do gerente / Manager's approval",
            "PIN do gerente / Manager's PIN",
            QLineEdit.EchoMode.Password,
        )
        if given:
            self.restore_with(pin)

    def restore_with(self, pin: str) -> bool:
        """Restore the newest backup over the database; the dialog closes when done."""
        backup = self.problem.backup
        if backup is None:
            return False
        try:
            restore(self.problem.path, Path(backup), pin)
        except PosError as error:
            self.setInformativeText(f"{error.message('pt_BR')}\n{error.message('en')}")
            return False
        self.restored = True
        self.accept()
        return True
