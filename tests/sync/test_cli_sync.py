"""`posapp sync` in a child process against the real endpoint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from posapp.services.common.station import open_station
from posapp.services.sync.status import sync_status
from tests.cloud_fixtures import CloudServer
from tests.support import MANAGER_PIN, MovableClock, open_shop


def _posapp(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "posapp.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def test_posapp_sync_configures_then_syncs_once(cloud_server: CloudServer, tmp_path: Path) -> None:
    path = tmp_path / "loja.sqlite"
    shop = open_shop(path, "cosmetics", MovableClock())
    customer = shop.enrol("Rita Lopes", phone="11 93333-2222")
    shop.sell("batom", customer=customer, cash=4_990)
    shop.station.close()
    chain = cloud_server.create_chain("Rede CLI")
    token = cloud_server.add_terminal(chain, "Caixa 1")
    db = ["--db", str(path)]

    refused = _posapp(
        "sync", *db, "--url", cloud_server.url, "--token", token, "--manager-pin", "1111"
    )
    assert refused.returncode == 2 and "gerente" in refused.stderr  # a cashier's PIN

    saved = _posapp(
        "sync", *db, "--url", cloud_server.url, "--token", token, "--manager-pin", MANAGER_PIN
    )
    assert saved.returncode == 0, saved.stderr
    assert f"Sincronização configurada: {cloud_server.url}" in saved.stdout

    once = _posapp("sync", *db, "--once")
    assert once.returncode == 0, once.stderr
    lines = once.stdout.splitlines()
    assert lines[0].startswith("Enviados: ") and "lançamentos" in lines[0]
    assert lines[1] == "Recebidos: 0 eventos (0 lançamentos)."
    assert lines[2] == "Divergências abertas: 0."
    assert lines[3] == "Aguardando envio: 0."

    cloud_server.stop()
    offline = _posapp("sync", *db, "--once")
    assert offline.returncode == 2 and "Sem conexão" in offline.stderr
    cloud_server.start()

    _posapp("sync", *db, "--token", "errado", "--manager-pin", MANAGER_PIN)
    bad_token = _posapp("sync", *db, "--once", "--lang", "en")
    assert bad_token.returncode == 1, bad_token.stdout + bad_token.stderr
    assert bad_token.stderr.strip()

    station = open_station(path)  # the status the CLI left behind
    try:
        status = sync_status(station)
        assert status.configured and status.online is True and status.last_error
        assert status.last_sync_at is not None
    finally:
        station.close()


def test_posapp_sync_says_how_many_records_the_cloud_refused(
    cloud_server: CloudServer, tmp_path: Path
) -> None:
    import json
    import uuid

    from db.models import OutboxEvent
    from posapp.services.sync.config import SyncConfig, save_sync_config

    path = tmp_path / "loja.sqlite"
    shop = open_shop(path, "cosmetics", MovableClock())
    chain = cloud_server.create_chain("Rede CLI")
    config = SyncConfig(cloud_server.url, cloud_server.add_terminal(chain, "Caixa 1"), True)
    save_sync_config(shop.station, config, staff_id=None, manager_pin=MANAGER_PIN)
    shop.sell("batom", customer=shop.enrol("Rita Lopes", phone="11 93333-2222"), cash=4_990)
    with shop.station.write() as session:  # an event no endpoint accepts
        session.add(
            OutboxEvent(
                uuid=str(uuid.uuid4()),
                kind="message.queued",
                payload=json.dumps({"channel": "pombo", "kind": "?"}),
                created_at=shop.station.now(),
            )
        )
    shop.station.close()

    once = _posapp("sync", "--db", str(path), "--once")
    assert once.returncode == 0, once.stderr
    assert "Registros recusados pela nuvem e postos de lado: 1" in once.stdout
    assert "Divergências abertas: 1." in once.stdout
