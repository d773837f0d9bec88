"""Gerência > Pagamentos: the store's Pix (key, name, city), the PSP's API Pix for charges
that confirm themselves, card details at checkout and the acquirers; Pix to return: money
no sale took, and refunds' Pix shares the PSP did not return (the store owes them until a
manager says they went back another way).

The client secret is never shown back: a saved one is kept when the field is left empty.
Saving and returning a Pix go through the Gerência screen's `with_pin` (the service
checks the manager's PIN and audits); "Verificar Pix" picks up charges a restart left
open and asks the PSP about money that arrived after a charge was cancelled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from payments.brcode import MAX_CITY, MAX_NAME
from payments.card import format_cnpj
from payments.pix_api import RefundStatus
from posapp.core.money import format_money
from posapp.services.common.station import Station
from posapp.services.payments.dynamic_pix import DynamicPix
from posapp.services.payments.late_pix import (
    LatePixRow,
    SettleResult,
    late_payments,
    refund_late_payment,
    settle_charges,
)
from posapp.services.payments.sale_pix_refund import (
    UnreturnedPix,
    returned_another_way,
    unreturned,
)
from posapp.services.payments.settings import (
    PaymentSettings,
    PaymentSettingsView,
    payment_settings_view,
    save_payment_settings,
)
from posapp.ui.formatting import moment
from posapp.ui.rows_model import RowsModel
from posapp.ui.widgets import file_field, named, read_only_table

if TYPE_CHECKING:
    from posapp.ui.settings.tab_host import TabHost


class LatePixModel(RowsModel[LatePixRow]):
    right_columns = frozenset({1})

    def __init__(self, parent: Any, locale: str, timezone: str) -> None:
        super().__init__(parent, locale, timezone)
        self.headers = (
            self.tr("Recebido em"),
            self.tr("Valor"),
            self.tr("Situação"),
            self.tr("E2E"),
            self.tr("txid"),
        )

    def text(self, row: LatePixRow, column: int) -> str | None:
        if column == 0:
            return moment(row.found_at, self.locale, self.timezone)
        if column == 1:
            return format_money(row.amount, self.locale)
        if column == 2:
            if not row.refunded:
                return self.tr("A devolver")
            if row.refund_status == RefundStatus.PROCESSING.value:  # not settled yet
                return self.tr("Devolução em processamento")
            return self.tr("Devolvido")
        return row.end_to_end_id if column == 3 else row.txid


class UnreturnedPixModel(RowsModel[UnreturnedPix]):
    right_columns = frozenset({1})

    def __init__(self, parent: Any, locale: str, timezone: str) -> None:
        super().__init__(parent, locale, timezone)
        self.headers = (
            self.tr("Venda"),
            self.tr("Valor"),
            self.tr("Situação"),
            self.tr("Desde"),
            self.tr("Motivo"),
        )

    def text(self, row: UnreturnedPix, column: int) -> str | None:
        if column == 0:
            return str(row.sale_number)
        if column == 1:
            return format_money(row.amount, self.locale)
        if column == 2:
            return self.tr("A devolver") if row.owed else self.tr("Devolvido por outro meio")
        if column == 3:
            return moment(row.at, self.locale, self.timezone)
        return row.reason or ""


class PaymentsTab(QWidget):
    def __init__(self, host: TabHost) -> None:
        super().__init__()
        self.host = host
        self.station = host.station
        self.has_secret = False
        self.key = named(QLineEdit(), "pixKey")
        self.key.setPlaceholderText(self.tr("CPF, CNPJ, celular (+55), e-mail ou chave aleatória"))
        self.merchant = named(QLineEdit(), "pixMerchant")
        self.merchant.setMaxLength(60)
        self.city = named(QLineEdit(), "pixCity")
        self.city.setMaxLength(40)
        self.base_url = named(QLineEdit(), "pspBaseUrl")
        self.base_url.setPlaceholderText("https://api.psp.com.br/v2")
        self.token_url = named(QLineEdit(), "pspTokenUrl")
        self.token_url.setPlaceholderText("https://api.psp.com.br/oauth/token")
        self.client_id = named(QLineEdit(), "pspClientId")
        self.secret = named(QLineEdit(), "pspSecret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.cert_file = named(QLineEdit(), "pspCertFile")
        self.key_file = named(QLineEdit(), "pspKeyFile")
        self.ca_file = named(QLineEdit(), "pspCaFile")
        self.psp_cnpj = named(QLineEdit(), "pspCnpj")
        self.timeout = named(QSpinBox(), "pixTimeout")
        self.timeout.setRange(30, 3600)
        self.timeout.setSuffix(" s")
        self.ask_cards = named(QCheckBox(self.tr("Pedir os dados do cartão na venda")), "askCards")
        self.acquirers = named(QTableWidget(0, 2), "acquirers")
        self.acquirers.setHorizontalHeaderLabels([self.tr("Credenciadora"), self.tr("CNPJ")])
        self.acquirers.horizontalHeader().setStretchLastSection(True)
        self.add_acquirer = named(QPushButton(self.tr("Adicionar credenciadora")), "addAcquirer")
        self.add_acquirer.clicked.connect(
            lambda: self.acquirers.insertRow(self.acquirers.rowCount())
        )
        self.remove_acquirer = named(QPushButton(self.tr("Remover")), "removeAcquirer")
        self.remove_acquirer.clicked.connect(self._remove_acquirer)
        self.save_button = named(QPushButton(self.tr("Salvar")), "paymentsSave")
        self.save_button.clicked.connect(self.save)
        self.check_button = named(QPushButton(self.tr("Verificar Pix")), "pixCheck")
        self.check_button.clicked.connect(self.check_pix)
        self.refund_button = named(QPushButton(self.tr("Devolver Pix")), "pixRefund")
        self.refund_button.clicked.connect(self.refund)
        self.model = LatePixModel(self, host.lang, host.zone)
        self.table = read_only_table("latePix", self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.owed_model = UnreturnedPixModel(self, host.lang, host.zone)
        self.owed_table = read_only_table("unreturnedPix", self.owed_model)
        self.owed_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_buttons()
        )
        self.another_way_button = named(
            QPushButton(self.tr("Devolvido por outro meio")), "pixReturnedAnotherWay"
        )
        self.another_way_button.clicked.connect(self.returned_another_way)

        pix = QFormLayout()
        pix.addRow(self.tr("Chave Pix"), self.key)
        pix.addRow(self.tr("Nome (até %1)").replace("%1", str(MAX_NAME)), self.merchant)
        pix.addRow(self.tr("Cidade (até %1)").replace("%1", str(MAX_CITY)), self.city)
        psp = QFormLayout()
        psp.addRow(self.tr("Endereço da API Pix"), self.base_url)
        psp.addRow(self.tr("Endereço do token (OAuth2)"), self.token_url)
        psp.addRow(self.tr("Client ID"), self.client_id)
        psp.addRow(self.tr("Client secret"), self.secret)
        psp.addRow(self.tr("Certificado do cliente (PEM)"), self._pem_field(self.cert_file))
        psp.addRow(self.tr("Chave do certificado (PEM)"), self._pem_field(self.key_file))
        psp.addRow(self.tr("CA do PSP (PEM, opcional)"), self._pem_field(self.ca_file))
        psp.addRow(self.tr("CNPJ do PSP (NFC-e)"), self.psp_cnpj)
        psp.addRow(self.tr("Tempo para pagar"), self.timeout)
        acquirer_buttons = QHBoxLayout()
        acquirer_buttons.addWidget(self.add_acquirer)
        acquirer_buttons.addWidget(self.remove_acquirer)
        acquirer_buttons.addStretch(1)
        late_buttons = QHBoxLayout()
        late_buttons.addWidget(self.check_button)
        late_buttons.addWidget(self.refund_button)
        late_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(named(QLabel(self.tr("Pix (QR estático)")), "sectionTitle"))
        layout.addLayout(pix)
        layout.addWidget(
            named(
                QLabel(self.tr("Provedor Pix (API Pix, cobrança que se confirma sozinha)")),
                "sectionTitle",
            )
        )
        layout.addLayout(psp)
        layout.addWidget(named(QLabel(self.tr("Cartões")), "sectionTitle"))
        layout.addWidget(self.ask_cards)
        layout.addWidget(self.acquirers)
        layout.addLayout(acquirer_buttons)
        layout.addWidget(self.save_button)
        layout.addWidget(
            named(QLabel(self.tr("Pix recebidos sem venda (a devolver)")), "sectionTitle")
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(late_buttons)
        layout.addWidget(
            named(
                QLabel(self.tr("Devoluções por Pix que o banco não fez (devolver por outro meio)")),
                "sectionTitle",
            )
        )
        layout.addWidget(self.owed_table, 1)
        owed_buttons = QHBoxLayout()
        owed_buttons.addWidget(self.another_way_button)
        owed_buttons.addStretch(1)
        layout.addLayout(owed_buttons)
        self._update_buttons()

    def _pem_field(self, field: QLineEdit) -> QWidget:
        browse = named(QPushButton(self.tr("Procurar…")), field.objectName() + "Choose")
        return file_field(field, browse, self.tr("Arquivo PEM"))

    def _remove_acquirer(self) -> None:
        row = self.acquirers.currentRow()
        if row >= 0:
            self.acquirers.removeRow(row)

    # -- reading -------------------------------------------------------------------

    def load(self) -> None:
        station = self.station
        self.host.jobs.run(lambda: payment_settings_view(station), self._show)
        self.refresh()

    def refresh(self) -> None:
        station = self.station
        self.host.jobs.run(lambda: late_payments(station), self._show_late)
        self.host.jobs.run(lambda: unreturned(station), self._show_owed)

    def _show(self, view: PaymentSettingsView) -> None:
        settings = view.settings
        self.has_secret = view.has_secret
        self.key.setText(settings.pix_key)
        self.merchant.setText(settings.merchant_name)
        self.city.setText(settings.merchant_city)
        self.base_url.setText(settings.psp_base_url)
        self.token_url.setText(settings.psp_token_url)
        self.client_id.setText(settings.psp_client_id)
        self.secret.clear()
        self.secret.setPlaceholderText(
            self.tr("(guardado; deixe vazio para manter)") if view.has_secret else ""
        )
        self.cert_file.setText(settings.psp_cert_file)
        self.key_file.setText(settings.psp_key_file)
        self.ca_file.setText(settings.psp_ca_file)
        self.psp_cnpj.setText(format_cnpj(settings.psp_cnpj) if settings.psp_cnpj else "")
        self.timeout.setValue(settings.charge_timeout_s)
        self.ask_cards.setChecked(settings.ask_card_details)
        self.acquirers.setRowCount(0)
        for name, cnpj in settings.acquirers:
            row = self.acquirers.rowCount()
            self.acquirers.insertRow(row)
            self.acquirers.setItem(row, 0, QTableWidgetItem(name))
            self.acquirers.setItem(row, 1, QTableWidgetItem(format_cnpj(cnpj)))

    def _show_late(self, rows: tuple[LatePixRow, ...]) -> None:
        self.model.set_rows(rows)
        self._update_buttons()

    def _show_owed(self, rows: tuple[UnreturnedPix, ...]) -> None:
        self.owed_model.set_rows(rows)
        self._update_buttons()

    def _update_buttons(self) -> None:
        index = self.table.selectionModel().currentIndex()
        self.refund_button.setEnabled(
            index.isValid() and not self.model.row_at(index.row()).refunded
        )
        owed = self.owed_table.selectionModel().currentIndex()
        self.another_way_button.setEnabled(
            owed.isValid() and self.owed_model.row_at(owed.row()).owed
        )

    # -- acting --------------------------------------------------------------------

    def form(self) -> PaymentSettings:
        acquirers = []
        for row in range(self.acquirers.rowCount()):
            name, cnpj = (self.acquirers.item(row, column) for column in (0, 1))
            if (name and name.text().strip()) or (cnpj and cnpj.text().strip()):
                acquirers.append((name.text() if name else "", cnpj.text() if cnpj else ""))
        return PaymentSettings(
            pix_key=self.key.text(),
            merchant_name=self.merchant.text(),
            merchant_city=self.city.text(),
            psp_base_url=self.base_url.text(),
            psp_token_url=self.token_url.text(),
            psp_client_id=self.client_id.text(),
            psp_client_secret=self.secret.text(),
            psp_cert_file=self.cert_file.text(),
            psp_key_file=self.key_file.text(),
            psp_ca_file=self.ca_file.text(),
            psp_cnpj=self.psp_cnpj.text(),
            charge_timeout_s=self.timeout.value(),
            ask_card_details=self.ask_cards.isChecked(),
            acquirers=tuple(acquirers),
        )

    def save(self) -> None:
        settings, station = self.form(), self.station
        self.host.with_pin(
            self.tr("configurar pagamentos"),
            lambda staff_id, pin: save_payment_settings(
                station, settings, staff_id=staff_id, manager_pin=pin
            ),
            self._saved,
            self.tr("Alteração cancelada"),
        )

    def _saved(self, view: PaymentSettingsView) -> None:
        self._show(view)
        self.host.say(self.tr("Pagamentos salvos"))

    def check_pix(self) -> None:
        station = self.station
        self.check_button.setEnabled(False)
        self.host.say(self.tr("Consultando o provedor Pix…"))
        self.host.jobs.run(lambda: settle(station), self._checked, self._check_failed)

    def _checked(self, result: SettleResult) -> None:
        self.check_button.setEnabled(True)
        text = self.tr("Pix verificados: %1 cobrança(s) retomada(s), %2 Pix a devolver.")
        text = text.replace("%1", str(result.resumed)).replace("%2", str(result.found))
        if result.unreachable:
            text += " " + self.tr("%1 sem resposta do provedor.").replace(
                "%1", str(result.unreachable)
            )
        self.host.say(text)
        self.refresh()

    def _check_failed(self, error: Exception) -> None:
        self.check_button.setEnabled(True)
        self.host.say(error_message(error, self.host.lang), error=True)

    def refund(self) -> None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return
        row = self.model.row_at(index.row())
        station = self.station
        self.host.with_pin(
            self.tr("devolver o Pix de %1").replace("%1", format_money(row.amount, self.host.lang)),
            lambda staff_id, pin: refund(station, row.end_to_end_id, staff_id, pin),
            self._refunded,
            self.tr("Nada foi devolvido"),
        )

    def returned_another_way(self) -> None:
        index = self.owed_table.selectionModel().currentIndex()
        if not index.isValid():
            return
        row = self.owed_model.row_at(index.row())
        station, lang = self.station, self.host.lang
        action = self.tr("registrar que os %1 da venda %2 foram devolvidos por outro meio")
        self.host.with_pin(
            action.replace("%1", format_money(row.amount, lang)).replace(
                "%2", str(row.sale_number)
            ),
            lambda staff_id, pin: returned_another_way(
                station, row.refund_id, staff_id=staff_id, manager_pin=pin
            ),
            self._returned_another_way,
            self.tr("Nada foi registrado"),
        )

    def _returned_another_way(self, row: UnreturnedPix) -> None:
        text = self.tr("Devolução de %1 da venda %2 registrada")
        self.host.say(
            text.replace("%1", format_money(row.amount, self.host.lang)).replace(
                "%2", str(row.sale_number)
            )
        )
        self.refresh()

    def _refunded(self, row: LatePixRow) -> None:
        self.host.say(
            self.tr("Pix de %1 devolvido").replace("%1", format_money(row.amount, self.host.lang))
        )
        self.refresh()


def error_message(error: Exception, locale: str) -> str:
    message = getattr(error, "message", None)
    return str(message(locale)) if callable(message) else str(error)


def settle(station: Station) -> SettleResult:
    with DynamicPix.open(station) as pix:
        return settle_charges(pix)


def refund(station: Station, end_to_end_id: str, staff_id: int, pin: str) -> LatePixRow:
    with DynamicPix.open(station) as pix:
        return refund_late_payment(pix, end_to_end_id, staff_id=staff_id, manager_pin=pin)
