"""The endpoint's secrets at rest (cloud/secrets.py): real PostgreSQL, real uvicorn, aiosmtpd.

The SMTP password, the webhook header values and the stores' signing keys must never be
in a dump of the database, yet the endpoint still logs in to SMTP, calls the provider
with its header, verifies survey QRs and hands a store's key to the chain's other
counters. A server with another key says so (`secret_key_wrong`), never a 500.
"""

from __future__ import annotations

import base64
import os
import secrets as stdlib_secrets
import subprocess
import sys
from pathlib import Path

import httpx
import psycopg
import pytest
from psycopg import sql

from cloud import secrets
from posapp.core.nps import sign_survey_qr, survey_url
from tests.cloud.helpers import Counter, new_uuid, program_json
from tests.cloud.test_delivery import admin, customer_upsert, queued
from tests.cloud_fixtures import Chain, CloudServer
from tests.messaging.conftest import (  # noqa: F401  (fixtures)
    Accounts,
    Hook,
    Inbox,
    SmtpFactory,
    smtp_server,
    webhook_server,
)

PASSWORD = "s3cr3t"
"""What tests.messaging.conftest.Accounts accepts (user 'loja')."""
TOKEN = "Bearer prov-tok-9f8e7d6c"
SENDER = "Rede Bela <contato@redebela.com.br>"
pytestmark = pytest.mark.filterwarnings(
    "ignore:Requiring AUTH while not requiring TLS"  # aiosmtpd on loopback, on purpose
)


