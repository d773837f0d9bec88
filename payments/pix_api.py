"""Client of a PSP's API Pix, the Banco Central's standard, version 2.9.0.

Source: github.com/bacen/pix-api, openapi.yaml, `info.version: "2.9.0"` (OpenAPI 3.0.0),
read at commit 1f1b568 ("release 2.9.0"). Used here:

- OAuth2 client credentials (`securitySchemes.OAuth2`, scopes cob.write, cob.read,
  pix.write, pix.read, webhook.write) over mTLS: the PSP's certificate for the
  client is presented on every connection, the token endpoint included;
- PUT /cob/{txid} (201 CobGerada: `location`, `pixCopiaECola`), txid [a-zA-Z0-9]{26,35};
- GET /cob/{txid} (200 CobCompleta: status ATIVA | CONCLUIDA | REMOVIDA_PELO_USUARIO_RECEBEDOR
  | REMOVIDA_PELO_PSP, and `pix[]` with each payment's endToEndId);
- PATCH /cob/{txid} {"status": "REMOVIDA_PELO_USUARIO_RECEBEDOR"} (CobRevisada) to cancel;
- PUT /pix/{e2eid}/devolucao/{id} (201 Devolucao) and GET of the same to refund;
- PUT /webhook/{chave} {"webhookUrl"}: the PSP then POSTs {"pix": [...]} to {webhookUrl}/pix.

Errors follow RFC 7807 (schema `Problema`: type, title, status, detail, violacoes) and
are mapped to PixApiError subclasses carrying pt_BR and en messages. Money crosses
the boundary as integer centavos; the API's "123.45" strings stay in here.
"""

from __future__ import annotations

import re
import ssl
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from payments.amounts import InvalidAmount, from_decimal_text, to_decimal_text
from payments.errors import PaymentError

API_VERSION = "2.9.0"
TXID_PATTERN = re.compile(r"[a-zA-Z0-9]{26,35}")
E2EID_PATTERN = re.compile(r"[a-zA-Z0-9]{32}")
REFUND_ID_PATTERN = re.compile(r"[a-zA-Z0-9]{1,35}")
DEFAULT_SCOPES = "cob.write cob.read pix.write pix.read webhook.write"
TOKEN_MARGIN_S = 30.0
"""A token is renewed this long before the PSP says it expires."""


class ChargeStatus(StrEnum):
    """CobrancaStatus: the registry's state, not whether the charge has expired."""

    ACTIVE = "ATIVA"
    COMPLETED = "CONCLUIDA"
    REMOVED_BY_RECEIVER = "REMOVIDA_PELO_USUARIO_RECEBEDOR"
    REMOVED_BY_PSP = "REMOVIDA_PELO_PSP"


class RefundStatus(StrEnum):
    PROCESSING = "EM_PROCESSAMENTO"
    RETURNED = "DEVOLVIDO"
    NOT_DONE = "NAO_REALIZADO"


# --- errors -------------------------------------------------------------------------


class PixApiError(PaymentError):
    code = "pix_api_error"
    pt_BR = "O provedor Pix recusou a operação."
    en = "The Pix provider refused the operation."


class InvalidTxidForApi(PixApiError):
    code = "pix_api_invalid_txid"
    pt_BR = "txid inválido para cobrança dinâmica: {value}. Use de 26 a 35 letras e números."
    en = "Invalid txid for a dynamic charge: {value}. Use 26 to 35 letters and digits."


class PspUnreachable(PixApiError):
    code = "psp_unreachable"
    pt_BR = (
        "Sem conexão com o provedor Pix ({detail}). "
        "Confira a internet ou use outra forma de pagamento."
    )
    en = "No connection to the Pix provider ({detail}). Check the internet or use another tender."


class PspTlsRefused(PixApiError):
    code = "psp_tls_refused"
    pt_BR = (
        "O provedor Pix recusou a conexão segura ({detail}). "
        "Confira o certificado do cliente (mTLS) em Gerência."
    )
    en = (
        "The Pix provider refused the secure connection ({detail}). "
        "Check the client certificate (mTLS) in Management."
    )


class PspTimeout(PixApiError):
    code = "psp_timeout"
    pt_BR = "O provedor Pix não respondeu em {seconds} s."
    en = "The Pix provider did not answer within {seconds} s."


