import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.core.errors import InvalidPhone
from posapp.core.phone import (
    VALID_DDDS,
    format_mobile,
    generate_mobile,
    is_valid_mobile,
    normalize_mobile,
)

mobiles = st.integers(0, 2**64).map(lambda seed: generate_mobile(random.Random(seed)))

# Anatel's list, written out rather than computed.
ANATEL_DDDS = [
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38,
    41, 42, 43, 44, 45, 46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69,
    71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
]  # fmt: skip


def test_ddd_list_is_anatels() -> None:
    assert sorted(VALID_DDDS) == [str(n) for n in ANATEL_DDDS]
    assert len(VALID_DDDS) == 67


@pytest.mark.parametrize(
    "text",
    [
        "(11) 91234-5678",
        "11912345678",
        "+55 11 91234-5678",
        "+55 (11) 9 1234-5678",
        "5511912345678",
        "011 91234 5678",
        " 11 91234.5678 ",
        "(11)\xa091234-5678",  # a no-break space, pasted from a web page
        "11 91234-5678\n",
    ],
)
def test_normalize_accepts_usual_spellings(text: str) -> None:
    assert normalize_mobile(text) == "+5511912345678"


def test_ddd_55_is_not_mistaken_for_the_country_code() -> None:
    assert normalize_mobile("55 91234-5678") == "+5555912345678"
    assert normalize_mobile("+55 55 91234-5678") == "+5555912345678"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "(11) 3123-4567",  # landline, 8 digits
        "(11) 81234-5678",  # 9 digits not starting with 9
        "(20) 91234-5678",  # DDD 20 does not exist
        "(23) 91234-5678",
        "(10) 91234-5678",
        "(01) 91234-5678",
        "(90) 91234-5678",
        "+1 11 91234-5678",  # another country
        "+11912345678",  # '+' without 55
        "1191234567",  # 10 digits
        "119123456789",  # 12 digits not starting with 0
        "(11) 91234-567a",
        "11 91234+5678",
        "111 91234 5678",
    ],
)
def test_normalize_refuses(text: str) -> None:
    with pytest.raises(InvalidPhone) as caught:
        normalize_mobile(text)
    assert caught.value.params == {"value": text}
    assert not is_valid_mobile(text)


@pytest.mark.parametrize("ddd", ["20", "23", "25", "26", "29", "30", "36", "39", "40", "50",
                                 "52", "56", "57", "58", "59", "60", "70", "72", "76", "78",
                                 "80", "90"])  # fmt: skip
def test_unassigned_ddds_are_refused(ddd: str) -> None:
    assert not is_valid_mobile(f"({ddd}) 91234-5678")


def test_format() -> None:
    assert format_mobile("+5511912345678") == "(11) 91234-5678"
    assert format_mobile("+5599987654321") == "(99) 98765-4321"
    with pytest.raises(InvalidPhone):
        format_mobile("+5520912345678")


def test_messages() -> None:
    error = InvalidPhone(value="123")
    assert "Celular inválido: 123" in error.message("pt_BR")
    assert "Invalid mobile number: 123" in error.message("en")


def test_generate_is_deterministic_for_a_seed() -> None:
    assert generate_mobile(random.Random(3)) == generate_mobile(random.Random(3))


@given(mobiles)
def test_generated_mobiles_are_valid_and_round_trip(e164: str) -> None:
    assert e164.startswith("+55") and len(e164) == 14
    assert normalize_mobile(e164) == e164
    assert normalize_mobile(format_mobile(e164)) == e164
    assert normalize_mobile(e164[3:]) == e164
    assert normalize_mobile("0" + e164[3:]) == e164


@given(st.sampled_from(sorted(VALID_DDDS)), st.from_regex(r"9[0-9]{8}", fullmatch=True))
def test_every_valid_ddd_with_a_9_number_is_accepted(ddd: str, number: str) -> None:
    assert normalize_mobile(f"({ddd}) {number[:5]}-{number[5:]}") == f"+55{ddd}{number}"
