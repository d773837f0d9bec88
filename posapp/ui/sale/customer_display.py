"""The customer's screen: a second monitor facing the customer, when the PC has one.

No extra hardware: any monitor plugged into the counter's PC. It shows what the sale
screen holds, read every `POLL_MS`: the lines and the total while ringing up, who the
customer is with their balance and what the sale will earn, the Pix QR while a Pix
payment is on the cashier's screen, and after the sale the total paid, the change, the
cashback earned, the new balance and the QR of each voucher the sale issued.

`DisplayState` is what is shown, made from the sale screen by `state_of`; the window
only draws it, so a test gives it a state and a geometry without a second monitor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPixmap, QScreen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from posapp.core.money import format_money
from posapp.ui.sale.pix_dialog import PixDialog, qr_image
from posapp.ui.sale.screen import SaleScreen
from posapp.ui.widgets import named

POLL_MS = 300
QR_MODULE_PX = 8
MAX_LINES = 12
"""The last lines rung up (the newest at the bottom); older ones scroll away."""


@dataclass(frozen=True, slots=True)
class DisplayState:
    lines: tuple[tuple[str, int, int], ...] = ()
    """Name, quantity and the line's total in centavos."""
    total: int = 0
    customer: str | None = None
    balance: int | None = None
    """The customer's spendable cashback in centavos (in points, for a points program)."""
    earned: int | None = None
    """What this sale earns (before paying) or earned (after), as `balance` counts."""
    points: bool = False
    """The store's program counts in points."""
    paid: bool = False
    """The sale is paid: the total, change, earning and vouchers of the sale just made."""
    change: int = 0
    vouchers: tuple[tuple[str, int], ...] = ()
    """Each voucher the sale issued: its QR payload and its value."""
    pix: str | None = None
    """The Pix BR Code on the cashier's screen, waiting to be paid."""


def state_of(sale: SaleScreen) -> DisplayState:
    """What the customer should see of the sale screen now."""
    pix = next(
        (
            dialog.code_text
            for dialog in sale.findChildren(PixDialog)
            if dialog.isVisible() and dialog.code_text
        ),
        None,
    )
    rows = sale.model.rows
    if rows:
        lines = tuple(
            (
                row.item.name,
                row.quantity,
                row.net if row.net is not None else row.price * row.quantity - row.discount,
            )
            for row in rows
        )
        quote = sale.quote
        customer, account = sale.customer, sale.account
        points = quote is not None and quote.points
        balance = None
        if customer and account:
            balance = max(account.balance.spendable, 0) if points else account.spendable_value
        earned = None
        if customer and quote is not None:
            earned = quote.earn_units if points else quote.earn_value
        return DisplayState(
            lines=lines[-MAX_LINES:],
            total=quote.total if quote is not None else sum(line[2] for line in lines),
            customer=customer.name if customer else None,
            balance=balance,
            earned=earned,
            points=points,
            pix=pix,
        )
    result = sale.last_sale
    if result is None:
        return DisplayState()
    balance = None
    if result.customer:
        balance = result.spendable_value
        if result.points and result.balance is not None:
            balance = max(result.balance.spendable, 0)
    return DisplayState(
        total=result.total,
        customer=result.customer.name if result.customer else None,
        balance=balance,
        earned=result.earned if result.customer else None,
        points=result.points,
        paid=True,
        change=result.change,
        vouchers=tuple((v.qr, v.value) for v in result.vouchers_issued),
    )


def second_screen(screens: Sequence[QScreen], counter: QScreen | None) -> QScreen | None:
    """The monitor the customer faces: any screen but the counter's; None with one."""
    return next((screen for screen in screens if screen is not counter), None)


def _qr(text: str) -> QPixmap:
    return QPixmap.fromImage(qr_image(text, QR_MODULE_PX))


