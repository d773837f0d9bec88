"""The counter's HTTP client for the sync endpoint (docs/sync-protocol.md).

Knows nothing of the database: it speaks JSON and returns plain values. Every
failure is one of three exceptions, so callers decide with one `except` each:

- `Offline`: the endpoint could not be reached or did not answer properly
  (connection refused or reset, timeout, a 5xx, a body cut short or not JSON).
  Nothing can be concluded: the counter decides on what it knows and retries later.
- `Unauthorized`: 401/403, the token is wrong or revoked (a `Refused`).
- `Refused`: any other 4xx, with the server's code and its pt_BR/English messages.

Timeouts are short (connect 2 s, read 5 s): a counter never waits long on a network
that is not there. A push's read timeout grows with its batch (`push_timeout`), and the
batch size follows the endpoint's measured answer time (`BatchSizer`), so a big batch
on a busy endpoint is not cut off after the endpoint committed it.

HTTPS is verified: against the system's certificate authorities, or only against the
CA file a self-hosted store pins (`ca_file`); a certificate that does not verify is
`CertificateRejected` (offline, with a message that says so).
"""

from __future__ import annotations

import json
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx

CONNECT_TIMEOUT = 2.0
READ_TIMEOUT = 5.0
PER_EVENT_TIMEOUT = 0.01
"""Seconds of read timeout a pushed event adds: 1 000 events wait up to 15 s."""
MAX_BATCH = 1000
MIN_BATCH = 25
FIRST_BATCH = 50
TARGET_SECONDS = 1.0
"""The answer time a push aims at; the batch shrinks above it and grows well below it."""


def push_timeout(events: int, base: float = READ_TIMEOUT) -> float:
    """The read timeout of a push of `events`: the base plus a share per event."""
    return base + events * PER_EVENT_TIMEOUT