class PspAuthFailed(PixApiError):
    code = "psp_auth_failed"
    pt_BR = (
        "O provedor Pix recusou as credenciais (client_id/secret): HTTP {status}. "
        "Confira em Gerência."
    )
    en = (
        "The Pix provider refused the credentials (client_id/secret): HTTP {status}. "
        "Check them in Management."
    )


class PspRefused(PixApiError):
    code = "psp_refused"
    pt_BR = "O provedor Pix recusou a operação: {title} ({kind}). {detail}"
    en = "The Pix provider refused the operation: {title} ({kind}). {detail}"


class PspNotFound(PixApiError):
    code = "psp_not_found"
    pt_BR = "O provedor Pix não encontrou {what}."
    en = "The Pix provider did not find {what}."


class PspUnavailable(PixApiError):
    code = "psp_unavailable"
    pt_BR = "O provedor Pix está indisponível (HTTP {status}). Tente de novo em instantes."
    en = "The Pix provider is unavailable (HTTP {status}). Try again shortly."


class PspBadAnswer(PixApiError):
    code = "psp_bad_answer"
    pt_BR = "Resposta inesperada do provedor Pix: {detail}."
    en = "Unexpected answer from the Pix provider: {detail}."


# --- results ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Refund:
    """A devolução of (part of) a received Pix."""

    id: str
    rtr_id: str
    amount_centavos: int
    status: RefundStatus
    requested_at: datetime | None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class ReceivedPix:
    """A payment received (schema Pix): endToEndId is what NFC-e cAut carries for Pix."""

    end_to_end_id: str
    txid: str | None
    amount_centavos: int
    paid_at: datetime | None
    refunds: tuple[Refund, ...] = ()


@dataclass(frozen=True, slots=True)
class Charge:
    """A cobrança imediata as the PSP answered (CobGerada / CobCompleta)."""

    txid: str
    status: ChargeStatus
    revision: int
    amount_centavos: int
    key: str
    location: str | None
    copy_paste: str | None
    """pixCopiaECola: the BR Code text to show as a QR."""
    created_at: datetime | None
    expiry_s: int
    payments: tuple[ReceivedPix, ...] = ()

    @property
    def expires_at(self) -> datetime | None:
        if self.created_at is None:
            return None
        return datetime.fromtimestamp(
            self.created_at.timestamp() + self.expiry_s, self.created_at.tzinfo
        )


# --- configuration --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PixApiConfig:
    """What a PSP hands a store: base URL, token URL, credentials and a client certificate."""

    base_url: str
    """e.g. https://pix.example.com/api/v2 (no trailing slash needed)."""
    token_url: str
    client_id: str
    client_secret: str = field(repr=False)
    cert_file: Path | None
    """PEM client certificate (mTLS); key in key_file, or both in cert_file."""
    key_file: Path | None = None
    ca_file: Path | None = None
    """PEM certificates to trust for the PSP; None trusts the system's store."""
    timeout_s: float = 10.0
    scopes: str = DEFAULT_SCOPES


def tls_context(config: PixApiConfig) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(config.ca_file) if config.ca_file else None)
    if config.cert_file is not None:
        context.load_cert_chain(
            str(config.cert_file), str(config.key_file) if config.key_file else None
        )
    return context


# --- parsing answers -------------------------------------------------------------------


