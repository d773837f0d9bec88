"""The sales screen's dialogs: choose what comes back (and why), or why a sale is cancelled.

Both open with `open()` (never a blocking `exec()`): the screen reacts to
`accepted`, then asks for the manager's PIN and calls the service. Input that
is plainly incomplete (nothing chosen, no reason) is refused in the dialog.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from posapp.services.sales.history import SaleDetail
from posapp.ui.formatting import money
from posapp.ui.sales.models import sale_number
from posapp.ui.widgets import named as _named


def _error_label(name: str) -> QLabel:
    label = _named(QLabel(""), name)
    label.setWordWrap(True)
    label.setProperty("role", "error")
    return label


class ReturnItemsDialog(QDialog):
    """A spin box per line, bounded by what is left of it, and the reason."""

    def __init__(self, detail: SaleDetail, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnDialog")
        self.setWindowTitle(
            self.tr("Devolver itens da venda nº %1").replace(
                "%1", sale_number(detail.summary.number)
            )
        )
        self.setMinimumWidth(520)
        self.detail = detail
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for column, caption in enumerate(
            (self.tr("Item"), self.tr("Vendidos"), self.tr("Já devolvidos"), self.tr("Devolver"))
        ):
            grid.addWidget(_named(QLabel(caption), "fieldCaption"), 0, column)
        self.spins: dict[int, QSpinBox] = {}
        """Sale line id -> how many of it come back."""
        for row, line in enumerate(detail.lines, start=1):
            grid.addWidget(QLabel(f"{line.description} ({money(line.net, locale)})"), row, 0)
            grid.addWidget(QLabel(str(line.quantity)), row, 1)
            grid.addWidget(QLabel(str(line.returned)), row, 2)
            spin = _named(QSpinBox(), f"returnQty_{line.id}")
            spin.setRange(0, max(line.left, 0))
            spin.setEnabled(line.left > 0)
            grid.addWidget(spin, row, 3)
            self.spins[line.id] = spin
        self.all_button = _named(QPushButton(self.tr("Tudo o que falta")), "returnAll")
        self.all_button.clicked.connect(self.choose_all)
        self.reason = _named(QLineEdit(), "returnReason")
        self.reason.setPlaceholderText(self.tr("ex.: produto com defeito"))
        self.reason.setMaxLength(200)
        form = QFormLayout()
        form.addRow(self.tr("Motivo"), self.reason)
        self.error = _error_label("returnError")
        buttons = QDialogButtonBox()
        self.ok_button = _named(
            buttons.addButton(self.tr("Continuar"), QDialogButtonBox.ButtonRole.AcceptRole),
            "returnOk",
        )
        cancel = buttons.addButton(self.tr("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("returnCancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.all_button)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def choose_all(self) -> None:
        for spin in self.spins.values():
            spin.setValue(spin.maximum())

    def quantities(self) -> dict[int, int]:
        """Sale line id -> quantity, for the lines chosen."""
        return {line_id: spin.value() for line_id, spin in self.spins.items() if spin.value() > 0}

    def accept(self) -> None:
        if not self.quantities():
            self.error.setText(self.tr("Escolha ao menos um item para devolver."))
            return
        if not self.reason.text().strip():
            self.error.setText(self.tr("Informe o motivo."))
            return
        super().accept()


class VoidDialog(QDialog):
    """Cancel a whole sale: what it was, and why."""

    def __init__(self, detail: SaleDetail, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voidDialog")
        number = sale_number(detail.summary.number)
        self.setWindowTitle(self.tr("Cancelar a venda nº %1").replace("%1", number))
        self.setMinimumWidth(420)
        summary = _named(
            QLabel(
                self.tr("A venda nº %1 (%2) será cancelada por inteiro.")
                .replace("%1", number)
                .replace("%2", money(detail.summary.total, locale))
            ),
            "voidSummary",
        )
        summary.setWordWrap(True)
        self.reason = _named(QLineEdit(), "voidReason")
        self.reason.setPlaceholderText(self.tr("ex.: venda lançada errada"))
        self.reason.setMaxLength(200)
        form = QFormLayout()
        form.addRow(self.tr("Motivo"), self.reason)
        self.error = _error_label("voidError")
        buttons = QDialogButtonBox()
        self.ok_button = _named(
            buttons.addButton(self.tr("Continuar"), QDialogButtonBox.ButtonRole.AcceptRole),
            "voidOk",
        )
        back = buttons.addButton(self.tr("Voltar"), QDialogButtonBox.ButtonRole.RejectRole)
        back.setObjectName("voidBack")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if not self.reason.text().strip():
            self.error.setText(self.tr("Informe o motivo."))
            return
        super().accept()
