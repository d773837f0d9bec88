"""Pix at checkout: the QR for the amount, then "Pago" or the PSP's own word.

Static (the store's key, no PSP): the BR Code for the amount with a txid of this sale,
as a QR and as "copia e cola" text; the cashier looks at the customer's app and
presses "Pago" (F10). The sale records the txid.

Dynamic (the PSP's API Pix configured): the charge is recorded and created at the PSP
off the GUI thread, its QR shown, and the PSP polled (also off the GUI thread) until it
says CONCLUIDA: the dialog then closes by itself with the paid tender and the sale
completes. Time up, or "Outra forma de pagamento" (Esc), cancels the charge and goes
back to the other tenders; money that still arrives for it is surfaced in Gerência >
Pagamentos for a manager to return, never taken for this sale.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future

import qrcode
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from payments.pix_flow import PendingCharge, Phase, PixOutcome
from posapp.core.money import format_money
from posapp.services.common.station import Station
from posapp.services.payments.dynamic_pix import DynamicPix, paid_tender
from posapp.services.payments.static_pix import StaticCode, static_code
from posapp.services.payments.tenders import PixTender
from posapp.services.sales.printing import PrintOutcome
from posapp.ui.runner import run_in_background
from posapp.ui.sale.customer_dialogs import error_text
from posapp.ui.widgets import named

QR_MODULE_PX = 6
PRINT_TIMEOUT_S = 60.0


def qr_image(text: str, module_px: int = QR_MODULE_PX) -> QImage:
    """The BR Code as a black-on-white QR with its quiet zone."""
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix) * module_px
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(
                    x * module_px, y * module_px, module_px, module_px, QColor("black")
                )
    painter.end()
    return image


class PixDialog(QDialog):
    """`tender` holds the paid Pix once the dialog is accepted."""

    def __init__(
        self,
        station: Station,
        amount: int,
        staff_id: int | None,
        *,
        dynamic: bool,
        locale: str = "pt_BR",
        timeout_s: float | None = None,
        poll_interval_s: float | None = None,
        print_code: Callable[[StaticCode], Future[PrintOutcome]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`print_code` prints a static code for the customer (None: no printer button);
        a paper that did not come out is said in the dialog."""
        super().__init__(parent)
        self.print_code = print_code
        self.station = station
        self.amount = amount
        self.staff_id = staff_id
        self.dynamic = dynamic
        self.lang = locale
        self.timeout_s = timeout_s
        self.poll_interval_s = poll_interval_s
        self.tender: PixTender | None = None
        self.code_text = ""
        self.outcome: PixOutcome | None = None
        self._static: StaticCode | None = None
        self._pix: DynamicPix | None = None
        self._pending: PendingCharge | None = None
        self._stop = False
        self._charge_open = dynamic
        """From the request to create the charge until its outcome (or a failed start)."""
        self.setObjectName("pixDialog")
        self.setWindowTitle(self.tr("Pix"))
        self.setMinimumWidth(420)

        layout = QVBoxLayout(self)
        amount_label = named(QLabel(format_money(amount, locale)), "pixAmount")
        amount_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        amount_label.setStyleSheet("font-size: 30px; font-weight: bold;")
        layout.addWidget(amount_label)
        self.qr = named(QLabel(), "pixQr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(260, 260)
        layout.addWidget(self.qr)
        self.copy_paste = named(QLineEdit(), "pixCopyPaste")
        self.copy_paste.setReadOnly(True)
        layout.addWidget(self.copy_paste)
        self.state = named(QLabel(self.tr("Gerando o QR Pix…")), "pixState")
        self.state.setWordWrap(True)
        self.state.setStyleSheet("font-size: 16px;")
        layout.addWidget(self.state)

        row = QHBoxLayout()
        self.back_button = named(QPushButton(self.tr("Esc Outra forma de pagamento")), "pixBack")
        self.paid_button = named(QPushButton(self.tr("F10 Pago")), "pixPaid")
        self.paid_button.setStyleSheet(
            "font-size: 18px; font-weight: bold; background: #1b7f3b; color: white;"
        )
        for button in (self.back_button, self.paid_button):
            button.setMinimumHeight(52)
            button.setAutoDefault(False)
            row.addWidget(button)
        self.print_button = named(QPushButton(self.tr("Imprimir QR")), "pixPrint")
        self.print_button.setMinimumHeight(52)
        self.print_button.setAutoDefault(False)
        self.print_button.setVisible(not dynamic and print_code is not None)
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_static)
        row.insertWidget(1, self.print_button)
        self.paid_button.setVisible(not dynamic)
        self.paid_button.setEnabled(False)
        self.back_button.clicked.connect(self.reject)
        self.paid_button.clicked.connect(self.confirm_paid)
        QShortcut(QKeySequence(Qt.Key.Key_F10), self, self.confirm_paid)
        layout.addLayout(row)
        if dynamic:
            self._start_charge()
        else:
            self._make_static()

    # -- static ----------------------------------------------------------------------

    def _make_static(self) -> None:
        station, amount = self.station, self.amount
        run_in_background(
            self, lambda: static_code(station, amount), self._static_ready, self._failed
        )

    def _static_ready(self, code: StaticCode) -> None:
        self._static = code
        self._show_code(code.text)
        self.state.setText(
            self.tr("Confira o Pix no aplicativo do cliente e pressione Pago. txid %1").replace(
                "%1", code.txid
            )
        )
        self.paid_button.setEnabled(True)
        self.print_button.setEnabled(True)

    def print_static(self) -> None:
        if self._static is None or self.print_code is None:
            return
        printing = self.print_code(self._static)
        self.print_button.setEnabled(False)
        run_in_background(
            self,
            lambda: printing.result(timeout=PRINT_TIMEOUT_S),
            self._printed,
            self._print_failed,
        )

    def _printed(self, outcome: PrintOutcome) -> None:
        self.print_button.setEnabled(True)
        if not outcome.printed:
            self._say_error(outcome.error(self.lang) or "")

    def _print_failed(self, error: Exception) -> None:
        self.print_button.setEnabled(True)
        self._say_error(error_text(error, self.lang))

    def confirm_paid(self) -> None:
        """The cashier's word that the static Pix arrived."""
        if self.dynamic or self._static is None:
            return
        self.tender = PixTender(self._static.txid)
        self.accept()

    # -- dynamic ---------------------------------------------------------------------

    def _start_charge(self) -> None:
        station, amount, staff_id = self.station, self.amount, self.staff_id
        timeout_s, poll = self.timeout_s, self.poll_interval_s

        def start() -> tuple[DynamicPix, PendingCharge]:
            pix = DynamicPix.open(station, timeout_s=timeout_s, poll_interval_s=poll)
            try:
                return pix, pix.start(amount, staff_id)
            except Exception:
                pix.close()
                raise

        run_in_background(self, start, self._charge_ready, self._failed)

    def _charge_ready(self, started: tuple[DynamicPix, PendingCharge]) -> None:
        self._pix, self._pending = started
        pix, pending = started
        self._show_code(pending.qr_text or "")
        if self._stop:  # the cashier left while the charge was being created
            run_in_background(self, lambda: pix.give_up(pending), self._ended, self._failed)
            return
        self.state.setText(self.tr("Aguardando o pagamento…"))
        run_in_background(
            self,
            lambda: pix.wait(pending, should_stop=lambda: self._stop),
            self._ended,
            self._failed,
            busy=False,
        )

    def _ended(self, outcome: PixOutcome) -> None:
        self.outcome = outcome
        self._charge_open = False
        self._close_client()
        self.state.setText(outcome.message(self.lang))
        if outcome.phase is Phase.PAID:
            self.tender = paid_tender(outcome)
            # Closed from the event loop, not inside the worker's answer (Qt crashed so).
            QTimer.singleShot(0, self.accept)
            return
        if self._stop:  # the cashier chose another tender: the charge is cancelled
            QTimer.singleShot(0, self.reject)
            return
        self.back_button.setText(self.tr("Voltar às formas de pagamento"))
        self.back_button.setEnabled(True)

    # -- common ----------------------------------------------------------------------

    def _show_code(self, text: str) -> None:
        self.code_text = text
        self.copy_paste.setText(text)
        if text:
            self.qr.setPixmap(QPixmap.fromImage(qr_image(text)))

    def _say_error(self, text: str) -> None:
        self.state.setText(text)
        self.state.setStyleSheet("font-size: 16px; color: #b00020; font-weight: bold;")

    def _failed(self, error: Exception) -> None:
        self._say_error(error_text(error, self.lang))
        pix, pending = self._pix, self._pending
        if pix is not None and pending is not None and pending.outcome is None:
            run_in_background(self, lambda: pix.give_up(pending), self._ended, self._unsettled)
        else:
            self._charge_open = False
            self._close_client()
        self.back_button.setEnabled(True)

    def _unsettled(self, error: Exception) -> None:
        """The cancel did not get through either: Gerência > Pagamentos checks it later."""
        self._charge_open = False
        self._close_client()
        self.state.setText(error_text(error, self.lang))
        self.back_button.setEnabled(True)

    def _close_client(self) -> None:
        if self._pix is not None:
            self._pix.close()
            self._pix = None

    def reject(self) -> None:
        """Back to the other tenders. An open charge is cancelled first; the dialog closes
        when the PSP's answer is in (a payment in the meantime is surfaced, not taken)."""
        if self._charge_open:
            if not self._stop:
                self._stop = True
                self.state.setText(self.tr("Cancelando a cobrança Pix…"))
                self.back_button.setEnabled(False)
            return
        self._close_client()
        super().reject()
