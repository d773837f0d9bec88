"""Pytest plugin: a private PostgreSQL per session and a real `posapp-cloud serve` per test.

Registered in tests/conftest.py (`pytest_plugins = ["tests.cloud_fixtures"]`), so
the counter's sync tests and the endpoint's own tests share it.

- `postgres` (session): a PostgreSQL of our own (initdb in a temp dir, loopback,
  a free port, its unix socket in the temp dir), stopped at the end of the session
  whatever happens. It is a factory: `postgres()` returns the DSN of a fresh
  database, copied from a template that has the endpoint's schema already.
- `cloud_secret_key` (session, used by `postgres`): a fresh secret key for the
  session (cloud.secrets), put in `POSAPP_CLOUD_SECRET_KEY` for the test process and
  so for every `posapp-cloud` child it starts; the old value is put back at the end.
- `cloud_server` (function): `posapp-cloud serve` in a child process (real
  uvicorn) on a free loopback port against a fresh database, up when
  /v1/health answers, killed after the test. `url`, `dsn`, `env` (extra
  environment of the child: a test may give it another key before `start()`),
  `create_chain(name)`, `add_terminal(chain, name)`, `stop()`, `start()`.

The PostgreSQL server binaries come from `scripts/test-deps.sh` (Debian's
`postgresql`); without them the fixtures fail and say so, never skip.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
import pytest

from cloud import registry, secrets
from cloud.db import make_engine, make_sessions, unit_of_work, upgrade

TEMPLATE_DB = "posapp_cloud_template"
START_TIMEOUT = 30.0


@dataclass(frozen=True, slots=True)
class Chain:
    chain_id: str
    admin_key: str
    webhook_secret: str
    online_terminal_uuid: str


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def postgres_bindir() -> Path:
    """Where initdb and pg_ctl live: PATH first, then Debian's versioned directories."""
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).resolve().parent
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: (
            int(Path(path).parent.parent.name) if Path(path).parent.parent.name.isdigit() else 0
        ),
    )
    if found:
        return Path(found[-1]).parent
    pytest.fail(
        "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or under "
        "/usr/lib/postgresql/*/bin: run `sudo bash scripts/test-deps.sh` (installs Debian's "
        "postgresql) or install the PostgreSQL server with your package manager.",
        pytrace=False,
    )


def _as_user() -> list[str]:
    """The prefix that runs PostgreSQL as a non-root user (it refuses to run as root)."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"],
            check=True,
        )
    return ["runuser", "-u", "postgres", "--"]


class PrivatePostgres:
    """One PostgreSQL cluster in a temp dir, listening on 127.0.0.1 only."""

    def __init__(self) -> None:
        self.bindir = postgres_bindir()
        self.root = Path(tempfile.mkdtemp(prefix="posapp-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.prefix = _as_user()
        if self.prefix:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        self.started = False
        self._names = itertools.count(1)

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            [*self.prefix, *args], capture_output=True, text=True, timeout=120, check=False
        )
        if result.returncode != 0:
            log = self.root / "postgres.log"
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise RuntimeError(
                f"{' '.join(args)} failed ({result.returncode}):\n"
                f"{result.stdout}\n{result.stderr}\n{tail}"
            )

    def start(self) -> None:
        self._run(
            str(self.bindir / "initdb"),
            "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200 -c shared_buffers=32MB"
        )
        self.started = True
        self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data),
            "-l", str(self.root / "postgres.log"), "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self) -> None:
        try:
            if self.started:
                subprocess.run(
                    [*self.prefix, str(self.bindir / "pg_ctl"), "-D", str(self.data),
                     "-m", "immediate", "-w", "stop"],
                    capture_output=True, timeout=60, check=False,
                )  # fmt: skip
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def dsn(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, statement: str) -> None:
        with psycopg.connect(self.dsn(), autocommit=True) as connection:
            connection.execute(statement.encode())

    def prepare_template(self) -> None:
        self.execute(f"CREATE DATABASE {TEMPLATE_DB}")
        upgrade(self.dsn(TEMPLATE_DB))

    def fresh_database(self) -> str:
        name = f"cloud_{os.getpid()}_{next(self._names)}"
        self.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_DB}")
        return self.dsn(name)


@pytest.fixture(scope="session")
def cloud_secret_key() -> Iterator[str]:
    """This session's secret key, in the environment every `posapp-cloud` child inherits."""
    key = secrets.new_key()
    before = {name: os.environ.get(name) for name in (secrets.KEY_ENV, secrets.KEY_FILE_ENV)}
    os.environ[secrets.KEY_ENV] = key
    os.environ.pop(secrets.KEY_FILE_ENV, None)
    try:
        yield key
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture(scope="session")
def postgres(cloud_secret_key: str) -> Iterator[Callable[[], str]]:
    """A DSN factory: each call creates a fresh, migrated database in the private server."""
    server = PrivatePostgres()
    try:
        server.start()
        server.prepare_template()
        yield server.fresh_database
    finally:
        server.stop()


class CloudServer:
    """`posapp-cloud serve` in a child process, with helpers to register chains and terminals."""

    def __init__(self, dsn: str, log_dir: Path) -> None:
        self.dsn = dsn
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_dir / f"cloud-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.env: dict[str, str] = {}
        """Set in the child's environment over ours (e.g. another secret key)."""
        self.args: list[str] = []
        """More `serve` options (e.g. `--rate-limit 2`), set before `start()`."""
        self.verify: ssl.SSLContext | bool = True
        """What the start-up probe trusts (a CA file when a test serves HTTPS)."""
        self._engine = make_engine(dsn, pool_size=1)
        self._sessions = make_sessions(self._engine)

    def start(self) -> None:
        if self.process is not None:
            return
        command = [
            sys.executable, "-m", "cloud", "serve", "--database-url", self.dsn,
            "--host", "127.0.0.1", "--port", str(self.port), *self.args,
        ]  # fmt: skip
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **self.env}
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.log_path.read_text(errors="replace")
                self.process = None
                raise RuntimeError(f"posapp-cloud serve exited:\n{output}")
            try:
                if (
                    httpx.get(f"{self.url}/v1/health", timeout=1.0, verify=self.verify).status_code
                    == 200
                ):
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(
            f"posapp-cloud serve did not answer in {START_TIMEOUT} s:\n"
            + self.log_path.read_text(errors="replace")
        )

    def stop(self) -> None:
        """Stop the server (the database stays): `start()` brings it back on the same port."""
        process, self.process = self.process, None
        if process is None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    def create_chain(self, name: str) -> Chain:
        with unit_of_work(self._sessions) as session:
            made = registry.create_chain(session, name)
        return Chain(made.chain_id, made.admin_key, made.webhook_secret, made.online_terminal_uuid)

    def add_terminal(self, chain: Chain | str, name: str) -> str:
        """A new terminal of the chain; returns its bearer token."""
        chain_id = chain if isinstance(chain, str) else chain.chain_id
        with unit_of_work(self._sessions) as session:
            return registry.add_terminal(session, chain_id, name).token

    def close(self) -> None:
        self.stop()
        self._engine.dispose()


@pytest.fixture
def cloud_server(postgres: Callable[[], str], tmp_path: Path) -> Iterator[CloudServer]:
    server = CloudServer(postgres(), tmp_path)
    try:
        server.start()
        yield server
    finally:
        server.close()
