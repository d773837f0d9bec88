"""The NFC-e XML: official XSD, totals in centavos, loyalty as tPag 19 or discount."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from fiscal.certificate import A1Certificate
from fiscal.errors import InvalidInput, SchemaError
from fiscal.model import Card, Contingency, Environment, Item, Nfce, Payment
from fiscal.schemas import validate
from fiscal.xml_build import build_nfce, spread
from tests.fiscal.conftest import CSC, DIPIRONA, NS, SHAMPOO, text_of, xmlsec1_verify

Make = Callable[..., Nfce]


def all_text(xml: bytes, path: str) -> list[str]:
    return [e.text or "" for e in etree.fromstring(xml).findall(path, NS)]


def test_a_normal_note_validates_and_its_signature_verifies(
    make_note: Make, a1: A1Certificate, tmp_path: Path
) -> None:
    signed = build_nfce(make_note(), a1, CSC)
    root = etree.fromstring(signed.xml)
    validate(root, "NFe")  # the official leiauteNFe 4.00 from nfelib
    assert xmlsec1_verify(signed.xml, a1, tmp_path)
    assert text_of(signed.xml, "n:infNFe/n:ide/n:mod") == "65"
    assert text_of(signed.xml, "n:infNFe/n:ide/n:tpEmis") == "1"
    assert text_of(signed.xml, "n:infNFe/n:ide/n:cDV") == signed.key[-1]
    assert root.find("n:infNFe", NS).get("Id") == f"NFe{signed.key}"
    # dhEmi in the store's time zone: 18:30 UTC is 15:30 in São Paulo
    assert text_of(signed.xml, "n:infNFe/n:ide/n:dhEmi") == "2026-12-04T15:30:00-03:00"
    assert text_of(signed.xml, "n:infNFeSupl/n:urlChave").endswith("NFCeConsultaPublica")


def test_totals_are_exact_in_centavos(make_note: Make, a1: A1Certificate) -> None:
    signed = build_nfce(make_note(), a1, CSC)
    # 2 x 12,50 + 1 x 19,99 - 1,00 discount = 43,99; paid 50,00 in cash
    assert signed.totals.products_cents == 4499
    assert signed.totals.discount_cents == 100
    assert signed.totals.total_cents == 4399
    assert text_of(signed.xml, "n:infNFe/n:total/n:ICMSTot/n:vNF") == "43.99"
    assert text_of(signed.xml, "n:infNFe/n:total/n:ICMSTot/n:vTotTrib") == "8.52"
    assert text_of(signed.xml, "n:infNFe/n:pag/n:vTroco") == "6.01"


def test_fractional_quantity_rounds_half_up_to_the_centavo(
    make_note: Make, a1: A1Certificate
) -> None:
    bulk = replace(SHAMPOO, quantity=Decimal("0.333"), unit_price_cents=1999, discount_cents=0)
    signed = build_nfce(make_note(items=(bulk,), payments=(Payment("01", 666),)), a1, CSC)
    # 0,333 x 19,99 = 6,65667 -> 6,66
    assert text_of(signed.xml, "n:infNFe/n:det/n:prod/n:vProd") == "6.66"
    assert text_of(signed.xml, "n:infNFe/n:det/n:prod/n:qCom") == "0.3330"


def test_cashback_as_tpag_19_is_a_payment(make_note: Make, a1: A1Certificate) -> None:
    signed = build_nfce(make_note(payments=(Payment("17", 3399),), loyalty_cents=1000), a1, CSC)
    assert all_text(signed.xml, "n:infNFe/n:pag/n:detPag/n:tPag") == ["17", "19"]
    assert all_text(signed.xml, "n:infNFe/n:pag/n:detPag/n:vPag") == ["33.99", "10.00"]
    assert signed.totals.total_cents == 4399
    assert not etree.fromstring(signed.xml).findall("n:infNFe/n:pag/n:vTroco", NS)


def test_cashback_as_discount_is_spread_over_the_items(make_note: Make, a1: A1Certificate) -> None:
    signed = build_nfce(
        make_note(payments=(Payment("01", 3399),), loyalty_cents=1000, loyalty_as="discount"),
        a1,
        CSC,
    )
    discounts = all_text(signed.xml, "n:infNFe/n:det/n:prod/n:vDesc")
    # item nets 25,00 and 18,99 share 10,00 proportionally: 5,68 + 4,32 (+1,00 own)
    assert discounts == ["5.68", "5.32"]
    assert text_of(signed.xml, "n:infNFe/n:total/n:ICMSTot/n:vDesc") == "11.00"
    assert text_of(signed.xml, "n:infNFe/n:total/n:ICMSTot/n:vNF") == "33.99"
    assert all_text(signed.xml, "n:infNFe/n:pag/n:detPag/n:tPag") == ["01"]


def test_cashback_paying_every_product_goes_as_tpag_19_even_when_set_as_discount(
    make_note: Make, a1: A1Certificate
) -> None:
    """R$ 43,99 of products paid by a R$ 50,00 voucher (R$ 43,99 of it) and nothing else:
    as a discount the note would be worth R$ 0,00 with no payment. It goes as tPag 19."""
    signed = build_nfce(make_note(payments=(), loyalty_cents=4399, loyalty_as="discount"), a1, CSC)
    validate(etree.fromstring(signed.xml), "NFe")
    assert all_text(signed.xml, "n:infNFe/n:pag/n:detPag/n:tPag") == ["19"]
    assert all_text(signed.xml, "n:infNFe/n:pag/n:detPag/n:vPag") == ["43.99"]
    assert text_of(signed.xml, "n:infNFe/n:total/n:ICMSTot/n:vDesc") == "1.00"
    assert text_of(signed.xml, "n:infNFe/n:total/n:ICMSTot/n:vNF") == "43.99"
    # One centavo paid otherwise: the accountant's discount holds.
    signed = build_nfce(
        make_note(payments=(Payment("01", 1),), loyalty_cents=4398, loyalty_as="discount"), a1, CSC
    )
    assert all_text(signed.xml, "n:infNFe/n:pag/n:detPag/n:tPag") == ["01"]
    assert text_of(signed.xml, "n:infNFe/n:total/n:ICMSTot/n:vNF") == "0.01"


def test_spread_always_sums_exactly() -> None:
    for amount in (1, 7, 100, 999):
        for weights in ([1, 1, 1], [3, 7], [2500, 1899, 1], [5]):
            shares = spread(amount, weights)
            assert sum(shares) == amount
            assert all(s >= 0 for s in shares)


def test_card_group_and_consumer_cpf(make_note: Make, a1: A1Certificate, tmp_path: Path) -> None:
    card = Card(integrated=True, acquirer_cnpj="01027058000191", brand="02", authorization="A1B2C3")
    signed = build_nfce(
        make_note(payments=(Payment("03", 4399, card=card),), consumer_cpf="52998224725"), a1, CSC
    )
    assert text_of(signed.xml, "n:infNFe/n:pag/n:detPag/n:card/n:tpIntegra") == "1"
    assert text_of(signed.xml, "n:infNFe/n:pag/n:detPag/n:card/n:tBand") == "02"
    assert text_of(signed.xml, "n:infNFe/n:pag/n:detPag/n:card/n:cAut") == "A1B2C3"
    assert text_of(signed.xml, "n:infNFe/n:dest/n:CPF") == "52998224725"
    assert text_of(signed.xml, "n:infNFe/n:dest/n:indIEDest") == "9"
    assert xmlsec1_verify(signed.xml, a1, tmp_path)


def test_homologacao_marks_the_first_item_as_without_fiscal_value(
    make_note: Make, a1: A1Certificate
) -> None:
    homolog = build_nfce(make_note(), a1, CSC)
    names = all_text(homolog.xml, "n:infNFe/n:det/n:prod/n:xProd")
    assert names[0] == "NOTA FISCAL EMITIDA EM AMBIENTE DE HOMOLOGACAO - SEM VALOR FISCAL"
    producao = build_nfce(make_note(environment=Environment.PRODUCAO), a1, CSC)
    names = all_text(producao.xml, "n:infNFe/n:det/n:prod/n:xProd")
    assert names == [DIPIRONA.description, SHAMPOO.description]
    assert text_of(producao.xml, "n:infNFe/n:ide/n:tpAmb") == "1"


def test_contingency_note_carries_dhcont_and_xjust(
    make_note: Make, a1: A1Certificate, tmp_path: Path
) -> None:
    started = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
    signed = build_nfce(make_note(contingency=Contingency(started)), a1, CSC)
    assert signed.key[34] == "9"
    assert text_of(signed.xml, "n:infNFe/n:ide/n:tpEmis") == "9"
    assert text_of(signed.xml, "n:infNFe/n:ide/n:dhCont") == "2026-12-04T15:00:00-03:00"
    assert len(text_of(signed.xml, "n:infNFe/n:ide/n:xJust")) >= 15
    assert xmlsec1_verify(signed.xml, a1, tmp_path)
    with pytest.raises(InvalidInput) as err:
        build_nfce(make_note(contingency=Contingency(started, "sem rede")), a1, CSC)
    assert err.value.field == "ide/xJust"


def test_regime_normal_cst_00_computes_icms(
    make_note: Make, a1: A1Certificate, emitter: object
) -> None:
    note = make_note()
    normal = replace(note.emitter, crt=3)
    item = replace(DIPIRONA, csosn="", cst="00", icms_rate_bp=1800)
    exempt = replace(SHAMPOO, csosn="", cst="60")
    signed = build_nfce(replace(note, emitter=normal, items=(item, exempt)), a1, CSC)
    # 18% of 25,00 = 4,50; the CST 60 item carries no ICMS
    assert text_of(signed.xml, "n:infNFe/n:det/n:imposto/n:ICMS/n:ICMS00/n:vICMS") == "4.50"
    assert text_of(signed.xml, "n:infNFe/n:total/n:ICMSTot/n:vBC") == "25.00"
    assert text_of(signed.xml, "n:infNFe/n:total/n:ICMSTot/n:vICMS") == "4.50"


@pytest.mark.parametrize(
    ("change", "field_part", "pt"),
    [
        ({"ncm": ""}, "Dipirona", "NCM deve ter 8 dígitos"),
        ({"csosn": ""}, "Dipirona", "CSOSN não suportado"),
        ({"gtin": "7891234567890"}, "Dipirona", "GTIN inválido"),
        ({"cfop": "6102"}, "Dipirona", "CFOP de NFC-e deve ser 5xxx"),
    ],
)
def test_missing_tax_data_is_refused_naming_the_item(
    make_note: Make, a1: A1Certificate, change: dict[str, str], field_part: str, pt: str
) -> None:
    bad = replace(DIPIRONA, **change)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput) as err:
        build_nfce(make_note(items=(bad, SHAMPOO)), a1, CSC)
    assert field_part in err.value.field
    assert pt in err.value.message("pt_BR")
    assert err.value.message("en") != err.value.message("pt_BR")


def test_payments_short_of_the_total_are_refused(make_note: Make, a1: A1Certificate) -> None:
    with pytest.raises(InvalidInput) as err:
        build_nfce(make_note(payments=(Payment("01", 4000),)), a1, CSC)
    assert "menores que o total (43.99)" in err.value.message("pt_BR")


def test_bad_cpf_is_refused(make_note: Make, a1: A1Certificate) -> None:
    with pytest.raises(InvalidInput) as err:
        build_nfce(make_note(consumer_cpf="12345678900"), a1, CSC)
    assert err.value.field == "dest/CPF"


def test_what_the_xsd_refuses_is_named_by_field(make_note: Make, a1: A1Certificate) -> None:
    note = make_note()
    bad = replace(note, emitter=replace(note.emitter, ie="IE-123"))
    with pytest.raises(SchemaError) as err:
        build_nfce(bad, a1, CSC)
    assert err.value.field == "NFe/infNFe/emit/IE"
    assert "campo NFe/infNFe/emit/IE" in err.value.message("pt_BR")


def test_a_service_line_never_gets_here_without_tax_data(
    make_note: Make, a1: A1Certificate
) -> None:
    service = Item("S1", "Corte de cabelo", "", "", "UN", Decimal(1), 8000)
    with pytest.raises(InvalidInput) as err:
        build_nfce(make_note(items=(service,), payments=(Payment("01", 8000),)), a1, CSC)
    assert "Corte de cabelo" in err.value.field


def test_names_with_characters_the_layout_lacks_are_written_plain_and_the_note_validates(
    make_note: Make, a1: A1Certificate, tmp_path: Path
) -> None:
    """The layout's strings take U+0020-U+00FF only, without a space at either end. A name
    typed or imported with a curly apostrophe, an en dash, an emoji or a control character,
    or one cut at 120 characters just before a space, made the note fail the XSD: the sale
    was left without an NFC-e (and a control character raised a ValueError)."""
    note = make_note(environment=Environment.PRODUCAO)
    cut_at_space = "Condicionador " + "x" * 105 + " reparador"  # character 120 is a space
    items = (
        replace(DIPIRONA, description="Shampoo D’Água – 300 ml “Nutri” 💅"),
        replace(SHAMPOO, description=cut_at_space, code="22\x01", unit="UN\u00a0"),
    )
    emitter = replace(note.emitter, name="Perfumaria D’Ávila & Filhos — Ltda")
    signed = build_nfce(replace(note, items=items, emitter=emitter), a1, CSC)
    validate(etree.fromstring(signed.xml), "NFe")
    assert xmlsec1_verify(signed.xml, a1, tmp_path)
    names = all_text(signed.xml, "n:infNFe/n:det/n:prod/n:xProd")
    assert names == ['Shampoo D\'Água - 300 ml "Nutri"', cut_at_space[:119]]
    assert all_text(signed.xml, "n:infNFe/n:det/n:prod/n:cProd")[1] == "22"
    assert all_text(signed.xml, "n:infNFe/n:det/n:prod/n:uCom")[1] == "UN"
    assert text_of(signed.xml, "n:infNFe/n:emit/n:xNome") == "Perfumaria D'Ávila & Filhos - Ltda"
