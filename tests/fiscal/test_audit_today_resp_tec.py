"""Audit of infRespTec/hashCSRT (4612a18): cases its own tests did not cover."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import replace

import pytest
from lxml import etree

from fiscal.certificate import A1Certificate
from fiscal.model import Emitter, Nfce, TechResponsible
from fiscal.schemas import validate
from fiscal.xml_build import build_nfce
from posapp.services.invoices.settings import InvalidFiscalSetting
from posapp.services.invoices.settings import validate as settings_checked
from tests.fiscal.conftest import CSC, NS
from tests.invoices.conftest import STORE

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


@pytest.mark.parametrize(
    "changes",
    [
        {"tech_phone": "\uff11\uff11 \uff19\uff18\uff17\uff16\uff15-\uff14\uff13\uff12\uff11"},
        {"csrt_id": "\u0660\u0661"},
        {"tech_contact": "\u674e\u660e"},  # Li Ming: nothing the layout's TString takes
        {"tech_contact": "\U0001f4de S"},  # an emoji and an initial: one character left
    ],
    ids=[
        "phone-in-fullwidth-digits",
        "csrt-id-in-arabic-indic-digits",
        "contact-in-chinese",
        "contact-folding-to-one-letter",
    ],
)
def test_what_the_settings_accept_for_the_responsavel_tecnico_goes_on_a_valid_note(
    changes: dict[str, str], make_note: Make, a1: A1Certificate
) -> None:
    """Gerência > Fiscal refuses what the layout refuses, with its reason, at the form;
    what it keeps, every note carries: a value the schema refuses would leave every sale
    without its NFC-e."""
    typed = {
        "tech_cnpj": "11.222.333/0001-81",
        "tech_contact": "Maria Suporte",
        "tech_email": "suporte@posapp.com.br",
        "tech_phone": "(11) 98765-4321",
        **changes,
    }
    try:
        clean = settings_checked(replace(STORE, **typed))
    except InvalidFiscalSetting:
        return
    tech = clean.tech_responsible(CSRT if clean.csrt_id else "")
    signed = build_nfce(make_note(tech_responsible=tech), a1, CSC)
    validate(etree.fromstring(signed.xml), "NFe")
