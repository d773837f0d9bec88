"""Render a Receipt onto any python-escpos printer object.

The text goes out in one fixed Latin code page selected with ESC t (CP860,
Portuguese, where the model has it), not through python-escpos's "magic"
encoder, which hops between code pages character by character and prints "?"
without telling anyone. Characters the page lacks are transliterated and
reported (see `hardware.layout.fit_codepage`).

QR codes go natively (GS ( k) where the profile says the model can, otherwise
as a raster image made by the qrcode library; barcodes use the printer's own
GS k command. Images and QR codes follow the block's alignment (ESC a), which
ESC/POS applies to raster images as well as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import qrcode
from escpos.escpos import Escpos
from escpos.printer import Dummy
from PIL import Image as PILImage

from hardware.errors import InvalidReceipt
from hardware.layout import Substitution, fit_codepage, row_lines, wrap
from hardware.profiles import Paper, choose_codepage, make_profile
from hardware.receipt import (
    QR,
    Barcode,
    Block,
    Cut,
    DrawerPulse,
    Feed,
    Image,
    Receipt,
    Row,
    Rule,
    Text,
)


@dataclass(frozen=True)
class RenderedReceipt:
    """The bytes for one printer model, ready to send (and to send again unchanged)."""

    data: bytes
    profile: str
    codepage: str
    substitutions: tuple[Substitution, ...] = field(default=())
    native_qr: bool = True


def new_dummy(profile: str, paper: Paper, printer: str = "?") -> Dummy:
    return Dummy(profile=make_profile(profile, paper, printer))


def render_bytes(receipt: Receipt, profile: str = "default", printer: str = "?") -> RenderedReceipt:
    """Render through python-escpos into bytes for the given capability profile."""
    dummy = new_dummy(profile, receipt.paper, printer)
    renderer = EscposRenderer(dummy, receipt.paper)
    renderer.render(receipt)
    return RenderedReceipt(
        dummy.output,
        profile,
        renderer.codepage,
        tuple(renderer.substitutions),
        renderer.native_qr,
    )


class EscposRenderer:
    """Draws receipt blocks with python-escpos calls on one printer object."""

    def __init__(self, printer: Escpos, paper: Paper) -> None:
        self.p = printer
        self.paper = paper
        self.codepage = choose_codepage(printer.profile)
        self.substitutions: list[Substitution] = []
        self.native_qr = bool(printer.profile.supports("qrCode"))
        pixels = printer.profile.profile_data.get("media", {}).get("width", {}).get("pixels")
        self.max_dots = min(pixels, paper.dots) if isinstance(pixels, int) else paper.dots

    def render(self, receipt: Receipt) -> None:
        self.p.hw("INIT")
        self.p.charcode(self.codepage)
        for block in receipt.blocks:
            self.block(block)

    def _text(self, line: str) -> None:
        fitted, subs = fit_codepage(line, self.codepage)
        self.substitutions.extend(subs)
        self.p.textln(fitted)

    def block(self, block: Block) -> None:
        p, cols = self.p, self.paper.columns
        if isinstance(block, Text):
            if block.double:
                p.set(align=block.align, bold=block.bold, double_width=True, double_height=True)
            else:
                p.set(align=block.align, bold=block.bold, normal_textsize=True)
            for line in wrap(block.text, cols // 2 if block.double else cols):
                self._text(line)
        elif isinstance(block, Row):
            p.set(align="left", bold=block.bold, normal_textsize=True)
            for line in row_lines(block.left, block.right, cols):
                self._text(line)
        elif isinstance(block, Rule):
            p.set(align="left", bold=False, normal_textsize=True)
            self._text((block.char or "-")[0] * cols)
        elif isinstance(block, Feed):
            p.ln(block.lines)
        elif isinstance(block, QR):
            self.qr(block)
        elif isinstance(block, Barcode):
            self.barcode(block)
        elif isinstance(block, Image):
            self.image(block)
        elif isinstance(block, Cut):
            p.cut(mode="PART" if block.partial else "FULL")
        elif isinstance(block, DrawerPulse):
            p.cashdraw(block.pin)
        else:  # pragma: no cover - exhaustive over Block
            raise InvalidReceipt(reason=f"bloco desconhecido {block!r}")

    def qr(self, block: QR) -> None:
        self.p.set(align=block.align, bold=False, normal_textsize=True)
        if self.native_qr:
            self.p.qr(block.data, size=block.module, native=True)
            self.p.ln()
            return
        code = qrcode.QRCode(border=1, error_correction=qrcode.constants.ERROR_CORRECT_L)
        code.add_data(block.data)
        code.make(fit=True)
        modules = code.modules_count + 2
        size = min(block.module, self.max_dots // modules)
        if size < 1:
            raise InvalidReceipt(reason="QR grande demais para a largura do papel")
        # The same picture escpos's qr(native=False) makes, without encoding twice.
        code.box_size = size
        picture: PILImage.Image = code.make_image().get_image()
        self.p.image(picture.convert("RGB"), center=False)
        self.p.ln()

    def barcode(self, block: Barcode) -> None:
        # bars plus quiet zones, in modules
        modules = 95 + 18 if block.kind == "EAN13" else 11 * len(block.data) + 35 + 10
        width = block.module
        while width > 2 and modules * width > self.max_dots:
            width -= 1
        if modules * width > self.max_dots:
            raise InvalidReceipt(reason=f"código de barras largo demais para o papel: {block.data}")
        code = block.data if block.kind == "EAN13" else "{B" + block.data
        self.p.barcode(
            code,
            block.kind,
            height=max(1, min(255, block.height)),
            width=width,
            pos="BELOW" if block.show_text else "OFF",
            align_ct=True,
        )
        self.p.ln()

    def image(self, block: Image) -> None:
        im = block.to_pil()
        if im.width > self.max_dots:
            height = max(1, round(im.height * self.max_dots / im.width))
            im = im.resize((self.max_dots, height), PILImage.Resampling.LANCZOS)
        self.p.set(align=block.align)
        self.p.image(im, center=False)
