"""What the payment dialog asks before checkout: each card tender's details, then the Pix.

`TenderDetails` is the payment dialog's `complete_tenders` hook: given the tenders typed,
it opens, one after the other, the card dialog for each debit/credit tender (when the
store asks card details, Gerência > Pagamentos) and the Pix dialog for a Pix tender
(static or dynamic, as the store has set Pix up; without a key, Pix stays a plain
tender), then hands the completed tenders on. Leaving any of them goes back to the
payment dialog with nothing sent.

A Pix already paid in this payment dialog (checkout refused something else, the
cashier fixed it) is reused for the same amount, never charged again; tenders that
leave it out or change its amount are refused with a sentence saying so (the customer
would have been asked to pay a second time). The upkeep leaves it alone until the
payment dialog closes (`let_go`), however long the fix takes.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import replace

from PySide6.QtWidgets import QDialog, QWidget

from posapp.core.pricing import Tender
from posapp.services.common.station import Station
from posapp.services.payments.dynamic_pix import hold, let_go
from posapp.services.payments.errors import PixAlreadyPaid
from posapp.services.payments.settings import PaymentSettings, load_payment_settings
from posapp.services.payments.static_pix import StaticCode, code_slip
from posapp.services.payments.tenders import PixTender
from posapp.services.sales.checkout import TenderRequest
from posapp.services.sales.printing import PrintOutcome, PrintService
from posapp.ui.runner import run_in_background
from posapp.ui.sale.card_dialog import CardDialog
from posapp.ui.sale.customer_dialogs import error_text
from posapp.ui.sale.pix_dialog import PixDialog

Proceed = Callable[[list[TenderRequest]], None]
CARD_TENDERS = (Tender.DEBIT, Tender.CREDIT)


class TenderDetails:
    def __init__(
        self,
        station: Station,
        staff_id: Callable[[], int | None],
        *,
        locale: str = "pt_BR",
        pix_timeout_s: float | None = None,
        pix_poll_interval_s: float | None = None,
        printing: PrintService | None = None,
    ) -> None:
        """`printing`: where "Imprimir QR" prints a static code (None: no such button)."""
        self.station = station
        self.printing = printing
        self.staff_id = staff_id
        self.lang = locale
        self.pix_timeout_s = pix_timeout_s
        self.pix_poll_interval_s = pix_poll_interval_s
        self.paid_pix: tuple[int, PixTender] | None = None
        """(amount, tender) of a Pix paid in this payment dialog and not yet in a sale."""
        self.open_dialog: QDialog | None = None
        self._back: Callable[[str], None] = lambda _text: None

    def __call__(
        self,
        parent: QWidget,
        tenders: list[TenderRequest],
        proceed: Proceed,
        refused: Callable[[str], None],
    ) -> None:
        station = self.station
        self._back = refused
        paid = self.paid_pix
        if paid is not None and not any(
            t.tender is Tender.PIX and t.amount == paid[0] for t in tenders
        ):
            refused(error_text(PixAlreadyPaid(amount_centavos=paid[0]), self.lang))
            return
        run_in_background(
            parent,
            lambda: load_payment_settings(station),
            lambda settings: self._next(parent, settings, list(tenders), 0, proceed),
            lambda error: refused(error_text(error, self.lang)),
        )

    def _needs(self, settings: PaymentSettings, tender: TenderRequest) -> bool:
        if tender.tender in CARD_TENDERS:
            return settings.ask_card_details and tender.card is None and tender.amount > 0
        if tender.tender is Tender.PIX:
            ready = settings.static_ready or settings.dynamic_ready
            return ready and tender.pix is None and tender.amount > 0
        return False

    def _next(
        self,
        parent: QWidget,
        settings: PaymentSettings,
        tenders: list[TenderRequest],
        start: int,
        proceed: Proceed,
    ) -> None:
        # Cards first, Pix last: a dynamic Pix completes the sale as soon as it is paid.
        order = sorted(range(len(tenders)), key=lambda i: tenders[i].tender is Tender.PIX)
        for index in order:
            if order.index(index) < start or not self._needs(settings, tenders[index]):
                continue
            tender = tenders[index]
            position = order.index(index)

            def done(
                completed: TenderRequest, index: int = index, position: int = position
            ) -> None:
                tenders[index] = completed
                self._next(parent, settings, tenders, position + 1, proceed)

            if tender.tender is Tender.PIX:
                self._ask_pix(parent, settings, tender, done)
            else:
                self._ask_card(parent, settings, tender, done)
            return
        proceed(tenders)

    def _ask_card(
        self,
        parent: QWidget,
        settings: PaymentSettings,
        tender: TenderRequest,
        done: Callable[[TenderRequest], None],
    ) -> None:
        dialog = CardDialog(
            tender.tender, tender.amount, settings.acquirer_table(), locale=self.lang, parent=parent
        )
        self._show(dialog, lambda: done(replace(tender, card=dialog.card)))

    def _ask_pix(
        self,
        parent: QWidget,
        settings: PaymentSettings,
        tender: TenderRequest,
        done: Callable[[TenderRequest], None],
    ) -> None:
        if self.paid_pix is not None and self.paid_pix[0] == tender.amount:
            done(replace(tender, pix=self.paid_pix[1]))
            return
        dialog = PixDialog(
            self.station,
            tender.amount,
            self.staff_id(),
            dynamic=settings.dynamic_ready,
            locale=self.lang,
            timeout_s=self.pix_timeout_s,
            poll_interval_s=self.pix_poll_interval_s,
            print_code=self._print_code if self.printing is not None else None,
            parent=parent,
        )

        def paid() -> None:
            assert dialog.tender is not None
            if dialog.tender.dynamic:
                self.paid_pix = (tender.amount, dialog.tender)
                hold(dialog.tender.txid)
            done(replace(tender, pix=dialog.tender))

        self._show(dialog, paid)

    def let_go(self) -> None:
        """The payment dialog closed (the sale made, or left): a paid Pix no sale took is
        the upkeep's again, to return."""
        if self.paid_pix is not None:
            let_go(self.paid_pix[1].txid)
            self.paid_pix = None

    def _print_code(self, code: StaticCode) -> Future[PrintOutcome]:
        printing = self.printing
        assert printing is not None
        return printing.print_now(code_slip(code, self.lang, printing.settings.paper_mm))

    def _show(self, dialog: QDialog, accepted: Callable[[], None]) -> None:
        self.open_dialog = dialog

        def finished(result: int) -> None:
            self.open_dialog = None
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted.value:
                accepted()
            else:
                self._back(dialog.state.text() if isinstance(dialog, PixDialog) else "")

        dialog.finished.connect(finished)
        dialog.open()
