"""NFS-e (Padrão Nacional): the DPS against the official XSD, its signature checked by
xmlsec1, and the national API's requests against our local Sefin Nacional."""

from __future__ import annotations

import base64
import gzip
import io
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import zxingcpp
from lxml import etree

from fiscal.certificate import A1Certificate
from fiscal.errors import InvalidInput, SchemaError
from fiscal.model import Environment
from fiscal.nfse import (
    HAIRDRESSING,
    Authorised,
    Cancelled,
    Dps,
    NotFound,
    PartnerShare,
    Provider,
    Rejected,
    SefinClient,
    Taker,
    Unavailable,
    Withholding,
    add_to_zip,
    build_dps,
    cancellation_request,
    danfse_pdf,
    is_nfse_key,
    nfse_section,
    read_nfse,
)
from fiscal.nfse.danfse import danfse_image
from fiscal.nfse.dps import dps_element
from fiscal.nfse.schemas import validate
from fiscal.testing import LocalSefin, make_a1_pkcs12
from hardware.receipt import QR, ReceiptBuilder, Text
from tests.fiscal.conftest import CNPJ, xmlsec1_verify

NS = {"n": "http://www.sped.fazenda.gov.br/nfse"}
SP = ZoneInfo("America/Sao_Paulo")
WHEN = datetime(2026, 12, 6, 10, 30, tzinfo=SP)
PROVIDER = Provider(CNPJ, "1234567", "3550308")
ANA = PartnerShare(
    "11144477735", "Ana Cabeleireira", 6000, "Contrato de parceria 7", date(2026, 1, 5)
)


def salon_dps(number: int = 1, **changes: object) -> Dps:
    dps = Dps(
        provider=PROVIDER,
        environment=Environment.HOMOLOGACAO,
        series=1,
        number=number,
        issued_at=WHEN,
        national_code=HAIRDRESSING,
        municipal_code="001",
        description="Corte feminino; Escova",
        service_cents=15000,
        discount_cents=1000,
        iss_rate_bp=500,
        taker=Taker("Maria Souza", cpf="52998224725"),
        partners=(ANA,),
    )
    return replace(dps, **changes)  # type: ignore[arg-type]


def t(xml: bytes, path: str) -> str:
    return etree.fromstring(xml).findtext(path, "", NS) or ""


@pytest.fixture
def sefin(a1: A1Certificate, tmp_path: Path) -> Iterator[LocalSefin]:
    with LocalSefin(client_ca=a1.cert_pem(), folder=tmp_path, hang_s=5) as server:
        yield server


@pytest.fixture
def client(a1: A1Certificate, sefin: LocalSefin) -> Iterator[SefinClient]:
    with SefinClient(
        a1, Environment.HOMOLOGACAO, base_url=sefin.url, ca_file=sefin.ca_file, timeout_s=1
    ) as c:
        yield c


def test_the_dps_carries_the_salon_sale_in_the_national_layout(a1: A1Certificate) -> None:
    signed = build_dps(salon_dps(), a1)
    xml = signed.xml
    assert signed.id == "DPS3550308" + "2" + CNPJ + "00001" + "000000000000001"
    assert len(signed.id) == 45
    assert t(xml, "n:infDPS/n:prest/n:IM") == "1234567"
    assert t(xml, "n:infDPS/n:prest/n:regTrib/n:opSimpNac") == "3"  # ME/EPP in the Simples
    assert t(xml, "n:infDPS/n:toma/n:CPF") == "52998224725"
    assert t(xml, "n:infDPS/n:serv/n:cServ/n:cTribNac") == "060101"
    assert t(xml, "n:infDPS/n:serv/n:cServ/n:cTribMun") == "001"
    assert t(xml, "n:infDPS/n:valores/n:vServPrest/n:vServ") == "150.00"
    assert t(xml, "n:infDPS/n:valores/n:vDescCondIncond/n:vDescIncond") == "10.00"
    assert t(xml, "n:infDPS/n:valores/n:trib/n:tribMun/n:pAliq") == "5.00"
    assert t(xml, "n:infDPS/n:valores/n:trib/n:tribMun/n:tpRetISSQN") == "1"
    doc = "n:infDPS/n:valores/n:vDedRed/n:documentos/n:docDedRed"
    assert t(xml, f"{doc}/n:tpDedRed") == "9"  # profissional parceiro
    assert t(xml, f"{doc}/n:vDeducaoReducao") == "60.00"
    assert t(xml, f"{doc}/n:fornec/n:CPF") == "11144477735"


def test_without_cpf_there_is_no_taker_and_withholding_is_stated(a1: A1Certificate) -> None:
    xml = build_dps(salon_dps(taker=None, partners=(), withholding=Withholding.BY_TAKER), a1).xml
    assert etree.fromstring(xml).find("n:infDPS/n:toma", NS) is None
    assert etree.fromstring(xml).find("n:infDPS/n:valores/n:vDedRed", NS) is None
    assert t(xml, "n:infDPS/n:valores/n:trib/n:tribMun/n:tpRetISSQN") == "2"


