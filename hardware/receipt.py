"""A printer-neutral receipt: what the app builds and any printer renders.

A `Receipt` is an immutable list of blocks plus the paper width. It knows
nothing of ESC/POS; `hardware.escpos_render` turns it into printer bytes and
the emulator turns those bytes back into lines, codes and a picture.

    receipt = (
        ReceiptBuilder(paper=80)
        .text("Salão Beleza Pura", align="center", bold=True, double=True)
        .rule()
        .row("Escova progressiva", "R$ 180,00")
        .row("TOTAL", "R$ 180,00", bold=True)
        .qr("https://exemplo.com.br/cashback/ABC123")
        .barcode("7891234567895", kind="EAN13")
        .cut()
        .build()
    )
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from PIL import Image as PILImage

from hardware.errors import InvalidReceipt
from hardware.profiles import Paper, paper_for

Align = Literal["left", "center", "right"]
BarcodeKind = Literal["EAN13", "CODE128"]
DrawerPin = Literal[2, 5]


@dataclass(frozen=True)
class Text:
    """A paragraph; wrapped at word boundaries to the paper width, never cut off."""

    text: str
    align: Align = "left"
    bold: bool = False
    double: bool = False  # double width and double height


@dataclass(frozen=True)
class Row:
    """Two columns: `left` flush left, `right` flush right (item / price)."""

    left: str
    right: str
    bold: bool = False


@dataclass(frozen=True)
class Rule:
    """A full-width line of `char`."""

    char: str = "-"


@dataclass(frozen=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True)
class QR:
    """A QR code; `module` is the size of one QR module in printer dots (1-16)."""

    data: str
    module: int = 6
    align: Align = "center"


@dataclass(frozen=True)
class Barcode:
    """A 1-D barcode: EAN-13 (12 digits get their check digit added) or CODE128."""

    data: str
    kind: BarcodeKind = "CODE128"
    height: int = 80  # dots
    module: int = 2  # width of the narrowest bar in dots (2-6)
    show_text: bool = True


@dataclass(frozen=True)
class Image:
    """A picture (the store logo) kept as PNG bytes so the receipt stays immutable."""

    png: bytes
    align: Align = "center"

    @classmethod
    def from_file(cls, path: str | Path, align: Align = "center") -> Image:
        with PILImage.open(path) as im:
            return cls.from_pil(im, align)

    @classmethod
    def from_pil(cls, im: PILImage.Image, align: Align = "center") -> Image:
        buf = io.BytesIO()
        im.save(buf, format="PNG")
        return cls(buf.getvalue(), align)

    def to_pil(self) -> PILImage.Image:
        with PILImage.open(io.BytesIO(self.png)) as im:
            im.load()
            return im.copy()


@dataclass(frozen=True)
class Cut:
    partial: bool = False


@dataclass(frozen=True)
class DrawerPulse:
    """Kick the cash drawer wired to the printer's pin 2 or pin 5."""

    pin: DrawerPin = 2


Block = Text | Row | Rule | Feed | QR | Barcode | Image | Cut | DrawerPulse


@dataclass(frozen=True)
class Receipt:
    blocks: tuple[Block, ...]
    paper: Paper = field(default_factory=lambda: paper_for(80))

    @property
    def columns(self) -> int:
        return self.paper.columns


def ean13_check_digit(first12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def normalize_barcode(data: str, kind: BarcodeKind) -> str:
    """Validate barcode data; return EAN-13 with its check digit. Raise InvalidReceipt."""
    if kind == "EAN13":
        if not data.isascii() or not data.isdigit() or len(data) not in (12, 13):
            raise InvalidReceipt(reason=f"EAN-13 precisa de 12 ou 13 dígitos: {data!r}")
        check = ean13_check_digit(data[:12])
        if len(data) == 13 and data[12] != check:
            raise InvalidReceipt(reason=f"dígito verificador do EAN-13 errado: {data!r}")
        return data[:12] + check
    if not data or not data.isascii() or any(not 32 <= ord(c) < 127 for c in data):
        raise InvalidReceipt(reason=f"CODE128 aceita só ASCII imprimível: {data!r}")
    if len(data) > 80:
        raise InvalidReceipt(reason="CODE128 com mais de 80 caracteres")
    return data


class ReceiptBuilder:
    """Fluent helper to assemble a Receipt; validates codes as they are added."""

    def __init__(self, paper: int | Paper = 80) -> None:
        self.paper = paper if isinstance(paper, Paper) else paper_for(paper)
        self._blocks: list[Block] = []

    def add(self, block: Block) -> ReceiptBuilder:
        self._blocks.append(block)
        return self

    def text(
        self, text: str, align: Align = "left", bold: bool = False, double: bool = False
    ) -> ReceiptBuilder:
        return self.add(Text(text, align, bold, double))

    def row(self, left: str, right: str, bold: bool = False) -> ReceiptBuilder:
        return self.add(Row(left, right, bold))

    def rule(self, char: str = "-") -> ReceiptBuilder:
        return self.add(Rule(char))

    def feed(self, lines: int = 1) -> ReceiptBuilder:
        return self.add(Feed(lines))

    def qr(self, data: str, module: int = 6, align: Align = "center") -> ReceiptBuilder:
        if not data:
            raise InvalidReceipt(reason="QR vazio")
        if not 1 <= module <= 16:
            raise InvalidReceipt(reason="tamanho do módulo do QR fora de 1-16")
        return self.add(QR(data, module, align))

    def barcode(
        self,
        data: str,
        kind: BarcodeKind = "CODE128",
        height: int = 80,
        module: int = 2,
        show_text: bool = True,
    ) -> ReceiptBuilder:
        return self.add(Barcode(normalize_barcode(data, kind), kind, height, module, show_text))

    def image(self, image: Image) -> ReceiptBuilder:
        return self.add(image)

    def cut(self, partial: bool = False) -> ReceiptBuilder:
        return self.add(Cut(partial))

    def drawer(self, pin: DrawerPin = 2) -> ReceiptBuilder:
        return self.add(DrawerPulse(pin))

    def build(self) -> Receipt:
        return Receipt(tuple(self._blocks), self.paper)
