"""A local SEFAZ of ours for tests: HTTPS on 127.0.0.1, client certificate required.

It speaks the NFC-e SOAP 1.2 services (NFeAutorizacao4, NFeRetAutorizacao4,
NFeStatusServico4, NFeConsultaProtocolo4, NFeRecepcaoEvento4, NFeInutilizacao4),
checks every payload against the official XSD (a failure is answered as SEFAZ
does, 215/225, and kept in `schema_errors`), and answers in the official
response layouts. It remembers what it authorised, cancelled and voided, and
counts authorisations per key, so a test can assert "exactly once".

Rules some UFs apply: `resp_tec_ufs` (cUF codes, empty by default) refuse a note
without the infRespTec group with 972 (NT 2018.005, rule ZD01-10), as those UFs do.

Events: the cancellation 110111 and the cancellation by substitution 110112
(NT 2018.004). A 110112 is checked like SEFAZ would: the generic event schema, its
signature (against the client's certificate), its protocol, and chNFeRef an authorised
off-line contingency (tpEmis 9) note of the same issuer with the same vNF; it is then
registered and the note reads as cancelled (101, with the event). `cancel_window`
(None by default: no limit) refuses a 110111 whose dhEvento is past the note's dhEmi
by more than it, 501, as SEFAZ does past the UF's limit.

Modes (`set_mode`): authorise (default), duplicate_539 (the next notes get 539
naming another key), reject (cStat + xMotivo of your choice), paused (108),
timeout (hang, never answer), timeout_after_authorise (authorise, then hang:
the answer is lost), cut (read the request, close the connection), down (no
listener: connection refused).

    with LocalSefaz(client_ca=a1.cert_pem(), folder=tmp_path) as sefaz:
        client = SefazClient(a1, "SP", Environment.HOMOLOGACAO, cnpj,
                             urls=sefaz.urls, ca_file=sefaz.ca_file, timeout_s=1)
"""

from __future__ import annotations

import copy
import threading
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from cryptography import x509
from lxml import etree

from fiscal.errors import SchemaError
from fiscal.schemas import validate
from fiscal.sefaz_urls import ServiceUrls
from fiscal.testing.https import LocalHttps, QuietHandler
from fiscal.testing.nfse_server import verify_signature

NS = "http://www.portalfiscal.inf.br/nfe"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
WSDL = "http://www.portalfiscal.inf.br/nfe/wsdl/"
VER_APLIC = "LOCAL-SEFAZ-1.0"
TZ = ZoneInfo("America/Sao_Paulo")
NOT_FOUND = "Rejeição: NF-e não consta na base de dados da SEFAZ"
TOO_LATE = "Rejeição: Prazo de Cancelamento superior ao previsto na Legislação"
SUBSTITUTION = "110112"
RESP_TEC_MISSING = "Rejeição: Obrigatória as informações do responsável técnico"
"""cStat 972's xMotivo as NT 2018.005 (rule ZD01-10) words it."""

Mode = Literal[
    "authorise",
    "duplicate_539",
    "reject",
    "paused",
    "timeout",
    "timeout_after_authorise",
    "cut",
    "down",
]
PAYLOADS = {
    "NFeAutorizacao4": "enviNFe",
    "NFeRetAutorizacao4": "consReciNFe",
    "NFeStatusServico4": "consStatServ",
    "NFeConsultaProtocolo4": "consSitNFe",
    "NFeRecepcaoEvento4": "envEvento",
    "NFeInutilizacao4": "inutNFe",
}


@dataclass
class Protocol:
    key: str
    number: str
    received_at: str
    digest: str
    prot_xml: bytes


