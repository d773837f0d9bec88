"""Chains, terminals and tokens: registration, secrets kept hashed, one chain never sees another."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import httpx
import psycopg

from tests.cloud.helpers import Counter, customer_event, event, new_uuid, voucher_event
from tests.cloud_fixtures import CloudServer


def _dump(dsn: str) -> str:
    """Every row of every table of the database, as text."""
    with psycopg.connect(dsn) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
        return "\n".join(
            str(row) for table in tables for row in connection.execute(f'SELECT * FROM "{table}"')
        )


def test_an_admin_registers_terminals_and_secrets_are_stored_only_hashed(
    cloud_server: CloudServer,
) -> None:
    chain = cloud_server.create_chain("Rede")
    answer = httpx.post(
        f"{cloud_server.url}/v1/admin/terminals",
        json={"name": "Caixa 1"},
        headers={"Authorization": f"Bearer {chain.admin_key}"},
    )
    assert answer.status_code == 201, answer.text
    token = answer.json()["token"]
    counter = Counter(cloud_server.url, token)
    assert counter.hello().json()["terminal_id"] == answer.json()["terminal_id"]

    refused = httpx.post(
        f"{cloud_server.url}/v1/admin/terminals",
        json={"name": "Caixa 2"},
        headers={"Authorization": f"Bearer {token}"},  # a terminal token is no admin key
    )
    assert refused.status_code == 401 and refused.json()["error"] == "unauthorized"
    nameless = httpx.post(
        f"{cloud_server.url}/v1/admin/terminals",
        json={"name": ""},
        headers={"Authorization": f"Bearer {chain.admin_key}"},
    )
    assert nameless.status_code == 422 and nameless.json()["error"] == "invalid_request"

    stored = _dump(cloud_server.dsn)
    assert chain.chain_id in stored  # the dump does see the tables' contents
    for secret in (token, chain.admin_key, chain.webhook_secret):
        assert secret not in stored


def test_a_token_sees_only_its_own_chain(cloud_server: CloudServer) -> None:
    x, y = cloud_server.create_chain("X"), cloud_server.create_chain("Y")
    x1 = Counter(cloud_server.url, cloud_server.add_terminal(x, "X1"))
    y1 = Counter(cloud_server.url, cloud_server.add_terminal(y, "Y1"))
    assert x1.hello().status_code == 200 and y1.hello().status_code == 200
    customer = new_uuid()  # the same customer uuid pushed in both chains stays apart
    sale = new_uuid()
    assert (
        y1.push(
            customer_event(customer),
            y1.entry(customer, "earn", 1_000),
            voucher_event("VALE-Y", customer, 500),
            y1.entry(customer, "redeem", -2_000, sale=sale),  # an overdraft conflict in Y
        ).status_code
        == 200
    )
    assert len(y1.client.get("/v1/conflicts").json()["conflicts"]) == 1

    assert x1.pull_all(joins=True) == []
    assert x1.client.get("/v1/conflicts").json() == {"conflicts": []}
    assert x1.client.get(f"/v1/customers/{customer}/balance").status_code == 404
    hold = x1.client.post(
        f"/v1/customers/{customer}/hold", json={"sale_uuid": new_uuid(), "amount": 1}
    )
    assert hold.status_code == 404
    claim = x1.client.post("/v1/vouchers/VALE-Y/claim", json={"sale_uuid": new_uuid()})
    assert claim.status_code == 404 and claim.json()["error"] == "unknown_voucher"
    conflict_id = y1.client.get("/v1/conflicts").json()["conflicts"][0]["id"]
    resolve = x1.client.post(
        f"/v1/conflicts/{conflict_id}/resolve", json={"resolution": "absorbed", "resolved_by": "X"}
    )
    assert resolve.status_code == 404
    # An event uuid known in Y is new in X.
    shared = event("sale.completed", {})
    assert y1.push(shared).json()["accepted"] == 1
    assert x1.push(shared).json()["accepted"] == 1
    assert x1.push(customer_event(customer), x1.entry(customer, "earn", 7)).status_code == 200
    assert x1.client.get(f"/v1/customers/{customer}/balance").json()["total"] == 7
    assert y1.client.get(f"/v1/customers/{customer}/balance").json()["total"] == -1_000


def test_the_cli_creates_chains_and_terminals(postgres: Callable[[], str]) -> None:
    dsn = postgres()

    def cloud(*args: str) -> dict[str, str]:
        done = subprocess.run(
            [sys.executable, "-m", "cloud", *args, "--database-url", dsn],
            capture_output=True, text=True, timeout=60, check=True,
        )  # fmt: skip
        return dict(line.split(": ", 1) for line in done.stdout.splitlines() if ": " in line)

    chain = cloud("chain", "create", "Rede Bela")
    assert set(chain) >= {"chain_id", "admin_key", "webhook_secret"}
    terminal = cloud("terminal", "add", chain["chain_id"], "Caixa 1")
    assert terminal["token"] and terminal["terminal_id"]
    stored = _dump(dsn)
    assert "Rede Bela" in stored and chain["chain_id"] in stored
    assert terminal["token"] not in stored and chain["admin_key"] not in stored
    unknown = subprocess.run(
        [sys.executable, "-m", "cloud", "terminal", "add", new_uuid(), "X", "--database-url", dsn],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert unknown.returncode == 1 and "Chain not found" in unknown.stderr


def test_the_chains_admin_moves_the_expiry_role_and_pulls_say_who_has_it(
    cloud_server: CloudServer,
) -> None:
    chain = cloud_server.create_chain("Rede Bela")
    a = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa 1"))
    b = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa 2"))
    assert a.hello().json()["runs_expiry"] is True
    b_id = b.hello().json()["terminal_id"]
    assert a.pull().json()["runs_expiry"] is True and b.pull().json()["runs_expiry"] is False
    other = cloud_server.create_chain("Outra Rede")
    stranger = Counter(cloud_server.url, cloud_server.add_terminal(other, "Caixa X"))
    stranger_id = stranger.hello().json()["terminal_id"]

    def move(key: str, terminal_id: str) -> httpx.Response:
        return httpx.post(
            f"{cloud_server.url}/v1/admin/expiry-terminal",
            json={"terminal_id": terminal_id},
            headers={"Authorization": f"Bearer {key}"},
        )

    assert move(a.token, b_id).status_code == 401  # a terminal's token is not the admin key
    assert move(other.admin_key, b_id).status_code == 404  # another chain's admin
    unknown = move(chain.admin_key, stranger_id)  # another chain's terminal
    assert unknown.status_code == 404 and unknown.json()["error"] == "unknown_terminal"
    assert unknown.json()["message"].startswith("Terminal não encontrado")
    assert move(chain.admin_key, "nao-e-um-uuid").status_code == 422
    assert a.pull().json()["runs_expiry"] is True  # nothing moved so far

    moved = move(chain.admin_key, b_id)
    assert moved.status_code == 200 and moved.json() == {"terminal_id": b_id, "name": "Caixa 2"}
    assert a.pull().json()["runs_expiry"] is False and b.pull().json()["runs_expiry"] is True
    assert a.hello().json()["runs_expiry"] is False and b.hello().json()["runs_expiry"] is True
    assert stranger.pull().json()["runs_expiry"] is True  # the other chain is untouched


def test_the_cli_moves_the_expiry_role(cloud_server: CloudServer) -> None:
    chain = cloud_server.create_chain("Rede Bela")
    a = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa 1"))
    b = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa 2"))
    a_id = a.hello().json()["terminal_id"]
    b_id = b.hello().json()["terminal_id"]

    def cloud(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cloud", "terminal", "expiry", *args,
             "--database-url", cloud_server.dsn],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip

    done = cloud(chain.chain_id, b_id)
    assert done.returncode == 0, done.stderr
    assert f"expiry_terminal_id: {b_id}" in done.stdout and "name: Caixa 2" in done.stdout
    assert a.pull().json()["runs_expiry"] is False and b.pull().json()["runs_expiry"] is True
    wrong = cloud(chain.chain_id, new_uuid())
    assert wrong.returncode == 1 and "Terminal not found" in wrong.stderr
    assert cloud(new_uuid(), a_id).returncode == 1
    assert b.pull().json()["runs_expiry"] is True  # a failed move changes nothing
