"""A local Sefin Nacional of ours for tests: HTTPS on 127.0.0.1, client certificate required.

It implements the national NFS-e API's requests and answers (JSON carrying the XML
GZip-compressed and base64-encoded): POST /nfse (a DPS becomes an NFS-e), GET
/nfse/{chave}, GET /dps/{id}, POST /nfse/{chave}/eventos (cancellation, e101101).
Every DPS and event request is checked against the national XSD (leiaute 1.01) and
its signature against the client's TLS certificate (the A1 that signs is the one
that connects); failures are answered as rejections and kept in `schema_errors`.
The NFS-e it returns is built in the NFSe_v1.01 layout, holds the DPS as received
and is signed with the server's own certificate.

Modes (`set_mode`): authorise (default), reject (code + reason of your choice),
timeout (hang, never answer), timeout_after_authorise (issue the NFS-e, then hang:
the answer is lost), down (no listener: connection refused).

    with LocalSefin(client_ca=a1.cert_pem(), folder=tmp_path) as sefin:
        client = SefinClient(a1, Environment.HOMOLOGACAO, base_url=sefin.url,
                             ca_file=sefin.ca_file, timeout_s=1)
"""

from __future__ import annotations

import base64
import copy
import functools
import json
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from lxml import etree

from fiscal.certificate import A1Certificate
from fiscal.errors import SchemaError
from fiscal.nfse.client import pack, unpack
from fiscal.nfse.keys import nfse_key
from fiscal.nfse.model import NS, VERSION
from fiscal.nfse.schemas import validate
from fiscal.signing import sign
from fiscal.testing.certs import make_a1_pkcs12
from fiscal.testing.https import LocalHttps, QuietHandler

VER_APLIC = "LOCAL-SEFIN-1.0"
TZ = ZoneInfo("America/Sao_Paulo")
Mode = Literal["authorise", "reject", "timeout", "timeout_after_authorise", "down"]
_KEY = re.compile(r"^/nfse/(\d{50})$")
_EVENTS = re.compile(r"^/nfse/(\d{50})/eventos$")
_DPS = re.compile(r"^/dps/(DPS\d{42})$")
DS = "http://www.w3.org/2000/09/xmldsig#"


def _c14n(node: etree._Element) -> bytes:
    """C14N 1.0 of a subtree with its in-scope namespaces (a copy: lxml's subtree c14n
    writes xmlns="" on children of a default-namespace element)."""
    return bytes(etree.tostring(copy.deepcopy(node), method="c14n"))


def verify_signature(root: etree._Element, cert: x509.Certificate) -> None:
    """Check the enveloped RSA-SHA1 signature of `root` with `cert` (ValueError if wrong).

    By hand (C14N 1.0 of SignedInfo, SHA-1 digest of the referenced element): the
    layout's profile is fixed and small, and signxml's verifier refuses SHA-1.
    """
    signature = root.find(f"{{{DS}}}Signature")
    if signature is None:
        raise ValueError("documento sem assinatura / unsigned document")
    signed_info = signature.find(f"{{{DS}}}SignedInfo")
    reference = signature.find(f".//{{{DS}}}Reference")
    if signed_info is None or reference is None:
        raise ValueError("assinatura incompleta / incomplete signature")
    target = root.find(f"*[@Id='{reference.get('URI', '#')[1:]}']")
    if target is None:
        raise ValueError("referência não encontrada / reference not found")
    digest = hashes.Hash(hashes.SHA1())
    digest.update(_c14n(target))
    expected = base64.b64decode(signature.findtext(f".//{{{DS}}}DigestValue") or "")
    if digest.finalize() != expected:
        raise ValueError("DigestValue não confere / digest mismatch")
    key = cert.public_key()
    assert isinstance(key, rsa.RSAPublicKey)
    value = base64.b64decode(signature.findtext(f"{{{DS}}}SignatureValue") or "")
    try:
        key.verify(value, _c14n(signed_info), padding.PKCS1v15(), hashes.SHA1())
    except InvalidSignature:
        raise ValueError("assinatura inválida para o certificado / bad signature") from None


@dataclass
class Issued:
    key: str
    dps_id: str
    nfse_xml: bytes
    cancelled_xml: bytes | None = None


@dataclass
class State:
    issued: dict[str, Issued] = field(default_factory=dict)  # key -> NFS-e
    by_dps: dict[str, str] = field(default_factory=dict)  # DPS Id -> key
    sent: Counter[str] = field(default_factory=Counter)  # DPS Id -> POSTs received
    requests: list[str] = field(default_factory=list)
    schema_errors: list[str] = field(default_factory=list)


@functools.cache
def _signer() -> A1Certificate:
    """The certificate our Sefin signs NFS-e and events with (one per test run)."""
    return A1Certificate.from_pkcs12(
        make_a1_pkcs12("sefin", "SEFIN NACIONAL (teste):00394460005887"), "sefin"
    )


def _now() -> str:
    return datetime.now(TZ).replace(microsecond=0).isoformat()


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    node = etree.SubElement(parent, f"{{{NS}}}{tag}")
    if text is not None:
        node.text = text
    return node


