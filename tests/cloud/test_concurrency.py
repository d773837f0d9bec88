"""Concurrent pushes of one chain are serialized: seqs dense and in commit order."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.cloud.helpers import Counter, customer_event, new_uuid
from tests.cloud_fixtures import CloudServer

BATCHES = 8


def test_concurrent_pushes_get_dense_seqs_and_a_consistent_balance(
    cloud_server: CloudServer,
) -> None:
    chain = cloud_server.create_chain("Rede")
    counters = [
        Counter(cloud_server.url, cloud_server.add_terminal(chain, f"C{n}")) for n in range(3)
    ]
    store = counters[0].store_uuid
    for counter in counters:
        counter.store_uuid = store  # one store: no store.joined between the events
        assert counter.hello().status_code == 200
    watcher = Counter(cloud_server.url, cloud_server.add_terminal(chain, "W"), store_uuid=store)
    assert watcher.hello().status_code == 200
    customer = new_uuid()
    assert counters[0].push(customer_event(customer)).status_code == 200

    def work(counter: Counter) -> list[int]:
        codes = []
        for _ in range(BATCHES):
            batch = [counter.entry(customer, "earn", 100) for _ in range(5)]
            codes.append(counter.push(*batch).status_code)
        return codes

    with ThreadPoolExecutor(len(counters)) as pool:
        results = list(pool.map(work, counters))
    assert all(code == 200 for codes in results for code in codes)

    pulled = watcher.pull_all()
    seqs = [e["seq"] for e in pulled]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))  # dense, in order
    assert len(pulled) == 1 + len(counters) * BATCHES * 5
    for counter in counters:  # each terminal's entries arrive in its own seq order
        mine = [
            e["body"]["seq"]
            for e in pulled
            if e["kind"] == "ledger.entry" and e["terminal_uuid"] == counter.terminal_uuid
        ]
        assert mine == list(range(1, BATCHES * 5 + 1))
    total = watcher.client.get(f"/v1/customers/{customer}/balance").json()["total"]
    assert total == len(counters) * BATCHES * 5 * 100
