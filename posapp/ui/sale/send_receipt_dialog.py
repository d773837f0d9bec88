"""Send a committed sale's receipt by e-mail or WhatsApp (Ctrl+E after a sale; Vendas).

Left blank, the address is the customer's on file. A refused address (its shape, a
channel the store has not set up) is said in the dialog, which stays open to fix it.
The receipt is queued off the GUI thread.
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
from posapp.ui.runner import Jobs


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
        self.jobs = Jobs(self, self._refused)
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

    def idle(self) -> bool:
        return self.jobs.idle()

    def send(self) -> None:
        """Queue the receipt on a worker thread (it renders the receipt and writes the
        outbox); the button waits for the answer, so a double click queues it once."""
        if not self.jobs.idle():
            return
        station, sale_id, staff_id = self.station, self.sale_id, self.staff_id
        channel, address = Channel(self.channel.currentData()), self.address.text()
        self.send_button.setEnabled(False)
        self.jobs.run(
            lambda: send_receipt(station, sale_id, channel, address, staff_id), self._sent
        )

    def _sent(self, sent: ReceiptSent) -> None:
        self.send_button.setEnabled(True)
        self.sent = sent
        self.on_sent(sent)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.send_button.setEnabled(True)
        self.problem.setText(
            error.message(self.lang) if isinstance(error, PosError) else str(error)
        )
        self.problem.setVisible(True)
