"""hello, push and pull against a real `posapp-cloud serve` on a real PostgreSQL."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.cloud.helpers import Counter, customer_event, event, new_uuid, program_json
from tests.cloud_fixtures import CloudServer


def _counter(server: CloudServer, chain: Any, **kwargs: Any) -> Counter:
    counter = Counter(server.url, server.add_terminal(chain, "Caixa"), **kwargs)
    assert counter.hello().status_code == 200
    return counter


def test_health_answers_without_auth(cloud_server: CloudServer) -> None:
    assert httpx.get(f"{cloud_server.url}/v1/health").json() == {"status": "ok"}


def test_hello_binds_the_token_first_terminal_runs_expiry_and_the_chain_adopts_its_program(
    cloud_server: CloudServer,
) -> None:
    chain = cloud_server.create_chain("Rede Bela")
    first = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa 1"))
    answer = first.hello(program_json("salon"))
    assert answer.status_code == 200, answer.text
    greeting = answer.json()
    assert greeting["chain_id"] == chain.chain_id
    assert greeting["chain_name"] == "Rede Bela"
    assert greeting["runs_expiry"] is True
    assert greeting["program"] is None  # the first store's program becomes the chain's
    assert [s["store_uuid"] for s in greeting["stores"]] == [first.store_uuid]

    second = Counter(
        cloud_server.url, cloud_server.add_terminal(chain, "Caixa 2"), store_name="Loja Sul"
    )
    later = second.hello(program_json("pharmacy")).json()
    assert later["runs_expiry"] is False
    assert later["program"] == program_json("salon")
    assert {s["name"] for s in later["stores"]} == {"Loja Centro", "Loja Sul"}
    assert first.hello().json()["runs_expiry"] is True  # saying hello again changes nothing

    # The first store learns the second's signing key from a store.joined event.
    joined = [e for e in first.pull_all(joins=True) if e["kind"] == "store.joined"]
    assert [e["body"]["store_uuid"] for e in joined] == [second.store_uuid]
    assert joined[0]["body"]["signing_key"]

    # A token is bound to the terminal that first said hello with it.
    thief = Counter(cloud_server.url, first.token)
    refused = thief.hello()
    assert refused.status_code == 409
    assert refused.json()["error"] == "token_bound"
    assert refused.json()["message"] and refused.json()["message_en"]


def test_push_before_hello_and_without_token_are_refused(cloud_server: CloudServer) -> None:
    chain = cloud_server.create_chain("Rede")
    counter = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa"))
    early = counter.push(customer_event(new_uuid()))
    assert early.status_code == 409 and early.json()["error"] == "hello_required"
    anonymous = httpx.get(f"{cloud_server.url}/v1/events")
    assert anonymous.status_code == 401 and anonymous.json()["error"] == "unauthorized"
    wrong = httpx.get(f"{cloud_server.url}/v1/events", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401


def test_push_is_idempotent_on_event_uuid(cloud_server: CloudServer) -> None:
    chain = cloud_server.create_chain("Rede")
    a = _counter(cloud_server, chain)
    b = _counter(cloud_server, chain)
    customer = new_uuid()
    batch = [customer_event(customer), a.entry(customer, "earn", 1_000)]

    first = a.push(*batch).json()
    assert first["accepted"] == 2 and first["duplicates"] == 0
    again = a.push(*batch).json()
    assert again == {"accepted": 0, "duplicates": 2, "last_seq": first["last_seq"]}

    inner = event("sale.completed", {"sale": new_uuid()})
    doubled = a.push(inner, inner).json()
    assert doubled["accepted"] == 1 and doubled["duplicates"] == 1

    nxt = a.entry(customer, "earn", 500)
    overlap = a.push(batch[1], nxt).json()
    assert overlap["accepted"] == 1 and overlap["duplicates"] == 1

    pulled = b.pull_all()
    assert [e["kind"] for e in pulled] == [
        "customer.upsert", "ledger.entry", "sale.completed", "ledger.entry",
    ]  # fmt: skip
    assert b.client.get(f"/v1/customers/{customer}/balance").json()["total"] == 1_500


def test_pull_pages_in_seq_order_without_the_callers_own_events(cloud_server: CloudServer) -> None:
    chain = cloud_server.create_chain("Rede")
    a = _counter(cloud_server, chain)
    b = _counter(cloud_server, chain, store_uuid=a.store_uuid)  # one store: no store.joined
    sent = [event("sale.completed", {"n": n}) for n in range(25)]
    assert a.push(*sent[:10]).status_code == 200
    assert b.push(event("sale.completed", {"n": "b"})).status_code == 200
    assert a.push(*sent[10:]).status_code == 200

    seen: list[dict[str, Any]] = []
    after = 0
    pages = 0
    while True:
        page = b.pull(after, limit=7).json()
        pages += 1
        assert len(page["events"]) <= 7
        seen += [e for e in page["events"] if e["kind"] != "store.joined"]  # a's, from its hello
        after = page["last_seq"]
        if not page["more"]:
            break
    assert pages == 4
    assert [e["uuid"] for e in seen] == [e["uuid"] for e in sent]  # b's own event left out
    seqs = [e["seq"] for e in seen]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert all(e["terminal_uuid"] == a.terminal_uuid for e in seen)
    assert all(e["store_uuid"] == a.store_uuid for e in seen)
    assert b.pull(after).json() == {
        "events": [],
        "last_seq": after,
        "more": False,
        "runs_expiry": False,  # a said hello first
    }
    # a sees b's event only (its own are left out).
    assert [e["body"] for e in a.pull_all() if e["kind"] == "sale.completed"] == [{"n": "b"}]


def test_a_forged_ledger_hash_is_refused_and_nothing_of_the_batch_applied(
    cloud_server: CloudServer,
) -> None:
    chain = cloud_server.create_chain("Rede")
    a = _counter(cloud_server, chain)
    b = _counter(cloud_server, chain)
    customer = new_uuid()
    honest = a.entry(customer, "earn", 1_000)
    forged = a.entry(customer, "earn", 2_000)
    forged["body"]["amount"] = 200_000  # the amount changed after hashing
    refused = a.push(customer_event(customer), honest, forged)
    assert refused.status_code == 422
    assert refused.json()["error"] == "invalid_hash"
    assert refused.json()["index"] == 2
    assert b.pull_all() == []
    assert b.client.get(f"/v1/customers/{customer}/balance").status_code == 404

    # An entry that does not follow the terminal's previous one is refused too.
    a.seq, a.head = 0, "0" * 64
    first = a.entry(customer, "earn", 1_000)
    assert a.push(customer_event(customer), first).status_code == 200
    a.head = "f" * 64
    broken = a.push(a.entry(customer, "earn", 1))
    assert broken.status_code == 422 and broken.json()["error"] == "broken_chain"
    # And a counter cannot push another terminal's entries.
    b_entry = b.entry(customer, "earn", 5)
    stolen = a.push(b_entry)
    assert stolen.status_code == 422 and stolen.json()["error"] == "invalid_event"


def test_malformed_event_refuses_the_whole_batch(cloud_server: CloudServer) -> None:
    chain = cloud_server.create_chain("Rede")
    a = _counter(cloud_server, chain)
    b = _counter(cloud_server, chain)
    customer = new_uuid()
    bad = a.entry(customer, "earn", 10)
    del bad["body"]["note"]
    answer = a.push(customer_event(customer), bad)
    assert answer.status_code == 422 and answer.json()["error"] == "invalid_event"
    server_kind = a.push(event("conflict.recorded", {"id": new_uuid()}))
    assert server_kind.status_code == 422
    no_tz = event("sale.completed", {})
    no_tz["created_at"] = "2025-01-01T10:00:00"
    assert a.push(no_tz).status_code == 422
    assert a.push(*[event("x.y", {}) for _ in range(1001)]).status_code == 422
    assert b.pull_all() == []


def test_the_endpoint_goes_away_and_comes_back_with_its_data(cloud_server: CloudServer) -> None:
    chain = cloud_server.create_chain("Rede")
    a = _counter(cloud_server, chain)
    b = _counter(cloud_server, chain, store_uuid=a.store_uuid)
    customer = new_uuid()
    assert a.push(customer_event(customer), a.entry(customer, "earn", 900)).status_code == 200
    url = cloud_server.url
    cloud_server.stop()
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/v1/health", timeout=2)
    cloud_server.start()
    assert cloud_server.url == url
    assert [e["kind"] for e in b.pull_all()] == ["customer.upsert", "ledger.entry"]
    assert a.push(a.entry(customer, "earn", 100)).json()["accepted"] == 1
    assert b.client.get(f"/v1/customers/{customer}/balance").json()["total"] == 1_000
