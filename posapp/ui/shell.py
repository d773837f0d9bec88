"""The counter's window: sign-in, then Venda, Clientes and Vendas, with the status bar.

A QStackedWidget holds the screens; buttons on the top bar and shortcuts
(Ctrl+1 Venda, Ctrl+2 Clientes, Ctrl+3 Vendas, Ctrl+4 Caixa, Ctrl+5 Gerência and Ctrl+6
Painel for managers, Ctrl+7 Agenda, Ctrl+L sair)
move between them; the sale screen keeps F2..F10 and Del for itself. The status bar says
who is signed in, the shift, the printer (from `Events.printer_state` and the print queue), the
scanner and sync, and shows a busy bar while background work runs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from posapp.core.errors import PosError
from posapp.services.cash.shifts import ShiftView, current_shift
from posapp.services.common.auth import StaffRef
from posapp.services.common.changes import Change
from posapp.services.common.store_info import store_info
from posapp.services.sales.printing import FAILED, QueuedJob
from posapp.services.sync.status import SyncStatus, sync_status
from posapp.ui import runner
from posapp.ui.context import UiContext
from posapp.ui.fit import ElidedLabel, fit_to_screen
from posapp.ui.formatting import moment
from posapp.ui.printed_window import show_printed, virtual_name
from posapp.ui.runner import run_in_background
from posapp.ui.signin import SignInScreen, role_name
from posapp.ui.sync_line import status_text

if TYPE_CHECKING:
    from posapp.services.sales.parking import ParkedCart
    from posapp.ui.sale.screen import SaleScreen

W = TypeVar("W", bound=QWidget)

BUSY_POLL_MS = 150
SYNC_POLL_MS = 5_000
SALE, CUSTOMERS, SALES = "sale", "customers", "sales"
CASH = "cash"
DASHBOARD = "dashboard"
AGENDA = "agenda"
SETTINGS = "settings"
MANAGERS_ONLY = frozenset({DASHBOARD, SETTINGS})
"""Screens only managers and admins see (their buttons are hidden from anyone else)."""


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


def load_sale_screen() -> Callable[[UiContext], QWidget] | None:
    """The sale screen's class, or None while it does not exist in this build."""
    for module_name in ("posapp.ui.sale", "posapp.ui.sale.screen"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        screen = getattr(module, "SaleScreen", None)
        if screen is not None:
            return cast(Callable[[UiContext], QWidget], screen)
    return None


def background_busy() -> bool:
    """Whether any screen's background call (run_in_background) is still running."""
    return runner.pending_count() > 0


class Shell(QMainWindow):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shell")
        self.context = context
        info = store_info(context.station)
        title = f"{info.name} — posapp"
        self.setWindowTitle(
            self.tr("%1 (demonstração)").replace("%1", title) if context.demo else title
        )
        fit_to_screen(self)
        self.screens: dict[str, QWidget] = {}
        self.left_open_text = ""
        """What the last sign-in said about carts parked when the counter was left."""

        self.signin = SignInScreen(context)
        self.signin.signed_in.connect(self.signed_in)
        self.stack = _named(QStackedWidget(), "screens")
        self.stack.addWidget(self.signin)

        self.nav = _named(QFrame(), "navBar")
        store = self.nav_store = _named(ElidedLabel(info.name), "navStore")
        self.sale_button = _named(QPushButton(self.tr("Venda")), "navSale")
        self.customers_button = _named(QPushButton(self.tr("Clientes")), "navCustomers")
        self.sales_button = _named(QPushButton(self.tr("Vendas")), "navSales")
        self.sale_button.setToolTip("Ctrl+1")
        self.customers_button.setToolTip("Ctrl+2")
        self.sales_button.setToolTip("Ctrl+3")
        self.cash_button = _named(QPushButton(self.tr("Caixa")), "navCash")
        self.cash_button.setToolTip("Ctrl+4")
        self.dashboard_button = _named(QPushButton(self.tr("Painel")), "navDashboard")
        self.dashboard_button.setToolTip("Ctrl+6")
        self.nav_buttons = {
            SALE: self.sale_button,
            CUSTOMERS: self.customers_button,
            SALES: self.sales_button,
            CASH: self.cash_button,
        }
        self.nav_buttons[DASHBOARD] = self.dashboard_button
        self.agenda_button = _named(QPushButton(self.tr("Agenda")), "navAgenda")
        self.agenda_button.setToolTip("Ctrl+7")
        self.nav_buttons[AGENDA] = self.agenda_button
        self.settings_button = _named(QPushButton(self.tr("Gerência")), "navSettings")
        self.settings_button.setToolTip("Ctrl+5")
        self.nav_buttons[SETTINGS] = self.settings_button
        self.nav_group = QButtonGroup(self)
        for button in self.nav_buttons.values():
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.nav_group.addButton(button)
        self.sale_button.clicked.connect(lambda: self.show_screen(SALE))
        self.customers_button.clicked.connect(lambda: self.show_screen(CUSTOMERS))
        self.sales_button.clicked.connect(lambda: self.show_screen(SALES))
        self.cash_button.clicked.connect(lambda: self.show_screen(CASH))
        self.agenda_button.clicked.connect(lambda: self.show_screen(AGENDA))
        self.dashboard_button.clicked.connect(lambda: self.show_screen(DASHBOARD))
        self.settings_button.clicked.connect(lambda: self.show_screen(SETTINGS))
        self.nav_staff = _named(ElidedLabel(""), "navStaff")
        self.sign_out_button = _named(QPushButton(self.tr("Sair")), "signOut")
        self.sign_out_button.setToolTip("Ctrl+L")
        self.sign_out_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sign_out_button.clicked.connect(self.sign_out)
        nav_layout = QHBoxLayout(self.nav)
        nav_layout.setContentsMargins(16, 8, 16, 8)
        nav_layout.setSpacing(8)
        nav_layout.addWidget(store)
        nav_layout.addSpacing(24)
        nav_layout.addWidget(self.sale_button)
        nav_layout.addWidget(self.customers_button)
        nav_layout.addWidget(self.sales_button)
        nav_layout.addWidget(self.cash_button)
        nav_layout.addWidget(self.agenda_button)
        nav_layout.addWidget(self.settings_button)
        nav_layout.addWidget(self.dashboard_button)
        nav_layout.addStretch(1)
        nav_layout.addWidget(self.nav_staff)
        nav_layout.addWidget(self.sign_out_button)
        self.nav.setVisible(False)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_status_bar()
        self.shortcuts = {
            SALE: QShortcut(QKeySequence("Ctrl+1"), self, lambda: self.show_screen(SALE)),
            CUSTOMERS: QShortcut(QKeySequence("Ctrl+2"), self, lambda: self.show_screen(CUSTOMERS)),
            SALES: QShortcut(QKeySequence("Ctrl+3"), self, lambda: self.show_screen(SALES)),
            CASH: QShortcut(QKeySequence("Ctrl+4"), self, lambda: self.show_screen(CASH)),
            "sign_out": QShortcut(QKeySequence("Ctrl+L"), self, self.sign_out),
        }
        self.shortcuts[DASHBOARD] = QShortcut(
            QKeySequence("Ctrl+6"), self, lambda: self.show_screen(DASHBOARD)
        )
        self.shortcuts[SETTINGS] = QShortcut(
            QKeySequence("Ctrl+5"), self, lambda: self.show_screen(SETTINGS)
        )
        self.shortcuts[AGENDA] = QShortcut(
            QKeySequence("Ctrl+7"), self, lambda: self.show_screen(AGENDA)
        )
        for shortcut in self.shortcuts.values():
            shortcut.setEnabled(False)
        context.events.printer_state.connect(self.printer_changed)
        context.events.changed.connect(self.on_changed)
        context.events.status.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.printer_changed(None, "")
        self.customer_display: QWidget | None = None
        """The customer's screen on a second monitor (None with one monitor)."""
        self._display_checked = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._display_checked:
            self._display_checked = True
            self.open_customer_display()

    def open_customer_display(self) -> None:
        """A second monitor, when the PC has one, faces the customer with the sale."""
        try:
            from posapp.ui.sale.customer_display import open_customer_display
        except ImportError:  # a build without the sale screen
            return

        def sale() -> SaleScreen | None:
            screen = self.screens.get(SALE)
            return cast("SaleScreen", screen) if screen is not None else None

        name = store_info(self.context.station).name
        self.customer_display = open_customer_display(self, name, self.context.locale, sale)

    def on_changed(self, changes: frozenset[Change]) -> None:
        """The store renamed or the printer changed in Gerência: the window follows."""
        if Change.STORE in changes:
            name = store_info(self.context.station).name
            title = f"{name} — posapp"
            self.setWindowTitle(
                self.tr("%1 (demonstração)").replace("%1", title) if self.context.demo else title
            )
            self.nav_store.setText(name)
        if changes & {Change.DEVICES, Change.SETTINGS}:
            uri = self.context.settings.printer_uri
            self.printed_button.setVisible(virtual_name(uri) is not None)

    # -- the status bar ------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        bar.setSizeGripEnabled(False)
        self.busy = _named(QProgressBar(), "busyBar")
        self.busy.setRange(0, 0)
        self.busy.setFixedWidth(120)
        self.busy.setTextVisible(False)
        self.busy.setVisible(False)
        self.staff_status = _named(ElidedLabel(self.tr("Ninguém no caixa")), "statusStaff")
        self.shift_status = _named(ElidedLabel(self.tr("Turno: —")), "statusShift")
        self.printer_status = _named(ElidedLabel(self.tr("Impressora OK")), "statusPrinter")
        serial_scanner = self.context.settings.scanner_uri.strip()
        self.scanner_status = _named(
            ElidedLabel(
                self.tr("Leitor: %1").replace("%1", serial_scanner)
                if serial_scanner
                else self.tr("Leitor: teclado")
            ),
            "statusScanner",
        )
        self.sync_status = _named(ElidedLabel(self.tr("Sincronização: desligada")), "statusSync")
        bar.addPermanentWidget(self.busy)
        self.printed_button = _named(QPushButton(self.tr("Impressões")), "showPrinted")
        self.printed_button.setToolTip(self.tr("O que a impressora virtual imprimiu"))
        self.printed_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.printed_button.setVisible(virtual_name(self.context.settings.printer_uri) is not None)
        self.printed_button.clicked.connect(
            lambda: show_printed(self.context.settings.printer_uri, self)
        )
        bar.addPermanentWidget(self.printed_button)
        for label in (
            self.staff_status,
            self.shift_status,
            self.printer_status,
            self.scanner_status,
            self.sync_status,
        ):
            label.setProperty("statusItem", True)
            bar.addPermanentWidget(label)
        self._busy_timer = QTimer(self)
        self._busy_timer.setInterval(BUSY_POLL_MS)
        self._busy_timer.timeout.connect(self._poll_busy)
        self._busy_timer.start()
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(SYNC_POLL_MS)
        self._sync_timer.timeout.connect(self.refresh_sync)
        self._sync_timer.start()
        self.context.events.sync_changed.connect(self.refresh_sync)
        self.refresh_sync()

    def _poll_busy(self) -> None:
        self.busy.setVisible(background_busy())

    def refresh_sync(self) -> None:
        """Online or offline, what waits to be sent, the last sync (read off the GUI thread)."""
        context = self.context

        def show(status: SyncStatus) -> None:
            text = status_text(status, context.locale, context.settings.timezone)
            self.sync_status.setText(text)
            state = "off" if not status.configured else "ok" if status.online else "error"
            self.sync_status.setProperty("state", state)
            self.sync_status.style().unpolish(self.sync_status)
            self.sync_status.style().polish(self.sync_status)

        run_in_background(self, lambda: sync_status(context.station), show, busy=False)

    def printer_text(self, ok: bool, text: str, queued: int) -> str:
        if ok:
            if queued:
                return self.tr("Impressora OK (%1 na fila)").replace("%1", str(queued))
            return self.tr("Impressora OK")
        cause = text.rsplit(": ", 1)[-1].strip().rstrip(".") or self.tr("erro")
        return (
            self.tr("Impressora: %1 (%2 na fila)").replace("%1", cause).replace("%2", str(queued))
        )

    def printer_changed(self, ok: bool | None, text: str) -> None:
        """After a print (or at start, ok=None): read the queue off the GUI thread, then say."""

        def show(queue: list[QueuedJob]) -> None:
            state, reason = ok, text
            if state is None:
                failed = [job for job in queue if job.status == FAILED]
                state = not failed
                reason = failed[-1].last_error or "" if failed else ""
            self.printer_status.setText(self.printer_text(state, reason, len(queue)))
            self.printer_status.setProperty("state", "ok" if state else "error")
            self.printer_status.style().unpolish(self.printer_status)
            self.printer_status.style().polish(self.printer_status)

        run_in_background(self, self.context.printing.queue, show)

    # -- screens -------------------------------------------------------------------

    def screen_for(self, name: str) -> QWidget:
        """The screen, built the first time it is asked for."""
        if name not in self.screens:
            widget = self._make(name)
            widget.setProperty("screenName", name)
            self.screens[name] = widget
            self.stack.addWidget(widget)
        return self.screens[name]

    def _make(self, name: str) -> QWidget:
        if name == SETTINGS:
            from posapp.ui.settings.screen import SettingsScreen

            return SettingsScreen(self.context)
        if name == DASHBOARD:
            from posapp.ui.dashboard.screen import DashboardScreen

            return DashboardScreen(self.context)
        if name == CUSTOMERS:
            from posapp.ui.customers.screen import CustomersScreen

            return CustomersScreen(self.context)
        if name == CASH:
            from posapp.ui.cash.screen import CashScreen

            cash = CashScreen(self.context)
            cash.shift_changed.connect(self.refresh_shift)
            return cash
        if name == AGENDA:
            from posapp.ui.agenda.screen import AgendaScreen

            return AgendaScreen(self.context)
        if name == SALES:
            from posapp.ui.sales.screen import SalesScreen

            return SalesScreen(self.context)
        sale_screen = load_sale_screen()
        if sale_screen is not None:
            return sale_screen(self.context)
        placeholder = _named(
            QLabel(self.tr("A tela de venda ainda não está disponível.")), "salePlaceholder"
        )
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return placeholder

    def show_screen(self, name: str) -> None:
        if self.context.staff is None:
            return
        if name in MANAGERS_ONLY and not self.context.staff.is_manager:
            return
        widget = self.screen_for(name)
        self.stack.setCurrentWidget(widget)
        self.nav_buttons[name].setChecked(True)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if name == CUSTOMERS:
            search = getattr(widget, "search_box", None)
            if isinstance(search, QWidget):
                search.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def current(self) -> QWidget:
        widget = self.stack.currentWidget()
        assert widget is not None
        return widget

    # -- who is at the counter -----------------------------------------------------

    def refresh_shift(self) -> None:
        """The status bar's "Turno:" after a sign-in or a shift opened or closed."""

        def show(shift: ShiftView | None) -> None:
            if shift is None:
                self.shift_status.setText(self.tr("Turno: —"))
                return
            opened = moment(shift.opened_at, self.context.locale, self.context.settings.timezone)
            self.shift_status.setText(
                self.tr("Turno: aberto por %1 em %2")
                .replace("%1", shift.opened_by)
                .replace("%2", opened)
            )

        run_in_background(self, lambda: current_shift(self.context.station), show)

    def signed_in(self, staff: StaffRef) -> None:
        self.context.staff = staff
        self.context.events.staff_changed.emit()
        self.refresh_shift()
        who = f"{staff.name} ({role_name(staff.role)})"
        self.nav_staff.setText(who)
        self.staff_status.setText(who)
        self.nav.setVisible(True)
        self.dashboard_button.setVisible(staff.is_manager)
        self.settings_button.setVisible(staff.is_manager)
        for shortcut in self.shortcuts.values():
            shortcut.setEnabled(True)
        self.show_screen(SALE)
        self.tell_left_open()

    def leave_sale(self) -> bool:
        """Before anyone leaves the counter: park the cart in progress and clear the sale
        screen (posapp.ui.sale.leaving). False when the cart could not be kept: then nobody
        leaves, and the screen says what to do."""
        screen = self.screens.get(SALE)
        if screen is None or not hasattr(screen, "model"):
            return True
        from posapp.ui.sale.leaving import park_left_open

        try:
            park_left_open(cast("SaleScreen", screen))
        except Exception as error:  # the database refused: keep the window and the cart
            cause = error.message(self.context.locale) if isinstance(error, PosError) else error
            text = self.tr(
                "Não foi possível guardar a venda em andamento (%1). Estacione (F5) ou "
                "cancele (F8) a venda antes de sair."
            ).replace("%1", str(cause))
            say = getattr(screen, "say", None)
            if callable(say):
                say(text)
            self.statusBar().showMessage(text, 15_000)
            return False
        return True

    def tell_left_open(self) -> None:
        """After a sign-in: say which carts were parked when the counter was last left."""
        from posapp.services.sales.parking import left_open
        from posapp.ui.sale.leaving import left_open_notice

        def show(carts: list[ParkedCart]) -> None:
            text = left_open_notice(carts)
            if not text:
                return
            self.left_open_text = text
            screen = self.screens.get(SALE)
            say = getattr(screen, "say", None)
            if callable(say):
                say(text)
            else:
                self.statusBar().showMessage(text, 15_000)

        run_in_background(self, lambda: left_open(self.context.station), show)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window never loses a cart: it is parked, and said at the next sign-in."""
        if self.context.staff is not None and not self.leave_sale():
            event.ignore()
            return
        if self.customer_display is not None:
            self.customer_display.close()
        super().closeEvent(event)

    def sign_out(self) -> None:
        if self.context.staff is None or not self.leave_sale():
            return
        self.context.staff = None
        self.context.events.staff_changed.emit()
        self.nav.setVisible(False)
        self.nav_staff.setText("")
        self.staff_status.setText(self.tr("Ninguém no caixa"))
        for shortcut in self.shortcuts.values():
            shortcut.setEnabled(False)
        self.signin.reset()
        self.stack.setCurrentWidget(self.signin)
