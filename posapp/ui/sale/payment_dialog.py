"""Pay a sale: cash (with change), debit, credit and PIX, cashback up to the cap, a voucher.

The dialog only gathers the tenders; the screen runs checkout and either
closes it (`finish`) or shows the refusal in it (`show_error`) so the cashier
can fix the amounts and try again. Amounts are typed as Brazilian money ("12,50").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posapp.core.money import format_money, parse_centavos
from posapp.core.pricing import Tender
from posapp.services.sales.checkout import TenderRequest
from posapp.services.sales.sale_reads import VoucherPreview
from posapp.ui.runner import run_in_background
from posapp.ui.sale.customer_dialogs import error_text

MONEY_TENDERS = (Tender.CASH, Tender.DEBIT, Tender.CREDIT, Tender.PIX)

VoucherCheck = Callable[[str], VoucherPreview]


class AmountError(ValueError):
    """An amount field that does not hold money."""


class PaymentDialog(QDialog):
    submitted = Signal(object)
    """The list of TenderRequest to check out with."""

    def __init__(
        self,
        total: int,
        redeem_cap: int,
        *,
        has_customer: bool,
        locale: str = "pt_BR",
        check_voucher: VoucherCheck | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.total = total
        self.redeem_cap = redeem_cap if has_customer else 0
        self.lang = locale
        self.check_voucher = check_voucher
        self.voucher_value = 0
        self.busy = False
        self.fields: dict[Tender, QLineEdit] = {}
        self.setObjectName("paymentDialog")
        self.setWindowTitle(self.tr("Pagamento"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)

        self.total_label = QLabel(self.tr("Total: %1").replace("%1", self.money(total)))
        self.total_label.setObjectName("paymentTotal")
        self.total_label.setStyleSheet("font-size: 22px; font-weight: bold;")
        layout.addWidget(self.total_label)

        form = QFormLayout()
        self.summary = QLabel()
        self.cashback = self._amount_field("cashback")
        if self.redeem_cap > 0:
            self.cashback.setText(self.money_input(self.redeem_cap))
            cap_text = self.tr("Cashback (até %1)").replace("%1", self.money(self.redeem_cap))
        else:
            self.cashback.setEnabled(has_customer)
            cap_text = self.tr("Cashback")
        form.addRow(cap_text, self.cashback)
        self.voucher = QLineEdit()
        self.voucher.setObjectName("voucher")
        self.voucher.setMinimumHeight(40)
        self.voucher.setPlaceholderText(self.tr("código ou QR do vale"))
        self.voucher.returnPressed.connect(self.check_voucher_now)
        self.voucher.textEdited.connect(self._voucher_edited)
        form.addRow(self.tr("Vale"), self.voucher)
        self.voucher_info = QLabel()
        self.voucher_info.setObjectName("voucherInfo")
        self.voucher_info.setWordWrap(True)
        form.addRow("", self.voucher_info)
        names = {
            Tender.CASH: self.tr("Dinheiro"),
            Tender.DEBIT: self.tr("Débito"),
            Tender.CREDIT: self.tr("Crédito"),
            Tender.PIX: self.tr("PIX"),
        }
        for tender in MONEY_TENDERS:
            field = self._amount_field(tender.value)
            self.fields[tender] = field
            form.addRow(names[tender], field)
        layout.addLayout(form)

        fill = QGridLayout()
        for number, tender in enumerate(MONEY_TENDERS):
            button = QPushButton(self.tr("Restante em %1").replace("%1", names[tender]))
            button.setObjectName(f"fill_{tender.value}")
            button.setMinimumHeight(48)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, t=tender: self.fill_remaining(t))
            fill.addWidget(button, number // 2, number % 2)
        layout.addLayout(fill)

        self.summary.setObjectName("paymentSummary")
        self.summary.setStyleSheet("font-size: 18px;")
        layout.addWidget(self.summary)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        layout.addWidget(self.error)

        row = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Esc Voltar"))
        self.cancel_button.setObjectName("cancelPayment")
        self.finish_button = QPushButton(self.tr("F10 Finalizar"))
        self.finish_button.setObjectName("finishPayment")
        for button in (self.cancel_button, self.finish_button):
            button.setMinimumHeight(56)
            button.setAutoDefault(False)
            row.addWidget(button)
        self.cancel_button.clicked.connect(self.reject)
        self.finish_button.clicked.connect(self.submit)
        layout.addLayout(row)
        QShortcut(QKeySequence(Qt.Key.Key_F10), self, self.submit)
        self.update_summary()

    # -- amounts -----------------------------------------------------------

    def money(self, centavos: int) -> str:
        return format_money(centavos, self.lang)

    def money_input(self, centavos: int) -> str:
        return f"{centavos // 100},{centavos % 100:02d}"

    def _amount_field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setMinimumHeight(40)
        field.setAlignment(Qt.AlignmentFlag.AlignRight)
        field.setPlaceholderText("0,00")
        field.textChanged.connect(lambda _text: self.update_summary())
        return field

    def amount(self, field: QLineEdit) -> int:
        text = field.text().strip()
        if not text:
            return 0
        try:
            value = parse_centavos(text)
        except ValueError:
            raise AmountError(text) from None
        if value < 0:
            raise AmountError(text)
        return value

    def paid(self) -> tuple[int, int]:
        """(money typed, cashback typed); AmountError for a field that is not money."""
        return sum(self.amount(f) for f in self.fields.values()), self.amount(self.cashback)

    def remaining(self) -> int:
        """What is still to pay (negative: change due)."""
        money, cashback = self.paid()
        return self.total - self.voucher_value - cashback - money

    def update_summary(self) -> None:
        try:
            remaining = self.remaining()
        except AmountError as error:
            self.summary.setText(self.tr("Valor inválido: %1").replace("%1", str(error)))
            return
        if remaining > 0:
            self.summary.setText(self.tr("Falta: %1").replace("%1", self.money(remaining)))
        elif remaining < 0:
            self.summary.setText(self.tr("Troco: %1").replace("%1", self.money(-remaining)))
        else:
            self.summary.setText(self.tr("Pagamento completo"))

    def fill_remaining(self, tender: Tender) -> None:
        try:
            remaining = self.remaining()
            current = self.amount(self.fields[tender])
        except AmountError as error:
            self.error.setText(self.tr("Valor inválido: %1").replace("%1", str(error)))
            return
        if remaining > 0:
            self.fields[tender].setText(self.money_input(current + remaining))

    # -- voucher -------------------------------------------------------------

    def _voucher_edited(self, _text: str) -> None:
        self.voucher_value = 0
        self.voucher_info.clear()
        self.update_summary()

    def check_voucher_now(self) -> None:
        offered = self.voucher.text().strip()
        if not offered or self.check_voucher is None:
            return
        check = self.check_voucher
        run_in_background(self, lambda: check(offered), self._voucher_ok, self._voucher_refused)

    def _voucher_ok(self, preview: VoucherPreview) -> None:
        self.voucher_value = preview.value
        self.voucher_info.setText(
            self.tr("Vale %1: %2")
            .replace("%1", preview.code)
            .replace("%2", self.money(preview.value))
        )
        self.error.clear()
        self.update_summary()

    def _voucher_refused(self, error: Exception) -> None:
        self.voucher_value = 0
        self.voucher_info.clear()
        self.error.setText(error_text(error, self.lang))
        self.update_summary()

    # -- finishing -----------------------------------------------------------

    def tenders(self) -> list[TenderRequest]:
        payments: list[TenderRequest] = []
        voucher = self.voucher.text().strip()
        if voucher:
            payments.append(TenderRequest(Tender.VOUCHER, voucher=voucher))
        cashback = self.amount(self.cashback)
        if cashback:
            payments.append(TenderRequest(Tender.CASHBACK, cashback))
        for tender, field in self.fields.items():
            value = self.amount(field)
            if value:
                payments.append(TenderRequest(tender, value))
        return payments

    def submit(self) -> None:
        if self.busy:
            return
        try:
            payments = self.tenders()
        except AmountError as error:
            self.error.setText(self.tr("Valor inválido: %1").replace("%1", str(error)))
            return
        self.error.clear()
        self.set_busy(True)
        self.submitted.emit(payments)

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.finish_button.setEnabled(not busy)
        self.finish_button.setText(self.tr("Finalizando…") if busy else self.tr("F10 Finalizar"))

    def show_error(self, text: str) -> None:
        """A refusal from checkout: nothing was written; fix and try again."""
        self.set_busy(False)
        self.error.setText(text)

    def finish(self) -> None:
        self.set_busy(False)
        self.accept()
