import base64
import contextlib
import datetime
import hashlib
import hmac
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.core.codes import (
    CROCKFORD,
    VoucherClaim,
    is_voucher_qr,
    new_referral_code,
    new_store_key,
    new_voucher_code,
    normalize_voucher_code,
    sign_customer_card,
    sign_voucher_qr,
    verify_customer_card,
    verify_voucher_qr,
)
from posapp.core.errors import ForgedVoucher, UnknownCustomer, UnknownVoucher
from tests.support import voucher_code_beginning

SYMBOL = "[0-9A-HJKMNP-TV-Z]"  # Crockford, written out independently
DASHED = re.compile(f"{SYMBOL}{{4}}-{SYMBOL}{{4}}-{SYMBOL}{{4}}-{SYMBOL}")
KEY = bytes(range(32))
DAY = datetime.date(2025, 12, 31)

voucher_bodies = st.text(alphabet=CROCKFORD, min_size=12, max_size=12)
keys = st.binary(min_size=16, max_size=64)
fields = st.text(
    alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters="|"),
    min_size=1,
    max_size=20,
)
dates = st.dates(datetime.date(2000, 1, 1), datetime.date(2999, 12, 31))
values = st.integers(1, 10**9)


def _code_from_body(body: str) -> str:
    """Find the check symbol by trying all 32: the one normalize accepts must be unique."""
    accepted = []
    for c in CROCKFORD:
        with contextlib.suppress(UnknownVoucher):
            accepted.append(normalize_voucher_code(body + c))
    assert len(accepted) == 1
    return accepted[0].replace("-", "")


# Voucher codes