@dataclass
class State:
    authorised: dict[str, Protocol] = field(default_factory=dict)
    by_number: dict[tuple[str, int, int], str] = field(default_factory=dict)  # cnpj, serie, nNF
    authorisations: Counter[str] = field(default_factory=Counter)
    cancelled: dict[str, str] = field(default_factory=dict)  # key -> event protocol
    cancel_events: dict[str, bytes] = field(default_factory=dict)  # key -> procEventoNFe
    voided: set[tuple[int, int]] = field(default_factory=set)  # (serie, nNF)
    notes: dict[str, bytes] = field(default_factory=dict)  # key -> the authorised NFe
    events: list[str] = field(default_factory=list)  # tpEvento of each event received
    requests: list[str] = field(default_factory=list)
    schema_errors: list[str] = field(default_factory=list)
    client_subjects: list[str] = field(default_factory=list)


def _now() -> str:
    return datetime.now(TZ).replace(microsecond=0).isoformat()


def _el(tag: str, versao: str | None = None) -> etree._Element:
    node = etree.Element(f"{{{NS}}}{tag}", nsmap={None: NS})
    if versao:
        node.set("versao", versao)
    return node


def _sub(parent: etree._Element, tag: str, text: str) -> etree._Element:
    node = etree.SubElement(parent, f"{{{NS}}}{tag}")
    node.text = text
    return node


def _t(node: etree._Element, path: str) -> str:
    found = node.find(path, {"n": NS})
    return (found.text or "") if found is not None else ""


