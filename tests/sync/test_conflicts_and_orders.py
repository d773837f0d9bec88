"""Overdraft from two offline counters, a manager's resolution; an online-shop order."""

from __future__ import annotations

import hashlib
import hmac
import json

import httpx
import pytest

from posapp.core.errors import ConflictNotOpen, NetworkBalanceTooLow, NotAuthorized
from posapp.services.customers.adjustments import adjust
from posapp.services.loyalty.verify import verify_all
from posapp.services.sales.refunds import RefundRequest, refund
from posapp.services.sync.conflicts import open_conflicts, resolve_conflict
from tests.support import MANAGER_PIN
from tests.sync.conftest import Network, converge


def _plain(text: str) -> str:
    return text.replace("\xa0", " ")


def test_both_counters_spend_the_same_balance_offline_then_a_manager_absorbs_it(
    network: Network,
) -> None:
    # The salon program lets cashback pay a whole purchase, which then earns nothing.
    a, b = network.make("Centro", program="salon"), network.make("Shopping", program="salon")
    joana = a.shop.enrol("Joana Reis", cpf="390.533.447-05")
    a.sell("corte", customer=joana, cash=8_000)
    a.sell("corte", customer=joana, cash=8_000)  # R$ 16,00 of cashback
    converge(a, b)
    joana_uuid = a.customer_uuid(joana)
    joana_at_b = b.customer_id(joana_uuid)
    assert b.balances()[joana_uuid] == 1_600

    network.server.stop()
    a.sell("dipirona", customer=joana, cashback=1_250)
    b.sell("dipirona", customer=joana_at_b, cashback=1_250)  # the same money, offline
    network.server.start()
    converge(a, b)

    for counter in (a, b):
        rows = open_conflicts(counter.station)
        assert [(r.kind, r.customer_uuid, r.amount, r.status) for r in rows] == [
            ("overdraft", joana_uuid, 900, "open")
        ], counter.name
        assert rows[0].customer_name == "Joana Reis"
        assert rows[0].store_name in ("Centro", "Shopping")
        assert counter.balances()[joana_uuid] == -900
        assert counter.faults() == []  # an offline overdraft is a conflict, not corruption
        notices = [n.message("en") for n in verify_all(counter.station).notices]
        assert any("open sync conflict" in notice for notice in notices), notices
    assert network.network_balance(joana_uuid, a) == -900

    conflict = open_conflicts(a.station)[0]
    with pytest.raises(NotAuthorized):
        resolve_conflict(
            a.station, conflict.id, "absorbed", "erro de rede", staff_id=a.shop.cashier_id,
            manager_pin="0001", client=a.default_client,
        )  # fmt: skip
    resolved = resolve_conflict(
        a.station,
        conflict.id,
        "absorbed",
        "a loja assume a diferença",
        staff_id=a.shop.manager_id,
        manager_pin=MANAGER_PIN,
        client=a.default_client,
    )
    assert (resolved.status, resolved.resolution) == ("resolved", "absorbed")
    with pytest.raises(ConflictNotOpen):
        resolve_conflict(
            a.station, conflict.id, "absorbed", "de novo", staff_id=a.shop.manager_id,
            manager_pin=MANAGER_PIN, client=a.default_client,
        )  # fmt: skip
    converge(a, b)

    assert open_conflicts(a.station) == open_conflicts(b.station) == []
    assert a.balances()[joana_uuid] == b.balances()[joana_uuid] == 0
    assert network.network_balance(joana_uuid, b) == 0
    assert a.default_client.conflicts("open") == []
    assert a.faults() == [] and b.faults() == []


