"""SEFAZ transport: SOAP 1.2 over HTTPS with the A1 as the client certificate.

    client = SefazClient(a1, uf="SP", environment=Environment.HOMOLOGACAO, timeout_s=5)
    outcome = client.authorize(signed.xml)      # Authorized | Rejected | Unavailable
    client.query(key); client.status(); client.cancel(...); client.void_range(...)

Every answer is checked against its official XSD before it is believed.
Outcomes are typed so the caller decides: `Unavailable` (timeout, connection
refused or cut, HTTP 5xx, cStat 108/109) means "go to contingency";
`Unavailable.sent` says whether the request may have reached SEFAZ (then the
note's number must be resolved later: cancelled if it was authorised, else voided).
Duplicates: 204 (same key) and 539 (same number, other key) are resolved by
consulting the protocol of the key SEFAZ names; a cancellation (110111, or 110112 by
substitution) answered 573 ("Rejeição: Duplicidade de Evento", sped-nfe
storage/cstat.json: the event is already registered, an earlier answer was lost) by
consulting the note.
"""

from __future__ import annotations

import copy
import itertools
import os
import re
import ssl
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx
from lxml import etree

from fiscal.certificate import A1Certificate
from fiscal.errors import SchemaError, SefazError
from fiscal.model import Environment
from fiscal.requests import (
    CANCEL_EVENT,
    SUBSTITUTION_EVENT,
    cancel_event,
    cons_reci,
    cons_sit,
    cons_stat,
    envi_nfe,
    inut_nfe,
    substitution_event,
)
from fiscal.schemas import validate
from fiscal.sefaz_urls import ServiceUrls, service_urls

NS = "http://www.portalfiscal.inf.br/nfe"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
WSDL = "http://www.portalfiscal.inf.br/nfe/wsdl/"
OPERATIONS = {
    "NFeAutorizacao4": "nfeAutorizacaoLote",
    "NFeRetAutorizacao4": "nfeRetAutorizacaoLote",
    "NFeStatusServico4": "nfeStatusServicoNF",
    "NFeConsultaProtocolo4": "nfeConsultaNF",
    "NFeRecepcaoEvento4": "nfeRecepcaoEvento",
    "NFeInutilizacao4": "nfeInutilizacaoNF",
}
AUTHORISED = frozenset({100, 150})
PAUSED = frozenset({108, 109})
DUPLICATE = frozenset({204, 539})
DUPLICATE_EVENT = 573
_KEY_IN_TEXT = re.compile(r"chNFe:?\s*(\d{6}[0-9A-Z]{12}\d{26})")


@dataclass(frozen=True)
class Authorized:
    key: str
    protocol: str  # nProt
    received_at: str  # dhRecbto as SEFAZ wrote it
    cstat: int  # 100, or 150 (authorised late)
    reason: str
    proc_xml: bytes  # nfeProc: NFe + protNFe, the document to keep for 5 years


@dataclass(frozen=True)
class Rejected:
    key: str
    cstat: int
    reason: str  # xMotivo as SEFAZ wrote it


@dataclass(frozen=True)
class Unavailable:
    reason: str  # timeout | connection_refused | connection_cut | http_5xx | paused | bad_answer
    sent: bool  # the request may have reached SEFAZ
    cstat: int | None = None
    detail: str = ""


@dataclass(frozen=True)
class NotFound:
    key: str
    cstat: int  # 217
    reason: str


@dataclass(frozen=True)
class Cancelled:
    key: str
    cstat: int  # 101 / 135 / 155
    reason: str
    protocol: str = ""
    proc_xml: bytes = b""


@dataclass(frozen=True)
class Voided:
    series: int
    first: int
    last: int
    protocol: str
    cstat: int
    reason: str
    proc_xml: bytes


@dataclass(frozen=True)
class ServiceStatus:
    online: bool
    cstat: int
    reason: str


AuthorizeOutcome = Authorized | Rejected | Unavailable
QueryOutcome = Authorized | Cancelled | NotFound | Rejected | Unavailable
CancelOutcome = Cancelled | Rejected | Unavailable
VoidOutcome = Voided | Rejected | Unavailable


def envelope(service: str, payload: etree._Element) -> bytes:
    env = etree.Element(f"{{{SOAP12}}}Envelope", nsmap={"soap12": SOAP12})
    body = etree.SubElement(env, f"{{{SOAP12}}}Body")
    msg = etree.SubElement(body, f"{{{WSDL}{service}}}nfeDadosMsg", nsmap={None: WSDL + service})
    msg.append(copy.deepcopy(payload))
    return bytes(etree.tostring(env, encoding="UTF-8", xml_declaration=True))


