"""Clientes: find a customer, see who they are, their balance, history, vouchers, referrals.

Salon staff use it at the counter: search by name, CPF or mobile; the profile
shows the details and consent, the balance (spendable, pending, expiring soon),
the whole ledger with the sale behind each movement (double-click opens that
sale's receipt), the vouchers and the people the customer referred. From here
they edit details and consent, print a balance slip with the customer's card QR,
and (with a manager's PIN) adjust a balance, and answer the customer's LGPD
rights: export their data to a JSON file, or anonymize them (after a
confirmation that says what goes, what stays and that backups keep the old data
until they age out).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from posapp.core.cpf import mask_cpf
from posapp.core.errors import PosError
from posapp.core.program import LoyaltyProgram, ProgramMode
from posapp.services.common.changes import Change
from posapp.services.common.counter_settings import load_settings
from posapp.services.common.store_info import store_info
from posapp.services.customers import adjustments
from posapp.services.customers import history as customer_history
from posapp.services.customers import registry as customers
from posapp.services.customers.edit import update_customer
from posapp.services.customers.privacy import Anonymized, anonymize_customer, save_export
from posapp.services.sales.printing import PrintOutcome
from posapp.ui.context import UiContext
from posapp.ui.customer_table import (
    CustomerRow,
    CustomerTableModel,
    find_customers,
    mask_mobile,
)
from posapp.ui.customers.dialogs import (
    AdjustBalanceDialog,
    EditCustomerDialog,
    EditedDetails,
    ReceiptPreviewDialog,
)
from posapp.ui.customers.models import (
    SALE_ID_ROLE,
    HistoryTableModel,
    ReferralTableModel,
    VoucherTableModel,
)
from posapp.ui.dialogs.manager_pin import ask_manager_pin
from posapp.ui.fit import scrolling
from posapp.ui.formatting import day, moment, money
from posapp.ui.program_text import program_rules
from posapp.ui.runner import run_in_background
from posapp.ui.widgets import named as _named
from posapp.ui.widgets import read_only_table as _table
from posapp.ui.widgets import show_message

SEARCH_DELAY_MS = 200
"""Typing pauses this long before the search runs; Enter searches at once."""
SLIP_TIMEOUT_S = 60.0
LGPD_REASON = "pedido do titular (LGPD)"
"""The reason audited for an anonymization asked for at the counter."""


def choose_save_file(parent: QWidget, title: str, suggested: str) -> str | None:
    """A file name from the system's save dialog; None when cancelled."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, "JSON (*.json)")
    return name or None


