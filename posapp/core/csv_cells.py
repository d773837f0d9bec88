"""CSV cells a spreadsheet will not run: OWASP's CSV injection rule.

A cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets
skip before those) is read by Excel and LibreOffice as a formula: a customer named
`=HYPERLINK(...)` would become a link, or worse, in the manager's spreadsheet. Such a
cell gets a leading apostrophe, which the spreadsheet shows as text and hides. A plain
number ("-12,34", "+5") is left alone, so figures stay figures.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?")


def spreadsheet_safe(cell: str) -> str:
    if cell.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def from_spreadsheet(cell: str) -> str:
    """A cell read back: the apostrophe `spreadsheet_safe` added is dropped again."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def spreadsheet_money(centavos: int) -> str:
    """1234,56 (and -12,34): what a Brazilian spreadsheet reads as a number (no R$, no
    thousands mark)."""
    sign = "-" if centavos < 0 else ""
    whole, cents = divmod(abs(centavos), 100)
    return f"{sign}{whole},{cents:02d}"