@pytest.fixture(autouse=True)
def no_background_delivery(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each delivery run is an explicit `deliver --once` (set before `cloud_server` starts)."""
    monkeypatch.setenv("POSAPP_CLOUD_DELIVERY_INTERVAL", "0")


# -- helpers -----------------------------------------------------------------------------


def run_cli(
    server: CloudServer, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cloud", *args, "--database-url", server.dsn],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


def cli_ok(server: CloudServer, *args: str, env: dict[str, str] | None = None) -> str:
    done = run_cli(server, *args, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def dump(dsn: str) -> str:
    """Every row of every table of the endpoint's schema, as PostgreSQL prints it."""
    lines: list[str] = []
    with psycopg.connect(dsn) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        for table in tables:
            query = sql.SQL("SELECT t::text FROM {} AS t").format(sql.Identifier(table))
            lines += [f"{table}: {row}" for (row,) in connection.execute(query)]
    return "\n".join(lines)


def say_hello(counter: Counter, key: str) -> httpx.Response:
    return counter.client.post(
        "/v1/hello",
        json={
            "terminal_uuid": counter.terminal_uuid,
            "terminal_name": "Caixa 1",
            "store_uuid": counter.store_uuid,
            "store_name": counter.store_name,
            "segment": "salon",
            "program": program_json(),
            "signing_key": key,
        },
    )


def configure(server: CloudServer, chain: Chain, smtp_port: int, hook_url: str) -> None:
    with admin(server, chain) as client:
        answer = client.put(
            "/v1/admin/delivery",
            json={
                "smtp_host": "127.0.0.1",
                "smtp_port": smtp_port,
                "smtp_tls": "none",
                "smtp_username": "loja",
                "smtp_password": PASSWORD,
                "smtp_sender": SENDER,
                "webhook_url": hook_url,
                "webhook_headers": {"Authorization": TOKEN},
            },
        )
    assert answer.status_code == 200, answer.text
    assert PASSWORD not in answer.text and TOKEN not in answer.text


def login_smtp(smtp_server: SmtpFactory) -> tuple[Inbox, int]:  # noqa: F811
    """aiosmtpd that takes mail only after AUTH as loja / s3cr3t (plain: loopback only)."""
    return smtp_server(authenticator=Accounts(), auth_required=True, auth_require_tls=False)


def survey_link(server: CloudServer, counter: Counter, key: str) -> str:
    code = sign_survey_qr(counter.store_uuid, stdlib_secrets.token_hex(16), bytes.fromhex(key))
    return survey_url(f"{server.url}/s", code)


def joined_keys(counter: Counter) -> dict[str, str]:
    """store uuid -> signing key, from the `store.joined` events the counter pulls."""
    return {
        e["body"]["store_uuid"]: e["body"]["signing_key"]
        for e in counter.pull_all(joins=True)
        if e["kind"] == "store.joined"
    }


def assert_no_secret(dsn: str, *clear: str) -> str:
    text = dump(dsn)
    assert "delivery_settings: " in text and "store: " in text  # the rows are there
    for value in clear:
        assert value not in text and value.upper() not in text, value
    return text


def restart(server: CloudServer, key: str) -> None:
    server.stop()
    server.env[secrets.KEY_ENV] = key
    server.start()


@pytest.fixture
def chain_with_secrets(
    cloud_server: CloudServer,
    smtp_server: SmtpFactory,  # noqa: F811
    webhook_server: Hook,  # noqa: F811
) -> tuple[Chain, Counter, str, Inbox]:
    """A chain whose delivery has both secrets and whose store A said hello with its key."""
    chain = cloud_server.create_chain("Rede Bela")
    store_a = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa A"))
    key_a = stdlib_secrets.token_hex(32)
    answer = say_hello(store_a, key_a)
    assert answer.status_code == 200, answer.text
    inbox, port = login_smtp(smtp_server)
    configure(cloud_server, chain, port, webhook_server.url)
    return chain, store_a, key_a, inbox


def send_both(server: CloudServer, counter: Counter, env: dict[str, str] | None = None) -> str:
    """Queue an e-mail and a WhatsApp message for Maria; one `deliver --once`."""
    maria = new_uuid()
    pushed = counter.push(
        customer_upsert(maria, phone="5511988887777"),
        queued(maria),
        queued(maria, channel="whatsapp", to="5511988887777"),
    )
    assert pushed.status_code == 200, pushed.text
    return cli_ok(server, "deliver", "--once", env=env)


# -- the box alone ---------------------------------------------------------------------------


def test_a_token_opens_only_with_its_key_its_chain_and_its_place() -> None:
    box = secrets.SecretBox(base64.b64decode(secrets.new_key()))
    token = box.seal("chain-1", secrets.SMTP_PASSWORD, "s3nh4")
    again = box.seal("chain-1", secrets.SMTP_PASSWORD, "s3nh4")
    assert token != again  # a fresh nonce each time
    assert token.startswith(f"v1:{box.key_id}:") and secrets.is_sealed(token)
    assert box.open("chain-1", secrets.SMTP_PASSWORD, token) == "s3nh4"
    with pytest.raises(secrets.WrongSecretKey):
        box.open("chain-2", secrets.SMTP_PASSWORD, token)  # copied to another chain
    with pytest.raises(secrets.WrongSecretKey):
        box.open("chain-1", secrets.header_place("Authorization"), token)  # another column
    other = secrets.SecretBox(base64.b64decode(secrets.new_key()))
    with pytest.raises(secrets.WrongSecretKey) as wrong:
        other.open("chain-1", secrets.SMTP_PASSWORD, token)
    assert "Chave de segredos errada" in wrong.value.pt()
    body = token.rsplit(":", 1)[1]
    flipped = body[:-6] + ("A" if body[-6] != "A" else "B") + body[-5:]
    with pytest.raises(secrets.WrongSecretKey):
        box.open("chain-1", secrets.SMTP_PASSWORD, token.replace(body, flipped))
    assert box.open("chain-1", secrets.SMTP_PASSWORD, "clear-from-before") == "clear-from-before"
    assert box.seal_if_clear("chain-1", secrets.SMTP_PASSWORD, token) == token
    assert box.seal_if_clear("chain-1", secrets.SMTP_PASSWORD, "") == ""


def test_keys_are_base64_of_32_bytes_from_the_environment_or_a_file(tmp_path: Path) -> None:
    key = secrets.new_key()
    assert len(base64.b64decode(key)) == 32
    path = tmp_path / "chave"
    path.write_text(key + "\n")
    from_file = secrets.key_from_environment({secrets.KEY_FILE_ENV: str(path)})
    assert from_file == secrets.key_from_environment({secrets.KEY_ENV: key})
    with pytest.raises(secrets.SecretKeyProblem) as missing:
        secrets.key_from_environment({})
    assert "posapp-cloud secret-key new" in missing.value.message
    with pytest.raises(secrets.SecretKeyProblem) as short:
        secrets.key_from_environment({secrets.KEY_ENV: base64.b64encode(b"x" * 16).decode()})
    assert "32 bytes" in short.value.message


# -- the endpoint -------------------------------------------------------------------------------


def test_no_secret_is_in_a_dump_and_everything_still_works(
    cloud_server: CloudServer,
    chain_with_secrets: tuple[Chain, Counter, str, Inbox],
    webhook_server: Hook,  # noqa: F811
) -> None:
    chain, store_a, key_a, inbox = chain_with_secrets

    text = assert_no_secret(cloud_server.dsn, PASSWORD, TOKEN, "prov-tok", key_a)
    assert text.count("v1:") >= 4  # password, header, store row, store.joined event

    # delivery logs in with the opened password and calls the provider with its header
    assert send_both(cloud_server, store_a).startswith("sent=2 ")
    [email] = inbox.messages()
    assert email["To"] == "maria@example.com"
    [(_, headers, _)] = webhook_server.requests
    assert headers["Authorization"] == TOKEN

    # the survey verifies a QR signed with the store's key (and refuses another key's)
    good = httpx.get(survey_link(cloud_server, store_a, key_a))
    assert good.status_code == 200 and good.text.count('name="score"') == 11
    forged = httpx.get(survey_link(cloud_server, store_a, stdlib_secrets.token_hex(32)))
    assert forged.status_code == 400

    # another store of the chain gets store A's key, in hello and in store.joined
    store_b = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa B"))
    key_b = stdlib_secrets.token_hex(32)
    hello = say_hello(store_b, key_b)
    assert hello.status_code == 200, hello.text
    handed = {s["store_uuid"]: s["signing_key"] for s in hello.json()["stores"]}
    assert handed == {store_a.store_uuid: key_a, store_b.store_uuid: key_b}
    assert joined_keys(store_b) == {store_a.store_uuid: key_a}
    assert joined_keys(store_a) == {store_b.store_uuid: key_b}
    assert_no_secret(cloud_server.dsn, PASSWORD, TOKEN, key_a, key_b)

    # a second hello with the same key changes nothing (the sealed key compares in clear)
    assert say_hello(store_a, key_a).status_code == 200
    assert len(joined_keys(store_b)) == 1


def test_a_server_with_another_key_says_so_and_never_answers_500(
    cloud_server: CloudServer,
    chain_with_secrets: tuple[Chain, Counter, str, Inbox],
) -> None:
    chain, store_a, key_a, inbox = chain_with_secrets
    store_b = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa B"))
    assert say_hello(store_b, stdlib_secrets.token_hex(32)).status_code == 200
    other_key = secrets.new_key()
    restart(cloud_server, other_key)

    with admin(cloud_server, chain) as client:
        shown = client.get("/v1/admin/delivery")
        kept = client.put(
            "/v1/admin/delivery", json={"smtp_host": "127.0.0.1", "smtp_sender": SENDER}
        )
    for answer in (shown, kept):
        assert answer.status_code == 503, answer.text
        assert answer.json()["error"] == "secret_key_wrong"
        assert answer.json()["message"].startswith("Chave de segredos errada")
        assert PASSWORD not in answer.text

    hello = say_hello(store_a, key_a)
    pulled = store_b.pull()  # store A's store.joined holds its sealed key
    page = httpx.get(survey_link(cloud_server, store_a, key_a))
    assert (hello.status_code, hello.json()["error"]) == (503, "secret_key_wrong")
    assert pulled.status_code == 503 and "Chave de segredos errada" in pulled.json()["message"]
    assert page.status_code == 503 and "indisponível" in page.text

    # a delivery run with that key lets the messages wait with the reason, no attempt
    ran = send_both(cloud_server, store_a, env={secrets.KEY_ENV: other_key})
    assert ran.endswith("failed=0 waiting=2")
    assert inbox.messages() == []
    with psycopg.connect(cloud_server.dsn) as connection:
        rows = connection.execute("SELECT status, reason, attempts, reason_detail FROM message")
        found = rows.fetchall()
    assert [row[:3] for row in found] == [("queued", "secret_key_wrong", 0)] * 2
    assert all(str(row[3]).startswith("Chave de segredos errada") for row in found)

    # back on the right key, the messages go out
    restart(cloud_server, os.environ[secrets.KEY_ENV])
    with psycopg.connect(cloud_server.dsn) as connection:
        connection.execute("UPDATE message SET next_attempt_at = now()")
    assert cli_ok(cloud_server, "deliver", "--once").startswith("sent=2 ")
    assert len(inbox.messages()) == 1


def test_seal_encrypts_the_clear_values_left_from_before_once(
    cloud_server: CloudServer,
    chain_with_secrets: tuple[Chain, Counter, str, Inbox],
) -> None:
    chain, store_a, key_a, _ = chain_with_secrets
    old_key = stdlib_secrets.token_hex(32)

    def as_before_0004() -> None:
        with psycopg.connect(cloud_server.dsn) as connection:
            connection.execute(
                "UPDATE delivery_settings SET smtp_password = %s, webhook_headers = %s::jsonb",
                (PASSWORD, f'{{"Authorization": "{TOKEN}"}}'),
            )
            connection.execute("UPDATE store SET signing_key = %s", (old_key,))
            connection.execute(
                "UPDATE event SET body = jsonb_set(body, '{signing_key}', to_jsonb(%s::text))"
                " WHERE kind = 'store.joined'",
                (old_key,),
            )
        assert PASSWORD in dump(cloud_server.dsn) and old_key in dump(cloud_server.dsn)

    as_before_0004()
    first = cli_ok(cloud_server, "secrets", "seal")
    assert first == (
        "sealed: smtp_passwords=1 webhook_headers=1 store_keys=1 store_joined_events=1 "
        "whatsapp_secrets=0"
    )
    sealed = assert_no_secret(cloud_server.dsn, PASSWORD, TOKEN, old_key)
    second = cli_ok(cloud_server, "secrets", "seal")
    assert second.endswith(
        "smtp_passwords=0 webhook_headers=0 store_keys=0 store_joined_events=0 whatsapp_secrets=0"
    )
    assert dump(cloud_server.dsn) == sealed  # idempotent: tokens left as they were

    # serve seals at start-up too, and the sealed values are the ones from before
    as_before_0004()
    restart(cloud_server, os.environ[secrets.KEY_ENV])
    assert_no_secret(cloud_server.dsn, PASSWORD, TOKEN, old_key)
    with admin(cloud_server, chain) as client:
        assert client.get("/v1/admin/delivery").json()["smtp_password_set"] is True
    store_b = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa B"))
    hello = say_hello(store_b, stdlib_secrets.token_hex(32))
    assert {s["store_uuid"]: s["signing_key"] for s in hello.json()["stores"]}[
        store_a.store_uuid
    ] == old_key
    assert joined_keys(store_b) == {store_a.store_uuid: old_key}
    assert httpx.get(survey_link(cloud_server, store_a, old_key)).status_code == 200
    assert httpx.get(survey_link(cloud_server, store_a, key_a)).status_code == 400


def test_rotate_re_encrypts_everything_under_the_new_key(
    cloud_server: CloudServer,
    chain_with_secrets: tuple[Chain, Counter, str, Inbox],
    webhook_server: Hook,  # noqa: F811
    tmp_path: Path,
) -> None:
    chain, store_a, key_a, inbox = chain_with_secrets
    old_key = os.environ[secrets.KEY_ENV]
    new_key = secrets.new_key()
    new_file = tmp_path / "nova-chave"
    new_file.write_text(new_key + "\n")
    before = dump(cloud_server.dsn)

    stranger = run_cli(
        cloud_server, "secrets", "rotate", "--new-key-file", str(new_file),
        env={secrets.KEY_ENV: secrets.new_key()},
    )  # fmt: skip
    assert stranger.returncode == 1 and "Chave de segredos errada" in stranger.stderr
    assert dump(cloud_server.dsn) == before  # one transaction: nothing changed

    rotated = cli_ok(cloud_server, "secrets", "rotate", "--new-key-file", str(new_file))
    assert "smtp_passwords=1 webhook_headers=1 store_keys=1 store_joined_events=1" in rotated
    new_id = secrets.SecretBox(base64.b64decode(new_key)).key_id
    text = assert_no_secret(cloud_server.dsn, PASSWORD, TOKEN, key_a)
    assert text.count(f"v1:{new_id}:") >= 4
    assert f"v1:{secrets.SecretBox(base64.b64decode(old_key)).key_id}:" not in text

    # the old key no longer opens anything
    restart(cloud_server, old_key)
    with admin(cloud_server, chain) as client:
        assert client.get("/v1/admin/delivery").status_code == 503
    shown = run_cli(cloud_server, "delivery", "show", chain.chain_id)
    assert shown.returncode == 1 and "Wrong secret key" in shown.stderr

    # the new key opens everything: SMTP login, the provider's header, QRs, store.joined
    restart(cloud_server, new_key)
    with admin(cloud_server, chain) as client:
        assert client.get("/v1/admin/delivery").status_code == 200
    assert send_both(cloud_server, store_a, env={secrets.KEY_ENV: new_key}).startswith("sent=2 ")
    assert len(inbox.messages()) == 1
    assert webhook_server.requests[-1][1]["Authorization"] == TOKEN
    assert httpx.get(survey_link(cloud_server, store_a, key_a)).status_code == 200
    store_b = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa B"))
    assert say_hello(store_b, stdlib_secrets.token_hex(32)).status_code == 200
    assert joined_keys(store_b) == {store_a.store_uuid: key_a}


def test_serve_refuses_to_start_without_a_key_and_says_how_to_make_one(
    cloud_server: CloudServer,
) -> None:
    bare = {k: v for k, v in os.environ.items() if not k.startswith("POSAPP_CLOUD_SECRET_KEY")}
    done = subprocess.run(
        [sys.executable, "-m", "cloud", "serve", "--database-url", cloud_server.dsn,
         "--port", "1"],
        capture_output=True, text=True, timeout=60, env=bare, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("Falta a chave de segredos do servidor")
    assert "posapp-cloud secret-key new" in done.stderr and "secret key is missing" in done.stderr
    made = subprocess.run(
        [sys.executable, "-m", "cloud", "secret-key", "new"],
        capture_output=True, text=True, timeout=60, env=bare, check=True,
    )  # fmt: skip
    assert len(base64.b64decode(made.stdout.strip(), validate=True)) == 32
