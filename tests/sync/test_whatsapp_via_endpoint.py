"""A sale's credit goes out by WhatsApp (Cloud API) from the chain's endpoint, and Meta's
statuses come back to the counter's message log: a real SQLite counter, a real
`posapp-cloud serve` over PostgreSQL, our local Graph API server on 127.0.0.1 signing its
status webhooks with the app secret as Meta does."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import psycopg
import pytest
from sqlalchemy import select

from db.models import Customer
from messaging.testing.graph_server import GraphApi, GraphServer
from posapp.core.money import format_money
from posapp.services.messages.log import message_log, reason_words
from tests.services.messages_support import configure, email_settings, rows
from tests.sync.conftest import Counter, Network
from tests.sync.test_messages_via_endpoint import deliver_once

NUMBER_ID = "109876543210987"
TOKEN = "EAAG-token-da-rede"
APP_SECRET = "segredo-do-app-meta"
VERIFY = "verifica-posapp"


@pytest.fixture
def no_background_delivery(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POSAPP_CLOUD_DELIVERY_INTERVAL", "0")


@pytest.fixture
def graph() -> Iterator[GraphServer]:
    api = GraphApi(
        NUMBER_ID,
        TOKEN,
        APP_SECRET,
        {"boas_vindas": 2, "cashback_creditado": 4, "vale_emitido": 4},
    )
    with GraphServer(api) as server:
        yield server


def whatsapp_delivery(network: Network, graph: GraphServer) -> httpx.Response:
    graph.api.webhook_url = f"{network.server.url}/v1/whatsapp/{network.chain.chain_id}/webhook"
    return httpx.put(
        f"{network.server.url}/v1/admin/delivery",
        headers={"Authorization": f"Bearer {network.chain.admin_key}"},
        json={
            "whatsapp_phone_number_id": NUMBER_ID,
            "whatsapp_access_token": TOKEN,
            "whatsapp_app_secret": APP_SECRET,
            "whatsapp_verify_token": VERIFY,
            "whatsapp_graph_url": graph.url,
        },
        timeout=10,
    )


def leaves_whatsapp_to_the_endpoint(counter: Counter) -> None:
    """WhatsApp first; the counter itself sends nothing (`counter_sends` off)."""
    configure(
        counter.shop,
        email_settings(
            9,
            channels=("whatsapp",),
            webhook_url="http://127.0.0.1:9/unused",
            counter_sends=False,
        ),
    )


def stored(dsn: str, wamid: str) -> tuple[str, str, str]:
    with psycopg.connect(dsn) as connection:
        row = connection.execute(
            "SELECT provider_status, cost_class, whatsapp_access_token FROM message "
            "JOIN delivery_settings USING (chain_id) WHERE provider_message_id = %s",
            (wamid,),
        ).fetchone()
    assert row is not None
    return row[0], row[1], row[2]


def test_a_sales_credit_reaches_whatsapp_as_its_template_and_is_shown_read_at_the_counter(
    no_background_delivery: None, network: Network, graph: GraphServer
) -> None:
    answer = whatsapp_delivery(network, graph)
    assert answer.status_code == 200, answer.text
    settings = answer.json()
    assert settings["whatsapp_access_token_set"] and "whatsapp_access_token" not in settings
    assert settings["whatsapp_templates"]["cashback_credited"]["name"] == "cashback_creditado"
    challenge = graph.api.verify_subscription(VERIFY)
    assert challenge.status_code == 200 and challenge.text.isdigit()
    refused = graph.api.verify_subscription("outro")
    assert refused.status_code == 403
    assert refused.json()["message"].startswith("Token de verificação")

    a = network.make("A")
    leaves_whatsapp_to_the_endpoint(a)
    maria = a.shop.enrol(
        "Maria Souza", cpf="529.982.247-25", phone="(11) 91234-5678", marketing_consent=True
    )
    sale = a.sell("shampoo", customer=maria, cash=3_000)
    assert sale.earned > 0
    assert a.sync().ok
    assert deliver_once(network.server).startswith("sent=")

    by_template = {m.template: m for m in graph.api.sent}
    credit = by_template["cashback_creditado"]
    assert credit.to == "5511912345678" and credit.language == "pt_BR"
    assert sale.balance is not None
    assert credit.parameters == [
        "Maria",
        format_money(sale.earned, "pt_BR"),
        "A",
        format_money(sale.balance.total, "pt_BR"),
    ]
    assert by_template["boas_vindas"].parameters == ["Maria", "A"]
    assert graph.api.refused == []
    assert a.sync().ok
    [row] = rows(a.shop, "cashback_credited")
    assert (row.status, row.reason) == ("sent", "sent")

    forged = graph.api.send_statuses(credit, ["read"], secret="not-the-app-secret")
    assert [r.status_code for r in forged] == [401]
    answers = graph.api.send_statuses(credit)  # sent, delivered, read
    assert [r.status_code for r in answers] == [200, 200, 200]
    assert [r.json()["changed"] for r in answers] == [0, 1, 1]
    assert graph.api.send_statuses(credit, ["delivered"])[0].json()["changed"] == 0  # late

    assert a.sync().ok
    [row] = rows(a.shop, "cashback_credited")
    assert (row.status, row.reason) == ("sent", "read")
    assert row.reason_detail is not None and row.reason_detail.startswith("Lida no WhatsApp em ")
    logged = {m.kind: m for m in message_log(a.station)}
    assert reason_words(logged["cashback_credited"], "en") == "Read on WhatsApp."
    assert reason_words(logged["cashback_credited"]).startswith("Lida no WhatsApp em ")
    provider_status, cost_class, token_at_rest = stored(network.server.dsn, credit.wamid)
    assert (provider_status, cost_class) == ("read", "utility")
    assert token_at_rest.startswith("v1:") and TOKEN not in token_at_rest


def test_a_number_whatsapp_cannot_reach_is_shown_failed_with_metas_reason(
    no_background_delivery: None, network: Network, graph: GraphServer
) -> None:
    assert whatsapp_delivery(network, graph).status_code == 200
    graph.api.undeliverable.add("5511900000000")
    a = network.make("A")
    leaves_whatsapp_to_the_endpoint(a)
    a.shop.enrol("Rui Lima", phone="(11) 90000-0000", marketing_consent=True)
    assert a.sync().ok
    deliver_once(network.server)
    [welcome] = graph.api.sent
    [answer] = graph.api.send_statuses(welcome)
    assert answer.status_code == 200 and answer.json() == {"changed": 1}
    assert a.sync().ok
    [row] = rows(a.shop, "welcome")
    assert (row.status, row.reason) == ("failed", "whatsapp_131026")
    assert row.reason_detail == "O WhatsApp não entregou a mensagem: Message undeliverable."
    [logged] = message_log(a.station)
    assert reason_words(logged, "en") == "WhatsApp could not deliver the message (error 131026)."


def test_a_bad_template_mapping_is_refused_in_portuguese_and_english(
    no_background_delivery: None, network: Network
) -> None:
    answer = httpx.put(
        f"{network.server.url}/v1/admin/delivery",
        headers={"Authorization": f"Bearer {network.chain.admin_key}"},
        json={
            "whatsapp_phone_number_id": NUMBER_ID,
            "whatsapp_access_token": TOKEN,
            "whatsapp_templates": {
                "cashback_credited": {"name": "meu_modelo", "params": ["customer", "senha"]}
            },
        },
        timeout=10,
    )
    assert answer.status_code == 422
    body = answer.json()
    assert "parâmetros desconhecidos (senha)" in body["message"]
    assert "unknown parameters (senha)" in body["message_en"]
    no_token = httpx.put(
        f"{network.server.url}/v1/admin/delivery",
        headers={"Authorization": f"Bearer {network.chain.admin_key}"},
        json={"whatsapp_phone_number_id": NUMBER_ID},
        timeout=10,
    )
    assert no_token.status_code == 422
    assert json.loads(no_token.text)["message"].endswith("o WhatsApp precisa do token de acesso.")


def consents(counter: Counter) -> dict[str, bool]:
    with counter.station.read() as session:
        return {c.name: c.marketing_consent for c in session.scalars(select(Customer))}


def test_a_customer_who_replies_parar_gets_no_more_messages_from_any_counter(
    no_background_delivery: None, network: Network, graph: GraphServer
) -> None:
    assert whatsapp_delivery(network, graph).status_code == 200
    a, b = network.make("A"), network.make("B")
    leaves_whatsapp_to_the_endpoint(a)
    leaves_whatsapp_to_the_endpoint(b)
    maria = a.shop.enrol(
        "Maria Souza", cpf="529.982.247-25", phone="(11) 98765-4321", marketing_consent=True
    )
    a.shop.enrol("Ana Lima", cpf="111.444.777-35", phone="(21) 98888-7777", marketing_consent=True)
    a.sell("shampoo", customer=maria, cash=3_000)
    assert a.sync().ok and b.sync().ok
    assert deliver_once(network.server).startswith("sent=4 ")  # 2 welcomes, credit, voucher
    sent_before = len(graph.api.sent)

    # Her WhatsApp id lacks the ninth digit, as older Brazilian numbers' often do.
    stop = graph.api.send_reply("551187654321", "Parar promoções", button=True)
    assert stop.status_code == 200 and stop.json() == {"changed": 1}
    thanks = graph.api.send_reply("5521988887777", "Obrigada!")
    assert thanks.status_code == 200 and thanks.json() == {"changed": 0}

    a.sell("shampoo", customer=maria, cash=3_000)  # before A hears of it: queued for the endpoint
    assert a.sync().ok and b.sync().ok
    assert deliver_once(network.server).startswith("sent=0 skipped=2 ")
    assert len(graph.api.sent) == sent_before
    assert a.sync().ok
    assert {(m.kind, m.status, m.reason) for m in rows(a.shop) if m.status != "sent"} == {
        ("cashback_credited", "skipped", "no_consent"),
        ("voucher_issued", "skipped", "no_consent"),
    }
    assert consents(a) == consents(b) == {"Maria Souza": False, "Ana Lima": True}
    b.sell("shampoo", customer=b.customer_id(a.customer_uuid(maria)), cash=3_000)
    assert {(m.kind, m.status, m.reason) for m in rows(b.shop)} == {
        ("cashback_credited", "skipped", "no_consent"),
        ("voucher_issued", "skipped", "no_consent"),
    }
