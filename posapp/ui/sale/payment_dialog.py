"""Pay a sale: cash (with change), debit, credit and PIX, cashback when chosen, a voucher.

The dialog only gathers the tenders; the screen runs checkout and either
closes it (`finish`) or shows the refusal in it (`show_error`) so the cashier
can fix the amounts and try again. It checks while the cashier types with
checkout's own rules and messages (the cashback cap, the balance, only cash
gives change), so "Pagamento completo" is never said of a payment checkout
would refuse. Cashback is never filled in for the cashier: "Usar cashback
R$ X?" is one key (F2). Quick-cash keys put the exact amount, or the next
R$ 10 / R$ 50 / R$ 100, in Dinheiro; Enter finishes.

"CPF na nota?": a customer with a CPF gets a box with it masked, checked (her CPF goes on
the NFC-e and NFS-e, as before); the cashier unchecks it (F4) when she says no. Being named
on the note is her choice: a CPF given to the loyalty program is no consent to have her
purchases reported under it (LGPD). No CPF, no box.

What the purchase will earn is the services' quote for the tenders typed
(`EarnCheck`): cashback and vouchers spent do not earn, and the line says so.
Amounts are typed and shown in the counter's language ("53,80" / "53.80").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
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

from posapp.core.cpf import mask_cpf
from posapp.core.errors import (
    CashbackAboveBalance,
    CashbackAboveCap,
    CustomerRequired,
    PaymentOver,
    PosError,
)
from posapp.core.money import format_money, parse_centavos
from posapp.core.pricing import Tender
from posapp.services.sales.checkout import TenderRequest
from posapp.services.sales.quote import Quote
from posapp.services.sales.sale_reads import VoucherPreview
from posapp.ui.runner import run_in_background
from posapp.ui.sale.amounts import amount_text, round_up
from posapp.ui.sale.customer_dialogs import error_text

MONEY_TENDERS = (Tender.CASH, Tender.DEBIT, Tender.CREDIT, Tender.PIX)
QUICK_CASH = (
    (Qt.Key.Key_F5, 0, "cashExact"),
    (Qt.Key.Key_F6, 1_000, "cash10"),
    (Qt.Key.Key_F7, 5_000, "cash50"),
    (Qt.Key.Key_F8, 10_000, "cash100"),
)
"""(key, the note the cash is rounded up to, object name); 0 is the exact amount."""
USE_CASHBACK_KEY = Qt.Key.Key_F2
CPF_ON_NOTE_KEY = Qt.Key.Key_F4
EARN_DELAY_MS = 120

VoucherCheck = Callable[[str], VoucherPreview]
EarnCheck = Callable[[int], Quote]
"""The quote of this cart when cashback and vouchers pay the given centavos."""
CompleteTenders = Callable[
    [QWidget, list[TenderRequest], Callable[[list[TenderRequest]], None], Callable[[str], None]],
    None,
]
"""(parent, tenders, proceed, back): card details and the Pix QR before checkout
(posapp/ui/sale/tender_details.py); `back(text)` returns to this dialog."""


CAPTION_WIDTH = 220
"""The cashback caption's width: "Cashback (saldo R$ 1.234,56, até …)" on three lines."""


@dataclass(frozen=True, slots=True)
class CashbackLimits:
    """The attached customer's cashback for this sale, as checkout will check it."""

    cap: int
    """The most the program lets cashback pay of this purchase."""
    available: int
    """The customer's spendable balance, in centavos."""
    points: bool = False
    """The program counts in points (paid here by their value in money)."""

    @property
    def usable(self) -> int:
        return min(self.cap, self.available)

    @classmethod
    def of(cls, quote: Quote) -> CashbackLimits:
        return cls(cap=quote.cashback_cap, available=quote.spendable_value, points=quote.points)


class AmountError(ValueError):
    """An amount field that does not hold money."""


def _big(label: QLabel, size: int, colours: str) -> QLabel:
    label.setStyleSheet(
        f"font-size: {size}px; font-weight: bold; padding: 4px 10px; border-radius: 4px; " + colours
    )
    return label


