"""Request size limits, enforced before the body is parsed and before any auth work.

A pure ASGI middleware: a declared `Content-Length` over the route's limit is answered
`413` before a byte of the body is read; a body without one (chunked) is read from the
stream up to the limit and answered `413` as soon as it passes it. Either way the app
never holds more than the limit of one request in memory.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MiB = 1024 * 1024
PUSH_SLOTS = 3
"""Pushes one worker process applies at once; the others wait their turn in the process.
A push is mostly Python holding the GIL: with ten pushes in one process, the one holding
its chain's row lock got a tenth of the process while the chain's other counters waited
for it (bench/sync_load.py, see bench/README.md)."""


@dataclass(frozen=True, slots=True)
class BodyLimits:
    """Bytes a request body may have: `push` for `POST /v1/events`, `default` elsewhere."""

    push: int = 8 * MiB
    default: int = 1 * MiB
    paths: dict[str, int] = field(default_factory=dict)

    def for_path(self, path: str) -> int:
        if path in self.paths:
            return self.paths[path]
        return self.push if path == "/v1/events" else self.default


def _too_large(limit: int) -> bytes:
    return json.dumps(
        {
            "error": "too_large",
            "message": f"Requisição grande demais (máximo {limit} bytes).",
            "message_en": f"Request too large (at most {limit} bytes).",
            "limit": limit,
        }
    ).encode()


class BodyLimit:
    """The ASGI middleware (see the module's docstring)."""

    def __init__(self, app: ASGIApp, limits: BodyLimits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.for_path(scope.get("path", ""))
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _answer_413(send, limit)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _answer_413(send, limit)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _answer_413(send: Send, limit: int) -> None:
    body = _too_large(limit)
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
