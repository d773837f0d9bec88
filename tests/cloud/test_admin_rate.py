"""A chain's admin key is rate limited as a terminal token is: 429 with Retry-After."""

from __future__ import annotations

import time

import httpx

from tests.cloud_fixtures import CloudServer


def _admin_get(server: CloudServer, key: str) -> httpx.Response:
    """A fresh connection each call: with two workers, calls land on either process."""
    with httpx.Client(base_url=server.url, timeout=10) as client:
        return client.get("/v1/admin/terminals", headers={"Authorization": f"Bearer {key}"})


def test_an_admin_key_past_its_rate_is_told_429_with_retry_after(
    cloud_server: CloudServer,
) -> None:
    cloud_server.stop()
    cloud_server.args = ["--rate-limit", "1", "--rate-burst", "3", "--workers", "2"]
    cloud_server.start()
    busy, calm = cloud_server.create_chain("Rede A"), cloud_server.create_chain("Rede B")
    token = cloud_server.add_terminal(busy, "Caixa")

    assert [_admin_get(cloud_server, busy.admin_key).status_code for _ in range(3)] == [200] * 3
    limited = _admin_get(cloud_server, busy.admin_key)
    assert limited.status_code == 429
    body = limited.json()
    assert body["error"] == "rate_limited"
    assert body["message"].startswith("Chamadas demais com esta chave de administração")
    assert body["message_en"].startswith("Too many calls with this admin key")
    wait = int(limited.headers["Retry-After"])
    assert 1 <= wait <= 2

    # A refused call changes nothing: no terminal is added past the limit.
    with httpx.Client(base_url=cloud_server.url, timeout=10) as client:
        added = client.post(
            "/v1/admin/terminals",
            json={"name": "Caixa 2"},
            headers={"Authorization": f"Bearer {busy.admin_key}"},
        )
    assert added.status_code == 429

    # Another chain's key and the chain's terminal tokens have buckets of their own.
    assert _admin_get(cloud_server, calm.admin_key).status_code == 200
    with httpx.Client(base_url=cloud_server.url, timeout=10) as client:
        pulled = client.get("/v1/events", headers={"Authorization": f"Bearer {token}"})
    assert pulled.json()["error"] == "hello_required"  # past auth and its own bucket

    time.sleep(wait)
    listed = _admin_get(cloud_server, busy.admin_key)
    assert listed.status_code == 200
    assert [t["name"] for t in listed.json()["terminals"]] == ["Caixa"]
