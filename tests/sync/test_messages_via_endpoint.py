"""Two counters that do not send (`counter_sends` off) and the chain's endpoint delivering
their customer messages: real SQLite counters, real `posapp-cloud serve` over PostgreSQL,
a real aiosmtpd on loopback."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
import pytest

from db.models import Message
from posapp.services.customers.edit import update_customer
from tests.cloud_fixtures import CloudServer
from tests.messaging.conftest import SmtpFactory, smtp_server  # noqa: F401  (fixture)
from tests.services.messages_support import configure, decoded_qr, email_settings, rows
from tests.sync.conftest import Counter, Network, converge

SENDER = "Rede Bela <contato@redebela.com.br>"


@pytest.fixture
def delivery_every_300ms(monkeypatch: pytest.MonkeyPatch) -> None:
    """`posapp-cloud serve`'s own delivery loop, often (asked for before `network`)."""
    monkeypatch.setenv("POSAPP_CLOUD_DELIVERY_INTERVAL", "0.3")


@pytest.fixture
def no_background_delivery(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POSAPP_CLOUD_DELIVERY_INTERVAL", "0")


def endpoint_sends_to(network: Network, port: int) -> None:
    answer = httpx.put(
        f"{network.server.url}/v1/admin/delivery",
        headers={"Authorization": f"Bearer {network.chain.admin_key}"},
        json={
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_tls": "none",
            "smtp_sender": SENDER,
        },
        timeout=10,
    )
    assert answer.status_code == 200, answer.text


def not_sending(counter: Counter, port: int) -> None:
    """E-mail on, but the counter leaves delivery to the chain's endpoint."""
    configure(counter.shop, email_settings(port, counter_sends=False))


def deliver_once(server: CloudServer) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "cloud", "deliver", "--once", "--database-url", server.dsn],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def settled(counter: Counter) -> list[Message]:
    return [m for m in rows(counter.shop) if m.status != "queued"]


def test_a_voucher_sold_at_a_is_emailed_by_the_endpoint_and_a_sees_it_sent(
    delivery_every_300ms: None,
    network: Network,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    endpoint_sends_to(network, port)
    a = network.make("A")
    not_sending(a, port)
    maria = a.shop.enrol(
        "Maria Souza", cpf="529.982.247-25", email="maria@example.com", marketing_consent=True
    )
    sale = a.sell("shampoo", customer=maria, cash=3_000)
    [voucher] = sale.vouchers_issued
    waiting = rows(a.shop)
    assert {(m.kind, m.status, m.reason) for m in waiting} == {
        ("welcome", "queued", "endpoint"),
        ("cashback_credited", "queued", "endpoint"),
        ("voucher_issued", "queued", "endpoint"),
    }
    assert inbox.envelopes == []

    deadline = time.monotonic() + 30
    while len(settled(a)) < 3:  # push, the endpoint's loop sends, pull its outcomes
        assert time.monotonic() < deadline, [(m.kind, m.status, m.reason) for m in rows(a.shop)]
        assert a.sync().ok
        time.sleep(0.2)

    assert {(m.kind, m.status, m.reason, m.attempts) for m in rows(a.shop)} == {
        ("welcome", "sent", "sent", 1),
        ("cashback_credited", "sent", "sent", 1),
        ("voucher_issued", "sent", "sent", 1),
    }
    assert all(m.sent_at is not None for m in rows(a.shop))
    assert len(inbox.envelopes) == 3
    [email] = [m for m in inbox.messages() if m["Subject"] == "A: seu vale de R$ 5,00"]
    assert email["To"] == "maria@example.com"
    body = email.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert f"Código: {voucher.code}" in text and text.startswith("Olá, Maria!")
    [image] = [p for p in email.iter_attachments() if p.get_content_type() == "image/png"]
    png = image.get_content()
    assert isinstance(png, bytes)
    assert decoded_qr(png) == [voucher.qr]


def test_consent_missing_at_b_or_withdrawn_at_a_sends_nothing_and_b_sees_why(
    no_background_delivery: None,
    network: Network,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    endpoint_sends_to(network, port)
    a, b = network.make("A"), network.make("B")
    not_sending(a, port)
    not_sending(b, port)
    b.shop.enrol("Caio Lima", cpf="111.444.777-35", email="caio@example.com")
    bia = b.shop.enrol(
        "Bia Rocha", cpf="529.982.247-25", email="bia@example.com", marketing_consent=True
    )
    [caio_row, bia_row] = rows(b.shop)
    assert (caio_row.status, caio_row.reason) == ("skipped", "no_consent")  # never leaves B
    assert (bia_row.status, bia_row.reason) == ("queued", "endpoint")
    converge(a, b)  # Bia's welcome reaches the endpoint; A learns of Bia
    update_customer(
        a.station,
        a.customer_id(b.customer_uuid(bia)),
        staff_id=a.shop.manager_id,
        marketing_consent=False,
    )
    assert a.sync().ok  # the latest upsert the endpoint holds: no consent

    assert deliver_once(network.server).startswith("sent=0 skipped=1 ")
    assert b.sync().ok

    assert inbox.envelopes == []
    [caio_row, bia_row] = rows(b.shop)
    assert (caio_row.status, caio_row.reason) == ("skipped", "no_consent")
    assert (bia_row.status, bia_row.reason) == ("skipped", "no_consent")
    assert bia_row.reason_detail == "O cliente não autorizou o envio de mensagens (LGPD)."
    assert rows(a.shop) == []  # A wrote no message of its own
