"""GS1 barcodes: GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13) and GTIN-14."""

from __future__ import annotations

import random

from posapp.core.errors import InvalidGTIN

GTIN_LENGTHS = frozenset({8, 12, 13, 14})
BRAZIL_PREFIXES = ("789", "790")
_DIGITS = "0123456789"


def _is_ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def gtin_check_digit(body: str) -> int:
    """Weights 3, 1, 3, ... from the rightmost body digit, so one rule fits every length."""
    if not _is_ascii_digits(body):
        raise ValueError(f"a GTIN body is digits only, got {body!r}")
    weighted_3 = sum(map(int, body[::-2]))
    weighted_1 = sum(map(int, body[-2::-2]))
    return -(3 * weighted_3 + weighted_1) % 10


def is_valid_gtin(code: str) -> bool:
    return (
        len(code) in GTIN_LENGTHS
        and _is_ascii_digits(code)
        and gtin_check_digit(code[:-1]) == int(code[-1])
    )


def normalize_gtin(text: str) -> str:
    """The digits as scanned or typed; a UPC-A is not widened to 13 digits."""
    code = "".join(text.split())
    if not is_valid_gtin(code):
        raise InvalidGTIN(value=text)
    return code


def make_ean13(body12: str) -> str:
    if len(body12) != 12:
        raise ValueError(f"an EAN-13 body has 12 digits, got {body12!r}")
    return body12 + str(gtin_check_digit(body12))


def generate_ean13(rng: random.Random, prefix: str = "789") -> str:
    if len(prefix) > 12 or (prefix and not _is_ascii_digits(prefix)):
        raise ValueError(f"bad EAN-13 prefix {prefix!r}")
    body = prefix + "".join(rng.choice(_DIGITS) for _ in range(12 - len(prefix)))
    return make_ean13(body)
