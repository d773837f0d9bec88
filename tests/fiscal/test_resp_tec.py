"""infRespTec: the responsável técnico on the signed note, hashCSRT, and the UFs that require it."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable

from lxml import etree

from fiscal.certificate import A1Certificate
from fiscal.model import Nfce, TechResponsible
from fiscal.schemas import validate
from fiscal.soap import Authorized, Rejected, SefazClient
from fiscal.testing import LocalSefaz
from fiscal.xml_build import build_nfce
from tests.fiscal.conftest import CSC, NS

Make = Callable[..., Nfce]

CSRT = "G8063VRTNDMO886SFNK5LDUDEI24XJ22YIPO"  # NT 2018.005's sample shape: 36 characters
TECH = TechResponsible(
    cnpj="11222333000181",
    contact="Maria Suporte",
    email="suporte@posapp.com.br",
    phone="11987654321",
)


def resp_tec(xml: bytes) -> etree._Element | None:
    return etree.fromstring(xml).find("n:infNFe/n:infRespTec", NS)


def test_the_signed_note_names_the_responsavel_tecnico_and_hash_csrt_where_the_xsd_puts_them(
    make_note: Make, a1: A1Certificate
) -> None:
    tech = TechResponsible(**{**TECH.__dict__, "csrt_id": "01", "csrt": CSRT})
    signed = build_nfce(make_note(additional_info="Obrigado", tech_responsible=tech), a1, CSC)
    root = etree.fromstring(signed.xml)
    validate(root, "NFe")
    group = resp_tec(signed.xml)
    assert group is not None
    expected = base64.b64encode(hashlib.sha1((CSRT + signed.key).encode()).digest()).decode()
    assert [(etree.QName(e).localname, e.text) for e in group] == [
        ("CNPJ", "11222333000181"),
        ("xContato", "Maria Suporte"),
        ("email", "suporte@posapp.com.br"),
        ("fone", "11987654321"),
        ("idCSRT", "01"),
        ("hashCSRT", expected),
    ]
    assert len(base64.b64decode(expected)) == 20  # the XSD's base64Binary of length 20
    # after infAdic, the last group of infNFe: inside what is signed
    inf = root.find("n:infNFe", NS)
    assert inf is not None
    assert [etree.QName(e).localname for e in inf][-2:] == ["infAdic", "infRespTec"]
    assert CSRT.encode() not in signed.xml  # the code itself never travels
    assert CSRT not in repr(tech)


def test_without_a_csrt_the_group_goes_without_id_and_hash(
    make_note: Make, a1: A1Certificate
) -> None:
    no_code = TechResponsible(**{**TECH.__dict__, "csrt_id": "01"})
    signed = build_nfce(make_note(tech_responsible=no_code), a1, CSC)
    group = resp_tec(signed.xml)
    assert group is not None
    assert [etree.QName(e).localname for e in group] == ["CNPJ", "xContato", "email", "fone"]


def test_a_uf_that_requires_it_refuses_a_note_without_it_with_972(
    make_note: Make, a1: A1Certificate, sefaz: LocalSefaz, client: SefazClient
) -> None:
    sefaz.resp_tec_ufs = frozenset({35})
    bare = build_nfce(make_note(), a1, CSC)
    assert resp_tec(bare.xml) is None  # no responsável técnico: no group
    refused = client.authorize(bare.xml)
    assert isinstance(refused, Rejected)
    assert (refused.cstat, refused.reason) == (
        972,
        "Rejeição: Obrigatória as informações do responsável técnico",
    )
    assert sefaz.state.schema_errors == []
    named = build_nfce(make_note(number=2, tech_responsible=TECH), a1, CSC)
    assert isinstance(client.authorize(named.xml), Authorized)

    sefaz.resp_tec_ufs = frozenset({43})  # only RS requires it: an SP note goes without
    other = build_nfce(make_note(number=3), a1, CSC)
    assert isinstance(client.authorize(other.xml), Authorized)
