import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.core.cnpj import cnpj_check_digits, format_cnpj, is_valid_cnpj, normalize_cnpj
from posapp.core.errors import InvalidCNPJ


# Worked by hand: 1*5+1*4+2*3+2*2+2*9+3*8+3*7+3*6+0*5+0*4+0*3+1*2 = 102, 102 % 11 = 3 -> 8;
# then 1122233300018 under 6,5,4,3,2,9,8,7,6,5,4,3,2 gives 120, 120 % 11 = 10 -> 1.
@pytest.mark.parametrize(
    ("first12", "check"),
    [
        ("112223330001", "81"),
        ("000000000001", "91"),  # Banco do Brasil, 00.000.000/0001-91
        ("12ABC34501DE", "35"),  # the Receita's alphanumeric example
    ],
)
def test_check_digits_of_known_cnpjs(first12: str, check: str) -> None:
    assert cnpj_check_digits(first12) == check


@pytest.mark.parametrize(
    "text",
    [
        "11.222.333/0001-81",
        "11222333000181",
        " 11 222 333 0001 81 ",
        "12.ABC.345/01DE-35",
        "12abc34501de35",
    ],
)
def test_normalize_accepts_usual_spellings(text: str) -> None:
    assert len(normalize_cnpj(text)) == 14


@pytest.mark.parametrize(
    "text",
    [
        "",
        "11.222.333/0001-82",
        "1122233300018",
        "112223330001811",
        "00000000000000",
        "11.222.333/0001-8A",
        "11_222_333_0001_81",
        "１１２２２３３３０００１８１",
    ],
)
def test_normalize_refuses(text: str) -> None:
    with pytest.raises(InvalidCNPJ):
        normalize_cnpj(text)
    assert not is_valid_cnpj(text)


def test_format_and_message() -> None:
    assert format_cnpj("11222333000181") == "11.222.333/0001-81"
    assert format_cnpj("12abc34501de35") == "12.ABC.345/01DE-35"
    assert InvalidCNPJ(value="123").message() == "CNPJ inválido: 123. Confira os dígitos."
    assert InvalidCNPJ(value="123").message("en") == "Invalid CNPJ: 123. Check the digits."


def _remainders(chars: str) -> tuple[int, int]:
    """The two raw mod-11 remainders, computed independently of the module."""
    w1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
    r1 = sum(int(c) * w for c, w in zip(chars[:12], w1, strict=True)) % 11
    r2 = sum(int(c) * w for c, w in zip(chars[:13], [6, *w1], strict=True)) % 11
    return r1, r2


@given(st.integers(0, 2**64), st.integers(0, 13), st.integers(1, 9))
def test_changing_one_digit_is_caught(seed: int, position: int, shift: int) -> None:
    """Unless the remainders 0 and 1 collapse into the same digit (as in the CPF)."""
    rng = random.Random(seed)
    first12 = "".join(rng.choice("0123456789") for _ in range(12))
    cnpj = first12 + cnpj_check_digits(first12)
    changed = cnpj[:position] + str((int(cnpj[position]) + shift) % 10) + cnpj[position + 1 :]
    collapsed = position < 12 and all(
        {a, b} <= {0, 1} for a, b in zip(_remainders(cnpj), _remainders(changed), strict=True)
    )
    assert is_valid_cnpj(changed) == collapsed or len(set(changed)) == 1


def test_the_rare_collapse_exists() -> None:
    """A typo the check digits cannot see: found by search, kept as the proof."""
    for n in range(10**6):
        first12 = f"{n:012d}"
        cnpj = first12 + cnpj_check_digits(first12)
        changed = str((int(cnpj[0]) + 2) % 10) + cnpj[1:]
        if is_valid_cnpj(changed):
            assert changed != cnpj
            return
    pytest.fail("no collapse found")
