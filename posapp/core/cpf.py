"""CPF (Cadastro de Pessoas Físicas): validation, formatting and masking.

The check digits are the Receita Federal mod-11 scheme. Note that it maps the
remainders 0 and 1 to the same digit, so a rare single-digit typo in the first
nine digits still yields a valid CPF (e.g. 000.071.271-03 and 100.071.271-03).
"""

from __future__ import annotations

import random

from posapp.core.errors import InvalidCPF

_DIGITS = "0123456789"
_SEPARATORS = frozenset(".- \t")


def _check_digit(digits: str) -> int:
    weight = len(digits) + 1
    total = sum(int(d) * (weight - i) for i, d in enumerate(digits))
    remainder = total % 11
    return 0 if remainder < 2 else 11 - remainder


def _is_ascii_digits(text: str) -> bool:
    return bool(text) and all(c in _DIGITS for c in text)


def cpf_check_digits(first9: str) -> str:
    if len(first9) != 9 or not _is_ascii_digits(first9):
        raise ValueError(f"need the first 9 digits of a CPF, got {first9!r}")
    d1 = _check_digit(first9)
    d2 = _check_digit(first9 + str(d1))
    return f"{d1}{d2}"


def normalize_cpf(text: str) -> str:
    if any(c not in _DIGITS and c not in _SEPARATORS for c in text):
        raise InvalidCPF(value=text)
    digits = "".join(c for c in text if c in _DIGITS)
    if len(digits) != 11 or len(set(digits)) == 1:
        raise InvalidCPF(value=text)
    if cpf_check_digits(digits[:9]) != digits[9:]:
        raise InvalidCPF(value=text)
    return digits


def is_valid_cpf(text: str) -> bool:
    try:
        normalize_cpf(text)
    except InvalidCPF:
        return False
    return True


def format_cpf(digits: str) -> str:
    d = normalize_cpf(digits)
    return f"{d[:3]}.{d[3:6]}.{d[6:9]}-{d[9:]}"


def mask_cpf(digits: str) -> str:
    """Only the middle six digits, as LGPD guidance suggests for printed documents."""
    d = normalize_cpf(digits)
    return f"***.{d[3:6]}.{d[6:9]}-**"


def generate_cpf(rng: random.Random) -> str:
    while True:
        first9 = "".join(rng.choice(_DIGITS) for _ in range(9))
        if len(set(first9)) > 1:
            return first9 + cpf_check_digits(first9)