def test_the_official_schema_refuses_what_the_layout_does_not_allow() -> None:
    root = dps_element(salon_dps())
    code = root.find("n:infDPS/n:serv/n:cServ/n:cTribNac", NS)
    assert code is not None
    code.text = "06.01"  # the LC 116 item as people write it, not the 6-digit code
    with pytest.raises(SchemaError) as error:
        validate(root)
    assert "cTribNac" in error.value.field


def test_bad_plain_data_is_named_in_both_languages() -> None:
    with pytest.raises(InvalidInput) as error:
        dps_element(salon_dps(partners=(replace(ANA, amount_cents=20000),)))
    assert "parceiro" in error.value.message("pt_BR")
    assert "partner" in error.value.message("en")


def test_a_discount_as_large_as_the_service_is_refused_with_the_rule_it_breaks() -> None:
    whole = salon_dps().service_cents
    with pytest.raises(InvalidInput) as error:
        dps_element(salon_dps(discount_cents=whole, partners=()))
    assert error.value.field == "vDescIncond"
    assert "menor que o valor do serviço" in error.value.message("pt_BR")
    assert "less than the service" in error.value.message("en")
    assert dps_element(salon_dps(discount_cents=whole - 1, partners=())) is not None


def test_xmlsec1_verifies_the_signature_over_infdps(a1: A1Certificate, tmp_path: Path) -> None:
    xml = build_dps(salon_dps(), a1).xml
    root = etree.fromstring(xml)
    ref = root.find(".//{http://www.w3.org/2000/09/xmldsig#}Reference")
    assert ref is not None and ref.get("URI") == "#" + root[0].get("Id", "")
    assert etree.QName(root[-1]).localname == "Signature"  # last child of DPS
    assert xmlsec1_verify(xml, a1, tmp_path, element="infDPS")
    tampered = xml.replace(b"<vServ>150.00</vServ>", b"<vServ>15.00</vServ>")
    assert not xmlsec1_verify(tampered, a1, tmp_path, element="infDPS")


def test_an_authorised_dps_comes_back_as_a_signed_nfse(
    a1: A1Certificate, sefin: LocalSefin, client: SefinClient, tmp_path: Path
) -> None:
    signed = build_dps(salon_dps(), a1)
    outcome = client.send(signed.xml)
    assert isinstance(outcome, Authorised)
    assert is_nfse_key(outcome.key) and outcome.key.startswith("3550308")
    assert outcome.dps_id == signed.id
    validate(etree.fromstring(outcome.nfse_xml))
    summary = read_nfse(outcome.nfse_xml)
    assert summary.base == "80.00"  # 150 - 10 discount - 60 partner's share
    assert summary.iss == "4.00"
    assert summary.deductions[0].name == "Ana Cabeleireira"
    assert sefin.state.sent[signed.id] == 1
    assert sefin.state.schema_errors == []
    assert isinstance(client.nfse(outcome.key), Authorised)
    found = client.find_dps(signed.id)
    assert isinstance(found, Authorised) and found.key == outcome.key


def test_the_server_checks_schema_and_signature(
    a1: A1Certificate, sefin: LocalSefin, client: SefinClient
) -> None:
    unsigned = etree.tostring(dps_element(salon_dps()))
    outcome = client.send(unsigned)
    assert isinstance(outcome, Rejected) and outcome.code == "E1235"
    other = A1Certificate.from_pkcs12(make_a1_pkcs12("x"), "x")
    foreign = build_dps(salon_dps(number=2), other).xml
    assert isinstance(client.send(foreign), Rejected)
    assert len(sefin.state.schema_errors) == 2


def test_a_rejection_comes_with_its_code_and_reason(
    a1: A1Certificate, sefin: LocalSefin, client: SefinClient
) -> None:
    sefin.set_mode("reject", "E0310", "Código de tributação nacional inexistente")
    outcome = client.send(build_dps(salon_dps(), a1).xml)
    assert outcome == Rejected("E0310", "Código de tributação nacional inexistente")


def test_the_same_dps_twice_is_refused_and_found_by_its_id(
    a1: A1Certificate, client: SefinClient
) -> None:
    signed = build_dps(salon_dps(), a1)
    first = client.send(signed.xml)
    assert isinstance(first, Authorised)
    again = client.send(signed.xml)
    assert isinstance(again, Rejected) and again.code == "E0014"
    assert isinstance(client.find_dps(signed.id), Authorised)
    assert isinstance(client.find_dps(build_dps(salon_dps(number=9), a1).id), NotFound)


