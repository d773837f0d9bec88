"""CPF and CNPJ check digits (CNPJ also in the alphanumeric form issued from July 2026).

The alphanumeric CNPJ (Receita Federal, IN RFB 2.229/2024) keeps the modulo-11
rule with each character worth its ASCII code minus 48, so "0".."9" keep their
values and "A" is 17; the two check digits stay numeric.
"""

from __future__ import annotations

import re

_CNPJ = re.compile(r"[0-9A-Z]{12}[0-9]{2}")


def only_cpf_digits(text: str) -> str:
    """Drops the dots, dash and spaces a person types."""
    return re.sub(r"[.\-\s]", "", text)


def only_cnpj_characters(text: str) -> str:
    return re.sub(r"[./\-\s]", "", text).upper()


def is_valid_cpf(text: str) -> bool:
    """11 digits, not all equal, both check digits right."""
    if not re.fullmatch(r"[0-9]{11}", text) or len(set(text)) == 1:
        return False
    digits = [int(char) for char in text]
    for size in (9, 10):
        total = sum(
            value * weight
            for value, weight in zip(digits[:size], range(size + 1, 1, -1), strict=True)
        )
        check = (total * 10) % 11 % 10
        if check != digits[size]:
            return False
    return True


def is_valid_cnpj(text: str) -> bool:
    """14 characters (12 of [0-9A-Z] and 2 check digits), not all zero, check digits right."""
    if not _CNPJ.fullmatch(text) or set(text) == {"0"}:
        return False
    values = [ord(char) - 48 for char in text]
    for size in (12, 13):
        weights = [*range(size - 7, 1, -1), *range(9, 1, -1)]
        total = sum(value * weight for value, weight in zip(values[:size], weights, strict=True))
        remainder = total % 11
        check = 0 if remainder < 2 else 11 - remainder
        if check != values[size]:
            return False
    return True
