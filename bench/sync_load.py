"""Many counters of one chain pushing at once through a scaled-out endpoint.

    .venv/bin/python -m bench.sync_load [--counters 20] [--events 10000] [--batch 0]
                                        [--workers 2] [--push-slots 2]

`--counters` counters of one chain (each its own terminal token, its own store) push
`--events` events between them, all at once from one thread each, to a real
`posapp-cloud serve --workers N` (uvicorn) over a private PostgreSQL on loopback
(tests/cloud_fixtures.py starts both). Each counter's events are what a counter
pushes: `customer.upsert` of the customers it serves (50 shared by the chain, so the
chain-wide balances and the chain's lock are contended), hash-chained `ledger.entry`
earns (80 %) and `sale.completed` events, in batches of `--batch` events, or with
`--batch 0` (the default) sized as the counter sizes them (`BatchSizer` of
posapp.services.sync.client: 50 first, halved after an answer slower than 1 s, doubled
after a full one under 0.25 s); the last batch of each counter is pushed a second time,
as after a lost answer.

First, on its own database, one counter pushes three batches of 1 000 hash-chained
`ledger.entry` events (the largest batch a counter sends; before the bulk writes of
cloud/ledger_batch.py and cloud/bulk.py such a push took 4-7 s); their times are printed.

The baseline is the same events pushed by ONE counter alone, batch after batch, on a
fresh endpoint database of the same server layout: the ratio is the concurrent run's
p95 push time over the lone counter's. After the run a watcher pulls the whole chain:
lost = events pushed but not pulled, duplicates = events pulled twice or entries
stored twice; both must be 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import psycopg

from cloud import secrets
from cloud.limits import PUSH_SLOTS
from posapp.services.sync.client import BatchSizer
from tests.cloud.helpers import Counter, customer_event, event, new_uuid
from tests.cloud_fixtures import CloudServer, PrivatePostgres

SHARED_CUSTOMERS = 50


def counter_events(counter: Counter, customers: list[str], count: int) -> list[dict[str, Any]]:
    """What one counter pushes: its customers' upserts, then entries and sales."""
    events = [customer_event(c) for c in customers]
    for n in range(count - len(events)):
        if n % 5 == 4:
            events.append(event("sale.completed", {"sale": new_uuid(), "total": 1_000 + n}))
        else:
            events.append(counter.entry(customers[n % len(customers)], "earn", 100 + n % 50))
    return events


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Run:
    """One endpoint database, its counters, their push times and the final count."""

    def __init__(self, server: CloudServer, counters: int, events: int, batch: int) -> None:
        self.server = server
        chain = server.create_chain("Rede Bench")
        self.counters = [
            Counter(server.url, server.add_terminal(chain, f"Caixa {n + 1}"))
            for n in range(counters)
        ]
        for counter in self.counters:
            counter.client.timeout = httpx.Timeout(60.0)
            assert counter.hello().status_code == 200
        self.watcher = Counter(server.url, server.add_terminal(chain, "Observador"))
        assert self.watcher.hello().status_code == 200
        customers = [new_uuid() for _ in range(SHARED_CUSTOMERS)]
        share = events // counters
        self.batch = batch
        self.events: dict[int, list[dict[str, Any]]] = {}
        self.pushed = 0
        for index, counter in enumerate(self.counters):
            mine = customers[index % 5 :: 5] or customers
            self.events[index] = counter_events(counter, mine, share)
            self.pushed += len(self.events[index])
        self.times: list[float] = []
        self.failures: list[str] = []
        self.lost = self.duplicated = 0
        self._lock = threading.Lock()

    def push_all(self, index: int) -> None:
        counter = self.counters[index]
        pending = self.events[index]
        sizer = BatchSizer()
        last: list[dict[str, Any]] = []
        while pending:
            size = self.batch or sizer.size
            last, pending = pending[:size], pending[size:]
            sizer.answered(len(last), self._push(counter, last))
        self._push(counter, last)  # the last one again: its answer was "lost"

    def _push(self, counter: Counter, batch: list[dict[str, Any]]) -> float:
        started = time.perf_counter()
        answer = counter.push(*batch)
        elapsed = time.perf_counter() - started
        with self._lock:
            self.times.append(elapsed)
            if answer.status_code != 200:
                self.failures.append(f"{answer.status_code} {answer.text[:200]}")
        return elapsed

    def run(self, together: bool) -> float:
        started = time.perf_counter()
        if together:
            threads = [
                threading.Thread(target=self.push_all, args=(n,)) for n in range(len(self.counters))
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        else:
            for index in range(len(self.counters)):
                self.push_all(index)
        return time.perf_counter() - started

    def lost_and_duplicated(self) -> tuple[int, int]:
        pulled = [e for e in self.watcher.pull_all() if e["kind"] != "store.joined"]
        uuids = [e["uuid"] for e in pulled]
        with psycopg.connect(self.server.dsn) as connection:
            row = connection.execute(
                "SELECT count(*) - count(DISTINCT (terminal_uuid, seq)) FROM ledger_entry"
            ).fetchone()
        stored_twice = int(row[0]) if row else 0
        return self.pushed - len(set(uuids)), len(uuids) - len(set(uuids)) + stored_twice


def big_pushes(server: CloudServer, count: int = 3) -> list[float]:
    """Seconds of `count` pushes of 1 000 ledger entries by one counter."""
    counter = Counter(server.url, server.add_terminal(server.create_chain("Rede"), "Caixa"))
    counter.client.timeout = httpx.Timeout(60.0)
    assert counter.hello().status_code == 200
    customers = [new_uuid() for _ in range(SHARED_CUSTOMERS)]
    assert counter.push(*[customer_event(c) for c in customers]).status_code == 200
    times = []
    for _ in range(count):
        batch = [counter.entry(customers[n % len(customers)], "earn", 100) for n in range(1000)]
        started = time.perf_counter()
        assert counter.push(*batch).json()["accepted"] == 1000
        times.append(time.perf_counter() - started)
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counters", type=int, default=20)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=0, help="events a push; 0: adaptive")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--push-slots", type=int, default=PUSH_SLOTS, help="serve --push-slots (a process)"
    )
    args = parser.parse_args(argv)

    os.environ.setdefault(secrets.KEY_ENV, secrets.new_key())
    postgres = PrivatePostgres()
    postgres.start()
    postgres.prepare_template()
    results: dict[str, tuple[Run, float]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-sync-load-") as folder:

            def measured(name: str, counters: int, together: bool) -> None:
                server = CloudServer(postgres.fresh_database(), Path(folder))
                server.args = ["--workers", str(args.workers), "--push-slots", str(args.push_slots)]
                server.start()
                try:
                    run = Run(server, counters, args.events, args.batch)
                    wall = run.run(together)
                    run.lost, run.duplicated = run.lost_and_duplicated()
                    results[name] = (run, wall)
                finally:
                    server.close()
                print(f"  {name} done", flush=True)

            server = CloudServer(postgres.fresh_database(), Path(folder))
            server.args = ["--workers", str(args.workers), "--push-slots", str(args.push_slots)]
            server.start()
            try:
                single = big_pushes(server)
            finally:
                server.close()
            measured("alone", 1, False)
            measured("together", args.counters, True)
    finally:
        postgres.stop()

    print("1 000 ledger entries in one push, seconds: " + ", ".join(f"{t:.2f}" for t in single))
    sizing = f"batches of {args.batch}" if args.batch else "batches sized by the counter"
    print(
        f"{args.events} events, {sizing}, {args.workers} worker processes "
        f"({args.push_slots} pushes at once each); "
        "every counter's last batch pushed twice"
    )
    print(f"  {'run':28} {'pushes':>6} {'p50 s':>7} {'p95 s':>7} {'max s':>7} "
          f"{'wall s':>7} {'lost':>5} {'dup':>4} {'fail':>5}")  # fmt: skip
    for name, label in (("alone", "1 counter alone (baseline)"),
                        ("together", f"{args.counters} counters at once")):  # fmt: skip
        run, wall = results[name]
        times = run.times
        print(
            f"  {label:28} {len(times):6} {statistics.median(times):7.3f} "
            f"{percentile(times, 0.95):7.3f} {max(times):7.3f} {wall:7.2f} "
            f"{run.lost:5} {run.duplicated:4} {len(run.failures):5}"
        )
        for failure in run.failures[:3]:
            print(f"    {failure}")
    alone, together = results["alone"][0], results["together"][0]
    ratio = percentile(together.times, 0.95) / percentile(alone.times, 0.95)
    print(f"  ratio p95 together / alone: {ratio:.2f}")


if __name__ == "__main__":
    main()
