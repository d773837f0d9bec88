"""F11: a discount on the whole sale, as an amount ("10,00") or a percentage ("10").

The dialog only gathers the discount; the screen keeps it with the cart, quotes
with it and checks out with it. Whether it needs a manager is the checkout
service's call (`DISCOUNT_LIMIT_BPS` of the gross, line discounts included): the
screen asks for the PIN only when checkout refuses without one, as for F4.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from posapp.core.money import format_money, parse_centavos, percent_of
from posapp.services.sales.checkout import DISCOUNT_LIMIT_BPS
from posapp.ui.sale.amounts import amount_text

WHOLE = 10_000
"""100 % in basis points."""


@dataclass(frozen=True, slots=True)
class SaleDiscount:
    """The whole-sale discount as typed: an amount in centavos, or a percentage in basis
    points (kept as a percentage so it follows the cart as lines come and go)."""

    amount: int = 0
    percent_bps: int = 0

    def centavos(self, subtotal: int) -> int:
        """The discount on a subtotal (after line discounts), never more than the subtotal."""
        value = percent_of(subtotal, self.percent_bps) if self.percent_bps else self.amount
        return max(0, min(value, subtotal))

    def label(self, locale: str) -> str:
        if self.percent_bps:
            whole, part = divmod(self.percent_bps, 100)
            mark = "," if locale.startswith("pt") else "."
            return f"{whole}{mark}{part:02d} %" if part else f"{whole} %"
        return format_money(self.amount, locale)


class SaleDiscountDialog(QDialog):
    """How much off the whole sale: R$ or %, with what it comes to on this cart."""

    def __init__(
        self,
        subtotal: int,
        current: SaleDiscount | None,
        locale: str = "pt_BR",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("saleDiscountDialog")
        self.setWindowTitle(self.tr("Desconto na venda"))
        self.subtotal = subtotal
        self.lang = locale
        self.discount: SaleDiscount | None = current
        """What the dialog ended with: None removes the discount."""
        self.value = QLineEdit()
        self.value.setObjectName("saleDiscountValue")
        self.value.setPlaceholderText(amount_text(0, locale))
        self.as_percent = QRadioButton(self.tr("Porcentagem (%)"))
        self.as_percent.setObjectName("saleDiscountPercent")
        self.as_amount = QRadioButton(self.tr("Valor (R$)"))
        self.as_amount.setObjectName("saleDiscountAmount")
        self.as_percent.setChecked(True)
        if current is not None:
            if current.percent_bps:
                self.value.setText(_plain(current.percent_bps, locale))
            else:
                self.as_amount.setChecked(True)
                self.value.setText(_plain(current.amount, locale))
        self.preview = QLabel("")
        self.preview.setObjectName("saleDiscountPreview")
        limit = QLabel(
            self.tr("Acima de %1 do total pede a senha de um gerente.").replace(
                "%1", f"{DISCOUNT_LIMIT_BPS // 100} %"
            )
        )
        limit.setObjectName("saleDiscountLimit")
        limit.setWordWrap(True)
        self.error = QLabel("")
        self.error.setObjectName("saleDiscountError")
        self.error.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("Subtotal"), QLabel(format_money(subtotal, locale)))
        form.addRow(self.tr("Desconto"), self.value)
        form.addRow("", self.as_percent)
        form.addRow("", self.as_amount)
        form.addRow(self.tr("Fica"), self.preview)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("saleDiscountOk")
        self.remove_button = QPushButton(self.tr("Tirar desconto"))
        self.remove_button.setObjectName("saleDiscountRemove")
        self.remove_button.setEnabled(current is not None)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.remove_button.clicked.connect(self.remove)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(limit)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for signal in (self.value.textChanged, self.as_percent.toggled):
            signal.connect(self._update_preview)
        self._update_preview()

    def typed(self) -> SaleDiscount | None:
        """The discount as typed; ValueError when it is not one."""
        text = self.value.text().strip()
        if not text:
            return None
        number = parse_centavos(text)
        if number < 0:
            raise ValueError(text)
        if number == 0:
            return None
        if self.as_percent.isChecked():
            if number > WHOLE:
                raise ValueError(text)
            return SaleDiscount(percent_bps=number)
        if number > self.subtotal:
            raise ValueError(text)
        return SaleDiscount(amount=number)

    def _update_preview(self) -> None:
        try:
            discount = self.typed()
        except ValueError:
            self.preview.setText("—")
            return
        off = discount.centavos(self.subtotal) if discount else 0
        self.preview.setText(
            self.tr("%1 de desconto, total %2")
            .replace("%1", format_money(off, self.lang))
            .replace("%2", format_money(self.subtotal - off, self.lang))
        )

    def accept(self) -> None:
        try:
            self.discount = self.typed()
        except ValueError:
            if self.as_percent.isChecked():
                self.error.setText(self.tr("Informe uma porcentagem entre 0 e 100."))
            else:
                self.error.setText(
                    self.tr("Informe um valor até %1.").replace(
                        "%1", format_money(self.subtotal, self.lang)
                    )
                )
            return
        super().accept()

    def remove(self) -> None:
        self.discount = None
        super().accept()


def _plain(number: int, locale: str) -> str:
    """Centavos or basis points as typed back: 1000 -> '10', 1250 -> '12,50' ('12.50' in
    English)."""
    return amount_text(number, locale) if number % 100 else str(number // 100)
