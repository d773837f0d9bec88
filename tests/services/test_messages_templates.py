"""The manager's templates (preview, save, reset) used by the delivery, and the settings'
validation."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from db.models import AuditLog
from posapp.core.errors import InvalidSetting, NotAuthorized
from posapp.core.messages import MessageKind, Template
from posapp.services.messages.config import MessagingSettings, load_messaging, senders
from posapp.services.messages.delivery import deliver_due
from posapp.services.messages.templates import (
    InvalidTemplate,
    preview_template,
    reset_template,
    save_template,
    templates,
)
from tests.messaging.conftest import SmtpFactory, smtp_server  # noqa: F401  (fixture)
from tests.services.messages_support import configure, email_settings
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


def test_the_editor_previews_saves_and_resets_and_delivery_uses_the_store_text(
    make_shop: MakeShop,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    shop = make_shop("salon")
    settings = configure(shop, email_settings(port))
    mine = Template("Bem-vinda à {store}!", "Oi {customer}, seu saldo é {balance}.")

    shown = preview_template(shop.station, MessageKind.WELCOME, "pt_BR", mine)
    assert (shown.subject, shown.text, shown.problems) == (
        "Bem-vinda à Loja Teste!",
        "Oi Maria, seu saldo é R$ 34,50.",
        (),
    )
    broken = Template("Olá", "Oi {cliente}, {balance")
    problems = preview_template(shop.station, MessageKind.WELCOME, "pt_BR", broken).problems
    assert problems and "chave sem par" in problems[0].message("pt_BR")
    with pytest.raises(InvalidTemplate):
        save_template(
            shop.station, MessageKind.WELCOME, "pt_BR", broken, staff_id=1, manager_pin=MANAGER_PIN
        )
    with pytest.raises(NotAuthorized):
        save_template(
            shop.station,
            MessageKind.WELCOME,
            "pt_BR",
            mine,
            staff_id=shop.cashier_id,
            manager_pin=CASHIER_PIN,
        )
    save_template(
        shop.station,
        MessageKind.WELCOME,
        "pt_BR",
        mine,
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    [welcome] = [t for t in templates(shop.station) if t.kind is MessageKind.WELCOME]
    assert welcome.edited and welcome.template == mine and "balance" in welcome.placeholders

    shop.enrol("Rosa Lima", cpf="529.982.247-25", email="rosa@example.com", marketing_consent=True)
    deliver_due(shop.station, senders(settings))
    [email] = inbox.messages()
    assert email["Subject"] == "Bem-vinda à Loja Teste!"
    body = email.get_body(("plain",))
    assert body is not None and body.get_content().strip() == "Oi Rosa, seu saldo é R$ 0,00."

    default = reset_template(
        shop.station,
        MessageKind.WELCOME,
        "pt_BR",
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    [welcome] = [t for t in templates(shop.station) if t.kind is MessageKind.WELCOME]
    assert not welcome.edited and welcome.template == default
    english = [t for t in templates(shop.station, "en") if t.kind is MessageKind.BALANCE_REMINDER]
    assert "Why not book {usual_service}?" in english[0].template.text  # the salon's default


def test_settings_are_validated_and_need_a_manager(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    with pytest.raises(InvalidSetting) as refused:
        configure(shop, MessagingSettings(channels=("email", "fax")))
    assert "SMTP" in refused.value.message("pt_BR")
    with pytest.raises(InvalidSetting):
        configure(
            shop,
            MessagingSettings(
                channels=("whatsapp",),
                webhook_url="https://api.example.com/send",
                webhook_body_template='{"to": {to}}',  # a placeholder outside quotes
            ),
        )
    good = email_settings(2525, smtp_password="s3cr3t")
    configure(shop, good)
    assert load_messaging(shop.station) == good
    with shop.station.read() as session:
        [details] = session.scalars(
            select(AuditLog.details).where(AuditLog.action == "settings.messaging")
        )
    assert "smtp_host" in details and "s3cr3t" not in details  # the password never goes there