def test_new_voucher_code_shape_and_randomness() -> None:
    codes = {new_voucher_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert DASHED.fullmatch(code)
        assert normalize_voucher_code(code) == code


def test_normalize_fixes_case_spacing_and_confusable_letters() -> None:
    code = _code_from_body("0011ABCDEFGH")
    dashed = f"{code[:4]}-{code[4:8]}-{code[8:12]}-{code[12]}"
    assert normalize_voucher_code(code) == dashed
    assert normalize_voucher_code(" oOiL abcd efgh " + code[12].lower()) == dashed
    assert normalize_voucher_code("OO-IL-ABCDEFGH-" + code[12]) == dashed


@pytest.mark.parametrize("text", ["", "ABCD-EFGH-JKMN", "ABCD-EFGH-JKMN-PQ", "ABCD-EFGH-JKMU-0"])
def test_normalize_refuses_bad_lengths_and_symbols(text: str) -> None:
    with pytest.raises(UnknownVoucher) as caught:
        normalize_voucher_code(text)
    assert caught.value.params == {"value": text}


def test_unknown_voucher_message() -> None:
    error = UnknownVoucher(value="ABCD")
    assert "Vale não encontrado: ABCD" in error.message("pt_BR")
    assert "Voucher not found: ABCD" in error.message("en")


@given(voucher_bodies)
def test_exactly_one_check_symbol_fits_each_body(body: str) -> None:
    _code_from_body(body)


@given(voucher_bodies, st.integers(0, 12), st.integers(1, 31))
def test_single_symbol_substitution_is_caught(body: str, position: int, shift: int) -> None:
    code = _code_from_body(body)
    replacement = CROCKFORD[(CROCKFORD.index(code[position]) + shift) % 32]
    typo = code[:position] + replacement + code[position + 1 :]
    with pytest.raises(UnknownVoucher):
        normalize_voucher_code(typo)


@given(voucher_bodies, st.integers(0, 12), st.integers(0, 12))
def test_swapping_two_different_symbols_is_caught(body: str, i: int, j: int) -> None:
    code = list(_code_from_body(body))
    if code[i] == code[j]:
        return
    code[i], code[j] = code[j], code[i]
    with pytest.raises(UnknownVoucher):
        normalize_voucher_code("".join(code))


# Referral codes


@pytest.mark.parametrize(
    ("name", "letters"),
    [("Mariana", "MARI"), ("João", "JOAO"), ("Ana Li", "ANA"), ("  çeci  ", "CECI"),
     ("O'Neil", "ONEI"), ("", ""), ("李", "")],
)  # fmt: skip
def test_referral_code_starts_with_the_first_name(name: str, letters: str) -> None:
    code = new_referral_code(name)
    assert code.startswith(letters)
    assert len(code) == len(letters) + 4
    assert all(c in CROCKFORD for c in code[len(letters) :])


def test_referral_codes_differ() -> None:
    assert len({new_referral_code("Mariana") for _ in range(100)}) > 90


# Keys


def test_store_keys_are_32_random_bytes() -> None:
    key = new_store_key()
    assert isinstance(key, bytes) and len(key) == 32
    assert key != new_store_key()


# Voucher QR


def test_voucher_payload_layout_and_signature() -> None:
    code = new_voucher_code()
    payload = sign_voucher_qr(code, 5000, DAY, "loja-01", KEY)
    body = f"PV1|loja-01|{code}|5000|20251231"
    digest = hmac.new(KEY, body.encode(), hashlib.sha256).digest()[:20]
    assert payload == f"{body}|{base64.b32encode(digest).decode()}"
    assert payload.isascii() and len(payload) < 90
    assert verify_voucher_qr(payload, KEY) == VoucherClaim(code, 5000, DAY, "loja-01")


def test_voucher_qr_accepts_a_scanner_newline() -> None:
    code = new_voucher_code()
    payload = sign_voucher_qr(code, 100, DAY, "s", KEY)
    assert verify_voucher_qr(payload + "\r\n", KEY).code == code


@given(st.text(alphabet=CROCKFORD, min_size=9, max_size=9))
def test_a_code_beginning_with_the_qr_prefix_is_a_code_not_a_qr(rest: str) -> None:
    code = voucher_code_beginning("PV1" + rest)
    for typed in (code, normalize_voucher_code(code), " " + code.lower() + "\n"):
        assert not is_voucher_qr(typed), typed
    payload = sign_voucher_qr(code, 100, DAY, "loja-01", KEY)
    assert is_voucher_qr(payload) and is_voucher_qr(payload + "\r\n")
    assert is_voucher_qr("PV1") and is_voucher_qr("PV1|loja-01|")


def test_voucher_qr_stores_the_canonical_code() -> None:
    code = new_voucher_code()
    payload = sign_voucher_qr(code.lower().replace("-", ""), 100, DAY, "s", KEY)
    assert verify_voucher_qr(payload, KEY).code == code


def test_sign_voucher_qr_refuses_bad_input() -> None:
    code = new_voucher_code()
    with pytest.raises(UnknownVoucher):
        sign_voucher_qr("ABCD", 100, DAY, "s", KEY)
    with pytest.raises(ValueError):
        sign_voucher_qr(code, 0, DAY, "s", KEY)
    with pytest.raises(TypeError):
        sign_voucher_qr(code, True, DAY, "s", KEY)
    for store in ["", "a|b", "loja 1", "lojá"]:
        with pytest.raises(ValueError):
            sign_voucher_qr(code, 100, DAY, store, KEY)
    with pytest.raises(ValueError):
        sign_voucher_qr(code, 100, DAY, "s", b"short")


def _resigned(body: str, key: bytes = KEY) -> str:
    digest = hmac.new(key, body.encode(), hashlib.sha256).digest()[:20]
    return f"{body}|{base64.b32encode(digest).decode()}"


@pytest.mark.parametrize(
    "body",
    [
        "PV2|s|{code}|100|20251231",  # unknown version, correctly signed
        "PC1|s|{code}",  # a customer card is not a voucher
        "PV1|s|{code}|100",  # missing field
        "PV1|s|{code}|100|20251231|x",  # extra field
        "PV1|s|{code}|0100|20251231",
        "PV1|s|{code}|-100|20251231",
        "PV1|s|{code}|0|20251231",
        "PV1|s|{code}|100|20250231",  # 31 February
        "PV1|s|{code}|100|2025-12-31",
        "PV1|s|ABCD-EFGH-JKMN-P|100|20251231",  # bad check symbol
        "PV1|s|{loose}|100|20251231",  # code not in canonical form
    ],
)
def test_malformed_voucher_payloads_are_refused_even_when_signed(body: str) -> None:
    code = _code_from_body("ABCDEFGHJKMN")
    dashed = f"{code[:4]}-{code[4:8]}-{code[8:12]}-{code[12]}"
    payload = _resigned(body.format(code=dashed, loose=code.lower()))
    with pytest.raises(ForgedVoucher):
        verify_voucher_qr(payload, KEY)


@pytest.mark.parametrize("payload", ["", "|", "PV1", "PV1|s|c|1|20250101|", "ção|x", "\x00"])
def test_garbage_is_refused(payload: str) -> None:
    with pytest.raises(ForgedVoucher):
        verify_voucher_qr(payload, KEY)
    with pytest.raises(UnknownCustomer):
        verify_customer_card(payload, KEY)


def test_truncated_signature_is_refused() -> None:
    payload = sign_voucher_qr(new_voucher_code(), 100, DAY, "s", KEY)
    for cut in (1, 8, 31, 32):
        with pytest.raises(ForgedVoucher):
            verify_voucher_qr(payload[:-cut], KEY)


def test_forged_voucher_message() -> None:
    error = ForgedVoucher()
    assert "adulterado" in error.message("pt_BR")
    assert "altered" in error.message("en")


@given(values, dates, fields, keys)
def test_voucher_round_trip(value: int, day: datetime.date, store: str, key: bytes) -> None:
    code = new_voucher_code()
    payload = sign_voucher_qr(code, value, day, store, key)
    assert verify_voucher_qr(payload, key) == VoucherClaim(code, value, day, store)


@given(values, dates, fields, st.data())
def test_any_single_character_change_is_refused(
    value: int, day: datetime.date, store: str, data: st.DataObject
) -> None:
    payload = sign_voucher_qr(new_voucher_code(), value, day, store, KEY)
    i = data.draw(st.integers(0, len(payload) - 1))
    replacement = data.draw(st.characters(min_codepoint=0, max_codepoint=0x7F))
    if replacement == payload[i]:
        return
    with pytest.raises(ForgedVoucher):
        verify_voucher_qr(payload[:i] + replacement + payload[i + 1 :], KEY)


@given(values, dates, fields, st.data())
def test_deleting_any_character_is_refused(
    value: int, day: datetime.date, store: str, data: st.DataObject
) -> None:
    payload = sign_voucher_qr(new_voucher_code(), value, day, store, KEY)
    i = data.draw(st.integers(0, len(payload) - 1))
    with pytest.raises(ForgedVoucher):
        verify_voucher_qr(payload[:i] + payload[i + 1 :], KEY)


@given(values, dates, fields, keys, keys)
def test_another_key_is_refused(
    value: int, day: datetime.date, store: str, key: bytes, other: bytes
) -> None:
    if key == other:
        return
    payload = sign_voucher_qr(new_voucher_code(), value, day, store, other)
    with pytest.raises(ForgedVoucher):
        verify_voucher_qr(payload, key)


# Customer card QR


def test_customer_card_layout() -> None:
    payload = sign_customer_card("C-000123", "loja-01", KEY)
    assert payload == _resigned("PC1|loja-01|C-000123")
    assert verify_customer_card(payload, KEY) == ("loja-01", "C-000123")


def test_a_voucher_is_not_a_customer_card() -> None:
    payload = sign_voucher_qr(new_voucher_code(), 100, DAY, "s", KEY)
    with pytest.raises(UnknownCustomer) as caught:
        verify_customer_card(payload, KEY)
    assert caught.value.params == {"value": "QR"}
    card = sign_customer_card("c", "s", KEY)
    with pytest.raises(ForgedVoucher):
        verify_voucher_qr(card, KEY)


def test_sign_customer_card_refuses_unsafe_fields() -> None:
    with pytest.raises(ValueError):
        sign_customer_card("a|b", "s", KEY)
    with pytest.raises(ValueError):
        sign_customer_card("c", "", KEY)


@given(fields, fields, keys)
def test_customer_card_round_trip(ref: str, store: str, key: bytes) -> None:
    assert verify_customer_card(sign_customer_card(ref, store, key), key) == (store, ref)


@given(fields, fields, st.data())
def test_customer_card_single_character_change_is_refused(
    ref: str, store: str, data: st.DataObject
) -> None:
    payload = sign_customer_card(ref, store, KEY)
    i = data.draw(st.integers(0, len(payload) - 1))
    replacement = data.draw(st.characters(min_codepoint=0, max_codepoint=0x7F))
    if replacement == payload[i]:
        return
    with pytest.raises(UnknownCustomer):
        verify_customer_card(payload[:i] + replacement + payload[i + 1 :], KEY)


@given(fields, fields, keys, keys)
def test_customer_card_from_another_key_is_refused(
    ref: str, store: str, key: bytes, other: bytes
) -> None:
    if key == other:
        return
    with pytest.raises(UnknownCustomer):
        verify_customer_card(sign_customer_card(ref, store, other), key)
