"""One counter identity per token: a cloned counter database is refused, a counter moves to
a new PC only through the admin's audited move, tokens and admin keys can be revoked."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import httpx

from tests.cloud.helpers import Counter, customer_event, new_uuid
from tests.cloud_fixtures import CloudServer


def _admin(server: CloudServer, key: str) -> httpx.Client:
    return httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {key}"})


def _clone(original: Counter, token: str) -> Counter:
    """The original's database copied to another PC and given another token."""
    copy = Counter(
        original.url, token, terminal_uuid=original.terminal_uuid, store_uuid=original.store_uuid
    )
    copy.seq, copy.head = original.seq, original.head
    return copy


def _cli(server: CloudServer, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cloud", *args, "--database-url", server.dsn],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_counter_database_copied_to_a_second_pc_with_a_new_token_is_refused(
    cloud_server: CloudServer,
) -> None:
    chain = cloud_server.create_chain("Rede")
    original = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa 1"))
    assert original.hello().status_code == 200
    customer = new_uuid()
    assert original.push(customer_event(customer), original.entry(customer, "earn", 500)).is_success

    clone = _clone(original, cloud_server.add_terminal(chain, "Caixa novo"))
    refused = clone.hello()
    assert refused.status_code == 409
    body = refused.json()
    assert body["error"] == "terminal_claimed"
    assert "já está registrado" in body["message"] and "Caixa 1" in body["message"]
    assert "already registered" in body["message_en"] and "terminal move" in body["message_en"]
    # the clone cannot write under the original's identity...
    stolen = clone.push(clone.entry(customer, "earn", 9_999))
    assert stolen.status_code == 409 and stolen.json()["error"] == "hello_required"
    # ...so the original is never refused as a fork of its own chain
    assert original.push(original.entry(customer, "earn", 700)).status_code == 200
    total = original.client.get(f"/v1/customers/{customer}/balance").json()["total"]
    assert total == 1_200


def test_the_admin_moves_a_counter_to_a_new_pc_the_old_token_is_revoked_and_audited(
    cloud_server: CloudServer,
) -> None:
    chain = cloud_server.create_chain("Rede")
    admin = _admin(cloud_server, chain.admin_key)
    original = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa 1"))
    terminal_id = original.hello().json()["terminal_id"]
    customer = new_uuid()
    assert original.push(customer_event(customer), original.entry(customer, "earn", 500)).is_success

    moved = admin.post(
        f"/v1/admin/terminals/{terminal_id}/move", json={"reason": "PC novo na loja"}
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["terminal_id"] == terminal_id
    assert moved.json()["terminal_uuid"] == original.terminal_uuid

    old_pc = original.pull()
    assert old_pc.status_code == 401 and old_pc.json()["error"] == "token_revoked"
    assert "revogado" in old_pc.json()["message"] and "PC novo na loja" in old_pc.json()["message"]
    assert "revoked" in old_pc.json()["message_en"]

    new_pc = _clone(original, moved.json()["token"])
    hello = new_pc.hello()
    assert hello.status_code == 200 and hello.json()["terminal_id"] == terminal_id
    assert hello.json()["runs_expiry"] is True  # same terminal: its role stays
    assert new_pc.push(new_pc.entry(customer, "earn", 300)).status_code == 200  # chain goes on
    assert new_pc.client.get(f"/v1/customers/{customer}/balance").json()["total"] == 800

    [entry] = [e for e in admin.get("/v1/admin/audit").json()["entries"]]
    assert entry["action"] == "terminal_move" and entry["actor"] == "admin_api"
    assert entry["terminal_id"] == terminal_id
    assert entry["detail"] == {"reason": "PC novo na loja", "terminal_uuid": original.terminal_uuid}
    refused = httpx.post(
        f"{cloud_server.url}/v1/admin/terminals/{terminal_id}/move",
        json={"reason": "x"},
        headers={"Authorization": f"Bearer {new_pc.token}"},  # a terminal cannot move itself
    )
    assert refused.status_code == 401


def test_token_revoke_terminal_list_and_key_rotate_from_the_servers_shell(
    cloud_server: CloudServer,
) -> None:
    chain = cloud_server.create_chain("Rede")
    counter = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa 1"))
    terminal_id = counter.hello().json()["terminal_id"]
    idle_id = _cli(cloud_server, "terminal", "add", chain.chain_id, "Caixa 2").stdout
    assert "terminal_id:" in idle_id
    assert counter.pull().status_code == 200

    listed = _cli(cloud_server, "terminal", "list", chain.chain_id)
    assert listed.returncode == 0, listed.stderr
    rows: list[dict[str, Any]] = json.loads(listed.stdout)
    assert [row["name"] for row in rows] == ["Caixa 1", "Caixa 2"]
    assert rows[0]["last_seen_at"] is not None and rows[0]["runs_expiry"] is True
    assert rows[1]["last_seen_at"] is None  # never called: no contact

    revoked = _cli(
        cloud_server, "token", "revoke", chain.chain_id, terminal_id, "--reason", "caixa roubado"
    )
    assert revoked.returncode == 0, revoked.stderr
    refused = counter.pull()
    assert refused.status_code == 401 and refused.json()["error"] == "token_revoked"
    assert "caixa roubado" in refused.json()["message"]
    [shown, _] = (
        _admin(cloud_server, chain.admin_key).get("/v1/admin/terminals").json()["terminals"]
    )
    assert shown["revoked_at"] is not None and shown["revoked_reason"] == "caixa roubado"

    rotated = _cli(cloud_server, "key", "rotate", chain.chain_id)
    assert rotated.returncode == 0, rotated.stderr
    new_key = rotated.stdout.split("admin_key: ")[1].split()[0]
    old = _admin(cloud_server, chain.admin_key).get("/v1/admin/terminals")
    assert old.status_code == 401 and old.json()["error"] == "admin_key_revoked"
    actions = [
        e["action"] for e in _admin(cloud_server, new_key).get("/v1/admin/audit").json()["entries"]
    ]
    assert actions == ["admin_key_rotate", "token_revoke", "terminal_add"]

    by_api = _admin(cloud_server, new_key).post("/v1/admin/key/rotate")
    assert by_api.status_code == 200
    assert _admin(cloud_server, by_api.json()["admin_key"]).get("/v1/admin/terminals").is_success
    assert _admin(cloud_server, new_key).get("/v1/admin/terminals").status_code == 401
