"""The request documents sent to SEFAZ (what goes inside nfeDadosMsg), each XSD-valid.

enviNFe (one NFC-e, indSinc=1), consReciNFe, consSitNFe, consStatServ, the
cancellation event 110111 (envEvento 1.00, signed) and inutNFe (signed).
"""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from fiscal.certificate import A1Certificate
from fiscal.errors import InvalidInput
from fiscal.model import UF_CODES, Environment
from fiscal.schemas import validate
from fiscal.signing import sign
from fiscal.text import plain

NS = "http://www.portalfiscal.inf.br/nfe"
CANCEL_EVENT = "110111"
MIN_REASON = 15


def _el(tag: str, versao: str | None = None) -> etree._Element:
    node = etree.Element(f"{{{NS}}}{tag}", nsmap={None: NS})
    if versao:
        node.set("versao", versao)
    return node


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    node = etree.SubElement(parent, f"{{{NS}}}{tag}")
    if text is not None:
        node.text = text
    return node


def _reason(text: str, field: str, maximum: int) -> str:
    clean = plain(text)  # as typed: a dash or curly quotes would fail the XSD
    if not MIN_REASON <= len(clean) <= maximum:
        raise InvalidInput(
            field,
            f"a justificativa precisa de {MIN_REASON} a {maximum} caracteres",
            f"the justification needs {MIN_REASON}-{maximum} characters",
        )
    return clean


def envi_nfe(nfe_xml: bytes, lot_id: int) -> etree._Element:
    root = _el("enviNFe", "4.00")
    _sub(root, "idLote", str(lot_id))
    _sub(root, "indSinc", "1")
    root.append(etree.fromstring(nfe_xml))
    validate(root, "enviNFe")
    return root


def cons_reci(environment: Environment, receipt: str) -> etree._Element:
    root = _el("consReciNFe", "4.00")
    _sub(root, "tpAmb", str(int(environment)))
    _sub(root, "nRec", receipt)
    validate(root, "consReciNFe")
    return root


def cons_sit(environment: Environment, key: str) -> etree._Element:
    root = _el("consSitNFe", "4.00")
    _sub(root, "tpAmb", str(int(environment)))
    _sub(root, "xServ", "CONSULTAR")
    _sub(root, "chNFe", key)
    validate(root, "consSitNFe")
    return root


def cons_stat(environment: Environment, uf: str) -> etree._Element:
    root = _el("consStatServ", "4.00")
    _sub(root, "tpAmb", str(int(environment)))
    _sub(root, "cUF", str(UF_CODES[uf]))
    _sub(root, "xServ", "STATUS")
    validate(root, "consStatServ")
    return root


def cancel_event(
    environment: Environment,
    cnpj: str,
    key: str,
    protocol: str,
    reason: str,
    when: datetime,
    a1: A1Certificate,
    lot_id: int = 1,
    sequence: int = 1,
) -> etree._Element:
    """envEvento with one signed cancellation (110111) of the authorised note `key`."""
    if when.tzinfo is None:
        raise InvalidInput("dhEvento", "data/hora sem fuso horário", "date/time without time zone")
    evento = _el("evento", "1.00")
    inf = _sub(evento, "infEvento")
    inf.set("Id", f"ID{CANCEL_EVENT}{key}{sequence:02d}")
    for tag, value in (
        ("cOrgao", key[:2]),
        ("tpAmb", str(int(environment))),
        ("CNPJ", cnpj),
        ("chNFe", key),
        ("dhEvento", when.replace(microsecond=0).isoformat()),
        ("tpEvento", CANCEL_EVENT),
        ("nSeqEvento", str(sequence)),
        ("verEvento", "1.00"),
    ):
        _sub(inf, tag, value)
    det = _sub(inf, "detEvento")
    det.set("versao", "1.00")
    _sub(det, "descEvento", "Cancelamento")
    _sub(det, "nProt", protocol)
    _sub(det, "xJust", _reason(reason, "xJust", 255))
    signed = sign(evento, inf.get("Id", ""), a1)
    root = _el("envEvento", "1.00")
    _sub(root, "idLote", str(lot_id))
    root.append(signed)
    validate(root, "envEvento")
    return root


def inut_nfe(
    environment: Environment,
    uf: str,
    cnpj: str,
    year: int,
    series: int,
    first: int,
    last: int,
    reason: str,
    a1: A1Certificate,
    model: int = 65,
) -> etree._Element:
    """inutNFe voiding numbers first..last of `series` (year: 2 digits of the year)."""
    if not 1 <= first <= last <= 999_999_999:
        raise InvalidInput("nNFIni", "faixa de números inválida", "invalid number range")
    cuf = UF_CODES[uf]
    ident = f"ID{cuf:02d}{year % 100:02d}{cnpj}{model:02d}{series:03d}{first:09d}{last:09d}"
    root = _el("inutNFe", "4.00")
    inf = _sub(root, "infInut")
    inf.set("Id", ident)
    for tag, value in (
        ("tpAmb", str(int(environment))),
        ("xServ", "INUTILIZAR"),
        ("cUF", str(cuf)),
        ("ano", f"{year % 100:02d}"),
        ("CNPJ", cnpj),
        ("mod", str(model)),
        ("serie", str(series)),
        ("nNFIni", str(first)),
        ("nNFFin", str(last)),
        ("xJust", _reason(reason, "xJust", 255)),
    ):
        _sub(inf, tag, value)
    signed = sign(root, ident, a1)
    validate(signed, "inutNFe")
    return signed
