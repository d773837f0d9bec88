"""A receipt asked for at the counter goes out by WhatsApp from the chain's endpoint, as the
"recibo" template, to the number typed at the counter, with no marketing consent: a real
SQLite counter, a real endpoint over PostgreSQL, our local Graph API server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from messaging.testing.graph_server import GraphApi, GraphServer
from posapp.core.money import format_money
from posapp.services.invoices.receipt_message import send_receipt
from tests.services.messages_support import rows
from tests.sync.conftest import Network
from tests.sync.test_messages_via_endpoint import deliver_once
from tests.sync.test_whatsapp_via_endpoint import (
    APP_SECRET,
    NUMBER_ID,
    TOKEN,
    leaves_whatsapp_to_the_endpoint,
    no_background_delivery,  # noqa: F401  (fixture)
    whatsapp_delivery,
)


@pytest.fixture
def graph() -> Iterator[GraphServer]:
    api = GraphApi(NUMBER_ID, TOKEN, APP_SECRET, {"recibo": 5, "boas_vindas": 2})
    with GraphServer(api) as server:
        yield server


def test_a_receipt_reaches_the_typed_number_as_the_recibo_template_without_consent(
    no_background_delivery: None,  # noqa: F811
    network: Network,
    graph: GraphServer,
) -> None:
    assert whatsapp_delivery(network, graph).status_code == 200
    a = network.make("A")
    leaves_whatsapp_to_the_endpoint(a)
    maria = a.shop.enrol("Maria Souza", cpf="529.982.247-25", phone="(11) 91234-5678")
    sale = a.sell("shampoo", customer=maria, cash=3_000)

    sent = send_receipt(a.station, sale.sale_id, "whatsapp", "(21) 99876-5432", a.shop.cashier_id)
    assert sent.by_endpoint
    assert a.sync().ok
    assert deliver_once(network.server).startswith("sent=")

    [receipt] = [m for m in graph.api.sent if m.template == "recibo"]
    assert receipt.to == "5521998765432" and receipt.language == "pt_BR"
    name, store, number, amount, link = receipt.parameters
    assert (name, store, number) == ("Maria", "A", f"{sale.number:06d}")
    assert amount == format_money(sale.total, "pt_BR")
    assert link.startswith(f"{network.server.url}/c?r=PS1")
    page = httpx.get(link, timeout=10)
    assert page.status_code == 200 and "Maria" in page.text  # the customer's own page
    assert [m.template for m in graph.api.sent] == ["recibo"]  # no consent: no welcome
    assert a.sync().ok
    [row] = rows(a.shop, "receipt")
    assert row.status == "sent"
