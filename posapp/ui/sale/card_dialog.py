"""A card tender's details at checkout: brand, instalments, NSU/DOC, authorisation,
acquirer, integrated (TEF) or not; typed, or read from the card machine's slip pasted in.

The details are checked by `payments.card` as the cashier presses OK: a refusal is said
in the dialog (pt_BR/en) and nothing goes to checkout until they are right.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from payments.card import BRANDS, MAX_INSTALMENTS, CardDetails, CardKind, card_details, read_slip
from payments.errors import PaymentError
from posapp.core.money import format_money
from posapp.core.pricing import Tender
from posapp.core.tender_names import tender_name
from posapp.services.payments.settings import acquirer_label
from posapp.ui.widgets import named

INTEGRATED, STAND_ALONE = "1", "2"


class CardDialog(QDialog):
    """`card` holds the checked details once the dialog is accepted."""

    def __init__(
        self,
        tender: Tender,
        amount: int,
        acquirers: dict[str, str],
        *,
        locale: str = "pt_BR",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = CardKind.DEBIT if tender is Tender.DEBIT else CardKind.CREDIT
        self.acquirers = acquirers
        self.lang = locale
        self.card: CardDetails | None = None
        self.setObjectName("cardDialog")
        self.setWindowTitle(
            self.tr("Dados do cartão: %1 %2")
            .replace("%1", tender_name(tender.value, locale))
            .replace("%2", format_money(amount, locale))
        )
        self.slip = named(QPlainTextEdit(), "cardSlip")
        self.slip.setPlaceholderText(self.tr("Cole ou digite o comprovante da maquininha"))
        self.slip.setMaximumHeight(90)
        self.read_button = named(QPushButton(self.tr("Ler comprovante")), "cardReadSlip")
        self.read_button.clicked.connect(self.read_slip)
        self.brand = named(QComboBox(), "cardBrand")
        for code, name in BRANDS.items():
            self.brand.addItem(f"{code} {name}", code)
        self.instalments = named(QSpinBox(), "cardInstalments")
        self.instalments.setRange(1, MAX_INSTALMENTS if self.kind is CardKind.CREDIT else 1)
        self.nsu = named(QLineEdit(), "cardNsu")
        self.doc = named(QLineEdit(), "cardDoc")
        self.authorization = named(QLineEdit(), "cardAuthorization")
        self.acquirer = named(QComboBox(), "cardAcquirer")
        self.acquirer.addItem(self.tr("(não informada)"), "")
        for name, cnpj in acquirers.items():
            self.acquirer.addItem(acquirer_label(name, cnpj), cnpj)
        self.integration = named(QComboBox(), "cardIntegration")
        self.integration.addItem(self.tr("Maquininha avulsa (tpIntegra 2)"), STAND_ALONE)
        self.integration.addItem(self.tr("TEF / POS integrado (tpIntegra 1)"), INTEGRATED)
        self.error = named(QLabel(""), "error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")

        form = QFormLayout()
        form.addRow(self.tr("Comprovante"), self.slip)
        form.addRow("", self.read_button)
        form.addRow(self.tr("Bandeira"), self.brand)
        form.addRow(self.tr("Parcelas"), self.instalments)
        form.addRow(self.tr("NSU"), self.nsu)
        form.addRow(self.tr("DOC"), self.doc)
        form.addRow(self.tr("Autorização"), self.authorization)
        form.addRow(self.tr("Credenciadora"), self.acquirer)
        form.addRow(self.tr("Integração"), self.integration)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def read_slip(self) -> None:
        """Fill the fields from the slip; what it lacks stays for the cashier to type."""
        try:
            found = read_slip(self.slip.toPlainText(), acquirers=self.acquirers)
        except PaymentError as error:
            self.error.setText(error.message(self.lang))
            return
        self.error.clear()
        self.brand.setCurrentIndex(max(self.brand.findData(found.brand), 0))
        self.instalments.setValue(found.instalments if self.kind is CardKind.CREDIT else 1)
        self.nsu.setText(found.nsu or "")
        self.doc.setText(found.doc or "")
        self.authorization.setText(found.authorization or "")
        self.acquirer.setCurrentIndex(max(self.acquirer.findData(found.acquirer_cnpj or ""), 0))

    def details(self) -> CardDetails:
        """The typed details, checked (PaymentError with the field named)."""
        return card_details(
            self.kind,
            str(self.brand.currentData()),
            authorization=self.authorization.text(),
            nsu=self.nsu.text(),
            doc=self.doc.text(),
            acquirer_cnpj=str(self.acquirer.currentData()) or None,
            instalments=self.instalments.value(),
            integration=str(self.integration.currentData()),
        )

    def submit(self) -> None:
        try:
            self.card = self.details()
        except PaymentError as error:
            self.error.setText(error.message(self.lang))
            return
        self.accept()
