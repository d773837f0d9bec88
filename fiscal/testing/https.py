"""What the local SEFAZ and the local Sefin share: HTTPS on 127.0.0.1 with a client
certificate required, requests that hang on demand, and a listener that goes down.

A subclass gives its request handler (`_handler`, bound to the server) and the path
its service lives under (`base_path`); `_switch(mode)` applies the modes both servers
have: `down` closes the listener (connection refused), any other mode opens it again,
and a mode that does not hang lets go of the requests still hanging.
"""

from __future__ import annotations

import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self

from fiscal.testing.certs import make_server_cert

HANGING_MODES = frozenset({"timeout", "timeout_after_authorise"})


class QuietHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: tests read the state, not the log."""

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        """One answer, then the connection closes (as the real services do)."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        self.wfile.write(body)


class LocalHttps:
    base_path = ""

    def __init__(self, client_ca: bytes, folder: Path, hang_s: float) -> None:
        self.client_ca = client_ca
        self.server_cert = make_server_cert(folder)
        self.hang_s = hang_s
        self._stop = threading.Event()
        self._port = 0
        self._httpd: ThreadingHTTPServer | None = None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        """The request handler class, bound to this server."""
        raise NotImplementedError

    @property
    def ca_file(self) -> str:
        """The server's certificate, for the client to trust."""
        return str(self.server_cert.cert_file)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self._port}{self.base_path}"

    def _listen(self) -> None:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(self.server_cert.cert_file, self.server_cert.key_file)
        ctx.verify_mode = ssl.CERT_REQUIRED
        ctx.load_verify_locations(cadata=self.client_ca.decode())
        httpd = ThreadingHTTPServer(("127.0.0.1", self._port), self._handler())
        httpd.daemon_threads = True
        httpd.socket = ctx.wrap_socket(
            httpd.socket, server_side=True, do_handshake_on_connect=False
        )
        self._port = httpd.server_address[1]  # the same port again after `down`
        self._httpd = httpd
        threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def _close(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def start(self) -> Self:
        self._stop.clear()
        self._listen()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _switch(self, mode: str) -> None:
        if mode == "down" and self._httpd is not None:
            self._stop.set()
            self._close()
        elif mode != "down" and self._httpd is None:
            self._stop.clear()
            self._listen()
        elif mode not in HANGING_MODES:
            self._stop.set()  # release requests still hanging
            self._stop = threading.Event()

    def hang(self) -> None:
        """Hold a request until `hang_s` passes or the mode changes."""
        self._stop.wait(self.hang_s)