def soap_action(service: str) -> str:
    return f"{WSDL}{service}/{OPERATIONS[service]}"


def _text(node: etree._Element, tag: str) -> str:
    found = node.find(f"{{{NS}}}{tag}")
    return (found.text or "").strip() if found is not None else ""


def _int(node: etree._Element, tag: str) -> int:
    value = _text(node, tag)
    return int(value) if value.isdigit() else -1


@contextmanager
def _pem_files(a1: A1Certificate) -> Iterator[tuple[str, str]]:
    """The A1 key and certificate in private temporary files, removed on exit."""
    folder = tempfile.mkdtemp(prefix="posapp-a1-")
    try:
        cert, key = Path(folder) / "cert.pem", Path(folder) / "key.pem"
        for path, data in ((cert, a1.cert_pem()), (key, a1.key_pem())):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
        yield str(cert), str(key)
    finally:
        for name in ("cert.pem", "key.pem"):
            Path(folder, name).unlink(missing_ok=True)
        os.rmdir(folder)


def tls_context(a1: A1Certificate, ca_file: str | None = None) -> ssl.SSLContext:
    """Client TLS with the A1; `ca_file` trusts SEFAZ's chain (ICP-Brasil) or a test server."""
    ctx = ssl.create_default_context(cafile=ca_file)
    with _pem_files(a1) as (cert, key):
        ctx.load_cert_chain(cert, key)
    return ctx


