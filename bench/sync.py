"""Pushing a counter's outbox to the endpoint: posapp's push vs a raw httpx client.

    .venv/bin/python -m bench.sync [--events 100000] [--rounds 2]

A counter database holds `--events` pending outbox events (`sale.completed`, the
payload checkout writes), made with bulk SQL into the migrated schema after a
real store set-up. posapp's side is `sync.push.push(station, client)` called
until nothing is pending: it reads the outbox in one snapshot, builds the
batches (1 000 events), posts them through `posapp.services.sync.client.SyncClient`, and
marks each batch sent in a local write transaction once the endpoint accepted it.

The baseline is a bare `httpx.Client` posting the same events (same kinds and
bodies, fresh uuids) in the same batches, prepared before the clock starts, and
doing nothing else. Both run against a real `posapp-cloud serve` (uvicorn) over
a private PostgreSQL on loopback (tests/cloud_fixtures.py starts both), each run
on a fresh endpoint database, in alternating order; the medians are compared.
The ratio is posapp's time over the baseline's; the rate is events per second.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from posapp.core.presets import preset
from posapp.services.admin.store_setup import set_up_store
from posapp.services.common.station import Station, open_station
from posapp.services.sync.client import MAX_BATCH, SyncClient
from posapp.services.sync.config import SyncConfig, save_sync_config
from posapp.services.sync.cycle import say_hello
from posapp.services.sync.push import push
from tests.cloud_fixtures import CloudServer, PrivatePostgres

PIN = "1357"


def counter_with_outbox(path: Path, events: int) -> Station:
    """A set-up pharmacy counter whose outbox holds `events` unsent sale.completed events."""
    station = open_station(path)
    set_up_store(
        station, name="Drogaria Bench", program=preset("pharmacy"), admin_name="Ana", admin_pin=PIN
    )
    with station.read() as session:
        snapshot = station.snapshot(session)
        store_uuid, terminal_uuid = snapshot.store.uuid, snapshot.terminal.uuid
    start = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    rows = [
        {
            "uuid": str(uuid.uuid4()),
            "kind": "sale.completed",
            "payload": json.dumps(
                {
                    "sale": str(uuid.uuid4()),
                    "store": store_uuid,
                    "terminal": terminal_uuid,
                    "number": number,
                    "total": 1_000 + number % 9_000,
                    "customer": None,
                    "earned": 0,
                },
                sort_keys=True,
            ),
            "created_at": (start + timedelta(seconds=number)).isoformat(),
        }
        for number in range(1, events + 1)
    ]
    raw = station.engine.raw_connection()
    try:
        raw.executemany(
            "INSERT INTO outbox_event (uuid, kind, payload, created_at) "
            "VALUES (:uuid, :kind, :payload, :created_at)",
            rows,
        )
        raw.commit()
    finally:
        raw.close()
    return station


def same_batches(station: Station) -> list[dict[str, Any]]:
    """The baseline's request bodies: the outbox's events with fresh uuids, 1 000 a batch."""
    raw = station.engine.raw_connection()
    try:
        rows = raw.execute(
            "SELECT kind, payload, created_at FROM outbox_event WHERE sent_at IS NULL ORDER BY id"
        ).fetchall()
    finally:
        raw.close()
    events = [
        {
            "uuid": str(uuid.uuid4()),
            "kind": kind,
            "created_at": datetime.fromisoformat(created).astimezone(UTC).isoformat(),
            "body": json.loads(payload),
        }
        for kind, payload, created in rows
    ]
    return [{"events": events[i : i + MAX_BATCH]} for i in range(0, len(events), MAX_BATCH)]


def posapp_push(station: Station, url: str, token: str) -> float:
    with SyncClient(url, token) as client:
        say_hello(station, client)
        started = time.perf_counter()
        while push(station, client).events:
            pass
        return time.perf_counter() - started


def raw_push(batches: list[dict[str, Any]], url: str, token: str, hello: dict[str, Any]) -> float:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
        client.post("/v1/hello", json=hello).raise_for_status()
        started = time.perf_counter()
        for batch in batches:
            client.post("/v1/events", json=batch).raise_for_status()
        return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)

    from posapp.services.sync.cycle import hello_payload

    postgres = PrivatePostgres()
    postgres.start()
    postgres.prepare_template()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-sync-") as folder:
            work = Path(folder)
            times: dict[str, list[float]] = {"posapp": [], "raw httpx": []}

            def fresh_endpoint() -> tuple[CloudServer, str]:
                server = CloudServer(postgres.fresh_database(), work)
                server.start()
                chain = server.create_chain("Rede Bench")
                return server, server.add_terminal(chain, "Caixa 1")

            def run_posapp(round_: int) -> None:
                server, token = fresh_endpoint()
                try:
                    station = counter_with_outbox(work / f"posapp-{round_}.sqlite", args.events)
                    save_sync_config(
                        station, SyncConfig(server.url, token, True), staff_id=None, manager_pin=PIN
                    )
                    times["posapp"].append(posapp_push(station, server.url, token))
                    station.close()
                finally:
                    server.close()

            def run_raw(round_: int) -> None:
                server, token = fresh_endpoint()
                try:
                    station = counter_with_outbox(work / f"raw-{round_}.sqlite", args.events)
                    batches, hello = same_batches(station), hello_payload(station)
                    station.close()
                    times["raw httpx"].append(raw_push(batches, server.url, token, hello))
                finally:
                    server.close()

            order: list[Callable[[int], None]] = [run_raw, run_posapp]
            for round_ in range(args.rounds):
                for run in order if round_ % 2 == 0 else order[::-1]:
                    run(round_)
                    print(f"  round {round_ + 1}: {run.__name__} done", flush=True)
    finally:
        postgres.stop()

    ours, base = statistics.median(times["posapp"]), statistics.median(times["raw httpx"])
    print(f"{args.events} outbox events in batches of {MAX_BATCH}, median of {args.rounds} runs")
    print(f"  {'side':10} {'seconds':>9} {'events/s':>10}")
    for name, value in (("raw httpx", base), ("posapp", ours)):
        print(f"  {name:10} {value:9.2f} {args.events / value:10.0f}")
    print(f"  ratio posapp / raw httpx: {ours / base:.2f}")


if __name__ == "__main__":
    main()