def _t(node: etree._Element, path: str) -> str:
    return node.findtext(path, "", {"n": NS}) or ""


def _cents(text: str) -> int:
    return int(Decimal(text or "0") * 100)


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


class LocalSefin(LocalHttps):
    base_path = "/SefinNacional"

    def __init__(self, client_ca: bytes, folder: Path, hang_s: float = 30.0) -> None:
        super().__init__(client_ca, folder, hang_s)
        self.signer = _signer()
        self.state = State()
        self.mode: Mode = "authorise"
        self.reject_with = ("E0001", "Rejeição de teste")
        self._lock = threading.Lock()
        self._numbers = 0

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        return type("Handler", (_Handler,), {"sefin": self})

    def set_mode(self, mode: Mode, code: str = "E0001", reason: str = "Rejeição de teste") -> None:
        """Switch behaviour; `down` closes the listener, any other mode reopens it."""
        self.reject_with = (code, reason)
        self._switch(mode)
        self.mode = mode

    # the API ----------------------------------------------------------------------
    def _error(self, status: int, code: str, reason: str) -> tuple[int, dict[str, Any]]:
        return status, {
            "tipoAmbiente": 2,
            "versaoAplicativo": VER_APLIC,
            "dataHoraProcessamento": _now(),
            "erros": [{"Codigo": code, "Descricao": reason}],
        }

    def _checked(self, packed: object, peer_der: bytes | None) -> etree._Element:
        """The document unpacked, schema-valid and signed by the connecting certificate."""
        root = etree.fromstring(unpack(str(packed)))
        validate(root)
        if peer_der is None:
            raise SchemaError("Signature", "sem certificado do cliente")
        cert = x509.load_der_x509_certificate(peer_der)
        verify_signature(root, cert)
        return root

    def post_nfse(self, body: dict[str, Any], peer: bytes | None) -> tuple[int, dict[str, Any]]:
        try:
            dps = self._checked(body.get("dpsXmlGZipB64", ""), peer)
        except Exception as exc:  # any fault is the sender's: answered as a rejection
            self.state.schema_errors.append(f"DPS: {exc}")
            return self._error(400, "E1235", f"Falha no esquema XML da DPS: {exc}")
        inf = dps.find(f"{{{NS}}}infDPS")
        assert inf is not None
        dps_id = inf.get("Id", "")
        self.state.sent[dps_id] += 1
        if self.mode == "reject":
            return self._error(400, *self.reject_with)
        if dps_id in self.state.by_dps:
            return self._error(400, "E0014", "Conjunto de Série e Número da DPS já utilizado")
        issued = self._issue(dps, inf, dps_id)
        return 201, {
            "tipoAmbiente": 2,
            "versaoAplicativo": VER_APLIC,
            "dataHoraProcessamento": _now(),
            "idDps": dps_id,
            "chaveAcesso": issued.key,
            "nfseXmlGZipB64": pack(issued.nfse_xml),
        }

    def _issue(self, dps: etree._Element, inf: etree._Element, dps_id: str) -> Issued:
        self._numbers += 1
        number = self._numbers
        city = _t(inf, "n:cLocEmi")
        cnpj = _t(inf, "n:prest/n:CNPJ")
        key = nfse_key(city, 2, cnpj, number, datetime.now(TZ).strftime("%y%m"), 100000 + number)
        service = _cents(_t(inf, "n:valores/n:vServPrest/n:vServ"))
        discount = _cents(_t(inf, "n:valores/n:vDescCondIncond/n:vDescIncond"))
        deductions = sum(
            _cents(n.text or "0") for n in inf.iterfind(".//n:vDeducaoReducao", {"n": NS})
        )
        base = service - discount - deductions
        rate = Decimal(_t(inf, "n:valores/n:trib/n:tribMun/n:pAliq") or "5.00")
        iss = int((Decimal(base) * rate / 100).quantize(Decimal(1), ROUND_HALF_UP))
        withheld = _t(inf, "n:valores/n:trib/n:tribMun/n:tpRetISSQN") != "1"
        root = etree.Element(f"{{{NS}}}NFSe", nsmap={None: NS})
        root.set("versao", VERSION)
        out = _sub(root, "infNFSe")
        out.set("Id", f"NFS{key}")
        for tag, text in (
            ("xLocEmi", "Município de teste"),
            ("xLocPrestacao", "Município de teste"),
            ("nNFSe", str(number)),
            ("cLocIncid", city),
            ("xLocIncid", "Município de teste"),
            ("xTribNac", "Barbearia, cabeleireiros, manicuros, pedicuros e congêneres."),
            ("verAplic", VER_APLIC),
            ("ambGer", "2"),
            ("tpEmis", "1"),
            ("procEmi", "1"),
            ("cStat", "100"),
            ("dhProc", _now()),
            ("nDFSe", str(number)),
        ):
            _sub(out, tag, text)
        emit = _sub(out, "emit")
        _sub(emit, "CNPJ", cnpj)
        if _t(inf, "n:prest/n:IM"):
            _sub(emit, "IM", _t(inf, "n:prest/n:IM"))
        _sub(emit, "xNome", f"CONTRIBUINTE {cnpj}")
        address = _sub(emit, "enderNac")
        for tag, text in (
            ("xLgr", "Rua de teste"),
            ("nro", "1"),
            ("xBairro", "Centro"),
            ("cMun", city),
            ("UF", "SP"),
            ("CEP", "01001000"),
        ):
            _sub(address, tag, text)
        values = _sub(out, "valores")
        if deductions:
            _sub(values, "vCalcDR", _money(deductions))
        _sub(values, "vBC", _money(base))
        _sub(values, "pAliqAplic", f"{rate:.2f}")
        _sub(values, "vISSQN", _money(iss))
        if withheld:
            _sub(values, "vTotalRet", _money(iss))
        _sub(values, "vLiq", _money(service - discount - (iss if withheld else 0)))
        out.append(dps)
        signed = sign(root, f"NFS{key}", self.signer)
        validate(signed)
        issued = Issued(key, dps_id, etree.tostring(signed, encoding="UTF-8", xml_declaration=True))
        self.state.issued[key] = issued
        self.state.by_dps[dps_id] = key
        return issued

    def get_nfse(self, key: str) -> tuple[int, dict[str, Any]]:
        issued = self.state.issued.get(key)
        if issued is None:
            return self._error(404, "E2400", "NFS-e não encontrada")
        return 200, {"chaveAcesso": key, "nfseXmlGZipB64": pack(issued.nfse_xml)}

    def get_dps(self, dps_id: str) -> tuple[int, dict[str, Any]]:
        key = self.state.by_dps.get(dps_id)
        if key is None:
            return self._error(404, "E2401", "DPS não encontrada")
        return 200, {"idDps": dps_id, "chaveAcesso": key}

    def post_event(
        self, key: str, body: dict[str, Any], peer: bytes | None
    ) -> tuple[int, dict[str, Any]]:
        try:
            request = self._checked(body.get("pedidoRegistroEventoXmlGZipB64", ""), peer)
        except Exception as exc:  # answered as a rejection
            self.state.schema_errors.append(f"pedRegEvento: {exc}")
            return self._error(400, "E1235", f"Falha no esquema XML do evento: {exc}")
        issued = self.state.issued.get(key)
        if issued is None or _t(request, "n:infPedReg/n:chNFSe") != key:
            return self._error(400, "E0840", "NFS-e do evento não encontrada")
        if self.mode == "reject":
            return self._error(400, *self.reject_with)
        if issued.cancelled_xml is not None:
            return self._error(400, "E0841", "NFS-e já cancelada")
        root = etree.Element(f"{{{NS}}}evento", nsmap={None: NS})
        root.set("versao", VERSION)
        inf = _sub(root, "infEvento")
        ident = f"EVT{key}101101001"
        inf.set("Id", ident)
        for tag, text in (
            ("verAplic", VER_APLIC),
            ("ambGer", "2"),
            ("nSeqEvento", "1"),
            ("dhProc", _now()),
            ("nDFSe", str(len(self.state.issued) + 1000)),
        ):
            _sub(inf, tag, text)
        inf.append(request)
        signed = sign(root, ident, self.signer)
        validate(signed)
        issued.cancelled_xml = etree.tostring(signed, encoding="UTF-8", xml_declaration=True)
        return 201, {"eventoXmlGZipB64": pack(issued.cancelled_xml)}