class SefazClient:
    """One UF's NFC-e services in one environment (produção or homologação)."""

    def __init__(
        self,
        a1: A1Certificate,
        uf: str,
        environment: Environment,
        cnpj: str,
        urls: ServiceUrls | None = None,
        timeout_s: float = 5.0,
        ca_file: str | None = None,
    ) -> None:
        self.a1 = a1
        self.uf = uf
        self.environment = environment
        self.cnpj = cnpj
        self.urls = urls or service_urls(uf, environment)
        self.timeout_s = timeout_s
        self._http = httpx.Client(
            verify=tls_context(a1, ca_file),
            timeout=httpx.Timeout(timeout_s),
            trust_env=False,
        )
        self._lots = itertools.count(int(datetime.now().timestamp()) * 1000)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SefazClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _next_lot(self) -> int:
        return next(self._lots) % 10**15

    def _call(self, service: str, payload: etree._Element) -> etree._Element | Unavailable:
        """POST the envelope; the ret* element of the answer, validated, or Unavailable."""
        body = envelope(service, payload)
        headers = {
            "Content-Type": f'application/soap+xml; charset=utf-8; action="{soap_action(service)}"'
        }
        try:
            response = self._http.post(self.urls[service], content=body, headers=headers)
        except httpx.ConnectTimeout as exc:
            return Unavailable("timeout", sent=False, detail=str(exc))
        except httpx.ConnectError as exc:
            return Unavailable("connection_refused", sent=False, detail=str(exc))
        except httpx.TimeoutException as exc:
            return Unavailable("timeout", sent=True, detail=str(exc))
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            return Unavailable("connection_cut", sent=True, detail=str(exc))
        if response.status_code >= 500 and b"nfeResultMsg" not in response.content:
            return Unavailable("http_5xx", sent=True, detail=f"HTTP {response.status_code}")
        try:
            root = etree.fromstring(response.content)
            msg = root.find(f"{{{SOAP12}}}Body/{{{WSDL}{service}}}nfeResultMsg")
            if msg is None or len(msg) == 0:
                raise SefazError("nfeResultMsg", f"HTTP {response.status_code} sem nfeResultMsg")
            answer = msg[0]
            validate(answer)
        except (etree.XMLSyntaxError, SefazError, SchemaError) as exc:
            return Unavailable("bad_answer", sent=True, detail=str(exc))
        return answer

    def status(self) -> ServiceStatus | Unavailable:
        answer = self._call("NFeStatusServico4", cons_stat(self.environment, self.uf))
        if isinstance(answer, Unavailable):
            return answer
        cstat = _int(answer, "cStat")
        return ServiceStatus(cstat == 107, cstat, _text(answer, "xMotivo"))

    def authorize(self, nfe_xml: bytes) -> AuthorizeOutcome:
        """Send one signed NFC-e synchronously; 204/539 are resolved by a protocol query."""
        nfe = etree.fromstring(nfe_xml)
        inf = nfe.find(f"{{{NS}}}infNFe")
        key = (inf.get("Id", "") if inf is not None else "")[3:]
        answer = self._call("NFeAutorizacao4", envi_nfe(nfe_xml, self._next_lot()))
        if isinstance(answer, Unavailable):
            return answer
        cstat = _int(answer, "cStat")
        if cstat in PAUSED:
            return Unavailable("paused", sent=False, cstat=cstat, detail=_text(answer, "xMotivo"))
        prot = answer.find(f"{{{NS}}}protNFe")
        if cstat == 103:
            receipt = answer.find(f"{{{NS}}}infRec/{{{NS}}}nRec")
            return self._receipt(key, nfe_xml, (receipt.text or "") if receipt is not None else "")
        if cstat != 104 or prot is None:
            return self._duplicate_or_reject(key, nfe_xml, cstat, _text(answer, "xMotivo"))
        return self._from_prot(key, nfe_xml, prot)

    def _receipt(self, key: str, nfe_xml: bytes, receipt: str) -> AuthorizeOutcome:
        """SEFAZ took the batch asynchronously (103): ask NFeRetAutorizacao4 once."""
        answer = self._call("NFeRetAutorizacao4", cons_reci(self.environment, receipt))
        if isinstance(answer, Unavailable):
            return answer
        prot = answer.find(f"{{{NS}}}protNFe")
        if prot is None:
            return Unavailable("processing", sent=True, cstat=_int(answer, "cStat"))
        return self._from_prot(key, nfe_xml, prot)

    def _from_prot(self, key: str, nfe_xml: bytes, prot: etree._Element) -> AuthorizeOutcome:
        inf = prot.find(f"{{{NS}}}infProt")
        if inf is None:
            return Unavailable("bad_answer", sent=True, detail="protNFe sem infProt")
        cstat = _int(inf, "cStat")
        if cstat in AUTHORISED:
            return Authorized(
                key,
                _text(inf, "nProt"),
                _text(inf, "dhRecbto"),
                cstat,
                _text(inf, "xMotivo"),
                nfe_proc(nfe_xml, prot),
            )
        return self._duplicate_or_reject(key, nfe_xml, cstat, _text(inf, "xMotivo"))

    def _duplicate_or_reject(
        self, key: str, nfe_xml: bytes, cstat: int, reason: str
    ) -> AuthorizeOutcome:
        if cstat not in DUPLICATE:
            return Rejected(key, cstat, reason)
        named = _KEY_IN_TEXT.search(reason)
        other = named.group(1) if cstat == 539 and named else key
        found = self.query(other, nfe_xml if other == key else None)
        if isinstance(found, Authorized) and other == key:
            return found
        if isinstance(found, Unavailable):
            return found
        return Rejected(key, cstat, reason)

    def query(self, key: str, nfe_xml: bytes | None = None) -> QueryOutcome:
        """NFeConsultaProtocolo4. With the note's XML, an authorised answer carries its nfeProc."""
        answer = self._call("NFeConsultaProtocolo4", cons_sit(self.environment, key))
        if isinstance(answer, Unavailable):
            return answer
        cstat = _int(answer, "cStat")
        reason = _text(answer, "xMotivo")
        prot = answer.find(f"{{{NS}}}protNFe")
        if cstat in AUTHORISED and prot is not None:
            inf = prot.find(f"{{{NS}}}infProt")
            assert inf is not None  # the XSD requires it
            proc = nfe_proc(nfe_xml, prot) if nfe_xml is not None else b""
            return Authorized(key, _text(inf, "nProt"), _text(inf, "dhRecbto"), cstat, reason, proc)
        if cstat in (101, 135, 155):
            protocol, event = _cancellation_in(answer)
            return Cancelled(key, cstat, reason, protocol, event)
        if cstat == 217:
            return NotFound(key, cstat, reason)
        if cstat in PAUSED:
            return Unavailable("paused", sent=False, cstat=cstat, detail=reason)
        return Rejected(key, cstat, reason)

    def cancel(self, key: str, protocol: str, reason: str, when: datetime) -> CancelOutcome:
        """Cancellation event 110111 (justification of 15+ characters)."""
        request = cancel_event(
            self.environment, self.cnpj, key, protocol, reason, when, self.a1, self._next_lot()
        )
        return self._cancellation(key, request, "procEventoNFe")

    def cancel_by_substitution(
        self,
        key: str,
        protocol: str,
        reason: str,
        substitute_key: str,
        app_version: str,
        when: datetime,
    ) -> CancelOutcome:
        """Cancellation by substitution, event 110112 (NT 2018.004): the authorised NFC-e
        `key` is replaced by the authorised off-line contingency NFC-e `substitute_key`.
        Answered like 110111: Cancelled (135, with the procEventoNFe), 573 confirmed by a
        query, else Rejected."""
        request = substitution_event(
            self.environment,
            self.cnpj,
            key,
            protocol,
            reason,
            substitute_key,
            app_version,
            when,
            self.a1,
            self._next_lot(),
        )
        return self._cancellation(key, request, "procEventoNFeGenerico")

    def _cancellation(self, key: str, request: etree._Element, proc_schema: str) -> CancelOutcome:
        answer = self._call("NFeRecepcaoEvento4", request)
        if isinstance(answer, Unavailable):
            return answer
        cstat = _int(answer, "cStat")
        if cstat in PAUSED:
            return Unavailable("paused", sent=False, cstat=cstat)
        ret = answer.find(f"{{{NS}}}retEvento/{{{NS}}}infEvento")
        if cstat != 128 or ret is None:
            return Rejected(key, cstat, _text(answer, "xMotivo"))
        event_cstat = _int(ret, "cStat")
        if event_cstat in (135, 136, 155):
            proc = _proc_event(request, answer, proc_schema)
            return Cancelled(key, event_cstat, _text(ret, "xMotivo"), _text(ret, "nProt"), proc)
        if event_cstat == DUPLICATE_EVENT:  # registered before, its answer lost: confirm it
            found = self.query(key)
            if isinstance(found, Cancelled | Unavailable):
                return found
        return Rejected(key, event_cstat, _text(ret, "xMotivo"))

    def void_range(self, series: int, first: int, last: int, reason: str, year: int) -> VoidOutcome:
        """NFeInutilizacao4: void numbers never used. `year` is the year of the numbers."""
        request = inut_nfe(
            self.environment, self.uf, self.cnpj, year, series, first, last, reason, self.a1
        )
        answer = self._call("NFeInutilizacao4", request)
        if isinstance(answer, Unavailable):
            return answer
        inf = answer.find(f"{{{NS}}}infInut")
        assert inf is not None  # the XSD requires it
        cstat = _int(inf, "cStat")
        if cstat in PAUSED:
            return Unavailable("paused", sent=False, cstat=cstat)
        if cstat == 102:
            proc = etree.Element(f"{{{NS}}}ProcInutNFe", nsmap={None: NS})
            proc.set("versao", "4.00")
            proc.append(copy.deepcopy(request))
            proc.append(copy.deepcopy(answer))
            validate(proc, "ProcInutNFe")
            return Voided(
                series,
                first,
                last,
                _text(inf, "nProt"),
                cstat,
                _text(inf, "xMotivo"),
                etree.tostring(proc, encoding="UTF-8", xml_declaration=False),
            )
        return Rejected("", cstat, _text(inf, "xMotivo"))


