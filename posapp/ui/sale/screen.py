"""The counter: scan or type items, attach a customer, pay, print — with function keys.

Service calls that write or may take time (quote, checkout, printing, parking,
customer look-ups, name search) run off the GUI thread through
`run_in_background`; a barcode look-up is one indexed read and runs inline
(see bench/scan.py). Dialogs are opened with `.open()` and answer by signals,
so the screen never blocks in a nested event loop (the manager PIN prompt is
the one exception: `ask_pin`, a plain function that tests replace).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hardware.errors import ScannerError
from posapp.core.action_names import said
from posapp.core.cpf import format_cpf, is_valid_cpf, normalize_cpf
from posapp.core.errors import NotAuthorized, UnknownItem
from posapp.core.money import format_money
from posapp.core.tender_names import tender_name
from posapp.services.admin import staff
from posapp.services.cash.shifts import current_shift
from posapp.services.common.auth import StaffRef
from posapp.services.common.changes import Change
from posapp.services.customers import registry as customers
from posapp.services.customers.registry import CustomerAccount, CustomerSummary
from posapp.services.loyalty import tiers
from posapp.services.loyalty.tiers import CustomerTier
from posapp.services.messages.survey import record_score
from posapp.services.sales import cart_cancel as cart_audit
from posapp.services.sales import catalog, parking
from posapp.services.sales.catalog import ItemView
from posapp.services.sales.checkout import CheckoutRequest, SaleResult, TenderRequest, checkout
from posapp.services.sales.parking import ParkedCart
from posapp.services.sales.printing import SALE, PrintOutcome
from posapp.services.sales.quote import Quote, quote
from posapp.services.sales.sale_reads import items_by_id, preview_voucher
from posapp.ui.context import UiContext
from posapp.ui.dialogs.manager_pin import ask_manager_pin
from posapp.ui.fit import WrappingDelegate, scrolling
from posapp.ui.runner import Jobs, when_done
from posapp.ui.sale.cart_columns import CartColumns
from posapp.ui.sale.cart_model import (
    DESCRIPTION,
    DISCOUNT,
    PROFESSIONAL,
    QUANTITY,
    UNIT_PRICE,
    CartModel,
    CartRow,
    CellEditing,
    edit_value,
)
from posapp.ui.sale.customer_dialogs import (
    CustomerPickerDialog,
    EnrolDialog,
    customer_label,
    error_text,
)
from posapp.ui.sale.discount_dialog import SaleDiscount, SaleDiscountDialog
from posapp.ui.sale.favourite_tiles import FavouriteTiles
from posapp.ui.sale.line_numbers import LineNumbers
from posapp.ui.sale.parked_dialog import ParkedDialog
from posapp.ui.sale.payment_dialog import CashbackLimits, PaymentDialog
from posapp.ui.sale.professional_bar import ProfessionalBar, offered_order
from posapp.ui.sale.receipt_view import ReceiptDialog, ReceiptPreview
from posapp.ui.sale.scan_field import ScanField, wedge_config
from posapp.ui.sale.send_receipt_dialog import SendReceiptDialog
from posapp.ui.sale.serial_feed import SerialScannerFeed
from posapp.ui.sale.tender_details import TenderDetails

T = TypeVar("T")
LINE_HEIGHT = 40
"""A cart line's height in pixels, unless its name wraps."""
AskPin = Callable[[QWidget | None, str], str | None]
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
_QUANTITY_PREFIX = re.compile(r"^(\d{1,3})\s*[*xX]\s*(\S.*)$")


