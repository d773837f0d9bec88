"""Gerência > Mensagens: channel settings with the manager's PIN, the template editor's live
preview and problems, and the log of messages with the reason in words."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QTime
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers
from posapp.core.messages import MessageKind
from posapp.services.messages.config import MessagingSettings, load_messaging
from posapp.services.messages.templates import templates
from posapp.ui.settings.messages_tab import MODELOS, REGISTRO, MessagesTab
from posapp.ui.settings.screen import CAMPANHAS, MENSAGENS, SINCRONIZACAO, SettingsScreen
from tests.services.admin_support import last_audit
from tests.services.messages_support import configure, email_settings
from tests.support import CASHIER_PIN, Shop
from tests.ui.settings_support import click, settle
from tests.ui.ui_support import Pins

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def fill_email(tab: MessagesTab) -> None:
    tab.channel_boxes[next(iter(tab.channel_boxes))].setChecked(True)  # e-mail
    tab.smtp_host.setText("smtp.lojateste.com.br")
    tab.smtp_port.setValue(465)
    tab.smtp_tls.setCurrentIndex(tab.smtp_tls.findData("implicit"))
    tab.smtp_login.setText("loja")
    tab.smtp_password.setText("s3cr3t")
    tab.quiet_start.setTime(QTime(22, 0))
    tab.quiet_end.setTime(QTime(9, 30))
    tab.weekly_cap.setValue(2)
    tab.reminder_days.setValue(20)
    tab.expiry_days.setValue(5)
    tab.counter_sends.setChecked(False)
    tab.campaign_lead.setValue(3)
    tab.kind_boxes[MessageKind.BIRTHDAY].setChecked(False)


def test_settings_are_checked_then_saved_with_a_managers_pin_and_the_password_kept_hidden(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    screen = screens(shop, MENSAGENS)
    tab = screen.messages_tab
    assert screen.tabs.tabText(MENSAGENS) == "Mensagens"
    assert tab.smtp_port.value() == 587 and tab.counter_sends.isChecked()  # the defaults
    assert all(box.isChecked() for box in tab.kind_boxes.values())
    pins = Pins()
    screen.ask_pin = pins

    fill_email(tab)  # but no sender
    click(tab.save_button, qtbot, screen)
    assert pins.asked == []  # told before the PIN
    assert screen.message.text() == (
        "Não foi salvo: o e-mail precisa do servidor SMTP e do remetente"
    )
    assert screen.message.property("role") == "error"

    tab.smtp_sender.setText("Loja Teste <contato@lojateste.com.br>")
    tab.webhook_headers.setPlainText("sem dois pontos")
    click(tab.save_button, qtbot, screen)
    assert "um por linha" in screen.message.text() and pins.asked == []
    tab.webhook_headers.setPlainText("Authorization: Bearer abc")

    screen.ask_pin = Pins(CASHIER_PIN)
    click(tab.save_button, qtbot, screen)
    assert "gerente" in screen.message.text()
    assert load_messaging(shop.station) == MessagingSettings()  # nothing changed

    screen.ask_pin = pins
    click(tab.save_button, qtbot, screen)
    assert pins.asked == ["alterar o envio de mensagens"]
    assert screen.message.text() == "Envio de mensagens salvo"
    saved = load_messaging(shop.station)
    assert saved.channels == ("email",)
    assert (saved.smtp_host, saved.smtp_port, saved.smtp_tls) == (
        "smtp.lojateste.com.br",
        465,
        "implicit",
    )
    assert (saved.smtp_username, saved.smtp_password) == ("loja", "s3cr3t")
    assert dict(saved.webhook_headers) == {"Authorization": "Bearer abc"}
    assert (saved.quiet_start, saved.quiet_end) == ("22:00", "09:30")
    assert (saved.weekly_cap, saved.reminder_idle_days, saved.expiry_warning_days) == (2, 20, 5)
    assert not saved.counter_sends
    assert saved.campaign_lead_days == 3 and saved.disabled_kinds == ("birthday",)
    # The password is never shown back, nor written to the audit log.
    assert tab.smtp_password.text() == ""
    assert tab.smtp_password.placeholderText() == "(guardada; deixe vazio para manter)"
    _row, details = last_audit(shop, "settings.messaging")
    assert details["changed"]["smtp_password"] == ["***", "***"]

    # Saved again with the field left empty: the password stays.
    tab.weekly_cap.setValue(4)
    click(tab.save_button, qtbot, screen)
    again = load_messaging(shop.station)
    assert again.weekly_cap == 4 and again.smtp_password == "s3cr3t"
    assert again.disabled_kinds == ("birthday",)  # shown back as it was saved


def test_the_template_preview_follows_the_typing_and_a_broken_template_is_refused(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    screen = screens(shop, MENSAGENS)
    tab = screen.messages_tab
    tab.pages.setCurrentIndex(MODELOS)
    tab.kind.setCurrentIndex(tab.kind.findData(MessageKind.BALANCE_REMINDER.value))
    # The salon's default reminder, filled with the sample figures and the store's name.
    assert tab.template_state.text() == "Texto padrão"
    assert tab.preview_subject.text() == "Loja Teste: você tem R$ 34,50 de cashback"
    assert "Já faz 35 dias" in tab.preview_text.text()
    assert "{days_idle}" in tab.fields.text() and tab.problems.text() == ""

    tab.text.clear()
    qtbot.keyClicks(tab.text, "Oi {customer}, seu saldo: {saldo}")
    assert tab.preview_text.text() == "Oi Maria, seu saldo: {saldo}"
    assert tab.problems.text().startswith("Texto: o campo {saldo} não existe nesta mensagem.")
    assert tab.problems.property("role") == "error"

    pins = Pins()
    screen.ask_pin = pins
    click(tab.template_save, qtbot, screen)
    assert pins.asked == []  # refused before the PIN, with the problem
    assert screen.message.text().startswith("Modelo de mensagem com problemas: Texto: o campo")
    assert not templates(shop.station)[4].edited

    for _ in range(len("{saldo}")):
        qtbot.keyClick(tab.text, Qt.Key.Key_Backspace)
    qtbot.keyClicks(tab.text, "{balance}")
    assert tab.preview_text.text() == "Oi Maria, seu saldo: R$ 34,50"
    assert tab.problems.text() == ""
    click(tab.template_save, qtbot, screen)
    assert pins.asked == ["alterar a mensagem “Lembrete de saldo”"]
    assert screen.message.text() == "Modelo salvo"
    assert tab.template_state.text() == "Texto da loja"
    saved = {v.kind: v for v in templates(shop.station)}[MessageKind.BALANCE_REMINDER]
    assert saved.edited and saved.template.text == "Oi {customer}, seu saldo: {saldo}".replace(
        "{saldo}", "{balance}"
    )

    # The English template of the same kind is its own, still the default.
    tab.language.setCurrentIndex(tab.language.findData("en"))
    assert tab.preview_subject.text() == "Loja Teste: you have R$34.50 in cashback"
    assert tab.template_state.text() == "Texto padrão"

    tab.language.setCurrentIndex(tab.language.findData("pt_BR"))
    screen.ask_pin = Pins(CASHIER_PIN)
    click(tab.template_reset, qtbot, screen)
    assert "gerente" in screen.message.text()
    assert {v.kind: v for v in templates(shop.station)}[MessageKind.BALANCE_REMINDER].edited

    screen.ask_pin = pins
    click(tab.template_reset, qtbot, screen)
    assert screen.message.text() == "Modelo padrão restaurado"
    assert not {v.kind: v for v in templates(shop.station)}[MessageKind.BALANCE_REMINDER].edited
    assert "Já faz 35 dias" in tab.preview_text.text()


def test_the_log_tells_why_a_message_was_not_sent(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    configure(shop, email_settings(2525))
    lia = shop.enrol("Lia Sem Consentimento", cpf="529.982.247-25", email="lia@example.com")
    shop.sell("corte", customer=lia, pix=8_000)

    screen = screens(shop, MENSAGENS)
    tab = screen.messages_tab
    tab.pages.setCurrentIndex(REGISTRO)
    settle(screen, qtbot)
    rows = [
        [tab.log_model.index(r, c).data() for c in range(tab.log_model.columnCount())]
        for r in range(tab.log_model.rowCount())
    ]
    reason = "O cliente não autorizou o envio de mensagens (LGPD)."
    assert [row[1:] for row in rows] == [
        ["Lia Sem Consentimento", "Cashback creditado", "E-mail", "Não enviada", reason],
        ["Lia Sem Consentimento", "Boas-vindas", "E-mail", "Não enviada", reason],
    ]
    assert rows[0][0] == "02/03/2026 10:00"  # 13:00 UTC in São Paulo

    english = screens(shop, MENSAGENS, language="en")
    english.messages_tab.pages.setCurrentIndex(REGISTRO)
    settle(english, qtbot)
    model = english.messages_tab.log_model
    assert model.index(0, 5).data() == "The customer has not consented to messages (LGPD)."


def test_the_new_tabs_in_english(
    make_shop: MakeShop,
    screens: Callable[..., SettingsScreen],
    english: None,
    qtbot: QtBot,
) -> None:
    shop = make_shop("salon")
    configure(shop, email_settings(2525))
    shop.enrol("Lia Sem Consentimento", cpf="529.982.247-25", email="lia@example.com")
    screen = screens(shop, MENSAGENS, language="en")
    assert [screen.tabs.tabText(i) for i in (SINCRONIZACAO, MENSAGENS, CAMPANHAS)] == [
        "Sync",
        "Messages",
        "Campaigns",
    ]
    tab = screen.messages_tab
    assert [tab.pages.tabText(i) for i in range(3)] == ["Sending", "Templates", "Log"]
    assert tab.counter_sends.text() == "This counter sends the messages"
    tab.pages.setCurrentIndex(REGISTRO)
    settle(screen, qtbot)
    model = tab.log_model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "When",
        "Customer",
        "Message",
        "Channel",
        "Status",
        "Reason",
    ]
    assert [model.index(0, c).data() for c in range(2, 6)] == [
        "Welcome",
        "E-mail",
        "Not sent",
        "The customer has not consented to messages (LGPD).",
    ]
    tab.pages.setCurrentIndex(MODELOS)
    tab.text.setPlainText("{nope}")
    assert tab.problems.text().startswith("Text: there is no {nope} field in this message.")
    campaigns = screen.campaigns_tab
    assert campaigns.create_button.text() == "Create campaign"
    assert campaigns.tiers_save.text() == "Save tiers"
