"""Hostile input from one terminal never stops the chain: ranges checked before storing,
refused events quarantined, bodies limited before parsing and auth, calls rate limited."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import psycopg
import pytest

from tests.cloud.helpers import Counter, customer_event, event, new_uuid
from tests.cloud_fixtures import CloudServer

YEAR_10000 = "9999-12-31T23:59:59-23:59"


def _counter(server: CloudServer, chain: Any, name: str = "Caixa") -> Counter:
    counter = Counter(server.url, server.add_terminal(chain, name))
    assert counter.hello().status_code == 200
    return counter


def _quarantine(server: CloudServer, admin_key: str) -> list[dict[str, Any]]:
    answer = httpx.get(
        f"{server.url}/v1/admin/quarantine", headers={"Authorization": f"Bearer {admin_key}"}
    )
    assert answer.status_code == 200, answer.text
    events: list[dict[str, Any]] = answer.json()["events"]
    return events


def test_an_event_of_year_10000_is_quarantined_and_no_other_counters_pull_breaks(
    cloud_server: CloudServer,
) -> None:
    chain = cloud_server.create_chain("Rede")
    bad_counter, other = _counter(cloud_server, chain, "A"), _counter(cloud_server, chain, "B")
    good = customer_event(new_uuid())
    bad = customer_event(new_uuid())
    bad["created_at"] = YEAR_10000

    refused = bad_counter.push(good, bad)
    assert refused.status_code == 422, refused.text
    answer = refused.json()
    assert answer["error"] == "invalid_event"
    assert (answer["index"], answer["uuid"]) == (1, bad["uuid"])
    assert "created_at fora do intervalo" in answer["message"]
    assert "created_at out of the accepted range" in answer["message_en"]

    pulled = other.pull()
    assert pulled.status_code == 200, pulled.text
    assert all(e["uuid"] != bad["uuid"] for e in pulled.json()["events"])
    # the counter sets the refused event aside and pushes the rest: accepted
    assert bad_counter.push(good).json()["accepted"] == 1
    assert [e["uuid"] for e in other.pull_all()] == [good["uuid"]]

    assert bad_counter.push(bad).status_code == 422  # a retry is refused again, kept once
    [kept] = _quarantine(cloud_server, chain.admin_key)
    assert (kept["event_uuid"], kept["kind"], kept["error"]) == (
        bad["uuid"],
        "customer.upsert",
        "invalid_event",
    )
    assert "created_at" in kept["reason"] and YEAR_10000 in kept["excerpt"]


def test_an_event_of_year_10000_stored_before_the_checks_no_longer_breaks_pulls(
    cloud_server: CloudServer,
) -> None:
    chain = cloud_server.create_chain("Rede")
    writer, reader = _counter(cloud_server, chain, "A"), _counter(cloud_server, chain, "B")
    stored = customer_event(new_uuid())
    assert writer.push(stored).status_code == 200
    with psycopg.connect(cloud_server.dsn) as connection:  # as the old endpoint kept it
        connection.execute(
            "UPDATE event SET created_at = '10000-01-01 23:58:59+00' WHERE uuid = %s",
            (stored["uuid"],),
        )
    answer = reader.pull()
    assert answer.status_code == 200, answer.text
    [shown] = [e for e in answer.json()["events"] if e["uuid"] == stored["uuid"]]
    assert datetime.fromisoformat(shown["created_at"]).year == datetime.now(UTC).year


def _entry_with(counter: Counter, **changes: Any) -> dict[str, Any]:
    """A ledger entry with some record fields changed before it is hashed."""
    from posapp.core.ledger import chain_hash

    made = counter.entry(new_uuid(), "earn", 100)
    counter.seq -= 1  # made again below with the changes, under the same seq
    record = {k: v for k, v in made["body"].items() if k not in {"prev_hash", "hash"}}
    record.update(changes)
    prev = made["body"]["prev_hash"]
    digest = chain_hash(prev, record)
    counter.seq += 1
    counter.head = digest
    return event(
        "ledger.entry", {**record, "prev_hash": prev, "hash": digest}, event_uuid=record["uuid"]
    )


def _nested(depth: int) -> dict[str, Any]:
    body: dict[str, Any] = {"end": 1}
    for _ in range(depth):
        body = {"inner": body}
    return body


FAR = (datetime.now(UTC) + timedelta(days=366 * 200)).isoformat()
BAD_EVENTS: dict[str, tuple[str, dict[str, Any], str]] = {
    "200 000-character text": ("sale.completed", {"note": "x" * 200_000}, "text longer than"),
    "100 KB body": ("sale.completed", {f"k{n}": "y" * 19_000 for n in range(6)}, "too large"),
    "NUL character": ("sale.completed", {"note": "a\x00b"}, "NUL"),
    "nested 20 deep": ("sale.completed", _nested(20), "nested deeper"),
    "integer past bigint": ("sale.completed", {"total": 2**70}, "number out of range"),
    "birthday in 3000": (
        "customer.upsert",
        {**customer_event(new_uuid())["body"], "birthday": "3000-01-01"},
        "birthday",
    ),
    "voucher expiring in 200 years": (
        "voucher.issued",
        {"code": "V1", "customer": new_uuid(), "value": 100, "expires_at": FAR},
        "expires_at out of the accepted range",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_EVENTS))
def test_every_event_field_is_checked_against_its_range_before_it_is_stored(
    cloud_server: CloudServer, name: str
) -> None:
    chain = cloud_server.create_chain("Rede")
    counter, other = _counter(cloud_server, chain, "A"), _counter(cloud_server, chain, "B")
    kind, body, why = BAD_EVENTS[name]
    bad = event(kind, body)
    answer = counter.push(customer_event(new_uuid()), bad)
    assert answer.status_code == 422, answer.text
    assert answer.json()["index"] == 1 and why in answer.json()["message_en"]
    assert other.pull_all() == []
    assert [q["event_uuid"] for q in _quarantine(cloud_server, chain.admin_key)] == [bad["uuid"]]


def test_event_times_are_held_to_a_window_of_the_server_clock(cloud_server: CloudServer) -> None:
    chain = cloud_server.create_chain("Rede")
    counter = _counter(cloud_server, chain)
    now = datetime.now(UTC)
    tomorrow = event("sale.completed", {"n": 1})
    tomorrow["created_at"] = (now + timedelta(days=1)).isoformat()  # a clock a day ahead
    assert counter.push(tomorrow).status_code == 200
    for moment in ((now + timedelta(days=3)).isoformat(), "1970-01-01T00:00:00+00:00"):
        late = event("sale.completed", {"n": 2})
        late["created_at"] = moment
        assert counter.push(late).status_code == 422
    # inside a ledger entry too (the record is hashed with it, so it is refused, not fixed)
    entry = _entry_with(counter, expires_at="2300-01-01T00:00:00+00:00")
    answer = counter.push(entry)
    assert answer.status_code == 422 and answer.json()["error"] == "invalid_event"
    assert "expires_at" in answer.json()["message"]


def _raw_post(url: str, head: bytes, body: bytes = b"") -> tuple[int, float]:
    """Send raw bytes; the status line's code and the seconds it took."""
    host, port = url.removeprefix("http://").split(":")
    started = time.perf_counter()
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head + body)
        status = sock.recv(200).split(b"\r\n", 1)[0]
    return int(status.split()[1]), time.perf_counter() - started


