"""Gerência: the store's data, the loyalty program, the devices, the staff, the audit log.

Only managers and administrators see it: anyone else signed in gets a notice
and none of the tabs (the shell hides the button too, and every service refuses
a PIN that is not a manager's). Every save asks for the manager's PIN through
`ask_pin` (a plain function tests replace); the service decides, and a refusal
is shown in the counter's language and changes nothing.

The Programa tab starts from a preset or the program in force; every rule is a
field, and a live example says what a customer gets for a purchase as the
fields change.

Every service call that reads or writes the database runs off the GUI thread
through `Jobs`; dialogs open with `.open()`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from posapp.core.cnpj import format_cnpj
from posapp.core.errors import InvalidProgramRules, PosError
from posapp.core.masks import show_phone
from posapp.core.money import format_money, parse_centavos
from posapp.core.program import (
    LoyaltyProgram,
    ProgramMode,
    ReferralRule,
    VoucherRule,
    VoucherTrigger,
)
from posapp.services.admin import staff_changes as staff_admin
from posapp.services.admin import store as store_admin
from posapp.services.admin.audit_search import AuditPage, AuditSearch, audit_actions, search_audit
from posapp.services.admin.devices import (
    SCANNER_SUFFIXES,
    TestPrint,
    print_test_page,
    printer_profiles,
    save_device_settings,
)
from posapp.services.admin.staff_changes import StaffMember
from posapp.services.admin.store import Example, StoreData
from posapp.services.common.auth import StaffRef
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.onboarding.printer_search import PrinterSearch, search_printers
from posapp.ui.context import UiContext
from posapp.ui.dialogs.manager_pin import ask_manager_pin
from posapp.ui.printed_window import show_printed
from posapp.ui.program_text import percent, program_rules
from posapp.ui.runner import Jobs
from posapp.ui.settings.campaigns_tab import CampaignsTab
from posapp.ui.settings.catalog_tab import CatalogTab
from posapp.ui.settings.dialogs import ADD, PIN, ROLE, StaffDialog
from posapp.ui.settings.fiscal_tab import FiscalTab
from posapp.ui.settings.language_box import LanguageBox
from posapp.ui.settings.messages_tab import MessagesTab
from posapp.ui.settings.models import AuditTableModel, StaffTableModel, action_name
from posapp.ui.settings.payments_tab import PaymentsTab
from posapp.ui.settings.sync_tab import SyncTab
from posapp.ui.widgets import named as _named
from posapp.ui.widgets import read_only_table, show_message

T = TypeVar("T")
AskPin = Callable[[QWidget | None, str], str | None]

LOJA, PROGRAMA, IMPRESSORA, EQUIPE, AUDITORIA, SINCRONIZACAO, MENSAGENS, CAMPANHAS = range(8)
AUDIT_PAGE = 50
EXAMPLE_PURCHASE = 10_000


def error_text(error: Exception, locale: str) -> str:
    if isinstance(error, PosError):
        return error.message(locale)
    return str(error) or type(error).__name__


def _scrolled(tab: QWidget) -> QScrollArea:
    """A tab taller than a 1024x768 screen scrolls, so the window never outgrows it."""
    scroll = QScrollArea()
    scroll.setWidget(tab)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    return scroll


def _days(spin: QSpinBox) -> QSpinBox:
    spin.setRange(0, 3_650)
    return spin


class SettingsScreen(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsScreen")
        self.context = context
        self.station = context.station
        self.lang, self.zone = context.locale, context.settings.timezone
        self.ask_pin: AskPin = ask_manager_pin
        """Asks for the manager's PIN (a blocking dialog); replaceable."""
        self.jobs = Jobs(self, self._failed)
        self.staff_dialog: StaffDialog | None = None
        self.audit_page: AuditPage | None = None
        self._page = 0
        self._loading_program = False
        self.program: LoyaltyProgram | None = None

        self.notice = _named(
            QLabel(self.tr("A Gerência é só para gerentes e administradores.")), "settingsNotice"
        )
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tabs = _named(QTabWidget(), "settingsTabs")
        self.tabs.addTab(_scrolled(self._store_tab()), self.tr("Loja"))
        self.tabs.addTab(_scrolled(self._program_tab()), self.tr("Programa"))
        self.tabs.addTab(_scrolled(self._printer_tab()), self.tr("Impressora"))
        self.tabs.addTab(_scrolled(self._staff_tab()), self.tr("Equipe"))
        self.tabs.addTab(_scrolled(self._audit_tab()), self.tr("Auditoria"))
        self.sync_tab = SyncTab(self)
        self.tabs.addTab(_scrolled(self.sync_tab), self.tr("Sincronização"))
        self.messages_tab = MessagesTab(self)
        self.tabs.addTab(_scrolled(self.messages_tab), self.tr("Mensagens"))
        self.campaigns_tab = CampaignsTab(self)
        self.tabs.addTab(_scrolled(self.campaigns_tab), self.tr("Campanhas"))
        self.fiscal_tab = FiscalTab(self)
        self.tabs.addTab(_scrolled(self.fiscal_tab), self.tr("Fiscal"))
        self.payments_tab = PaymentsTab(self)
        self.tabs.addTab(_scrolled(self.payments_tab), self.tr("Pagamentos"))
        self.catalog_tab = CatalogTab(self)
        self.tabs.addTab(_scrolled(self.catalog_tab), self.tr("Catálogo"))
        self.message = _named(QLabel(""), "settingsMessage")
        self.message.setWordWrap(True)
        self.stack = _named(QStackedWidget(), "settingsStack")
        self.stack.addWidget(self.notice)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(_named(QLabel(self.tr("Gerência")), "screenTitle"))
        body_layout.addWidget(self.tabs, 1)
        body_layout.addWidget(self.message)
        self.stack.addWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(self.stack)

        self.tabs.currentChanged.connect(self._tab_changed)
        context.events.staff_changed.connect(self._staff_changed)
        self._staff_changed()

    # -- who may see it ------------------------------------------------------------

    @property
    def allowed(self) -> bool:
        staff = self.context.staff
        return staff is not None and staff.is_manager

    def _staff_changed(self) -> None:
        self.stack.setCurrentIndex(1 if self.allowed else 0)
        self.tabs.setEnabled(self.allowed)
        if self.allowed and self.isVisible():
            self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._staff_changed()

    def load(self) -> None:
        """Read everything the tabs show (off the GUI thread)."""
        if not self.allowed:
            return
        station = self.station
        self.jobs.run(lambda: store_admin.store_data(station), self._show_store)
        self.jobs.run(lambda: store_admin.current_program(station), self._show_program)
        self._show_devices(self.context.settings)
        self.load_staff()
        self._load_actions()
        self.search()
        self.sync_tab.load()
        self.messages_tab.load()
        self.campaigns_tab.load()
        self.fiscal_tab.load()
        self.payments_tab.load()
        self.catalog_tab.load()

    def _tab_changed(self, index: int) -> None:
        if index == AUDITORIA and self.allowed:
            self.search()
        if index == SINCRONIZACAO and self.allowed:
            self.sync_tab.refresh()
        if index == MENSAGENS and self.allowed:
            self.messages_tab.refresh_log()
        if index == CAMPANHAS and self.allowed:
            self.campaigns_tab.load_campaigns()

    # -- small helpers -------------------------------------------------------------

    def idle(self) -> bool:
        """No background call of this screen is under way (for tests and shutdown)."""
        return self.jobs.idle()

    def _failed(self, error: Exception) -> None:
        self.say(error_text(error, self.lang), error=True)

    def say(self, text: str, *, error: bool = False) -> None:
        show_message(self.message, text, error=error)
        if text:
            self.context.events.status.emit(text)

    def money(self, centavos: int) -> str:
        return format_money(centavos, self.lang)

    def _staff(self) -> StaffRef | None:
        staff = self.context.staff
        if staff is None or not staff.is_manager:
            self.say(self.tr("A Gerência é só para gerentes e administradores."), error=True)
            return None
        return staff

    def with_pin(
        self,
        action: str,
        call: Callable[[int, str], T],
        on_success: Callable[[T], None],
        cancelled: str,
    ) -> None:
        """Ask the manager's PIN, then run `call(staff_id, pin)` in the background."""
        staff = self._staff()
        if staff is None:
            return
        pin = self.ask_pin(self, action)
        if not pin:
            self.say(cancelled)
            return
        self.say(self.tr("Salvando…"))
        staff_id = staff.id
        self.jobs.run(lambda: call(staff_id, pin), on_success)

    # -- Loja ----------------------------------------------------------------------

    def _store_tab(self) -> QWidget:
        tab = QWidget()
        self.store_name = _named(QLineEdit(), "storeName")
        self.store_name.setMaxLength(120)
        self.store_cnpj = _named(QLineEdit(), "storeCnpj")
        self.store_cnpj.setPlaceholderText("00.000.000/0000-00")
        self.store_address = _named(QLineEdit(), "storeAddress")
        self.store_address.setMaxLength(200)
        self.store_phone = _named(QLineEdit(), "storePhone")
        self.store_phone.setMaxLength(20)
        self.store_save = _named(QPushButton(self.tr("Salvar dados da loja")), "storeSave")
        self.store_save.clicked.connect(self.save_store)
        form = QFormLayout()
        form.addRow(self.tr("Nome"), self.store_name)
        form.addRow(self.tr("CNPJ"), self.store_cnpj)
        form.addRow(self.tr("Endereço"), self.store_address)
        form.addRow(self.tr("Telefone"), self.store_phone)
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addWidget(self.store_save, 0, Qt.AlignmentFlag.AlignLeft)
        self.language_box = LanguageBox(self)
        layout.addWidget(self.language_box)
        layout.addStretch(1)
        return tab

    def _show_store(self, data: StoreData) -> None:
        self.store_name.setText(data.name)
        self.store_cnpj.setText(format_cnpj(data.cnpj) if data.cnpj else "")
        self.store_address.setText(data.address or "")
        self.store_phone.setText(show_phone(data.phone) if data.phone else "")

    def store_form(self) -> StoreData:
        return StoreData(
            self.store_name.text(),
            self.store_cnpj.text(),
            self.store_address.text(),
            self.store_phone.text(),
        )

    def save_store(self) -> None:
        data = self.store_form()
        try:
            store_admin.checked_store_data(data)  # a bad CNPJ is told before the PIN is asked
        except PosError as error:
            self.say(error.message(self.lang), error=True)
            return
        station = self.station
        self.with_pin(
            self.tr("alterar os dados da loja"),
            lambda staff_id, pin: store_admin.update_store(
                station, data, staff_id=staff_id, manager_pin=pin
            ),
            self._store_saved,
            self.tr("Alteração cancelada"),
        )

    def _store_saved(self, data: StoreData) -> None:
        self._show_store(data)
        self.say(self.tr("Dados da loja salvos"))
        self._refresh_audit()

    # -- Programa ------------------------------------------------------------------

    def _program_tab(self) -> QWidget:
        self.preset_combo = _named(QComboBox(), "programPreset")
        self.preset_combo.addItem(self.tr("(programa em vigor)"), "")
        for key, program in store_admin.presets().items():
            self.preset_combo.addItem(program.name, key)
        self.preset_combo.activated.connect(self._preset_chosen)

        self.p_name = _named(QLineEdit(), "programName")
        self.p_mode = _named(QComboBox(), "programMode")
        self.p_mode.addItem(self.tr("Cashback"), ProgramMode.CASHBACK.value)
        self.p_mode.addItem(self.tr("Pontos"), ProgramMode.POINTS.value)
        self.p_earn = _named(QLineEdit(), "programEarn")
        self.p_categories = _named(QLineEdit(), "programCategories")
        self.p_categories.setPlaceholderText(self.tr("ex.: servicos: 20; higiene: 5"))
        self.p_excluded = _named(QLineEdit(), "programExcluded")
        self.p_excluded.setPlaceholderText(self.tr("ex.: medicamentos, tabaco"))
        self.p_min = _named(QLineEdit(), "programMinPurchase")
        self.p_pending = _named(_days(QSpinBox()), "programPendingDays")
        self.p_expiry = _named(_days(QSpinBox()), "programExpiryDays")
        self.p_max_redeem = _named(QLineEdit(), "programMaxRedeem")
        self.p_reminder = _named(_days(QSpinBox()), "programReminderDays")
        self.p_negative = _named(
            QCheckBox(self.tr("Permitir saldo negativo após devoluções")), "programNegative"
        )
        self.p_points = _named(QSpinBox(), "programPointsPerReal")
        self.p_points.setRange(0, 1_000)
        self.p_block_points = _named(QSpinBox(), "programBlockPoints")
        self.p_block_points.setRange(0, 1_000_000)
        self.p_block_value = _named(QLineEdit(), "programBlockValue")

        self.v_trigger = _named(QComboBox(), "voucherTrigger")
        self.v_trigger.addItem(self.tr("Sem vale"), VoucherTrigger.NONE.value)
        self.v_trigger.addItem(
            self.tr("Saldo vira vale ao chegar a um valor"), VoucherTrigger.BALANCE_THRESHOLD.value
        )
        self.v_trigger.addItem(
            self.tr("Vale de desconto após compra acima de um valor"),
            VoucherTrigger.PURCHASE_ABOVE.value,
        )
        self.v_threshold = _named(QLineEdit(), "voucherThreshold")
        self.v_step = _named(QLineEdit(), "voucherStep")
        self.v_value = _named(QLineEdit(), "voucherValue")
        self.v_percent = _named(QLineEdit(), "voucherPercent")
        self.v_max_discount = _named(QLineEdit(), "voucherMaxDiscount")
        self.v_min_use = _named(QLineEdit(), "voucherMinUse")
        self.v_validity = _named(_days(QSpinBox()), "voucherValidity")

        self.r_on = _named(QCheckBox(self.tr("Indicação premiada")), "referralOn")
        self.r_referrer = _named(QLineEdit(), "referralReferrer")
        self.r_referred = _named(QLineEdit(), "referralReferred")
        self.r_min = _named(QLineEdit(), "referralMinPurchase")

        self.example_purchase = _named(
            QLineEdit(format_money(EXAMPLE_PURCHASE, self.lang)), "examplePurchase"
        )
        self.example_label = _named(QLabel(""), "programExample")
        self.example_label.setWordWrap(True)
        self.rules_label = _named(QLabel(""), "programRules")
        self.rules_label.setWordWrap(True)
        self.program_save = _named(QPushButton(self.tr("Salvar programa")), "programSave")
        self.program_save.clicked.connect(self.save_program)

        earning = QGroupBox(self.tr("Ganho"))
        form = QFormLayout(earning)
        form.addRow(self.tr("Nome do programa"), self.p_name)
        form.addRow(self.tr("Modo"), self.p_mode)
        form.addRow(self.tr("Cashback (%)"), self.p_earn)
        form.addRow(self.tr("% por categoria"), self.p_categories)
        form.addRow(self.tr("Categorias sem cashback"), self.p_excluded)
        form.addRow(self.tr("Compra mínima (R$)"), self.p_min)
        form.addRow(self.tr("Pontos por real"), self.p_points)
        form.addRow(self.tr("Pontos por troca"), self.p_block_points)
        form.addRow(self.tr("Valor da troca (R$)"), self.p_block_value)
        using = QGroupBox(self.tr("Uso e validade"))
        form = QFormLayout(using)
        form.addRow(self.tr("Dias para liberar"), self.p_pending)
        form.addRow(self.tr("Validade (dias, 0 = não vence)"), self.p_expiry)
        form.addRow(self.tr("Paga até (% da compra)"), self.p_max_redeem)
        form.addRow(self.tr("Lembrete após (dias sem visita)"), self.p_reminder)
        form.addRow(self.p_negative)
        vouchers = QGroupBox(self.tr("Vale"))
        form = QFormLayout(vouchers)
        form.addRow(self.tr("Regra"), self.v_trigger)
        form.addRow(self.tr("A partir de (R$)"), self.v_threshold)
        form.addRow(self.tr("Em passos de (R$, 0 = todo o saldo)"), self.v_step)
        form.addRow(self.tr("Valor do vale (R$)"), self.v_value)
        form.addRow(self.tr("ou desconto (%)"), self.v_percent)
        form.addRow(self.tr("Desconto máximo (R$)"), self.v_max_discount)
        form.addRow(self.tr("Usar a partir de (R$)"), self.v_min_use)
        form.addRow(self.tr("Validade do vale (dias)"), self.v_validity)
        referral = QGroupBox(self.tr("Indicação"))
        form = QFormLayout(referral)
        form.addRow(self.r_on)
        form.addRow(self.tr("Bônus de quem indica (R$)"), self.r_referrer)
        form.addRow(self.tr("Bônus do indicado (R$)"), self.r_referred)
        form.addRow(self.tr("Na primeira compra a partir de (R$)"), self.r_min)

        grid = QGridLayout()
        grid.addWidget(earning, 0, 0)
        grid.addWidget(using, 0, 1)
        grid.addWidget(vouchers, 1, 0)
        grid.addWidget(referral, 1, 1)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Começar de")))
        top.addWidget(self.preset_combo, 1)
        example = QGroupBox(self.tr("Exemplo"))
        example_layout = QVBoxLayout(example)
        purchase_row = QHBoxLayout()
        purchase_row.addWidget(QLabel(self.tr("Numa compra de")))
        purchase_row.addWidget(self.example_purchase)
        purchase_row.addStretch(1)
        example_layout.addLayout(purchase_row)
        example_layout.addWidget(self.example_label)
        example_layout.addWidget(self.rules_label)

        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(example)
        layout.addWidget(self.program_save, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)

        for box in (
            self.p_name,
            self.p_earn,
            self.p_categories,
            self.p_excluded,
            self.p_min,
            self.p_max_redeem,
            self.p_block_value,
            self.v_threshold,
            self.v_step,
            self.v_value,
            self.v_percent,
            self.v_max_discount,
            self.v_min_use,
            self.r_referrer,
            self.r_referred,
            self.r_min,
            self.example_purchase,
        ):
            box.textChanged.connect(self.update_example)
        for spin in (
            self.p_pending,
            self.p_expiry,
            self.p_reminder,
            self.p_points,
            self.p_block_points,
            self.v_validity,
        ):
            spin.valueChanged.connect(self.update_example)
        self.r_on.toggled.connect(self._fit_fields)  # before the example reads the fields
        for combo in (self.p_mode, self.v_trigger):
            combo.currentIndexChanged.connect(self._fit_fields)
            combo.currentIndexChanged.connect(self.update_example)
        for check in (self.p_negative, self.r_on):
            check.toggled.connect(self.update_example)
        self._fit_fields()
        return scroll

    def _fit_fields(self) -> None:
        """Only the fields the chosen mode and voucher rule use can be typed in: a balance
        voucher has no "use from" minimum nor a fixed value, a cashback program no points,
        a program without referrals no bonus (a figure typed there was silently ignored)."""
        points = self.p_mode.currentData() == ProgramMode.POINTS.value
        trigger = self.v_trigger.currentData()
        balance = trigger == VoucherTrigger.BALANCE_THRESHOLD.value
        purchase = trigger == VoucherTrigger.PURCHASE_ABOVE.value
        used = {
            self.p_earn: not points,
            self.p_categories: not points,
            self.p_points: points,
            self.p_block_points: points,
            self.p_block_value: points,
            self.v_threshold: balance or purchase,
            self.v_step: balance,
            self.v_value: purchase,
            self.v_percent: purchase,
            self.v_max_discount: purchase,
            self.v_min_use: purchase,
            self.v_validity: balance or purchase,
            self.r_referrer: self.r_on.isChecked(),
            self.r_referred: self.r_on.isChecked(),
            self.r_min: self.r_on.isChecked(),
        }
        for field, on in used.items():
            field.setEnabled(on)

    def _show_program(self, program: LoyaltyProgram) -> None:
        """Fill every field from `program` (the one in force, or a preset)."""
        self.program = program
        self._loading_program = True
        try:
            money = self._money_text
            self.p_name.setText(program.name)
            self.p_mode.setCurrentIndex(self.p_mode.findData(program.mode.value))
            self.p_earn.setText(self._percent_text(program.earn_bps))
            self.p_categories.setText(
                "; ".join(
                    f"{category}: {self._percent_text(bps)}"
                    for category, bps in sorted(program.category_bps.items())
                )
            )
            self.p_excluded.setText(", ".join(sorted(program.excluded_categories)))
            self.p_min.setText(money(program.min_purchase_centavos))
            self.p_pending.setValue(program.pending_days)
            self.p_expiry.setValue(program.expiry_days)
            self.p_max_redeem.setText(self._percent_text(program.max_redeem_bps))
            self.p_reminder.setValue(program.reminder_idle_days)
            self.p_negative.setChecked(program.allow_negative_balance)
            self.p_points.setValue(program.points_per_real)
            self.p_block_points.setValue(program.points_per_redeem_block)
            self.p_block_value.setText(money(program.redeem_block_centavos))
            rule = program.voucher
            self.v_trigger.setCurrentIndex(self.v_trigger.findData(rule.trigger.value))
            self.v_threshold.setText(money(rule.threshold_centavos))
            self.v_step.setText(money(rule.step_centavos))
            self.v_value.setText(money(rule.value_centavos))
            self.v_percent.setText(self._percent_text(rule.percent_bps))
            self.v_max_discount.setText(money(rule.max_discount_centavos))
            self.v_min_use.setText(money(rule.min_purchase_to_use_centavos))
            self.v_validity.setValue(rule.validity_days)
            referral = program.referral
            self.r_on.setChecked(referral is not None)
            self.r_referrer.setText(money(referral.referrer_bonus_centavos if referral else 0))
            self.r_referred.setText(money(referral.referred_bonus_centavos if referral else 0))
            self.r_min.setText(money(referral.min_purchase_centavos if referral else 0))
        finally:
            self._loading_program = False
        self._fit_fields()
        self.update_example()

    @staticmethod
    def _money_text(centavos: int) -> str:
        """'10,00': what the money fields hold (without the currency sign)."""
        return f"{centavos // 100},{centavos % 100:02d}"

    @staticmethod
    def _percent_text(bps: int) -> str:
        return percent(bps).removesuffix("%")

    def _preset_chosen(self, index: int) -> None:
        key = self.preset_combo.itemData(index)
        if key:
            self._show_program(store_admin.presets()[key])
        else:
            station = self.station
            self.jobs.run(lambda: store_admin.current_program(station), self._show_program)

    def _amount(self, box: QLineEdit, label: str) -> int:
        """The amount typed; in a greyed-out field (one the rules do not read) something
        that is not an amount is taken as 0, never a refusal the manager cannot mend."""
        try:
            return self._parse_amount(box.text(), label)
        except InvalidProgramRules:
            if box.isEnabled():
                raise
            return 0

    def _parse_amount(self, text: str, label: str) -> int:
        text = text.strip()
        if not text:
            return 0
        try:
            value = parse_centavos(text)
        except ValueError:
            value = -1
        if value < 0:
            problem = self.tr("valor inválido em %1: %2").replace("%1", label).replace("%2", text)
            raise InvalidProgramRules(problems_pt=problem, problems_en=problem)
        return value

    def _bps(self, box: QLineEdit, label: str) -> int:
        """A percentage typed as '10' or '2,5', in basis points (hundredths of a percent)."""
        return self._amount(box, label)

    def _categories(self) -> dict[str, int]:
        try:
            return self._typed_categories()
        except InvalidProgramRules:
            if self.p_categories.isEnabled():
                raise
            return {}  # greyed out (a points program): see `_amount`

    def _typed_categories(self) -> dict[str, int]:
        rates: dict[str, int] = {}
        for part in self.p_categories.text().split(";"):
            if not part.strip():
                continue
            category, _, rate = part.partition(":")
            if not category.strip() or not rate.strip():
                problem = self.tr("use 'categoria: %' em % por categoria: %1").replace(
                    "%1", part.strip()
                )
                raise InvalidProgramRules(problems_pt=problem, problems_en=problem)
            rates[category.strip()] = self._parse_amount(rate, category.strip())
        return rates

    def form_program(self) -> LoyaltyProgram:
        """The program the fields describe; a PosError naming every rule that does not fit."""
        base = self.program
        if base is None:
            waiting = self.tr("carregando o programa…")
            raise InvalidProgramRules(problems_pt=waiting, problems_en=waiting)
        trigger = VoucherTrigger(self.v_trigger.currentData())
        voucher = VoucherRule(
            trigger=trigger,
            threshold_centavos=self._amount(self.v_threshold, self.tr("A partir de")),
            step_centavos=self._amount(self.v_step, self.tr("Em passos de")),
            value_centavos=self._amount(self.v_value, self.tr("Valor do vale")),
            percent_bps=self._bps(self.v_percent, self.tr("desconto (%)")),
            max_discount_centavos=self._amount(self.v_max_discount, self.tr("Desconto máximo")),
            min_purchase_to_use_centavos=self._amount(self.v_min_use, self.tr("Usar a partir de")),
            validity_days=self.v_validity.value(),
        )
        referral = (
            ReferralRule(
                self._amount(self.r_referrer, self.tr("Bônus de quem indica")),
                self._amount(self.r_referred, self.tr("Bônus do indicado")),
                self._amount(self.r_min, self.tr("Na primeira compra a partir de")),
            )
            if self.r_on.isChecked()
            else None
        )
        key = self.preset_combo.currentData() or base.key
        return store_admin.edit_program(
            base,
            key=key,
            name=self.p_name.text().strip(),
            mode=ProgramMode(self.p_mode.currentData()),
            earn_bps=self._bps(self.p_earn, self.tr("Cashback (%)")),
            category_bps=self._categories(),
            excluded_categories=frozenset(
                c.strip() for c in self.p_excluded.text().split(",") if c.strip()
            ),
            min_purchase_centavos=self._amount(self.p_min, self.tr("Compra mínima")),
            pending_days=self.p_pending.value(),
            expiry_days=self.p_expiry.value(),
            max_redeem_bps=self._bps(self.p_max_redeem, self.tr("Paga até")),
            voucher=voucher,
            referral=referral,
            points_per_real=self.p_points.value(),
            points_per_redeem_block=self.p_block_points.value(),
            redeem_block_centavos=self._amount(self.p_block_value, self.tr("Valor da troca")),
            reminder_idle_days=self.p_reminder.value(),
            allow_negative_balance=self.p_negative.isChecked(),
        )

    def update_example(self) -> None:
        """The live example and the rules in plain words, as the fields now say."""
        if self._loading_program:
            return
        try:
            program = self.form_program()
            purchase = self._amount(self.example_purchase, self.tr("Numa compra de"))
        except PosError as error:
            self.example_label.setText(error.message(self.lang))
            self.example_label.setProperty("role", "error")
            self.rules_label.setText("")
            return
        self.example_label.setProperty("role", "info")
        self.example_label.setText(self.example_text(store_admin.example(program, purchase)))
        self.rules_label.setText("\n".join(f"• {rule}" for rule in program_rules(program)))

    def example_text(self, ex: Example) -> str:
        purchase = self.money(ex.purchase)
        if ex.below_minimum:
            return (
                self.tr("Numa compra de %1 o cliente não ganha nada: o mínimo é %2.")
                .replace("%1", purchase)
                .replace("%2", self.money(ex.minimum))
            )
        if ex.points:
            text = (
                self.tr("Numa compra de %1 o cliente ganha %2 pontos (%3)")
                .replace("%1", purchase)
                .replace("%2", str(ex.earned_units))
                .replace("%3", self.money(ex.earned_value))
            )
        else:
            text = (
                self.tr("Numa compra de %1 o cliente ganha %2 de cashback")
                .replace("%1", purchase)
                .replace("%2", self.money(ex.earned_value))
            )
        if ex.earned_units and ex.available_in_days:
            text += self.tr(", liberado em %1 dias").replace("%1", str(ex.available_in_days))
        if ex.earned_units and ex.expires_in_days:
            text += self.tr(", válido por %1 dias").replace("%1", str(ex.expires_in_days))
        text += "."
        if ex.balance_voucher:
            text += " " + (
                self.tr("O saldo vira um vale de %1 (válido por %2 dias).")
                .replace("%1", self.money(ex.balance_voucher))
                .replace("%2", str(ex.voucher_validity_days))
            )
        if ex.purchase_voucher or ex.purchase_voucher_bps:
            worth = (
                self.money(ex.purchase_voucher)
                if ex.purchase_voucher
                else self.tr("%1 de desconto").replace("%1", percent(ex.purchase_voucher_bps))
            )
            text += " " + (
                self.tr("A compra dá um vale de %1 (válido por %2 dias).")
                .replace("%1", worth)
                .replace("%2", str(ex.voucher_validity_days))
            )
        cap = (
            self.tr("Os pontos podem pagar até %1 desta compra.")
            if ex.points
            else self.tr("O cashback pode pagar até %1 desta compra.")
        )
        return text + " " + cap.replace("%1", self.money(ex.redeem_cap))

    def save_program(self) -> None:
        try:
            program = self.form_program()
        except PosError as error:
            self.say(error.message(self.lang), error=True)
            return
        station = self.station
        self.with_pin(
            self.tr("alterar o programa de fidelidade"),
            lambda staff_id, pin: store_admin.change_program(
                station, program, staff_id=staff_id, manager_pin=pin
            ),
            self._program_saved,
            self.tr("Alteração cancelada"),
        )

    def _program_saved(self, program: LoyaltyProgram) -> None:
        self.preset_combo.setCurrentIndex(0)
        self._show_program(program)
        self.say(self.tr("Programa salvo: vale a partir da próxima venda"))
        self._refresh_audit()

    # -- Impressora ----------------------------------------------------------------

    def _printer_tab(self) -> QWidget:
        tab = QWidget()
        self.printer_uri = _named(QLineEdit(), "printerUri")
        self.printer_uri.setPlaceholderText(
            "win32://ELGIN i9, usb://04b8:0e15, tcp://192.168.0.50:9100, serial://COM3"
        )
        self.printer_found = _named(QComboBox(), "printerFound")
        self.printer_found.addItem(self.tr("(clique em Procurar)"), "")
        self.printer_found.activated.connect(self._printer_picked)
        self.printer_search = _named(QPushButton(self.tr("Procurar")), "printerSearch")
        self.printer_search.clicked.connect(self.search_printers)
        found_row = QHBoxLayout()
        found_row.addWidget(self.printer_found, 1)
        found_row.addWidget(self.printer_search)
        self.paper = _named(QComboBox(), "printerPaper")
        for mm in (58, 80):
            self.paper.addItem(f"{mm} mm", mm)
        self.profile = _named(QComboBox(), "printerProfile")
        for name in printer_profiles():
            self.profile.addItem(name, name)
        self.drawer_pin = _named(QComboBox(), "drawerPin")
        for pin in (2, 5):
            self.drawer_pin.addItem(self.tr("Pino %1").replace("%1", str(pin)), pin)
        self.scanner_prefix = _named(QLineEdit(), "scannerPrefix")
        self.scanner_suffix = _named(QComboBox(), "scannerSuffix")
        for suffix in SCANNER_SUFFIXES:
            self.scanner_suffix.addItem(suffix or self.tr("(nenhum)"), suffix)
        self.scanner_uri = _named(QLineEdit(), "scannerUri")
        self.scanner_uri.setPlaceholderText(
            self.tr("vazio: leitor como teclado; serial://COM3?baudrate=9600")
        )
        self.scanner_gap = _named(QSpinBox(), "scannerGap")
        self.scanner_gap.setRange(1, 1_000)
        self.scanner_gap.setSuffix(" ms")
        self.devices_save = _named(QPushButton(self.tr("Salvar")), "devicesSave")
        self.devices_save.clicked.connect(self.save_devices)
        self.test_button = _named(QPushButton(self.tr("Imprimir teste")), "printTest")
        self.test_button.clicked.connect(self.print_test)
        form = QFormLayout()
        form.addRow(self.tr("Impressoras deste computador"), found_row)
        form.addRow(self.tr("Impressora (endereço)"), self.printer_uri)
        form.addRow(self.tr("Papel"), self.paper)
        form.addRow(self.tr("Modelo"), self.profile)
        form.addRow(self.tr("Gaveta"), self.drawer_pin)
        form.addRow(self.tr("Leitor: prefixo"), self.scanner_prefix)
        form.addRow(self.tr("Leitor: final"), self.scanner_suffix)
        form.addRow(self.tr("Leitor: intervalo máximo entre teclas"), self.scanner_gap)
        form.addRow(self.tr("Leitor serial (porta)"), self.scanner_uri)
        buttons = QHBoxLayout()
        buttons.addWidget(self.devices_save)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return tab

    def search_printers(self) -> None:
        """List the Windows printers, USB printers and COM ports; picking one fills the address."""
        self.printer_search.setEnabled(False)
        self.jobs.run(search_printers, self._printers_found)

    def _printers_found(self, search: PrinterSearch) -> None:
        self.printer_search.setEnabled(True)
        labels = {
            "windows": self.tr("Windows: %1"),
            "usb": self.tr("USB: %1"),
            "serial": self.tr("Serial: %1"),
        }
        self.printer_found.clear()
        for printer in search.printers:
            label = labels[printer.kind].replace("%1", printer.description)
            self.printer_found.addItem(label, printer.uri)
        if not search.printers:
            self.printer_found.addItem(self.tr("Nenhuma impressora encontrada"), "")

    def _printer_picked(self, index: int) -> None:
        uri = str(self.printer_found.itemData(index) or "")
        if uri:
            self.printer_uri.setText(uri)

    def _show_devices(self, settings: CounterSettings) -> None:
        self.printer_uri.setText(settings.printer_uri)
        self.paper.setCurrentIndex(max(0, self.paper.findData(settings.paper_mm)))
        self.profile.setCurrentIndex(max(0, self.profile.findData(settings.printer_profile)))
        self.drawer_pin.setCurrentIndex(max(0, self.drawer_pin.findData(settings.drawer_pin)))
        self.scanner_prefix.setText(settings.scanner_prefix)
        self.scanner_suffix.setCurrentIndex(
            max(0, self.scanner_suffix.findData(settings.scanner_suffix))
        )
        self.scanner_gap.setValue(settings.scanner_max_gap_ms)
        self.scanner_uri.setText(settings.scanner_uri)

    def devices_form(self) -> CounterSettings:
        return self.context.settings.with_changes(
            printer_uri=self.printer_uri.text().strip(),
            paper_mm=int(self.paper.currentData()),
            printer_profile=str(self.profile.currentData()),
            drawer_pin=int(self.drawer_pin.currentData()),
            scanner_prefix=self.scanner_prefix.text(),
            scanner_suffix=str(self.scanner_suffix.currentData()),
            scanner_max_gap_ms=self.scanner_gap.value(),
            scanner_uri=self.scanner_uri.text().strip(),
        )

    def save_devices(self) -> None:
        settings = self.devices_form()
        station = self.station
        self.with_pin(
            self.tr("alterar impressora e leitor"),
            lambda staff_id, pin: save_device_settings(
                station, settings, staff_id=staff_id, manager_pin=pin
            ),
            self._devices_saved,
            self.tr("Alteração cancelada"),
        )

    def _devices_saved(self, settings: CounterSettings) -> None:
        self.context.settings = settings
        self.context.printing.reconfigure(settings)
        self.say(self.tr("Impressora e leitor salvos"))
        self._refresh_audit()

    def print_test(self) -> None:
        if self._staff() is None:
            return
        settings, printing = self.devices_form(), self.context.printing
        self.test_button.setEnabled(False)
        self.say(self.tr("Imprimindo a página de teste…"))
        self.jobs.run(lambda: print_test_page(printing, settings), self._tested, self._test_failed)

    def _tested(self, outcome: TestPrint) -> None:
        self.test_button.setEnabled(True)
        if outcome.printed and show_printed(self.printer_uri.text().strip(), self):
            self.say(self.tr("Página de teste impressa na impressora virtual (janela Impressões)"))
        elif outcome.printed:
            self.say(self.tr("Página de teste impressa"))
        else:
            self.say(
                self.tr("Não imprimiu: %1").replace("%1", outcome.error(self.lang) or ""),
                error=True,
            )

    def _test_failed(self, error: Exception) -> None:
        self.test_button.setEnabled(True)
        self._failed(error)

    # -- Equipe --------------------------------------------------------------------

    def _staff_tab(self) -> QWidget:
        tab = QWidget()
        self.staff_model = StaffTableModel(self, self.lang, self.zone)
        self.staff_table = _table("staffTable", self.staff_model)
        self.staff_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.add_button = _named(QPushButton(self.tr("Cadastrar")), "staffAdd")
        self.role_button = _named(QPushButton(self.tr("Mudar função")), "staffRoleButton")
        self.pin_button = _named(QPushButton(self.tr("Trocar PIN")), "staffPinButton")
        self.deactivate_button = _named(QPushButton(self.tr("Desativar")), "staffDeactivate")
        self.add_button.clicked.connect(lambda: self._open_staff_dialog(ADD))
        self.role_button.clicked.connect(lambda: self._open_staff_dialog(ROLE))
        self.pin_button.clicked.connect(lambda: self._open_staff_dialog(PIN))
        self.deactivate_button.clicked.connect(self.deactivate_member)
        self.staff_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_staff_buttons()
        )
        buttons = QHBoxLayout()
        for button in (self.add_button, self.role_button, self.pin_button, self.deactivate_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.staff_table, 1)
        layout.addLayout(buttons)
        self._update_staff_buttons()
        return tab

    def selected_member(self) -> StaffMember | None:
        index = self.staff_table.currentIndex()
        if not index.isValid():
            return None
        return self.staff_model.row_at(index.row())

    def _update_staff_buttons(self) -> None:
        member = self.selected_member()
        active = member is not None and member.active
        for button in (self.role_button, self.pin_button, self.deactivate_button):
            button.setEnabled(active)

    def load_staff(self, select: int | None = None) -> None:
        station = self.station
        self.jobs.run(
            lambda: staff_admin.staff_members(station),
            lambda rows: self._staff_listed(rows, select),
        )

    def _staff_listed(self, rows: list[StaffMember], select: int | None) -> None:
        keep = select
        if keep is None and (member := self.selected_member()) is not None:
            keep = member.id
        self.staff_model.set_rows(rows)
        row = self.staff_model.row_of(keep) if keep is not None else None
        if row is not None:
            self.staff_table.selectRow(row)
        self._update_staff_buttons()

    def _open_staff_dialog(self, kind: str) -> None:
        member = None if kind == ADD else self.selected_member()
        if kind != ADD and member is None:
            return
        self.staff_dialog = StaffDialog(kind, member, self)
        self.staff_dialog.accepted.connect(self._staff_dialog_accepted)
        self.staff_dialog.open()

    def _staff_dialog_accepted(self) -> None:
        dialog = self.staff_dialog
        if dialog is None:
            return
        station, member = self.station, dialog.member
        name, role, pin = dialog.name.text(), dialog.chosen_role(), dialog.pin.text()
        call: Callable[[int, str], StaffMember]
        if dialog.kind == ADD:
            action = self.tr("cadastrar %1 na equipe").replace("%1", name.strip())

            def call(staff_id: int, manager_pin: str) -> StaffMember:
                return staff_admin.add_member(
                    station, name, role, pin, staff_id=staff_id, manager_pin=manager_pin
                )

            done = self.tr("%1 cadastrado(a)")
        elif dialog.kind == ROLE and member is not None:
            action = self.tr("mudar a função de %1").replace("%1", member.name)
            member_id = member.id

            def call(staff_id: int, manager_pin: str) -> StaffMember:
                return staff_admin.change_role(
                    station, member_id, role, staff_id=staff_id, manager_pin=manager_pin
                )

            done = self.tr("Função de %1 alterada")
        elif dialog.kind == PIN and member is not None:
            action = self.tr("trocar o PIN de %1").replace("%1", member.name)
            member_id = member.id

            def call(staff_id: int, manager_pin: str) -> StaffMember:
                return staff_admin.reset_pin(
                    station, member_id, pin, staff_id=staff_id, manager_pin=manager_pin
                )

            done = self.tr("PIN de %1 trocado")
        else:
            return
        self.with_pin(
            action, call, lambda m: self._staff_done(m, done), self.tr("Alteração cancelada")
        )

    def deactivate_member(self) -> None:
        member = self.selected_member()
        if member is None or not member.active:
            return
        station, member_id = self.station, member.id
        self.with_pin(
            self.tr("desativar %1").replace("%1", member.name),
            lambda staff_id, pin: staff_admin.deactivate(
                station, member_id, staff_id=staff_id, manager_pin=pin
            ),
            lambda m: self._staff_done(m, self.tr("%1 desativado(a)")),
            self.tr("Alteração cancelada"),
        )

    def _staff_done(self, member: StaffMember, template: str) -> None:
        self.say(template.replace("%1", member.name))
        self.load_staff(select=member.id)
        self._refresh_audit()

    # -- Auditoria -----------------------------------------------------------------

    def _audit_tab(self) -> QWidget:
        tab = QWidget()
        self.audit_text = _named(QLineEdit(), "auditText")
        self.audit_text.setPlaceholderText(self.tr("Buscar no registro"))
        self.audit_text.setClearButtonEnabled(True)
        self.audit_action = _named(QComboBox(), "auditAction")
        self.audit_action.addItem(self.tr("Todas as ações"), "")
        self.audit_staff = _named(QComboBox(), "auditStaff")
        self.audit_staff.addItem(self.tr("Toda a equipe"), 0)
        self.audit_by_day = _named(QCheckBox(self.tr("De")), "auditByDay")
        self.audit_since = _named(QDateEdit(), "auditSince")
        self.audit_until = _named(QDateEdit(), "auditUntil")
        today = self.station.now().date()
        for edit in (self.audit_since, self.audit_until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setDate(QDate(today.year, today.month, today.day))
            edit.dateChanged.connect(lambda _d: self._filters_changed())
        self.audit_search_button = _named(QPushButton(self.tr("Buscar")), "auditSearch")
        self.audit_model = AuditTableModel(self, self.lang, self.zone)
        self.audit_table = _table("auditTable", self.audit_model)
        self.audit_table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.audit_status = _named(QLabel(""), "auditStatus")
        self.audit_prev = _named(QPushButton(self.tr("Anterior")), "auditPrev")
        self.audit_next = _named(QPushButton(self.tr("Próxima")), "auditNext")
        self.audit_prev.clicked.connect(lambda: self.search(self._page - 1))
        self.audit_next.clicked.connect(lambda: self.search(self._page + 1))
        self.audit_text.returnPressed.connect(self._filters_changed)
        self.audit_search_button.clicked.connect(self._filters_changed)
        self.audit_action.activated.connect(lambda _i: self._filters_changed())
        self.audit_staff.activated.connect(lambda _i: self._filters_changed())
        self.audit_by_day.toggled.connect(lambda _on: self._filters_changed())

        filters = QHBoxLayout()
        filters.addWidget(self.audit_text, 2)
        filters.addWidget(self.audit_action, 1)
        filters.addWidget(self.audit_staff, 1)
        filters.addWidget(self.audit_by_day)
        filters.addWidget(self.audit_since)
        filters.addWidget(QLabel(self.tr("até")))
        filters.addWidget(self.audit_until)
        filters.addWidget(self.audit_search_button)
        pager = QHBoxLayout()
        pager.addWidget(self.audit_status, 1)
        pager.addWidget(self.audit_prev)
        pager.addWidget(self.audit_next)
        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addWidget(self.audit_table, 1)
        layout.addLayout(pager)
        return tab

    def _load_actions(self) -> None:
        station = self.station
        self.jobs.run(
            lambda: (audit_actions(station), staff_admin.staff_members(station)),
            self._actions_listed,
        )

    def _actions_listed(self, found: tuple[list[str], list[StaffMember]]) -> None:
        actions, members = found
        chosen_action = self.audit_action.currentData()
        chosen_staff = self.audit_staff.currentData()
        self.audit_action.clear()
        self.audit_action.addItem(self.tr("Todas as ações"), "")
        for action in sorted(actions, key=action_name):
            self.audit_action.addItem(action_name(action), action)
        self.audit_action.setCurrentIndex(max(0, self.audit_action.findData(chosen_action)))
        self.audit_staff.clear()
        self.audit_staff.addItem(self.tr("Toda a equipe"), 0)
        for member in members:
            self.audit_staff.addItem(member.name, member.id)
        self.audit_staff.setCurrentIndex(max(0, self.audit_staff.findData(chosen_staff)))

    def audit_search(self) -> AuditSearch:
        def day_of(edit: QDateEdit) -> date:
            picked = edit.date()
            return date(picked.year(), picked.month(), picked.day())

        by_day = self.audit_by_day.isChecked()
        staff_id = self.audit_staff.currentData()
        return AuditSearch(
            text=self.audit_text.text(),
            action=self.audit_action.currentData() or None,
            staff_id=int(staff_id) if staff_id else None,
            since=day_of(self.audit_since) if by_day else None,
            until=day_of(self.audit_until) if by_day else None,
        )

    def _filters_changed(self) -> None:
        self.search(0)

    def _refresh_audit(self) -> None:
        self._load_actions()
        self.search(0)

    def search(self, page: int = 0) -> None:
        if not self.allowed:
            return
        search, station, zone = self.audit_search(), self.station, self.zone
        self._page = max(0, page)
        wanted = self._page
        self.jobs.run(
            lambda: search_audit(station, search, page=wanted, page_size=AUDIT_PAGE, timezone=zone),
            self._audit_found,
        )

    def _audit_found(self, found: AuditPage) -> None:
        self.audit_page = found
        self._page = found.page
        self.audit_model.set_rows(found.rows)
        self.audit_status.setText(
            self.tr("Página %1 de %2 · %3 registros")
            .replace("%1", str(found.page + 1))
            .replace("%2", str(found.pages))
            .replace("%3", str(found.total))
        )
        self.audit_prev.setEnabled(found.page > 0)
        self.audit_next.setEnabled(found.page + 1 < found.pages)


def _table(name: str, model: Any) -> QTableView:
    return read_only_table(name, model, stretch_last=False, word_wrap=False)
