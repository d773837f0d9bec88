"""The endpoint delivers the chain's customer messages: a real PostgreSQL, a real
`posapp-cloud serve`, a real aiosmtpd on loopback and an http.server for the webhook.

The serve process runs no background delivery here (`POSAPP_CLOUD_DELIVERY_INTERVAL=0`),
so each run is an explicit `posapp-cloud deliver --once` and every count is exact.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import psycopg
import pytest

from posapp.core.messages import MessageFacts, facts_to_json
from tests.cloud.helpers import Counter, event, new_uuid
from tests.cloud_fixtures import Chain, CloudServer
from tests.messaging.conftest import (  # noqa: F401  (fixtures)
    Hook,
    SmtpFactory,
    smtp_server,
    webhook_server,
)
from tests.services.messages_support import decoded_qr

SENDER = "Rede Bela <contato@redebela.com.br>"
ZONE = "America/Sao_Paulo"


@pytest.fixture(autouse=True)
def no_background_delivery(monkeypatch: pytest.MonkeyPatch) -> None:
    """Set before `cloud_server` starts (autouse fixtures come first)."""
    monkeypatch.setenv("POSAPP_CLOUD_DELIVERY_INTERVAL", "0")


# -- helpers -----------------------------------------------------------------------------


def cli(server: CloudServer, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "cloud", *args, "--database-url", server.dsn],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def deliver_once(server: CloudServer) -> str:
    return cli(server, "deliver", "--once").strip()


def admin(server: CloudServer, chain: Chain, key: str | None = None) -> httpx.Client:
    return httpx.Client(
        base_url=server.url,
        headers={"Authorization": f"Bearer {key or chain.admin_key}"},
        timeout=10,
    )


def email_delivery(server: CloudServer, chain: Chain, port: int) -> None:
    with admin(server, chain) as client:
        answer = client.put(
            "/v1/admin/delivery",
            json={
                "smtp_host": "127.0.0.1",
                "smtp_port": port,
                "smtp_tls": "none",
                "smtp_sender": SENDER,
            },
        )
    assert answer.status_code == 200, answer.text


def customer_upsert(
    customer: str,
    *,
    consent: bool = True,
    email: str | None = "maria@example.com",
    phone: str | None = None,
    anonymized: bool = False,
) -> dict[str, Any]:
    return event(
        "customer.upsert",
        {
            "uuid": customer,
            "name": "Maria Souza",
            "cpf": None,
            "phone": phone,
            "email": email,
            "birthday": None,
            "marketing_consent": consent,
            "consent_at": datetime.now(UTC).isoformat() if consent else None,
            "referral_code": None,
            "referred_by": None,
            "created_at": datetime.now(UTC).isoformat(),
            "anonymized": anonymized,
        },
    )


def queued(
    customer: str,
    key: str | None = None,
    *,
    kind: str = "welcome",
    channel: str = "email",
    to: str = "maria@example.com",
    qr_payload: str | None = None,
    quiet: tuple[str, str] = ("00:00", "00:00"),
    cap: int = 0,
    **extra: Any,
) -> dict[str, Any]:
    """A `message.queued` as a counter that does not send pushes it (already rendered)."""
    return event(
        "message.queued",
        {
            "message": new_uuid(),
            "idempotency_key": key or f"{kind}:{customer}:{new_uuid()}",
            "kind": kind,
            "channel": channel,
            "customer": customer,
            "to": to,
            "subject": "Loja Centro: seu vale de R$ 24,99",
            "text": "Olá, Maria! Você ganhou um vale de R$ 24,99.\nCódigo: 7K3Q-M2XD",
            "locale": "pt_BR",
            "facts": "{}",
            "qr_payload": qr_payload,
            "store": None,
            "timezone": ZONE,
            "quiet_start": quiet[0],
            "quiet_end": quiet[1],
            "weekly_cap": cap,
            **extra,
        },
    )


def outcomes(counter: Counter) -> list[dict[str, Any]]:
    return [e["body"] for e in counter.pull_all() if e["kind"] == "message.outcome"]


def row(server: CloudServer, key: str) -> dict[str, Any]:
    with psycopg.connect(server.dsn) as connection:
        cursor = connection.execute(
            "SELECT status, reason, reason_detail, attempts, next_attempt_at, sent_at,"
            " to_address, subject, text FROM message WHERE idempotency_key = %s",
            (key,),
        )
        names = [d.name for d in cursor.description or ()]
        found = cursor.fetchone()
    assert found is not None, key
    return dict(zip(names, found, strict=True))


@pytest.fixture
def shop(cloud_server: CloudServer) -> tuple[Chain, Counter]:
    chain = cloud_server.create_chain("Rede Bela")
    counter = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa 1"))
    assert counter.hello().status_code == 200
    return chain, counter


# -- tests -------------------------------------------------------------------------------


def test_a_voucher_message_is_sent_once_with_its_qr(
    cloud_server: CloudServer,
    shop: tuple[Chain, Counter],
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    chain, counter = shop
    email_delivery(cloud_server, chain, port)
    maria = new_uuid()
    payload = "PV1.7K3QM2XD.20260501.abcdef0123456789"
    message = queued(maria, kind="voucher_issued", qr_payload=payload)
    key = message["body"]["idempotency_key"]
    assert counter.push(customer_upsert(maria), message).status_code == 200
    again = queued(maria, key, kind="voucher_issued", qr_payload=payload)  # a second counter
    assert counter.push(again).json()["accepted"] == 1

    assert deliver_once(cloud_server).startswith("sent=1 ")
    assert deliver_once(cloud_server).startswith("sent=0 ")

    [email] = inbox.messages()
    assert email["To"] == "maria@example.com"
    assert email["Subject"] == "Loja Centro: seu vale de R$ 24,99"
    assert email["X-Idempotency-Key"] == key
    body = email.get_body(("plain",))
    assert body is not None and "Código: 7K3Q-M2XD" in body.get_content()
    [image] = [p for p in email.iter_attachments() if p.get_content_type() == "image/png"]
    png = image.get_content()
    assert isinstance(png, bytes)
    assert decoded_qr(png) == [payload]
    [outcome] = outcomes(counter)
    assert (outcome["idempotency_key"], outcome["status"], outcome["reason"]) == (
        key,
        "sent",
        "sent",
    )
    assert outcome["attempts"] == 1 and outcome["sent_at"] is not None
    stored = [e for e in counter.pull_all() if e["kind"] == "message.queued"]
    assert stored == []  # the pusher does not pull its own events back
    with psycopg.connect(cloud_server.dsn) as connection:
        [(logged,)] = connection.execute(
            "SELECT body FROM event WHERE kind = 'message.queued' LIMIT 1"
        ).fetchall()
    assert "to" not in logged and "text" not in logged  # the event log keeps no words


def test_the_provider_webhook_gets_a_whatsapp_message_with_its_headers(
    cloud_server: CloudServer,
    shop: tuple[Chain, Counter],
    webhook_server: Hook,  # noqa: F811
) -> None:
    chain, counter = shop
    with admin(cloud_server, chain) as client:
        answer = client.put(
            "/v1/admin/delivery",
            json={
                "webhook_url": webhook_server.url,
                "webhook_headers": {"Authorization": "Bearer prov-123"},
                "webhook_body_template": '{"phone": "{to}", "message": "{text}"}',
            },
        )
    assert answer.status_code == 200, answer.text
    assert "prov-123" not in answer.text
    assert answer.json()["webhook_header_names"] == ["Authorization"]
    maria = new_uuid()
    counter.push(
        customer_upsert(maria, email=None, phone="5511988887777"),
        queued(maria, channel="whatsapp", to="5511988887777"),
    )

    assert deliver_once(cloud_server).startswith("sent=1 ")

    [(path, headers, _)] = webhook_server.requests
    assert path == "/v1/messages" and headers["Authorization"] == "Bearer prov-123"
    sent = webhook_server.json()
    assert sent["phone"] == "5511988887777" and sent["message"].startswith("Olá, Maria!")


def test_consent_withdrawn_in_the_latest_upsert_skips_the_message(
    cloud_server: CloudServer,
    shop: tuple[Chain, Counter],
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    chain, counter = shop
    email_delivery(cloud_server, chain, port)
    maria = new_uuid()
    message = queued(maria)
    counter.push(customer_upsert(maria, consent=True), message)
    counter.push(customer_upsert(maria, consent=False))

    assert deliver_once(cloud_server).startswith("sent=0 skipped=1 ")

    assert inbox.envelopes == []
    [outcome] = outcomes(counter)
    assert (outcome["status"], outcome["reason"]) == ("skipped", "no_consent")
    assert "LGPD" in outcome["reason_detail"]


def test_an_anonymized_customer_is_skipped_and_the_words_are_dropped(
    cloud_server: CloudServer,
    shop: tuple[Chain, Counter],
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    chain, counter = shop
    email_delivery(cloud_server, chain, port)
    maria = new_uuid()
    message = queued(maria)
    counter.push(customer_upsert(maria), message)
    counter.push(customer_upsert(maria, email=None, anonymized=True))

    assert deliver_once(cloud_server).startswith("sent=0 skipped=1 ")

    assert inbox.envelopes == []
    stored = row(cloud_server, message["body"]["idempotency_key"])
    assert (stored["status"], stored["reason"]) == ("skipped", "anonymized")
    assert (stored["to_address"], stored["subject"], stored["text"]) == (None, "", "")
    assert [o["reason"] for o in outcomes(counter)] == ["anonymized"]


def test_quiet_hours_in_the_stores_zone_defer_the_message(
    cloud_server: CloudServer,
    shop: tuple[Chain, Counter],
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    chain, counter = shop
    email_delivery(cloud_server, chain, port)
    local = datetime.now(ZoneInfo(ZONE))
    window = (
        (local - timedelta(hours=1)).strftime("%H:%M"),
        (local + timedelta(hours=1)).strftime("%H:%M"),
    )
    maria = new_uuid()
    message = queued(maria, quiet=window)
    counter.push(customer_upsert(maria), message)

    assert deliver_once(cloud_server).startswith("sent=0 skipped=0 deferred=1 ")
    assert deliver_once(cloud_server).startswith("sent=0 skipped=0 deferred=0 ")  # not due yet

    assert inbox.envelopes == []
    stored = row(cloud_server, message["body"]["idempotency_key"])
    assert (stored["status"], stored["reason"]) == ("deferred", "quiet_hours")
    wait = stored["next_attempt_at"] - datetime.now(UTC)
    assert timedelta(minutes=55) < wait <= timedelta(hours=1)
    assert stored["reason_detail"] == f"Horário de silêncio: a mensagem sai às {window[1]}."
    [outcome] = outcomes(counter)
    assert (outcome["status"], outcome["reason"]) == ("deferred", "quiet_hours")


def test_the_weekly_cap_counts_what_every_store_of_the_chain_sent(
    cloud_server: CloudServer,
    shop: tuple[Chain, Counter],
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    chain, centro = shop
    norte = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa Norte"))
    norte.store_name = "Loja Norte"
    assert norte.hello().status_code == 200
    email_delivery(cloud_server, chain, port)
    maria = new_uuid()
    centro.push(customer_upsert(maria), queued(maria, cap=1))
    assert deliver_once(cloud_server).startswith("sent=1 ")

    from_norte = queued(maria, kind="cashback_credited", cap=1)
    norte.push(from_norte)
    assert deliver_once(cloud_server).startswith("sent=0 skipped=1 ")

    assert len(inbox.envelopes) == 1
    stored = row(cloud_server, from_norte["body"]["idempotency_key"])
    assert (stored["status"], stored["reason"]) == ("skipped", "weekly_cap")
    assert stored["reason_detail"] == (
        "Limite de 1 mensagens por semana para este cliente atingido."
    )


def test_smtp_451_is_retried_later_and_550_gives_up_with_its_reason(
    cloud_server: CloudServer,
    shop: tuple[Chain, Counter],
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    chain, counter = shop
    email_delivery(cloud_server, chain, port)
    maria, joao = new_uuid(), new_uuid()
    later = queued(maria)
    counter.push(customer_upsert(maria), later)
    later_key = later["body"]["idempotency_key"]

    inbox.rcpt_reply = "451 4.7.1 Try again later"
    assert deliver_once(cloud_server).startswith("sent=0 skipped=0 deferred=0 retrying=1 ")
    waiting = row(cloud_server, later_key)
    assert (waiting["status"], waiting["reason"], waiting["attempts"]) == (
        "queued",
        "retry:recipient_refused",
        1,
    )
    assert waiting["next_attempt_at"] > datetime.now(UTC) + timedelta(seconds=30)
    inbox.rcpt_reply = None
    assert deliver_once(cloud_server).startswith("sent=0 skipped=0 deferred=0 retrying=0 ")
    with psycopg.connect(cloud_server.dsn) as connection:  # the back-off has passed
        connection.execute(
            "UPDATE message SET next_attempt_at = now() - interval '1 second'"
            " WHERE idempotency_key = %s",
            (later_key,),
        )
    assert deliver_once(cloud_server).startswith("sent=1 ")
    sent = row(cloud_server, later_key)
    assert (sent["status"], sent["attempts"]) == ("sent", 2)
    assert len(inbox.envelopes) == 1

    refused = queued(joao, to="joao@example.com")
    counter.push(customer_upsert(joao, email="joao@example.com"), refused)
    inbox.rcpt_reply = "550 5.1.1 No such user"
    assert deliver_once(cloud_server).startswith("sent=0 skipped=0 deferred=0 retrying=0 failed=1")
    failed = row(cloud_server, refused["body"]["idempotency_key"])
    assert (failed["status"], failed["reason"], failed["attempts"]) == (
        "failed",
        "permanent:recipient_refused",
        1,
    )
    assert "550" in failed["reason_detail"]
    told = [(o["status"], o["reason"], o["attempts"]) for o in outcomes(counter)]
    assert told == [
        ("queued", "retry:recipient_refused", 1),
        ("sent", "sent", 2),
        ("failed", "permanent:recipient_refused", 1),
    ]


def test_a_channel_the_chain_has_not_configured_waits_without_an_attempt(
    cloud_server: CloudServer, shop: tuple[Chain, Counter]
) -> None:
    _, counter = shop
    maria = new_uuid()
    message = queued(maria)
    counter.push(customer_upsert(maria), message)

    assert deliver_once(cloud_server).endswith("waiting=1")

    stored = row(cloud_server, message["body"]["idempotency_key"])
    assert (stored["status"], stored["reason"], stored["attempts"]) == ("queued", "no_channel", 0)


def test_the_admin_api_needs_the_admin_key_and_never_shows_the_secrets(
    cloud_server: CloudServer, shop: tuple[Chain, Counter]
) -> None:
    chain, counter = shop
    settings = {
        "smtp_host": "smtp.redebela.com.br",
        "smtp_port": 465,
        "smtp_tls": "implicit",
        "smtp_username": "envio",
        "smtp_password": "s3nh4-s3cr3t4",
        "smtp_sender": SENDER,
    }
    with admin(cloud_server, chain, "adm_wrong") as client:
        assert client.put("/v1/admin/delivery", json=settings).status_code == 401
        assert client.get("/v1/admin/delivery").status_code == 401
    token_as_admin = admin(cloud_server, chain, counter.token)
    assert token_as_admin.get("/v1/admin/delivery").status_code == 401
    token_as_admin.close()
    with admin(cloud_server, chain) as client:
        put = client.put("/v1/admin/delivery", json=settings)
        assert put.status_code == 200, put.text
        assert "s3nh4" not in put.text and put.json()["smtp_password_set"] is True
        kept = client.put("/v1/admin/delivery", json={**settings, "smtp_password": None})
        got = client.get("/v1/admin/delivery")
        refused = client.put("/v1/admin/delivery", json={**settings, "smtp_sender": "não é"})
        bad_url = client.put("/v1/admin/delivery", json={"webhook_url": "ftp://x"})
        nul = client.put("/v1/admin/delivery", json={"smtp_host": "a\u0000b"})
    assert kept.json()["smtp_password_set"] is True
    assert got.status_code == 200 and "s3nh4" not in got.text
    assert got.json()["smtp_host"] == "smtp.redebela.com.br"
    assert (refused.status_code, refused.json()["error"]) == (422, "invalid_settings")
    assert refused.json()["message"].startswith("Configuração de envio inválida")
    assert (bad_url.status_code, bad_url.json()["error"]) == (422, "invalid_settings")
    assert nul.status_code == 422
    with psycopg.connect(cloud_server.dsn) as connection:
        [(password,)] = connection.execute("SELECT smtp_password FROM delivery_settings")
    assert password.startswith("v1:") and "s3nh4" not in password  # sealed (cloud.secrets)


def test_the_cli_sets_the_settings_with_the_password_from_the_environment(
    cloud_server: CloudServer, shop: tuple[Chain, Counter]
) -> None:
    chain, _ = shop
    shown = cli(
        cloud_server,
        "delivery", "set", chain.chain_id,
        "--smtp-host", "smtp.redebela.com.br", "--smtp-sender", SENDER,
        "--smtp-username", "envio", "--smtp-password-env", "REDE_SMTP",
        env={"REDE_SMTP": "s3nh4-cli"},
    )  # fmt: skip
    assert "s3nh4" not in shown
    assert json.loads(shown)["smtp_password_set"] is True
    again = json.loads(cli(cloud_server, "delivery", "set", chain.chain_id, "--smtp-port", "2525"))
    assert (again["smtp_host"], again["smtp_port"], again["smtp_password_set"]) == (
        "smtp.redebela.com.br",
        2525,
        True,
    )


def test_pushed_messages_are_checked_and_outcomes_are_the_servers_alone(
    cloud_server: CloudServer, shop: tuple[Chain, Counter]
) -> None:
    _, counter = shop
    maria = new_uuid()
    outcome = event("message.outcome", {"idempotency_key": "k", "status": "sent"})
    refused = counter.push(outcome)
    assert (refused.status_code, refused.json()["error"]) == (422, "invalid_event")
    bad_channel = counter.push(queued(maria, channel="pigeon"))
    assert (bad_channel.status_code, bad_channel.json()["error"]) == (422, "invalid_event")
    bad_zone = counter.push(queued(maria, timezone="Mars/Olympus"))
    assert bad_zone.status_code == 422
    old = queued(maria)
    del old["body"]["subject"], old["body"]["text"]  # an older counter: figures, no words
    assert counter.push(customer_upsert(maria), old).status_code == 200
    [told] = outcomes(counter)
    assert (told["status"], told["reason"]) == ("failed", "incomplete")


def test_a_message_whose_day_passed_while_it_waited_is_dropped_and_a_timely_one_sent(
    cloud_server: CloudServer,
    shop: tuple[Chain, Counter],
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    """A counter offline for days pushes the warnings it wrote when it is back; the chain
    has not set up its e-mail yet either."""
    inbox, port = smtp_server()
    chain, counter = shop
    maria = new_uuid()
    today = datetime.now(ZoneInfo(ZONE)).date()

    def expiring(day: date) -> dict[str, Any]:
        facts = facts_to_json(
            MessageFacts("Loja Centro", "Maria Souza", amount_centavos=800, expires_on=day)
        )
        return queued(maria, kind="cashback_expiring", facts=facts)

    late, timely = expiring(today - timedelta(days=2)), expiring(today + timedelta(days=3))
    counter.push(customer_upsert(maria), late, timely)
    assert deliver_once(cloud_server).startswith("sent=0 skipped=1 ")  # the other waits

    email_delivery(cloud_server, chain, port)
    with psycopg.connect(cloud_server.dsn) as connection:  # the 15 minutes' wait is over
        connection.execute("UPDATE message SET next_attempt_at = now()")
    assert deliver_once(cloud_server).startswith("sent=1 skipped=0 ")

    assert len(inbox.envelopes) == 1
    stale = row(cloud_server, late["body"]["idempotency_key"])
    assert (stale["status"], stale["reason"]) == ("skipped", "outdated")
    assert stale["reason_detail"] == (
        "A mensagem não saiu a tempo: falava de "
        f"{today - timedelta(days=2):%d/%m/%Y}, que já passou."
    )
    assert row(cloud_server, timely["body"]["idempotency_key"])["status"] == "sent"
