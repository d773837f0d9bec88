"""CNPJ, phone and CEP as people read them, for paper and screens (a CPF: `posapp.core.cpf`).

The stored forms stay bare (digits, E.164); these give the usual masks and never
raise: a value that is not one of these (an old free-text phone) shows as typed.
"""

from __future__ import annotations

import re

from posapp.core.cnpj import format_cnpj, is_valid_cnpj

_NOT_DIGIT = re.compile(r"\D")
_BARE_CEP = re.compile(r"(?<![\d-])(\d{5})-?(\d{3})(?![\d-])")


def show_cnpj(text: str) -> str:
    """'11222333000181' -> '11.222.333/0001-81'."""
    return format_cnpj(text) if is_valid_cnpj(text) else text.strip()


def show_phone(text: str) -> str:
    """A Brazilian number with its DDD: '(11) 91234-5678' or '(11) 3333-4444'."""
    digits = _NOT_DIGIT.sub("", text)
    if len(digits) in (12, 13) and digits.startswith("55"):
        digits = digits[2:]
    elif len(digits) in (11, 12) and digits.startswith("0"):
        digits = digits[1:]
    if len(digits) == 11:
        return f"({digits[:2]}) {digits[2:7]}-{digits[7:]}"
    if len(digits) == 10:
        return f"({digits[:2]}) {digits[2:6]}-{digits[6:]}"
    return text.strip()


def with_cep_shown(address: str) -> str:
    """An address whose 8-digit CEP is written bare gets its mask ('CEP 01310-100')."""
    return _BARE_CEP.sub(lambda m: f"{m.group(1)}-{m.group(2)}", address)
