"""Our PSP on 127.0.0.1 (HTTPS, mTLS, OAuth2) and the real API Pix client pointed at it."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from payments.pix_api import PixApiClient, PixApiConfig
from payments.testing.certs import PspCertificates, make_certificates
from payments.testing.psp_server import PspServer

STORE_KEY = "123e4567-e12b-12d1-a456-426655440000"


@pytest.fixture(scope="session")
def psp_certificates(tmp_path_factory: pytest.TempPathFactory) -> PspCertificates:
    return make_certificates(tmp_path_factory.mktemp("psp-certs"))


@pytest.fixture
def psp(psp_certificates: PspCertificates) -> Iterator[PspServer]:
    with PspServer(psp_certificates) as server:
        yield server


def config_for(server: PspServer, **changes: Any) -> PixApiConfig:
    config = PixApiConfig(
        base_url=server.base_url,
        token_url=server.token_url,
        client_id=server.client_id,
        client_secret=server.client_secret,
        cert_file=server.certificates.client_cert,
        key_file=server.certificates.client_key,
        ca_file=server.certificates.ca_cert,
        timeout_s=5.0,
    )
    return replace(config, **changes)


@pytest.fixture
def make_client(psp: PspServer) -> Iterator[Callable[..., PixApiClient]]:
    clients: list[PixApiClient] = []

    def _make(clock: Callable[[], float] | None = None, **changes: Any) -> PixApiClient:
        config = config_for(psp, **changes)
        client = PixApiClient(config) if clock is None else PixApiClient(config, clock=clock)
        clients.append(client)
        return client

    yield _make
    for client in clients:
        client.close()


@dataclass
class Receiver:
    """A plain HTTP server on 127.0.0.1 standing for the store's webhook endpoint."""

    url: str = ""
    posts: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def webhook_receiver() -> Iterator[Receiver]:
    receiver = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            receiver.posts.append((self.path, json.loads(self.rfile.read(length))))
            receiver.arrived.set()
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/webhook"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield receiver
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