class LocalSefaz(LocalHttps):
    cancel_window: timedelta | None = None
    """When set, a 110111 later than the note's dhEmi + this is refused, 501."""

    def __init__(
        self,
        client_ca: bytes,
        folder: Path,
        uf_code: int = 35,
        environment: int = 2,
        hang_s: float = 30.0,
    ) -> None:
        super().__init__(client_ca, folder, hang_s)
        self.uf_code = uf_code
        self.environment = environment
        self.state = State()
        self.mode: Mode = "authorise"
        self.mode_services: frozenset[str] | None = None
        self.reject_with = (999, "Rejeição: teste")
        self.resp_tec_ufs: frozenset[int] = frozenset()
        """The UFs (cUF) that require infRespTec: a note without it is refused, 972."""
        self._lock = threading.Lock()
        self._prot_counter = 0

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        return type("Handler", (_Handler,), {"sefaz": self})

    @property
    def urls(self) -> ServiceUrls:
        return ServiceUrls.at(self.url)

    def set_mode(
        self,
        mode: Mode,
        cstat: int = 999,
        reason: str = "Rejeição: teste",
        only: Collection[str] | None = None,
    ) -> None:
        """Switch behaviour; `down` closes the listener, any other mode reopens it.
        `only` limits the mode to some services (the others authorise/answer normally)."""
        self.reject_with = (cstat, reason)
        self.mode_services = frozenset(only) if only else None
        self._switch(mode)
        self.mode = mode

    def mode_for(self, service: str) -> Mode:
        if self.mode_services is None or service in self.mode_services:
            return self.mode
        return "authorise"

    # what tests assert ----------------------------------------------------------
    def authorisation_count(self, key: str) -> int:
        with self._lock:
            return self.state.authorisations[key]

    # request handling -----------------------------------------------------------
    def _answer(self, service: str, payload: etree._Element) -> etree._Element:
        with self._lock:
            self.state.requests.append(service)
            try:
                validate(payload, _schema_of(service, payload))
            except SchemaError as exc:
                self.state.schema_errors.append(f"{service}: {exc.field}: {exc.detail}")
                return self._schema_failure(service)
            if self.mode_for(service) == "paused":
                return self._paused(service)
            return getattr(self, f"_{service}")(payload)

    def _ret(self, tag: str, cstat: int, reason: str, versao: str = "4.00") -> etree._Element:
        root = _el(tag, versao)
        _sub(root, "tpAmb", str(self.environment))
        _sub(root, "verAplic", VER_APLIC)
        _sub(root, "cStat", str(cstat))
        _sub(root, "xMotivo", reason)
        _sub(root, "cUF", str(self.uf_code))
        _sub(root, "dhRecbto", _now())
        return root

    def _schema_failure(self, service: str) -> etree._Element:
        if service == "NFeAutorizacao4":
            return self._ret("retEnviNFe", 225, "Rejeição: Falha no Schema XML do lote de NFe")
        return self._simple(service, 215, "Rejeição: Falha no schema XML")

    def _paused(self, service: str) -> etree._Element:
        return self._simple(service, 108, "Serviço Paralisado Momentaneamente (curto prazo)")

    def _simple(self, service: str, cstat: int, reason: str) -> etree._Element:
        if service == "NFeRecepcaoEvento4":
            root = _el("retEnvEvento", "1.00")
            for tag, value in (
                ("idLote", "1"),
                ("tpAmb", str(self.environment)),
                ("verAplic", VER_APLIC),
                ("cOrgao", str(self.uf_code)),
                ("cStat", str(cstat)),
                ("xMotivo", reason),
            ):
                _sub(root, tag, value)
            return root
        if service == "NFeInutilizacao4":
            root = _el("retInutNFe", "4.00")
            inf = etree.SubElement(root, f"{{{NS}}}infInut")
            for tag, value in (
                ("tpAmb", str(self.environment)),
                ("verAplic", VER_APLIC),
                ("cStat", str(cstat)),
                ("xMotivo", reason),
                ("cUF", str(self.uf_code)),
                ("dhRecbto", _now()),
            ):
                _sub(inf, tag, value)
            return root
        if service == "NFeConsultaProtocolo4":
            root = self._ret("retConsSitNFe", cstat, reason)
            _sub(root, "chNFe", "0" * 44)
            return root
        if service == "NFeRetAutorizacao4":
            return self._reci("0", cstat, reason)
        tag = {"NFeAutorizacao4": "retEnviNFe", "NFeStatusServico4": "retConsStatServ"}[service]
        return self._ret(tag, cstat, reason)

    def _prot(self, key: str, cstat: int, reason: str, digest: str, number: str = "") -> bytes:
        prot = _el("protNFe", "4.00")
        inf = etree.SubElement(prot, f"{{{NS}}}infProt")
        _sub(inf, "tpAmb", str(self.environment))
        _sub(inf, "verAplic", VER_APLIC)
        _sub(inf, "chNFe", key)
        _sub(inf, "dhRecbto", _now())
        if number:
            _sub(inf, "nProt", number)
        if digest:
            _sub(inf, "digVal", digest)
        _sub(inf, "cStat", str(cstat))
        _sub(inf, "xMotivo", reason)
        return bytes(etree.tostring(prot))

    def _next_protocol(self) -> str:
        self._prot_counter += 1
        year = datetime.now(TZ).year % 100
        return f"1{self.uf_code:02d}{year:02d}{self._prot_counter:010d}"

    def _NFeAutorizacao4(self, payload: etree._Element) -> etree._Element:
        nfe = payload.find(f"{{{NS}}}NFe")
        assert nfe is not None
        key = (nfe.find(f"{{{NS}}}infNFe").get("Id") or "")[3:]
        cnpj = _t(nfe, "n:infNFe/n:emit/n:CNPJ")
        series, number = (
            int(_t(nfe, "n:infNFe/n:ide/n:serie")),
            int(_t(nfe, "n:infNFe/n:ide/n:nNF")),
        )
        digest = _t(
            nfe,
            "{http://www.w3.org/2000/09/xmldsig#}Signature//"
            "{http://www.w3.org/2000/09/xmldsig#}DigestValue",
        )
        ret = self._ret("retEnviNFe", 104, "Lote processado")
        st = self.state
        mode = self.mode_for("NFeAutorizacao4")
        if mode == "reject":
            cstat, reason = self.reject_with
            prot = self._prot(key, cstat, reason, digest)
        elif (
            int(_t(nfe, "n:infNFe/n:ide/n:cUF") or 0) in self.resp_tec_ufs
            and nfe.find("n:infNFe/n:infRespTec", {"n": NS}) is None
        ):
            prot = self._prot(key, 972, RESP_TEC_MISSING, digest)
        elif key in st.authorised:
            done = st.authorised[key]
            prot = self._prot(
                key, 204, f"Rejeição: Duplicidade de NF-e [nRec:{done.number}]", digest
            )
        elif mode == "duplicate_539" or (cnpj, series, number) in st.by_number:
            other = st.by_number.get((cnpj, series, number), key[:34] + "9" + "0" * 8 + "0")
            prot = self._prot(
                key,
                539,
                f"Rejeição: Duplicidade de NF-e, com diferença na Chave de Acesso [chNFe:{other}]",
                digest,
            )
        elif (series, number) in st.voided:
            prot = self._prot(key, 206, "Rejeição: NF-e já está inutilizada", digest)
        else:
            protocol = self._next_protocol()
            prot = self._prot(key, 100, "Autorizado o uso da NF-e", digest, protocol)
            st.authorised[key] = Protocol(key, protocol, _now(), digest, prot)
            st.by_number[(cnpj, series, number)] = key
            st.authorisations[key] += 1
            st.notes[key] = etree.tostring(nfe)
        ret.append(etree.fromstring(prot))
        return ret

    def _NFeRetAutorizacao4(self, payload: etree._Element) -> etree._Element:
        return self._reci(_t(payload, "n:nRec"), 106, "Rejeição: Lote não localizado")

    def _reci(self, receipt: str, cstat: int, reason: str) -> etree._Element:
        root = _el("retConsReciNFe", "4.00")
        for tag, value in (
            ("tpAmb", str(self.environment)),
            ("verAplic", VER_APLIC),
            ("nRec", receipt or "0"),
            ("cStat", str(cstat)),
            ("xMotivo", reason),
            ("cUF", str(self.uf_code)),
            ("dhRecbto", _now()),
        ):
            _sub(root, tag, value)
        return root

    def _NFeStatusServico4(self, payload: etree._Element) -> etree._Element:
        root = self._ret("retConsStatServ", 107, "Serviço em Operação")
        _sub(root, "tMed", "1")
        return root

    def _NFeConsultaProtocolo4(self, payload: etree._Element) -> etree._Element:
        key = _t(payload, "n:chNFe")
        st = self.state
        if key in st.cancelled:
            root = self._ret("retConsSitNFe", 101, "Cancelamento de NF-e homologado")
        elif key in st.authorised:
            root = self._ret("retConsSitNFe", 100, "Autorizado o uso da NF-e")
        else:
            root = self._ret("retConsSitNFe", 217, NOT_FOUND)
        _sub(root, "chNFe", key)
        if key in st.authorised:
            root.append(etree.fromstring(st.authorised[key].prot_xml))
        if key in st.cancel_events:  # as SEFAZ does: the note's events after its protocol
            root.append(etree.fromstring(st.cancel_events[key]))
        return root

    def _NFeRecepcaoEvento4(self, payload: etree._Element) -> etree._Element:
        inf = payload.find(f"{{{NS}}}evento/{{{NS}}}infEvento")
        assert inf is not None
        key, protocol = _t(inf, "n:chNFe"), _t(inf, "n:detEvento/n:nProt")
        event = _t(inf, "n:tpEvento")
        st = self.state
        st.events.append(event)
        root = self._simple("NFeRecepcaoEvento4", 128, "Lote de Evento Processado")
        root.find(f"{{{NS}}}idLote").text = _t(payload, "n:idLote")
        ret = etree.SubElement(root, f"{{{NS}}}retEvento")
        ret.set("versao", "1.00")
        info = etree.SubElement(ret, f"{{{NS}}}infEvento")
        if key not in st.authorised:
            cstat, reason, number = 217, NOT_FOUND, ""
        elif self.mode_for("NFeRecepcaoEvento4") == "reject":  # e.g. 501, past the limit
            (cstat, reason), number = self.reject_with, ""
        elif st.authorised[key].number != protocol:
            cstat, reason, number = 222, "Rejeição: Protocolo de Autorização de Uso difere", ""
        elif key in st.cancelled:
            cstat, reason, number = 573, "Rejeição: Duplicidade de Evento", ""
        elif event == SUBSTITUTION and (refused := self._refuse_substitution(payload, inf)):
            (cstat, reason), number = refused, ""
        elif event != SUBSTITUTION and self._too_late(key, inf):
            cstat, reason, number = 501, TOO_LATE, ""
        else:
            number = self._next_protocol()
            cstat, reason = 135, "Evento registrado e vinculado a NF-e"
            st.cancelled[key] = number
        for tag, value in (
            ("tpAmb", str(self.environment)),
            ("verAplic", VER_APLIC),
            ("cOrgao", str(self.uf_code)),
            ("cStat", str(cstat)),
            ("xMotivo", reason),
            ("chNFe", key),
            ("tpEvento", event),
            (
                "xEvento",
                "Cancelamento por substituicao registrado"
                if event == SUBSTITUTION
                else "Cancelamento registrado",
            ),
            ("nSeqEvento", _t(inf, "n:nSeqEvento")),
            ("dhRegEvento", _now()),
        ):
            _sub(info, tag, value)
        if number:
            _sub(info, "nProt", number)
            proc = _el("procEventoNFe", "1.00")
            proc.append(copy.deepcopy(payload.find(f"{{{NS}}}evento")))
            proc.append(copy.deepcopy(ret))
            st.cancel_events[key] = etree.tostring(proc)
        return root

    def _too_late(self, key: str, inf: etree._Element) -> bool:
        if self.cancel_window is None or key not in self.state.notes:
            return False
        issued = _t(etree.fromstring(self.state.notes[key]), "n:infNFe/n:ide/n:dhEmi")
        when = datetime.fromisoformat(_t(inf, "n:dhEvento"))
        return when - datetime.fromisoformat(issued) > self.cancel_window

    def _refuse_substitution(
        self, payload: etree._Element, inf: etree._Element
    ) -> tuple[int, str] | None:
        """Why a 110112 is refused (cStat, xMotivo), or None. The double's own checks
        (999 for the ones whose SEFAZ code is not in FISCAL_FACTS): the signature, and
        chNFeRef an authorised tpEmis 9 note of the same issuer with the same vNF."""
        evento = payload.find(f"{{{NS}}}evento")
        assert evento is not None
        try:
            verify_signature(evento, x509.load_pem_x509_certificate(self.client_ca))
        except ValueError as exc:
            return 297, f"Rejeição: Assinatura difere do calculado ({exc})"
        key, ref = _t(inf, "n:chNFe"), _t(inf, "n:detEvento/n:chNFeRef")
        st = self.state
        if ref not in st.notes:
            return 999, "Rejeição: NFC-e substituta não autorizada"
        if ref[34] != "9" or ref == key:
            return 999, "Rejeição: NFC-e substituta não é de contingência off-line"
        original, substitute = (etree.fromstring(st.notes[k]) for k in (key, ref))
        if _t(original, "n:infNFe/n:emit/n:CNPJ") != _t(substitute, "n:infNFe/n:emit/n:CNPJ"):
            return 999, "Rejeição: NFC-e substituta de outro emitente"
        total = "n:infNFe/n:total/n:ICMSTot/n:vNF"
        if _t(original, total) != _t(substitute, total):
            return 999, "Rejeição: NFC-e substituta com valor diferente"
        return None

    def _NFeInutilizacao4(self, payload: etree._Element) -> etree._Element:
        inf = payload.find(f"{{{NS}}}infInut")
        assert inf is not None
        series = int(_t(inf, "n:serie"))
        first, last = int(_t(inf, "n:nNFIni")), int(_t(inf, "n:nNFFin"))
        cnpj = _t(inf, "n:CNPJ")
        st = self.state
        used = [n for n in range(first, last + 1) if (cnpj, series, n) in st.by_number]
        root = _el("retInutNFe", "4.00")
        out = etree.SubElement(root, f"{{{NS}}}infInut")
        if used:
            cstat, reason, number = 241, "Rejeição: Um número da faixa já foi utilizado", ""
        else:
            cstat, reason, number = 102, "Inutilização de número homologado", self._next_protocol()
            st.voided.update((series, n) for n in range(first, last + 1))
        for tag, value in (
            ("tpAmb", str(self.environment)),
            ("verAplic", VER_APLIC),
            ("cStat", str(cstat)),
            ("xMotivo", reason),
            ("cUF", str(self.uf_code)),
            ("ano", _t(inf, "n:ano")),
            ("CNPJ", cnpj),
            ("mod", _t(inf, "n:mod")),
            ("serie", str(series)),
            ("nNFIni", str(first)),
            ("nNFFin", str(last)),
            ("dhRecbto", _now()),
        ):
            _sub(out, tag, value)
        if number:
            _sub(out, "nProt", number)
        return root


