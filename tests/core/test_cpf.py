import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.core.cpf import (
    cpf_check_digits,
    format_cpf,
    generate_cpf,
    is_valid_cpf,
    mask_cpf,
    normalize_cpf,
)
from posapp.core.errors import CpfLostItsZero, InvalidCPF

cpfs = st.integers(0, 2**64).map(lambda seed: generate_cpf(random.Random(seed)))


def _first_remainder(digits: str) -> int:
    """Remainder of the first check-digit sum, computed independently of the module."""
    return sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11


# Worked by hand: 1*10+2*9+3*8+4*7+5*6+6*5+7*4+8*3+9*2 = 210, 210 % 11 = 1 -> 0;
# then weights 11..2 over 1234567890 give 255, 255 % 11 = 2 -> 11 - 2 = 9.
@pytest.mark.parametrize(
    ("first9", "check"),
    [("123456789", "09"), ("529982247", "25"), ("111444777", "35"), ("000071271", "03")],
)
def test_check_digits_of_known_cpfs(first9: str, check: str) -> None:
    assert cpf_check_digits(first9) == check


@pytest.mark.parametrize("bad", ["12345678", "1234567890", "12345678a", "１２３４５６７８９"])
def test_check_digits_needs_nine_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        cpf_check_digits(bad)


@pytest.mark.parametrize(
    "text", ["123.456.789-09", "12345678909", " 123 456 789 09 ", "123456789-09"]
)
def test_normalize_accepts_usual_spellings(text: str) -> None:
    assert normalize_cpf(text) == "12345678909"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "123.456.789-00",  # wrong check digits
        "123.456.789-90",  # check digits swapped
        "529.982.247-24",
        "123456789",  # 9 digits
        "123456789099",  # 12 digits
        "123.456.789-0x",
        "123/456/789-09",
        "１２３４５６７８９０９",  # full-width digits are not ASCII digits
        "000.000.000-00",
        "111.111.111-11",
        "99999999999",
    ],
)
def test_normalize_refuses(text: str) -> None:
    with pytest.raises(InvalidCPF) as caught:
        normalize_cpf(text)
    assert caught.value.params == {"value": text}
    assert not is_valid_cpf(text)


@pytest.mark.parametrize(
    "text", ["529.982.247-25\n", "\r\n52998224725", "\xa0529.982.247-25", "529.982\xa0247-25"]
)
def test_a_cpf_pasted_with_a_line_break_or_a_no_break_space_is_read(text: str) -> None:
    assert normalize_cpf(text) == "52998224725"


def test_ten_digits_that_lost_their_leading_zero_are_refused_naming_the_cpf() -> None:
    """A spreadsheet keeps a CPF as a number: 012.345.678-90 becomes 1234567890."""
    with pytest.raises(CpfLostItsZero) as caught:
        normalize_cpf("1234567890")
    assert caught.value.message("pt_BR") == (
        "CPF inválido: 1234567890 tem 10 dígitos. Se a planilha apagou o zero da frente, "
        "o CPF é 012.345.678-90."
    )
    assert "dropped the leading zero, the CPF is 012.345.678-90" in caught.value.message("en")
    with pytest.raises(InvalidCPF) as other:
        normalize_cpf("1234567891")  # not valid with a zero either: the usual refusal
    assert type(other.value) is InvalidCPF


def test_all_same_digit_cpfs_pass_the_checksum_but_are_refused() -> None:
    for d in "0123456789":
        assert cpf_check_digits(d * 9) == d * 2
        assert not is_valid_cpf(d * 11)


def test_checksum_collapse_lets_a_rare_typo_through() -> None:
    # Remainders 0 and 1 both give check digit 0; documented in the module.
    assert is_valid_cpf("000.071.271-03")
    assert is_valid_cpf("100.071.271-03")


def test_format_and_mask() -> None:
    assert format_cpf("12345678909") == "123.456.789-09"
    assert format_cpf(" 123.456.789-09") == "123.456.789-09"
    assert mask_cpf("12345678909") == "***.456.789-**"
    with pytest.raises(InvalidCPF):
        format_cpf("12345678900")
    with pytest.raises(InvalidCPF):
        mask_cpf("123")


def test_messages() -> None:
    error = InvalidCPF(value="123")
    assert "CPF inválido" in error.message("pt_BR")
    assert "123" in error.message("pt_BR")
    assert "Invalid CPF" in error.message("en")


def test_generate_is_deterministic_for_a_seed() -> None:
    assert generate_cpf(random.Random(7)) == generate_cpf(random.Random(7))


@given(cpfs)
def test_generated_cpfs_are_valid_and_round_trip(cpf: str) -> None:
    assert len(cpf) == 11 and cpf.isdigit()
    assert is_valid_cpf(cpf)
    assert normalize_cpf(format_cpf(cpf)) == cpf
    assert format_cpf(cpf)[4:11] == mask_cpf(cpf)[4:11]


@given(cpfs, st.integers(0, 10), st.integers(1, 9))
def test_changing_one_digit_is_caught(cpf: str, position: int, shift: int) -> None:
    digit = str((int(cpf[position]) + shift) % 10)
    changed = cpf[:position] + digit + cpf[position + 1 :]
    if position >= 9:
        assert not is_valid_cpf(changed)
    elif is_valid_cpf(changed):
        # Only possible through the 0/1 remainder collapse of the first check digit.
        assert {_first_remainder(cpf), _first_remainder(changed)} == {0, 1}
