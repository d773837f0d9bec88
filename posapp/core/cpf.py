"""CPF (Cadastro de Pessoas Físicas): validation, formatting and masking.

The check digits are the Receita Federal mod-11 scheme. Note that it maps the
remainders 0 and 1 to the same digit, so a rare single-digit typo in the first
nine digits still yields a valid CPF (e.g. 000.071.271-03 and 100.071.271-03).
"""

from __future__ import annotations

import random
from operator import mul

from posapp.core.errors import CpfLostItsZero, InvalidCPF

_DIGITS = "0123456789"


def _without_separators(text: str) -> str:
    """The dots, dash, spaces and tabs people type in a CPF taken out (`str.replace` in
    turn: a third of `str.translate`'s time, and every number typed in a search asks)."""
    return text.replace(".", "").replace("-", "").replace(" ", "").replace("\t", "")


_FIRST_WEIGHTS = tuple(range(10, 1, -1))
"""The first check digit weighs the nine digits 10..2, the second 11..3 and the first 2."""
_SECOND_WEIGHTS = tuple(range(11, 2, -1))
_ASCII_ZERO = ord("0")


def _check_digit(total: int) -> int:
    remainder = total % 11
    return 0 if remainder < 2 else 11 - remainder


def _weighted(codes: bytes, weights: tuple[int, ...]) -> int:
    """The weighted sum of the digits whose ASCII codes are `codes` (no int() per digit:
    the customer search checks every 11-digit number typed)."""
    return int(sum(map(mul, codes, weights))) - _ASCII_ZERO * sum(weights)


def _is_ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def cpf_check_digits(first9: str) -> str:
    if len(first9) != 9 or not _is_ascii_digits(first9):
        raise ValueError(f"need the first 9 digits of a CPF, got {first9!r}")
    d1, d2 = _check_digits(first9.encode("ascii"))
    return f"{d1}{d2}"


def _check_digits(codes: bytes) -> tuple[int, int]:
    """The two check digits of the CPF whose first nine digits' ASCII codes are `codes`."""
    d1 = _check_digit(_weighted(codes, _FIRST_WEIGHTS))
    return d1, _check_digit(_weighted(codes, _SECOND_WEIGHTS) + 2 * d1)


def normalize_cpf(text: str) -> str:
    """The CPF's 11 digits. A line break around it or a no-break space in it (pasted from a
    spreadsheet or a web page) is taken out; a CPF of 10 digits that is valid with a zero in
    front (a spreadsheet stored it as a number) is refused with the CPF it probably is."""
    digits = cpf_or_none(text)
    if digits is not None:
        return digits
    bare = _without_separators(text.strip().replace("\xa0", ""))
    digits = cpf_or_none(bare)
    if digits is not None:
        return digits
    if len(bare) == 10 and cpf_or_none("0" + bare) is not None:
        padded = "0" + bare
        raise CpfLostItsZero(
            value=text, cpf=f"{padded[:3]}.{padded[3:6]}.{padded[6:9]}-{padded[9:]}"
        )
    raise InvalidCPF(value=text)


def cpf_or_none(text: str) -> str | None:
    """The 11 digits of a valid CPF typed with or without dots, dash and spaces; None for
    anything else (no exception: the customer search asks this of every number typed)."""
    digits = _without_separators(text)
    if len(digits) != 11 or not _is_ascii_digits(digits) or len(set(digits)) == 1:
        return None
    codes = digits.encode("ascii")
    valid = _check_digits(codes) == (codes[9] - _ASCII_ZERO, codes[10] - _ASCII_ZERO)
    return digits if valid else None


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
