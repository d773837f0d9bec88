"""Gerência > Fiscal, NFS-e part: the services' set-up, partners, what waits, the ZIP.

The set-up (inscrição municipal, the national and municipal service codes, the ISS
rate and its withholding, the Simples Nacional option, the salão-parceiro model with
each partner professional's CPF, share and contract) is saved through the screen's
`with_pin`: the service checks the manager's PIN and audits. The list shows each DPS
that waits for the national environment and each one it refused (code and reason),
with the actions: send now, a new DPS after a fix. The month's ZIP for the accountant
holds the NFS-e with the NFC-e.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from posapp.services.admin.staff import professionals
from posapp.services.common.auth import StaffRef
from posapp.services.nfse.archive import NfseStatus, WaitingNfse, export, nfse_status
from posapp.services.nfse.issuing import NfseIssuer, NfseReport
from posapp.services.nfse.settings import NfseSettings, Partner, load_settings, save_settings
from posapp.services.nfse.storage import NfseRecord
from posapp.ui.widgets import named

if TYPE_CHECKING:
    from posapp.ui.settings.tab_host import TabHost

PARTNER_COLUMNS = (
    QT_TRANSLATE_NOOP("NfseBox", "Profissional"),
    QT_TRANSLATE_NOOP("NfseBox", "CPF"),
    QT_TRANSLATE_NOOP("NfseBox", "Cota do parceiro %"),
    QT_TRANSLATE_NOOP("NfseBox", "Contrato"),
    QT_TRANSLATE_NOOP("NfseBox", "Data do contrato"),
)
"""Read for translation here, translated by the box."""


class NfseBox(QWidget):
    def __init__(self, host: TabHost) -> None:
        super().__init__()
        self.host = host
        self.station = host.station
        self.staff: list[StaffRef] = []
        self.waiting: list[WaitingNfse] = []
        self.enabled = named(QCheckBox(self.tr("Emitir NFS-e dos serviços")), "nfseOn")
        self.im = named(QLineEdit(), "nfseIm")
        self.national_code = named(QLineEdit(), "nfseNationalCode")
        self.national_code.setPlaceholderText(self.tr("ex.: 06.01.01 (cabeleireiros)"))
        self.municipal_code = named(QLineEdit(), "nfseMunicipalCode")
        self.municipal_code.setPlaceholderText(self.tr("3 dígitos, se o município usar"))
        self.iss_rate = named(QDoubleSpinBox(), "nfseIssRate")
        self.iss_rate.setRange(0.0, 5.0)
        self.iss_rate.setDecimals(2)
        self.iss_rate.setSuffix(" %")
        self.iss_rate.setSpecialValueText(self.tr("a do município"))
        self.withheld = named(QCheckBox(self.tr("ISS retido pelo tomador")), "nfseWithheld")
        self.simples = named(QComboBox(), "nfseSimples")
        for code, label in (
            (3, self.tr("Optante do Simples Nacional (ME/EPP)")),
            (2, self.tr("MEI")),
            (1, self.tr("Não optante")),
        ):
            self.simples.addItem(label, code)
        self.partner_salon = named(
            QCheckBox(self.tr("Salão-parceiro (Lei 13.352/2016)")), "nfsePartnerSalon"
        )
        self.partners = named(QTableWidget(0, len(PARTNER_COLUMNS)), "nfsePartners")
        self.partners.setHorizontalHeaderLabels([self.tr(str(c)) for c in PARTNER_COLUMNS])
        self.add_partner = named(QPushButton(self.tr("Adicionar parceiro")), "nfseAddPartner")
        self.add_partner.clicked.connect(lambda: self._add_partner_row(None))
        self.remove_partner = named(QPushButton(self.tr("Remover parceiro")), "nfseDelPartner")
        self.remove_partner.clicked.connect(self._remove_partner_row)
        self.save_button = named(QPushButton(self.tr("Salvar NFS-e")), "nfseSave")
        self.save_button.clicked.connect(self.save)
        self.summary = named(QLabel(""), "nfseSummary")
        self.summary.setWordWrap(True)
        self.list = named(QListWidget(), "nfseWaiting")
        self.send_button = named(QPushButton(self.tr("Enviar NFS-e pendentes")), "nfseSend")
        self.send_button.clicked.connect(self.send_now)
        self.again_button = named(QPushButton(self.tr("Nova DPS após correção")), "nfseAgain")
        self.again_button.clicked.connect(self.issue_again)
        self.month = named(QLineEdit(), "fiscalZipMonth")
        self.month.setPlaceholderText(self.tr("AAAA-MM"))
        self.zip_button = named(
            QPushButton(self.tr("ZIP do mês para o contador (NFC-e e NFS-e)")), "fiscalZip"
        )
        self.zip_button.clicked.connect(self.export_zip)

        form = QFormLayout()
        form.addRow("", self.enabled)
        form.addRow(self.tr("Inscrição municipal"), self.im)
        form.addRow(self.tr("Código de tributação nacional (LC 116)"), self.national_code)
        form.addRow(self.tr("Código de tributação municipal"), self.municipal_code)
        form.addRow(self.tr("Alíquota do ISS"), self.iss_rate)
        form.addRow("", self.withheld)
        form.addRow(self.tr("Simples Nacional"), self.simples)
        form.addRow("", self.partner_salon)
        partner_buttons = QHBoxLayout()
        partner_buttons.addWidget(self.add_partner)
        partner_buttons.addWidget(self.remove_partner)
        partner_buttons.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.send_button)
        actions.addWidget(self.again_button)
        actions.addStretch(1)
        zip_row = QHBoxLayout()
        zip_row.addWidget(self.month)
        zip_row.addWidget(self.zip_button)
        zip_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            named(QLabel(self.tr("NFS-e dos serviços (Padrão Nacional)")), "sectionTitle")
        )
        layout.addLayout(form)
        layout.addWidget(self.partners)
        layout.addLayout(partner_buttons)
        layout.addWidget(self.save_button)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        layout.addLayout(actions)
        layout.addLayout(zip_row)

    # -- reading -------------------------------------------------------------------

    def issuer(self) -> NfseIssuer:
        found = self.host.context.nfse_issuer
        if found is None:  # no keeper (tests, a window built by hand): one of our own
            found = self.host.context.nfse_issuer = NfseIssuer(self.station)
        return found

    def load(self) -> None:
        station = self.station
        self.host.jobs.run(
            lambda: (professionals(station), load_settings(station)), self._show_loaded
        )
        self.refresh()

    def refresh(self) -> None:
        station = self.station
        self.host.jobs.run(lambda: nfse_status(station), self._show_status)

    def _show_loaded(self, loaded: tuple[list[StaffRef], NfseSettings]) -> None:
        self.staff, settings = loaded
        self.show_settings(settings)

    def show_settings(self, settings: NfseSettings) -> None:
        self.enabled.setChecked(settings.enabled)
        self.im.setText(settings.im)
        code = settings.national_code
        self.national_code.setText(f"{code[:2]}.{code[2:4]}.{code[4:]}" if len(code) == 6 else code)
        self.municipal_code.setText(settings.municipal_code)
        self.iss_rate.setValue(settings.iss_rate_bp / 100)
        self.withheld.setChecked(settings.withheld)
        self.simples.setCurrentIndex(max(0, self.simples.findData(settings.simples)))
        self.partner_salon.setChecked(settings.partner_salon)
        self.partners.setRowCount(0)
        for partner in settings.partners:
            self._add_partner_row(partner)

    def _add_partner_row(self, partner: Partner | None) -> None:
        row = self.partners.rowCount()
        self.partners.insertRow(row)
        who = QComboBox()
        for staff in self.staff:
            who.addItem(staff.name, staff.id)
        if partner is not None:
            who.setCurrentIndex(max(0, who.findData(partner.staff_id)))
        self.partners.setCellWidget(row, 0, who)
        values = (
            (partner.cpf, f"{partner.share_bp / 100:g}", partner.contract, partner.contract_date)
            if partner is not None
            else ("", "", "", "")
        )
        for column, value in enumerate(values, start=1):
            self.partners.setItem(row, column, QTableWidgetItem(value))

    def _remove_partner_row(self) -> None:
        row = self.partners.currentRow()
        if row >= 0:
            self.partners.removeRow(row)

    def _show_status(self, status: NfseStatus) -> None:
        self.summary.setText(status.summary(self.host.lang))
        self.waiting = status.waiting
        self.list.clear()
        for waiting in status.waiting:
            self.list.addItem(self._line(waiting.record, waiting.sale_number))

    def _line(self, record: NfseRecord, sale_number: int) -> str:
        if record.status == "rejected":
            state = (
                self.tr("rejeitada: %1 %2").replace("%1", record.code).replace("%2", record.reason)
            )
        elif record.status == "cancel_pending" and record.code:
            state = self.tr("cancelamento recusado (%1); nova tentativa no próximo envio").replace(
                "%1", record.code
            )
        elif record.status == "cancel_pending":
            state = self.tr("cancelamento aguardando o ambiente nacional")
        else:
            state = self.tr("aguardando o ambiente nacional")
        return (
            self.tr("Venda nº %1 — DPS %2: %3")
            .replace("%1", f"{sale_number:06d}")
            .replace("%2", str(record.number))
            .replace("%3", state)
        )

    # -- writing -------------------------------------------------------------------

    def form(self) -> NfseSettings:
        was = load_settings(self.station)
        partners = []
        for row in range(self.partners.rowCount()):
            who = self.partners.cellWidget(row, 0)
            cells = [self.partners.item(row, c) for c in range(1, len(PARTNER_COLUMNS))]
            cpf, share, contract, day = (c.text().strip() if c is not None else "" for c in cells)
            try:
                share_bp = round(float(share.replace(",", ".")) * 100)
            except ValueError:
                share_bp = 0
            staff_id = who.currentData() if isinstance(who, QComboBox) else None
            if staff_id is not None:
                partners.append(Partner(int(staff_id), cpf, share_bp, contract, day))
        return NfseSettings(
            enabled=self.enabled.isChecked(),
            im=self.im.text(),
            national_code=self.national_code.text(),
            municipal_code=self.municipal_code.text(),
            iss_rate_bp=round(self.iss_rate.value() * 100),
            withheld=self.withheld.isChecked(),
            simples=int(self.simples.currentData()),
            partner_salon=self.partner_salon.isChecked(),
            partners=tuple(partners),
            series=was.series,
            sefin_url=was.sefin_url,
            sefin_ca_file=was.sefin_ca_file,
            timeout_s=was.timeout_s,
        )

    def save(self) -> None:
        settings, station = self.form(), self.station
        self.host.with_pin(
            self.tr("alterar a configuração da NFS-e"),
            lambda staff_id, pin: save_settings(station, staff_id, pin, settings),
            self._saved,
            self.tr("Alteração cancelada"),
        )

    def _saved(self, settings: NfseSettings) -> None:
        self.show_settings(settings)
        self.host.say(self.tr("Configuração da NFS-e salva"))
        self.refresh()

    def send_now(self) -> None:
        self.host.say(self.tr("Enviando NFS-e…"))
        self.host.jobs.run(self.issuer().send_pending, self._sent, self._failed)

    def _sent(self, report: NfseReport | None) -> None:
        if report is None:
            self.host.say(self.tr("A NFS-e está desligada"))
        elif report.unavailable is not None:
            self.host.say(
                self.tr("O ambiente nacional não respondeu; tente mais tarde"), error=True
            )
        else:
            self.host.say(
                self.tr("NFS-e autorizadas: %1").replace("%1", str(len(report.authorised)))
            )
        self.refresh()

    def _failed(self, error: Exception) -> None:
        message = getattr(error, "message", None)
        self.host.say(message(self.host.lang) if callable(message) else str(error), error=True)
        self.refresh()

    def issue_again(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.waiting) or self.waiting[row].record.status != "rejected":
            self.host.say(self.tr("Escolha uma NFS-e rejeitada"), error=True)
            return
        sale_id, issuer = self.waiting[row].record.sale_id, self.issuer()
        self.host.jobs.run(
            lambda: issuer.issue_for_sale(sale_id, again=True), self._issued, self._failed
        )

    def _issued(self, record: NfseRecord | None) -> None:
        if record is not None and record.status == "authorised":
            self.host.say(self.tr("NFS-e %1 autorizada").replace("%1", record.nfse_number))
        else:
            self.host.say(self.tr("A nova DPS não foi autorizada; veja a lista"), error=True)
        self.refresh()

    def export_zip(self) -> None:
        month = self.month.text().strip()
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("ZIP para o contador"), f"fiscal-{month}.zip", "ZIP (*.zip)"
        )
        if not path:
            return
        station = self.station
        self.host.jobs.run(
            lambda: export(station, month, Path(path)),
            lambda n: self.host.say(self.tr("%1 arquivo(s) no ZIP").replace("%1", str(n))),
            self._failed,
        )