def _rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as found:
        return [int(p) for p in found.read().split()]


def test_a_500_mb_post_is_refused_413_before_its_body_is_read_or_its_token_checked(
    cloud_server: CloudServer,
) -> None:
    assert cloud_server.process is not None
    server_pid = cloud_server.process.pid
    before = sum(_rss_kib(p) for p in [server_pid, *_children(server_pid)])
    head = (
        b"POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: 524288000\r\n\r\n"
    )
    status, seconds = _raw_post(cloud_server.url, head, b'{"events": [' + b" " * 65_536)
    assert status == 413  # not 401: no auth work, no body read
    assert seconds < 2
    after = sum(_rss_kib(p) for p in [server_pid, *_children(server_pid)])
    assert after - before < 50_000  # KiB: nothing like 500 MB was taken in


def test_a_streamed_body_without_length_is_cut_at_the_limit(cloud_server: CloudServer) -> None:
    chain = cloud_server.create_chain("Rede")
    counter = _counter(cloud_server, chain)

    def stream() -> Iterator[bytes]:
        yield b'{"events": ['
        for _ in range(10 * 1024):  # 10 MiB of blanks, chunked: no Content-Length
            yield b" " * 1024
        yield b"]}"

    answer = counter.client.post("/v1/events", content=stream())
    assert answer.status_code == 413
    assert answer.json()["error"] == "too_large" and answer.json()["message"]
    # a whole 1 000-event batch is well within the push limit
    batch = [event("sale.completed", {"sale": new_uuid(), "total": 990}) for _ in range(1000)]
    assert counter.push(*batch).json()["accepted"] == 1000


def test_a_token_past_its_rate_is_told_429_with_retry_after(cloud_server: CloudServer) -> None:
    cloud_server.stop()
    cloud_server.args = ["--rate-limit", "1", "--rate-burst", "3"]
    cloud_server.start()
    chain = cloud_server.create_chain("Rede")
    busy = _counter(cloud_server, chain, "A")  # hello: 1 call of 3
    calm = _counter(cloud_server, chain, "B")
    assert [busy.pull().status_code for _ in range(2)] == [200, 200]
    limited = busy.pull()
    assert limited.status_code == 429
    assert limited.json()["error"] == "rate_limited" and limited.json()["message"]
    wait = int(limited.headers["Retry-After"])
    assert 1 <= wait <= 2
    assert calm.pull().status_code == 200  # each token has its own bucket
    time.sleep(wait)
    assert busy.pull().status_code == 200


def test_refused_pushes_count_against_the_rate_so_a_hostile_token_cannot_fill_the_quarantine(
    cloud_server: CloudServer,
) -> None:
    cloud_server.stop()
    cloud_server.args = ["--rate-limit", "0.1", "--rate-burst", "4"]
    cloud_server.start()
    chain = cloud_server.create_chain("Rede")
    hostile = _counter(cloud_server, chain)  # hello: 1 call of 4

    def bad() -> dict[str, Any]:
        refused = customer_event(new_uuid())
        refused["created_at"] = YEAR_10000
        return refused

    assert [hostile.push(bad()).status_code for _ in range(5)] == [422, 422, 422, 429, 429]
    assert len(_quarantine(cloud_server, chain.admin_key)) == 3
