"""Card tender details: typed by the cashier or answered by the TEF, checked, and turned
into the NFC-e card group and the receipt lines."""

from __future__ import annotations

import dataclasses

import pytest

from payments.card import (
    CardDetails,
    CardKind,
    Integration,
    InvalidCardDetail,
    MissingCardDetail,
    brand_code,
    card_details,
    read_slip,
)

CIELO = "01.027.058/0001-91"


def test_typed_details_become_the_nfce_card_group_in_schema_order() -> None:
    card = card_details(
        "credit",
        "Mastercard",
        authorization=" 123456 ",
        nsu="000123456789",
        doc="4321",
        acquirer_cnpj=CIELO,
        instalments="3x",
        integration="1",
    )
    assert card.tpag == "03"
    assert card.nfce_card() == {
        "tpIntegra": "1",
        "CNPJ": "01027058000191",
        "tBand": "02",
        "cAut": "123456",
    }
    assert list(card.nfce_card()) == ["tpIntegra", "CNPJ", "tBand", "cAut"]


def test_the_receipt_says_brand_instalments_references_and_acquirer() -> None:
    card = card_details(
        "credit", "06", authorization="A1B2C3", nsu="998877", instalments=3, acquirer_cnpj=CIELO
    )
    assert card.receipt_lines("pt_BR") == [
        "Elo Crédito 3x",
        "NSU 998877 AUT A1B2C3",
        "Credenciadora CNPJ 01.027.058/0001-91",
    ]
    assert card.receipt_lines("en")[0] == "Elo Credit 3x"
    debit = card_details("debit", "visa")
    assert debit.tpag == "04"
    assert debit.receipt_lines("pt_BR") == ["Visa Débito"]
    assert debit.nfce_card() == {"tpIntegra": "2", "tBand": "01"}


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("1", "01"),
        ("06", "06"),
        ("visa", "01"),
        ("American Express", "03"),
        ("AMEX", "03"),
        ("Banes Card", "11"),
        ("outros", "99"),
        ("45", "45"),
    ],
)
def test_a_brand_is_taken_by_code_or_name(typed: str, code: str) -> None:
    assert brand_code(typed) == code


@pytest.mark.parametrize(
    ("changes", "pt_fragment", "en_fragment"),
    [
        ({"brand": "Bandeira Nova"}, "bandeira inválido(a)", "invalid brand"),
        ({"acquirer_cnpj": "01.027.058/0001-92"}, "CNPJ da credenciadora", "acquirer CNPJ"),
        ({"instalments": 0}, "número de parcelas", "number of instalments"),
        ({"instalments": 100}, "De 1 a 99", "1 to 99"),
        ({"instalments": "três"}, "número de parcelas", "instalments"),
        ({"nsu": "12-34"}, "NSU inválido(a)", "invalid NSU"),
        ({"doc": "x" * 21}, "DOC inválido(a)", "invalid DOC"),
        ({"authorization": "a" * 129}, "código de autorização", "authorisation code"),
        ({"kind": "voucher"}, "Use crédito ou débito", "Use credit or debit"),
    ],
)
def test_wrong_details_are_refused_naming_the_field(
    changes: dict[str, object], pt_fragment: str, en_fragment: str
) -> None:
    typed: dict[str, object] = {"kind": "credit", "brand": "visa"} | changes
    with pytest.raises(InvalidCardDetail) as refused:
        card_details(**typed)  # type: ignore[arg-type]
    assert pt_fragment in refused.value.message("pt_BR")
    assert refused.value.message("pt_BR").startswith("Cartão:")
    assert en_fragment in refused.value.message("en")


def test_debit_is_never_in_instalments() -> None:
    with pytest.raises(InvalidCardDetail):
        card_details("debit", "elo", instalments=2)


def test_an_integrated_payment_needs_authorisation_and_acquirer() -> None:
    with pytest.raises(MissingCardDetail) as missing:
        card_details("credit", "visa", integration="1", acquirer_cnpj=CIELO)
    assert "código de autorização" in missing.value.message("pt_BR")
    with pytest.raises(MissingCardDetail) as missing:
        card_details("credit", "visa", integration="1", authorization="123")
    assert "acquirer CNPJ" in missing.value.message("en")


def test_the_record_cannot_be_changed_once_made() -> None:
    card = card_details("credit", "visa")
    with pytest.raises(dataclasses.FrozenInstanceError):
        card.instalments = 2  # type: ignore[misc]
    with pytest.raises(InvalidCardDetail):
        dataclasses.replace(card, instalments=120)
    assert CardDetails(CardKind.CREDIT, "01").integration is Integration.NOT_INTEGRATED


