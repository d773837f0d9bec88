"""The national NFS-e API (Sefin Nacional) over HTTPS with the A1 as the client certificate.

    with SefinClient(a1, environment, base_url=None, timeout_s=5) as client:
        outcome = client.send(signed.xml)   # Authorised | Rejected | Unavailable
        client.find_dps(dps_id)             # Authorised | NotFound | Unavailable
        client.nfse(key)                    # Authorised | NotFound | Unavailable
        client.cancel(key, event_xml)       # Cancelled | Rejected | Unavailable

Requests and answers are JSON carrying the XML GZip-compressed and base64-encoded:
POST /nfse {"dpsXmlGZipB64"} -> 201 {"chaveAcesso", "idDps", "nfseXmlGZipB64"} or
4xx {"erros": [{"Codigo", "Descricao", "Complemento"}]}; GET /dps/{id} ->
{"chaveAcesso"}; GET /nfse/{chave} -> {"chaveAcesso", "nfseXmlGZipB64"};
POST /nfse/{chave}/eventos {"pedidoRegistroEventoXmlGZipB64"} -> 201
{"eventoXmlGZipB64"}. Every XML received is checked against its XSD before it is
believed. `Unavailable.sent` says whether the request may have reached the
environment: then the DPS must be looked up (GET /dps/{id}) before it is sent again.
"""

from __future__ import annotations

import base64
import binascii
import gzip
from dataclasses import dataclass
from typing import Any

import httpx
from lxml import etree

from fiscal.certificate import A1Certificate
from fiscal.errors import SchemaError
from fiscal.model import Environment
from fiscal.nfse.keys import is_nfse_key
from fiscal.nfse.schemas import validate_bytes
from fiscal.soap import tls_context

SEFIN_URLS = {
    Environment.PRODUCAO: "https://sefin.nfse.gov.br/SefinNacional",
    Environment.HOMOLOGACAO: "https://sefin.producaorestrita.nfse.gov.br/SefinNacional",
}
"""FISCAL_FACTS §7 (gov.br "APIs prod. restrita e produção")."""
PUBLIC_QUERY = "https://www.nfse.gov.br/ConsultaPublica/?tpc=1&chave={key}"
"""The public page where a taker checks an NFS-e by its key (the receipt's link). The
page is the national portal's Consulta Pública; the query string carrying the key is
our assumption, not read in a published manual: check it in produção restrita."""


@dataclass(frozen=True)
class Authorised:
    key: str
    nfse_xml: bytes  # the NFS-e as the national environment signed it (holds the DPS)
    dps_id: str = ""
    number: str = ""  # nNFSe


@dataclass(frozen=True)
class Rejected:
    code: str  # e.g. E0014
    reason: str


@dataclass(frozen=True)
class Unavailable:
    reason: str  # timeout | connection_refused | connection_cut | http_5xx | bad_answer
    sent: bool
    detail: str = ""


@dataclass(frozen=True)
class NotFound:
    what: str


@dataclass(frozen=True)
class Cancelled:
    key: str
    event_xml: bytes


SendOutcome = Authorised | Rejected | Unavailable
QueryOutcome = Authorised | NotFound | Unavailable
CancelOutcome = Cancelled | Rejected | Unavailable


def pack(xml: bytes) -> str:
    return base64.b64encode(gzip.compress(xml)).decode("ascii")


def unpack(data: str) -> bytes:
    return gzip.decompress(base64.b64decode(data, validate=True))


def _first_error(body: dict[str, Any]) -> Rejected:
    errors = body.get("erros") or ([body["erro"]] if isinstance(body.get("erro"), dict) else [])
    if not errors:
        return Rejected("?", "resposta sem código de erro")
    first = {str(k).lower(): v for k, v in errors[0].items()}
    reason = str(first.get("descricao", ""))
    if first.get("complemento"):
        reason = f"{reason} ({first['complemento']})"
    return Rejected(str(first.get("codigo", "?")), reason)


