"""The DPS XML (leiaute 1.01), checked against the national XSD and signed with the A1.

The signature follows the national layout's XMLDSig profile (the NF-e's): enveloped,
C14N 1.0, RSA-SHA1 and SHA-1 digest, `Reference URI="#<infDPS Id>"`, the Signature as
the last child of DPS (fiscal.signing).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from fiscal.certificate import A1Certificate
from fiscal.errors import InvalidInput
from fiscal.nfse.keys import dps_id
from fiscal.nfse.model import NS, VERSION, Dps, PartnerShare, SimplesOption, Taker
from fiscal.nfse.schemas import validate
from fiscal.signing import sign
from fiscal.text import plain, xml_text


@dataclass(frozen=True)
class SignedDps:
    id: str
    xml: bytes


def money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def rate(bp: int) -> str:
    return f"{bp // 100}.{bp % 100:02d}"


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    node = etree.SubElement(parent, f"{{{NS}}}{tag}")
    if text is not None:
        node.text = text
    return node


def _check(dps: Dps) -> None:
    if dps.service_cents <= 0:
        raise InvalidInput(
            "vServ", "valor do serviço deve ser positivo", "service value must be positive"
        )
    if not 0 <= dps.discount_cents < dps.service_cents:
        raise InvalidInput(
            "vDescIncond",
            "o desconto deve ser menor que o valor do serviço",
            "the discount must be less than the service value",
        )
    if dps.partner_cents > dps.service_cents - dps.discount_cents:
        raise InvalidInput(
            "vDedRed",
            "a cota do profissional parceiro passa do valor do serviço",
            "the partner professional's share exceeds the service value",
        )
    if dps.competence > dps.issued_at.date():
        raise InvalidInput(
            "dCompet",
            "a competência não pode ser posterior à emissão",
            "the competence cannot be after the issue date",
        )
    if not 0 <= dps.iss_rate_bp < 1000:
        raise InvalidInput("pAliq", "alíquota do ISS fora de 0-9,99 %", "ISS rate outside 0-9.99 %")
    for name, value, size in (
        ("cTribNac", dps.national_code, 6),
        ("cLocEmi", dps.provider.city_code, 7),
    ):
        if len(value) != size or not value.isdigit():
            raise InvalidInput(name, f"deve ter {size} dígitos", f"must have {size} digits")


def _taker(parent: etree._Element, taker: Taker) -> None:
    node = _sub(parent, "toma")
    if taker.cnpj:
        _sub(node, "CNPJ", taker.cnpj)
    else:
        _sub(node, "CPF", taker.cpf)
    _sub(node, "xNome", xml_text(taker.name, 300))


def _partner(parent: etree._Element, share: PartnerShare, dps: Dps) -> None:
    doc = _sub(parent, "docDedRed")
    _sub(doc, "nDoc", plain(share.contract, 255))
    _sub(doc, "tpDedRed", "9")
    _sub(doc, "dtEmiDoc", share.contract_date.isoformat())
    _sub(doc, "vDedutivelRedutivel", money(share.amount_cents))
    _sub(doc, "vDeducaoReducao", money(share.amount_cents))
    supplier = _sub(doc, "fornec")
    _sub(supplier, "CPF", share.cpf)
    _sub(supplier, "xNome", xml_text(share.name, 300))


def dps_element(dps: Dps) -> etree._Element:
    """The unsigned DPS, schema-checked."""
    _check(dps)
    prov = dps.provider
    root = etree.Element(f"{{{NS}}}DPS", nsmap={None: NS})
    root.set("versao", VERSION)
    inf = _sub(root, "infDPS")
    inf.set("Id", dps_id(prov.city_code, prov.cnpj, dps.series, dps.number))
    _sub(inf, "tpAmb", str(int(dps.environment)))
    _sub(inf, "dhEmi", dps.issued_at.replace(microsecond=0).isoformat())
    _sub(inf, "verAplic", dps.app_version[:20])
    _sub(inf, "serie", str(dps.series))
    _sub(inf, "nDPS", str(dps.number))
    _sub(inf, "dCompet", dps.competence.isoformat())
    _sub(inf, "tpEmit", "1")
    _sub(inf, "cLocEmi", prov.city_code)
    prest = _sub(inf, "prest")
    _sub(prest, "CNPJ", prov.cnpj)
    if prov.im:
        _sub(prest, "IM", prov.im)
    reg = _sub(prest, "regTrib")
    _sub(reg, "opSimpNac", str(int(prov.simples)))
    if prov.simples == SimplesOption.ME_EPP:
        _sub(reg, "regApTribSN", str(prov.sn_regime))
    _sub(reg, "regEspTrib", str(prov.special_regime))
    if dps.taker is not None and (dps.taker.cpf or dps.taker.cnpj):
        _taker(inf, dps.taker)
    serv = _sub(inf, "serv")
    _sub(_sub(serv, "locPrest"), "cLocPrestacao", dps.service_city or prov.city_code)
    code = _sub(serv, "cServ")
    _sub(code, "cTribNac", dps.national_code)
    if dps.municipal_code:
        _sub(code, "cTribMun", dps.municipal_code)
    _sub(code, "xDescServ", xml_text(dps.description, 2000))
    values = _sub(inf, "valores")
    _sub(_sub(values, "vServPrest"), "vServ", money(dps.service_cents))
    if dps.discount_cents:
        _sub(_sub(values, "vDescCondIncond"), "vDescIncond", money(dps.discount_cents))
    if dps.partners:
        docs = _sub(_sub(values, "vDedRed"), "documentos")
        for share in dps.partners:
            _partner(docs, share, dps)
    trib = _sub(values, "trib")
    mun = _sub(trib, "tribMun")
    _sub(mun, "tribISSQN", "1")
    _sub(mun, "tpRetISSQN", str(int(dps.withholding)))
    if dps.iss_rate_bp:
        _sub(mun, "pAliq", rate(dps.iss_rate_bp))
    _sub(_sub(trib, "totTrib"), "indTotTrib", "0")
    validate(root)
    return root


def build_dps(dps: Dps, a1: A1Certificate) -> SignedDps:
    """The signed DPS, validated against DPS_v1.01.xsd before and after signing."""
    root = dps_element(dps)
    inf = root.find(f"{{{NS}}}infDPS")
    assert inf is not None
    ident = inf.get("Id", "")
    signed = sign(root, ident, a1)
    validate(signed)
    return SignedDps(ident, etree.tostring(signed, encoding="UTF-8", xml_declaration=True))
