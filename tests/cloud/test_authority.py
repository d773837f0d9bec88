"""Voucher claims and balance holds: the endpoint's authority across stores."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg

from tests.cloud.helpers import Counter, customer_event, new_uuid, voucher_event
from tests.cloud_fixtures import CloudServer


def _counters(server: CloudServer) -> tuple[Counter, Counter]:
    chain = server.create_chain("Rede")
    a = Counter(server.url, server.add_terminal(chain, "Loja A"), store_name="Loja A")
    b = Counter(server.url, server.add_terminal(chain, "Loja B"), store_name="Loja B")
    assert a.hello().status_code == 200 and b.hello().status_code == 200
    return a, b


def _claim(counter: Counter, code: str, sale: str) -> Any:
    return counter.client.post(f"/v1/vouchers/{code}/claim", json={"sale_uuid": sale})


def test_a_voucher_is_claimed_and_redeemed_once_across_two_terminals(
    cloud_server: CloudServer,
) -> None:
    a, b = _counters(cloud_server)
    customer = new_uuid()
    code = "VALE-0001"
    assert a.push(customer_event(customer), a.entry(customer, "earn", 3_000)).status_code == 200
    issued = a.push(
        voucher_event(code, customer, 2_000), a.entry(customer, "voucher_issue", -2_000)
    )
    assert issued.status_code == 200
    assert _claim(a, "NAO-EXISTE", new_uuid()).json()["error"] == "unknown_voucher"

    sale_a, sale_b = new_uuid(), new_uuid()
    assert _claim(a, code, sale_a).json() == {"status": "claimed"}
    assert _claim(a, code, sale_a).status_code == 200  # the same sale asking again
    held = _claim(b, code, sale_b)
    assert held.status_code == 409 and held.json()["error"] == "voucher_held"

    redeem = a.entry(customer, "voucher_redeem", 0, sale=sale_a, voucher=code)
    assert a.push(redeem).status_code == 200
    used = _claim(b, code, sale_b)
    assert used.status_code == 409
    assert used.json()["error"] == "voucher_used"
    assert used.json()["store_name"] == "Loja A"
    assert datetime.fromisoformat(used.json()["redeemed_at"]).tzinfo is not None
    assert _claim(a, code, sale_a).status_code == 200  # its own sale: still fine

    # A refund gives the voucher back: it can be claimed again.
    restore = a.entry(customer, "voucher_restore", 0, sale=sale_a, voucher=code)
    assert a.push(restore).status_code == 200
    assert _claim(b, code, sale_b).json() == {"status": "claimed"}

    late = "VALE-VENCIDO"
    past = datetime.now(UTC) - timedelta(days=1)
    assert a.push(voucher_event(late, customer, 500, expires_at=past)).status_code == 200
    expired = _claim(b, late, new_uuid())
    assert expired.status_code == 410 and expired.json()["error"] == "voucher_expired"


def test_a_hold_is_limited_by_the_chain_wide_balance_less_other_sales_holds(
    cloud_server: CloudServer,
) -> None:
    a, b = _counters(cloud_server)
    customer = new_uuid()
    assert a.push(customer_event(customer), a.entry(customer, "earn", 5_000)).status_code == 200
    assert b.push(b.entry(customer, "earn", 3_000)).status_code == 200  # earned at store B
    balance = a.client.get(f"/v1/customers/{customer}/balance").json()
    assert balance["total"] == 8_000 and balance["spendable"] == 8_000

    def hold(counter: Counter, sale: str, amount: int) -> Any:
        return counter.client.post(
            f"/v1/customers/{customer}/hold", json={"sale_uuid": sale, "amount": amount}
        )

    sale_a, sale_b = new_uuid(), new_uuid()
    assert hold(a, sale_a, 6_000).json() == {"held": 6_000, "available": 8_000}
    refused = hold(b, sale_b, 3_000)
    assert refused.status_code == 409
    assert refused.json()["error"] == "insufficient_balance"
    assert refused.json()["available"] == 2_000
    assert hold(b, sale_b, 2_000).json() == {"held": 2_000, "available": 2_000}
    # The same sale asking again replaces its own hold rather than stacking on it.
    assert hold(a, sale_a, 6_000).json() == {"held": 6_000, "available": 6_000}

    # The sale's redeem reaches the server: the balance shows it, the hold is gone.
    assert a.push(a.entry(customer, "redeem", -6_000, sale=sale_a)).status_code == 200
    after = b.client.get(f"/v1/customers/{customer}/balance").json()
    assert after["total"] == 2_000
    assert hold(b, sale_b, 2_000).json() == {"held": 2_000, "available": 2_000}
    assert hold(a, new_uuid(), 1).json()["available"] == 0

    # Pending cashback is in the total but cannot be held.
    later = datetime.now(UTC) + timedelta(days=7)
    pending = a.entry(
        customer, "earn", 1_000, available_from=later, expires_at=later + timedelta(days=180)
    )
    assert a.push(pending).status_code == 200
    now = b.client.get(f"/v1/customers/{customer}/balance").json()
    assert now["total"] == 3_000 and now["spendable"] == 2_000
    unknown = b.client.get(f"/v1/customers/{new_uuid()}/balance")
    assert unknown.status_code == 404 and unknown.json()["error"] == "unknown_customer"


def test_claims_and_holds_lapse_after_15_minutes(cloud_server: CloudServer) -> None:
    a, b = _counters(cloud_server)
    customer = new_uuid()
    pushed = a.push(
        customer_event(customer),
        a.entry(customer, "earn", 1_000),
        voucher_event("VALE-LAPSO", customer, 300),
    )
    assert pushed.status_code == 200
    assert _claim(a, "VALE-LAPSO", new_uuid()).status_code == 200
    hold = {"sale_uuid": new_uuid(), "amount": 1_000}
    assert a.client.post(f"/v1/customers/{customer}/hold", json=hold).status_code == 200
    other = {"sale_uuid": new_uuid(), "amount": 1_000}
    assert b.client.post(f"/v1/customers/{customer}/hold", json=other).status_code == 409
    assert _claim(b, "VALE-LAPSO", new_uuid()).status_code == 409

    with psycopg.connect(cloud_server.dsn, autocommit=True) as connection:  # 16 minutes pass
        connection.execute("UPDATE voucher SET claimed_at = claimed_at - interval '16 minutes'")
        connection.execute("UPDATE hold SET created_at = created_at - interval '16 minutes'")
    assert _claim(b, "VALE-LAPSO", new_uuid()).json() == {"status": "claimed"}
    assert b.client.post(f"/v1/customers/{customer}/hold", json=other).json() == {
        "held": 1_000,
        "available": 1_000,
    }
