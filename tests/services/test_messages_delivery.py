"""Customer messages from a real checkout to a real SMTP server and a real webhook on loopback:
consent, quiet hours, the weekly cap, retries, the endpoint's share, the demo database."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from db.models import Customer, OutboxEvent
from messaging.retry import RetryPolicy
from posapp.core.codes import verify_voucher_qr
from posapp.core.messages import Channel
from posapp.core.presets import preset
from posapp.services.messages.config import MessagingSettings, mark_demo_database, senders
from posapp.services.messages.delivery import MessageWorker, deliver_due
from posapp.services.messages.queue import messages
from tests.messaging.conftest import (  # noqa: F401  (fixtures)
    Hook,
    SmtpFactory,
    smtp_server,
    webhook_server,
)
from tests.services.messages_support import configure, decoded_qr, email_settings, rows
from tests.support import MovableClock, Shop, open_shop

MakeShop = Callable[..., Shop]
BODY = '{"phone": "{to}", "message": "{text}", "id": "{idempotency_key}"}'


def test_a_real_checkout_emails_the_voucher_with_its_code_value_and_qr(
    make_shop: MakeShop,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    shop = make_shop("fashion")
    settings = configure(shop, email_settings(port))
    maria = shop.enrol(
        "Maria Souza", cpf="529.982.247-25", email="maria@example.com", marketing_consent=True
    )
    shop.sell("batom", customer=maria, pix=4_990)
    sale = shop.sell("vestido", customer=maria, pix=20_000)
    [voucher] = sale.vouchers_issued

    report = deliver_due(shop.station, senders(settings))

    assert (report.sent, report.skipped, report.failed) == (4, 0, 0)  # welcome, 2 credits, voucher
    subjects = [m["Subject"] for m in inbox.messages()]
    assert subjects[0] == "Loja Teste: bem-vindo(a) ao nosso programa de cashback"
    assert "Loja Teste: você ganhou R$ 20,00 de cashback" in subjects
    [email] = [m for m in inbox.messages() if m["Subject"] == "Loja Teste: seu vale de R$ 24,99"]
    assert email["To"] == "maria@example.com"
    body = email.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert f"Código: {voucher.code}" in text and "R$ 24,99" in text and "Olá, Maria!" in text
    assert "1 de maio de 2026" in text  # 60 days after 2 March
    [image] = [p for p in email.iter_attachments() if p.get_content_type() == "image/png"]
    payload = image.get_content()
    assert isinstance(payload, bytes)
    assert decoded_qr(payload) == [voucher.qr]
    with shop.station.read() as session:
        key = shop.station.store(session).signing_key
    assert verify_voucher_qr(voucher.qr, key).code == voucher.code
    [row] = rows(shop, "voucher_issued")
    assert (row.status, row.reason, row.attempts, row.channel) == ("sent", "sent", 1, "email")
    assert row.sent_at == shop.clock()


def test_the_provider_webhook_receives_the_message_with_its_headers(
    make_shop: MakeShop,
    webhook_server: Hook,  # noqa: F811
) -> None:
    shop = make_shop("salon")
    settings = configure(
        shop,
        MessagingSettings(
            channels=("whatsapp",),
            webhook_url=webhook_server.url,
            webhook_headers={"Authorization": "Bearer t0k3n"},
            webhook_body_template=BODY,
            quiet_start="00:00",
            quiet_end="00:00",
        ),
    )
    carla = shop.enrol("Carla Dias", phone="(11) 91234-5678", marketing_consent=True)

    report = deliver_due(shop.station, senders(settings))

    assert report.sent == 1
    [(path, headers, _body)] = webhook_server.requests
    assert path == "/v1/messages" and headers["Authorization"] == "Bearer t0k3n"
    sent = webhook_server.json()
    assert sent["phone"] == "+5511912345678"
    assert sent["message"].startswith("Olá, Carla! Agora você faz parte do nosso programa")
    assert "10 %" in sent["message"] or "10%" in sent["message"]
    assert sent["message"].endswith("Loja Teste")
    [row] = rows(shop)
    assert sent["id"] == row.idempotency_key and row.customer_id == carla
    assert (row.status, row.channel) == ("sent", "whatsapp")


def test_a_customer_without_consent_receives_nothing_and_the_reason_is_kept(
    make_shop: MakeShop,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    shop = make_shop("fashion")
    settings = configure(shop, email_settings(port))
    joao = shop.enrol("João Lima", cpf="529.982.247-25", email="joao@example.com")
    sale = shop.sell("vestido", customer=joao, pix=20_000)
    assert sale.vouchers_issued  # the sale did make a voucher, and a credit

    report = deliver_due(shop.station, senders(settings))

    assert inbox.envelopes == [] and report.sent == 0
    kept = rows(shop)
    assert {r.kind for r in kept} == {"welcome", "cashback_credited", "voucher_issued"}
    assert all(r.status == "skipped" and r.reason == "no_consent" for r in kept)
    assert all("LGPD" in (r.reason_detail or "") for r in kept)
    assert [m.reason for m in messages(shop.station, customer_id=joao)] == ["no_consent"] * 3


def test_consent_withdrawn_after_the_message_was_written_is_honoured_when_sending(
    make_shop: MakeShop,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    shop = make_shop("salon")
    settings = configure(shop, email_settings(port))
    ana = shop.enrol(
        "Ana Reis", cpf="529.982.247-25", email="ana@example.com", marketing_consent=True
    )
    with shop.station.write() as session:
        customer = session.get(Customer, ana)
        assert customer is not None
        customer.marketing_consent = False

    report = deliver_due(shop.station, senders(settings))
    assert (report.sent, report.skipped, inbox.envelopes) == (0, 1, [])
    assert rows(shop)[0].reason == "no_consent"


def test_quiet_hours_defer_the_message_to_their_end(
    tmp_path: Path,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    clock = MovableClock(datetime(2026, 3, 3, 1, 30, tzinfo=UTC))  # 22:30 in São Paulo
    shop = open_shop(tmp_path / "quiet.sqlite", "salon", clock)
    try:
        settings = configure(shop, email_settings(port, quiet_start="21:00", quiet_end="08:00"))
        shop.enrol(
            "Bia Costa", cpf="529.982.247-25", email="bia@example.com", marketing_consent=True
        )

        report = deliver_due(shop.station, senders(settings))
        assert (report.deferred, inbox.envelopes) == (1, [])
        [row] = rows(shop)
        assert (row.status, row.reason) == ("deferred", "quiet_hours")
        assert row.next_attempt_at == datetime(2026, 3, 3, 11, 0, tzinfo=UTC)  # 08:00 local
        assert "08:00" in (row.reason_detail or "")

        clock.advance(hours=9)  # 07:30 local: still quiet, and not due yet
        assert deliver_due(shop.station, senders(settings)).reasons == []
        assert inbox.envelopes == []
        clock.advance(minutes=31)  # 08:01 local
        assert deliver_due(shop.station, senders(settings)).sent == 1
        assert len(inbox.envelopes) == 1 and rows(shop)[0].status == "sent"
    finally:
        shop.station.close()


def test_at_most_k_messages_a_week_reach_a_customer(
    make_shop: MakeShop,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    shop = make_shop("salon")
    settings = configure(shop, email_settings(port, weekly_cap=2))
    rita = shop.enrol(
        "Rita Melo", cpf="529.982.247-25", email="rita@example.com", marketing_consent=True
    )
    shop.sell("corte", customer=rita, pix=8_000)
    shop.sell("manicure", customer=rita, pix=3_500)

    report = deliver_due(shop.station, senders(settings))

    assert (report.sent, report.skipped) == (2, 1)  # welcome + first credit; the third waits never
    assert len(inbox.envelopes) == 2
    capped = [r for r in rows(shop) if r.status == "skipped"]
    assert [(r.kind, r.reason) for r in capped] == [("cashback_credited", "weekly_cap")]
    assert "2 mensagens por semana" in (capped[0].reason_detail or "")

    shop.clock.advance(days=7, seconds=1)  # a week after the first two: room again
    shop.sell("corte", customer=rita, pix=8_000)
    assert deliver_due(shop.station, senders(settings)).sent == 1


def test_a_failing_smtp_server_is_retried_with_back_off_until_it_takes_the_message(
    make_shop: MakeShop,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    inbox.data_reply = "451 4.3.0 Try again later"
    shop = make_shop("salon")
    settings = configure(shop, email_settings(port))
    shop.enrol("Lia Prado", cpf="529.982.247-25", email="lia@example.com", marketing_consent=True)
    policy = RetryPolicy(base_s=60, factor=2, jitter=0)
    channels = senders(settings)

    first = deliver_due(shop.station, channels, policy=policy)
    assert (first.retrying, first.sent) == (1, 0)
    [row] = rows(shop)
    assert (row.status, row.attempts, row.reason) == ("queued", 1, "retry:smtp_error")
    assert row.next_attempt_at == shop.clock() + timedelta(seconds=60)

    assert deliver_due(shop.station, channels, policy=policy).reasons == []  # not due yet
    shop.clock.advance(seconds=61)
    second = deliver_due(shop.station, channels, policy=policy)
    assert second.retrying == 1
    assert rows(shop)[0].next_attempt_at == shop.clock() + timedelta(seconds=120)  # doubled

    inbox.data_reply = None
    shop.clock.advance(seconds=121)
    third = deliver_due(shop.station, channels, policy=policy)
    assert third.sent == 1 and len(inbox.envelopes) == 1
    [row] = rows(shop)
    assert (row.status, row.attempts, row.reason) == ("sent", 3, "sent")


def test_a_permanent_refusal_gives_up_and_keeps_the_reason(
    make_shop: MakeShop,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    inbox.rcpt_reply = "550 5.1.1 Mailbox unavailable"
    shop = make_shop("salon")
    settings = configure(shop, email_settings(port))
    shop.enrol("Eva Luz", cpf="529.982.247-25", email="eva@example.com", marketing_consent=True)

    assert deliver_due(shop.station, senders(settings)).failed == 1
    [row] = rows(shop)
    assert (row.status, row.reason) == ("failed", "permanent:recipient_refused")
    assert "550" in (row.reason_detail or "")


def test_the_background_worker_never_keeps_a_sale_waiting(
    make_shop: MakeShop,
    webhook_server: Hook,  # noqa: F811
) -> None:
    webhook_server.replies = [(200, {}, 3.0)]  # the provider takes 3 s to answer
    shop = make_shop("salon")
    configure(
        shop,
        MessagingSettings(
            channels=("sms",),
            webhook_url=webhook_server.url,
            quiet_start="00:00",
            quiet_end="00:00",
            weekly_cap=0,
        ),
    )
    dora = shop.enrol("Dora Paz", phone="11 98888-7777", marketing_consent=True)
    worker = MessageWorker(shop.station, interval=0.2)
    worker.start()
    try:
        deadline = time.monotonic() + 10
        while not webhook_server.requests and time.monotonic() < deadline:
            time.sleep(0.02)
        assert webhook_server.requests, "the worker never sent the welcome message"
        started = time.monotonic()
        sale = shop.sell("corte", customer=dora, pix=8_000)  # while the webhook hangs
        assert time.monotonic() - started < 1.5
        assert sale.earned == 800
        deadline = time.monotonic() + 15
        while len([r for r in rows(shop) if r.status == "sent"]) < 2:
            assert time.monotonic() < deadline, [(r.kind, r.status) for r in rows(shop)]
            time.sleep(0.05)
    finally:
        assert worker.stop(timeout=10)
    phones = [json.loads(body)["to"] for _, _, body in webhook_server.requests]
    assert phones == ["+5511988887777"] * 2


def test_when_the_endpoint_delivers_messages_wait_here_and_travel_as_outbox_events(
    make_shop: MakeShop,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    shop = make_shop("salon")
    settings = configure(shop, email_settings(port, counter_sends=False))
    shop.enrol("Gil Rosa", cpf="529.982.247-25", email="gil@example.com", marketing_consent=True)

    assert deliver_due(shop.station, senders(settings)).reasons == []
    assert inbox.envelopes == []
    [row] = rows(shop)
    assert (row.status, row.reason) == ("queued", "endpoint")
    with shop.station.read() as session:
        [event] = session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "message.queued"))
        payload = json.loads(event.payload)
    assert payload["idempotency_key"] == row.idempotency_key
    assert (payload["kind"], payload["channel"], payload["to"]) == (
        "welcome",
        Channel.EMAIL.value,
        "gil@example.com",
    )
    assert json.loads(payload["facts"])["store"] == "Loja Teste"


def test_a_demo_database_never_sends(
    make_shop: MakeShop,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    shop = make_shop("salon")
    settings = configure(shop, email_settings(port))
    with shop.station.write() as session:
        mark_demo_database(session)
    shop.enrol("Ivo Sá", cpf="529.982.247-25", email="ivo@example.com", marketing_consent=True)

    assert deliver_due(shop.station, senders(settings)).skipped == 0  # never even queued
    assert inbox.envelopes == []
    [row] = rows(shop)
    assert (row.status, row.reason) == ("skipped", "demo_database")


def test_no_channel_configured_writes_no_message(make_shop: MakeShop) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Souza", cpf="529.982.247-25", email="m@example.com")
    shop.sell("vestido", customer=maria, pix=20_000)
    assert rows(shop) == []


def test_a_voucher_made_by_the_daily_run_or_an_adjustment_is_sent_too(
    make_shop: MakeShop,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    from posapp.core.presets import preset
    from posapp.services.admin import loyalty_upkeep
    from posapp.services.customers import adjustments
    from posapp.services.customers import registry as customers
    from tests.support import MANAGER_PIN

    inbox, port = smtp_server()
    shop = make_shop(preset("fashion").with_changes(pending_days=7))
    settings = configure(shop, email_settings(port))
    maria = shop.enrol(
        "Maria Souza", email="maria@example.com", cpf="529.982.247-25", marketing_consent=True
    )
    assert shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued == ()  # pending
    shop.clock.advance(days=8)
    assert loyalty_upkeep.run_daily(shop.station).vouchers_issued == 1  # the cashback matured
    ana = shop.enrol(
        "Ana Lima", email="ana@example.com", cpf="111.444.777-35", marketing_consent=True
    )
    adjustments.adjust(
        shop.station,
        customer_id=ana,
        units=2_500,
        reason="cortesia",
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )

    deliver_due(shop.station, senders(settings))

    for customer, address in ((maria, "maria@example.com"), (ana, "ana@example.com")):
        [voucher] = customers.vouchers(shop.station, customer)
        [email] = [
            m
            for m in inbox.messages()
            if m["To"] == address and voucher.code in (m.get_body(("plain",)) or m).get_content()
        ]
        [image] = [p for p in email.iter_attachments() if p.get_content_type() == "image/png"]
        [payload] = decoded_qr(image.get_content())
        assert f"|{voucher.code}|" in payload


def test_the_balance_a_message_tells_leaves_out_cashback_that_lapsed_before_the_daily_run(
    make_shop: MakeShop,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    """The expire entry is written by the daily run (in a chain, by the expiry terminal's):
    a sale between a lot's lapse and that run must not count it in 'Seu saldo agora'."""
    inbox, port = smtp_server()
    shop = make_shop(preset("salon").with_changes(expiry_days=40))
    settings = configure(shop, email_settings(port))
    bela = shop.enrol(
        "Bela Nunes", cpf="529.982.247-25", email="bela@example.com", marketing_consent=True
    )
    shop.sell("corte", customer=bela, pix=8_000)  # R$ 8,00, for 40 days
    shop.clock.advance(days=41)
    shop.sell("corte", customer=bela, pix=8_000)
    deliver_due(shop.station, senders(settings))
    [_first, second] = [
        m for m in inbox.messages() if m["Subject"] == "Loja Teste: você ganhou R$ 8,00 de cashback"
    ]
    body = second.get_body(("plain",))
    assert body is not None
    assert "Seu saldo agora é R$ 8,00." in body.get_content()