def _timestamp(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _money(value: Any, where: str) -> int:
    try:
        return from_decimal_text(str(value))
    except InvalidAmount:
        raise PspBadAnswer(detail=f"{where} = {value!r}") from None


def parse_refund(data: Mapping[str, Any]) -> Refund:
    try:
        horario = data.get("horario") or {}
        return Refund(
            id=str(data["id"]),
            rtr_id=str(data["rtrId"]),
            amount_centavos=_money(data["valor"], "devolucao.valor"),
            status=RefundStatus(data["status"]),
            requested_at=_timestamp(horario.get("solicitacao")),
            reason=data.get("motivo"),
        )
    except (KeyError, ValueError, TypeError, AttributeError) as error:
        raise PspBadAnswer(detail=f"devolução sem {error}") from None


def parse_pix(data: Mapping[str, Any]) -> ReceivedPix:
    try:
        return ReceivedPix(
            end_to_end_id=str(data["endToEndId"]),
            txid=data.get("txid"),
            amount_centavos=_money(data["valor"], "pix.valor"),
            paid_at=_timestamp(data.get("horario")),
            refunds=tuple(parse_refund(item) for item in data.get("devolucoes") or ()),
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise PspBadAnswer(detail=f"pix sem {error}") from None


def parse_charge(data: Mapping[str, Any]) -> Charge:
    try:
        calendario = data["calendario"]
        return Charge(
            txid=str(data["txid"]),
            status=ChargeStatus(data["status"]),
            revision=int(data.get("revisao", 0)),
            amount_centavos=_money(data["valor"]["original"], "valor.original"),
            key=str(data["chave"]),
            location=data.get("location") or (data.get("loc") or {}).get("location"),
            copy_paste=data.get("pixCopiaECola"),
            created_at=_timestamp(calendario.get("criacao")),
            expiry_s=int(calendario.get("expiracao", 86400)),
            payments=tuple(parse_pix(item) for item in data.get("pix") or ()),
        )
    except (KeyError, ValueError, TypeError, AttributeError) as error:
        raise PspBadAnswer(detail=f"cobrança sem {error}") from None


def parse_webhook(body: Mapping[str, Any]) -> tuple[ReceivedPix, ...]:
    """The PSP's POST to {webhookUrl}/pix (WebhookPixBody: {"pix": [Pix, ...]})."""
    items = body.get("pix")
    if not isinstance(items, list):
        raise PspBadAnswer(detail="webhook sem lista pix")
    return tuple(parse_pix(item) for item in items)


def check_txid(txid: str) -> str:
    if not TXID_PATTERN.fullmatch(txid):
        raise InvalidTxidForApi(value=txid)
    return txid


# --- the client ---------------------------------------------------------------------


@dataclass
class _Token:
    value: str
    expires_at: float


class PixApiClient:
    """One store's connection to its PSP. Thread-safe; close() when done.

    `clock` is monotonic seconds (the token's expiry); `transport` lets a test swap
    httpx's transport, but the tests in tests/payments use a real HTTPS server.
    """

    def __init__(
        self,
        config: PixApiConfig,
        *,
        clock: Callable[[], float] = time.monotonic,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.config = config
        self._clock = clock
        self._token: _Token | None = None
        self._lock = threading.Lock()
        self._http = httpx.Client(
            verify=tls_context(config),
            timeout=httpx.Timeout(config.timeout_s),
            transport=transport,
            headers={"Accept": "application/json"},
        )
        self.tokens_fetched = 0

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PixApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # token

    def access_token(self) -> str:
        """The cached token, fetched again when less than TOKEN_MARGIN_S of it is left."""
        with self._lock:
            now = self._clock()
            if self._token is None or now >= self._token.expires_at:
                self._token = self._fetch_token(now)
            return self._token.value

    def forget_token(self) -> None:
        with self._lock:
            self._token = None

    def _fetch_token(self, now: float) -> _Token:
        response = self._send(
            "POST",
            self.config.token_url,
            data={"grant_type": "client_credentials", "scope": self.config.scopes},
            auth=(self.config.client_id, self.config.client_secret),
        )
        if response.status_code in (400, 401, 403):
            raise PspAuthFailed(status=response.status_code)
        if response.status_code >= 500:
            raise PspUnavailable(status=response.status_code)
        data = self._json(response, "token")
        try:
            value = str(data["access_token"])
            lifetime = float(data.get("expires_in", 3600))
        except (KeyError, TypeError, ValueError):
            raise PspBadAnswer(detail="token sem access_token") from None
        self.tokens_fetched += 1
        return _Token(value, now + max(lifetime - TOKEN_MARGIN_S, lifetime / 2))

    # operations

    def create_charge(
        self,
        txid: str,
        amount_centavos: int,
        key: str,
        *,
        expiry_s: int = 3600,
        payer_request: str | None = None,
    ) -> Charge:
        """PUT /cob/{txid}. Repeating it with the same txid while the charge is ATIVA
        revises the same charge (API Pix: only a charge no longer ATIVA is refused), so a
        lost answer is safely retried with the same txid."""
        body: dict[str, Any] = {
            "calendario": {"expiracao": int(expiry_s)},
            "valor": {"original": to_decimal_text(amount_centavos)},
            "chave": key,
        }
        if payer_request:
            body["solicitacaoPagador"] = payer_request[:140]
        data = self._call("PUT", f"/cob/{check_txid(txid)}", json=body, what=f"a cobrança {txid}")
        return parse_charge(data)

    def get_charge(self, txid: str) -> Charge:
        """GET /cob/{txid}."""
        return parse_charge(
            self._call("GET", f"/cob/{check_txid(txid)}", what=f"a cobrança {txid}")
        )

    def cancel_charge(self, txid: str) -> Charge:
        """PATCH /cob/{txid} to REMOVIDA_PELO_USUARIO_RECEBEDOR (refused if no longer ATIVA)."""
        data = self._call(
            "PATCH",
            f"/cob/{check_txid(txid)}",
            json={"status": ChargeStatus.REMOVED_BY_RECEIVER.value},
            what=f"a cobrança {txid}",
        )
        return parse_charge(data)

    def refund(
        self, e2eid: str, refund_id: str, amount_centavos: int, description: str | None = None
    ) -> Refund:
        """PUT /pix/{e2eid}/devolucao/{id}. The id is ours: the same id twice is refused
        by the PSP (PixDevolucaoInvalida), which is what keeps a refund from happening twice."""
        self._check_refund_ids(e2eid, refund_id)
        body: dict[str, Any] = {"valor": to_decimal_text(amount_centavos)}
        if description:
            body["descricao"] = description[:140]
        data = self._call(
            "PUT",
            f"/pix/{e2eid}/devolucao/{refund_id}",
            json=body,
            what=f"o Pix {e2eid}",
        )
        return parse_refund(data)

    def get_refund(self, e2eid: str, refund_id: str) -> Refund:
        self._check_refund_ids(e2eid, refund_id)
        data = self._call(
            "GET", f"/pix/{e2eid}/devolucao/{refund_id}", what=f"a devolução {refund_id}"
        )
        return parse_refund(data)

    def set_webhook(self, key: str, url: str) -> None:
        """PUT /webhook/{chave}: the PSP will POST received Pix to {url}/pix."""
        self._call("PUT", f"/webhook/{quote(key, safe='')}", json={"webhookUrl": url}, what=key)

    # plumbing

    @staticmethod
    def _check_refund_ids(e2eid: str, refund_id: str) -> None:
        if not E2EID_PATTERN.fullmatch(e2eid):
            raise PspBadAnswer(detail=f"endToEndId inválido {e2eid!r}")
        if not REFUND_ID_PATTERN.fullmatch(refund_id):
            raise PspBadAnswer(detail=f"id de devolução inválido {refund_id!r}")

    def _call(self, method: str, path: str, *, what: str, json: Any = None) -> dict[str, Any]:
        url = self.config.base_url.rstrip("/") + path
        for attempt in (1, 2):
            headers = {"Authorization": f"Bearer {self.access_token()}"}
            response = self._send(method, url, json=json, headers=headers)
            if response.status_code == 401 and attempt == 1:
                self.forget_token()
                continue
            break
        status = response.status_code
        if 200 <= status < 300:
            if not response.content:
                return {}
            return self._json(response, path)
        if status in (401, 403):
            raise PspAuthFailed(status=status)
        if status in (404, 410):
            raise PspNotFound(what=what)
        if status >= 500:
            raise PspUnavailable(status=status)
        raise self._problem(response)

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return self._http.request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise PspTimeout(seconds=f"{self.config.timeout_s:g}") from None
        except httpx.ConnectError as error:
            if isinstance(error.__context__, ssl.SSLError) or "SSL" in str(error):
                raise PspTlsRefused(detail=_short(error)) from None
            raise PspUnreachable(detail=_short(error)) from None
        except httpx.TransportError as error:
            if "SSL" in str(error) or "certificate" in str(error).lower():
                raise PspTlsRefused(detail=_short(error)) from None
            raise PspUnreachable(detail=_short(error)) from None

    @staticmethod
    def _json(response: httpx.Response, where: str) -> dict[str, Any]:
        try:
            data = response.json()
        except ValueError:
            raise PspBadAnswer(detail=f"{where}: HTTP {response.status_code} sem JSON") from None
        if not isinstance(data, dict):
            raise PspBadAnswer(detail=f"{where}: JSON não é objeto")
        return data

    @staticmethod
    def _problem(response: httpx.Response) -> PspRefused:
        try:
            data = response.json()
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        kind = str(data.get("type", "")).rsplit("/", 1)[-1] or f"HTTP {response.status_code}"
        details = [str(data.get("detail") or "")]
        for violation in data.get("violacoes") or ():
            if isinstance(violation, dict) and str(violation.get("razao")) not in details[0]:
                details.append(f"{violation.get('propriedade', '')}: {violation.get('razao', '')}")
        return PspRefused(
            title=data.get("title") or f"HTTP {response.status_code}",
            kind=kind,
            detail=" ".join(part for part in details if part).strip(),
        )


def _short(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 160 else text[:157] + "..."