class ProfessionalDelegate(QStyledItemDelegate):
    """A combo of the professionals for the professional cell of a service line."""

    picked = Signal(object)
    """The staff id picked in a cell's list (None: nobody), for the bar to offer first."""

    def __init__(self, professionals: list[StaffRef], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.professionals = professionals
        self.last: Callable[[], int | None] = lambda: None
        """The professional chosen last, listed first."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | Any
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("professionalCombo")
        combo.addItem(self.tr("(ninguém)"), None)
        for person in offered_order(self.professionals, self.last()):
            combo.addItem(person.name, person.id)
        combo.activated.connect(lambda _index: self._picked(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | Any) -> None:
        assert isinstance(editor, QComboBox)
        position = editor.findData(edit_value(index))
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex | Any) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def _picked(self, combo: QComboBox) -> None:
        """A name picked in the list is kept at once, with no Enter to press."""
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)
        self.picked.emit(combo.currentData())


BIG_KEY_STYLE = "font-size: 15px; font-weight: bold; padding: 8px 18px; min-height: 38px;"


def _big_button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setMinimumHeight(56)
    button.setMinimumWidth(120)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    # min-height here too: the app's style sheet (QPushButton min-height 28px) otherwise
    # overrides setMinimumHeight and the F-keys shrink to 46 px on the counter.
    button.setStyleSheet(BIG_KEY_STYLE)
    return button


class SaleScreen(QWidget):
    """Issue 4, "The counter": one sale at a time, from the first scan to the receipt."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.station = context.station
        self.lang = context.locale
        self.ask_pin: AskPin = ask_manager_pin
        self.quote: Quote | None = None
        self.customer: CustomerSummary | None = None
        self.account: CustomerAccount | None = None
        self.tier: CustomerTier | None = None
        """The attached customer's tier and what is left to the next (None: tiers off)."""
        self.nps_sale: str | None = None
        """The uuid of the sale the satisfaction buttons score (None: nothing to score)."""
        self.last_sale: SaleResult | None = None
        self.last_print: PrintOutcome | None = None
        self.payment_dialog: PaymentDialog | None = None
        self.sale_uuid: str | None = None
        """The uuid of the sale this cart becomes, chosen at its first payment attempt and kept
        through retries: the sync endpoint's voucher claim and cashback hold name it."""
        self.customer_dialog: CustomerPickerDialog | None = None
        self.enrol_dialog: EnrolDialog | None = None
        self.parked_dialog: ParkedDialog | None = None
        self.receipt_dialog: ReceiptDialog | None = None
        self._unknown_cpf = ""
        """A CPF read in the code field that no customer has (F9 enrols it)."""
        self._finding_cpf = 0
        """CPF look-ups under way (F10 meanwhile waits for the customer)."""
        self.sale_discount: SaleDiscount | None = None
        """F11: the discount on the whole sale; it goes when the cart empties."""
        self.discount_dialog: SaleDiscountDialog | None = None
        self.jobs = Jobs(self, self._failed)
        self._quote_generation = 0
        """Bumped by every change a quote depends on (lines, customer, sale discount: each
        asks for a quote); a quote answers for one generation."""
        self._quoted_generation = 0
        """The generation `self.quote` was made for: pay waits while it is behind."""
        self._quoting: int | None = None
        """The generation being quoted in the background, if any."""
        self._requote_scheduled = False
        self._pay_when_quoted = False
        self._last_search = ""
        self.setObjectName("saleScreen")

        self.professionals = staff.professionals(self.station)
        self.model = CartModel(self.lang, self)
        self.model.set_professionals(self.professionals)
        self.model.cart_changed.connect(self._cart_changed)
        self.model.refused.connect(self.say)

        self._build()
        self.input.scanned.connect(self.on_scan)
        self.input.typed_enter.connect(self.on_enter)
        self.serial_scanner: SerialScannerFeed | None = None
        if context.settings.scanner_uri.strip():
            self._watch_serial_scanner(context.settings.scanner_uri)
        self._shortcuts()
        self._update_totals()
        self._update_customer_panel()
        context.events.changed.connect(self.on_changed)
        context.events.staff_changed.connect(self.on_staff_changed)
        self.setFocusProxy(self.input)

    # -- layout ----------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        body = QHBoxLayout()
        outer.addLayout(body, 1)

        left = QVBoxLayout()
        body.addLayout(left, 2)
        entry = QHBoxLayout()
        self.input = ScanField(wedge_config(self.context.settings))
        self.input.setObjectName("codeInput")
        self.input.setPlaceholderText(self.tr("Código de barras, SKU ou nome — Enter"))
        self.input.setMinimumHeight(48)
        self.input.setStyleSheet("font-size: 20px;")
        entry.addWidget(self.input, 1)
        self.search_offer = QPushButton(self.tr("Buscar pelo nome"))
        self.search_offer.setObjectName("offerSearch")
        self.search_offer.setMinimumHeight(48)
        self.search_offer.setVisible(False)
        self.search_offer.clicked.connect(self.open_search)
        entry.addWidget(self.search_offer)
        left.addLayout(entry)

        self.message = QLabel()
        self.message.setObjectName("saleMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 16px; color: #8a4b00;")
        left.addWidget(self.message)
        self.shift_warning = QLabel(
            self.tr("Abra o turno antes de vender: Caixa (Ctrl+4) › Abrir turno.")
        )
        self.shift_warning.setObjectName("shiftWarning")
        self.shift_warning.setWordWrap(True)
        self.shift_warning.setStyleSheet(
            "font-size: 18px; font-weight: bold; color: #ffffff; background: #b00020; "
            "padding: 6px 10px; border-radius: 4px;"
        )
        self.shift_warning.setVisible(False)
        left.addWidget(self.shift_warning)

        self.results = QListWidget()
        self.results.setObjectName("itemResults")
        self.results.setVisible(False)
        self.results.setMaximumHeight(220)
        self.results.setStyleSheet("font-size: 16px;")
        self.results.itemActivated.connect(self._result_activated)
        left.addWidget(self.results)

        self.table = QTableView()
        self.table.setObjectName("cartTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setStyleSheet("font-size: 16px;")
        self.table.setVerticalHeader(LineNumbers(self.table))
        self.table.verticalHeader().setDefaultSectionSize(LINE_HEIGHT)
        self.table.verticalHeader().setMinimumSectionSize(LINE_HEIGHT)
        self.table.setWordWrap(True)  # a long product name on two lines, never cut
        # A row is measured when it comes in, not every row on each scan (ResizeToContents
        # re-measured all of them: 16 ms for the 30th line); a narrower name column (a
        # smaller screen, a wider price) makes the rows taller.
        self.model.rowsInserted.connect(lambda _parent, first, last: self._measure(first, last))
        self.model.modelReset.connect(lambda: self._measure(0, self.model.rowCount() - 1))
        self._remeasure_scheduled = False
        self.table.horizontalHeader().sectionResized.connect(self._name_column_resized)
        self.columns = CartColumns(self.table, self.model)
        self.delegate = ProfessionalDelegate(self.professionals, self.table)
        self.table.setItemDelegateForColumn(PROFESSIONAL, self.delegate)
        self.names = WrappingDelegate(self.table)
        self.table.setItemDelegateForColumn(0, self.names)
        self.cells = CellEditing(self.table)
        for column in (QUANTITY, UNIT_PRICE, DISCOUNT):
            self.table.setItemDelegateForColumn(column, self.cells)
        left.addWidget(self.table, 1)
        self.professional_bar = ProfessionalBar()
        self.professional_bar.set_people(self.professionals)
        self.professional_bar.chosen.connect(self.set_line_professional)
        self.delegate.last = lambda: self.professional_bar.last_id
        self.delegate.picked.connect(self.professional_bar.remember)
        self.professional_bar.setVisible(False)
        left.addWidget(self.professional_bar)

        self.total_label = QLabel()
        self.total_label.setObjectName("saleTotal")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.total_label.setStyleSheet(
            "font-size: 34px; font-weight: bold; color: #ffffff; background: #14213d; "
            "padding: 6px 12px; border-radius: 4px;"
        )
        left.addWidget(self.total_label)
        self.change_label = QLabel()
        self.change_label.setObjectName("changeDue")
        self.change_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.change_label.setStyleSheet(
            "font-size: 34px; font-weight: bold; color: #ffffff; background: #0b6b2e; "
            "padding: 6px 12px; border-radius: 4px;"
        )
        self.change_label.setVisible(False)
        left.addWidget(self.change_label)

        side = QWidget()
        side.setObjectName("saleSide")
        right = QVBoxLayout(side)
        right.setContentsMargins(0, 0, 0, 0)
        body.addWidget(scrolling(side), 1)
        panel = QFrame()
        panel.setObjectName("customerPanel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel_layout = QVBoxLayout(panel)
        self.customer_label = QLabel()
        self.customer_label.setObjectName("customerName")
        self.customer_label.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.customer_label.setWordWrap(True)
        panel_layout.addWidget(self.customer_label)
        self.balance_label = QLabel()
        self.balance_label.setObjectName("customerBalance")
        self.balance_label.setWordWrap(True)
        self.balance_label.setStyleSheet(
            "font-size: 26px; font-weight: bold; color: #00401f; background: #e3f4e8; "
            "padding: 4px 10px; border-radius: 4px;"
        )
        self.balance_label.setVisible(False)
        panel_layout.addWidget(self.balance_label)
        self.loyalty_label = QLabel()
        self.loyalty_label.setObjectName("customerLoyalty")
        self.loyalty_label.setWordWrap(True)
        self.loyalty_label.setStyleSheet("font-size: 15px;")
        panel_layout.addWidget(self.loyalty_label)
        self.tier_label = QLabel()
        self.tier_label.setObjectName("customerTier")
        self.tier_label.setWordWrap(True)
        self.tier_label.setStyleSheet("font-size: 15px; color: #5a3d8a;")
        panel_layout.addWidget(self.tier_label)
        self.earn_label = QLabel()
        self.earn_label.setObjectName("saleEarns")
        self.earn_label.setWordWrap(True)
        self.earn_label.setStyleSheet("font-size: 15px; color: #006b3c;")
        panel_layout.addWidget(self.earn_label)
        customer_buttons = QHBoxLayout()
        self.detach_button = QPushButton(self.tr("Tirar cliente"))
        self.detach_button.setObjectName("detachCustomer")
        self.detach_button.setMinimumHeight(48)
        self.detach_button.clicked.connect(self.detach_customer)
        self.enrol_button = QPushButton(self.tr("F9 Cadastrar"))
        self.enrol_button.setObjectName("enrolCustomer")
        self.enrol_button.setMinimumHeight(48)
        self.enrol_button.clicked.connect(self.open_enrol)
        customer_buttons.addWidget(self.detach_button)
        customer_buttons.addWidget(self.enrol_button)
        panel_layout.addLayout(customer_buttons)
        right.addWidget(panel)
        self.tiles = FavouriteTiles(self.lang)
        self.tiles.chosen.connect(self._tile_tapped)
        self.tiles.set_items(catalog.favourites(self.station))
        right.addWidget(self.tiles)

        self.last_sale_label = QLabel()
        self.last_sale_label.setObjectName("lastSale")
        self.last_sale_label.setWordWrap(True)
        self.last_sale_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right.addWidget(self.last_sale_label)
        right.addWidget(self._nps_panel())
        self.receipt_view = ReceiptPreview()
        self.preview = self.receipt_view.label
        right.addWidget(self.receipt_view, 1)
        right.addStretch(0)

        keys = QGridLayout()
        outer.addLayout(keys)
        actions: list[tuple[str, str, Callable[[], None]]] = [
            (self.tr("F2 Cliente"), "keyCustomer", self.open_customer),
            (self.tr("F3 Buscar"), "keySearch", self.open_search),
            (self.tr("F4 Desconto"), "keyDiscount", self.edit_discount),
            (self.tr("F11 Desc. venda"), "keySaleDiscount", self.open_sale_discount),
            (self.tr("F5 Estacionar"), "keyPark", self.park),
            (self.tr("F6 Recuperar"), "keyRecall", self.open_recall),
            (self.tr("F7 Reimprimir"), "keyReprint", self.reprint),
            (self.tr("F8 Cancelar venda"), "keyCancel", self.cancel_sale),
            (self.tr("Del Remover"), "keyRemove", self.remove_line),
            (self.tr("F10 Pagar"), "keyPay", self.pay),
        ]
        self.buttons: dict[str, QPushButton] = {}
        for number, (text, name, action) in enumerate(actions):
            button = _big_button(text, name)
            button.clicked.connect(lambda _=False, act=action: act())
            keys.addWidget(button, number // 5, number % 5)
            self.buttons[name] = button
        self.buttons["keyPay"].setStyleSheet(
            "font-size: 18px; font-weight: bold; background: #1b7f3b; color: white; "
            "padding: 8px 18px; min-height: 38px;"
        )

    def _nps_panel(self) -> QFrame:
        """After a sale: the customer's 0-10 score in one tap, or skipped. Never modal, and
        its buttons never take the focus, so the scanner and the F-keys keep working."""
        self.nps_panel = QFrame()
        self.nps_panel.setObjectName("npsPanel")
        self.nps_panel.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self.nps_panel)
        layout.setContentsMargins(6, 4, 6, 4)
        top = QHBoxLayout()
        self.nps_question = QLabel()
        self.nps_question.setObjectName("npsQuestion")
        self.nps_question.setWordWrap(True)
        top.addWidget(self.nps_question, 1)
        self.nps_skip = QPushButton(self.tr("Pular"))
        self.nps_skip.setObjectName("npsSkip")
        self.nps_skip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.nps_skip.clicked.connect(self.skip_nps)
        top.addWidget(self.nps_skip)
        layout.addLayout(top)
        scores = QHBoxLayout()
        scores.setSpacing(3)
        self.nps_buttons: list[QPushButton] = []
        for score in range(11):
            button = QPushButton(str(score))
            button.setObjectName(f"nps{score}")
            button.setProperty("score", True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(36)
            button.setMinimumWidth(30)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, value=score: self.record_nps(value))
            scores.addWidget(button)
            self.nps_buttons.append(button)
        layout.addLayout(scores)
        self.nps_panel.setVisible(False)
        return self.nps_panel

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        bindings: list[tuple[Qt.Key, Callable[[], None]]] = [
            (Qt.Key.Key_F2, self.open_customer),
            (Qt.Key.Key_F3, self.open_search),
            (Qt.Key.Key_F4, self.edit_discount),
            (Qt.Key.Key_F5, self.park),
            (Qt.Key.Key_F6, self.open_recall),
            (Qt.Key.Key_F7, self.reprint),
            (Qt.Key.Key_F8, self.cancel_sale),
            (Qt.Key.Key_F9, self.open_enrol),
            (Qt.Key.Key_F10, self.pay),
            (Qt.Key.Key_F11, self.open_sale_discount),
            (Qt.Key.Key_F12, self.show_receipt),
        ]
        for key, action in bindings:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(context)
            shortcut.activated.connect(action)
        remove = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.remove_line)
        send = QShortcut(QKeySequence("Ctrl+E"), self)
        send.setContext(context)
        send.activated.connect(self.send_receipt)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.input)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self._escape)

    # -- what changed elsewhere ------------------------------------------------------

    def on_changed(self, changes: frozenset[Change]) -> None:
        """Staff, catalogue or program changed anywhere (Gerência, an import): show it now."""
        if Change.STAFF in changes:
            self.jobs.run(lambda: staff.professionals(self.station), self.set_professionals)
        searching = self.results.isVisible() or self.input.text().strip() == self._last_search
        if Change.CATALOG in changes and self._last_search and searching:
            self.search(self._last_search)
        if Change.CATALOG in changes:
            self.jobs.run(lambda: catalog.favourites(self.station), self.tiles.set_items)
        if Change.PROGRAM in changes and self.model.rowCount():
            self.requote()  # what the cart earns follows the program in force

    def _tile_tapped(self, item: ItemView) -> None:
        """A favourite's tile: its line at once, the focus back in the code field."""
        self.add_item(item)
        self.input.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_professionals(self, people: list[StaffRef]) -> None:
        self.professionals = people
        self.delegate.professionals = people
        self.model.set_professionals(people)
        self.professional_bar.set_people(people)

    def set_line_professional(self, staff_id: int) -> None:
        """One tap or Alt+number: the selected service line (or the first service line with
        nobody yet) is done by `staff_id`; the selection moves on to the next one waiting."""
        rows = self.model.rows
        number = self.current_row()
        if not (0 <= number < len(rows) and rows[number].is_service):
            number = next(
                (i for i, row in enumerate(rows) if row.is_service and row.professional_id is None),
                -1,
            )
        if number < 0:
            self.say(self.tr("Não há serviço na venda para escolher o profissional."))
            return
        self.model.setData(self.model.index(number, PROFESSIONAL), staff_id)
        self.say(
            self.tr("%1: %2")
            .replace("%1", rows[number].item.name)
            .replace("%2", self.model.professional_name(staff_id))
        )
        waiting = next(
            (
                i
                for i, row in enumerate(self.model.rows)
                if row.is_service and row.professional_id is None
            ),
            number,
        )
        self.table.selectRow(waiting)

    # -- who is at the counter --------------------------------------------------------

    def on_staff_changed(self) -> None:
        """Sign-out: nothing of the last customer stays on screen (the shell has parked the
        cart, posapp.ui.sale.leaving); sign-in: the code field has the focus and a closed
        shift is said at once."""
        if self.context.staff is None:
            if self.payment_dialog is not None:
                self.payment_dialog.reject()
            self._escape()
            self.forget_last_sale()
            self.change_label.setVisible(False)
            self.skip_nps()
            self._unknown_cpf = ""
            if self.model.rowCount() == 0:
                self.detach_customer()
                self.message.clear()
            return
        self.check_shift()
        self.input.setFocus(Qt.FocusReason.OtherFocusReason)

    def check_shift(self) -> None:
        """Say "Abra o turno" before the cart is built, not at F10."""
        station = self.station
        self.jobs.run(
            lambda: current_shift(station),
            lambda shift: self.shift_warning.setVisible(shift is None),
        )

    def forget_last_sale(self) -> None:
        """The previous sale's summary and receipt leave the screen (the next customer's)."""
        if self.last_sale_label.text():
            self.last_sale_label.clear()
        self.receipt_view.clear()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.context.staff is not None:
            self.check_shift()
        self.input.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- small helpers -----------------------------------------------------------

    def money(self, centavos: int) -> str:
        return format_money(centavos, self.lang)

    def say(self, text: str) -> None:
        """A message in the screen (not a modal) and on the status bar."""
        self.message.setText(text)
        self.context.events.status.emit(text)

    def idle(self) -> bool:
        """No background call of this screen is under way (for tests and shutdown)."""
        return not self._requote_scheduled and self.jobs.idle()

    def _failed(self, error: Exception) -> None:
        self.say(error_text(error, self.lang))

    def _staff_id(self) -> int | None:
        if self.context.staff is None:
            self.say(self.tr("Entre com seu PIN para vender."))
            return None
        return self.context.staff.id

    def _escape(self) -> None:
        self.input.clear()
        self.results.setVisible(False)
        self.search_offer.setVisible(False)

    # -- ringing items up ----------------------------------------------------------

    def _watch_serial_scanner(self, uri: str) -> None:
        """A scanner on a serial port (COM3, /dev/ttyUSB0) rings items up like the wedge."""
        try:
            feed = SerialScannerFeed(uri, self.context.printing.devices, self.lang, self)
        except ScannerError as error:  # a bad address saved by hand in the config file
            self.say(error.message(self.lang))
            return
        feed.scanned.connect(self.on_scan)
        feed.failed.connect(self.say)
        feed.start()
        self.serial_scanner = feed

    def on_scan(self, code: str) -> None:
        """A scanner burst: a barcode (or a SKU a label carries). The field is cleared of
        what a person typed before it (the burst's own keys never reach the field)."""
        if self.input.text():
            self.input.clear()
        if code.isdigit():
            self.add_code(code)
        else:
            self.enter_text(code)

    def on_enter(self) -> None:
        """Enter typed by a person: a barcode, a SKU, '3*code', or words of a name."""
        text = self.input.text().strip()
        picked = self.results.currentItem() if self.results.isVisible() else None
        if picked is not None and text in ("", self._last_search):
            # Enter again on the same words picks the highlighted result.
            self._result_activated(picked)
            return
        if text:
            self.enter_text(text)

    def enter_text(self, text: str) -> None:
        quantity = 1
        match = _QUANTITY_PREFIX.match(text)
        if match:
            quantity, text = int(match.group(1)), match.group(2).strip()
        try:
            item = catalog.find_by_code(self.station, text)
        except UnknownItem:
            if is_valid_cpf(text):
                self.find_cpf(text)
            elif text.isdigit():
                self._unknown_code(text)
            else:
                self.search(text)
            return
        self.input.clear()
        self.add_item(item, quantity)

    def add_code(self, code: str, quantity: int = 1) -> None:
        try:
            item = catalog.find_by_code(self.station, code)
        except UnknownItem:
            if is_valid_cpf(code):
                self.find_cpf(code)
            else:
                self._unknown_code(code)
            return
        self.add_item(item, quantity)

    def find_cpf(self, text: str) -> None:
        """A valid CPF in the code field (no item has that code): attach its customer, or
        offer to enrol them with the CPF filled in (F9)."""
        cpf = normalize_cpf(text)
        self.input.clear()
        station = self.station
        self._finding_cpf += 1
        self.jobs.run(
            lambda: customers.search(station, cpf),
            lambda found: self._cpf_found(cpf, found),
            self._cpf_failed,
        )

    def _cpf_found(self, cpf: str, found: list[CustomerSummary]) -> None:
        self._finding_cpf -= 1
        match = [customer for customer in found if customer.cpf == cpf]
        if match:
            self._unknown_cpf = ""
            self.attach_customer(match[0])  # its quote opens a payment F10 asked for
            return
        self._unknown_cpf = cpf
        self.say(
            self.tr("CPF %1 sem cadastro. F9 cadastra o cliente.").replace("%1", format_cpf(cpf))
        )
        self._pay_if_asked()

    def _cpf_failed(self, error: Exception) -> None:
        self._finding_cpf -= 1
        self._failed(error)
        self._pay_if_asked()

    def _pay_if_asked(self) -> None:
        if self._pay_when_quoted and not self._quote_pending():
            self._pay_when_quoted = False
            self.pay()

    def _unknown_code(self, code: str) -> None:
        self.say(
            self.tr("Código %1 não cadastrado. Busque o produto pelo nome (F3).").replace(
                "%1", code
            )
        )
        self.search_offer.setVisible(True)
        self.input.selectAll()

    def _measure(self, first: int, last: int) -> None:
        """Lines first..last as tall as their names need: a name that wraps, or a line
        that was taller, is measured; one that fits on the default height is left as it is
        (measuring asks every cell of the row)."""
        rows = self.model.rows
        for row in range(first, last + 1):
            wraps = not self.names.one_line(self.table, DESCRIPTION, rows[row].item.name)
            if wraps or self.table.rowHeight(row) != LINE_HEIGHT:
                self.table.resizeRowToContents(row)

    def _name_column_resized(self, column: int, _old: int, _new: int) -> None:
        """The name column changed width: lines that wrap, or wrapped, are measured again
        once the header is laid out (while it signals, the column still has its old width)."""
        if column == DESCRIPTION and not self._remeasure_scheduled:
            self._remeasure_scheduled = True
            QTimer.singleShot(0, self, self._remeasure)

    def _remeasure(self) -> None:
        self._remeasure_scheduled = False
        self._measure(0, self.model.rowCount() - 1)

    def add_item(self, item: ItemView, quantity: int = 1) -> None:
        if self.model.rowCount() == 0:
            self.change_label.setVisible(False)
            self.forget_last_sale()
            # After the line is drawn: starting the background check took the GIL from
            # the scan it follows (bench.scan, empty cart: 1.83 -> 1.12 ms in one run).
            QTimer.singleShot(0, self, self.check_shift)
        row = self.model.add_item(item, quantity)
        self.table.selectRow(row)
        self.results.setVisible(False)
        self.search_offer.setVisible(False)
        self.say(self.tr("%1 — %2").replace("%1", item.name).replace("%2", self.money(item.price)))

    def open_search(self) -> None:
        text = self.input.text().strip()
        self.search_offer.setVisible(False)
        if text and not text.isdigit():
            self.search(text)
        else:
            self.input.clear()
            self.input.setFocus()
            self.say(self.tr("Digite parte do nome do produto ou serviço e tecle Enter."))

    def search(self, text: str) -> None:
        self.jobs.run(
            lambda: catalog.search_items(self.station, text),
            lambda found: self._show_results(text, found),
        )

    def _show_results(self, text: str, found: list[ItemView]) -> None:
        self._last_search = text
        self.results.clear()
        for item in found:
            kind = self.tr("serviço") if item.kind == catalog.SERVICE else self.tr("produto")
            entry = QListWidgetItem(f"{item.name}  —  {self.money(item.price)}  ({kind})")
            entry.setData(ITEM_ROLE, item)
            self.results.addItem(entry)
        self.results.setVisible(bool(found))
        if found:
            self.results.setCurrentRow(0)
            self.say(
                self.tr(
                    "%n resultado(s) para “%1”: escolha com ↓ e Enter.", "", len(found)
                ).replace("%1", text)
            )
        else:
            self.say(self.tr("Nada encontrado para “%1”.").replace("%1", text))

    def _result_activated(self, entry: QListWidgetItem) -> None:
        item = entry.data(ITEM_ROLE)
        if isinstance(item, ItemView):
            self.input.clear()
            self.add_item(item)
            self.input.setFocus()

    def current_row(self) -> int:
        index = self.table.currentIndex()
        if index.isValid():
            return index.row()
        return self.model.rowCount() - 1

    def remove_line(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        name = self.model.rows[row].item.name
        self.model.remove_row(row)
        self.say(self.tr("Removido: %1").replace("%1", name))

    def edit_discount(self) -> None:
        row = self.current_row()
        if row < 0:
            self.say(self.tr("Nenhum item para dar desconto."))
            return
        index = self.model.index(row, DISCOUNT)
        self.table.setCurrentIndex(index)
        self.table.setFocus()
        self.table.edit(index)

    def subtotal(self) -> int:
        """The cart after line discounts: what a whole-sale discount applies to."""
        return sum(row.price * row.quantity - row.discount for row in self.model.rows)

    def sale_discount_centavos(self) -> int:
        discount = self.sale_discount
        return discount.centavos(self.subtotal()) if discount is not None else 0

    def open_sale_discount(self) -> None:
        """F11: a discount on the whole sale, as an amount or a percentage."""
        if self.model.rowCount() == 0:
            self.say(self.tr("Nenhum item para dar desconto."))
            return
        dialog = SaleDiscountDialog(self.subtotal(), self.sale_discount, self.lang, self)
        dialog.accepted.connect(lambda: self.set_sale_discount(dialog.discount))
        dialog.finished.connect(lambda _result: self.input.setFocus())
        self.discount_dialog = dialog
        dialog.open()

    def set_sale_discount(self, discount: SaleDiscount | None) -> None:
        self.sale_discount = discount
        if discount is None:
            self.say(self.tr("Desconto na venda retirado."))
        else:
            self.say(self.tr("Desconto na venda: %1").replace("%1", discount.label(self.lang)))
        self.requote()

    def edit_quantity(self) -> None:
        row = self.current_row()
        if row >= 0:
            index = self.model.index(row, QUANTITY)
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    # -- live totals -----------------------------------------------------------

    def _cart_changed(self) -> None:
        # the professionals' buttons only while a service is in the cart: room for the lines
        self.professional_bar.setVisible(any(row.is_service for row in self.model.rows))
        if self.model.rowCount() == 0:
            self.sale_discount = None  # the whole-sale discount goes with the cart
        self._requote_soon()

    def _requote_soon(self) -> None:
        """Quote once the event that changed the cart is handled. Started at once, the
        quote's thread took the interpreter while the scan was still drawing its line
        (half of a scan's time), and a burst of changes is quoted once."""
        self._quote_generation += 1
        if not self._requote_scheduled:
            self._requote_scheduled = True
            QTimer.singleShot(0, self, self._scheduled_requote)

    def _scheduled_requote(self) -> None:
        self._requote_scheduled = False
        self.requote()

    def requote(self) -> None:
        self._quote_generation += 1
        generation = self._quote_generation
        lines = self.model.requests()
        if not lines:
            self.quote = None
            self._quoting = None
            self._update_totals()
            self._update_customer_panel()
            return
        self._quoting = generation
        customer_id = self.customer.id if self.customer else None
        off = self.sale_discount_centavos()
        self.jobs.run(
            lambda: quote(self.station, lines, customer_id=customer_id, sale_discount=off),
            lambda result: self._quoted(generation, result),
            lambda error: self._quote_failed(generation, error),
        )

    def _quoted(self, generation: int, result: Quote) -> None:
        if generation != self._quote_generation:
            return
        self._quoting = None
        self._quoted_generation = generation
        self.quote = result
        self.model.set_nets(result.line_nets)
        self._update_totals()
        self._update_customer_panel()
        if self._pay_when_quoted and not self._finding_cpf:
            self._pay_when_quoted = False
            self.pay()

    def _quote_failed(self, generation: int, error: Exception) -> None:
        if generation == self._quote_generation:
            self._quoting = None
            self._pay_when_quoted = False
            self._failed(error)

    def _quote_pending(self) -> bool:
        return self.model.rowCount() > 0 and (
            self.quote is None or self._quoted_generation != self._quote_generation
        )

    def _update_totals(self) -> None:
        rows = self.model.rowCount()
        if self.quote is None or rows == 0:
            self.total_label.setText(self.tr("Total: %1").replace("%1", self.money(0)))
            return
        q = self.quote
        text = self.tr("Total: %1").replace("%1", self.money(q.total))
        off = self.sale_discount_centavos()
        if off and self.sale_discount is not None:
            text = (
                self.tr("Subtotal %1 · Descontos %2 (na venda: %3) · ")
                .replace("%1", self.money(q.gross))
                .replace("%2", self.money(q.discount))
                .replace("%3", self.sale_discount.label(self.lang))
                + text
            )
        elif q.discount:
            text = (
                self.tr("Subtotal %1 · Descontos %2 · ")
                .replace("%1", self.money(q.gross))
                .replace("%2", self.money(q.discount))
                + text
            )
        self.total_label.setText(text)

    # -- customer -----------------------------------------------------------------

    def open_customer(self) -> None:
        dialog = CustomerPickerDialog(self.station, self.lang, self)
        dialog.chosen.connect(self.attach_customer)

        def enrol_instead() -> None:
            dialog.reject()
            self.open_enrol()

        dialog.enrol_button.clicked.connect(enrol_instead)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.customer_dialog = dialog
        dialog.open()

    def open_enrol(self, cpf: str = "") -> None:
        staff_id = self.context.staff.id if self.context.staff else None
        dialog = EnrolDialog(self.station, self.lang, staff_id, self)
        cpf = cpf or self._unknown_cpf
        self._unknown_cpf = ""  # offered once: a later F9 may be for someone else
        if cpf:
            dialog.cpf.setText(format_cpf(cpf))
            dialog.name.setFocus()
        dialog.enrolled.connect(self._enrolled)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.enrol_dialog = dialog
        dialog.open()

    def _enrolled(self, customer: CustomerSummary) -> None:
        self.context.events.customer_changed.emit(customer.id)
        self.attach_customer(customer)

    def attach_customer(self, customer: CustomerSummary) -> None:
        if self.model.rowCount() == 0:  # the next customer: the last one's sale goes
            self.change_label.setVisible(False)
            self.forget_last_sale()
        self.customer = customer
        self.account = None
        self.tier = None
        self.say(self.tr("Cliente: %1").replace("%1", customer_label(customer)))
        self._update_customer_panel()
        self.refresh_account()
        self.requote()

    def detach_customer(self) -> None:
        self.customer = None
        self.account = None
        self.tier = None
        self._update_customer_panel()
        self.requote()

    def refresh_account(self) -> None:
        if self.customer is None:
            return
        customer_id = self.customer.id
        self.jobs.run(
            lambda: customers.account(self.station, customer_id),
            self._account_loaded,
        )
        self.jobs.run(
            lambda: tiers.customer_tier(self.station, customer_id),
            lambda tier: self._tier_loaded(customer_id, tier),
        )

    def _account_loaded(self, account: CustomerAccount) -> None:
        if self.customer is not None and account.summary.id == self.customer.id:
            self.account = account
            self._update_customer_panel()

    def _tier_loaded(self, customer_id: int, tier: CustomerTier | None) -> None:
        if self.customer is not None and self.customer.id == customer_id:
            self.tier = tier
            self._update_customer_panel()

    def _update_customer_panel(self) -> None:
        self.detach_button.setVisible(self.customer is not None)
        self.balance_label.setVisible(self.customer is not None and self.account is not None)
        if self.customer is None:
            self.customer_label.setText(self.tr("Sem cliente (F2 para identificar)"))
            self.balance_label.clear()
            self.loyalty_label.clear()
            self.tier_label.clear()
            self.earn_label.clear()
            return
        self.tier_label.setText(self.tier.text(self.lang) if self.tier is not None else "")
        self.customer_label.setText(customer_label(self.customer))
        lines: list[str] = []
        if self.account is not None:
            balance = self.account.balance
            points = self.quote.points if self.quote is not None else False
            self.balance_label.setText(
                self.tr("Saldo disponível: %1").replace(
                    "%1", self.money(self.account.spendable_value)
                )
            )
            if balance.pending:
                lines.append(
                    self.tr("A liberar: %1").replace("%1", self._units(balance.pending, points))
                )
            if balance.expiring_soon:
                lines.append(
                    self.tr("Vence em breve: %1").replace(
                        "%1", self._units(balance.expiring_soon, points)
                    )
                )
            for voucher in self.account.open_vouchers:
                value = (
                    f"{voucher.percent_bps / 100:g}%"
                    if voucher.percent_bps
                    else self.money(voucher.value)
                )
                lines.append(
                    self.tr("Vale %1: %2 (até %3)")
                    .replace("%1", voucher.code)
                    .replace("%2", value)
                    .replace("%3", voucher.expires_at.strftime("%d/%m/%Y"))
                )
            if not self.account.open_vouchers:
                lines.append(self.tr("Nenhum vale em aberto"))
        else:
            lines.append(self.tr("Carregando saldo…"))
        self.loyalty_label.setText("\n".join(lines))
        if self.quote is not None and self.model.rowCount():
            earn = (
                self.tr("%n ponto(s)", "", self.quote.earn_units)
                if self.quote.points
                else self.money(self.quote.earn_value)
            )
            text = self.tr("Esta compra rende: %1").replace("%1", earn)
            if self.quote.redeem_cap > 0 and self.quote.points:
                text += " " + self.tr("(sem usar pontos; os pontos usados não rendem)")
            elif self.quote.redeem_cap > 0:
                text += " " + self.tr("(sem usar cashback; o cashback usado não rende)")
            self.earn_label.setText(text)
        else:
            self.earn_label.clear()

    def _units(self, units: int, points: bool) -> str:
        return self.tr("%n ponto(s)", "", units) if points else self.money(units)

    # -- paying -----------------------------------------------------------------

    def pay(self) -> None:
        if self.payment_dialog is not None and self.payment_dialog.isVisible():
            return
        if self.model.rowCount() == 0:
            self.say(self.tr("A venda não tem itens."))
            return
        if self._staff_id() is None:
            return
        if self._quote_pending() or self.quote is None or self._finding_cpf:
            # F10 right after a scan, a CPF or a customer: the payment waits for their quote
            self._pay_when_quoted = True
            if self._quoting is None and not self._requote_scheduled:
                self.requote()  # the last quote failed: try again rather than wait for none
            return
        for row in self.model.rows:
            if row.is_service and row.professional_id is None:
                self.say(
                    self.tr("Escolha o profissional de “%1” (toque no nome ou Alt+1…9).").replace(
                        "%1", row.item.name
                    )
                )
                self.table.setCurrentIndex(
                    self.model.index(self.model.rows.index(row), PROFESSIONAL)
                )
                return
        total = self.quote.total
        customer_id = self.customer.id if self.customer else None
        station, lines, off = self.station, self.model.requests(), self.sale_discount_centavos()
        if self.sale_uuid is None:  # a voucher checked online is claimed for this sale
            self.sale_uuid = str(uuid.uuid4())
        authority, sale_uuid = self.context.authority, self.sale_uuid
        dialog = PaymentDialog(
            total,
            CashbackLimits.of(self.quote) if customer_id is not None else None,
            locale=self.lang,
            check_voucher=lambda offered: preview_voucher(
                station, offered, customer_id, total, authority=authority, sale_uuid=sale_uuid
            ),
            earn_for=lambda paid: quote(
                station, lines, customer_id=customer_id, sale_discount=off, loyalty_paid=paid
            ),
            earn_now=self.quote if customer_id is not None else None,
            cpf=(self.customer.cpf or "") if self.customer else "",
            parent=self,
        )
        dialog.complete_tenders = TenderDetails(
            station, self._signed_in_id, locale=self.lang, printing=self.context.printing
        )
        dialog.submitted.connect(lambda payments: self._checkout(dialog, payments, None))
        dialog.finished.connect(lambda _result: self._payment_closed(dialog))
        self.payment_dialog = dialog
        dialog.open()

    def _signed_in_id(self) -> int | None:
        return self.context.staff.id if self.context.staff is not None else None

    def _payment_closed(self, dialog: PaymentDialog) -> None:
        if self.payment_dialog is dialog:
            self.payment_dialog = None
        if isinstance(dialog.complete_tenders, TenderDetails):
            dialog.complete_tenders.let_go()
        dialog.deleteLater()
        self.input.setFocus()

    def _checkout(
        self, dialog: PaymentDialog, payments: list[TenderRequest], manager_pin: str | None
    ) -> None:
        staff_id = self._staff_id()
        if staff_id is None:
            dialog.show_error(self.message.text())
            return
        if self.sale_uuid is None:
            self.sale_uuid = str(uuid.uuid4())
        request = CheckoutRequest(
            staff_id=staff_id,
            lines=self.model.requests(),
            payments=payments,
            customer_id=self.customer.id if self.customer else None,
            sale_discount=self.sale_discount_centavos(),
            manager_pin=manager_pin,
            sale_uuid=self.sale_uuid,
            cpf_on_note=dialog.cpf_on_note(),
        )
        station, authority = self.station, self.context.authority
        self.jobs.run(
            lambda: checkout(station, request, authority),
            lambda result: self._sale_done(dialog, result),
            lambda error: self._checkout_refused(dialog, payments, manager_pin, error),
        )

    def _checkout_refused(
        self,
        dialog: PaymentDialog,
        payments: list[TenderRequest],
        manager_pin: str | None,
        error: Exception,
    ) -> None:
        if isinstance(error, NotAuthorized) and manager_pin is None:
            pin = self.ask_pin(self, said(str(error.params.get("action", "")), self.lang, {}))
            if pin:
                self._checkout(dialog, payments, pin)
                return
        text = self.refusal_text(error, manager_pin is not None)
        dialog.show_error(text)
        self.context.events.status.emit(text)

    def refusal_text(self, error: Exception, pin_given: bool) -> str:
        """The refusal in words; a manager PIN that authorized nothing is said to be wrong."""
        if isinstance(error, NotAuthorized) and pin_given:
            return self.tr(
                "PIN de gerente incorreto (ou sem permissão): %1 não foi autorizado."
            ).replace("%1", said(str(error.params.get("action", "")), self.lang, {}))
        return error_text(error, self.lang)

    def _sale_done(self, dialog: PaymentDialog, result: SaleResult) -> None:
        dialog.finish()
        self.last_sale = result
        customer = self.customer
        self.last_sale_label.setText(self.sale_summary(result))
        text = self.tr("Venda nº %1 concluída: %2").replace("%1", f"{result.number:06d}")
        text = text.replace("%2", self.money(result.total))
        if result.change:
            text += " · " + self.tr("Troco: %1").replace("%1", self.money(result.change))
        text += " · " + self.tr("Ctrl+E envia o comprovante")
        self.model.clear()
        self.sale_uuid = None
        self.customer = None
        self.account = None
        self.tier = None
        self.quote = None
        self._unknown_cpf = ""
        self._update_totals()
        self._update_customer_panel()
        if result.change:
            self.change_label.setText(self.tr("Troco: %1").replace("%1", self.money(result.change)))
            self.change_label.setVisible(True)
        self.say(text)
        self.offer_nps(result.uuid, result.number)
        self.context.events.sale_committed.emit(result.sale_id)
        if customer is not None:
            self.context.events.customer_changed.emit(customer.id)
        self.print_receipt(result.sale_id)

    def sale_summary(self, result: SaleResult) -> str:
        """The sale as the receipt shows it: lines, total, payments, change, new balance."""
        points = result.points
        out = [self.tr("Venda nº %1").replace("%1", f"{result.number:06d}")]
        for line in result.lines:
            out.append(f"{line.description}  {self.money(line.net)}")
        out.append(self.tr("TOTAL %1").replace("%1", self.money(result.total)))
        for tender, amount in result.payments:
            out.append(f"{tender_name(tender, self.lang)}  {self.money(amount)}")
        if result.change:
            out.append(self.tr("Troco %1").replace("%1", self.money(result.change)))
        if result.customer is not None:
            out.append(self.tr("Cliente: %1").replace("%1", result.customer.name))
            if result.earned:
                earned = str(result.earned) if points else self.money(result.earned)
                name = self.tr("Pontos ganhos") if points else self.tr("Cashback ganho")
                out.append(f"{name} {earned}")
            if result.balance is not None:
                total = result.balance.current
                out.append(
                    self.tr("Saldo de pontos %1").replace("%1", str(total))
                    if points
                    else self.tr("Saldo de cashback %1").replace("%1", self.money(total))
                )
            for voucher in result.vouchers_issued:
                out.append(
                    self.tr("Vale novo %1: %2")
                    .replace("%1", voucher.code)
                    .replace("%2", self.money(voucher.value))
                )
        return "\n".join(out)

    # -- the satisfaction score --------------------------------------------------

    def offer_nps(self, sale_uuid: str, number: int) -> None:
        """Ask "how was it?" for the sale just made (replacing any earlier question)."""
        self.nps_sale = sale_uuid
        self.nps_question.setText(
            self.tr("Como foi o atendimento? Nota de 0 a 10 (venda nº %1)").replace(
                "%1", f"{number:06d}"
            )
        )
        for button in self.nps_buttons:
            button.setEnabled(True)
        self.nps_panel.setVisible(True)

    def record_nps(self, score: int) -> None:
        """One tap records the score once: the buttons go away at once, a second is refused."""
        sale_uuid = self.nps_sale
        if sale_uuid is None:
            return
        staff_id = self._staff_id()
        if staff_id is None:
            return
        self.nps_sale = None
        for button in self.nps_buttons:
            button.setEnabled(False)
        station = self.station
        self.jobs.run(
            lambda: record_score(station, sale_uuid, score, staff_id),
            self._nps_recorded,
            self._nps_refused,
        )

    def _nps_recorded(self, score: int) -> None:
        if self.nps_sale is None:
            self.nps_panel.setVisible(False)
        self.say(self.tr("Nota %1 registrada. Obrigado!").replace("%1", str(score)))

    def _nps_refused(self, error: Exception) -> None:
        if self.nps_sale is None:
            self.nps_panel.setVisible(False)
        self.say(error_text(error, self.lang))

    def skip_nps(self) -> None:
        self.nps_sale = None
        self.nps_panel.setVisible(False)

    # -- printing ---------------------------------------------------------------

    def print_receipt(self, sale_id: int) -> None:
        printing = self.context.printing
        self.jobs.run(lambda: printing.print_sale(sale_id), self._watch_print)
        self.jobs.run(lambda: printing.preview_png(SALE, sale_id), self._show_preview)

    def reprint(self) -> None:
        """F7: send again what the printer did not take; else the last receipt once more."""
        printing = self.context.printing

        def again() -> list[Future[PrintOutcome]]:
            futures = printing.retry_failed()
            if futures:
                return futures
            last = printing.last_sale_id()
            return [printing.print_sale(last)] if last is not None else []

        def started(futures: list[Future[PrintOutcome]]) -> None:
            if not futures:
                self.say(self.tr("Nenhum recibo para reimprimir."))
            for future in futures:
                self._watch_print(future)

        self.say(self.tr("Reimprimindo…"))
        self.jobs.run(again, started)

    def _watch_print(self, future: Future[PrintOutcome]) -> None:
        self.jobs.count += 1
        when_done(self, future, self._print_finished)

    def _print_finished(self, future: Future[PrintOutcome]) -> None:
        self.jobs.count -= 1
        try:
            outcome = future.result()
        except Exception as error:
            text = self.tr("Falha na impressão: %1. A venda está salva; F7 reimprime.").replace(
                "%1", error_text(error, self.lang)
            )
            self.context.events.printer_state.emit(False, text)
            self.say(text)
            return
        self.last_print = outcome
        missing = outcome.missing(self.lang)
        if outcome.printed and missing:
            text = self.tr(
                "Recibo impresso, mas falta nota fiscal: %1 Chame o gerente (Gerência > Fiscal)."
            ).replace("%1", missing)
            self.context.events.printer_state.emit(True, self.tr("Recibo impresso."))
            self.say(text)
        elif outcome.printed:
            text = self.tr("Recibo impresso.")
            self.context.events.printer_state.emit(True, text)
            self.context.events.status.emit(text)
        else:
            text = self.tr("Falha na impressão: %1. A venda está salva; F7 reimprime.").replace(
                "%1", outcome.error(self.lang) or "?"
            )
            self.context.events.printer_state.emit(False, text)
            self.say(text)

    def _show_preview(self, png: bytes) -> None:
        self.receipt_view.show_png(png)

    def show_receipt(self) -> None:
        """F12: the last receipt, whole and readable, in a dialog."""
        if self.receipt_view.original.isNull():
            self.say(self.tr("Nenhum recibo para mostrar."))
            return
        dialog = ReceiptDialog(self.receipt_view.original, self)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.receipt_dialog = dialog
        dialog.open()

    def send_receipt(self) -> None:
        """Ctrl+E: the last sale's receipt by e-mail or WhatsApp, instead of or with paper."""
        sale, staff_id = self.last_sale, self._staff_id()
        if sale is None:
            self.say(self.tr("Nenhuma venda para enviar o comprovante."))
            return
        if staff_id is None:
            return
        dialog = SendReceiptDialog(
            self.station,
            sale.sale_id,
            sale.number,
            staff_id,
            self.lang,
            self,
            on_sent=lambda sent: self.say(
                self.tr("Comprovante na fila para %1.").replace("%1", sent.to)
            ),
        )
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.send_dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: QWidget) -> None:
        dialog.deleteLater()
        self.input.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- park, recall, cancel -------------------------------------------------------

    def park(self) -> None:
        if self.model.rowCount() == 0:
            self.say(self.tr("Não há venda para estacionar."))
            return
        staff_id = self._staff_id()
        if staff_id is None:
            return
        lines = self.model.requests()
        customer = self.customer
        label = customer.name if customer else ""
        discount = self.sale_discount or SaleDiscount()
        self.jobs.run(
            lambda: parking.park(
                self.station,
                label=label,
                staff_id=staff_id,
                lines=lines,
                customer_id=customer.id if customer else None,
                sale_discount=discount.amount,
                sale_discount_bps=discount.percent_bps,
            ),
            self._parked,
        )

    def _parked(self, parked_id: int) -> None:
        self.model.clear()
        self.sale_uuid = None
        self.detach_customer()
        self.say(self.tr("Venda estacionada (nº %1). F6 recupera.").replace("%1", str(parked_id)))

    def open_recall(self) -> None:
        if self.model.rowCount():
            self.say(self.tr("Finalize ou estacione a venda atual antes de recuperar outra."))
            return
        self.jobs.run(lambda: parking.parked(self.station), self._show_parked)

    def _show_parked(self, carts: list[ParkedCart]) -> None:
        if not carts:
            self.say(self.tr("Nenhuma venda estacionada."))
            return
        dialog = ParkedDialog(carts, self.context.settings.timezone, self)
        dialog.chosen.connect(self.recall)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.parked_dialog = dialog
        dialog.open()

    def recall(self, parked_id: int) -> None:
        staff_id = self._staff_id()
        if staff_id is None:
            return
        station = self.station

        def work() -> tuple[ParkedCart, dict[int, ItemView], CustomerSummary | None]:
            cart = parking.recall(station, parked_id, staff_id)
            items = items_by_id(station, [line.item_id for line in cart.lines])
            summary = (
                customers.account(station, cart.customer_id).summary
                if cart.customer_id is not None
                else None
            )
            return cart, items, summary

        self.jobs.run(work, self._recalled)

    def _recalled(
        self, found: tuple[ParkedCart, dict[int, ItemView], CustomerSummary | None]
    ) -> None:
        cart, items, summary = found
        rows = [
            CartRow(
                items[line.item_id],
                line.quantity,
                line.discount,
                line.unit_price,
                line.professional_id,
            )
            for line in cart.lines
            if line.item_id in items
        ]
        self.customer = summary
        self.account = None
        # the whole-sale discount as it was typed, before the rows ask for a quote
        if cart.sale_discount or cart.sale_discount_bps:
            self.sale_discount = SaleDiscount(cart.sale_discount, cart.sale_discount_bps)
        else:
            self.sale_discount = None
        self.model.set_rows(rows)
        if summary is not None:
            self.refresh_account()
        self._update_customer_panel()
        self.say(self.tr("Venda recuperada: %1").replace("%1", cart.label))

    def cancel_sale(self) -> None:
        """F8: drop the cart in progress; a manager authorizes and the audit log keeps it."""
        if self.model.rowCount() == 0:
            self.say(self.tr("Não há venda em andamento para cancelar."))
            return
        staff_id = self._staff_id()
        if staff_id is None:
            return
        pin = self.ask_pin(self, cart_audit.ACTION)
        if not pin:
            self.say(self.tr("Cancelamento não autorizado."))
            return
        lines = self.model.rowCount()
        total = self.quote.total if self.quote is not None else 0
        self.jobs.run(
            lambda: cart_audit.record_cart_cancel(self.station, staff_id, pin, lines, total),
            self._cancelled,
            lambda error: self.say(self.refusal_text(error, True)),
        )

    def _cancelled(self, manager: StaffRef) -> None:
        self.model.clear()
        self.sale_uuid = None
        self.detach_customer()
        self.say(self.tr("Venda cancelada, autorizada por %1.").replace("%1", manager.name))