class BatchSizer:
    """The next push's batch size, from the answer times measured so far.

    Starts at `FIRST_BATCH`; an answer slower than `TARGET_SECONDS` (or no answer at
    all) halves it, down to `MIN_BATCH`; a full batch answered in under a quarter of the
    target doubles it, up to `MAX_BATCH`.
    """

    def __init__(self, size: int = FIRST_BATCH) -> None:
        self.size = max(MIN_BATCH, min(MAX_BATCH, size))

    def answered(self, events: int, seconds: float) -> None:
        if seconds > TARGET_SECONDS:
            self.size = max(MIN_BATCH, min(self.size, events) // 2)
        elif seconds < TARGET_SECONDS / 4 and events >= self.size:
            self.size = min(MAX_BATCH, self.size * 2)

    def unanswered(self) -> None:
        self.size = max(MIN_BATCH, self.size // 2)


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


class Busy(Offline):
    """429: the endpoint asks this token to slow down; nothing was done, try later."""

    pt_BR = "O servidor de sincronização pediu para esperar; nova tentativa em breve."
    en = "The sync server asked to wait; trying again shortly."


class CertificateRejected(Offline):
    """The endpoint's HTTPS certificate did not verify (the system's CAs, or the pinned
    CA file of a self-hosted store): nothing was sent."""

    pt_BR = (
        "O certificado do servidor de sincronização não é confiável (não confere com a "
        "autoridade configurada); nada foi enviado."
    )
    en = (
        "The sync server's certificate is not trusted (it does not match the configured "
        "authority); nothing was sent."
    )


IDENTITY_ADVICE: dict[str, tuple[str, str]] = {
    "terminal_claimed": (
        "Este caixa já está registrado na rede em outro computador (cópia do banco de "
        "dados?). Nada foi enviado. Se o caixa mudou de computador, peça ao administrador "
        "da rede para movê-lo (posapp-cloud terminal move) e use o novo token.",
        "This counter is already registered in the chain on another PC (a copied "
        "database?). Nothing was sent. If the counter moved to another PC, ask the chain's "
        "admin to move it (posapp-cloud terminal move) and use the new token.",
    ),
    "token_revoked": (
        "O token deste caixa foi revogado pelo administrador da rede; a sincronização "
        "parou. Peça um novo token (ou, se o caixa foi movido, ele já funciona no outro "
        "computador).",
        "This counter's token was revoked by the chain's admin; sync stopped. Ask for a "
        "new token (or, if the counter was moved, it now runs on the other PC).",
    ),
}
"""What the counter tells its manager for the identity refusals, before the server's own
words (which say when and why)."""


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
        ca_file: str | None = None,
    ) -> None:
        self.url = url.rstrip("/")
        self.connect_timeout, self.read_timeout = connect_timeout, read_timeout
        self.batches = BatchSizer()
        timeout = httpx.Timeout(read_timeout, connect=connect_timeout)
        # a pinned CA replaces the system's: only that store's certificate is trusted
        verify: ssl.SSLContext | bool = (
            ssl.create_default_context(cafile=ca_file) if ca_file else True
        )
        self._http = httpx.Client(
            base_url=self.url,
            timeout=timeout,
            headers={"Authorization": f"Bearer {token}", "User-Agent": "posapp-counter"},
            transport=transport,
            verify=verify,
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
        timeout = httpx.Timeout(
            push_timeout(len(events), self.read_timeout), connect=self.connect_timeout
        )
        data = self._call("POST", "/v1/events", json={"events": list(events)}, timeout=timeout)
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

    def claim_voucher(
        self, code: str, sale_uuid: str, qr: str | None = None
    ) -> dict[str, Any] | None:
        """Claimed, or `Refused` (voucher_used, voucher_held, voucher_expired,
        voucher_cancelled, unknown_voucher; what the counter makes of each:
        `posapp.services.sync.authority.OnlineAuthority.claim_voucher`).

        With the scanned `qr` of a voucher not pulled yet, the endpoint checks it
        (`Refused` forged_voucher when it does not match the voucher its store issued) and
        the voucher is returned as its store announced it, with `store_name` and
        `customer_name`; None otherwise."""
        body: dict[str, Any] = {"sale_uuid": sale_uuid}
        if qr is not None:
            body["qr"] = qr
        data = self._call("POST", f"/v1/vouchers/{quote(code, safe='')}/claim", json=body)
        voucher = data.get("voucher") if isinstance(data, dict) else None
        return voucher if isinstance(voucher, dict) else None

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

    def ledger_head(self) -> tuple[int, str]:
        """(entry count, last hash) of this terminal's chain as the endpoint holds it."""
        data = self._call("GET", "/v1/ledger/head")
        try:
            return int(data["seq"]), str(data["hash"])
        except (KeyError, TypeError, ValueError) as error:
            raise Offline(f"ledger head: {error!r}") from error

    def conflicts(self, status: str = "open") -> list[dict[str, Any]]:
        data = self._call("GET", "/v1/conflicts", params={"status": status})
        rows = data.get("conflicts", data.get("items")) or []
        return [dict(row) for row in rows]

    def resolve_conflict(
        self,
        conflict_id: str,
        resolution: str,
        note: str,
        resolved_by: str,
        request_id: str | None = None,
    ) -> dict[str, Any]:
        """The resolved conflict. The same `request_id` again (a retry) gets the same answer."""
        body: dict[str, Any] = {"resolution": resolution, "note": note, "resolved_by": resolved_by}
        if request_id is not None:
            body["request_id"] = request_id
        return self._call(
            "POST", f"/v1/conflicts/{quote(str(conflict_id), safe='')}/resolve", json=body
        )

    # -- transport ---------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """The JSON object the endpoint answered (a bare list comes back as {"items": [...]})."""
        try:
            response = self._http.request(method, path, **kwargs)
            raw = response.read()
        except httpx.ConnectError as error:
            if "CERTIFICATE_VERIFY_FAILED" in str(error) or isinstance(
                error.__context__, ssl.SSLCertVerificationError
            ):
                raise CertificateRejected(str(error)[:200]) from error
            raise Offline(type(error).__name__) from error
        except httpx.TransportError as error:  # refused, reset, timeout, body cut short
            raise Offline(type(error).__name__) from error
        if response.status_code >= 500:
            raise Offline(f"HTTP {response.status_code}")
        if response.status_code == 429:
            raise Busy(f"Retry-After: {response.headers.get('Retry-After', '?')} s")
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
            code = str(body.get("error") or f"http_{response.status_code}")
            said_pt, said_en = str(body.get("message") or ""), str(body.get("message_en") or "")
            if code in IDENTITY_ADVICE:
                advice_pt, advice_en = IDENTITY_ADVICE[code]
                said_pt = f"{advice_pt} ({said_pt})" if said_pt else advice_pt
                said_en = f"{advice_en} ({said_en})" if said_en else advice_en
            raise kind(response.status_code, code, said_pt, said_en, body)
        if response.status_code >= 300:
            raise Offline(f"HTTP {response.status_code}")
        if isinstance(data, list):
            return {"items": data}
        if not isinstance(data, dict):
            raise Offline("resposta inválida / invalid response")
        return data