def nfe_proc(nfe_xml: bytes, prot: etree._Element) -> bytes:
    """nfeProc 4.00: the signed NFe and SEFAZ's protNFe side by side, XSD-checked."""
    proc = etree.Element(f"{{{NS}}}nfeProc", nsmap={None: NS})
    proc.set("versao", "4.00")
    proc.append(etree.fromstring(nfe_xml))
    proc.append(copy.deepcopy(prot))
    validate(proc, "nfeProc")
    return bytes(etree.tostring(proc, encoding="UTF-8", xml_declaration=False))


CANCELLATION_EVENTS = frozenset({CANCEL_EVENT, SUBSTITUTION_EVENT})


def _cancellation_in(answer: etree._Element) -> tuple[str, bytes]:
    """The cancellation event (110111, or 110112 by substitution) a retConsSitNFe
    carries: its protocol and the procEventoNFe ("" and b"" when SEFAZ sent none)."""
    for proc in answer.iterfind(f"{{{NS}}}procEventoNFe"):
        ret = proc.find(f"{{{NS}}}retEvento/{{{NS}}}infEvento")
        if ret is not None and _text(ret, "tpEvento") in CANCELLATION_EVENTS:
            return _text(ret, "nProt"), etree.tostring(proc, encoding="UTF-8")
    return "", b""


def _proc_event(
    request: etree._Element, answer: etree._Element, schema: str = "procEventoNFe"
) -> bytes:
    proc = etree.Element(f"{{{NS}}}procEventoNFe", nsmap={None: NS})
    proc.set("versao", "1.00")
    evento = request.find(f"{{{NS}}}evento")
    ret = answer.find(f"{{{NS}}}retEvento")
    if evento is None or ret is None:
        return b""
    proc.append(copy.deepcopy(evento))
    proc.append(copy.deepcopy(ret))
    validate(proc, schema)
    return bytes(etree.tostring(proc, encoding="UTF-8", xml_declaration=False))