class _Handler(QuietHandler):
    sefin: LocalSefin

    def _reply(self, status: int, body: dict[str, Any]) -> None:
        self._send(status, json.dumps(body).encode(), "application/json")

    def _route(self, method: str) -> None:
        sefin = self.sefin
        path = self.path.removeprefix("/SefinNacional")
        body: dict[str, Any] = {}
        if method == "POST":
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            try:
                parsed = json.loads(raw or b"{}")
                body = parsed if isinstance(parsed, dict) else {}
            except ValueError:
                self._reply(400, {"erros": [{"Codigo": "E1226", "Descricao": "JSON mal formado"}]})
                return
        if sefin.mode == "timeout":
            sefin.hang()
            self.close_connection = True
            return
        peer = self.connection.getpeercert(binary_form=True)
        with sefin._lock:
            sefin.state.requests.append(f"{method} {path}")
            if method == "POST" and path == "/nfse":
                status, answer = sefin.post_nfse(body, peer)
            elif method == "POST" and (match := _EVENTS.match(path)):
                status, answer = sefin.post_event(match.group(1), body, peer)
            elif method == "GET" and (match := _KEY.match(path)):
                status, answer = sefin.get_nfse(match.group(1))
            elif method == "GET" and (match := _DPS.match(path)):
                status, answer = sefin.get_dps(match.group(1))
            else:
                status, answer = 404, {"erros": [{"Codigo": "E404", "Descricao": "não existe"}]}
        if sefin.mode == "timeout_after_authorise" and method == "POST":
            sefin.hang()
            self.close_connection = True
            return
        self._reply(status, answer)

    def do_POST(self) -> None:
        self._route("POST")

    def do_GET(self) -> None:
        self._route("GET")
