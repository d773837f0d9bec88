"""Vendas: the sales of a day, one sale's receipt and lines; reprint, return items, cancel.

The list shows today's sales by default; a date picker moves to another day and
the number box finds one sale on any day. Choosing a sale shows its lines (with
what already came back of each), payments, refunds so far and the receipt as it
printed. After a refund or a void its receipt ("Comprovante de devolução",
"Cancelamento de venda") goes to the print queue at once; "Imprimir comprovante"
prints a refund's receipt again (the one chosen when a sale has several).
Returning items and cancelling a sale are a manager's decisions: the
dialog asks what and why, then `ask_pin` (a plain function tests replace) asks
for the manager's PIN, and the refund service decides. A refusal (a cashier's
PIN, a sale already returned) is shown in pt_BR and changes nothing; a refund
shows plainly what goes back in money and in cashback.

Every service call runs off the GUI thread through `run_in_background`; dialogs
open with `.open()`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, Qt
from PySide6.QtGui import QIntValidator, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posapp.core.errors import PosError
from posapp.core.pricing import Tender
from posapp.core.program import ProgramMode
from posapp.core.tender_names import tender_name
from posapp.services.common.auth import StaffRef
from posapp.services.common.store_info import store_info
from posapp.services.invoices.paper import danfe_pdf
from posapp.services.nfse.cancelling import void_sale
from posapp.services.nfse.paper import danfse_pdf
from posapp.services.payments.sale_pix_refund import (
    DONE,
    PROCESSING,
    TO_SEND,
    PixReturn,
    return_now,
)
from posapp.services.payments.tenders import pix_line
from posapp.services.sales import refunds
from posapp.services.sales.history import SaleDetail, SaleSummary, recent_sales, sale_detail
from posapp.services.sales.printing import SALE, PrintOutcome
from posapp.services.sales.refunds import VOID, RefundRequest, RefundResult
from posapp.ui.context import UiContext
from posapp.ui.dialogs.manager_pin import ask_manager_pin
from posapp.ui.fit import scrolling
from posapp.ui.formatting import moment, money
from posapp.ui.runner import Jobs
from posapp.ui.sale.send_receipt_dialog import SendReceiptDialog
from posapp.ui.sales.dialogs import ReturnItemsDialog, VoidDialog
from posapp.ui.sales.models import SaleLinesModel, SalesTableModel, sale_number, status_name
from posapp.ui.widgets import named as _named
from posapp.ui.widgets import read_only_table, show_message

T = TypeVar("T")
AskPin = Callable[[QWidget | None, str], str | None]

PRINT_TIMEOUT_S = 60.0


def error_text(error: Exception, locale: str) -> str:
    if isinstance(error, PosError):
        return error.message(locale)
    return str(error) or type(error).__name__


class SalesScreen(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("salesScreen")
        self.context = context
        self.station = context.station
        self.lang, self.zone = context.locale, context.settings.timezone
        self.ask_pin: AskPin = ask_manager_pin
        self.ask_save_path: Callable[[QWidget, str], str] = _ask_save_path
        """Where to save the DANFE PDF (a file dialog; tests replace it)."""
        """Asks for the manager's PIN (a blocking dialog); replaceable."""
        self.sale_id: int | None = None
        self.detail: SaleDetail | None = None
        self.last_result: RefundResult | None = None
        self.return_dialog: ReturnItemsDialog | None = None
        self.void_dialog: VoidDialog | None = None
        self.jobs = Jobs(self, self._failed)
        self._list_generation = 0
        self._detail_generation = 0
        self._acting = False

        self.model = SalesTableModel(self, self.lang, self.zone)
        self.lines_model = SaleLinesModel(self, self.lang, self.zone)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._list_panel())
        self.detail_stack = _named(QStackedWidget(), "saleDetailStack")
        hint = _named(QLabel(self.tr("Escolha uma venda na lista")), "saleHint")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_stack.addWidget(hint)
        self.detail_stack.addWidget(self._detail_panel())
        splitter.addWidget(scrolling(self.detail_stack))
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([520, 760])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(splitter)

        self.date_edit.dateChanged.connect(self._day_changed)
        self.number_box.returnPressed.connect(self.load)
        self.number_box.textChanged.connect(self._number_edited)
        self.search_button.clicked.connect(self.load)
        self.today_button.clicked.connect(self.show_today)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.reprint_button.clicked.connect(self.reprint)
        self.return_button.clicked.connect(self.return_items)
        self.void_button.clicked.connect(self.void_sale)
        self.refund_print_button.clicked.connect(self.print_refund_receipt)
        context.events.sale_committed.connect(self._sale_committed)
        self._update_buttons()

    # -- building ------------------------------------------------------------------

    def _list_panel(self) -> QWidget:
        panel = QWidget()
        panel.setMinimumWidth(360)
        title = _named(QLabel(self.tr("Vendas")), "screenTitle")
        self.date_edit = _named(QDateEdit(), "salesDay")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setDate(self._qdate(self.today()))
        self.today_button = _named(QPushButton(self.tr("Hoje")), "salesToday")
        self.number_box = _named(QLineEdit(), "saleNumberSearch")
        self.number_box.setPlaceholderText(self.tr("Nº da venda"))
        self.number_box.setValidator(QIntValidator(1, 999_999_999, self.number_box))
        self.number_box.setClearButtonEnabled(True)
        self.search_button = _named(QPushButton(self.tr("Buscar")), "saleNumberButton")
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(QLabel(self.tr("Dia")))
        filters.addWidget(self.date_edit)
        filters.addWidget(self.today_button)
        filters.addSpacing(16)
        filters.addWidget(self.number_box, 1)
        filters.addWidget(self.search_button)
        self.list_status = _named(QLabel(""), "salesStatus")
        self.table = _table("salesTable", self.model)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setStretchLastSection(False)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.list_status)
        layout.addWidget(self.table, 1)
        return panel

    def _detail_panel(self) -> QWidget:
        panel = _named(QFrame(), "saleDetailPanel")
        self.sale_title = _named(QLabel(""), "saleTitle")
        self.sale_info = _named(QLabel(""), "saleInfo")
        self.sale_info.setWordWrap(True)
        self.lines_table = _table("saleLinesTable", self.lines_model)
        self.lines_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines_table.horizontalHeader().setStretchLastSection(False)
        self.payments_label = _named(QLabel(""), "salePayments")
        self.payments_label.setWordWrap(True)
        self.refunds_label = _named(QLabel(""), "saleRefunds")
        self.refunds_label.setWordWrap(True)
        self.refund_choice = _named(QComboBox(), "refundChoice")
        self.refund_choice.setToolTip(self.tr("Qual devolução imprimir"))
        self.refund_print_button = _named(
            QPushButton(self.tr("Imprimir comprovante")), "refundPrintButton"
        )
        self.refund_print_button.setToolTip(
            self.tr("Imprime de novo o comprovante de devolução ou de cancelamento")
        )
        refund_row = QHBoxLayout()
        refund_row.setSpacing(10)
        refund_row.addWidget(self.refund_choice, 1)
        refund_row.addWidget(self.refund_print_button)
        self.refund_row = _named(QWidget(), "refundPrintRow")
        self.refund_row.setLayout(refund_row)
        refund_row.setContentsMargins(0, 0, 0, 0)

        self.reprint_button = _named(QPushButton(self.tr("Reimprimir")), "reprintButton")
        self.return_button = _named(QPushButton(self.tr("Devolver itens")), "returnButton")
        self.void_button = _named(QPushButton(self.tr("Cancelar venda")), "voidButton")
        self.send_button = _named(QPushButton(self.tr("Enviar comprovante")), "sendReceiptButton")
        self.send_button.setToolTip(self.tr("O comprovante por e-mail ou WhatsApp"))
        self.send_button.clicked.connect(self.send_receipt)
        self.danfe_pdf_button = _named(QPushButton(self.tr("DANFE em PDF")), "danfePdfButton")
        self.danfe_pdf_button.setToolTip(self.tr("Uma cópia da NFC-e da venda, em PDF"))
        self.danfe_pdf_button.clicked.connect(self.save_danfe_pdf)
        self.danfse_pdf_button = _named(QPushButton(self.tr("DANFSe em PDF")), "danfsePdfButton")
        self.danfse_pdf_button.setToolTip(self.tr("A NFS-e dos serviços da venda, em PDF"))
        self.danfse_pdf_button.clicked.connect(self.save_danfse_pdf)
        for button in (self.return_button, self.void_button):
            button.setToolTip(self.tr("Só com a senha de um gerente"))
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        for button in (
            self.reprint_button,
            self.send_button,
            self.return_button,
            self.void_button,
            self.danfe_pdf_button,
            self.danfse_pdf_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.message = _named(QLabel(""), "salesMessage")
        self.message.setWordWrap(True)
        self.result_label = _named(QLabel(""), "refundResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(self.sale_title)
        left.addWidget(self.sale_info)
        left.addWidget(self.lines_table, 1)
        left.addWidget(self.payments_label)
        left.addWidget(self.refunds_label)
        left.addWidget(self.refund_row)
        left.addLayout(buttons)
        left.addWidget(self.message)
        left.addWidget(self.result_label)

        self.preview = _named(QLabel(self.tr("Carregando o cupom…")), "salePreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(320)

        layout = QHBoxLayout(panel)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(16)
        layout.addLayout(left, 3)
        layout.addWidget(scroll, 2)
        return panel

    # -- small helpers -------------------------------------------------------------

    def today(self) -> date:
        return self.station.now().astimezone(ZoneInfo(self.zone)).date()

    @staticmethod
    def _qdate(day: date) -> QDate:
        return QDate(day.year, day.month, day.day)

    def chosen_day(self) -> date:
        picked = self.date_edit.date()
        return date(picked.year(), picked.month(), picked.day())

    def number(self) -> int | None:
        text = self.number_box.text().strip()
        return int(text) if text.isdigit() else None

    def idle(self) -> bool:
        """No background call of this screen is under way (for tests and shutdown)."""
        return self.jobs.idle()

    def _failed(self, error: Exception) -> None:
        self.say(error_text(error, self.lang), error=True)

    def say(self, text: str, *, error: bool = False) -> None:
        """A message in the screen (not a modal) and on the status bar."""
        show_message(self.message, text, error=error)
        if text:
            self.context.events.status.emit(text)

    def money(self, centavos: int) -> str:
        return money(centavos, self.lang)

    def _staff(self) -> StaffRef | None:
        staff = self.context.staff
        if staff is None:
            self.say(self.tr("Entre com seu PIN primeiro."), error=True)
        return staff

    def _update_buttons(self) -> None:
        detail = self.detail
        self.reprint_button.setEnabled(detail is not None)
        self.send_button.setEnabled(detail is not None)
        self.refund_print_button.setEnabled(detail is not None and bool(detail.refunds))
        self.return_button.setEnabled(detail is not None and detail.refundable and not self._acting)
        self.void_button.setEnabled(detail is not None and detail.voidable and not self._acting)

    # -- the list ------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.load()

    def show_today(self) -> None:
        self.number_box.clear()
        today = self._qdate(self.today())
        if self.date_edit.date() == today:
            self.load()
        else:
            self.date_edit.setDate(today)  # dateChanged loads

    def _day_changed(self, _day: QDate) -> None:
        self.number_box.blockSignals(True)
        self.number_box.clear()
        self.number_box.blockSignals(False)
        self.load()

    def _number_edited(self, text: str) -> None:
        if not text.strip():
            self.load()  # back to the day's list

    def _sale_committed(self, _sale_id: int) -> None:
        if self.isVisible():
            self.load()

    def load(self) -> None:
        """List the sale with the number typed (any day) or else the chosen day's sales."""
        number = self.number()
        day = None if number is not None else self.chosen_day()
        self._list_generation += 1
        generation = self._list_generation
        station, zone = self.station, self.zone
        self.jobs.run(
            lambda: recent_sales(station, day=day, number=number, timezone=zone),
            lambda rows: self._listed(generation, number, rows),
        )

    def _listed(self, generation: int, number: int | None, rows: list[SaleSummary]) -> None:
        if generation != self._list_generation:
            return  # a newer listing was asked for
        self.model.set_rows(rows)
        count = len(rows)
        if number is not None:
            self.list_status.setText(
                self.tr("Nenhuma venda com o número %1").replace("%1", str(number))
                if not rows
                else self.tr("Venda nº %1").replace("%1", sale_number(number))
            )
        elif not rows:
            self.list_status.setText(self.tr("Nenhuma venda neste dia"))
        else:
            self.list_status.setText(self.tr("%n venda(s)", "", count))
        keep = self.model.row_of(self.sale_id) if self.sale_id is not None else None
        if keep is None and number is not None and count == 1:
            keep = 0
        if keep is not None:
            self.table.selectRow(keep)  # shows (again) the sale, with what changed
        else:
            self.clear_sale()

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.show_sale(self.model.row_at(current.row()).id)

    # -- one sale ------------------------------------------------------------------

    def clear_sale(self) -> None:
        self._detail_generation += 1
        self.sale_id = None
        self.detail = None
        self.lines_model.set_rows([])
        self.detail_stack.setCurrentIndex(0)
        self._update_buttons()

    def show_sale(self, sale_id: int) -> None:
        """Read the sale and render its receipt, both off the GUI thread."""
        if sale_id != self.sale_id:
            self.result_label.setText("")
            self.say("")
        self.sale_id = sale_id
        self._detail_generation += 1
        generation = self._detail_generation
        station, printing = self.station, self.context.printing
        self.jobs.run(
            lambda: sale_detail(station, sale_id),
            lambda detail: self._show_detail(generation, detail),
        )
        self.jobs.run(
            lambda: printing.preview_png(SALE, sale_id),
            lambda png: self._show_preview(generation, png),
            lambda error: self._preview_failed(generation, error),
        )

    def _show_detail(self, generation: int, detail: SaleDetail) -> None:
        if generation != self._detail_generation:
            return
        self.detail = detail
        summary = detail.summary
        self.sale_title.setText(
            self.tr("Venda nº %1 · %2")
            .replace("%1", sale_number(summary.number))
            .replace("%2", status_name(summary.status))
        )
        self.sale_info.setText(
            self.tr("%1 · cliente: %2 · atendente: %3 · total %4")
            .replace("%1", moment(summary.created_at, self.lang, self.zone))
            .replace("%2", summary.customer_name or "—")
            .replace("%3", summary.staff_name)
            .replace("%4", self.money(summary.total))
        )
        self.lines_model.set_rows(detail.lines)
        paid = ", ".join(
            f"{tender_name(p.tender, self.lang)}"
            + (f" {p.voucher_code}" if p.voucher_code else "")
            + f" {self.money(p.amount)}"
            + (f" ({' · '.join(p.card.receipt_lines(self.lang))})" if p.card else "")
            + (f" ({pix_line(p.pix, self.lang)})" if p.pix else "")
            for p in detail.payments
        )
        self.payments_label.setText(self.tr("Pagamento: %1").replace("%1", paid or "—"))
        self.refunds_label.setText(self.refunds_text(detail))
        self.refunds_label.setVisible(bool(detail.refunds))
        self._list_refunds(detail)
        self.detail_stack.setCurrentIndex(1)
        self._update_buttons()

    def refunds_text(self, detail: SaleDetail) -> str:
        lines = []
        for done in detail.refunds:
            what = self.tr("Cancelamento") if done.kind == VOID else self.tr("Devolução")
            lines.append(
                self.tr("%1 em %2: %3 devolvidos (%4; autorizado por %5)")
                .replace("%1", what)
                .replace("%2", moment(done.created_at, self.lang, self.zone))
                .replace("%3", self.money(done.money_back))
                .replace("%4", done.reason)
                .replace("%5", done.authorized_by)
            )
        return "\n".join(lines)

    def _list_refunds(self, detail: SaleDetail) -> None:
        """The sale's refunds in the chooser, newest first; the chooser only when several."""
        self.refund_choice.clear()
        for done in sorted(detail.refunds, key=lambda r: r.id, reverse=True):
            what = self.tr("Cancelamento") if done.kind == VOID else self.tr("Devolução")
            label = (
                f"{what} {moment(done.created_at, self.lang, self.zone)} · "
                f"{self.money(done.goods_amount)}"
            )
            self.refund_choice.addItem(label, done.id)
        self.refund_row.setVisible(bool(detail.refunds))
        self.refund_choice.setVisible(len(detail.refunds) > 1)

    def _show_preview(self, generation: int, png: bytes) -> None:
        if generation != self._detail_generation:
            return
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.preview.setPixmap(pixmap)

    def _preview_failed(self, generation: int, error: Exception) -> None:
        if generation != self._detail_generation:
            return
        self.preview.setPixmap(QPixmap())
        self.preview.setText(
            self.tr("Não foi possível mostrar o cupom: %1").replace(
                "%1", error_text(error, self.lang)
            )
        )

    # -- reprint -------------------------------------------------------------------

    def reprint(self) -> None:
        if self.detail is None:
            return
        try:
            future = self.context.printing.print_sale(self.detail.id)
        except Exception as error:  # the queue itself could not be written
            self.say(error_text(error, self.lang), error=True)
            return
        self.reprint_button.setEnabled(False)
        self.say(self.tr("Reimprimindo o cupom…"))
        self.jobs.run(
            lambda: future.result(timeout=PRINT_TIMEOUT_S), self._printed, self._print_failed
        )

    def send_receipt(self) -> None:
        staff = self._staff()
        if self.detail is None or staff is None:
            return
        dialog = SendReceiptDialog(
            self.station,
            self.detail.id,
            self.detail.summary.number,
            staff.id,
            self.lang,
            self,
            on_sent=lambda sent: self.say(
                self.tr("Comprovante na fila para %1.").replace("%1", sent.to)
            ),
        )
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.send_dialog = dialog
        dialog.open()

    def save_danfse_pdf(self) -> None:
        """The sale's DANFSe (the NFS-e of its services) as a PDF file."""
        issuer = self.context.nfse_issuer
        if self.detail is None or issuer is None:
            self.say(self.tr("Esta venda não tem NFS-e"), error=True)
            return
        number = sale_number(self.detail.summary.number)
        path = self.ask_save_path(self, f"danfse-venda-{number}.pdf")
        if not path:
            return
        sale_id = self.detail.id

        def write() -> Path:
            Path(path).write_bytes(danfse_pdf(issuer, sale_id))
            return Path(path)

        self.jobs.run(
            write,
            lambda done: self.say(self.tr("DANFSe salvo em %1").replace("%1", str(done))),
            lambda error: self.say(error_text(error, self.lang), error=True),
        )

    def save_danfe_pdf(self) -> None:
        """The sale's DANFE NFC-e as a PDF file (a copy on demand; nothing else changes)."""
        invoicer = self.context.invoicer
        if self.detail is None or invoicer is None:
            self.say(self.tr("Esta venda não tem NFC-e"), error=True)
            return
        number = sale_number(self.detail.summary.number)
        path = self.ask_save_path(self, f"danfe-venda-{number}.pdf")
        if not path:
            return
        sale_id, settings = self.detail.id, self.context.settings

        def write() -> Path:
            Path(path).write_bytes(danfe_pdf(invoicer, sale_id, settings))
            return Path(path)

        self.jobs.run(
            write,
            lambda done: self.say(self.tr("DANFE salvo em %1").replace("%1", str(done))),
            lambda error: self.say(error_text(error, self.lang), error=True),
        )

    def print_refund_receipt(self) -> None:
        """Print the chosen refund's receipt again (it changes nothing but the print queue)."""
        refund_id = self.refund_choice.currentData()
        if self.detail is None or not isinstance(refund_id, int):
            return
        self.refund_print_button.setEnabled(False)
        self.say(self.tr("Imprimindo o comprovante…"))
        self._print_refund(refund_id, quiet=False)

    def _print_refund(self, refund_id: int, *, quiet: bool) -> None:
        """Queue a refund's receipt; `quiet` keeps the refund's headline on screen when it
        prints (the status bar says so), and shows only a failure."""
        try:
            future = self.context.printing.print_refund(refund_id)
        except Exception as error:  # the queue itself could not be written
            self.say(error_text(error, self.lang), error=True)
            self._update_buttons()
            return
        self.jobs.run(
            lambda: future.result(timeout=PRINT_TIMEOUT_S),
            lambda outcome: self._refund_printed(outcome, quiet),
            self._print_failed,
        )

    def _refund_printed(self, outcome: PrintOutcome, quiet: bool) -> None:
        if outcome.printed and quiet:
            self._update_buttons()
            self.context.events.status.emit(self.tr("Comprovante impresso"))
            self.context.events.printer_state.emit(True, "")
            return
        self._printed(outcome, self.tr("Comprovante impresso"))

    def _printed(self, outcome: PrintOutcome, done: str | None = None) -> None:
        self._update_buttons()
        missing = outcome.missing(self.lang)
        if outcome.printed and missing:
            self.say(
                self.tr("Cupom impresso, mas falta nota fiscal: %1").replace("%1", missing),
                error=True,
            )
            self.context.events.printer_state.emit(True, "")
        elif outcome.printed:
            self.say(done or self.tr("Cupom reimpresso"))
            self.context.events.printer_state.emit(True, "")
        else:
            reason = outcome.error(self.lang) or ""
            self.say(
                self.tr("Não imprimiu: %1 (o cupom ficou na fila)").replace("%1", reason),
                error=True,
            )
            self.context.events.printer_state.emit(False, reason)

    def _print_failed(self, error: Exception) -> None:
        self._update_buttons()
        reason = error_text(error, self.lang)
        self.say(
            self.tr("Não imprimiu: %1 (o cupom ficou na fila)").replace("%1", reason), error=True
        )
        self.context.events.printer_state.emit(False, reason)

    # -- returning items -----------------------------------------------------------

    def return_items(self) -> None:
        if self.detail is None or not self.detail.refundable:
            return
        self.return_dialog = ReturnItemsDialog(self.detail, self.lang, self)
        self.return_dialog.accepted.connect(self._return_accepted)
        self.return_dialog.open()

    def _return_accepted(self) -> None:
        dialog = self.return_dialog
        if dialog is None:
            return
        detail = dialog.detail
        staff = self._staff()
        if staff is None:
            return
        number = sale_number(detail.summary.number)
        pin = self.ask_pin(self, self.tr("devolução na venda nº %1").replace("%1", number))
        if not pin:
            self.say(self.tr("Devolução cancelada"))
            return
        request = RefundRequest(
            sale_id=detail.id,
            staff_id=staff.id,
            manager_pin=pin,
            reason=dialog.reason.text().strip(),
            lines=dialog.quantities(),
        )
        station = self.station
        self._act(self.tr("Devolvendo…"), lambda: (refunds.refund(station, request), ""), detail)

    # -- cancelling a sale ---------------------------------------------------------

    def void_sale(self) -> None:
        if self.detail is None or not self.detail.voidable:
            return
        self.void_dialog = VoidDialog(self.detail, self.lang, self)
        self.void_dialog.accepted.connect(self._void_accepted)
        self.void_dialog.open()

    def _void_accepted(self) -> None:
        dialog = self.void_dialog
        if dialog is None or self.detail is None:
            return
        detail = self.detail
        staff = self._staff()
        if staff is None:
            return
        number = sale_number(detail.summary.number)
        pin = self.ask_pin(self, self.tr("cancelar a venda nº %1").replace("%1", number))
        if not pin:
            self.say(self.tr("Cancelamento não autorizado"))
            return
        reason = dialog.reason.text().strip()
        station, staff_id, sale_id = self.station, staff.id, detail.id
        invoicer, issuer, lang = self.context.invoicer, self.context.nfse_issuer, self.lang

        def call() -> tuple[RefundResult, str]:
            done = void_sale(station, invoicer, issuer, sale_id, staff_id, pin, reason)
            return done.void, done.message(lang)

        self._act(self.tr("Cancelando a venda…"), call, detail)

    # -- what came of it -----------------------------------------------------------

    def _act(
        self, text: str, call: Callable[[], tuple[RefundResult, str]], detail: SaleDetail
    ) -> None:
        """Run `call` (the refund or void, and what became of the fiscal notes) off the
        GUI thread, then send the refund's Pix share to the PSP."""
        self._acting = True
        self._update_buttons()
        self.result_label.setText("")
        self.say(text)
        station = self.station

        def then_the_pix() -> tuple[RefundResult, str, PixReturn | None]:
            result, fiscal = call()  # committed first; then the Pix share goes to the PSP
            return result, fiscal, return_now(station, result.refund_id)

        self.jobs.run(then_the_pix, lambda done: self._undone(detail, *done), self._refused)

    def _refused(self, error: Exception) -> None:
        self._acting = False
        self._update_buttons()
        self.say(error_text(error, self.lang), error=True)

    def _undone(
        self, detail: SaleDetail, result: RefundResult, fiscal: str, pix: PixReturn | None
    ) -> None:
        self._acting = False
        self.last_result = result
        number = sale_number(result.sale_number)
        if result.kind == VOID:
            headline = self.tr("Venda nº %1 cancelada").replace("%1", number)
        else:
            headline = (
                self.tr("Devolução na venda nº %1: %2 em itens")
                .replace("%1", number)
                .replace("%2", self.money(result.goods_amount))
            )
        self.say(headline)
        lines = self.result_lines(result, by_psp=_by_psp(pix))
        if pix is not None:
            lines.append(pix.message(self.lang))
        if fiscal:
            lines.append(fiscal)
        self.result_label.setText("\n".join(lines))
        # The refund is committed; its receipt waits in the print queue if the printer
        # cannot take it now, and "Imprimir comprovante" sends it again at any time.
        self._print_refund(result.refund_id, quiet=True)
        customer_id = detail.summary.customer_id
        if customer_id is not None:
            self.context.events.customer_changed.emit(customer_id)
        self.load()  # the list and the sale, as they are now

    def _money_lines(self, result: RefundResult, by_psp: int) -> list[str]:
        """Cash from the drawer, and what goes back to each card or Pix payment of the sale
        (the cashier reverses it there; a Pix the PSP returns by itself is not listed)."""
        back = result.back_by
        elsewhere = by_psp > 0 or any(a > 0 for t, a in back if t != Tender.CASH.value)
        lines: list[str] = []
        for tender, amount in back:
            if tender == Tender.CASH.value:
                if amount > 0 or not elsewhere:
                    lines.append(
                        self.tr("Devolver em dinheiro: %1").replace("%1", self.money(amount))
                    )
                continue
            if tender == Tender.PIX.value:
                amount -= by_psp
            if amount <= 0:
                continue
            where = {
                Tender.CREDIT.value: self.tr("Estornar no cartão de crédito: %1"),
                Tender.DEBIT.value: self.tr("Estornar no cartão de débito: %1"),
            }.get(tender, self.tr("Devolver por PIX: %1"))
            lines.append(where.replace("%1", self.money(amount)))
        return lines

    def result_lines(self, result: RefundResult, by_psp: int = 0) -> list[str]:
        """What the cashier says to the customer, one figure a line. `by_psp` is the Pix
        share the PSP returns to the payer: not for the cashier to hand over as well."""
        program = store_info(self.station).program
        points = program.mode is ProgramMode.POINTS

        def units(amount: int) -> str:
            value = self.money(program.value_of_units(amount))
            if points:
                return self.tr("%1 pontos (%2)").replace("%1", str(amount)).replace("%2", value)
            return value

        lines = self._money_lines(result, by_psp)
        if result.cashback_restored:
            lines.append(
                self.tr("Cashback devolvido: %1").replace("%1", units(result.cashback_restored))
            )
        if result.cashback_reversed:
            lines.append(
                self.tr("Cashback estornado: %1").replace("%1", units(result.cashback_reversed))
            )
        if result.clawback > 0:
            lines.append(
                self.tr("Retido do cashback já usado: %1").replace(
                    "%1", self.money(result.clawback)
                )
            )
        if result.vouchers_reopened:
            lines.append(
                self.tr("Vales reabertos: %1").replace("%1", ", ".join(result.vouchers_reopened))
            )
        if result.vouchers_cancelled:
            lines.append(
                self.tr("Vales cancelados: %1").replace("%1", ", ".join(result.vouchers_cancelled))
            )
        return lines


def _by_psp(pix: PixReturn | None) -> int:
    """The refund's Pix share going back through the PSP (sent, in processing, or to send
    again); a refused one is the store's to return another way, as its message says."""
    return pix.amount if pix is not None and pix.status in (DONE, PROCESSING, TO_SEND) else 0


def _table(name: str, model: Any) -> QTableView:
    return read_only_table(name, model, word_wrap=False)


def _ask_save_path(parent: QWidget, suggested: str) -> str:
    path, _filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("SalesScreen", "Salvar DANFE"), suggested, "PDF (*.pdf)"
    )
    return path
