"""A sale's receipt by e-mail (to a real SMTP server on loopback) or WhatsApp (queued for
the chain's endpoint with the "recibo" template's parameters), at the cashier's request."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import select

from cloud.whatsapp import DEFAULT_TEMPLATES
from db.models import AuditLog, OutboxEvent
from posapp.core.errors import InvalidPhone, PosError
from posapp.core.messages import Channel, MessageKind, facts_from_json
from posapp.services.invoices.receipt_message import (
    InvalidEmail,
    NoReceiptAddress,
    ReceiptChannelOff,
    ReceiptNeedsCustomer,
    ReceiptsOff,
    send_receipt,
)
from posapp.services.messages.config import senders
from posapp.services.messages.delivery import deliver_due
from posapp.services.sync.config import SyncConfig, save_sync_config
from tests.messaging.conftest import (  # noqa: F401  (fixtures)
    SmtpFactory,
    smtp_server,
)
from tests.services.messages_support import configure, email_settings, rows
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


def test_a_receipt_typed_at_the_counter_reaches_the_smtp_server_without_consent_or_cap(
    make_shop: MakeShop,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    shop = make_shop("fashion")
    # quiet hours all day and a cap of one: a marketing message would not go out
    settings = configure(
        shop, email_settings(port, quiet_start="00:00", quiet_end="23:59", weekly_cap=1)
    )
    sale = shop.sell("vestido", pix=20_000)  # no customer at all

    sent = send_receipt(shop.station, sale.sale_id, "email", " Ana@Example.com ", shop.cashier_id)

    assert (sent.channel, sent.to, sent.status, sent.by_endpoint) == (
        Channel.EMAIL,
        "Ana@example.com",
        "queued",
        False,
    )
    report = deliver_due(shop.station, senders(settings))
    assert report.sent == 1, report.reasons
    [email] = inbox.messages()
    assert email["To"] == "Ana@example.com"
    assert email["Subject"] == f"Loja Teste: comprovante da venda nº {sale.number:06d}"
    body = email.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "Segue o comprovante da sua compra de R$ 200,00." in text
    assert f"Venda nº {sale.number:06d}" in text and "TOTAL" in text and "R$ 200,00" in text
    assert "Seu saldo e extrato" not in text  # no endpoint, no customer: no page link
    [row] = rows(shop, "receipt")
    assert (row.status, row.customer_id) == ("sent", None)
    with shop.station.read() as session:
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "receipt.send")).one()
    assert audit.staff_id == shop.cashier_id


def test_the_customers_own_email_is_used_when_none_is_typed(
    make_shop: MakeShop,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    shop = make_shop("fashion")
    settings = configure(shop, email_settings(port))
    maria = shop.enrol("Maria Souza", cpf="529.982.247-25", email="maria@example.com")
    sale = shop.sell("vestido", customer=maria, pix=20_000)  # no marketing consent

    send_receipt(shop.station, sale.sale_id, Channel.EMAIL, None, shop.cashier_id)
    deliver_due(shop.station, senders(settings))

    [email] = [m for m in inbox.messages() if "comprovante" in m["Subject"]]
    assert email["To"] == "maria@example.com"
    others = {(r.status, r.reason) for r in rows(shop) if r.kind != "receipt"}
    assert others == {("skipped", "no_consent")}  # her marketing messages did not go out


def test_by_whatsapp_through_the_endpoint_the_recibo_template_gets_its_parameters(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("fashion")
    configure(
        shop,
        email_settings(
            1,
            channels=("email", "whatsapp"),
            webhook_url="http://127.0.0.1:9/",
            counter_sends=False,
        ),
    )
    save_sync_config(
        shop.station,
        SyncConfig(url="http://127.0.0.1:8765/", token="t", enabled=True),
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    carla = shop.enrol("Carla Dias", phone="(11) 91234-5678")
    sale = shop.sell("vestido", customer=carla, pix=20_000)

    sent = send_receipt(shop.station, sale.sale_id, "whatsapp", "(21) 99876-5432", shop.cashier_id)

    assert sent.by_endpoint and sent.to == "+5521998765432"
    with shop.station.read() as session:
        events = session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "message.queued"))
        [payload] = [p for e in events for p in [json.loads(e.payload)] if p["kind"] == "receipt"]
    assert (payload["channel"], payload["to"]) == ("whatsapp", "+5521998765432")
    facts = facts_from_json(payload["facts"]).values("pt_BR")
    template = DEFAULT_TEMPLATES[MessageKind.RECEIPT]
    params = [facts[name] for name in template.params]
    assert template.name == "recibo"
    assert params[0] == "Carla" and params[1] == "Loja Teste"
    assert params[2] == f"{sale.number:06d}" and params[3] == "R$ 200,00"
    assert params[4].startswith("http://127.0.0.1:8765/c?r=PS1")
    assert "Seu saldo e extrato: http://127.0.0.1:8765/c?r=PS1" in payload["text"]


@pytest.mark.parametrize(
    ("channel", "address", "error", "pt", "en"),
    [
        ("email", "ana@", InvalidEmail, "E-mail inválido: ana@.", "Invalid e-mail address: ana@."),
        ("email", "ana example.com", InvalidEmail, "E-mail inválido", "Invalid e-mail"),
        ("whatsapp", "(11) 3333-4444", InvalidPhone, "Celular inválido", "Invalid mobile"),
        ("whatsapp", "12345", InvalidPhone, "Celular inválido", "Invalid mobile"),
    ],
)
def test_a_bad_address_is_refused_in_pt_br_and_english_and_nothing_is_queued(
    make_shop: MakeShop,
    channel: str,
    address: str,
    error: type[PosError],
    pt: str,
    en: str,
) -> None:
    shop = make_shop("fashion")
    configure(
        shop, email_settings(1, channels=("email", "whatsapp"), webhook_url="http://127.0.0.1:9/")
    )
    sale = shop.sell("vestido", pix=20_000)

    with pytest.raises(error) as refused:
        send_receipt(shop.station, sale.sale_id, channel, address, shop.cashier_id)

    assert refused.value.message("pt_BR").startswith(pt)
    assert refused.value.message("en").startswith(en)
    assert rows(shop, "receipt") == []


def test_no_address_a_channel_off_and_an_anonymous_sale_for_the_endpoint_are_refused(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("fashion")
    configure(shop, email_settings(1))
    sale = shop.sell("vestido", pix=20_000)

    with pytest.raises(NoReceiptAddress) as none:
        send_receipt(shop.station, sale.sale_id, "email", "  ", shop.cashier_id)
    assert "digite o endereço" in none.value.message("pt_BR")
    with pytest.raises(ReceiptChannelOff) as off:
        send_receipt(shop.station, sale.sale_id, "whatsapp", "11912345678", shop.cashier_id)
    assert "WhatsApp" in off.value.message("en")

    configure(shop, email_settings(1, disabled_kinds=("receipt",)))
    with pytest.raises(ReceiptsOff) as turned_off:
        send_receipt(shop.station, sale.sale_id, "email", "ana@example.com", shop.cashier_id)
    assert turned_off.value.message("pt_BR").startswith("O envio de comprovantes está desligado")

    configure(shop, email_settings(1, counter_sends=False))
    with pytest.raises(ReceiptNeedsCustomer):
        send_receipt(shop.station, sale.sale_id, "email", "ana@example.com", shop.cashier_id)
    assert rows(shop, "receipt") == []
