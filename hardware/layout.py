"""Fitting text to a paper width and to a printer code page.

Nothing is cut off at the paper edge: long text wraps at word boundaries, and a
two-column row whose left side is too long wraps it and keeps the right column
(the price) flush right on the last line.

Nothing is dropped silently either: a character the code page cannot hold is
replaced by its closest printable form ("€" -> "EUR", "ŕ" -> "r") or by "?",
and every replacement is reported to the caller.
"""

from __future__ import annotations

import codecs
import functools
import textwrap
import unicodedata
from dataclasses import dataclass

from escpos.capabilities import CAPABILITIES

_TRANSLITERATIONS = {
    "€": "EUR",
    "“": '"',
    "”": '"',
    "„": '"',
    "‘": "'",
    "’": "'",
    "‚": ",",
    "–": "-",
    "—": "-",
    "−": "-",
    "…": "...",
    "•": "*",
    "™": "TM",
    "®": "(R)",
    "©": "(C)",
    "\u00a0": " ",
    "\t": " ",
    "\u200b": "",
}


@dataclass(frozen=True)
class Substitution:
    """`original` could not be printed in the code page and `printed` went instead."""

    original: str
    printed: str


@functools.cache
def python_codec(codepage: str) -> str:
    """The Python codec name of an escpos code page name (CP860 -> cp860)."""
    entry = CAPABILITIES["encodings"].get(codepage, {})
    name = entry.get("python_encode") if isinstance(entry, dict) else None
    if isinstance(name, str):
        return name
    return codecs.lookup(codepage.lower().replace("_", "-")).name


def _encodable(char: str, codec: str) -> bool:
    try:
        char.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


@functools.lru_cache(maxsize=4096)
def _printable_in(char: str, codec: str) -> bool:
    return char.isprintable() and _encodable(char, codec)


def fit_codepage(text: str, codepage: str) -> tuple[str, list[Substitution]]:
    """Return text that the code page can print in full, and what was replaced."""
    codec = python_codec(codepage)
    if text.isprintable() and _encodable(text, codec):
        return text, []  # the common case: plain Portuguese
    out: list[str] = []
    subs: list[Substitution] = []
    for char in text:
        if char == "\n" or _printable_in(char, codec):
            out.append(char)
            continue
        replacement = _TRANSLITERATIONS.get(char)
        if replacement is None:
            folded = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            ok = folded and all(c.isprintable() and _encodable(c, codec) for c in folded)
            replacement = folded if ok else "?"
        out.append(replacement)
        subs.append(Substitution(char, replacement))
    return "".join(out), subs


def wrap(text: str, columns: int) -> list[str]:
    """Wrap each paragraph of text to `columns`; an empty paragraph is a blank line."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            lines.append("")
            continue
        lines.extend(
            textwrap.wrap(paragraph, columns, break_long_words=True, replace_whitespace=False)
        )
    return lines


def row_lines(left: str, right: str, columns: int) -> list[str]:
    """Lay out `left ... right` in `columns`; `right` ends flush with the paper edge."""
    right = right.strip()
    if len(right) >= columns:
        return [*wrap(left, columns), *wrap(right, columns)]
    lines = wrap(left, columns) or [""]
    last = lines[-1]
    if len(last) + 1 + len(right) <= columns:
        lines[-1] = last + " " * (columns - len(last) - len(right)) + right
    else:
        lines.append(right.rjust(columns))
    return lines


def align_line(text: str, columns: int, align: str) -> str:
    """Pad a line as the printer would place it (used by plain-text previews)."""
    if align == "center":
        return text.center(columns).rstrip()
    if align == "right":
        return text.rjust(columns)
    return text
