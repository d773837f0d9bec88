"""A PSP of our own on 127.0.0.1 speaking the API Pix 2.9.0, for tests and demos.

Built from github.com/bacen/pix-api openapi.yaml (version 2.9.0, commit 1f1b568): the
same paths, bodies (CobGerada, CobCompleta, Pix, Devolucao) and RFC 7807 problems
(`Problema`, types https://pix.bcb.gov.br/api/v2/error/<TipoErro>). HTTPS only, and
the client must present a certificate signed by our CA (mTLS), as the Manual de
Segurança do Pix requires of a PSP's API; OAuth2 client credentials at /oauth/token.

Knobs a test turns:
- `slow(seconds, method, path_prefix)`: matching requests are carried out, then the
  answer waits (a lost or late answer: the work is done, the client may time out);
- a charge's own `calendario.expiracao`: once past, `pay` is refused;
- `pay(txid)`: the payer pays now; `auto_pay_after_s`: every new charge is paid that
  long after it is created, by itself;
- `pay_late(txid)`: money arrives with that txid after the charge was removed (the
  payer's app had already sent it);
- `send_copy_paste`: False answers charges without `pixCopiaECola` (the schema does not
  require it; the location alone is the QR's payload URL);
- `refund_status`: how a new devolução answers: DEVOLVIDO (default), EM_PROCESSAMENTO
  (until `settle_refund`) or NAO_REALIZADO (the SPI did not carry it out, with a
  `motivo`; it does not count against the Pix's value);
- a webhook set with PUT /webhook/{chave} (loopback URLs only) receives
  POST {webhookUrl}/pix {"pix": [...]} on each payment and each finished refund.

Only http.server, ssl and httpx (for the webhook POST): no framework.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import json
import re
import secrets
import ssl
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import httpx

from payments.amounts import from_decimal_text, to_decimal_text
from payments.brcode import build_dynamic
from payments.testing.certs import PspCertificates

ERROR_BASE = "https://pix.bcb.gov.br/api/v2/error/"
_TXID = re.compile(r"[a-zA-Z0-9]{26,35}")
_VALOR = re.compile(r"\d{1,10}\.\d{2}")
_REFUND_ID = re.compile(r"[a-zA-Z0-9]{1,35}")
ISPB = "12345678"


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d%H%M")


def new_end_to_end_id() -> str:
    """E + ISPB (8) + yyyyMMddHHmm + 11 alphanumerics = 32 characters."""
    return "E" + ISPB + _stamp() + secrets.token_hex(6)[:11]


def new_return_id() -> str:
    return "D" + ISPB + _stamp() + secrets.token_hex(6)[:11]


class Problem(Exception):
    def __init__(self, status: int, kind: str, title: str, detail: str, **violation: str) -> None:
        super().__init__(detail)
        self.body: dict[str, Any] = {
            "type": ERROR_BASE + kind,
            "title": title,
            "status": status,
            "detail": detail,
        }
        if violation:
            self.body["violacoes"] = [violation]
        self.status = status


@dataclass
class _Charge:
    txid: str
    body: dict[str, Any]
    created_monotonic: float
    payments: list[dict[str, Any]] = field(default_factory=list)

    @property
    def status(self) -> str:
        return str(self.body["status"])

    def expired(self, now: float) -> bool:
        return now > self.created_monotonic + int(self.body["calendario"]["expiracao"])

    def view(self) -> dict[str, Any]:
        data = copy.deepcopy(self.body)
        if self.payments:
            data["pix"] = copy.deepcopy(self.payments)
        return data


@dataclass(frozen=True, slots=True)
class Exchange:
    method: str
    path: str
    request: dict[str, Any] | None
    status: int
    answer: dict[str, Any] | None


@dataclass
class _Rule:
    seconds: float
    method: str | None
    path_prefix: str
    times: int | None


@dataclass
class PspServer:
    """Start with `start()` (or as a context manager); `base_url`, `token_url` are ready then."""

    certificates: PspCertificates
    client_id: str = "posapp-loja"
    client_secret: str = "segredo-de-teste"
    token_ttl_s: float = 3600.0
    merchant_name: str = "LOJA TESTE"
    merchant_city: str = "SAO PAULO"
    auto_pay_after_s: float | None = None
    refund_status: str = "DEVOLVIDO"
    send_copy_paste: bool = True
    clock: Callable[[], float] = time.monotonic

    charges: dict[str, _Charge] = field(default_factory=dict, init=False)
    requests: list[tuple[str, str]] = field(default_factory=list, init=False)
    tokens_issued: int = field(default=0, init=False)
    refund_requests: list[tuple[str, str]] = field(default_factory=list, init=False)
    webhooks: dict[str, str] = field(default_factory=dict, init=False)
    webhook_deliveries: list[dict[str, Any]] = field(default_factory=list, init=False)
    exchanges: list[Exchange] = field(default_factory=list, init=False)
    """Every API call as carried out (the token endpoint aside), for schema checks."""

    def __post_init__(self) -> None:
        self._lock = threading.RLock()
        self._tokens: dict[str, float] = {}
        self._slow: list[_Rule] = []
        self._unavailable: list[_Rule] = []
        self._refunds: dict[tuple[str, str], dict[str, Any]] = {}
        self._timers: list[threading.Timer] = []
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    # lifecycle

    def start(self) -> PspServer:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(
            str(self.certificates.server_cert), str(self.certificates.server_key)
        )
        context.load_verify_locations(str(self.certificates.ca_cert))
        context.verify_mode = ssl.CERT_REQUIRED
        server = _HttpsServer(("127.0.0.1", 0), _Handler, context, self)
        self._httpd = server
        self.port = int(server.server_address[1])
        self._thread = threading.Thread(
            target=server.serve_forever, args=(0.05,), name="psp-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        for timer in self._timers:
            timer.cancel()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> PspServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return self.url + "/api/v2"

    @property
    def token_url(self) -> str:
        return self.url + "/oauth/token"

    # knobs

    def slow(
        self,
        seconds: float,
        method: str | None = None,
        path_prefix: str = "",
        times: int | None = None,
    ) -> None:
        """Answers to matching requests wait `seconds` after the work is done."""
        with self._lock:
            self._slow.append(_Rule(seconds, method, path_prefix, times))

    def unavailable(self, method: str | None = None, path_prefix: str = "", times: int = 1) -> None:
        """The next `times` matching requests get 503 ServicoIndisponivel, nothing done."""
        with self._lock:
            self._unavailable.append(_Rule(0.0, method, path_prefix, times))

    def fast(self) -> None:
        with self._lock:
            self._slow.clear()

    def revoke_tokens(self) -> None:
        """Every token issued so far stops working (as when a PSP rotates them early)."""
        with self._lock:
            self._tokens.clear()

    def pay(self, txid: str, amount_centavos: int | None = None) -> dict[str, Any]:
        """The payer pays the charge now (refused as the SPI would: not ATIVA, or expired)."""
        with self._lock:
            charge = self.charges[txid]
            if charge.status != "ATIVA":
                raise RuntimeError(f"charge {txid} is {charge.status}: cannot be paid")
            if charge.expired(self.clock()):
                raise RuntimeError(f"charge {txid} has expired: cannot be paid")
            pix = self._receive(charge, amount_centavos)
            charge.body["status"] = "CONCLUIDA"
        self._notify(charge, pix)
        return pix

    def pay_late(self, txid: str, amount_centavos: int | None = None) -> dict[str, Any]:
        """Money with this txid arrives although the charge was removed or expired."""
        with self._lock:
            charge = self.charges[txid]
            pix = self._receive(charge, amount_centavos)
        self._notify(charge, pix)
        return pix

    def settle_refund(self, e2eid: str, refund_id: str, status: str) -> None:
        """A devolução EM_PROCESSAMENTO ends DEVOLVIDO or NAO_REALIZADO."""
        with self._lock:
            refund = self._refunds[(e2eid, refund_id)]
            refund["status"] = status
            if status == "NAO_REALIZADO":
                refund["motivo"] = "Conta do pagador encerrada."
            else:
                refund["horario"]["liquidacao"] = _now_iso()

    def refunds_of(self, e2eid: str) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(body) for (pix, _), body in self._refunds.items() if pix == e2eid]

    # state changes (under the lock)

    def _receive(self, charge: _Charge, amount_centavos: int | None) -> dict[str, Any]:
        valor = (
            charge.body["valor"]["original"]
            if amount_centavos is None
            else to_decimal_text(amount_centavos)
        )
        pix = {
            "endToEndId": new_end_to_end_id(),
            "txid": charge.txid,
            "valor": valor,
            "chave": charge.body["chave"],
            "horario": _now_iso(),
        }
        charge.payments.append(pix)
        return pix

    def _notify(self, charge: _Charge, pix: dict[str, Any]) -> None:
        url = self.webhooks.get(str(charge.body["chave"]))
        if url is None:
            return
        body = {"pix": [pix]}
        threading.Thread(target=self._post_webhook, args=(url, body), daemon=True).start()

    def _post_webhook(self, url: str, body: dict[str, Any]) -> None:
        try:
            response = httpx.post(url.rstrip("/") + "/pix", json=body, timeout=5.0)
            outcome: dict[str, Any] = {"url": url, "status": response.status_code, "body": body}
        except httpx.HTTPError as error:
            outcome = {"url": url, "error": str(error), "body": body}
        with self._lock:
            self.webhook_deliveries.append(outcome)

    def _auto_pay(self, txid: str) -> None:
        with contextlib.suppress(RuntimeError, KeyError):
            self.pay(txid)

    # request handling (called from the handler threads)

    def answer(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, Any] | None, float]:
        with self._lock:
            self.requests.append((method, path))
            delay = self._delay_for(method, path)
            down = self._matching(self._unavailable, method, path) is not None
        if down:
            problem = Problem(
                503, "ServicoIndisponivel", "Serviço indisponível", "Tente mais tarde."
            )
            return problem.status, problem.body, delay
        try:
            if path == "/oauth/token" and method == "POST":
                return 200, self._token(headers, body), delay
            if not path.startswith("/api/v2/"):
                raise Problem(404, "NaoEncontrado", "Não encontrado", f"{path} não existe.")
            self._check_bearer(headers)
            status, answer = self._route(method, path.removeprefix("/api/v2"), body)
        except Problem as problem:
            status, answer = problem.status, problem.body
        if path.startswith("/api/v2/"):
            try:
                request = json.loads(body) if body else None
            except ValueError:
                request = None
            with self._lock:
                self.exchanges.append(
                    Exchange(method, path, request, status, copy.deepcopy(answer))
                )
        return status, answer, delay

    def _delay_for(self, method: str, path: str) -> float:
        rule = self._matching(self._slow, method, path)
        return rule.seconds if rule is not None else 0.0

    @staticmethod
    def _matching(rules: list[_Rule], method: str, path: str) -> _Rule | None:
        """The first rule for this request, used up once when it has a count."""
        for rule in rules:
            if (rule.method in (None, method)) and path.startswith(rule.path_prefix):
                if rule.times is not None:
                    rule.times -= 1
                    if rule.times <= 0:
                        rules.remove(rule)
                return rule
        return None

    def _token(self, headers: dict[str, str], body: bytes) -> dict[str, Any]:
        form = {key: values[0] for key, values in parse_qs(body.decode()).items()}
        auth = headers.get("authorization", "")
        expected = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        if auth != f"Basic {expected}":
            raise Problem(401, "AcessoNegado", "Acesso negado", "client_id ou secret inválido.")
        if form.get("grant_type") != "client_credentials":
            raise Problem(400, "RequisicaoInvalida", "Requisição inválida", "grant_type.")
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._tokens[token] = self.clock() + self.token_ttl_s
            self.tokens_issued += 1
        return {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": int(self.token_ttl_s),
            "scope": form.get("scope", ""),
        }

    def _check_bearer(self, headers: dict[str, str]) -> None:
        token = headers.get("authorization", "").removeprefix("Bearer ")
        with self._lock:
            expires = self._tokens.get(token)
        if expires is None or self.clock() >= expires:
            raise Problem(401, "AcessoNegado", "Não autorizado", "Token ausente ou expirado.")

    def _route(self, method: str, path: str, raw: bytes) -> tuple[int, dict[str, Any] | None]:
        body = self._body(raw) if raw else {}
        cob = re.fullmatch(r"/cob/([^/]+)", path)
        if cob:
            txid = cob.group(1)
            if not _TXID.fullmatch(txid):
                raise Problem(
                    400,
                    "CobOperacaoInvalida",
                    "Cobrança inválida.",
                    "O txid não respeita o schema.",
                    propriedade="txid",
                    razao="[a-zA-Z0-9]{26,35}",
                    valor=txid,
                )
            if method == "PUT":
                return 201, self._put_cob(txid, body)
            if method == "GET":
                return 200, self._get_cob(txid)
            if method == "PATCH":
                return 200, self._patch_cob(txid, body)
        refund = re.fullmatch(r"/pix/([^/]+)/devolucao/([^/]+)", path)
        if refund:
            e2eid, refund_id = refund.groups()
            if method == "PUT":
                return 201, self._put_refund(e2eid, refund_id, body)
            if method == "GET":
                return 200, self._get_refund(e2eid, refund_id)
        webhook = re.fullmatch(r"/webhook/([^/]+)", path)
        if webhook and method == "PUT":
            self._put_webhook(unquote(webhook.group(1)), body)
            return 200, None
        raise Problem(404, "NaoEncontrado", "Não encontrado", f"{method} {path} não existe.")

    @staticmethod
    def _body(raw: bytes) -> dict[str, Any]:
        try:
            data = json.loads(raw)
        except ValueError:
            raise Problem(
                400, "RequisicaoInvalida", "Requisição inválida", "Corpo não é JSON."
            ) from None
        if not isinstance(data, dict):
            raise Problem(400, "RequisicaoInvalida", "Requisição inválida", "Corpo não é objeto.")
        return data

    @staticmethod
    def _invalid_cob(detail: str, prop: str, value: Any) -> Problem:
        return Problem(
            400,
            "CobOperacaoInvalida",
            "Cobrança inválida.",
            detail,
            propriedade=prop,
            razao=detail,
            valor=str(value),
        )

    def _put_cob(self, txid: str, body: dict[str, Any]) -> dict[str, Any]:
        valor = (body.get("valor") or {}).get("original")
        if not isinstance(valor, str) or not _VALOR.fullmatch(valor):
            raise self._invalid_cob(
                "O campo cob.valor.original não respeita o schema.", "cob.valor.original", valor
            )
        if from_decimal_text(valor) == 0:
            raise self._invalid_cob(
                "O campo cob.valor.original é zero.", "cob.valor.original", valor
            )
        chave = body.get("chave")
        if not isinstance(chave, str) or not chave or len(chave) > 77:
            raise self._invalid_cob("O campo cob.chave não respeita o schema.", "cob.chave", chave)
        expiracao = (body.get("calendario") or {}).get("expiracao", 86400)
        if not isinstance(expiracao, int) or expiracao <= 0:
            raise self._invalid_cob(
                "O campo cob.calendario.expiracao é igual ou menor que zero.",
                "cob.calendario.expiracao",
                expiracao,
            )
        with self._lock:
            existing = self.charges.get(txid)
            if existing is not None:
                if existing.status != "ATIVA":
                    raise self._invalid_cob(
                        "A cobrança já existe, não está no status ATIVA.", "txid", txid
                    )
                existing.body["valor"]["original"] = valor
                existing.body["calendario"]["expiracao"] = expiracao
                existing.body["revisao"] = int(existing.body["revisao"]) + 1
                return existing.view()
            token = uuid.uuid4().hex
            location = f"127.0.0.1:{self.port}/qr/v2/{token}"
            charge_body: dict[str, Any] = {
                "calendario": {"criacao": _now_iso(), "expiracao": expiracao},
                "txid": txid,
                "revisao": 0,
                "loc": {
                    "id": len(self.charges) + 1,
                    "location": location,
                    "tipoCob": "cob",
                    "txid": txid,
                    "criacao": _now_iso(),
                },
                "location": location,
                "status": "ATIVA",
                "valor": {"original": valor, "modalidadeAlteracao": 0},
                "chave": chave,
                "pixCopiaECola": build_dynamic(
                    location, self.merchant_name, self.merchant_city, from_decimal_text(valor)
                ),
            }
            if body.get("solicitacaoPagador"):
                charge_body["solicitacaoPagador"] = str(body["solicitacaoPagador"])[:140]
            if not self.send_copy_paste:
                del charge_body["pixCopiaECola"]
            charge = _Charge(txid, charge_body, self.clock())
            self.charges[txid] = charge
            if self.auto_pay_after_s is not None:
                timer = threading.Timer(self.auto_pay_after_s, self._auto_pay, args=(txid,))
                timer.daemon = True
                self._timers.append(timer)
                timer.start()
            return charge.view()

    def _charge(self, txid: str) -> _Charge:
        charge = self.charges.get(txid)
        if charge is None:
            raise Problem(404, "NaoEncontrado", "Cobrança não encontrada.", f"txid {txid}.")
        return charge

    def _get_cob(self, txid: str) -> dict[str, Any]:
        with self._lock:
            return self._charge(txid).view()

    def _patch_cob(self, txid: str, body: dict[str, Any]) -> dict[str, Any]:
        if body.get("status") != "REMOVIDA_PELO_USUARIO_RECEBEDOR":
            raise self._invalid_cob(
                "O campo cob.status não respeita o schema.", "cob.status", body.get("status")
            )
        with self._lock:
            charge = self._charge(txid)
            if charge.status != "ATIVA":
                raise self._invalid_cob(
                    f"A cobrança não está ATIVA ({charge.status}).", "cob.status", charge.status
                )
            charge.body["status"] = "REMOVIDA_PELO_USUARIO_RECEBEDOR"
            charge.body["revisao"] = int(charge.body["revisao"]) + 1
            return charge.view()

    def _find_pix(self, e2eid: str) -> dict[str, Any]:
        for charge in self.charges.values():
            for pix in charge.payments:
                if pix["endToEndId"] == e2eid:
                    return pix
        raise Problem(404, "NaoEncontrado", "Pix não encontrado.", f"e2eid {e2eid}.")

    def _put_refund(self, e2eid: str, refund_id: str, body: dict[str, Any]) -> dict[str, Any]:
        def invalid(detail: str) -> Problem:
            return Problem(400, "PixDevolucaoInvalida", "Devolução inválida.", detail)

        if not _REFUND_ID.fullmatch(refund_id):
            raise invalid("O id da devolução não respeita o schema.")
        valor = body.get("valor")
        if not isinstance(valor, str) or not _VALOR.fullmatch(valor):
            raise invalid("O campo devolucao.valor não respeita o schema.")
        with self._lock:
            self.refund_requests.append((e2eid, refund_id))
            pix = self._find_pix(e2eid)
            if (e2eid, refund_id) in self._refunds:
                raise invalid(f"O id {refund_id} já foi utilizado por outra devolução deste Pix.")
            returned = sum(
                from_decimal_text(item["valor"])
                for item in pix.get("devolucoes", ())
                if item["status"] != "NAO_REALIZADO"
            )
            if returned + from_decimal_text(valor) > from_decimal_text(pix["valor"]):
                raise invalid("A devolução excederia o valor do Pix originário.")
            refund = {
                "id": refund_id,
                "rtrId": new_return_id(),
                "valor": valor,
                "natureza": body.get("natureza", "ORIGINAL"),
                "horario": {"solicitacao": _now_iso()},
                "status": self.refund_status,
            }
            if self.refund_status == "DEVOLVIDO":
                refund["horario"]["liquidacao"] = _now_iso()
            if self.refund_status == "NAO_REALIZADO":
                refund["motivo"] = "Conta do pagador encerrada."
            if body.get("descricao"):
                refund["descricao"] = str(body["descricao"])[:140]
            self._refunds[(e2eid, refund_id)] = refund
            pix.setdefault("devolucoes", []).append(refund)  # the same dict: settled as one
            charge = self.charges[str(pix["txid"])]
        self._notify(charge, pix)
        return copy.deepcopy(refund)

    def _get_refund(self, e2eid: str, refund_id: str) -> dict[str, Any]:
        with self._lock:
            refund = copy.deepcopy(self._refunds.get((e2eid, refund_id)))
        if refund is None:
            raise Problem(404, "NaoEncontrado", "Devolução não encontrada.", refund_id)
        return refund

    def _put_webhook(self, key: str, body: dict[str, Any]) -> None:
        url = body.get("webhookUrl")
        host = urlsplit(str(url)).hostname if isinstance(url, str) else None
        if host not in ("127.0.0.1", "localhost"):
            raise Problem(
                400,
                "WebhookOperacaoInvalida",
                "Webhook inválido.",
                "Este PSP de teste só chama endereços 127.0.0.1.",
            )
        with self._lock:
            self.webhooks[key] = str(url)


class _HttpsServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        context: ssl.SSLContext,
        psp: PspServer,
    ) -> None:
        super().__init__(address, handler)
        self.psp = psp
        self.socket = context.wrap_socket(
            self.socket, server_side=True, do_handshake_on_connect=False
        )

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client without a certificate fails the handshake: not worth a traceback."""


class _Handler(BaseHTTPRequestHandler):
    server: _HttpsServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {key.lower(): value for key, value in self.headers.items()}
        path = urlsplit(self.path).path
        status, payload, delay = self.server.psp.answer(self.command, path, headers, body)
        if delay:
            time.sleep(delay)
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        if payload is not None:
            kind = "application/problem+json" if status >= 400 else "application/json"
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_PUT = do_PATCH = do_POST = _handle
