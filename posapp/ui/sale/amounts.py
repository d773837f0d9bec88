"""Amounts as the cashier types them, in the counter's language: "53,80" (pt_BR), "53.80"."""

from __future__ import annotations


def amount_text(centavos: int, locale: str) -> str:
    """An amount as typed in an amount field: "53,80" in pt_BR, "53.80" in English (no
    thousands mark, so parse_centavos reads it back the same in both)."""
    mark = "," if locale.startswith("pt") else "."
    sign = "-" if centavos < 0 else ""
    whole, part = divmod(abs(centavos), 100)
    return f"{sign}{whole}{mark}{part:02d}"


def round_up(centavos: int, step: int) -> int:
    """The smallest multiple of `step` that covers `centavos` (the note a customer hands)."""
    if step <= 0:
        return centavos
    return -(-centavos // step) * step
