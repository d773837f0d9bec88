"""Money as the Pix texts write it ("123.45") to and from integer centavos."""

from __future__ import annotations

import re

from payments.errors import PaymentError

_DECIMAL = re.compile(r"(\d{1,13})(?:\.(\d{1,2}))?")


class InvalidAmount(PaymentError):
    code = "invalid_amount"
    pt_BR = "Valor inválido: {value}. Use reais com ponto e dois decimais, ex.: 12.50."
    en = "Invalid amount: {value}. Use reais with a point and two decimals, e.g. 12.50."


def to_decimal_text(centavos: int) -> str:
    """12345 -> "123.45" (the API Pix pattern \\d{1,10}\\.\\d{2} and BR Code field 54)."""
    if isinstance(centavos, bool) or not isinstance(centavos, int) or centavos < 0:
        raise InvalidAmount(value=centavos)
    reais, cents = divmod(centavos, 100)
    return f"{reais}.{cents:02d}"


def from_decimal_text(text: str) -> int:
    """ "123.45" -> 12345; "10", "10.5" are accepted too (some BR Codes are written so)."""
    match = _DECIMAL.fullmatch(text)
    if match is None:
        raise InvalidAmount(value=text)
    reais, cents = match.group(1), (match.group(2) or "0").ljust(2, "0")
    return int(reais) * 100 + int(cents)
