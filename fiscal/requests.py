"""The request documents sent to SEFAZ (what goes inside nfeDadosMsg), each XSD-valid.

enviNFe (one NFC-e, indSinc=1), consReciNFe, consSitNFe, consStatServ, the
cancellation event 110111 (envEvento 1.00, signed), the cancellation by substitution
110112 (envEvento 1.00, signed; NT 2018.004) and inutNFe (signed).
"""

from __future__ import annotations

import re
from datetime import datetime

from lxml import etree

from fiscal.certificate import A1Certificate
from fiscal.errors import InvalidInput
from fiscal.key import is_valid_key
from fiscal.model import UF_CODES, Environment, TpEmis
from fiscal.schemas import validate
from fiscal.signing import sign
from fiscal.text import plain

NS = "http://www.portalfiscal.inf.br/nfe"
CANCEL_EVENT = "110111"
SUBSTITUTION_EVENT = "110112"
SUBSTITUTION_DESC = "Cancelamento por substituicao"
MIN_REASON = 15
_TSTRING = re.compile(r"[!-\xff]([ -\xff]*[!-\xff])?")
"""tiposBasico's TString: no leading or trailing blank, Latin-1 only."""


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
    evento, det = _event(environment, cnpj, key, CANCEL_EVENT, when, sequence)
    _sub(det, "descEvento", "Cancelamento")
    _sub(det, "nProt", protocol)
    _sub(det, "xJust", _reason(reason, "xJust", 255))
    return _enveloped(evento, a1, lot_id, "envEvento")


def _event(
    environment: Environment,
    cnpj: str,
    key: str,
    event: str,
    when: datetime,
    sequence: int,
) -> tuple[etree._Element, etree._Element]:
    """evento 1.00 up to an empty detEvento (versao 1.00): (evento, detEvento)."""
    if when.tzinfo is None:
        raise InvalidInput("dhEvento", "data/hora sem fuso horário", "date/time without time zone")
    evento = _el("evento", "1.00")
    inf = _sub(evento, "infEvento")
    inf.set("Id", f"ID{event}{key}{sequence:02d}")
    for tag, value in (
        ("cOrgao", key[:2]),
        ("tpAmb", str(int(environment))),
        ("CNPJ", cnpj),
        ("chNFe", key),
        ("dhEvento", when.replace(microsecond=0).isoformat()),
        ("tpEvento", event),
        ("nSeqEvento", str(sequence)),
        ("verEvento", "1.00"),
    ):
        _sub(inf, tag, value)
    det = _sub(inf, "detEvento")
    det.set("versao", "1.00")
    return evento, det


def _enveloped(
    evento: etree._Element, a1: A1Certificate, lot_id: int, schema_name: str
) -> etree._Element:
    """The event signed (its infEvento's Id) in an envEvento lot of one, validated."""
    inf = evento.find(f"{{{NS}}}infEvento")
    assert inf is not None
    signed = sign(evento, inf.get("Id", ""), a1)
    root = _el("envEvento", "1.00")
    _sub(root, "idLote", str(lot_id))
    root.append(signed)
    validate(root, schema_name)
    return root


def _check_key(field: str, key: str) -> None:
    if not (key.isdigit() and is_valid_key(key)):
        raise InvalidInput(
            field,
            f"chave de acesso inválida (44 dígitos com DV): {key!r}",
            f"invalid access key (44 digits with its check digit): {key!r}",
        )


def substitution_event(
    environment: Environment,
    cnpj: str,
    key: str,
    protocol: str,
    reason: str,
    substitute_key: str,
    app_version: str,
    when: datetime,
    a1: A1Certificate,
    lot_id: int = 1,
    sequence: int = 1,
) -> etree._Element:
    """envEvento with one signed cancellation by substitution (110112, NT 2018.004) of
    the authorised NFC-e `key`, replaced by the off-line contingency NFC-e
    `substitute_key` (chNFeRef).

    detEvento's elements and their order follow nfephp-org/sped-nfe
    src/Tools.php::sefazCancelaPorSubstituicao (commit ff2a94a): descEvento
    "Cancelamento por substituicao", cOrgaoAutor (the UF code, the key's first two
    digits), tpAutor 1 (the issuer), verAplic, nProt, xJust, chNFeRef.

    nfelib ships no schema for this detEvento: the envelope is checked against its
    generic event schema (nfe_evento_generico, detEvento `xs:any`), and detEvento's
    fields here, with the types tiposBasico gives them (InvalidInput names the field).
    """
    _check_key("chNFe", key)
    _check_key("chNFeRef", substitute_key)
    if key[20:22] != "65" or substitute_key[20:22] != "65":
        raise InvalidInput(
            "chNFeRef",
            "o cancelamento por substituição é só de NFC-e (modelo 65)",
            "cancellation by substitution is for NFC-e (model 65) only",
        )
    if substitute_key[34] != str(int(TpEmis.OFFLINE)):
        raise InvalidInput(
            "chNFeRef",
            "a NFC-e substituta deve ser de contingência off-line (tpEmis 9)",
            "the substitute NFC-e must be an off-line contingency one (tpEmis 9)",
        )
    if substitute_key == key or substitute_key[6:20] != key[6:20] or key[6:20] != cnpj:
        raise InvalidInput(
            "chNFeRef",
            "a NFC-e substituta deve ser outra nota do mesmo emitente",
            "the substitute NFC-e must be another note of the same issuer",
        )
    if key[:2] not in {f"{code:02d}" for code in UF_CODES.values()}:
        raise InvalidInput("cOrgaoAutor", "UF da chave desconhecida", "unknown UF in the key")
    if not (len(protocol) == 15 and protocol.isdigit()):
        raise InvalidInput(
            "nProt",
            "protocolo de autorização deve ter 15 dígitos",
            "the authorisation protocol must have 15 digits",
        )
    version = plain(app_version).strip()
    if not (1 <= len(version) <= 20 and _TSTRING.fullmatch(version)):
        raise InvalidInput(
            "verAplic",
            "versão do aplicativo deve ter de 1 a 20 caracteres",
            "the application version needs 1-20 characters",
        )
    justification = _reason(reason, "xJust", 255)
    evento, det = _event(environment, cnpj, key, SUBSTITUTION_EVENT, when, sequence)
    for tag, value in (
        ("descEvento", SUBSTITUTION_DESC),
        ("cOrgaoAutor", key[:2]),
        ("tpAutor", "1"),
        ("verAplic", version),
        ("nProt", protocol),
        ("xJust", justification),
        ("chNFeRef", substitute_key),
    ):
        _sub(det, tag, value)
    return _enveloped(evento, a1, lot_id, "envEventoGenerico")


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