class SefinClient:
    def __init__(
        self,
        a1: A1Certificate,
        environment: Environment,
        base_url: str | None = None,
        timeout_s: float = 5.0,
        ca_file: str | None = None,
    ) -> None:
        self.environment = environment
        self.base_url = (base_url or SEFIN_URLS[environment]).rstrip("/")
        self._http = httpx.Client(
            verify=tls_context(a1, ca_file), timeout=httpx.Timeout(timeout_s), trust_env=False
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SefinClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(
        self, method: str, path: str, payload: dict[str, str] | None = None
    ) -> tuple[int, dict[str, Any]] | Unavailable:
        try:
            response = self._http.request(method, self.base_url + path, json=payload)
        except httpx.ConnectTimeout as exc:
            return Unavailable("timeout", sent=False, detail=str(exc))
        except httpx.ConnectError as exc:
            return Unavailable("connection_refused", sent=False, detail=str(exc))
        except httpx.TimeoutException as exc:
            return Unavailable("timeout", sent=True, detail=str(exc))
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            return Unavailable("connection_cut", sent=True, detail=str(exc))
        if response.status_code >= 500:
            return Unavailable("http_5xx", sent=True, detail=f"HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError:
            return Unavailable("bad_answer", sent=True, detail=f"HTTP {response.status_code}")
        if not isinstance(body, dict):
            return Unavailable("bad_answer", sent=True, detail="JSON is not an object")
        return response.status_code, body

    def _authorised(self, body: dict[str, Any]) -> Authorised | Unavailable:
        key = str(body.get("chaveAcesso", ""))
        try:
            xml = unpack(str(body.get("nfseXmlGZipB64", "")))
            root = validate_bytes(xml)
        except (OSError, EOFError, binascii.Error, SchemaError) as exc:
            return Unavailable("bad_answer", sent=True, detail=str(exc))
        inf = root.find("{http://www.sped.fazenda.gov.br/nfse}infNFSe")
        ident = inf.get("Id", "") if inf is not None else ""
        if not is_nfse_key(key) or ident != f"NFS{key}":
            return Unavailable("bad_answer", sent=True, detail=f"chave {key!r} / Id {ident!r}")
        number = root.findtext(".//{http://www.sped.fazenda.gov.br/nfse}nNFSe") or ""
        return Authorised(key, xml, str(body.get("idDps", body.get("idDPS", ""))), number)

    def send(self, dps_xml: bytes) -> SendOutcome:
        """POST the signed DPS; the NFS-e comes back synchronously."""
        answer = self._call("POST", "/nfse", {"dpsXmlGZipB64": pack(dps_xml)})
        if isinstance(answer, Unavailable):
            return answer
        status, body = answer
        if status in (200, 201) and body.get("chaveAcesso"):
            return self._authorised(body)
        return _first_error(body)

    def nfse(self, key: str) -> QueryOutcome:
        answer = self._call("GET", f"/nfse/{key}")
        if isinstance(answer, Unavailable):
            return answer
        status, body = answer
        if status == 200 and body.get("nfseXmlGZipB64"):
            return self._authorised(body)
        return NotFound(key)

    def find_dps(self, dps_id: str) -> QueryOutcome:
        """Whether a DPS became an NFS-e (after an answer was lost): its NFS-e, or NotFound."""
        answer = self._call("GET", f"/dps/{dps_id}")
        if isinstance(answer, Unavailable):
            return answer
        status, body = answer
        key = str(body.get("chaveAcesso", ""))
        if status != 200 or not key:
            return NotFound(dps_id)
        return self.nfse(key)

    def cancel(self, key: str, event_request_xml: bytes) -> CancelOutcome:
        answer = self._call(
            "POST",
            f"/nfse/{key}/eventos",
            {"pedidoRegistroEventoXmlGZipB64": pack(event_request_xml)},
        )
        if isinstance(answer, Unavailable):
            return answer
        status, body = answer
        if status in (200, 201) and body.get("eventoXmlGZipB64"):
            try:
                xml = unpack(str(body["eventoXmlGZipB64"]))
                validate_bytes(xml)
            except (OSError, EOFError, binascii.Error, SchemaError) as exc:
                return Unavailable("bad_answer", sent=True, detail=str(exc))
            return Cancelled(key, xml)
        return _first_error(body)


def nfse_number(nfse_xml: bytes) -> str:
    found = etree.fromstring(nfse_xml).findtext(".//{http://www.sped.fazenda.gov.br/nfse}nNFSe")
    return found or ""