@pytest.mark.parametrize("taken_back_by", ["refund", "adjustment"])
def test_cashback_taken_back_at_one_store_and_spent_meanwhile_at_the_other_is_a_conflict(
    network: Network, taken_back_by: str
) -> None:
    """Rosa earns R$ 4,99 on a batom at Centro; both counters know it. Centro takes the
    R$ 4,99 back (the batom returned, or a manager's adjustment: Centro sees enough) while
    Shopping, not yet told, lets her spend the same R$ 4,99 on a shampoo (earning
    R$ 2,50). Chain-wide she is R$ 2,49 below zero: a conflict for a manager at both
    counters, not a broken file."""
    a, b = network.make("Centro"), network.make("Shopping")
    rosa = a.shop.enrol("Rosa Alves", phone="21 98888-7777")
    batom = a.sell("batom", customer=rosa, cash=4_990)
    converge(a, b)
    rosa_uuid = a.customer_uuid(rosa)
    if taken_back_by == "refund":
        refund(a.station, RefundRequest(batom.sale_id, a.shop.cashier_id, MANAGER_PIN, "troca"))
    else:
        adjust(
            a.station,
            customer_id=rosa,
            units=-499,
            reason="lançado em dobro",
            staff_id=a.shop.manager_id,
            manager_pin=MANAGER_PIN,
        )
    b.sell("shampoo", customer=b.customer_id(rosa_uuid), cashback=499, cash=2_501)
    converge(b, a)

    for counter in (a, b):
        rows = open_conflicts(counter.station)
        assert [(r.kind, r.customer_uuid, r.amount) for r in rows] == [
            ("overdraft", rosa_uuid, 249)
        ], counter.name
        assert counter.balances()[rosa_uuid] == -249
        assert counter.faults() == []
    resolve_conflict(
        a.station,
        open_conflicts(a.station)[0].id,
        "absorbed",
        "a loja assume",
        staff_id=a.shop.manager_id,
        manager_pin=MANAGER_PIN,
        client=a.default_client,
    )
    converge(a, b)
    assert a.balances()[rosa_uuid] == b.balances()[rosa_uuid] == 0
    assert network.network_balance(rosa_uuid, b) == 0
    assert a.faults() == [] and b.faults() == []


def test_a_large_cashback_spend_is_held_against_the_network_balance(network: Network) -> None:
    a, b = network.make("Centro"), network.make("Shopping")
    rosa = a.shop.enrol("Rosa Alves", phone="21 98888-7777")
    for _ in range(4):
        a.sell("vestido", customer=rosa, cash=20_000)  # 4 x R$ 20,00 of cashback
    converge(a, b)
    rosa_uuid = a.customer_uuid(rosa)
    rosa_at_b = b.customer_id(rosa_uuid)

    a.sell("vestido", customer=rosa, cashback=6_000, cash=14_000)  # held at the endpoint
    before = b.entry_uuids()
    # A has not pushed its sale: B's ledger still shows R$ 80,00, but A's live hold counts.
    with pytest.raises(NetworkBalanceTooLow) as low:
        b.sell("vestido", customer=rosa_at_b, cashback=6_000, cash=14_000)
    assert _plain(low.value.message("pt_BR")).endswith("Saldo na rede: R$ 20,00.")
    assert b.entry_uuids() == before

    assert a.sync().ok  # the sale confirms the hold; it earned R$ 14,00 on what money paid
    with pytest.raises(NetworkBalanceTooLow) as low:
        b.sell("vestido", customer=rosa_at_b, cashback=6_000, cash=14_000)
    assert _plain(low.value.message("pt_BR")).endswith("Saldo na rede: R$ 34,00.")
    assert b.entry_uuids() == before
    spent = b.sell("vestido", customer=rosa_at_b, cashback=3_400, cash=16_600)
    assert spent.redeemed == 3_400
    converge(a, b)
    assert a.balances()[rosa_uuid] == b.balances()[rosa_uuid] == 1_660
    assert network.network_balance(rosa_uuid, a) == 1_660
    assert open_conflicts(a.station) == []


def test_an_online_shop_order_earns_cashback_that_counter_a_then_sees(network: Network) -> None:
    a = network.make("Centro")
    lucia = a.shop.enrol("Lúcia Prado", cpf="153.509.460-56")
    assert a.sync().ok
    lucia_uuid = a.customer_uuid(lucia)
    order = {
        "order_id": "WEB-1001",
        "customer": {"cpf": "15350946056"},
        "total": 12_000,
        "items": [
            {"sku": "BAT-01", "name": "Batom matte", "quantity": 2, "unit_price": 6_000},
        ],
        "status": "paid",
    }
    raw = json.dumps(order).encode()
    signature = hmac.new(network.chain.webhook_secret.encode(), raw, hashlib.sha256).hexdigest()
    url = f"{network.server.url}/v1/chains/{network.chain.chain_id}/orders"
    answer = httpx.post(
        url,
        content=raw,
        headers={"X-Posapp-Signature": f"sha256={signature}", "Content-Type": "application/json"},
    )
    assert answer.status_code == 200, answer.text
    result = a.sync()
    assert result.ok and result.pulled_entries == 1
    assert a.balances()[lucia_uuid] == 1_200 == network.network_balance(lucia_uuid, a)
    assert a.faults() == []  # the online shop's chain is verified like a counter's
