"""Gerência > Mensagens: how customer messages go out, what they say, and what happened.

Three pages:

- Envio: the channels (e-mail over SMTP, WhatsApp/SMS through the provider's webhook),
  quiet hours, the weekly cap per customer, the reminder and expiry-warning days and
  whether this counter sends. The SMTP password is never shown back: a saved one is
  kept when the field is left empty (like the sync token). The settings are checked
  (`validate_messaging`) before the PIN is asked, and saved with the manager's PIN.
- Modelos: one template per message kind and language, with a live preview filled
  with sample figures and every problem listed as it is typed (the preview is the pure
  `posapp.core.messages.preview`, so typing never waits on the database); save and
  reset take the manager's PIN.
- Registro: the latest messages: when, customer, kind, channel, status and why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from messaging.smtp import TlsMode
from posapp.core.messages import (
    PLACEHOLDERS,
    Channel,
    MessageKind,
    RenderedMessage,
    Template,
    preview,
    validate_template,
)
from posapp.services.messages.config import (
    MessagingSettings,
    load_messaging,
    save_messaging,
    validate_messaging,
)
from posapp.services.messages.log import LoggedMessage, message_log, reason_words, store_for_preview
from posapp.services.messages.templates import (
    LANGUAGES,
    InvalidTemplate,
    TemplateView,
    reset_template,
    save_template,
    templates,
)
from posapp.ui.formatting import moment
from posapp.ui.rows_model import RowsModel
from posapp.ui.widgets import named, read_only_table, show_message

if TYPE_CHECKING:
    from posapp.ui.settings.tab_host import TabHost

ENVIO, MODELOS, REGISTRO = range(3)
LOG_LIMIT = 100
CHANNEL_ORDER = (Channel.EMAIL, Channel.WHATSAPP, Channel.SMS)


def kind_name(kind: str) -> str:
    names = {
        MessageKind.WELCOME.value: QCoreApplication.translate("Messages", "Boas-vindas"),
        MessageKind.CASHBACK_CREDITED.value: QCoreApplication.translate(
            "Messages", "Cashback creditado"
        ),
        MessageKind.VOUCHER_ISSUED.value: QCoreApplication.translate("Messages", "Vale emitido"),
        MessageKind.CASHBACK_EXPIRING.value: QCoreApplication.translate(
            "Messages", "Cashback vencendo"
        ),
        MessageKind.BALANCE_REMINDER.value: QCoreApplication.translate(
            "Messages", "Lembrete de saldo"
        ),
        MessageKind.REFERRAL_REWARD.value: QCoreApplication.translate(
            "Messages", "Prêmio de indicação"
        ),
        MessageKind.REFERRAL_REVERSED.value: QCoreApplication.translate(
            "Messages", "Indicação estornada"
        ),
        MessageKind.BIRTHDAY.value: QCoreApplication.translate("Messages", "Aniversário"),
        MessageKind.CAMPAIGN.value: QCoreApplication.translate("Messages", "Campanha"),
        MessageKind.APPOINTMENT_REMINDER.value: QCoreApplication.translate(
            "Messages", "Lembrete de horário"
        ),
        MessageKind.RECEIPT.value: QCoreApplication.translate("Messages", "Comprovante da venda"),
    }
    return names.get(kind, kind)


def status_name(status: str) -> str:
    names = {
        "queued": QCoreApplication.translate("Messages", "Na fila"),
        "sent": QCoreApplication.translate("Messages", "Enviada"),
        "skipped": QCoreApplication.translate("Messages", "Não enviada"),
        "deferred": QCoreApplication.translate("Messages", "Adiada"),
        "failed": QCoreApplication.translate("Messages", "Falhou"),
    }
    return names.get(status, status)


def channel_name(channel: str) -> str:
    names = {
        Channel.EMAIL.value: QCoreApplication.translate("Messages", "E-mail"),
        Channel.WHATSAPP.value: QCoreApplication.translate("Messages", "WhatsApp"),
        Channel.SMS.value: QCoreApplication.translate("Messages", "SMS"),
    }
    return names.get(channel, channel)


class MessageLogModel(RowsModel[LoggedMessage]):
    def __init__(self, parent: Any, locale: str, timezone: str) -> None:
        super().__init__(parent, locale, timezone)
        self.headers = (
            self.tr("Quando"),
            self.tr("Cliente"),
            self.tr("Mensagem"),
            self.tr("Canal"),
            self.tr("Situação"),
            self.tr("Motivo"),
        )

    def text(self, row: LoggedMessage, column: int) -> str | None:
        if column == 0:
            return moment(row.created_at, self.locale, self.timezone)
        if column == 1:
            return row.customer_name or "—"
        if column == 2:
            return kind_name(row.kind)
        if column == 3:
            return channel_name(row.channel)
        if column == 4:
            return status_name(row.status)
        return reason_words(row, self.locale)


def parse_headers(text: str) -> dict[str, str] | None:
    """'Nome: valor' one per line; None when a line has no colon or no name."""
    headers: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        name, colon, value = line.partition(":")
        if not colon or not name.strip():
            return None
        headers[name.strip()] = value.strip()
    return headers


def _time_text(edit: QTimeEdit) -> str:
    return edit.time().toString("HH:mm")


def _spin(top: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, top)
    return spin


class MessagesTab(QWidget):
    def __init__(self, host: TabHost) -> None:
        super().__init__()
        self.host = host
        self.station = host.station
        self.settings = MessagingSettings()
        self.views: dict[tuple[str, str], TemplateView] = {}
        self.store_name, self.segment = "", ""
        self.rendered: RenderedMessage | None = None
        self._showing_template = False

        self.pages = named(QTabWidget(), "messagesPages")
        self.pages.addTab(self._sending_page(), self.tr("Envio"))
        self.pages.addTab(self._templates_page(), self.tr("Modelos"))
        self.pages.addTab(self._log_page(), self.tr("Registro"))
        self.pages.currentChanged.connect(self._page_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    # -- Envio ---------------------------------------------------------------------

    def _sending_page(self) -> QWidget:
        self.channel_boxes = {
            Channel.EMAIL: named(QCheckBox(self.tr("E-mail")), "messagesEmail"),
            Channel.WHATSAPP: named(QCheckBox(self.tr("WhatsApp")), "messagesWhatsapp"),
            Channel.SMS: named(QCheckBox(self.tr("SMS")), "messagesSms"),
        }
        self.smtp_host = named(QLineEdit(), "smtpHost")
        self.smtp_host.setPlaceholderText("smtp.exemplo.com.br")
        self.smtp_port = named(_spin(65_535), "smtpPort")
        self.smtp_tls = named(QComboBox(), "smtpTls")
        self.smtp_tls.addItem(self.tr("Sem criptografia"), TlsMode.NONE.value)
        self.smtp_tls.addItem(self.tr("STARTTLS (porta 587)"), TlsMode.STARTTLS.value)
        self.smtp_tls.addItem(self.tr("TLS direto (porta 465)"), TlsMode.IMPLICIT.value)
        self.smtp_login = named(QLineEdit(), "smtpLogin")
        self.smtp_password = named(QLineEdit(), "smtpPassword")
        self.smtp_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.smtp_sender = named(QLineEdit(), "smtpSender")
        self.smtp_sender.setPlaceholderText("Salão Bella <contato@bella.com.br>")
        self.webhook_url = named(QLineEdit(), "webhookUrl")
        self.webhook_url.setPlaceholderText("https://provedor.exemplo.com/v1/messages")
        self.webhook_headers = named(QPlainTextEdit(), "webhookHeaders")
        self.webhook_headers.setPlaceholderText("Authorization: Bearer …")
        self.webhook_headers.setFixedHeight(56)
        self.webhook_body = named(QPlainTextEdit(), "webhookBody")
        self.webhook_body.setFixedHeight(56)
        self.quiet_start = named(QTimeEdit(), "quietStart")
        self.quiet_end = named(QTimeEdit(), "quietEnd")
        for edit in (self.quiet_start, self.quiet_end):
            edit.setDisplayFormat("HH:mm")
        self.weekly_cap = named(_spin(100), "weeklyCap")
        self.reminder_days = named(_spin(3_650), "reminderDays")
        self.expiry_days = named(_spin(365), "expiryWarningDays")
        self.campaign_lead = named(_spin(60), "campaignLeadDays")
        self.kind_boxes = {
            kind: named(QCheckBox(kind_name(kind.value)), f"sendKind_{kind.value}")
            for kind in MessageKind
        }
        self.counter_sends = named(
            QCheckBox(self.tr("Este caixa envia as mensagens")), "counterSends"
        )
        self.save_button = named(QPushButton(self.tr("Salvar envio")), "messagesSave")
        self.save_button.clicked.connect(self.save)

        channels = QHBoxLayout()
        for box in self.channel_boxes.values():
            channels.addWidget(box)
        channels.addStretch(1)
        email = QGroupBox(self.tr("E-mail (SMTP)"))
        form = QFormLayout(email)
        form.addRow(self.tr("Servidor"), self.smtp_host)
        form.addRow(self.tr("Porta"), self.smtp_port)
        form.addRow(self.tr("Criptografia"), self.smtp_tls)
        form.addRow(self.tr("Usuário"), self.smtp_login)
        form.addRow(self.tr("Senha"), self.smtp_password)
        form.addRow(self.tr("Remetente"), self.smtp_sender)
        webhook = QGroupBox(self.tr("WhatsApp/SMS (provedor)"))
        form = QFormLayout(webhook)
        form.addRow(self.tr("Endereço (URL)"), self.webhook_url)
        form.addRow(self.tr("Cabeçalhos (um por linha)"), self.webhook_headers)
        form.addRow(self.tr("Modelo do corpo"), self.webhook_body)
        policy = QGroupBox(self.tr("Regras de envio"))
        form = QFormLayout(policy)
        quiet = QHBoxLayout()
        quiet.addWidget(self.quiet_start)
        quiet.addWidget(QLabel(self.tr("até")))
        quiet.addWidget(self.quiet_end)
        quiet.addStretch(1)
        form.addRow(self.tr("Horário de silêncio"), quiet)
        form.addRow(self.tr("Máximo por cliente por semana (0 = sem limite)"), self.weekly_cap)
        form.addRow(
            self.tr("Lembrete de saldo após (dias sem visita; 0 = o do programa)"),
            self.reminder_days,
        )
        form.addRow(self.tr("Avisar do vencimento com (dias)"), self.expiry_days)
        form.addRow(self.tr("Anunciar campanhas com (dias de antecedência)"), self.campaign_lead)
        form.addRow("", self.counter_sends)
        kinds = QGroupBox(self.tr("Mensagens que a loja envia"))
        grid = QGridLayout(kinds)
        for number, box in enumerate(self.kind_boxes.values()):
            grid.addWidget(box, number // 4, number % 4)

        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(QLabel(self.tr("Canais (na ordem de preferência)")))
        column.addLayout(channels)
        boxes = QHBoxLayout()
        boxes.addWidget(email, 1)
        boxes.addWidget(webhook, 1)
        column.addLayout(boxes)
        column.addWidget(policy)
        column.addWidget(kinds)
        column.addWidget(self.save_button)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    def _show_settings(self, settings: MessagingSettings) -> None:
        self.settings = settings
        for channel, box in self.channel_boxes.items():
            box.setChecked(channel.value in settings.channels)
        self.smtp_host.setText(settings.smtp_host)
        self.smtp_port.setValue(settings.smtp_port)
        self.smtp_tls.setCurrentIndex(max(0, self.smtp_tls.findData(settings.smtp_tls)))
        self.smtp_login.setText(settings.smtp_username)
        self.smtp_password.clear()
        self.smtp_password.setPlaceholderText(
            self.tr("(guardada; deixe vazio para manter)") if settings.smtp_password else ""
        )
        self.smtp_sender.setText(settings.smtp_sender)
        self.webhook_url.setText(settings.webhook_url)
        self.webhook_headers.setPlainText(
            "\n".join(f"{k}: {v}" for k, v in settings.webhook_headers.items())
        )
        self.webhook_body.setPlainText(settings.webhook_body_template)
        for edit, text in (
            (self.quiet_start, settings.quiet_start),
            (self.quiet_end, settings.quiet_end),
        ):
            edit.setTime(QTime.fromString(text, "HH:mm"))
        self.weekly_cap.setValue(settings.weekly_cap)
        self.reminder_days.setValue(settings.reminder_idle_days)
        self.expiry_days.setValue(settings.expiry_warning_days)
        self.campaign_lead.setValue(settings.campaign_lead_days)
        for kind, box in self.kind_boxes.items():
            box.setChecked(kind.value not in settings.disabled_kinds)
        self.counter_sends.setChecked(settings.counter_sends)

    def form(self) -> MessagingSettings | None:
        """The settings as typed; None (and a message) when the headers cannot be read."""
        headers = parse_headers(self.webhook_headers.toPlainText())
        if headers is None:
            self.host.say(self.tr("Cabeçalhos: escreva um por linha, como Nome: valor"), error=True)
            return None
        checked = {c.value for c, box in self.channel_boxes.items() if box.isChecked()}
        kept = [c for c in self.settings.channels if c in checked]
        channels = kept + [c.value for c in CHANNEL_ORDER if c.value in checked and c not in kept]
        return self.settings.with_changes(
            channels=tuple(channels),
            smtp_host=self.smtp_host.text().strip(),
            smtp_port=self.smtp_port.value(),
            smtp_tls=str(self.smtp_tls.currentData()),
            smtp_username=self.smtp_login.text().strip(),
            smtp_password=self.smtp_password.text() or self.settings.smtp_password,
            smtp_sender=self.smtp_sender.text().strip(),
            webhook_url=self.webhook_url.text().strip(),
            webhook_headers=headers,
            webhook_body_template=self.webhook_body.toPlainText(),
            quiet_start=_time_text(self.quiet_start),
            quiet_end=_time_text(self.quiet_end),
            weekly_cap=self.weekly_cap.value(),
            reminder_idle_days=self.reminder_days.value(),
            expiry_warning_days=self.expiry_days.value(),
            campaign_lead_days=self.campaign_lead.value(),
            disabled_kinds=tuple(
                k.value for k, box in self.kind_boxes.items() if not box.isChecked()
            ),
            counter_sends=self.counter_sends.isChecked(),
        )

    def save(self) -> None:
        settings = self.form()
        if settings is None:
            return
        problems = validate_messaging(settings)
        if problems:  # told before the PIN is asked
            english = not self.host.lang.startswith("pt")
            self.host.say(
                self.tr("Não foi salvo: %1").replace(
                    "%1", "; ".join(en if english else pt for pt, en in problems)
                ),
                error=True,
            )
            return
        station = self.station
        self.host.with_pin(
            self.tr("alterar o envio de mensagens"),
            lambda staff_id, pin: save_messaging(
                station, settings, staff_id=staff_id, manager_pin=pin
            ),
            self._saved,
            self.tr("Alteração cancelada"),
        )

    def _saved(self, settings: MessagingSettings) -> None:
        self._show_settings(settings)
        self.host.say(self.tr("Envio de mensagens salvo"))

    # -- Modelos -------------------------------------------------------------------

    def _templates_page(self) -> QWidget:
        self.kind = named(QComboBox(), "templateKind")
        for kind in MessageKind:
            self.kind.addItem(kind_name(kind.value), kind.value)
        self.language = named(QComboBox(), "templateLanguage")
        self.language.addItem(self.tr("Português"), LANGUAGES[0])
        self.language.addItem(self.tr("Inglês"), LANGUAGES[1])
        self.template_state = named(QLabel(""), "templateState")
        self.subject = named(QLineEdit(), "templateSubject")
        self.text = named(QPlainTextEdit(), "templateText")
        self.fields = named(QLabel(""), "templateFields")
        self.fields.setWordWrap(True)
        self.preview_subject = named(QLabel(""), "previewSubject")
        self.preview_subject.setWordWrap(True)
        self.preview_text = named(QLabel(""), "previewText")
        self.preview_text.setWordWrap(True)
        self.problems = named(QLabel(""), "templateProblems")
        self.problems.setWordWrap(True)
        self.template_save = named(QPushButton(self.tr("Salvar modelo")), "templateSave")
        self.template_reset = named(QPushButton(self.tr("Voltar ao padrão")), "templateReset")
        self.template_save.clicked.connect(self.save_template)
        self.template_reset.clicked.connect(self.reset_template)
        self.kind.currentIndexChanged.connect(lambda _i: self._show_template())
        self.language.currentIndexChanged.connect(lambda _i: self._show_template())
        self.subject.textChanged.connect(self.update_preview)
        self.text.textChanged.connect(self.update_preview)

        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("Mensagem")))
        choose.addWidget(self.kind, 1)
        choose.addWidget(QLabel(self.tr("Idioma")))
        choose.addWidget(self.language)
        choose.addWidget(self.template_state, 1)
        editor = QVBoxLayout()
        editor.addWidget(QLabel(self.tr("Assunto (só e-mail)")))
        editor.addWidget(self.subject)
        editor.addWidget(QLabel(self.tr("Texto")))
        editor.addWidget(self.text, 1)
        editor.addWidget(self.fields)
        shown = QGroupBox(self.tr("Prévia"))
        preview_layout = QVBoxLayout(shown)
        preview_layout.addWidget(self.preview_subject)
        preview_layout.addWidget(self.preview_text)
        preview_layout.addStretch(1)
        preview_layout.addWidget(self.problems)
        both = QHBoxLayout()
        both.addLayout(editor, 1)
        both.addWidget(shown, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.template_save)
        buttons.addWidget(self.template_reset)
        buttons.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(choose)
        layout.addLayout(both, 1)
        layout.addLayout(buttons)
        return page

    def chosen(self) -> tuple[MessageKind, str]:
        return MessageKind(str(self.kind.currentData())), str(self.language.currentData())

    def _templates_loaded(self, found: tuple[list[TemplateView], tuple[str, str]]) -> None:
        views, (self.store_name, self.segment) = found
        self.views = {(v.kind.value, v.locale): v for v in views}
        self._show_template()

    def _show_template(self) -> None:
        kind, lang = self.chosen()
        view = self.views.get((kind.value, lang))
        if view is None:
            return
        self._showing_template = True
        self.subject.setText(view.template.subject)
        self.text.setPlainText(view.template.text)
        self._showing_template = False
        self.template_state.setText(
            self.tr("Texto da loja") if view.edited else self.tr("Texto padrão")
        )
        self.fields.setText(
            self.tr("Campos: %1").replace("%1", ", ".join("{" + p + "}" for p in view.placeholders))
        )
        self.update_preview()

    def typed(self) -> Template:
        return Template(self.subject.text(), self.text.toPlainText())

    def update_preview(self) -> None:
        """Fill the typed template with sample figures and list its problems (no database)."""
        if self._showing_template or not self.views:
            return
        kind, lang = self.chosen()
        self.rendered = preview(kind, self.typed(), self.store_name, lang, self.segment)
        self.preview_subject.setText(self.rendered.subject)
        self.preview_text.setText(self.rendered.text)
        problems = [p.message(self.host.lang) for p in self.rendered.problems]
        show_message(self.problems, "\n".join(problems), error=bool(problems))

    def save_template(self) -> None:
        kind, lang = self.chosen()
        template = self.typed()
        problems = validate_template(kind, template)
        if problems:  # refused before the PIN is asked, with every problem
            error = InvalidTemplate(
                problems_pt=" ".join(p.message("pt_BR") for p in problems),
                problems_en=" ".join(p.message("en") for p in problems),
            )
            self.host.say(error.message(self.host.lang), error=True)
            return
        station = self.station
        self.host.with_pin(
            self.tr("alterar a mensagem “%1”").replace("%1", kind_name(kind.value)),
            lambda staff_id, pin: save_template(
                station, kind, lang, template, staff_id=staff_id, manager_pin=pin
            ),
            lambda _none: self._template_saved(kind, lang, template, edited=True),
            self.tr("Alteração cancelada"),
        )

    def reset_template(self) -> None:
        kind, lang = self.chosen()
        station = self.station
        self.host.with_pin(
            self.tr("voltar a mensagem “%1” ao padrão").replace("%1", kind_name(kind.value)),
            lambda staff_id, pin: reset_template(
                station, kind, lang, staff_id=staff_id, manager_pin=pin
            ),
            lambda template: self._template_saved(kind, lang, template, edited=False),
            self.tr("Alteração cancelada"),
        )

    def _template_saved(
        self, kind: MessageKind, lang: str, template: Template, *, edited: bool
    ) -> None:
        old = self.views.get((kind.value, lang))
        placeholders = old.placeholders if old else tuple(sorted(PLACEHOLDERS[kind]))
        self.views[(kind.value, lang)] = TemplateView(kind, lang, template, edited, placeholders)
        if self.chosen() == (kind, lang):
            self._show_template()
        self.host.say(self.tr("Modelo salvo") if edited else self.tr("Modelo padrão restaurado"))

    # -- Registro ------------------------------------------------------------------

    def _log_page(self) -> QWidget:
        self.log_model = MessageLogModel(self, self.host.lang, self.host.zone)
        self.log_table = read_only_table("messageLog", self.log_model)
        self.log_refresh = named(QPushButton(self.tr("Atualizar")), "messageLogRefresh")
        self.log_refresh.clicked.connect(self.refresh_log)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(self.tr("As últimas %1 mensagens, da mais nova").replace("%1", str(LOG_LIMIT)))
        )
        layout.addWidget(self.log_table, 1)
        layout.addWidget(self.log_refresh, 0)
        return page

    def refresh_log(self) -> None:
        station = self.station
        self.host.jobs.run(lambda: message_log(station, LOG_LIMIT), self.log_model.set_rows)

    def _page_changed(self, index: int) -> None:
        if index == REGISTRO:
            self.refresh_log()

    # -- reading -------------------------------------------------------------------

    def load(self) -> None:
        station = self.station
        self.host.jobs.run(lambda: load_messaging(station), self._show_settings)
        self.host.jobs.run(
            lambda: (
                templates(station, "pt_BR") + templates(station, "en"),
                store_for_preview(station),
            ),
            self._templates_loaded,
        )
        self.refresh_log()
