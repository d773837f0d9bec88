"""The counter's HTTP client for the sync endpoint (docs/sync-protocol.md).

Knows nothing of the database: it speaks JSON and returns plain values. Every
failure is one of three exceptions, so callers decide with one `except` each:

- `Offline`: the endpoint could not be reached or did not answer properly
  (connection refused or reset, timeout, a 5xx, a body cut short or not JSON).
  Nothing can be concluded: the counter decides on what it knows and retries later.
- `Unauthorized`: 401/403, the token is wrong or revoked (a `Refused`).
- `Refused`: any other 4xx, with the server's code and its pt_BR/English messages.

Timeouts are short (connect 2 s, read 5 s): a counter never waits long on a network
that is not there.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx

CONNECT_TIMEOUT = 2.0
READ_TIMEOUT = 5.0
MAX_BATCH = 1000


class SyncError(Exception):
    """A sync call that did not succeed; `message(locale)` is for people."""

    pt_BR: str = "Falha na sincronização."
    en: str = "Sync failed."

    def __init__(self, detail: str = "") -> None:
        self.detail = detail
        super().__init__(self.message("en"))

    def message(self, locale: str = "pt_BR") -> str:
        text = self.pt_BR if locale.startswith("pt") else self.en
        return f"{text} ({self.detail})" if self.detail else text


class Offline(SyncError):
    pt_BR = "Sem conexão com o servidor de sincronização."
    en = "No connection to the sync server."


class Refused(SyncError):
    """The server answered 4xx: it understood and said no."""

    def __init__(
        self,
        status: int,
        code: str,
        message_pt: str = "",
        message_en: str = "",
        body: Mapping[str, Any] | None = None,
    ) -> None:
        self.status = status
        self.code = code
        self.message_pt = message_pt or f"Recusado pelo servidor ({status}: {code})."
        self.message_en = message_en or f"Refused by the server ({status}: {code})."
        self.body: dict[str, Any] = dict(body or {})
        super().__init__()

    def message(self, locale: str = "pt_BR") -> str:
        return self.message_pt if locale.startswith("pt") else self.message_en


class Unauthorized(Refused):
    """401/403: the token is not (or no longer) valid for this endpoint."""


@dataclass(frozen=True, slots=True)
class Hello:
    chain_id: str
    chain_name: str
    terminal_id: str
    runs_expiry: bool
    program: dict[str, Any] | None
    stores: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class PushAck:
    accepted: int
    duplicates: int
    last_seq: int


@dataclass(frozen=True, slots=True)
class PulledEvent:
    seq: int
    uuid: str
    kind: str
    created_at: str
    terminal_uuid: str | None
    store_uuid: str | None
    body: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Page:
    events: tuple[PulledEvent, ...]
    last_seq: int
    more: bool
    runs_expiry: bool | None = None
    """Whether this terminal runs the chain's expiry now; None when the endpoint does not say."""


@dataclass(frozen=True, slots=True)
class HoldAnswer:
    held: int
    available: int


@dataclass(frozen=True, slots=True)
class NetworkBalance:
    total: int
    applied_seq: int


