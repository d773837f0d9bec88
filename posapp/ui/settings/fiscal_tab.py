"""Gerência > Fiscal: the store's NFC-e set-up, the A1's expiry, the notes that wait,
and below them the services' NFS-e (`nfse_box`).

Every change (settings, CSC, certificate, numbering, resend, void) goes through the
screen's `with_pin`: the service checks the manager's PIN and audits. The A1 and the
CSC token are never shown back (the service keeps them sealed), nor is the CSRT of the
"Responsável técnico" group (the software house the note names in infRespTec, which
some UFs require). The list shows each note that waits for SEFAZ (with its deadline) or
for the manager (a rejection with SEFAZ's code and reason, and the fix path: correct the
item and resend, or void the number of a normal note; fill the responsável técnico
when SEFAZ asked for it: saving it sends those notes again).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fiscal import NoteRecord
from fiscal.contingency import SendReport, cancellation_refused
from posapp.services.invoices import fixes
from posapp.services.invoices.archive import FiscalStatus, fiscal_status
from posapp.services.invoices.issuing import Invoicer, NoteNotIssued
from posapp.services.invoices.settings import (
    CertificateStatus,
    FiscalSettings,
    certificate_status,
    load_certificate,
    load_settings,
    save_settings,
    set_csc,
    set_csrt,
    set_next_number,
    validate,
)
from posapp.ui.formatting import moment
from posapp.ui.rows_model import RowsModel
from posapp.ui.settings.nfse_box import NfseBox
from posapp.ui.widgets import file_field, named, read_only_table

if TYPE_CHECKING:
    from posapp.ui.settings.tab_host import TabHost

TEXT_FIELDS = (
    ("cnpj", QT_TRANSLATE_NOOP("FiscalTab", "CNPJ")),
    ("ie", QT_TRANSLATE_NOOP("FiscalTab", "Inscrição estadual")),
    ("legal_name", QT_TRANSLATE_NOOP("FiscalTab", "Razão social")),
    ("trade_name", QT_TRANSLATE_NOOP("FiscalTab", "Nome fantasia")),
    ("street", QT_TRANSLATE_NOOP("FiscalTab", "Logradouro")),
    ("number", QT_TRANSLATE_NOOP("FiscalTab", "Número")),
    ("district", QT_TRANSLATE_NOOP("FiscalTab", "Bairro")),
    ("city_code", QT_TRANSLATE_NOOP("FiscalTab", "Código IBGE do município")),
    ("city_name", QT_TRANSLATE_NOOP("FiscalTab", "Município")),
    ("uf", QT_TRANSLATE_NOOP("FiscalTab", "UF")),
    ("cep", QT_TRANSLATE_NOOP("FiscalTab", "CEP")),
    ("csc_id", QT_TRANSLATE_NOOP("FiscalTab", "CSC (id)")),
)
"""(setting, label): the labels are read for translation here and translated by the tab."""
TECH_FIELDS = ("tech_cnpj", "tech_contact", "tech_email", "tech_phone", "csrt_id")
"""The responsável técnico (infRespTec): the software house behind this system."""


class NotesModel(RowsModel[NoteRecord]):
    def __init__(self, parent: Any, locale: str, timezone: str) -> None:
        super().__init__(parent, locale, timezone)
        self.headers = (
            self.tr("Nº"),
            self.tr("Situação"),
            self.tr("Prazo"),
            self.tr("SEFAZ"),
            self.tr("Como resolver"),
        )

    def text(self, row: NoteRecord, column: int) -> str | None:
        if column == 0:
            return f"{row.number} ({row.series})"
        if column == 1:
            return status_name(row)
        if column == 2:
            return moment(row.deadline, self.locale, self.timezone) if row.deadline else "—"
        if column == 3:
            return f"{row.cstat} {row.reason}" if row.cstat else "—"
        return fix_path(row)


def status_name(row: NoteRecord) -> str:
    if cancellation_refused(row):
        return QCoreApplication.translate("FiscalTab", "autorizada; a SEFAZ recusou o cancelamento")
    names = {
        "pending": QCoreApplication.translate("FiscalTab", "em contingência, aguardando envio"),
        "unanswered": QCoreApplication.translate(
            "FiscalTab", "sem resposta da SEFAZ; será consultada"
        ),
        "sending": QCoreApplication.translate("FiscalTab", "enviando"),
        "rejected": QCoreApplication.translate("FiscalTab", "REJEITADA"),
    }
    return names.get(row.status, row.status)


def fix_path(row: NoteRecord) -> str:
    if cancellation_refused(row):
        return QCoreApplication.translate(
            "FiscalTab", "a venda também tem a NFC-e nº %1: leve as duas ao contador"
        ).replace("%1", str(row.replaced_by))
    if row.status != "rejected":
        return QCoreApplication.translate(
            "FiscalTab", "automático: enviada quando a SEFAZ responder"
        )
    if fixes.needs_tech(row):
        return QCoreApplication.translate(
            "FiscalTab",
            "a SEFAZ exige o responsável técnico: preencha o grupo “Responsável técnico” "
            "acima e salve; a nota é reenviada",
        )
    if row.tp_emis == 9:
        return QCoreApplication.translate(
            "FiscalTab", "corrija o cadastro do item e reenvie (contingência: não inutilizar)"
        )
    return QCoreApplication.translate(
        "FiscalTab", "corrija o cadastro do item e reenvie, ou inutilize o número"
    )


class FiscalTab(QWidget):
    def __init__(self, host: TabHost) -> None:
        super().__init__()
        self.host = host
        self.station = host.station
        self.settings = FiscalSettings()
        self.enabled = named(QCheckBox(self.tr("Emitir NFC-e nas vendas de produtos")), "nfceOn")
        self.fields: dict[str, QLineEdit] = {
            name: named(QLineEdit(), f"nfce_{name}") for name, _label in TEXT_FIELDS
        }
        self.crt = named(QComboBox(), "nfceCrt")
        for code, label in (
            (1, self.tr("1 Simples Nacional")),
            (2, self.tr("2 Simples Nacional, excesso de sublimite")),
            (3, self.tr("3 Regime normal")),
            (4, self.tr("4 MEI")),
        ):
            self.crt.addItem(label, code)
        self.environment = named(QComboBox(), "nfceEnvironment")
        self.environment.addItem(self.tr("Homologação (testes, sem valor fiscal)"), 2)
        self.environment.addItem(self.tr("Produção"), 1)
        self.series = named(QSpinBox(), "nfceSeries")
        self.series.setRange(0, 999)
        self.loyalty_as = named(QComboBox(), "nfceLoyaltyAs")
        self.loyalty_as.addItem(self.tr("Cashback e vales como pagamento (tPag 19)"), "tpag19")
        self.loyalty_as.addItem(self.tr("Cashback e vales como desconto"), "discount")
        self.cancel_limit = named(QSpinBox(), "nfceCancelLimit")
        self.cancel_limit.setRange(1, 30)
        self.cancel_limit.setSuffix(" min")
        self.late_refund = named(QComboBox(), "nfceLateRefund")
        self.late_refund.addItem(
            self.tr("Depois do prazo: cancelar a venda; o contador emite a nota de devolução"),
            "refund",
        )
        self.late_refund.addItem(self.tr("Depois do prazo: não cancelar a venda"), "refuse")
        self.csc_token = named(QLineEdit(), "nfceCscToken")
        self.csc_token.setEchoMode(QLineEdit.EchoMode.Password)
        self.csc_token.setPlaceholderText(self.tr("(guardado; deixe vazio para manter)"))
        self.tech_fields: dict[str, QLineEdit] = {
            name: named(QLineEdit(), f"nfce_{name}") for name in TECH_FIELDS
        }
        tech_labels = (
            self.tr("CNPJ"),
            self.tr("Contato"),
            self.tr("E-mail"),
            self.tr("Telefone (DDD + número)"),
            self.tr("CSRT (id)"),
        )
        self.csrt_code = named(QLineEdit(), "nfceCsrtCode")
        self.csrt_code.setEchoMode(QLineEdit.EchoMode.Password)
        self.csrt_code.setPlaceholderText(self.tr("(guardado; deixe vazio para manter)"))
        self.tech_box = named(QGroupBox(self.tr("Responsável técnico")), "nfceTech")
        tech_form = QFormLayout(self.tech_box)
        for name, label in zip(TECH_FIELDS, tech_labels, strict=True):
            tech_form.addRow(label, self.tech_fields[name])
        tech_form.addRow(self.tr("Código do CSRT"), self.csrt_code)
        self.tech_box.setToolTip(
            self.tr(
                "A empresa responsável pelo sistema emissor (grupo infRespTec da NFC-e), "
                "exigida por algumas UFs; o CSRT só onde a SEFAZ o forneceu"
            )
        )
        self.save_button = named(QPushButton(self.tr("Salvar")), "nfceSave")
        self.save_button.clicked.connect(self.save)

        self.cert_file = named(QLineEdit(), "nfceCertFile")
        self.cert_file.setPlaceholderText(self.tr("arquivo .pfx do certificado A1"))
        self.cert_browse = named(QPushButton(self.tr("Escolher…")), "nfceCertBrowse")
        self.cert_password = named(QLineEdit(), "nfceCertPassword")
        self.cert_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.cert_button = named(QPushButton(self.tr("Carregar certificado")), "nfceCertLoad")
        self.cert_button.clicked.connect(self.load_certificate)
        self.cert_state = named(QLabel(""), "nfceCertState")
        self.cert_state.setWordWrap(True)

        self.next_number = named(QSpinBox(), "nfceNextNumber")
        self.next_number.setRange(1, 999_999_999)
        self.number_button = named(QPushButton(self.tr("Iniciar a série neste número")), "nfceNum")
        self.number_button.clicked.connect(self.set_numbering)

        self.summary = named(QLabel(""), "nfceSummary")
        self.summary.setWordWrap(True)
        self.model = NotesModel(self, host.lang, host.zone)
        self.table = read_only_table("nfceNotes", self.model)
        self.send_button = named(QPushButton(self.tr("Enviar pendentes agora")), "nfceSend")
        self.send_button.clicked.connect(self.send_now)
        self.resend_button = named(QPushButton(self.tr("Reenviar corrigida")), "nfceResend")
        self.resend_button.clicked.connect(self.resend)
        self.void_button = named(QPushButton(self.tr("Inutilizar número")), "nfceVoid")
        self.void_button.clicked.connect(self.void_number)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())

        form = QFormLayout()
        form.addRow("", self.enabled)
        for name, text in TEXT_FIELDS:
            form.addRow(self.tr(str(text)), self.fields[name])
        form.addRow(self.tr("Código do CSC"), self.csc_token)
        form.addRow(self.tr("Regime (CRT)"), self.crt)
        form.addRow(self.tr("Ambiente"), self.environment)
        form.addRow(self.tr("Série"), self.series)
        form.addRow(self.tr("Cashback na nota"), self.loyalty_as)
        form.addRow(self.tr("Prazo de cancelamento"), self.cancel_limit)
        form.addRow(self.tr("Devolução"), self.late_refund)
        form.addRow(self.tech_box)
        cert = file_field(
            self.cert_file,
            self.cert_browse,
            self.tr("Certificado A1"),
            self.tr("Certificado (*.pfx *.p12)"),
        )
        form.addRow(self.tr("Certificado A1"), cert)
        form.addRow(self.tr("Senha do certificado"), self.cert_password)
        numbering = QHBoxLayout()
        numbering.addWidget(self.next_number)
        numbering.addWidget(self.number_button)
        form.addRow(self.tr("Próximo número"), numbering)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cert_button)
        buttons.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.send_button)
        actions.addWidget(self.resend_button)
        actions.addWidget(self.void_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.cert_state)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(named(QLabel(self.tr("Notas pendentes e rejeitadas")), "sectionTitle"))
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.nfse = NfseBox(host)
        layout.addWidget(self.nfse)
        self._update_buttons()

    # -- reading -------------------------------------------------------------------

    def invoicer(self) -> Invoicer:
        found = self.host.context.invoicer
        if found is None:  # no keeper (tests, a window built by hand): one of our own
            found = self.host.context.invoicer = Invoicer(self.station)
        return found

    def load(self) -> None:
        station = self.station
        self.host.jobs.run(lambda: load_settings(station), self._show_settings)
        self.nfse.load()
        self.refresh()

    def refresh(self) -> None:
        station = self.station
        self.host.jobs.run(lambda: certificate_status(station), self._show_certificate)
        sender = self.host.context.invoicer  # the running sender knows what it could not issue
        self.host.jobs.run(
            lambda: (fiscal_status(station, station.now()), sender.refused() if sender else []),
            self._show_status,
        )
        self.nfse.refresh()

    def _show_settings(self, settings: FiscalSettings) -> None:
        self.settings = settings
        self.enabled.setChecked(settings.enabled)
        for name, field in {**self.fields, **self.tech_fields}.items():
            field.setText(str(getattr(settings, name)))
        self.crt.setCurrentIndex(max(0, self.crt.findData(settings.crt)))
        self.environment.setCurrentIndex(max(0, self.environment.findData(settings.environment)))
        self.series.setValue(settings.series)
        self.loyalty_as.setCurrentIndex(max(0, self.loyalty_as.findData(settings.loyalty_as)))
        self.cancel_limit.setValue(settings.cancel_limit_min)
        self.late_refund.setCurrentIndex(max(0, self.late_refund.findData(settings.late_refund)))
        self.csc_token.clear()
        self.csrt_code.clear()

    def _show_certificate(self, status: CertificateStatus | None) -> None:
        if status is None:
            self.cert_state.setText(self.tr("Nenhum certificado A1 carregado."))
            self.cert_state.setProperty("warning", True)
        else:
            self.cert_state.setText(status.message(self.host.lang))
            self.cert_state.setProperty("warning", status.warn)
        self.cert_state.style().polish(self.cert_state)

    def _show_status(self, found: tuple[FiscalStatus, list[NoteNotIssued]]) -> None:
        status, refused = found
        self.model.set_rows(status.waiting)
        text = self.tr("%1 nota(s) aguardando; %2 fora do prazo.")
        text = text.replace("%1", str(len(status.waiting))).replace("%2", str(len(status.overdue)))
        if status.given:
            text += "\n" + status.given_summary(self.host.lang)
        for refusal in refused:  # the sender tries these again every minute
            text += "\n" + refusal.message(self.host.lang)
        self.summary.setText(text)
        self._update_buttons()

    def _chosen(self) -> NoteRecord | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        chosen = self._chosen()
        rejected = chosen is not None and chosen.status == "rejected"
        self.resend_button.setEnabled(rejected)
        self.void_button.setEnabled(rejected and chosen is not None and chosen.tp_emis == 1)

    # -- acting --------------------------------------------------------------------

    def form(self) -> FiscalSettings:
        texts: dict[str, Any] = {
            name: field.text().strip()
            for name, field in {**self.fields, **self.tech_fields}.items()
        }
        return dataclasses.replace(
            self.settings,
            enabled=self.enabled.isChecked(),
            crt=int(self.crt.currentData()),
            environment=int(self.environment.currentData()),
            series=self.series.value(),
            loyalty_as=self.loyalty_as.currentData(),
            cancel_limit_min=self.cancel_limit.value(),
            late_refund=self.late_refund.currentData(),
            **texts,
        )

    def save(self) -> None:
        settings = self.form()
        token = self.csc_token.text().strip()
        csrt = self.csrt_code.text().strip()
        station = self.station
        invoicer = self.invoicer() if settings.tech_cnpj else None

        def call(staff_id: int, pin: str) -> tuple[FiscalSettings, list[NoteRecord]]:
            validate(settings)  # nothing is kept (the CSC, the CSRT) from a refused form
            if token:
                set_csc(station, staff_id, pin, settings.csc_id, token)
            if csrt:
                set_csrt(station, staff_id, pin, settings.csrt_id, csrt)
            saved = save_settings(station, staff_id, pin, settings)
            # the notes SEFAZ refused for want of the responsável técnico go again now
            sent = fixes.resend_missing_tech(invoicer, staff_id, pin) if invoicer else []
            return saved, sent

        self.host.with_pin(
            self.tr("alterar a configuração fiscal"),
            call,
            self._saved,
            self.tr("Alteração cancelada"),
        )

    def _saved(self, found: tuple[FiscalSettings, list[NoteRecord]]) -> None:
        settings, sent = found
        self._show_settings(settings)
        text = self.tr("Configuração fiscal salva")
        if sent:
            authorised = sum(1 for record in sent if record.status == "authorised")
            text += self.tr("; NFC-e reenviadas: %1, autorizadas: %2")
            text = text.replace("%1", str(len(sent))).replace("%2", str(authorised))
        self.host.say(text)
        self.refresh()

    def load_certificate(self) -> None:
        path = Path(self.cert_file.text().strip())
        password = self.cert_password.text()
        if not path.is_file():
            self.host.say(
                self.tr("Arquivo não encontrado: %1").replace("%1", str(path)), error=True
            )
            return
        data = path.read_bytes()
        station = self.station
        self.host.with_pin(
            self.tr("trocar o certificado A1"),
            lambda staff_id, pin: load_certificate(station, staff_id, pin, data, password),
            self._certificate_loaded,
            self.tr("Alteração cancelada"),
        )

    def _certificate_loaded(self, status: CertificateStatus) -> None:
        self.cert_password.clear()
        self._show_certificate(status)
        self.host.say(status.message(self.host.lang))

    def set_numbering(self) -> None:
        series, number = self.series.value(), self.next_number.value()
        station = self.station
        self.host.with_pin(
            self.tr("alterar a numeração da NFC-e"),
            lambda staff_id, pin: set_next_number(station, staff_id, pin, series, number),
            lambda _none: self.host.say(self.tr("Numeração definida")),
            self.tr("Alteração cancelada"),
        )

    def send_now(self) -> None:
        invoicer = self.invoicer()
        self.host.say(self.tr("Enviando…"))
        self.host.jobs.run(invoicer.send_pending, self._sent)

    def _sent(self, report: SendReport | None) -> None:
        if report is None:
            self.host.say(self.tr("A NFC-e está desligada"))
        elif report.unavailable is not None:
            self.host.say(self.tr("A SEFAZ não respondeu; tente mais tarde"), error=True)
        else:
            self.host.say(self.tr("Autorizadas: %1").replace("%1", str(len(report.authorised))))
        self.refresh()

    def resend(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        invoicer = self.invoicer()
        series, number = chosen.series, chosen.number
        self.host.with_pin(
            self.tr("reenviar a NFC-e corrigida"),
            lambda staff_id, pin: fixes.resend_corrected(invoicer, series, number, staff_id, pin),
            self._resent,
            self.tr("Reenvio cancelado"),
        )

    def _resent(self, record: NoteRecord) -> None:
        if record.status == "rejected":
            self.host.say(
                self.tr("Rejeitada de novo: %1").replace("%1", f"{record.cstat} {record.reason}"),
                error=True,
            )
        else:
            self.host.say(
                self.tr("NFC-e %1: %2")
                .replace("%1", str(record.number))
                .replace(
                    "%2",
                    status_name(record) if record.status != "authorised" else self.tr("autorizada"),
                )
            )
        self.refresh()

    def void_number(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        invoicer = self.invoicer()
        series, number = chosen.series, chosen.number
        self.host.with_pin(
            self.tr("inutilizar o número da NFC-e"),
            lambda staff_id, pin: fixes.void_rejected(invoicer, series, number, staff_id, pin),
            self._voided,
            self.tr("Inutilização cancelada"),
        )

    def _voided(self, report: SendReport) -> None:
        if report.voided:
            self.host.say(self.tr("Número inutilizado; a venda recebe uma nova NFC-e"))
        else:
            self.host.say(self.tr("A SEFAZ não inutilizou o número; tente mais tarde"), error=True)
        self.refresh()
