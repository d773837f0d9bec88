"""The online shop's signed webhook: paid orders earn, cancelled ones reverse."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import httpx

from cloud.keys import sign
from posapp.core.ledger import GENESIS_HASH, chain_hash
from tests.cloud.helpers import Counter, customer_event, new_uuid, program_json
from tests.cloud_fixtures import Chain, CloudServer

CPF = "52998224725"


def _order(order_id: str, status: str, **changes: Any) -> dict[str, Any]:
    order: dict[str, Any] = {
        "order_id": order_id,
        "customer": {"cpf": "529.982.247-25"},
        "total": 30_000,
        "items": [
            {
                "sku": "S1",
                "name": "Shampoo",
                "quantity": 2,
                "unit_price": 5_000,
                "category": "cosmetic",
            },
            {
                "sku": "C1",
                "name": "Corte",
                "quantity": 1,
                "unit_price": 20_000,
                "category": "service",
            },
        ],
        "status": status,
    }
    order.update(changes)
    return order


def _send(
    server: CloudServer, chain: Chain, order: dict[str, Any], secret: str | None = None
) -> httpx.Response:
    raw = json.dumps(order).encode()
    return httpx.post(
        f"{server.url}/v1/chains/{chain.chain_id}/orders",
        content=raw,
        headers={
            "Content-Type": "application/json",
            "X-Posapp-Signature": sign(secret or chain.webhook_secret, raw),
        },
    )


def test_paid_orders_earn_by_the_chains_program_and_cancelled_ones_reverse(
    cloud_server: CloudServer,
) -> None:
    chain = cloud_server.create_chain("Rede")
    counter = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa"))
    program = program_json("salon") | {
        "earn_bps": 500,
        "category_bps": {"service": 1_000},
        "pending_days": 7,
        "expiry_days": 90,
    }
    assert counter.hello(program).status_code == 200
    customer = new_uuid()
    assert (
        counter.push(customer_event(customer, cpf=CPF, email="ana@example.com")).status_code == 200
    )

    paid = _send(cloud_server, chain, _order("PED-1", "paid"))
    assert paid.status_code == 200, paid.text
    # 5 % of R$ 100,00 of cosmetics + 10 % of R$ 200,00 of services.
    assert paid.json()["status"] == "earned" and paid.json()["amount"] == 2_500
    assert _send(cloud_server, chain, _order("PED-1", "paid")).json() == {
        "status": "duplicate", "amount": 0, "entry": None,
    }  # fmt: skip

    [earn] = [e for e in counter.pull_all() if e["kind"] == "ledger.entry"]
    body = earn["body"]
    assert earn["terminal_uuid"] == chain.online_terminal_uuid
    assert body["terminal"] == chain.online_terminal_uuid and body["seq"] == 1
    assert body["kind"] == "earn" and body["amount"] == 2_500 and body["customer"] == customer
    created = datetime.fromisoformat(body["created_at"])
    available = datetime.fromisoformat(body["available_from"])
    assert available - created == timedelta(days=7)
    assert datetime.fromisoformat(body["expires_at"]) - available == timedelta(days=90)
    assert body["prev_hash"] == GENESIS_HASH
    record = {k: v for k, v in body.items() if k not in {"prev_hash", "hash"}}
    assert set(record) == {
        "uuid", "terminal", "seq", "kind", "customer", "amount", "created_at",
        "available_from", "expires_at", "lot", "sale", "voucher", "note",
    }  # fmt: skip
    assert chain_hash(GENESIS_HASH, record) == body["hash"]
    balance = counter.client.get(f"/v1/customers/{customer}/balance").json()
    assert balance == {"total": 2_500, "spendable": 0, "applied_seq": balance["applied_seq"]}

    # Found by e-mail too; a discounted total earns on what was paid.
    by_mail = _order("PED-2", "paid", customer={"email": "ANA@example.com"}, total=15_000)
    assert _send(cloud_server, chain, by_mail).json()["amount"] == 1_250

    cancelled = _send(cloud_server, chain, _order("PED-1", "cancelled"))
    assert cancelled.json()["status"] == "reversed" and cancelled.json()["amount"] == -2_500
    assert _send(cloud_server, chain, _order("PED-1", "cancelled")).json()["status"] == "duplicate"
    entries = [e["body"] for e in counter.pull_all() if e["kind"] == "ledger.entry"]
    reverse = entries[-1]
    assert reverse["kind"] == "reverse" and reverse["lot"] == body["uuid"]
    assert reverse["seq"] == 3 and reverse["prev_hash"] == entries[1]["hash"]
    assert counter.client.get(f"/v1/customers/{customer}/balance").json()["total"] == 1_250


def test_bad_signatures_and_unknown_customers_are_refused(cloud_server: CloudServer) -> None:
    chain = cloud_server.create_chain("Rede")
    other = cloud_server.create_chain("Outra")
    counter = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa"))
    assert counter.hello().status_code == 200
    assert counter.push(customer_event(new_uuid(), cpf=CPF)).status_code == 200

    forged = _send(cloud_server, chain, _order("PED-9", "paid"), secret=other.webhook_secret)
    assert forged.status_code == 401 and forged.json()["error"] == "bad_signature"
    unsigned = httpx.post(
        f"{cloud_server.url}/v1/chains/{chain.chain_id}/orders", json=_order("PED-9", "paid")
    )
    assert unsigned.status_code == 401
    stranger = _send(cloud_server, chain, _order("PED-9", "paid", customer={"cpf": "11144477735"}))
    assert stranger.status_code == 422 and stranger.json()["error"] == "unknown_customer"
    # The CPF belongs to a customer of another chain: still unknown here.
    elsewhere = _send(cloud_server, other, _order("PED-9", "paid"))
    assert elsewhere.status_code == 422
    malformed = _send(cloud_server, chain, {"order_id": "x"})
    assert malformed.status_code == 422 and malformed.json()["error"] == "invalid_request"
    assert [e for e in counter.pull_all() if e["kind"] == "ledger.entry"] == []


def test_an_anonymized_customer_is_not_found_again_after_a_late_upsert(
    cloud_server: CloudServer,
) -> None:
    chain = cloud_server.create_chain("Rede")
    a = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa A"))
    b = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa B"))
    assert a.hello().status_code == 200 and b.hello().status_code == 200
    customer = new_uuid()
    assert a.push(customer_event(customer, cpf=CPF, name="Ana Souza")).status_code == 200
    assert _send(cloud_server, chain, _order("PED-1", "paid")).status_code == 200

    erased = customer_event(customer, name="Cliente anonimizado")
    erased["body"]["anonymized"] = True
    assert a.push(erased).status_code == 200
    # B had not pulled the anonymization and pushes an edit with the old data.
    assert b.push(customer_event(customer, cpf=CPF, name="Ana Souza")).status_code == 200

    again = _send(cloud_server, chain, _order("PED-2", "paid"))
    assert again.status_code == 422 and again.json()["error"] == "unknown_customer"
