"""The responsável técnico (infRespTec): set by the manager, on every note, the CSRT sealed;
a UF that requires it refuses a note without it (972) and the note goes again once filled."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select

from db.models import AuditLog
from fiscal.testing import LocalSefaz
from posapp.services.invoices.archive import fiscal_status
from posapp.services.invoices.fixes import needs_tech, resend_missing_tech
from posapp.services.invoices.issuing import Invoicer
from posapp.services.invoices.settings import (
    FiscalSettings,
    InvalidFiscalSetting,
    load_certificate,
    load_settings,
    read_secrets,
    save_settings,
    set_csrt,
    validate,
)
from tests.invoices.conftest import PASSWORD, STORE
from tests.support import MANAGER_PIN, Shop

NS = {"n": "http://www.portalfiscal.inf.br/nfe"}
CSRT = "G8063VRTNDMO886SFNK5LDUDEI24XJ22YIPO"
REFUSAL = "Rejeição: Obrigatória as informações do responsável técnico"
TECH = {
    "tech_cnpj": "11.222.333/0001-81",
    "tech_contact": "Maria Suporte",
    "tech_email": "suporte@posapp.com.br",
    "tech_phone": "(11) 98765-4321",
}


def with_tech(settings: FiscalSettings, **changes: str) -> FiscalSettings:
    return dataclasses.replace(settings, **{**TECH, **changes})


def resp_tec(xml: bytes) -> etree._Element | None:
    return etree.fromstring(xml).find(".//n:infNFe/n:infRespTec", NS)


def refused(settings: FiscalSettings) -> str:
    with pytest.raises(InvalidFiscalSetting) as error:
        validate(settings)
    return error.value.message("pt_BR")


def test_the_settings_clean_the_responsavel_tecnico_and_refuse_what_sefaz_would() -> None:
    clean = validate(with_tech(STORE, csrt_id="1"))
    assert (clean.tech_cnpj, clean.tech_contact, clean.tech_email, clean.tech_phone) == (
        "11222333000181",
        "Maria Suporte",
        "suporte@posapp.com.br",
        "11987654321",
    )
    assert clean.csrt_id == "01"
    assert validate(STORE).tech_cnpj == ""  # empty: no group, as before

    assert refused(with_tech(STORE, tech_cnpj="11.222.333/0001-82")) == (
        "Configuração fiscal inválida em responsável técnico: CNPJ: "
        "'11.222.333/0001-82' não é um CNPJ válido (confira os dígitos)"
    )
    assert refused(with_tech(STORE, tech_email="suporte@posapp")) == (
        "Configuração fiscal inválida em responsável técnico: e-mail: 'suporte@posapp' não "
        "é um e-mail válido (ex.: suporte@empresa.com.br, 6 a 60 letras)"
    )
    assert "não é um e-mail válido" in refused(with_tech(STORE, tech_email="a@b.c"))
    assert "de 6 a 14 dígitos" in refused(with_tech(STORE, tech_phone="1234"))
    assert "pessoa de contato" in refused(with_tech(STORE, tech_contact="M"))
    assert "informe o CNPJ da empresa do sistema" in refused(
        dataclasses.replace(STORE, tech_email="suporte@posapp.com.br")
    )
    assert "2 dígitos" in refused(with_tech(STORE, csrt_id="123"))


def test_the_csrt_is_sealed_never_shown_back_nor_audited(shop: Shop, a1_bytes: bytes) -> None:
    station, manager = shop.station, shop.manager_id
    off = with_tech(dataclasses.replace(STORE, enabled=False), csrt_id="01")
    with pytest.raises(InvalidFiscalSetting) as no_code:  # an id without its code
        save_settings(station, manager, MANAGER_PIN, off)
    assert "código do CSRT" in no_code.value.message("pt_BR")
    with pytest.raises(InvalidFiscalSetting) as short:
        set_csrt(station, manager, MANAGER_PIN, "01", "curto")
    assert "16 a 64 letras e dígitos" in short.value.message("pt_BR")

    set_csrt(station, manager, MANAGER_PIN, "1", CSRT)
    saved = save_settings(station, manager, MANAGER_PIN, off)
    assert saved.csrt_id == "01" and load_settings(station) == saved
    assert CSRT not in json.dumps(dataclasses.asdict(saved))
    load_certificate(station, manager, MANAGER_PIN, a1_bytes, PASSWORD)  # keeps the CSRT
    with station.read() as session:
        assert read_secrets(session).csrt == CSRT
        details = " ".join(session.scalars(select(AuditLog.details)))
        actions = list(session.scalars(select(AuditLog.action)))
    assert "fiscal.csrt" in actions and CSRT not in details
    raw = station.path.read_bytes() + Path(f"{station.path}-wal").read_bytes()
    assert CSRT.encode() not in raw


def test_a_uf_that_requires_it_refuses_the_note_and_it_goes_again_once_filled(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    sefaz.resp_tec_ufs = frozenset({35})
    sale = shop.sell("shampoo", cash=3_000)
    note = invoicer.issue_for_sale(sale.sale_id)
    assert note is not None and note.record.status == "rejected"
    assert (note.record.cstat, note.record.reason) == (972, REFUSAL)
    assert resp_tec(note.record.xml) is None  # the CNPJ empty: no group, as before
    (waiting,) = fiscal_status(shop.station, shop.clock()).waiting
    assert needs_tech(waiting)
    assert resend_missing_tech(invoicer, shop.manager_id, MANAGER_PIN) == []  # not filled yet

    station, manager = shop.station, shop.manager_id
    set_csrt(station, manager, MANAGER_PIN, "01", CSRT)
    save_settings(station, manager, MANAGER_PIN, with_tech(load_settings(station), csrt_id="01"))
    (fixed,) = resend_missing_tech(invoicer, manager, MANAGER_PIN)
    assert fixed.status == "authorised" and fixed.number == note.record.number
    group = resp_tec(fixed.proc_xml)
    assert group is not None
    assert group.findtext("n:CNPJ", namespaces=NS) == "11222333000181"
    assert group.findtext("n:fone", namespaces=NS) == "11987654321"
    expected = base64.b64encode(hashlib.sha1((CSRT + fixed.key).encode()).digest()).decode()
    assert group.findtext("n:hashCSRT", namespaces=NS) == expected
    assert fiscal_status(shop.station, shop.clock()).waiting == []
    assert sefaz.state.schema_errors == []
    with station.read() as session:
        actions = list(session.scalars(select(AuditLog.action)))
    assert "fiscal.resend" in actions

    later = shop.sell("dipirona", cash=1_250)  # every note carries it from now on
    issued = invoicer.issue_for_sale(later.sale_id)
    assert issued is not None and issued.record.status == "authorised"
    assert resp_tec(issued.record.xml) is not None
