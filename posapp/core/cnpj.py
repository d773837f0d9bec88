"""CNPJ (Cadastro Nacional da Pessoa Jurídica): validation and formatting.

Two mod-11 check digits over the first twelve characters (weights 5..2, 9..2,
then 6..2, 9..2). From July 2026 the Receita Federal also issues alphanumeric
CNPJs (IN RFB 2.229/2024): the first twelve characters may be A-Z, each worth
its ASCII code minus 48, and the check digits stay numeric. Both are accepted.
"""

from __future__ import annotations

from posapp.core.errors import InvalidCNPJ

_DIGITS = "0123456789"
_BASE_CHARS = frozenset(_DIGITS + "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_SEPARATORS = frozenset("./- \t")
_WEIGHTS_1 = (5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
_WEIGHTS_2 = (6, *_WEIGHTS_1)


def _check_digit(chars: str, weights: tuple[int, ...]) -> int:
    total = sum((ord(c) - 48) * w for c, w in zip(chars, weights, strict=True))
    remainder = total % 11
    return 0 if remainder < 2 else 11 - remainder


def cnpj_check_digits(first12: str) -> str:
    """The two check digits of a CNPJ's first twelve characters (digits or A-Z)."""
    if len(first12) != 12 or any(c not in _BASE_CHARS for c in first12):
        raise ValueError(f"need the first 12 characters of a CNPJ, got {first12!r}")
    d1 = _check_digit(first12, _WEIGHTS_1)
    d2 = _check_digit(first12 + str(d1), _WEIGHTS_2)
    return f"{d1}{d2}"


def normalize_cnpj(text: str) -> str:
    """The 14 characters of a valid CNPJ (upper case, no punctuation); else InvalidCNPJ."""
    upper = text.strip().upper()
    if any(c not in _BASE_CHARS and c not in _SEPARATORS for c in upper):
        raise InvalidCNPJ(value=text)
    chars = "".join(c for c in upper if c in _BASE_CHARS)
    if len(chars) != 14 or any(c not in _DIGITS for c in chars[12:]):
        raise InvalidCNPJ(value=text)
    if len(set(chars)) == 1:  # 00.000.000/0000-00 and the like pass the checksum
        raise InvalidCNPJ(value=text)
    if cnpj_check_digits(chars[:12]) != chars[12:]:
        raise InvalidCNPJ(value=text)
    return chars


def is_valid_cnpj(text: str) -> bool:
    try:
        normalize_cnpj(text)
    except InvalidCNPJ:
        return False
    return True


def format_cnpj(text: str) -> str:
    """'11.222.333/0001-81'."""
    c = normalize_cnpj(text)
    return f"{c[:2]}.{c[2:5]}.{c[5:8]}/{c[8:12]}-{c[12:]}"
