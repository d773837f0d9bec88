"""Static BR Codes: the Banco Central's published strings decode, ours build and read back.

Published examples (/work/shared/design/FISCAL_FACTS.md §8, CRCs recomputed there):
1. Manual de Padrões para Iniciação do Pix §1.5.4 (static, random key);
2. API Pix 2.9.0 openapi.yaml (github.com/bacen/pix-api), a code whose template 80 carries
   a recurrence location;
3. a dynamic code quoted from "Manual §6.2" (gist matheusb-comp/1efa205b…).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from payments import brcode
from payments.amounts import InvalidAmount
from payments.brcode import BRCodeError, InvalidMerchantText, InvalidTxid
from payments.pix_key import InvalidPixKey, InvalidPixKeyDigits, KeyKind, parse_pix_key

MANUAL_STATIC = (
    "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR"
    "5913Fulano de Tal6008BRASILIA62070503***63041D3D"
)
PIXAPI_290 = (
    "00020126180014br.gov.bcb.pix5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***"
    "80800014br.gov.bcb.pix2558pix.example.com/qr/v2/rec/2353c790eefb11eaadc10242ac120002630462C9"
)
MANUAL_DYNAMIC = (
    "00020101021226770014BR.GOV.BCB.PIX2555pix.example.com/qr/93598be0-1bd0-4997-8318-81776a1d8a99"
    "5204000053039865802BR5907EMPRESA6009SAO PAULO62070503***6304EEAB"
)


def test_the_manuals_static_example_decodes_with_its_key_and_crc() -> None:
    code = brcode.parse(MANUAL_STATIC)
    assert code.key == "123e4567-e12b-12d1-a456-426655440000"
    assert (code.name, code.city, code.txid) == ("Fulano de Tal", "BRASILIA", "***")
    assert code.amount_centavos is None
    assert not code.dynamic
    assert code.crc == "1D3D"


def test_the_api_pix_example_decodes_with_the_location_from_template_80() -> None:
    code = brcode.parse(PIXAPI_290)
    assert code.key is None
    assert code.url == "pix.example.com/qr/v2/rec/2353c790eefb11eaadc10242ac120002"
    assert code.crc == "62C9"


def test_the_dynamic_example_decodes_as_dynamic_with_its_location() -> None:
    code = brcode.parse(MANUAL_DYNAMIC)
    assert code.dynamic
    assert code.url == "pix.example.com/qr/93598be0-1bd0-4997-8318-81776a1d8a99"
    assert (code.name, code.city) == ("EMPRESA", "SAO PAULO")


def test_our_builder_writes_the_manuals_example_byte_for_byte() -> None:
    built = brcode.build_static(
        "123e4567-e12b-12d1-a456-426655440000", "Fulano de Tal", "BRASILIA", upper=False
    )
    assert built == MANUAL_STATIC


def test_a_sale_code_carries_amount_txid_and_upper_case_plain_name_and_city() -> None:
    text = brcode.build_static(
        "+55 (11) 91234-5678", "Salão Beleza Pura", "São Paulo", 1050, txid="VENDA123"
    )
    code = brcode.parse(text)
    assert code.key == "+5511912345678"
    assert code.amount_centavos == 1050
    assert code.field("54") == "10.50"
    assert (code.name, code.city, code.txid) == ("SALAO BELEZA PURA", "SAO PAULO", "VENDA123")
    assert text.endswith("6304" + brcode.crc16(text[:-4]))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (MANUAL_STATIC[:-4] + "1D3E", "CRC 1D3E não confere (o texto dá 1D3D)"),
        (MANUAL_STATIC[:-4] + "1d3d", "CRC 1d3d não confere"),
        (MANUAL_STATIC[:40], "não termina com o campo 63"),
        (MANUAL_STATIC.replace("Fulano de Tal", "Fulano de Tax"), "não confere"),
    ],
)
def test_an_altered_or_cut_code_is_refused_in_portuguese_and_english(
    text: str, fragment: str
) -> None:
    with pytest.raises(BRCodeError) as refused:
        brcode.parse(text)
    assert fragment in refused.value.message("pt_BR")
    assert refused.value.message("en").startswith("Invalid Pix code: ")


def _with_crc(body: str) -> str:
    return body + "6304" + brcode.crc16(body + "6304")


@pytest.mark.parametrize(
    ("body", "pt", "en"),
    [
        # a length that runs past the end of the text
        ("000201269900", "diz ter 99 caracteres", "says 99 characters"),
        ("000202" + MANUAL_STATIC[6:-8], 'deveria ser "01"', 'should be "01"'),
        (MANUAL_STATIC[:-8].replace("5303986", "5303840"), "(moeda)", "(currency)"),
        (MANUAL_STATIC[:-8].replace("5802BR", "5802US"), "(país)", "(country)"),
        (
            MANUAL_STATIC[:-8].replace("0014br.gov.bcb.pix", "0014br.gov.bcb.xyz"),
            "não há conta Pix",
            "no Pix account",
        ),
        (
            MANUAL_STATIC[:-8].replace("6008BRASILIA", "6017BRASILIA DO NORTE"),
            "de 1 a 15 caracteres e tem 17",
            "1 to 15 characters and has 17",
        ),
        (
            MANUAL_STATIC[:-8].replace("62070503***", "62070503A-B"),
            "txid (62/05)",
            "txid (62/05)",
        ),
        (
            MANUAL_STATIC[:-8].replace("5802BR", "54041,005802BR"),
            'valor (54) "1,00"',
            'amount (54) "1,00"',
        ),
    ],
)
def test_a_code_with_a_right_crc_but_wrong_fields_says_which_field(
    body: str, pt: str, en: str
) -> None:
    with pytest.raises(BRCodeError) as refused:
        brcode.parse(_with_crc(body))
    assert pt in refused.value.message("pt_BR")
    assert en in refused.value.message("en")


def test_a_code_with_a_malformed_key_is_refused() -> None:
    body = (
        MANUAL_STATIC[:-8]
        .replace("0136123e4567-e12b-12d1-a456-426655440000", "0111123456789AB")
        .replace("2658", "2633")
    )
    with pytest.raises(InvalidPixKey):
        brcode.parse(_with_crc(body))


@pytest.mark.parametrize(
    ("typed", "kind", "value"),
    [
        ("529.982.247-25", KeyKind.CPF, "52998224725"),
        ("11.222.333/0001-81", KeyKind.CNPJ, "11222333000181"),
        ("12.ABC.345/01DE-35", KeyKind.CNPJ, "12ABC34501DE35"),
        ("+55 (21) 98765-4321", KeyKind.PHONE, "+5521987654321"),
        ("Caixa@Salao.com.br", KeyKind.EMAIL, "caixa@salao.com.br"),
        (
            "123E4567-E12B-12D1-A456-426655440000",
            KeyKind.RANDOM,
            "123e4567-e12b-12d1-a456-426655440000",
        ),
    ],
)
def test_each_kind_of_key_is_recognised_and_put_in_br_code_form(
    typed: str, kind: KeyKind, value: str
) -> None:
    key = parse_pix_key(typed)
    assert (key.kind, key.value) == (kind, value)


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("529.982.247-24", InvalidPixKeyDigits),
        ("11.222.333/0001-82", InvalidPixKeyDigits),
        ("21987654321x", InvalidPixKey),
        ("+1 212 555 0100", InvalidPixKey),
        ("+55 (11) 3333-4444", InvalidPixKey),  # a landline: phone keys are mobiles only
        ("+55 (11) 81234-5678", InvalidPixKey),  # 9 digits but not a mobile's leading 9
        ("\u0665\u0662\u0669.\u0669\u0668\u0662.\u0662\u0664\u0667-\u0662\u0665", InvalidPixKey),
        ("caixa@", InvalidPixKey),
        ("", InvalidPixKey),
        ("a" * 71 + "@ex.com", InvalidPixKey),  # 78 characters
    ],
)
def test_a_wrong_key_is_refused_with_the_reason(typed: str, error: type[Exception]) -> None:
    with pytest.raises(error) as refused:
        parse_pix_key(typed)
    assert "Chave Pix" in refused.value.message("pt_BR")  # type: ignore[attr-defined]
    assert "Pix key" in refused.value.message("en")  # type: ignore[attr-defined]


def test_a_name_too_long_after_normalising_is_refused_with_the_limit() -> None:
    with pytest.raises(InvalidMerchantText) as refused:
        brcode.build_static("52998224725", "Salão de Beleza Maria Aparecida", "Campinas")
    assert "de 1 a 25" in refused.value.message("pt_BR")
    assert "1 to 25" in refused.value.message("en")


def test_a_txid_with_symbols_and_a_zero_amount_are_refused() -> None:
    with pytest.raises(InvalidTxid):
        brcode.build_static("52998224725", "Loja", "Campinas", 100, txid="venda-1")
    with pytest.raises(InvalidAmount):
        brcode.build_static("52998224725", "Loja", "Campinas", 0)


_keys = st.sampled_from(
    [
        "52998224725",
        "11222333000181",
        "+5511912345678",
        "caixa@loja.com.br",
        "123e4567-e12b-12d1-a456-426655440000",
    ]
)
_words = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(
    key=_keys,
    name=_words,
    city=_words,
    amount=st.one_of(st.none(), st.integers(min_value=1, max_value=99_999_999_99)),
    txid=st.one_of(st.just("***"), st.from_regex(r"[A-Za-z0-9]{1,25}", fullmatch=True)),
)
def test_building_then_parsing_gives_back_what_was_built(
    key: str, name: str, city: str, amount: int | None, txid: str
) -> None:
    text = brcode.build_static(key, name, city, amount, txid=txid)
    code = brcode.parse(text)
    assert (code.key, code.name, code.city, code.amount_centavos, code.txid) == (
        key,
        name,
        city,
        amount,
        txid,
    )
    assert code.text == text


@settings(max_examples=300, deadline=None)
@given(data=st.data(), key=_keys, amount=st.integers(min_value=1, max_value=10_000_00))
def test_any_single_character_changed_breaks_the_crc(
    data: st.DataObject, key: str, amount: int
) -> None:
    text = brcode.build_static(key, "LOJA", "CAMPINAS", amount, txid="ABC123")
    position = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    replacement = data.draw(
        st.characters(min_codepoint=32, max_codepoint=126).filter(lambda c: c != text[position])
    )
    altered = text[:position] + replacement + text[position + 1 :]
    assert not brcode.verify_crc(altered)
    with pytest.raises(BRCodeError):
        brcode.parse(altered)