class CustomerDisplay(QWidget):
    """A frameless window filling the customer's monitor."""

    def __init__(self, store_name: str, locale: str) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("customerDisplay")
        self.setWindowTitle(self.tr("Tela do cliente"))
        self.setStyleSheet("#customerDisplay { background: #ffffff; }")
        self.lang = locale
        self.state = DisplayState()
        self.source: Callable[[], SaleScreen | None] = lambda: None
        self.store = named(QLabel(store_name), "displayStore")
        self.store.setStyleSheet("font-size: 28px; font-weight: bold; color: #14213d;")
        self.lines = named(QLabel(), "displayLines")
        self.lines.setStyleSheet("font-size: 24px;")
        self.lines.setWordWrap(True)
        self.lines.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.customer = named(QLabel(), "displayCustomer")
        self.customer.setStyleSheet("font-size: 24px; color: #00401f;")
        self.customer.setWordWrap(True)
        self.earned = named(QLabel(), "displayEarned")
        self.earned.setStyleSheet("font-size: 26px; font-weight: bold; color: #006b3c;")
        self.earned.setWordWrap(True)
        self.total = named(QLabel(), "displayTotal")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.total.setStyleSheet(
            "font-size: 56px; font-weight: bold; color: #ffffff; background: #14213d; "
            "padding: 8px 16px; border-radius: 6px;"
        )
        self.qr_caption = named(QLabel(), "displayQrCaption")
        self.qr_caption.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.qr_caption.setWordWrap(True)
        self.qr = named(QLabel(), "displayQr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side = QVBoxLayout()
        side.addWidget(self.customer)
        side.addWidget(self.earned)
        side.addWidget(self.qr_caption)
        side.addWidget(self.qr, 1)
        body = QHBoxLayout()
        body.addWidget(self.lines, 3)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.store)
        layout.addLayout(body, 1)
        layout.addWidget(self.total)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self.show_state(self.state)

    def follow(self, source: Callable[[], SaleScreen | None]) -> None:
        """Read the sale screen `source` gives (None: not built yet) every POLL_MS."""
        self.source = source
        self._timer.start()

    def place(self, geometry: QRect) -> None:
        """Fill `geometry` (the customer's monitor) and show."""
        self.setGeometry(geometry)
        self.show()

    def poll(self) -> None:
        sale = self.source()
        state = state_of(sale) if sale is not None else DisplayState()
        if state != self.state:
            self.show_state(state)

    def money(self, centavos: int) -> str:
        return format_money(centavos, self.lang)

    def _points(self, units: int) -> str:
        return self.tr("%n ponto(s)", "", units)

    def show_state(self, state: DisplayState) -> None:
        self.state = state
        if state.paid:
            self.lines.setText(self.tr("Obrigado pela preferência!"))
            total = self.tr("Total pago: %1").replace("%1", self.money(state.total))
            if state.change:
                total += "   " + self.tr("Troco: %1").replace("%1", self.money(state.change))
        elif state.lines:
            self.lines.setText(
                "\n".join(
                    f"{quantity} × {name}   {self.money(amount)}"
                    for name, quantity, amount in state.lines
                )
            )
            total = self.tr("Total: %1").replace("%1", self.money(state.total))
        else:
            self.lines.setText(self.tr("Bem-vindo!"))
            total = ""
        self.total.setText(total)
        self.total.setVisible(bool(total))
        customer = ""
        if state.customer:
            customer = state.customer
            if state.balance is not None and state.points:
                customer += "\n" + self.tr("Seu saldo de pontos: %1").replace(
                    "%1", self._points(state.balance)
                )
            elif state.balance is not None:
                customer += "\n" + self.tr("Seu saldo de cashback: %1").replace(
                    "%1", self.money(state.balance)
                )
        self.customer.setText(customer)
        earned = ""
        if state.earned and state.points:
            text = self.tr("Você ganhou %1") if state.paid else self.tr("Esta compra rende %1")
            earned = text.replace("%1", self._points(state.earned))
        elif state.earned:
            text = (
                self.tr("Você ganhou %1 de cashback")
                if state.paid
                else self.tr("Esta compra rende %1 de cashback")
            )
            earned = text.replace("%1", self.money(state.earned))
        self.earned.setText(earned)
        self._show_qr(state)

    def _show_qr(self, state: DisplayState) -> None:
        if state.pix and not state.paid:
            self.qr_caption.setText(
                self.tr("Pague com Pix: %1").replace("%1", self.money(state.total))
            )
            self.qr.setPixmap(_qr(state.pix))
        elif state.vouchers:
            payload, value = state.vouchers[0]
            self.qr_caption.setText(
                self.tr("Seu vale de %1: mostre este QR na próxima compra").replace(
                    "%1", self.money(value)
                )
            )
            self.qr.setPixmap(_qr(payload))
        else:
            self.qr_caption.setText("")
            self.qr.clear()


def open_customer_display(
    counter: QWidget, store_name: str, locale: str, source: Callable[[], SaleScreen | None]
) -> CustomerDisplay | None:
    """With a second monitor, the customer's screen on it, following the sale screen."""
    screen = second_screen(QGuiApplication.screens(), counter.screen())
    if screen is None:
        return None
    display = CustomerDisplay(store_name, locale)
    display.follow(source)
    display.place(screen.geometry())
    return display