def test_an_alphanumeric_acquirer_cnpj_is_accepted() -> None:
    card = card_details("credit", "visa", acquirer_cnpj="12.ABC.345/01DE-35")
    assert card.nfce_card()["CNPJ"] == "12ABC34501DE35"


CIELO_SLIP = """
          CIELO
   VISA - VIA ESTABELECIMENTO
   SALAO BELEZA PURA
   CNPJ: 11.222.333/0001-81
   ************1234
   CREDITO PARCELADO LOJA 3X
   VALOR: R$ 89,90
   DOC: 123456   AUT: 654321
   NSU: 000987654321
   MAIS INFORMACOES NO VERSO
"""

REDE_DEBIT_SLIP = """
REDE
MAESTRO DEBITO A VISTA
VALOR APROVADO: R$ 12,00
NSU=445566 AUTORIZACAO=A1B2C3
"""


def test_a_typed_slip_gives_brand_kind_instalments_and_references() -> None:
    card = read_slip(CIELO_SLIP, acquirers={"Cielo": CIELO})
    assert (card.kind, card.brand, card.instalments) == (CardKind.CREDIT, "01", 3)
    assert (card.nsu, card.doc, card.authorization) == ("000987654321", "123456", "654321")
    assert card.acquirer_cnpj == "01027058000191"  # from the store's table, not the slip


def test_the_cnpj_on_a_slip_is_not_taken_for_the_acquirers() -> None:
    assert read_slip(CIELO_SLIP).acquirer_cnpj is None


def test_a_debit_slip_is_debit_in_one_payment() -> None:
    card = read_slip(REDE_DEBIT_SLIP)
    assert (card.kind, card.brand, card.instalments) == (CardKind.DEBIT, "02", 1)
    assert (card.nsu, card.authorization) == ("445566", "A1B2C3")


def test_a_slip_without_a_brand_is_refused_asking_for_it() -> None:
    with pytest.raises(InvalidCardDetail) as refused:
        read_slip("CREDITO A VISTA\nNSU: 1\n")
    assert "bandeira" in refused.value.message("pt_BR")


GETNET_SLIP = """
GETNET
MASTERCARD - VIA CLIENTE
CREDITO A VISTA
************5678
VALOR: R$ 45,00
TRANSACAO AUTORIZADA MEDIANTE
USO DE SENHA PESSOAL
DOCUMENTO: 004321
AUT: 123456   NSU: 000123456789
"""


def test_words_on_the_slip_are_not_read_as_its_references() -> None:
    """'TRANSACAO AUTORIZADA' is printed above the references on most slips: its tail is
    not the authorisation code ('ADA' went to the NFC-e's cAut), nor 'DOCUMENTO' a DOC."""
    card = read_slip(GETNET_SLIP)
    assert (card.authorization, card.nsu, card.doc) == ("123456", "000123456789", None)
    assert card.nfce_card()["cAut"] == "123456"


@pytest.mark.parametrize("field", ["nsu", "authorization", "doc"])
@pytest.mark.parametrize(
    "typed", ["4111 1111 1111 1111", "5555-5555-5555-4444", "6062826786276634"]
)
def test_a_card_number_typed_for_a_reference_is_refused_and_never_echoed(
    field: str, typed: str
) -> None:
    """The store keeps no card number (PCI DSS): one typed into the NSU, DOC or
    authorisation field is refused, and the message shows only its last four digits."""
    with pytest.raises(InvalidCardDetail) as refused:
        card_details("credit", "Visa", **{field: typed})
    last4 = typed.replace(" ", "").replace("-", "")[-4:]
    for locale in ("pt_BR", "en"):
        said = refused.value.message(locale)
        assert f"•••• {last4}" in said
        assert typed not in said and typed.replace(" ", "")[:12] not in said
    assert "número do cartão" in refused.value.message("pt_BR")


def test_slip_references_of_every_usual_length_are_kept() -> None:
    details = card_details(
        "credit", "Visa", nsu="000123456789", doc="004321", authorization="A1B2C3"
    )
    assert (details.nsu, details.doc, details.authorization) == ("000123456789", "004321", "A1B2C3")
    not_luhn = card_details("debit", "Elo", nsu="4111111111111112")  # 16 digits, check fails
    assert not_luhn.nsu == "4111111111111112"
