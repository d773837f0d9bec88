"""Free text as the fiscal layouts take it.

The NF-e/NFC-e strings (TString) and the national NFS-e's (TSString) share one XSD
pattern, `[!-ÿ]{1}[ -ÿ]{0,}[!-ÿ]{1}|[!-ÿ]{1}`: characters U+0020-U+00FF only, no space
at either end. Names typed or pasted at the counter carry curly quotes, dashes, emoji or
a control character; the note would fail the schema (SEFAZ: 225) or lxml would refuse
the text. `plain` folds them; `xml_text` keeps any character XML takes (the NFS-e's
names and description have no pattern).
"""

from __future__ import annotations

import unicodedata

_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": ",",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2022": "-",
        "\u2026": "...",
        "\u20ac": "EUR",
        "\u2122": "TM",
    }
)
"""Characters common in product names (curly quotes, dashes, the euro sign) that the
layout's strings cannot carry, as the plain ones that say the same."""


def _allowed(char: str) -> bool:
    """The XSD's TString takes U+0020-U+00FF (`[ -ÿ]`); the C1 controls are left out too."""
    return " " <= char <= "\u00ff" and not "\u007f" <= char <= "\u009f"


def _fold(char: str) -> str:
    if _allowed(char):
        return char
    plain = char.translate(_PLAIN)
    if plain != char:
        return plain
    base = unicodedata.normalize("NFKD", char)  # "ł" has no base; "ﬁ" is "fi", "ő" is "o"
    return "".join(c for c in base if _allowed(c) and not unicodedata.combining(c))


def plain(text: str, size: int = 0) -> str:
    """`text` as the layout's TString takes it: characters outside U+0020-U+00FF folded to
    plain ones or left out (SEFAZ refuses the note otherwise, 225), spaces collapsed, cut
    to `size` characters without a space at either end."""
    folded = "".join(_fold(c) if not c.isspace() else " " for c in text)
    clean = " ".join(folded.split())
    return clean[:size].rstrip() if size else clean


def _xml_char(char: str) -> bool:
    code = ord(char)
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def xml_text(text: str, size: int = 0) -> str:
    """`text` with the characters XML 1.0 cannot carry left out, spaces collapsed, cut to
    `size` characters without a space at either end."""
    kept = " ".join("".join(c for c in text if _xml_char(c)).split())
    return kept[:size].rstrip() if size else kept
