"""A fault-injecting HTTP proxy on loopback, between a counter and the endpoint.

Threaded, one request per client connection (it answers `Connection: close`, so the
client opens a fresh connection for the next call). For each request it draws a fault
from a seeded random generator:

- `pass`: forwarded, answered as is;
- `drop`: the connection is closed before anything is forwarded;
- `drop_after`: forwarded (the endpoint applies it), then closed without an answer;
- `delay`: forwarded after a pause (longer than the client's read timeout at times);
- `duplicate`: forwarded twice, the second answer returned (idempotency on the wire);
- `cut`: forwarded, then the answer is cut in the middle of its body;
- `error500`: answered 500 without forwarding;
- `error500_after`: forwarded (applied), then answered 500.

`faulty = False` turns it into a plain proxy. `counts` says what was injected.
"""

from __future__ import annotations

import random
import socket
import threading
import time
from collections import Counter
from collections.abc import Mapping

FAULTS: dict[str, float] = {
    "pass": 0.35,
    "drop": 0.08,
    "drop_after": 0.1,
    "delay": 0.1,
    "duplicate": 0.12,
    "cut": 0.1,
    "error500": 0.07,
    "error500_after": 0.08,
}


def _read_request(conn: socket.socket) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        body += chunk
    return _with_close(head) + b"\r\n\r\n" + body


def _with_close(head: bytes) -> bytes:
    lines = [
        line
        for line in head.split(b"\r\n")
        if not line.lower().startswith((b"connection:", b"keep-alive:"))
    ]
    return b"\r\n".join([*lines, b"Connection: close"])


class FaultProxy:
    def __init__(
        self,
        upstream_port: int,
        *,
        seed: int,
        faults: Mapping[str, float] = FAULTS,
        long_delay: float = 1.5,
    ) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.rng = random.Random(seed)
        self.faults = dict(faults)
        self.long_delay = long_delay
        self.faulty = True
        self.counts: Counter[str] = Counter()
        self.requests = 0
        self.request_seen = threading.Event()
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._stopped = False
        self._thread = threading.Thread(target=self._serve, name="fault-proxy", daemon=True)

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped = True
        self._listener.close()
        self._thread.join(2)

    def _draw(self) -> tuple[str, float]:
        with self._lock:
            self.requests += 1
            if not self.faulty:
                return "pass", 0.0
            kinds, weights = zip(*self.faults.items(), strict=True)
            fault = self.rng.choices(kinds, weights)[0]
            pause = self.rng.choice((0.05, 0.2, self.long_delay)) if fault == "delay" else 0.0
            self.counts[fault] += 1
            return fault, pause

    def _serve(self) -> None:
        while not self._stopped:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _forward(self, request: bytes) -> bytes:
        with socket.create_connection(self.upstream, timeout=30) as upstream:
            upstream.sendall(request)
            chunks = []
            while chunk := upstream.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks)

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            try:
                request = _read_request(conn)
                if request is None:
                    return
                self.request_seen.set()
                fault, pause = self._draw()
                if fault == "drop":
                    return
                if fault == "error500":
                    conn.sendall(_error500())
                    return
                if pause:
                    time.sleep(pause)
                response = self._forward(request)
                if fault == "duplicate":
                    response = self._forward(request)
                if fault == "drop_after":
                    return
                if fault == "error500_after":
                    conn.sendall(_error500())
                    return
                head, _, body = response.partition(b"\r\n\r\n")
                answer = _with_close(head) + b"\r\n\r\n" + body
                if fault == "cut" and body:
                    conn.sendall(answer[: len(answer) - max(1, len(body) // 2)])
                    return
                conn.sendall(answer)
            except OSError:
                return


def _error500() -> bytes:
    body = b'{"error":"proxy","message":"falha injetada","message_en":"injected fault"}'
    return (
        b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body
    )
