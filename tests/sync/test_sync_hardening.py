"""The counter for a real chain: a resolve whose answer is lost writes its adjustment once,
batches follow the endpoint's answer time with a read timeout that grows with them, HTTPS
is verified (a pinned CA for a self-hosted store), and a cloned or revoked counter is told
so in words."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import ssl
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from db.models import LedgerEntry
from fiscal.testing.certs import make_server_cert
from posapp.core.errors import ConflictNotOpen, SyncCaFileInvalid, SyncServerUnavailable
from posapp.services.common.station import Station, open_station
from posapp.services.sync.client import MIN_BATCH, BatchSizer, SyncClient, push_timeout
from posapp.services.sync.config import SyncConfig, load_sync_config, save_sync_config
from posapp.services.sync.conflicts import open_conflicts, resolve_conflict
from posapp.services.sync.cycle import client_for, run_cycle
from posapp.services.sync.push import push
from tests.cloud_fixtures import CloudServer
from tests.support import MANAGER_PIN, MovableClock
from tests.sync.conftest import Counter, Network, converge
from tests.sync.fault_proxy import FaultProxy


def _overdraft(network: Network) -> tuple[Counter, Counter, str]:
    """Two counters that spent the same R$ 12,50 offline: an open overdraft of R$ 9,00."""
    a, b = network.make("Centro", program="salon"), network.make("Shopping", program="salon")
    joana = a.shop.enrol("Joana Reis", cpf="390.533.447-05")
    a.sell("corte", customer=joana, cash=8_000)
    a.sell("corte", customer=joana, cash=8_000)
    converge(a, b)
    joana_uuid = a.customer_uuid(joana)
    joana_at_b = b.customer_id(joana_uuid)
    network.server.stop()
    a.sell("dipirona", customer=joana, cashback=1_250)
    b.sell("dipirona", customer=joana_at_b, cashback=1_250)
    network.server.start()
    converge(a, b)
    assert a.balances()[joana_uuid] == -900
    return a, b, joana_uuid


def _adjustments(counter: Counter) -> int:
    with counter.station.read() as session:
        return len(list(session.scalars(select(LedgerEntry).where(LedgerEntry.kind == "adjust"))))


def test_a_resolve_whose_answer_is_lost_writes_the_adjustment_exactly_once(
    network: Network,
) -> None:
    a, b, joana_uuid = _overdraft(network)
    [conflict] = open_conflicts(a.station)
    proxy = FaultProxy(network.server.port, seed=7, faults={"drop_after": 1.0}).start()
    try:
        lossy = a.client(url=proxy.url)
        with pytest.raises(SyncServerUnavailable):  # the endpoint committed; the answer is lost
            resolve_conflict(
                a.station, conflict.id, "absorbed", "a loja assume", staff_id=a.shop.manager_id,
                manager_pin=MANAGER_PIN, client=lossy,
            )  # fmt: skip
        assert proxy.counts["drop_after"] == 1
    finally:
        proxy.stop()
    assert a.default_client.conflicts("open") == []  # resolved upstream...
    assert a.sync().ok  # ...and its conflict.resolved pulled: still open here, no adjustment
    assert [row.id for row in open_conflicts(a.station)] == [conflict.id]
    assert _adjustments(a) == 0

    # The manager tries again (even choosing otherwise): the endpoint's decision comes back.
    retried = resolve_conflict(
        a.station, conflict.id, "customer_debit", "de novo", staff_id=a.shop.manager_id,
        manager_pin=MANAGER_PIN, client=a.default_client,
    )  # fmt: skip
    assert (retried.status, retried.resolution) == ("resolved", "absorbed")
    assert _adjustments(a) == 1
    with pytest.raises(ConflictNotOpen):
        resolve_conflict(
            a.station, conflict.id, "absorbed", "mais uma", staff_id=a.shop.manager_id,
            manager_pin=MANAGER_PIN, client=a.default_client,
        )  # fmt: skip
    converge(a, b)
    assert _adjustments(a) == 1
    assert a.balances()[joana_uuid] == b.balances()[joana_uuid] == 0
    assert network.network_balance(joana_uuid, b) == 0
    assert open_conflicts(b.station) == []


def test_the_batch_follows_the_answer_time_and_the_read_timeout_grows_with_it() -> None:
    assert push_timeout(1000) == pytest.approx(15.0)
    assert push_timeout(0) == pytest.approx(5.0)
    sizer = BatchSizer()
    assert sizer.size == 50  # small first: 20 counters back online at once stay fast
    for size in (50, 100, 200, 400, 800):
        sizer.answered(size, 0.1)  # fast and full: doubles
    assert sizer.size == 1000
    sizer.answered(1000, 3.0)  # slow: halves
    assert sizer.size == 500
    sizer.answered(120, 0.05)  # fast but not full (nothing more was waiting): unchanged
    assert sizer.size == 500
    for _ in range(10):
        sizer.unanswered()
    assert sizer.size == MIN_BATCH


def _pending_events(station: Station, count: int) -> None:
    """`count` outbox events waiting (as a day of sales leaves them)."""
    with station.read() as session:
        store = station.snapshot(session).store.uuid
    now = dt.datetime.now(dt.UTC)
    rows = [
        (
            str(uuid.uuid4()),
            "sale.completed",
            json.dumps({"sale": str(uuid.uuid4()), "store": store, "total": 1_000 + n}),
            (now - dt.timedelta(seconds=count - n)).isoformat(),
        )
        for n in range(count)
    ]
    raw = station.engine.raw_connection()
    try:
        raw.executemany(
            "INSERT INTO outbox_event (uuid, kind, payload, created_at) VALUES (?, ?, ?, ?)", rows
        )
        raw.commit()
    finally:
        raw.close()


class SlowProxy(FaultProxy):
    """Every answer comes `pause` seconds late (a loaded endpoint far away)."""

    def __init__(self, upstream_port: int, pause: float) -> None:
        super().__init__(upstream_port, seed=1)
        self.pause = pause

    def _draw(self) -> tuple[str, float]:
        with self._lock:
            self.requests += 1
            return "delay", self.pause


def test_a_slow_endpoint_gets_smaller_batches_each_waited_for_long_enough(
    network: Network,
) -> None:
    counter = network.make("Centro")
    assert counter.sync().ok
    _pending_events(counter.station, 300)
    proxy = SlowProxy(network.server.port, pause=1.1).start()
    try:
        # a base read timeout of 1 s: a fixed one would give up on every push
        slow = counter.client(url=proxy.url, read_timeout=1.0)
        slow.batches.size = 250  # as after fast answers

        summary = push(counter.station, slow)
    finally:
        proxy.stop()
    assert summary.events == 300 and summary.accepted == 300
    assert summary.batches == 2  # 250 answered after 1.1 s (timeout 3.5 s), then the 50 left
    assert slow.batches.size == 25  # halved after each slow answer, down to its floor


def test_a_self_hosted_https_endpoint_is_trusted_only_through_its_pinned_certificate(
    postgres: Callable[[], str], tmp_path: Path, clock: MovableClock
) -> None:
    from tests.support import open_shop

    made = make_server_cert(tmp_path)
    cert, key = made.cert_file, made.key_file
    server = CloudServer(postgres(), tmp_path)
    server.args = ["--certfile", str(cert), "--keyfile", str(key)]
    server.url = server.url.replace("http://", "https://")
    server.verify = ssl.create_default_context(cafile=str(cert))
    shop = open_shop(tmp_path / "loja.sqlite", "salon", clock)
    try:
        server.start()
        token = server.add_terminal(server.create_chain("Rede"), "Caixa 1")
        config = SyncConfig(url=server.url, token=token, enabled=True)
        save_sync_config(shop.station, config, staff_id=None, manager_pin=MANAGER_PIN)
        client = client_for(shop.station)
        assert client is not None
        with client:
            refused = run_cycle(shop.station, client)  # the system's CAs do not know it
        assert refused.offline and refused.error is not None
        assert "certificado do servidor" in refused.error
        assert refused.error_en is not None and "certificate is not trusted" in refused.error_en

        with pytest.raises(SyncCaFileInvalid):
            save_sync_config(
                shop.station, SyncConfig(server.url, token, True, ca_file=str(tmp_path / "x.pem")),
                staff_id=None, manager_pin=MANAGER_PIN,
            )  # fmt: skip
        pinned = SyncConfig(server.url, token, True, ca_file=str(cert))
        save_sync_config(shop.station, pinned, staff_id=None, manager_pin=MANAGER_PIN)
        assert load_sync_config(shop.station).ca_file == str(cert)
        client = client_for(shop.station)
        assert client is not None
        with client:
            assert run_cycle(shop.station, client).ok
    finally:
        shop.station.close()
        server.close()


def _copy_database(station: Station, path: Path, clock: MovableClock) -> Station:
    """The counter's database copied to another PC (SQLite's online backup)."""
    source = sqlite3.connect(str(station.path))
    target = sqlite3.connect(str(path))
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return open_station(path, clock)


def test_a_cloned_counter_and_a_revoked_token_are_told_so_in_words(
    network: Network, tmp_path: Path, clock: MovableClock
) -> None:
    original = network.make("Centro")
    assert original.sync().ok
    copy = _copy_database(original.station, tmp_path / "copia.sqlite", clock)
    try:
        token = network.server.add_terminal(network.chain, "PC novo")
        save_sync_config(
            copy, SyncConfig(original.url, token, True), staff_id=None, manager_pin=MANAGER_PIN
        )
        with SyncClient(original.url, token) as client:
            from posapp.services.sync.config import save_state, state_in

            with copy.write() as session:  # a copy that has to say hello with its new token
                save_state(session, state_in(session).with_changes(chain_id=None))
            result = run_cycle(copy, client)
        assert result.refused and result.error is not None and result.error_en is not None
        assert "já está registrado na rede em outro computador" in result.error
        assert "posapp-cloud terminal move" in result.error_en
    finally:
        copy.close()
    assert original.sync().ok  # the original goes on

    terminals = httpx.get(
        f"{network.server.url}/v1/admin/terminals",
        headers={"Authorization": f"Bearer {network.chain.admin_key}"},
    ).json()["terminals"]
    [mine] = [t for t in terminals if t["name"] == "Caixa Centro"]
    revoked = httpx.post(
        f"{network.server.url}/v1/admin/terminals/{mine['terminal_id']}/revoke",
        json={"reason": "caixa desativado"},
        headers={"Authorization": f"Bearer {network.chain.admin_key}"},
    )
    assert revoked.status_code == 200
    result = original.sync()
    assert result.refused and result.error is not None and result.error_en is not None
    assert "foi revogado pelo administrador da rede" in result.error
    assert "caixa desativado" in result.error
    assert "was revoked by the chain's admin" in result.error_en