class CustomersScreen(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customersScreen")
        self.context = context
        locale, zone = context.locale, context.settings.timezone
        self.customer_id: int | None = None
        self.edit_dialog: EditCustomerDialog | None = None
        self.adjust_dialog: AdjustBalanceDialog | None = None
        self.preview_dialog: ReceiptPreviewDialog | None = None
        self.ask_pin: Callable[[QWidget | None, str], str | None] = ask_manager_pin
        """Asks for the manager's PIN (a blocking dialog); replaceable."""
        self.confirm: Callable[[QWidget, str, str], bool] = self._confirm
        """Asks before an action that cannot be undone (a blocking dialog); replaceable."""
        self.choose_file: Callable[[QWidget, str, str], str | None] = choose_save_file
        """Asks where to save a file (the system's dialog); replaceable."""

        title = _named(QLabel(self.tr("Clientes")), "screenTitle")
        self.search_box = _named(QLineEdit(), "customerSearch")
        self.search_box.setPlaceholderText(self.tr("Buscar por nome, CPF ou celular"))
        self.search_box.setClearButtonEnabled(True)
        self.search_status = _named(QLabel(""), "searchStatus")
        self.model = CustomerTableModel(self, locale)
        self.table = _table("customerTable", self.model)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setWordWrap(False)
        for column in (3, 4):  # pending and expiring: the profile shows them
            self.table.setColumnHidden(column, True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(title)
        left_layout.addWidget(self.search_box)
        left_layout.addWidget(self.search_status)
        left_layout.addWidget(self.table, 1)

        self.history_model = HistoryTableModel(self, locale, zone)
        self.voucher_model = VoucherTableModel(self, locale, zone)
        self.referral_model = ReferralTableModel(self, locale, zone)
        self.profile_stack = _named(QStackedWidget(), "profileStack")
        self.profile_stack.addWidget(self._program_card())
        self.profile_stack.addWidget(self._profile_panel())

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scrolling(self.profile_stack))
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([480, 800])
        left.setMinimumWidth(340)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(splitter)

        self._searching = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.search_box.textChanged.connect(lambda _text: self._timer.start())
        self.search_box.returnPressed.connect(self.search)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.history_table.doubleClicked.connect(self._history_activated)
        context.events.customer_changed.connect(self._customer_changed)
        context.events.sale_committed.connect(lambda _sale: self._customer_changed(None))
        context.events.changed.connect(self.on_changed)

    def on_changed(self, changes: frozenset[Change]) -> None:
        """The program changed in Gerência: its name and rules here follow at once."""
        if Change.PROGRAM in changes:
            station = self.context.station
            run_in_background(self, lambda: store_info(station).program, self.show_program)

    def show_program(self, program: LoyaltyProgram) -> None:
        self.program_label.setText(self.tr("Programa: %1").replace("%1", program.name))
        self.rules_label.setText("\n".join(f"• {rule}" for rule in program_rules(program)))

    # -- building ------------------------------------------------------------------

    def _program_card(self) -> QWidget:
        """Before a customer is chosen: the hint and the store's program in plain words."""
        card = _named(QFrame(), "profilePanel")
        hint = _named(QLabel(self.tr("Escolha um cliente na lista")), "profileHint")
        program = store_info(self.context.station).program
        name = _named(QLabel(self.tr("Programa: %1").replace("%1", program.name)), "programName")
        rules = _named(
            QLabel("\n".join(f"• {rule}" for rule in program_rules(program))), "programRules"
        )
        rules.setWordWrap(True)
        name.setWordWrap(True)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(hint)
        layout.addWidget(name)
        layout.addWidget(rules)
        layout.addStretch(1)
        self.program_label, self.rules_label = name, rules
        return card

    def _profile_panel(self) -> QWidget:
        panel = _named(QFrame(), "profilePanel")
        self.name_label = _named(QLabel(""), "profileName")
        self.code_label = _named(QLabel(""), "profileCode")
        self.fields: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        rows = (
            ("cpf", self.tr("CPF")),
            ("phone", self.tr("Celular")),
            ("email", self.tr("E-mail")),
            ("birthday", self.tr("Aniversário")),
            ("consent", self.tr("Ofertas e lembretes")),
            ("referred_by", self.tr("Indicado por")),
        )
        for index, (key, caption) in enumerate(rows):
            label = _named(QLabel(caption), "fieldCaption")
            value = _named(QLabel(""), f"profile_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(label, index % 3, (index // 3) * 2)
            grid.addWidget(value, index % 3, (index // 3) * 2 + 1)
            self.fields[key] = value
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        tiles = QHBoxLayout()
        tiles.setSpacing(12)
        self.balance_labels: dict[str, QLabel] = {}
        for key, caption in (
            ("spendable", self.tr("Saldo disponível")),
            ("pending", self.tr("A liberar")),
            ("expiring", self.tr("Vence em 30 dias")),
        ):
            tile = _named(QFrame(), "balanceTile")
            tile_layout = QVBoxLayout(tile)
            tile_layout.addWidget(_named(QLabel(caption), "tileCaption"))
            value = _named(QLabel(""), f"balance_{key}")
            tile_layout.addWidget(value)
            tiles.addWidget(tile)
            self.balance_labels[key] = value

        self.edit_button = _named(QPushButton(self.tr("Editar dados")), "editButton")
        self.slip_button = _named(QPushButton(self.tr("Imprimir saldo")), "slipButton")
        self.adjust_button = _named(QPushButton(self.tr("Ajustar saldo")), "adjustButton")
        self.adjust_button.setToolTip(self.tr("Só com a senha de um gerente"))
        self.edit_button.clicked.connect(self.edit)
        self.slip_button.clicked.connect(self.print_slip)
        self.adjust_button.clicked.connect(self.adjust)
        self.export_button = _named(QPushButton(self.tr("Exportar dados (LGPD)")), "exportButton")
        self.anonymize_button = _named(QPushButton(self.tr("Anonimizar (LGPD)")), "anonymizeButton")
        for button in (self.export_button, self.anonymize_button):
            button.setToolTip(self.tr("Só com a senha de um gerente"))
        self.export_button.clicked.connect(self.export_data)
        self.anonymize_button.clicked.connect(self.anonymize)
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        for button in (self.edit_button, self.slip_button, self.adjust_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        rights = QHBoxLayout()  # a row of their own: the window still fits 1280 px
        rights.setSpacing(10)
        rights.addStretch(1)
        for button in (self.export_button, self.anonymize_button):
            rights.addWidget(button)
        self.message = _named(QLabel(""), "customerMessage")
        self.message.setWordWrap(True)

        self.history_table = _table("historyTable", self.history_model)
        self.voucher_table = _table("voucherTable", self.voucher_model)
        self.referral_table = _table("referralTable", self.referral_model)
        self.tabs = _named(QTabWidget(), "customerTabs")
        self.tabs.addTab(self.history_table, self.tr("Histórico"))
        self.tabs.addTab(self.voucher_table, self.tr("Vales"))
        self.tabs.addTab(self.referral_table, self.tr("Indicações"))

        layout = QVBoxLayout(panel)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.name_label)
        layout.addWidget(self.code_label)
        layout.addLayout(grid)
        layout.addLayout(tiles)
        layout.addLayout(buttons)
        layout.addLayout(rights)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        return panel

    # -- search --------------------------------------------------------------------

    def search(self) -> None:
        """Search for what the box holds now, on a worker thread; the matches when it answers.

        A short fragment at a million customers takes tens of milliseconds: the window
        keeps taking keys meanwhile, and an answer to an older text is dropped.
        """
        self._timer.stop()
        query = self.search_box.text().strip()
        self._searching = query
        if not query:
            self.model.set_rows([])
            self.search_status.setText("")
            return
        station = self.context.station
        run_in_background(
            self,
            lambda: find_customers(station, query),
            lambda rows: self._show_found(query, rows),
            lambda error: self._search_failed(query, error),
        )

    def _show_found(self, query: str, rows: list[CustomerRow]) -> None:
        if query != self._searching:
            return
        self.model.set_rows(rows)
        if not rows:
            self.search_status.setText(self.tr("Nenhum cliente encontrado"))
        elif len(rows) == 1:
            self.search_status.setText(self.tr("1 cliente encontrado"))
            self.table.selectRow(0)
        else:
            self.search_status.setText(
                self.tr("%1 clientes encontrados").replace("%1", str(len(rows)))
            )

    def _search_failed(self, query: str, error: Exception) -> None:
        if query != self._searching:
            return
        self.model.set_rows([])
        text = error.message(self.context.locale) if isinstance(error, PosError) else str(error)
        self.search_status.setText(text)

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.show_customer(self.model.row_at(current.row()).id)

    # -- the profile ---------------------------------------------------------------

    def show_customer(self, customer_id: int) -> None:
        """Read and show one customer: details, balance, history, vouchers, referrals."""
        station, locale, zone = (
            self.context.station,
            self.context.locale,
            self.context.settings.timezone,
        )
        profile = customer_history.profile(station, customer_id)
        account = customers.account(station, customer_id)
        program = store_info(station).program
        self.customer_id = customer_id
        self.profile = profile
        self.name_label.setText(profile.name)
        self.code_label.setText(
            self.tr("Código de indicação: %1 · cliente desde %2")
            .replace("%1", profile.referral_code)
            .replace("%2", day(profile.created_at, locale, zone))
        )
        self.fields["cpf"].setText(mask_cpf(profile.cpf) if profile.cpf else "—")
        self.fields["phone"].setText(mask_mobile(profile.phone) if profile.phone else "—")
        self.fields["email"].setText(profile.email or "—")
        self.fields["birthday"].setText(day(profile.birthday, locale) if profile.birthday else "—")
        if profile.marketing_consent and profile.consent_at is not None:
            consent = self.tr("sim, desde %1").replace(
                "%1", moment(profile.consent_at, locale, zone)
            )
        else:
            consent = self.tr("não")
        self.fields["consent"].setText(consent)
        self.fields["referred_by"].setText(profile.referred_by or "—")
        points = program.mode is ProgramMode.POINTS

        def show(units: int) -> str:
            value = money(program.value_of_units(units), locale)
            return self.tr("%n ponto(s) (%1)", "", units).replace("%1", value) if points else value

        self.balance_labels["spendable"].setText(show(max(account.balance.spendable, 0)))
        self.balance_labels["pending"].setText(show(account.balance.pending))
        self.balance_labels["expiring"].setText(show(account.balance.expiring_soon))
        self.history_model.set_rows(customer_history.ledger(station, customer_id))
        self.voucher_model.set_rows(customers.vouchers(station, customer_id))
        self.referral_model.set_rows(customer_history.referrals(station, customer_id))
        self.tabs.setTabText(
            1, self.tr("Vales (%1)").replace("%1", str(self.voucher_model.rowCount()))
        )
        self.tabs.setTabText(
            2, self.tr("Indicações (%1)").replace("%1", str(self.referral_model.rowCount()))
        )
        self.profile_stack.setCurrentIndex(1)

    def _customer_changed(self, customer_id: int | None) -> None:
        if self.customer_id is not None and customer_id in (None, self.customer_id):
            self.show_customer(self.customer_id)

    def say(self, text: str, *, error: bool = False) -> None:
        show_message(self.message, text, error=error)
        self.context.events.status.emit(text)

    # -- editing -------------------------------------------------------------------

    def edit(self) -> None:
        if self.customer_id is None:
            return
        profile = customer_history.profile(self.context.station, self.customer_id)
        self.edit_dialog = EditCustomerDialog(profile, self._save_details, self)
        self.edit_dialog.accepted.connect(lambda: self.say(self.tr("Dados do cliente salvos")))
        self.edit_dialog.open()

    def _save_details(self, details: EditedDetails) -> str | None:
        staff = self.context.staff
        if staff is None or self.customer_id is None:
            return self.tr("Entre com seu PIN primeiro.")
        try:
            update_customer(
                self.context.station,
                self.customer_id,
                staff_id=staff.id,
                name=details.name,
                cpf=details.cpf,
                phone=details.phone,
                email=details.email,
                birthday=details.birthday,
                marketing_consent=details.marketing_consent,
            )
        except PosError as error:
            return error.message(self.context.locale)
        self.context.events.customer_changed.emit(self.customer_id)
        self.search()
        return None

    # -- the balance slip ----------------------------------------------------------

    def print_slip(self) -> None:
        if self.customer_id is None:
            return
        try:
            future = self.context.printing.print_slip(self.customer_id)
        except Exception as error:  # the queue itself could not be written
            self.say(str(error), error=True)
            return
        self.slip_button.setEnabled(False)
        self.say(self.tr("Imprimindo o saldo…"))
        run_in_background(
            self, lambda: future.result(timeout=SLIP_TIMEOUT_S), self._slip_done, self._slip_failed
        )

    def _slip_done(self, outcome: PrintOutcome) -> None:
        self.slip_button.setEnabled(True)
        locale = self.context.locale
        if outcome.printed:
            self.say(self.tr("Saldo impresso"))
            self.context.events.printer_state.emit(True, "")
        else:
            reason = outcome.error(locale) or ""
            self.say(
                self.tr("Não imprimiu: %1 (o saldo ficou na fila)").replace("%1", reason),
                error=True,
            )
            self.context.events.printer_state.emit(False, reason)

    def _slip_failed(self, error: Exception) -> None:
        self.slip_button.setEnabled(True)
        self.say(
            self.tr("Não imprimiu: %1 (o saldo ficou na fila)").replace("%1", str(error)),
            error=True,
        )
        self.context.events.printer_state.emit(False, str(error))

    # -- the manager's adjustment --------------------------------------------------

    def adjust(self) -> None:
        if self.customer_id is None:
            return
        points = store_info(self.context.station).program.mode is ProgramMode.POINTS
        self.adjust_dialog = AdjustBalanceDialog(points, self)
        self.adjust_dialog.accepted.connect(self._adjust_accepted)
        self.adjust_dialog.open()

    def _adjust_accepted(self) -> None:
        dialog = self.adjust_dialog
        if dialog is None or self.customer_id is None:
            return
        units, reason = dialog.units, dialog.reason.text().strip()
        staff = self.context.staff
        if staff is None:
            self.say(self.tr("Entre com seu PIN primeiro."), error=True)
            return
        pin = self.ask_pin(self, self.tr("ajustar o saldo de %1").replace("%1", self.profile.name))
        if pin is None:
            self.say(self.tr("Ajuste cancelado"))
            return
        try:
            adjustments.adjust(
                self.context.station,
                customer_id=self.customer_id,
                units=units,
                reason=reason,
                staff_id=staff.id,
                manager_pin=pin,
            )
        except PosError as error:
            self.say(error.message(self.context.locale), error=True)
            return
        self.context.events.customer_changed.emit(self.customer_id)
        self.say(self.tr("Saldo ajustado"))

    # -- a sale's receipt ----------------------------------------------------------

    def _history_activated(self, index: QModelIndex) -> None:
        sale_id = index.data(SALE_ID_ROLE)
        if isinstance(sale_id, int):
            number = self.history_model.row_at(index.row()).sale_number
            self.open_sale(sale_id, number)

    def open_sale(self, sale_id: int, number: int | None = None) -> None:
        """Show the sale's receipt as printed (rendered off the GUI thread)."""
        title = self.tr("Cupom da venda #%1").replace(
            "%1", str(number if number is not None else sale_id)
        )
        self.say(self.tr("Abrindo o cupom…"))

        def show(png: bytes) -> None:
            self.say("")
            self.preview_dialog = ReceiptPreviewDialog(png, title, self)
            self.preview_dialog.open()

        def failed(error: Exception) -> None:
            text = error.message(self.context.locale) if isinstance(error, PosError) else str(error)
            self.say(text, error=True)

        run_in_background(
            self, lambda: self.context.printing.preview_png("sale", sale_id), show, failed
        )

    # -- LGPD: the customer's data exported, or the customer anonymized -------------

    def _confirm(self, parent: QWidget, title: str, text: str) -> bool:
        """Anonimizar or Cancelar (pt_BR buttons, not Qt's Yes/No); Cancelar is the default."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
        box.setObjectName("anonymizeConfirm")
        go = box.addButton(self.tr("Anonimizar"), QMessageBox.ButtonRole.DestructiveRole)
        stop = box.addButton(self.tr("Cancelar"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stop)
        box.exec()
        return box.clickedButton() is go

    def export_data(self) -> None:
        """Save everything held about the customer to a JSON file the manager chooses."""
        if self.customer_id is None:
            return
        customer_id = self.customer_id
        suggested = str(Path.home() / f"cliente-{self.profile.uuid[:8]}-lgpd.json")
        chosen = self.choose_file(self, self.tr("Exportar dados do cliente (LGPD)"), suggested)
        if not chosen:
            self.say(self.tr("Exportação cancelada"))
            return
        out = Path(chosen) if chosen.lower().endswith(".json") else Path(f"{chosen}.json")
        pin = self.ask_pin(
            self, self.tr("exportar os dados de %1").replace("%1", self.profile.name)
        )
        if pin is None:
            self.say(self.tr("Exportação cancelada"))
            return
        station = self.context.station
        self.export_button.setEnabled(False)
        self.say(self.tr("Exportando os dados…"))
        run_in_background(
            self,
            lambda: save_export(station, customer_id, pin, out),
            self._exported,
            self._lgpd_failed,
        )

    def _exported(self, out: Path) -> None:
        self.export_button.setEnabled(True)
        self.say(self.tr("Dados do cliente gravados em %1").replace("%1", str(out)))

    def anonymize(self) -> None:
        """Confirm, take a manager's PIN, then erase who the customer is (never their ledger)."""
        if self.customer_id is None:
            return
        customer_id, name = self.customer_id, self.profile.name
        days = load_settings(self.context.station).backup_keep_days
        question = (
            self.tr(
                "Anonimizar %1?\n\nSerão apagados o nome, o CPF, o celular, o e-mail e o "
                "aniversário, e o consentimento de ofertas será retirado. O extrato, as vendas "
                "e os vales continuam, sem o nome. Não dá para desfazer.\n\nAs cópias de "
                "segurança já feitas guardam os dados antigos até vencerem (%2 dias)."
            )
            .replace("%1", name)
            .replace("%2", str(days))
        )
        if not self.confirm(self, self.tr("Anonimizar cliente (LGPD)"), question):
            self.say(self.tr("Anonimização cancelada"))
            return
        pin = self.ask_pin(self, self.tr("anonimizar %1").replace("%1", name))
        if pin is None:
            self.say(self.tr("Anonimização cancelada"))
            return
        station = self.context.station
        self.anonymize_button.setEnabled(False)
        self.say(self.tr("Anonimizando…"))
        run_in_background(
            self,
            lambda: anonymize_customer(station, customer_id, pin, LGPD_REASON),
            lambda done: self._anonymized(customer_id, done),
            self._lgpd_failed,
        )

    def _anonymized(self, customer_id: int, done: Anonymized) -> None:
        self.anonymize_button.setEnabled(True)
        self.context.events.customer_changed.emit(customer_id)
        self.search()  # the old name finds no one any more
        self.show_customer(customer_id)
        self.say(
            self.tr("Cliente anonimizado. Apagados: %1.").replace(
                "%1", done.cleared_text(self.context.locale)
            )
        )

    def _lgpd_failed(self, error: Exception) -> None:
        self.export_button.setEnabled(True)
        self.anonymize_button.setEnabled(True)
        text = error.message(self.context.locale) if isinstance(error, PosError) else str(error)
        self.say(text, error=True)