class _Line(QLabel):
    """A wrapped line of text that takes no room while it says nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setVisible(False)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")


class PaymentDialog(QDialog):
    submitted = Signal(object)
    """The list of TenderRequest to check out with."""

    def __init__(
        self,
        total: int,
        cashback: CashbackLimits | None,
        *,
        locale: str = "pt_BR",
        check_voucher: VoucherCheck | None = None,
        earn_for: EarnCheck | None = None,
        earn_now: Quote | None = None,
        cpf: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """`cashback` is None without a customer; `earn_now` is the cart's quote paid in
        money (what the purchase earns before any cashback or voucher is typed); `cpf` is
        the customer's ("": none, and no "CPF na nota" box)."""
        super().__init__(parent)
        self.total = total
        self.limits = cashback
        self.lang = locale
        self.check_voucher = check_voucher
        self.earn_for = earn_for
        self.earn_quote = earn_now
        self.voucher_value = 0
        self.busy = False
        self.complete_tenders: CompleteTenders | None = None
        self._earn_generation = 0
        self.fields: dict[Tender, QLineEdit] = {}
        self.quick: dict[int, QPushButton] = {}
        self.setObjectName("paymentDialog")
        self.setWindowTitle(self.tr("Pagamento"))
        # the quick-cash keys' amounts are set after the layout: room for "F5 Exato
        # R$ 1.234,56" and three more on one row, still inside a 1024 px screen
        self.setMinimumWidth(820)
        layout = QVBoxLayout(self)

        self.total_label = _big(
            QLabel(self.tr("Total: %1").replace("%1", self.money(total))),
            34,
            "color: #ffffff; background: #14213d;",
        )
        self.total_label.setObjectName("paymentTotal")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.total_label)

        self.use_cashback = QPushButton()
        self.use_cashback.setObjectName("useCashback")
        self.use_cashback.setMinimumHeight(52)
        self.use_cashback.setAutoDefault(False)
        self.use_cashback.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.use_cashback.setStyleSheet(
            "font-size: 18px; font-weight: bold; background: #fff3c4; color: #3d2c00;"
        )
        self.use_cashback.clicked.connect(self.toggle_cashback)
        self.use_cashback.setVisible(self.usable_cashback() > 0)

        form = QFormLayout()
        self.cashback = self._amount_field("cashback")
        self.cashback.setEnabled(cashback is not None)
        cashback_row = QHBoxLayout()
        cashback_row.addWidget(self.cashback, 1)
        cashback_row.addWidget(self.use_cashback)
        caption = QLabel(self._cashback_caption())
        caption.setObjectName("cashbackCaption")
        caption.setWordWrap(True)
        caption.setFixedWidth(CAPTION_WIDTH)  # a wrapped label's own hint is too narrow
        caption.ensurePolished()  # the style sheet's font, to measure the wrapped lines
        lines = caption.fontMetrics().boundingRect(
            0, 0, CAPTION_WIDTH, 10_000, Qt.TextFlag.TextWordWrap, caption.text()
        )
        caption.setMinimumHeight(lines.height() + 4)  # never cut in a short form row
        form.addRow(caption, cashback_row)
        self.voucher = QLineEdit()
        self.voucher.setObjectName("voucher")
        self.voucher.setMinimumHeight(40)
        self.voucher.setPlaceholderText(self.tr("código ou QR do vale"))
        self.voucher.returnPressed.connect(self.check_voucher_now)
        self.voucher.textEdited.connect(self._voucher_edited)
        form.addRow(self.tr("Vale"), self.voucher)
        self.voucher_info = _Line()
        self.voucher_info.setObjectName("voucherInfo")
        form.addRow("", self.voucher_info)
        names = self.tender_names()
        for tender in MONEY_TENDERS:
            field = self._amount_field(tender.value)
            self.fields[tender] = field
            form.addRow(names[tender], field)
        layout.addLayout(form)

        cash_keys = QHBoxLayout()
        for key, step, name in QUICK_CASH:
            button = QPushButton()
            button.setObjectName(name)
            button.setMinimumHeight(52)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet("font-size: 15px; font-weight: bold;")
            button.clicked.connect(lambda _=False, s=step: self.quick_cash(s))
            cash_keys.addWidget(button)
            self.quick[step] = button
            QShortcut(QKeySequence(key), self, lambda s=step: self.quick_cash(s))
        layout.addLayout(cash_keys)

        fill = QGridLayout()
        for number, tender in enumerate(MONEY_TENDERS[1:]):
            button = QPushButton(self.tr("Restante em %1").replace("%1", names[tender]))
            button.setObjectName(f"fill_{tender.value}")
            button.setMinimumHeight(44)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, t=tender: self.fill_remaining(t))
            fill.addWidget(button, 0, number)
        layout.addLayout(fill)

        self.summary = QLabel()
        self.summary.setObjectName("paymentSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.earn_label = QLabel()
        self.earn_label.setObjectName("paymentEarns")
        self.earn_label.setWordWrap(True)
        self.earn_label.setStyleSheet("font-size: 16px; color: #00522d; font-weight: bold;")
        self.earn_label.setVisible(cashback is not None)
        layout.addWidget(self.earn_label)
        self.cpf_box: QCheckBox | None = None
        if cpf:
            self.cpf_box = QCheckBox(
                self.tr("F4 CPF na nota (%1)").replace("%1", mask_cpf(cpf)), self
            )
            self.cpf_box.setObjectName("cpfOnNote")
            self.cpf_box.setChecked(True)  # as before: the cashier unchecks it on a no
            self.cpf_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter stays "Finalizar"
            self.cpf_box.setStyleSheet("font-size: 16px; font-weight: bold;")
            layout.addWidget(self.cpf_box)
            QShortcut(QKeySequence(CPF_ON_NOTE_KEY), self, self.cpf_box.toggle)
        self.error = _Line()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020; font-size: 16px; font-weight: bold;")
        layout.addWidget(self.error)

        row = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Esc Voltar"))
        self.cancel_button.setObjectName("cancelPayment")
        self.finish_button = QPushButton(self.tr("Enter Finalizar"))
        self.finish_button.setObjectName("finishPayment")
        for button in (self.cancel_button, self.finish_button):
            button.setMinimumHeight(56)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(button)
        self.finish_button.setStyleSheet(
            "font-size: 18px; font-weight: bold; background: #1b7f3b; color: white;"
        )
        self.cancel_button.clicked.connect(self.reject)
        self.finish_button.clicked.connect(self.submit)
        layout.addLayout(row)
        QShortcut(QKeySequence(Qt.Key.Key_F10), self, self.submit)
        QShortcut(QKeySequence(USE_CASHBACK_KEY), self, self.toggle_cashback)

        self._earn_timer = QTimer(self)
        self._earn_timer.setSingleShot(True)
        self._earn_timer.setInterval(EARN_DELAY_MS)
        self._earn_timer.timeout.connect(self._requote)
        self.fields[Tender.CASH].setFocus()
        self.update_summary()
        self._show_earn()

    # -- amounts -----------------------------------------------------------

    def tender_names(self) -> dict[Tender, str]:
        return {
            Tender.CASH: self.tr("Dinheiro"),
            Tender.DEBIT: self.tr("Débito"),
            Tender.CREDIT: self.tr("Crédito"),
            Tender.PIX: self.tr("PIX"),
        }

    def money(self, centavos: int) -> str:
        return format_money(centavos, self.lang)

    def money_input(self, centavos: int) -> str:
        return amount_text(centavos, self.lang)

    def _cashback_caption(self) -> str:
        if self.limits is None:
            return self.tr("Cashback")
        caption = (
            self.tr("Pontos (saldo %1, até %2 nesta compra)")
            if self.limits.points
            else self.tr("Cashback (saldo %1, até %2 nesta compra)")
        )
        return caption.replace("%1", self.money(self.limits.available)).replace(
            "%2", self.money(self.limits.cap)
        )

    def _amount_field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setMinimumHeight(40)
        field.setAlignment(Qt.AlignmentFlag.AlignRight)
        field.setPlaceholderText(self.money_input(0))
        field.setStyleSheet("font-size: 18px;")
        field.textChanged.connect(lambda _text: self._amounts_changed())
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

    def voucher_applied(self) -> int:
        """What the checked voucher pays of this sale (a voucher never gives change)."""
        return min(self.voucher_value, self.total)

    def paid(self) -> tuple[int, int]:
        """(money typed, cashback typed); AmountError for a field that is not money."""
        return sum(self.amount(f) for f in self.fields.values()), self.amount(self.cashback)

    def remaining(self) -> int:
        """What is still to pay (negative: change due)."""
        money, cashback = self.paid()
        return self.total - self.voucher_applied() - cashback - money

    def usable_cashback(self) -> int:
        """The most cashback may pay here: the cap, the balance, what the voucher leaves."""
        if self.limits is None:
            return 0
        return max(min(self.limits.usable, self.total - self.voucher_applied()), 0)

    def problem(self) -> str | None:
        """What checkout would refuse in these amounts, in its own words (None: nothing)."""
        try:
            money, cashback = self.paid()
        except AmountError as error:
            return self.tr("Valor inválido: %1").replace("%1", str(error))
        refusal: PosError | None = None
        after_voucher = self.total - self.voucher_applied()
        if cashback and self.limits is None:
            refusal = CustomerRequired()
        elif self.limits is not None and cashback > self.limits.cap:
            refusal = CashbackAboveCap(cap_centavos=self.limits.cap, asked_centavos=cashback)
        elif self.limits is not None and cashback > self.limits.available:
            refusal = CashbackAboveBalance(
                asked_centavos=cashback, available_centavos=self.limits.available
            )
        elif cashback > after_voucher:
            refusal = PaymentOver(excess_centavos=cashback - after_voucher)
        else:
            non_cash = money - self.amount(self.fields[Tender.CASH]) + cashback
            non_cash += self.voucher_applied()
            if non_cash > self.total:
                refusal = PaymentOver(excess_centavos=non_cash - self.total)
        return refusal.message(self.lang) if refusal is not None else None

    def _amounts_changed(self) -> None:
        self.update_summary()
        if self.earn_for is not None and self.limits is not None:
            self._earn_timer.start()

    def update_summary(self) -> None:
        problem = self.problem()
        self._update_keys()
        if problem is not None:
            self.summary.setText(problem)
            _big(self.summary, 18, "color: #ffffff; background: #b00020;")
            return
        remaining = self.remaining()
        if remaining > 0:
            self.summary.setText(self.tr("Falta: %1").replace("%1", self.money(remaining)))
            _big(self.summary, 26, "color: #14213d; background: #e8ecf4;")
        elif remaining < 0:
            self.summary.setText(self.tr("Troco: %1").replace("%1", self.money(-remaining)))
            _big(self.summary, 34, "color: #ffffff; background: #0b6b2e;")
        else:
            self.summary.setText(self.tr("Pagamento completo"))
            _big(self.summary, 26, "color: #ffffff; background: #0b6b2e;")

    def _update_keys(self) -> None:
        """The cashback question and the quick-cash amounts for what is now due."""
        usable = self.usable_cashback()
        try:
            typed = self.amount(self.cashback)
        except AmountError:
            typed = 0
        points = self.limits is not None and self.limits.points
        if typed:
            text = (
                self.tr("F2 Não usar pontos (%1)")
                if points
                else self.tr("F2 Não usar cashback (%1)")
            )
            self.use_cashback.setText(text.replace("%1", self.money(typed)))
        else:
            text = self.tr("F2 Usar pontos %1?") if points else self.tr("F2 Usar cashback %1?")
            self.use_cashback.setText(text.replace("%1", self.money(usable)))
        self.use_cashback.setVisible(usable > 0 or typed > 0)
        due = self.due_in_cash()
        for step, button in self.quick.items():
            key = {0: "F5", 1_000: "F6", 5_000: "F7", 10_000: "F8"}[step]
            if due is None or due <= 0:
                button.setText(key)
                button.setEnabled(False)
                continue
            button.setEnabled(True)
            amount = round_up(due, step)
            if step == 0:
                text = self.tr("%1 Exato %2").replace("%1", key)
                button.setText(text.replace("%2", self.money(amount)))
            else:
                button.setText(f"{key} {self.money(amount)}")

    def due_in_cash(self) -> int | None:
        """What cash must cover once the other tenders are counted (None: a field is bad)."""
        try:
            money, cashback = self.paid()
            cash = self.amount(self.fields[Tender.CASH])
        except AmountError:
            return None
        return self.total - self.voucher_applied() - cashback - (money - cash)

    def quick_cash(self, step: int) -> None:
        """Dinheiro = what is due (step 0) or the next multiple of the note."""
        due = self.due_in_cash()
        if due is None or due <= 0:
            return
        self.fields[Tender.CASH].setText(self.money_input(round_up(due, step)))
        self.fields[Tender.CASH].setFocus()

    def toggle_cashback(self) -> None:
        """F2: use the most cashback allowed here, or, when some is typed, none."""
        if self.limits is None:
            return
        try:
            typed = self.amount(self.cashback)
        except AmountError:
            typed = 0
        if typed:
            self.cashback.clear()
            return
        usable = self.usable_cashback()
        if usable > 0:
            self.cashback.setText(self.money_input(usable))

    def fill_remaining(self, tender: Tender) -> None:
        try:
            remaining = self.remaining()
            current = self.amount(self.fields[tender])
        except AmountError as error:
            self.error.setText(self.tr("Valor inválido: %1").replace("%1", str(error)))
            return
        if remaining > 0:
            self.fields[tender].setText(self.money_input(current + remaining))

    # -- what the purchase earns ----------------------------------------------

    def loyalty_paid(self) -> int | None:
        try:
            cashback = self.amount(self.cashback)
        except AmountError:
            return None
        return min(cashback + self.voucher_applied(), self.total)

    def _requote(self) -> None:
        paid = self.loyalty_paid()
        earn_for = self.earn_for
        if paid is None or earn_for is None:
            return
        if self.earn_quote is not None and self.earn_quote.loyalty_paid == paid:
            self._show_earn()
            return
        self._earn_generation += 1
        generation = self._earn_generation
        run_in_background(
            self,
            lambda: earn_for(paid),
            lambda found: self._earn_found(generation, found),
            lambda _error: None,
            busy=False,
        )

    def _earn_found(self, generation: int, found: Quote) -> None:
        if generation == self._earn_generation:
            self.earn_quote = found
            self._show_earn()

    def earn_pending(self) -> bool:
        """The earn line is not yet for the amounts typed (for tests and the screen)."""
        paid = self.loyalty_paid()
        return self.earn_quote is None or (
            paid is not None and self.earn_quote.loyalty_paid != paid
        )

    def _show_earn(self) -> None:
        found = self.earn_quote
        if found is None or self.limits is None:
            self.earn_label.clear()
            return
        earn = (
            self.tr("%n ponto(s)", "", found.earn_units)
            if found.points
            else self.money(found.earn_value)
        )
        text = self.tr("Esta compra rende %1").replace("%1", earn)
        try:
            cashback = self.amount(self.cashback)
        except AmountError:
            cashback = 0
        voucher = self.voucher_applied()
        if found.loyalty_paid and cashback and voucher:
            text += (
                self.tr(": os pontos e o vale usados não rendem")
                if found.points
                else self.tr(": o cashback e o vale usados não rendem")
            )
        elif found.loyalty_paid and cashback:
            text += (
                self.tr(": os pontos usados não rendem")
                if found.points
                else self.tr(": o cashback usado não rende")
            )
        elif found.loyalty_paid and voucher:
            text += self.tr(": o vale usado não rende")
        self.earn_label.setText(text)

    # -- voucher -------------------------------------------------------------

    def _voucher_edited(self, _text: str) -> None:
        self.voucher_value = 0
        self.voucher_info.clear()
        self._amounts_changed()

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
        self._amounts_changed()
        self.fields[Tender.CASH].setFocus()

    def _voucher_refused(self, error: Exception) -> None:
        self.voucher_value = 0
        self.voucher_info.clear()
        self.error.setText(error_text(error, self.lang))
        self._amounts_changed()

    # -- finishing -----------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter finishes, from any field but the voucher's (there it checks the voucher)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.focusWidget() is not self.voucher:
                self.submit()
            event.accept()
            return
        super().keyPressEvent(event)

    def cpf_on_note(self) -> bool:
        """The customer's CPF goes on the NFC-e (True, as before, when there is no box)."""
        return self.cpf_box is None or self.cpf_box.isChecked()

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
        """Hand the tenders to checkout, unless what is typed is already known to fail."""
        if self.busy:
            return
        problem = self.problem()
        if problem is not None:
            self.error.setText(problem)
            return
        remaining = self.remaining()
        voucher_unchecked = bool(self.voucher.text().strip()) and not self.voucher_value
        if remaining > 0 and not voucher_unchecked:
            self.error.setText(self.tr("Falta: %1").replace("%1", self.money(remaining)))
            return
        self.error.clear()
        self.set_busy(True)
        if self.complete_tenders is not None:
            self.complete_tenders(self, self.tenders(), self.submitted.emit, self.show_error)
            return
        self.submitted.emit(self.tenders())

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.finish_button.setEnabled(not busy)
        self.finish_button.setText(self.tr("Finalizando…") if busy else self.tr("Enter Finalizar"))

    def show_error(self, text: str) -> None:
        """A refusal from checkout: nothing was written; fix and try again."""
        self.set_busy(False)
        self.error.setText(text)

    def finish(self) -> None:
        self.set_busy(False)
        self.accept()
