"""The endpoint scaled out: two server processes (one of them with two uvicorn workers) on
one PostgreSQL database keep exactly-once under racing pushes; HTTPS with --certfile."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from fiscal.testing.certs import make_server_cert
from tests.cloud.helpers import Counter, customer_event, event, new_uuid
from tests.cloud_fixtures import CloudServer

RACERS = 6


@pytest.mark.slow
def test_racing_pushes_of_one_batch_through_two_server_processes_apply_it_once(
    postgres: Callable[[], str], tmp_path: Path
) -> None:
    dsn = postgres()
    first, second = CloudServer(dsn, tmp_path), CloudServer(dsn, tmp_path)
    first.args = ["--workers", "2"]
    try:
        first.start()
        second.start()
        chain = first.create_chain("Rede")
        counter = Counter(first.url, first.add_terminal(chain, "Caixa"))
        assert counter.hello().status_code == 200
        watcher = Counter(second.url, second.add_terminal(chain, "Outro"))
        assert watcher.hello().status_code == 200
        customers = [new_uuid() for _ in range(20)]
        batch = [customer_event(c) for c in customers]
        batch += [counter.entry(customers[n % 20], "earn", 100) for n in range(300)]
        batch += [event("sale.completed", {"sale": new_uuid(), "total": 990}) for _ in range(80)]
        body = {"events": batch}
        headers = {"Authorization": f"Bearer {counter.token}"}
        answers: list[dict[str, Any]] = []
        start = threading.Barrier(RACERS)

        def race(url: str) -> None:
            with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
                start.wait()
                answer = client.post("/v1/events", json=body)
                assert answer.status_code == 200, answer.text
                answers.append(answer.json())

        threads = [
            threading.Thread(target=race, args=((first if n % 2 else second).url,))
            for n in range(RACERS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert len(answers) == RACERS
        assert sum(a["accepted"] for a in answers) == len(batch)  # applied once in all
        assert sorted(a["accepted"] for a in answers) == [0] * (RACERS - 1) + [len(batch)]
        assert all(a["duplicates"] == len(batch) for a in answers if a["accepted"] == 0)
        pulled = watcher.pull_all()
        assert len(pulled) == len(set(e["uuid"] for e in pulled)) == len(batch)
        seqs = [e["seq"] for e in pulled]
        assert seqs == sorted(seqs)
        with psycopg.connect(dsn) as connection:
            stored = connection.execute("SELECT count(*) FROM ledger_entry").fetchone()
            totals = connection.execute("SELECT sum(total) FROM customer_balance").fetchone()
        assert stored == (300,) and totals == (300 * 100,)
        assert first.process is not None
        assert len(_children(first.process.pid)) >= 2  # --workers 2: two worker processes
    finally:
        first.close()
        second.close()


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as found:
        return [int(p) for p in found.read().split()]


def test_serve_speaks_https_with_certfile_and_keyfile(
    postgres: Callable[[], str], tmp_path: Path
) -> None:
    made = make_server_cert(tmp_path)
    cert, key = made.cert_file, made.key_file
    server = CloudServer(postgres(), tmp_path)
    server.args = ["--certfile", str(cert), "--keyfile", str(key)]
    server.url = server.url.replace("http://", "https://")
    server.verify = ssl.create_default_context(cafile=str(cert))
    try:
        server.start()
        trusted = httpx.get(f"{server.url}/v1/health", verify=server.verify)
        assert trusted.json() == {"status": "ok"}
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            httpx.get(f"{server.url}/v1/health")  # the system's CAs do not know it
        with pytest.raises(httpx.TransportError):
            httpx.get(server.url.replace("https://", "http://") + "/v1/health")  # no plain HTTP
    finally:
        server.close()
