"""Access key: layout and the modulo-11 check digit against published examples."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fiscal.errors import InvalidInput
from fiscal.key import check_digit, is_valid_key, key_blocks, make_key, random_cnf


def test_check_digit_of_the_manual_de_integracao_example() -> None:
    # Manual de Integração do Contribuinte example, recomputed in
    # pctoledo.org/viewtopic.php?t=11816: sum 644, remainder 6, DV 5.
    assert check_digit("5206043300991100250655012000000780026730161") == 5


def test_check_digit_of_a_contingency_nfce() -> None:
    # NFC-e tpEmis 9 published on the invoisys.com.br blog: full key ends in 0.
    key = "13181017921427000125650010000000309887251170"
    assert check_digit(key[:43]) == 0
    assert is_valid_key(key)


def test_a_key_with_one_digit_changed_is_not_valid() -> None:
    assert not is_valid_key("13181017921427000125650010000000319887251170")


def test_make_key_lays_out_the_fields() -> None:
    key = make_key("SP", datetime(2026, 12, 4, tzinfo=UTC), "12345678000195", 1, 42, 9, "12345678")
    text = str(key)
    assert len(text) == 44
    assert text[:2] == "35"  # cUF of SP
    assert text[2:6] == "2612"  # AAMM
    assert text[6:20] == "12345678000195"
    assert text[20:22] == "65"
    assert text[22:25] == "001"
    assert text[25:34] == "000000042"
    assert text[34] == "9"
    assert text[35:43] == "12345678"
    assert is_valid_key(text)


def test_cnf_is_eight_random_digits_never_the_number() -> None:
    values = {random_cnf(5) for _ in range(200)}
    assert all(len(v) == 8 and v.isdigit() and int(v) != 5 for v in values)
    assert len(values) > 190
    with pytest.raises(InvalidInput) as err:
        make_key("SP", datetime(2026, 1, 1, tzinfo=UTC), "12345678000195", 1, 42, 1, "00000042")
    assert "cNF" in err.value.message("pt_BR")


def test_unknown_uf_is_refused_in_both_languages() -> None:
    with pytest.raises(InvalidInput) as err:
        make_key("XX", datetime(2026, 1, 1, tzinfo=UTC), "12345678000195", 1, 1, 1, "11111111")
    assert "UF desconhecida" in err.value.message("pt_BR")
    assert "unknown UF" in err.value.message("en")


def test_key_prints_in_eleven_groups_of_four() -> None:
    blocks = key_blocks("13181017921427000125650010000000309887251170").split(" ")
    assert len(blocks) == 11 and all(len(b) == 4 for b in blocks)
