"""Offline double spending: overdraft and voucher reuse conflicts, recorded and resolved."""

from __future__ import annotations

from typing import Any

from tests.cloud.helpers import Counter, customer_event, new_uuid, voucher_event
from tests.cloud_fixtures import CloudServer


def _counters(server: CloudServer) -> tuple[Counter, Counter]:
    chain = server.create_chain("Rede")
    a = Counter(server.url, server.add_terminal(chain, "Loja A"), store_name="Loja A")
    b = Counter(server.url, server.add_terminal(chain, "Loja B"), store_name="Loja B")
    assert a.hello().status_code == 200 and b.hello().status_code == 200
    return a, b


def _conflicts(counter: Counter, status: str | None = None) -> list[dict[str, Any]]:
    params = {"status": status} if status else {}
    answer = counter.client.get("/v1/conflicts", params=params)
    assert answer.status_code == 200, answer.text
    return list(answer.json()["conflicts"])


def test_two_offline_spends_of_the_same_money_record_an_overdraft_then_resolve_it(
    cloud_server: CloudServer,
) -> None:
    a, b = _counters(cloud_server)
    customer = new_uuid()
    assert a.push(customer_event(customer), a.entry(customer, "earn", 5_000)).status_code == 200
    b.pull_all()
    # Both counters were offline and each spent R$ 40,00 of the R$ 50,00.
    sale_a, sale_b = new_uuid(), new_uuid()
    spend_a = a.entry(customer, "redeem", -4_000, sale=sale_a)
    spend_b = b.entry(customer, "redeem", -4_000, sale=sale_b)
    assert a.push(spend_a).status_code == 200
    assert _conflicts(a) == []
    assert b.push(spend_b).status_code == 200  # both sales are kept

    [conflict] = _conflicts(a, "open")
    assert conflict["kind"] == "overdraft"
    assert conflict["customer"] == customer
    assert conflict["amount"] == 3_000  # what the second spend took below zero
    assert conflict["entry"] == spend_b["uuid"]
    assert conflict["sale"] == sale_b
    assert conflict["terminal_uuid"] == b.terminal_uuid
    assert conflict["store_uuid"] == b.store_uuid
    assert conflict["status"] == "open"
    balance = a.client.get(f"/v1/customers/{customer}/balance").json()
    assert balance["total"] == -3_000

    recorded = [e for e in a.pull_all() if e["kind"] == "conflict.recorded"]
    assert [e["body"]["id"] for e in recorded] == [conflict["id"]]
    assert recorded[0]["body"]["amount"] == 3_000

    answer = a.client.post(
        f"/v1/conflicts/{conflict['id']}/resolve",
        json={"resolution": "absorbed", "note": "loja assume", "resolved_by": "Gerente Ana"},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "resolved" and answer.json()["resolution"] == "absorbed"
    assert _conflicts(a, "open") == []
    assert [c["id"] for c in _conflicts(b, "resolved")] == [conflict["id"]]
    again = a.client.post(
        f"/v1/conflicts/{conflict['id']}/resolve",
        json={"resolution": "customer_debit", "resolved_by": "Outro"},
    )
    assert again.status_code == 409 and again.json()["error"] == "conflict_resolved"
    missing = a.client.post(
        f"/v1/conflicts/{new_uuid()}/resolve", json={"resolution": "absorbed", "resolved_by": "X"}
    )
    assert missing.status_code == 404 and missing.json()["error"] == "unknown_conflict"
    resolved = [e for e in b.pull_all() if e["kind"] == "conflict.resolved"]
    assert resolved[0]["body"]["id"] == conflict["id"]
    assert resolved[0]["body"]["resolved_by"] == "Gerente Ana"

    # The counter gives the overdraft back (an adjust): no new conflict, balance zero.
    assert a.push(a.entry(customer, "adjust", 3_000)).status_code == 200
    assert a.client.get(f"/v1/customers/{customer}/balance").json()["total"] == 0
    assert len(_conflicts(a)) == 1


def test_a_voucher_redeemed_by_a_second_sale_records_voucher_reuse(
    cloud_server: CloudServer,
) -> None:
    a, b = _counters(cloud_server)
    customer = new_uuid()
    code = "VALE-DUPLO"
    issue = a.push(
        customer_event(customer),
        a.entry(customer, "earn", 2_000),
        voucher_event(code, customer, 2_000),
        a.entry(customer, "voucher_issue", -2_000),
    )
    assert issue.status_code == 200
    sale_a, sale_b = new_uuid(), new_uuid()
    redeem_a = a.entry(customer, "voucher_redeem", 0, sale=sale_a, voucher=code)
    assert a.push(redeem_a).status_code == 200
    assert _conflicts(a) == []
    redeem_b = b.entry(customer, "voucher_redeem", 0, sale=sale_b, voucher=code)
    assert b.push(redeem_b).status_code == 200

    [conflict] = _conflicts(b, "open")
    assert conflict["kind"] == "voucher_reuse"
    assert conflict["sale"] == sale_b and conflict["entry"] == redeem_b["uuid"]
    assert conflict["voucher"] == code
    assert conflict["amount"] == 2_000
    # The voucher stays with the first sale.
    used = b.client.post(f"/v1/vouchers/{code}/claim", json={"sale_uuid": new_uuid()})
    assert used.json()["store_name"] == "Loja A"
    answer = b.client.post(
        f"/v1/conflicts/{conflict['id']}/resolve",
        json={"resolution": "customer_debit", "resolved_by": "Gerente"},
    )
    assert answer.json()["resolution"] == "customer_debit"
    assert _conflicts(a, "open") == []


def test_a_resolve_retried_after_its_answer_was_lost_gets_the_same_answer_once(
    cloud_server: CloudServer,
) -> None:
    a, b = _counters(cloud_server)
    customer = new_uuid()
    assert a.push(customer_event(customer), a.entry(customer, "earn", 1_000)).status_code == 200
    assert a.push(a.entry(customer, "redeem", -800, sale=new_uuid())).status_code == 200
    assert b.push(b.entry(customer, "redeem", -800, sale=new_uuid())).status_code == 200
    [conflict] = _conflicts(a, "open")
    request = {"resolution": "absorbed", "resolved_by": "Gerente Ana", "request_id": new_uuid()}
    path = f"/v1/conflicts/{conflict['id']}/resolve"

    first = a.client.post(path, json=request)
    assert first.status_code == 200, first.text
    retried = a.client.post(path, json=request)  # the first answer never reached the counter
    assert retried.status_code == 200
    assert retried.json() == first.json()
    # the decision was taken once: one conflict.resolved for the chain
    resolved = [e for e in b.pull_all() if e["kind"] == "conflict.resolved"]
    assert [e["body"]["id"] for e in resolved] == [conflict["id"]]

    # another request (a new decision, or another counter with the same id) is refused
    other = a.client.post(path, json={**request, "request_id": new_uuid()})
    assert other.status_code == 409 and other.json()["error"] == "conflict_resolved"
    elsewhere = b.client.post(path, json=request)
    assert elsewhere.status_code == 409 and elsewhere.json()["resolution"] == "absorbed"