def test_down_and_timeout_are_unavailable_with_whether_it_was_sent(
    a1: A1Certificate, sefin: LocalSefin, client: SefinClient
) -> None:
    signed = build_dps(salon_dps(), a1)
    sefin.set_mode("down")
    down = client.send(signed.xml)
    assert isinstance(down, Unavailable) and down.reason == "connection_refused" and not down.sent
    sefin.set_mode("timeout_after_authorise")
    lost = client.send(signed.xml)
    assert isinstance(lost, Unavailable) and lost.reason == "timeout" and lost.sent
    sefin.set_mode("authorise")
    found = client.find_dps(signed.id)  # the answer was lost, the NFS-e exists
    assert isinstance(found, Authorised)
    assert sefin.state.sent[signed.id] == 1


def test_cancellation_event_is_registered_once(
    a1: A1Certificate, sefin: LocalSefin, client: SefinClient
) -> None:
    issued = client.send(build_dps(salon_dps(), a1).xml)
    assert isinstance(issued, Authorised)
    request = cancellation_request(
        issued.key, CNPJ, Environment.HOMOLOGACAO, WHEN, "Serviço não prestado ao cliente", a1=a1
    )
    outcome = client.cancel(issued.key, request)
    assert isinstance(outcome, Cancelled)
    validate(etree.fromstring(outcome.event_xml))
    assert t(outcome.event_xml, ".//n:e101101/n:cMotivo") == "2"
    again = client.cancel(issued.key, request)
    assert isinstance(again, Rejected) and again.code == "E0841"
    with pytest.raises(InvalidInput):
        cancellation_request(issued.key, CNPJ, Environment.HOMOLOGACAO, WHEN, "curto", a1=a1)


def test_wire_format_is_gzip_base64_json(a1: A1Certificate, client: SefinClient) -> None:
    issued = client.send(build_dps(salon_dps(), a1).xml)
    assert isinstance(issued, Authorised)
    from fiscal.nfse.client import pack, unpack

    packed = pack(issued.nfse_xml)
    assert gzip.decompress(base64.b64decode(packed)) == issued.nfse_xml
    assert unpack(packed) == issued.nfse_xml


def test_receipt_section_and_danfse_pdf(a1: A1Certificate, client: SefinClient) -> None:
    issued = client.send(build_dps(salon_dps(), a1).xml)
    assert isinstance(issued, Authorised)
    receipt = nfse_section(ReceiptBuilder(80), issued.nfse_xml).build()
    texts = " ".join(b.text for b in receipt.blocks if isinstance(b, Text))
    assert f"NFS-e nº {issued.number}" in texts
    assert issued.key[:5] in texts
    qrs = [b for b in receipt.blocks if isinstance(b, QR)]
    assert qrs and issued.key in qrs[0].data
    pdf = danfse_pdf(issued.nfse_xml)
    assert pdf.startswith(b"%PDF") and b"/MediaBox [ 0 0 595.44 841.68 ]" in pdf  # A4
    page = danfse_image(issued.nfse_xml).convert("L")
    top = page.crop((0, 0, 827, 600))
    assert top.getextrema()[0] == 0  # the text
    (code,) = zxingcpp.read_barcodes(page)
    assert issued.key in code.text and code.text.startswith("https://www.nfse.gov.br/")


def test_the_accountants_zip_gets_the_months_nfse(a1: A1Certificate, client: SefinClient) -> None:
    issued = client.send(build_dps(salon_dps(), a1).xml)
    assert isinstance(issued, Authorised)
    base = io.BytesIO()
    with zipfile.ZipFile(base, "w") as z:
        z.writestr("nfce-procNFe.xml", b"<x/>")
    data = add_to_zip(base.getvalue(), [(issued.key, issued.nfse_xml, None)], "2026-12")
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names == ["nfce-procNFe.xml", f"{issued.key}-nfse.xml"]
    other = add_to_zip(base.getvalue(), [(issued.key, issued.nfse_xml, None)], "2026-11")
    assert zipfile.ZipFile(io.BytesIO(other)).namelist() == ["nfce-procNFe.xml"]


def test_names_with_characters_the_layout_lacks_still_make_a_valid_dps(a1: A1Certificate) -> None:
    """A pasted control character in a service's or a person's name made lxml raise
    ValueError (not a fiscal error: the NFS-e sender's round stopped there), and a contract
    with curly quotes failed the document number's pattern."""
    partner = replace(ANA, name="Ana\x02 Cabeleireira", contract="Contrato “7” – sindicato")
    dps = salon_dps(
        description="Corte\x01 feminino; Escova 💇",
        taker=Taker("Maria\x0b Souza", cpf="52998224725"),
        partners=(partner,),
    )
    xml = build_dps(dps, a1).xml
    validate(etree.fromstring(xml))
    assert t(xml, "n:infDPS/n:serv/n:cServ/n:xDescServ") == "Corte feminino; Escova 💇"
    assert t(xml, "n:infDPS/n:toma/n:xNome") == "Maria Souza"
    doc = "n:infDPS/n:valores/n:vDedRed/n:documentos/n:docDedRed"
    assert t(xml, f"{doc}/n:nDoc") == 'Contrato "7" - sindicato'
    assert t(xml, f"{doc}/n:fornec/n:xNome") == "Ana Cabeleireira"
