"""A tip (gorjeta) for the professional of a finished appointment, recorded with its sale
and outside its total."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from posapp.core.errors import PosError
from posapp.services.salon.tips import record_tip
from posapp.ui.context import UiContext
from posapp.ui.widgets import named


class TipDialog(QDialog):
    def __init__(
        self,
        context: UiContext,
        sale_id: int,
        professional_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tipDialog")
        self.setWindowTitle(self.tr("Gorjeta"))
        self.context, self.sale_id, self.professional_id = context, sale_id, professional_id
        form = QFormLayout(self)
        self.amount = named(QDoubleSpinBox(), "tipAmount")
        self.amount.setRange(0.0, 100_000.0)
        self.amount.setDecimals(2)
        self.amount.setPrefix("R$ ")
        self.tender = named(QComboBox(), "tipTender")
        for value, text in (
            ("cash", self.tr("Dinheiro")),
            ("pix", self.tr("Pix")),
            ("debit", self.tr("Débito")),
            ("credit", self.tr("Crédito")),
        ):
            self.tender.addItem(text, value)
        form.addRow(self.tr("Valor"), self.amount)
        form.addRow(self.tr("Forma"), self.tender)
        self.problem = named(QLabel(), "tipProblem")
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        staff = self.context.staff
        if staff is None:
            return
        try:
            record_tip(
                self.context.station,
                self.sale_id,
                professional_id=self.professional_id,
                amount=round(self.amount.value() * 100),
                tender=str(self.tender.currentData()),
                staff_id=staff.id,
            )
        except PosError as refused:
            self.problem.setText(refused.message(self.context.locale))
            return
        self.accept()
