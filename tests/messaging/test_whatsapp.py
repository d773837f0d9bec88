"""The WhatsApp Cloud API channel against our local Graph API server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from messaging import OutgoingMessage, PermanentDeliveryError, TemporaryDeliveryError
from messaging.testing.graph_server import GraphApi, GraphServer
from messaging.whatsapp import WhatsAppSender, WhatsAppSettings, WhatsAppTemplate
from messaging.whatsapp_status import is_opt_out, replies, signature, signature_valid, statuses

NUMBER_ID = "109876543210987"
TOKEN = "EAAG-test-token"
SECRET = "app-secret-123"
CREDIT = WhatsAppTemplate("cashback_creditado", ("customer", "amount", "store", "balance"))


@pytest.fixture
def graph() -> Iterator[GraphServer]:
    api = GraphApi(NUMBER_ID, TOKEN, SECRET, {"cashback_creditado": 4, "vale_emitido": 3})
    with GraphServer(api) as server:
        yield server


def settings(server: GraphServer, **changes: Any) -> WhatsAppSettings:
    values: dict[str, Any] = {
        "phone_number_id": NUMBER_ID,
        "access_token": TOKEN,
        "templates": {"cashback_credited": CREDIT},
        "graph_url": server.url,
    }
    values.update(changes)
    return WhatsAppSettings(**values)


def credit(to: str = "(11) 91234-5678") -> OutgoingMessage:
    return OutgoingMessage(
        to,
        "",
        "Olá, Maria! Você ganhou R$ 5,00 de cashback.",
        idempotency_key="cashback_credited:abc:sale-1",
        kind="cashback_credited",
        values={"customer": "Maria", "amount": "R$ 5,00", "store": "Loja A", "balance": "R$ 12,30"},
    )


def test_a_credit_reaches_the_graph_api_as_its_template_with_the_parameters_in_order(
    graph: GraphServer,
) -> None:
    sender = WhatsAppSender(settings(graph))
    sender.send(credit())
    [sent] = graph.api.sent
    assert sent.to == "5511912345678"
    assert (sent.template, sent.language) == ("cashback_creditado", "pt_BR")
    assert sent.parameters == ["Maria", "R$ 5,00", "Loja A", "R$ 12,30"]
    receipt = sender.receipts["cashback_credited:abc:sale-1"]
    assert receipt.message_id == sent.wamid and receipt.cost_class == "utility"


def test_a_store_name_with_a_tab_or_spaces_in_a_row_still_reaches_the_customer(
    graph: GraphServer,
) -> None:
    """Meta refuses, for good (132018), a parameter with a line break, a tab or more than
    4 spaces in a row: a name pasted from a spreadsheet cost the customer the message."""
    message = credit()
    pasted = {**message.values, "store": "Salão  Bela\tCentro     (Moema)\n"}
    WhatsAppSender(settings(graph)).send(replace(message, values=pasted))
    [sent] = graph.api.sent
    assert sent.parameters == ["Maria", "R$ 5,00", "Salão Bela Centro (Moema)", "R$ 12,30"]
    blank = {**message.values, "customer": " \n "}
    with pytest.raises(PermanentDeliveryError) as missing:
        WhatsAppSender(settings(graph)).send(replace(message, values=blank))
    assert missing.value.reason == "missing_parameter"


def test_meta_refusals_are_permanent_and_throttling_is_temporary(graph: GraphServer) -> None:
    with pytest.raises(PermanentDeliveryError) as wrong_token:
        WhatsAppSender(settings(graph, access_token="expired")).send(credit())
    assert wrong_token.value.reason == "whatsapp_190"
    unknown = WhatsAppTemplate("nao_aprovado", ("customer",))
    with pytest.raises(PermanentDeliveryError) as not_approved:
        WhatsAppSender(settings(graph, templates={"cashback_credited": unknown})).send(credit())
    assert not_approved.value.reason == "whatsapp_132001"
    short = WhatsAppTemplate("cashback_creditado", ("customer", "amount"))
    with pytest.raises(PermanentDeliveryError) as count:
        WhatsAppSender(settings(graph, templates={"cashback_credited": short})).send(credit())
    assert count.value.reason == "whatsapp_132000"
    with pytest.raises(PermanentDeliveryError) as no_template:
        WhatsAppSender(settings(graph, templates={})).send(credit())
    assert no_template.value.reason == "no_template"
    with pytest.raises(PermanentDeliveryError) as phone:
        WhatsAppSender(settings(graph)).send(credit("1234"))
    assert phone.value.reason == "bad_phone"
    graph.api.throttle = True
    with pytest.raises(TemporaryDeliveryError) as throttled:
        WhatsAppSender(settings(graph)).send(credit())
    assert throttled.value.reason == "whatsapp_130429"
    assert graph.api.sent == []


def test_a_graph_api_that_is_down_is_temporary() -> None:
    down = WhatsAppSettings(
        NUMBER_ID, TOKEN, {"cashback_credited": CREDIT}, graph_url="http://127.0.0.1:9"
    )
    with pytest.raises(TemporaryDeliveryError) as error:
        WhatsAppSender(down).send(credit())
    assert error.value.reason == "connection"


class _Hook:
    def __init__(self) -> None:
        self.bodies: list[tuple[bytes, str]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers["Content-Length"]))
                owner.bodies.append((raw, self.headers["X-Hub-Signature-256"]))
                self.send_response(200)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


def test_status_webhooks_are_signed_as_meta_signs_them_and_read_back(graph: GraphServer) -> None:
    hook = _Hook()
    graph.api.webhook_url = hook.url
    graph.api.undeliverable.add("5511900000000")
    WhatsAppSender(settings(graph)).send(credit())
    WhatsAppSender(settings(graph)).send(credit("+55 11 90000-0000"))
    delivered, lost = graph.api.sent
    graph.api.send_statuses(delivered)
    graph.api.send_statuses(lost)
    hook.httpd.shutdown()
    assert len(hook.bodies) == 4
    for raw, header in hook.bodies:
        assert signature_valid(raw, SECRET, header)
        assert not signature_valid(raw, "another-secret", header)
        assert not signature_valid(raw + b" ", SECRET, header)
    found = [s for raw, _ in hook.bodies for s in statuses(json.loads(raw))]
    assert [(s.message_id, s.status) for s in found] == [
        (delivered.wamid, "sent"),
        (delivered.wamid, "delivered"),
        (delivered.wamid, "read"),
        (lost.wamid, "failed"),
    ]
    assert found[1].category == "utility" and found[1].phone_number_id == NUMBER_ID
    assert (found[3].error_code, found[3].error_title) == (131026, "Message undeliverable")
    assert signature(b"{}", SECRET).startswith("sha256=")
    assert statuses({"object": "page", "entry": []}) == []


def test_a_reply_asking_to_stop_is_told_from_an_ordinary_one() -> None:
    for stop in ("PARAR", "Parar promoções", " sair. ", "Stop!", "não quero mais", "STOP"):
        assert is_opt_out(stop), stop
    for other in ("Obrigada!", "parar de usar o cupom?", "Qual meu saldo?", ""):
        assert not is_opt_out(other), other


def test_replies_are_read_from_metas_webhook_text_and_button_alike() -> None:
    api = GraphApi(NUMBER_ID, TOKEN, SECRET, {})
    text = api.reply_payload("551187654321", "PARAR")
    button = api.reply_payload("5511987654321", "Parar promoções", button=True)
    found = replies(text) + replies(button) + replies({"object": "page"}) + statuses(text)
    assert [(r.wa_id, r.text, r.phone_number_id) for r in found] == [
        ("551187654321", "PARAR", NUMBER_ID),
        ("5511987654321", "Parar promoções", NUMBER_ID),
    ]
