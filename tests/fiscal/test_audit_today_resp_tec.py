"""Audit of infRespTec/hashCSRT (4612a18): cases its own tests did not cover."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import replace

from lxml import etree

from fiscal.certificate import A1Certificate
from fiscal.model import Emitter, Nfce, TechResponsible
from fiscal.schemas import validate
from fiscal.xml_build import build_nfce
from tests.fiscal.conftest import CSC, NS

Make = Callable[..., Nfce]

CSRT = "G8063VRTNDMO886SFNK5LDUDEI24XJ22YIPO"
ALNUM_CNPJ = "12ABC34501DE35"  # the Receita's alphanumeric example (issued since July 2026)


def test_a_store_with_an_alphanumeric_cnpj_and_a_csrt_still_issues_its_notes(
    make_note: Make, emitter: Emitter, a1: A1Certificate
) -> None:
    tech = TechResponsible("11222333000181", "Maria Suporte", "suporte@posapp.com.br",
                           "11987654321", "01", CSRT)  # fmt: skip
    note = make_note(emitter=replace(emitter, cnpj=ALNUM_CNPJ), tech_responsible=tech)
    signed = build_nfce(note, a1, CSC)
    assert signed.key[6:20] == ALNUM_CNPJ
    root = etree.fromstring(signed.xml)
    validate(root, "NFe")  # the layout's key and CNPJ take letters
    hashed = root.find("n:infNFe/n:infRespTec/n:hashCSRT", NS)
    assert hashed is not None
    expected = hashlib.sha1((CSRT + signed.key).encode()).digest()
    assert hashed.text == base64.b64encode(expected).decode()
