import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.core.errors import InvalidGTIN
from posapp.core.gtin import (
    generate_ean13,
    gtin_check_digit,
    is_valid_gtin,
    make_ean13,
    normalize_gtin,
)

ean13s = st.integers(0, 2**64).map(lambda seed: generate_ean13(random.Random(seed)))

# Worked by hand with weights 3,1,3,... from the right of the body:
#   EAN-13 4006381333931: 400638133393 -> 89 -> 1
#   EAN-13 7891000315507: 789100031550 -> 73 -> 7
#   UPC-A 036000291452:   03600029145  -> 58 -> 2
#   EAN-8 96385074:       9638507      -> 86 -> 4
#   GTIN-14 00012345600012: 0001234560001 -> 48 -> 2
KNOWN = ["4006381333931", "7891000315507", "036000291452", "96385074", "00012345600012"]


@pytest.mark.parametrize("code", KNOWN)
def test_known_codes(code: str) -> None:
    assert gtin_check_digit(code[:-1]) == int(code[-1])
    assert is_valid_gtin(code)
    assert normalize_gtin(code) == code


def test_check_digit_of_a_multiple_of_ten_is_zero() -> None:
    assert gtin_check_digit("0000000") == 0
    assert gtin_check_digit("5") == 5  # 5 * 3 = 15 -> 5


@pytest.mark.parametrize("body", ["", "12a", " 123"])
def test_check_digit_needs_digits(body: str) -> None:
    with pytest.raises(ValueError):
        gtin_check_digit(body)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "4006381333932",  # wrong check digit
        "400638133393",  # 12 digits, wrong check for UPC-A
        "0400638133393",
        "123456789",  # 9 digits
        "1234567890129",  # 1234567890128 is the valid one
        "4006381-333931",
        "４００６３８１３３３９３１",
        "96385075",
        "000123456000123",  # 15 digits
    ],
)
def test_refused(text: str) -> None:
    with pytest.raises(InvalidGTIN) as caught:
        normalize_gtin(text)
    assert caught.value.params == {"value": text}
    assert not is_valid_gtin(text)


def test_normalize_strips_spaces_only() -> None:
    assert normalize_gtin(" 789 1000 315507\n") == "7891000315507"
    assert not is_valid_gtin(" 7891000315507")


def test_make_ean13() -> None:
    assert make_ean13("400638133393") == "4006381333931"
    with pytest.raises(ValueError):
        make_ean13("40063813339")


def test_generate_uses_the_prefix() -> None:
    rng = random.Random(1)
    assert generate_ean13(rng).startswith("789")
    assert generate_ean13(rng, prefix="790").startswith("790")
    with pytest.raises(ValueError):
        generate_ean13(rng, prefix="78x")


def test_messages() -> None:
    error = InvalidGTIN(value="42")
    assert "Código de barras inválido: 42" in error.message("pt_BR")
    assert "Invalid barcode: 42" in error.message("en")


@given(ean13s)
def test_generated_ean13s_are_valid(code: str) -> None:
    assert len(code) == 13 and code.startswith("789")
    assert normalize_gtin(code) == code
    assert make_ean13(code[:12]) == code


@given(ean13s, st.integers(0, 12), st.integers(1, 9))
def test_changing_one_digit_is_caught(code: str, position: int, shift: int) -> None:
    digit = str((int(code[position]) + shift) % 10)
    assert not is_valid_gtin(code[:position] + digit + code[position + 1 :])


@given(st.from_regex(r"[0-9]{7}|[0-9]{11}|[0-9]{12}|[0-9]{13}", fullmatch=True))
def test_any_body_with_its_check_digit_is_valid(body: str) -> None:
    code = body + str(gtin_check_digit(body))
    assert is_valid_gtin(code)
    assert not is_valid_gtin(body + str((gtin_check_digit(body) + 1) % 10))


@pytest.mark.parametrize("code", ["00", "123456784", "1234567895", "000123456000124"])
def test_right_check_digit_but_not_a_gtin_length(code: str) -> None:
    assert gtin_check_digit(code[:-1]) == int(code[-1])
    assert not is_valid_gtin(code)
    with pytest.raises(InvalidGTIN):
        normalize_gtin(code)
