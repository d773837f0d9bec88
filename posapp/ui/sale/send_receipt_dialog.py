"""Send a committed sale's receipt by e-mail or WhatsApp (Ctrl+E after a sale; Vendas).

Left blank, the address is the customer's on file. A refused address (its shape, a
channel the store has not set up) is said in the dialog, which stays open to fix it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from posapp.core.errors import PosError
from posapp.core.messages import Channel
from posapp.services.common.station import Station
from posapp.services.invoices.receipt_message import ReceiptSent, send_receipt


class SendReceiptDialog(QDialog):
    def __init__(
        self,
        station: Station,
        sale_id: int,
        sale_number: int,
        staff_id: int,
        locale: str,
        parent: QWidget | None = None,
        on_sent: Callable[[ReceiptSent], None] = lambda _sent: None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sendReceiptDialog")
        self.station, self.sale_id, self.staff_id, self.lang = station, sale_id, staff_id, locale
        self.on_sent = on_sent
        self.sent: ReceiptSent | None = None
        self.setWindowTitle(
            self.tr("Enviar comprovante da venda nº %1").replace("%1", f"{sale_number:06d}")
        )
        self.channel = QComboBox()
        self.channel.setObjectName("receiptChannel")
        self.channel.addItem(self.tr("E-mail"), Channel.EMAIL.value)
        self.channel.addItem(self.tr("WhatsApp"), Channel.WHATSAPP.value)
        self.channel.currentIndexChanged.connect(self._channel_changed)
        self.address = QLineEdit()
        self.address.setObjectName("receiptAddress")
        self.problem = QLabel()
        self.problem.setObjectName("receiptProblem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("Enviar por"), self.channel)
        form.addRow(self.tr("Para"), self.address)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = buttons.addButton(
            self.tr("Enviar"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.send_button.setObjectName("receiptSend")
        buttons.accepted.connect(self.send)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._channel_changed()

    def _channel_changed(self) -> None:
        if self.channel.currentData() == Channel.EMAIL.value:
            hint = self.tr("nome@exemplo.com.br (em branco: o do cadastro)")
        else:
            hint = self.tr("(11) 91234-5678 (em branco: o do cadastro)")
        self.address.setPlaceholderText(hint)

    def send(self) -> None:
        try:
            sent = send_receipt(
                self.station,
                self.sale_id,
                Channel(self.channel.currentData()),
                self.address.text(),
                self.staff_id,
            )
        except PosError as refused:
            self.problem.setText(refused.message(self.lang))
            self.problem.setVisible(True)
            return
        self.sent = sent
        self.on_sent(sent)
        self.accept()