class SyncClient:
    """One endpoint, one token. Thread-safe for sequential use by one thread at a time
    per method call (httpx.Client is); the worker and a checkout may each hold their own."""

    def __init__(
        self,
        url: str,
        token: str,
        *,
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = url.rstrip("/")
        timeout = httpx.Timeout(read_timeout, connect=connect_timeout)
        self._http = httpx.Client(
            base_url=self.url,
            timeout=timeout,
            headers={"Authorization": f"Bearer {token}", "User-Agent": "posapp-counter"},
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- the calls ---------------------------------------------------------------

    def health(self) -> bool:
        """True when the endpoint answers its health probe; never raises."""
        try:
            return bool(self._call("GET", "/v1/health").get("status") == "ok")
        except SyncError:
            return False

    def hello(self, payload: Mapping[str, Any]) -> Hello:
        data = self._call("POST", "/v1/hello", json=dict(payload))
        try:
            return Hello(
                chain_id=str(data["chain_id"]),
                chain_name=str(data.get("chain_name") or ""),
                terminal_id=str(data.get("terminal_id") or ""),
                runs_expiry=bool(data.get("runs_expiry", False)),
                program=data.get("program"),
                stores=tuple(data.get("stores") or ()),
            )
        except (KeyError, TypeError) as error:
            raise Offline(f"hello: {error!r}") from error

    def push(self, events: Sequence[Mapping[str, Any]]) -> PushAck:
        if len(events) > MAX_BATCH:
            raise ValueError(f"at most {MAX_BATCH} events per push")
        data = self._call("POST", "/v1/events", json={"events": list(events)})
        try:
            return PushAck(
                int(data["accepted"]), int(data.get("duplicates", 0)), int(data["last_seq"])
            )
        except (KeyError, TypeError, ValueError) as error:
            raise Offline(f"push: {error!r}") from error

    def pull(self, after: int, limit: int = 500) -> Page:
        data = self._call("GET", "/v1/events", params={"after": after, "limit": limit})
        try:
            events = tuple(
                PulledEvent(
                    seq=int(e["seq"]),
                    uuid=str(e["uuid"]),
                    kind=str(e["kind"]),
                    created_at=str(e.get("created_at") or ""),
                    terminal_uuid=e.get("terminal_uuid"),
                    store_uuid=e.get("store_uuid"),
                    body=dict(e.get("body") or {}),
                )
                for e in data["events"]
            )
            expiry = data.get("runs_expiry")
            return Page(
                events,
                int(data["last_seq"]),
                bool(data.get("more", False)),
                None if expiry is None else bool(expiry),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise Offline(f"pull: {error!r}") from error

    def claim_voucher(self, code: str, sale_uuid: str) -> None:
        """Claimed, or `Refused` (voucher_used, voucher_held, voucher_expired, unknown_voucher)."""
        self._call(
            "POST", f"/v1/vouchers/{quote(code, safe='')}/claim", json={"sale_uuid": sale_uuid}
        )

    def hold(self, customer_uuid: str, sale_uuid: str, amount: int) -> HoldAnswer:
        """Held, or `Refused` insufficient_balance with the body's `available`."""
        data = self._call(
            "POST",
            f"/v1/customers/{quote(customer_uuid, safe='')}/hold",
            json={"sale_uuid": sale_uuid, "amount": amount},
        )
        return HoldAnswer(int(data.get("held", amount)), int(data.get("available", 0)))

    def balance(self, customer_uuid: str) -> NetworkBalance:
        data = self._call("GET", f"/v1/customers/{quote(customer_uuid, safe='')}/balance")
        return NetworkBalance(int(data["total"]), int(data.get("applied_seq", 0)))

    def conflicts(self, status: str = "open") -> list[dict[str, Any]]:
        data = self._call("GET", "/v1/conflicts", params={"status": status})
        rows = data.get("conflicts", data.get("items")) or []
        return [dict(row) for row in rows]

    def resolve_conflict(
        self, conflict_id: str, resolution: str, note: str, resolved_by: str
    ) -> dict[str, Any]:
        return self._call(
            "POST",
            f"/v1/conflicts/{quote(str(conflict_id), safe='')}/resolve",
            json={"resolution": resolution, "note": note, "resolved_by": resolved_by},
        )

    # -- transport ---------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """The JSON object the endpoint answered (a bare list comes back as {"items": [...]})."""
        try:
            response = self._http.request(method, path, **kwargs)
            raw = response.read()
        except httpx.TransportError as error:  # refused, reset, timeout, body cut short
            raise Offline(type(error).__name__) from error
        if response.status_code >= 500:
            raise Offline(f"HTTP {response.status_code}")
        try:
            data: Any = json.loads(raw) if raw else {}
        except ValueError as error:  # a proxy's page, or a body cut at a boundary
            raise Offline("resposta inválida / invalid response") from error
        if response.status_code >= 400:
            body = data if isinstance(data, dict) else {}
            detail = body.get("detail") if isinstance(body.get("detail"), dict) else None
            if detail is not None:  # FastAPI's HTTPException(detail={...})
                body = {**detail, **{k: v for k, v in body.items() if k != "detail"}}
            kind = Unauthorized if response.status_code in (401, 403) else Refused
            raise kind(
                response.status_code,
                str(body.get("error") or f"http_{response.status_code}"),
                str(body.get("message") or ""),
                str(body.get("message_en") or ""),
                body,
            )
        if response.status_code >= 300:
            raise Offline(f"HTTP {response.status_code}")
        if isinstance(data, list):
            return {"items": data}
        if not isinstance(data, dict):
            raise Offline("resposta inválida / invalid response")
        return data