def _schema_of(service: str, payload: etree._Element) -> str:
    """The schema a payload is checked against: a 110112 by the generic event schema
    (nfelib has none of its own), everything else by its service's."""
    if service == "NFeRecepcaoEvento4" and _t(payload, "n:evento/n:infEvento/n:tpEvento") == (
        SUBSTITUTION
    ):
        return "envEventoGenerico"
    return PAYLOADS[service]


class _Handler(QuietHandler):
    sefaz: LocalSefaz

    def do_POST(self) -> None:
        sefaz = self.sefaz
        service = self.path.strip("/")
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        peer = self.connection.getpeercert()
        with sefaz._lock:
            sefaz.state.client_subjects.append(str(peer.get("subject", "")) if peer else "")
        if service not in PAYLOADS:
            self._send(404, b"not found", "text/plain")
            return
        content_type = self.headers.get("Content-Type", "")
        action = f'action="{WSDL}{service}/'
        if "application/soap+xml" not in content_type or action not in content_type:
            with sefaz._lock:
                sefaz.state.schema_errors.append(f"{service}: bad Content-Type {content_type!r}")
            self._send(415, b"SOAP 1.2 expected", "text/plain")
            return
        mode = sefaz.mode_for(service)
        if mode == "cut":
            self.close_connection = True
            return
        if mode == "timeout":
            sefaz.hang()
            self.close_connection = True
            return
        try:
            envelope = etree.fromstring(body)
            payload = envelope.find(f"{{{SOAP12}}}Body/{{{WSDL}{service}}}nfeDadosMsg")
            if payload is None or len(payload) == 0:
                raise ValueError("no nfeDadosMsg")
            answer = sefaz._answer(service, payload[0])
        except (etree.XMLSyntaxError, ValueError) as exc:
            with sefaz._lock:
                sefaz.state.schema_errors.append(f"{service}: {exc}")
            self._send(400, b"bad SOAP envelope", "text/plain")
            return
        if mode == "timeout_after_authorise":
            sefaz.hang()
            self.close_connection = True
            return
        env = etree.Element(f"{{{SOAP12}}}Envelope", nsmap={"soap": SOAP12})
        result = etree.SubElement(
            etree.SubElement(env, f"{{{SOAP12}}}Body"),
            f"{{{WSDL}{service}}}nfeResultMsg",
            nsmap={None: WSDL + service},
        )
        result.append(answer)
        self._send(
            200,
            etree.tostring(env, encoding="UTF-8", xml_declaration=True),
            "application/soap+xml; charset=utf-8",
        )
