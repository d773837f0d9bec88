"""Draw a decoded receipt as a picture of the paper roll.

Scale is one pixel per printer dot (203 dpi): 576 dots for 80 mm paper, 384
for 58 mm, font A in 12 x 24 cells. Text, rasters, QR codes and barcodes are
placed with their alignment, so the PNG shows what the customer gets and an
independent decoder (zxing-cpp in the tests) can read the codes back.
"""

from __future__ import annotations

import functools
from pathlib import Path

import barcode as pybarcode
import qrcode
from PIL import Image, ImageDraw, ImageFont, ImageOps

from hardware.emulator.decoder import (
    BarcodePrint,
    FeedLines,
    Line,
    QRCode,
    Raster,
    Receipt,
    Span,
)

CELL_W, CELL_H, LINE_H = 12, 24, 30
MARGIN = 24  # white paper either side of the printable area, in px
_FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
)
_BARCODE_NAMES = {
    "EAN13": "ean13",
    "EAN8": "ean8",
    "CODE128": "code128",
    "CODE39": "code39",
    "UPC-A": "upca",
    "ITF": "itf",
    "NW7": "codabar",
    "GS1-128": "gs1_128",
}

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@functools.cache
def _font(bold: bool) -> Font:
    path = Path(_FONT_PATHS[1 if bold else 0])
    if path.exists():
        return ImageFont.truetype(str(path), 20)
    return ImageFont.load_default(size=20)  # Pillow's bundled font; has Latin-1


@functools.cache
def _glyph(char: str, bold: bool) -> Image.Image:
    cell = Image.new("L", (CELL_W, CELL_H), 255)
    draw = ImageDraw.Draw(cell)
    font = _font(bold)
    left, _top, right, _bottom = draw.textbbox((0, 0), char, font=font)
    x = (CELL_W - (right - left)) // 2 - left
    draw.text((x, 1), char, fill=0, font=font)
    return cell


def _span_image(span: Span) -> Image.Image:
    w = CELL_W * (9 if span.font_b else 12) // 12
    img = Image.new("L", (max(1, len(span.text)) * CELL_W, CELL_H), 255)
    for i, ch in enumerate(span.text):
        if ch != " ":
            img.paste(_glyph(ch, span.bold), (i * CELL_W, 0))
    if span.underline:
        ImageDraw.Draw(img).line([(0, CELL_H - 2), (img.width, CELL_H - 2)], fill=0, width=2)
    if span.invert:
        img = ImageOps.invert(img)
    size = (max(1, len(span.text)) * w * span.width, CELL_H * span.height)
    return img.resize(size, Image.Resampling.NEAREST) if size != img.size else img


def _line_image(line: Line) -> Image.Image:
    parts = [_span_image(s) for s in line.spans if s.text]
    height = max([p.height for p in parts], default=CELL_H) + (LINE_H - CELL_H)
    img = Image.new("L", (max(1, sum(p.width for p in parts)), height), 255)
    x = 0
    for p in parts:
        img.paste(p, (x, height - (LINE_H - CELL_H) - p.height))
        x += p.width
    return img


def raster_image(r: Raster) -> Image.Image:
    img = Image.frombytes("1", (r.width, r.height), r.data)
    img = ImageOps.invert(img.convert("L"))  # ESC/POS 1 = black, PIL "1" 1 = white
    if r.scale_x != 1 or r.scale_y != 1:
        img = img.resize((r.width * r.scale_x, r.height * r.scale_y), Image.Resampling.NEAREST)
    return img


def qr_image(q: QRCode) -> Image.Image:
    levels = {
        "L": qrcode.constants.ERROR_CORRECT_L,
        "M": qrcode.constants.ERROR_CORRECT_M,
        "Q": qrcode.constants.ERROR_CORRECT_Q,
        "H": qrcode.constants.ERROR_CORRECT_H,
    }
    code = qrcode.QRCode(box_size=max(1, q.module), border=0, error_correction=levels[q.ec])
    code.add_data(q.payload.encode("utf-8"))
    code.make(fit=True)
    img: Image.Image = code.make_image().get_image()
    return img.convert("L")


def barcode_image(b: BarcodePrint) -> Image.Image:
    """Bars drawn module by module (python-barcode gives the pattern, not the pixels)."""
    name = _BARCODE_NAMES.get(b.kind)
    if name is None:
        return Image.new("L", (CELL_W, b.height), 255)
    pattern = "".join(pybarcode.get_barcode_class(name)(b.data).build())
    module = max(1, b.module)
    quiet = 10 * module
    bars = Image.new("L", (len(pattern) * module + 2 * quiet, max(1, b.height)), 255)
    draw = ImageDraw.Draw(bars)
    for i, bit in enumerate(pattern):
        if bit == "1":
            x = quiet + i * module
            draw.rectangle([(x, 0), (x + module - 1, bars.height - 1)], fill=0)
    if not b.hri:
        return bars
    hri = _line_image(Line((Span(b.data),)))
    img = Image.new("L", (max(bars.width, hri.width), bars.height + hri.height), 255)
    img.paste(bars, ((img.width - bars.width) // 2, 0))
    img.paste(hri, ((img.width - hri.width) // 2, bars.height))
    return img


def _place(width: int, img: Image.Image, align: str) -> int:
    if align == "center":
        return max(0, (width - img.width) // 2)
    if align == "right":
        return max(0, width - img.width)
    return 0


def render_receipt(receipt: Receipt, paper_dots: int = 576) -> Image.Image:
    """A white strip `paper_dots` wide (plus margins) with everything printed on it."""
    pieces: list[tuple[Image.Image | None, str, int]] = []  # image, align, extra space
    for el in receipt.elements:
        if isinstance(el, Line):
            pieces.append((_line_image(el), el.align, 0))
        elif isinstance(el, Raster):
            pieces.append((raster_image(el), el.align, 0))
        elif isinstance(el, QRCode):
            pieces.append((qr_image(el), el.align, 0))
        elif isinstance(el, BarcodePrint):
            pieces.append((barcode_image(el), el.align, 0))
        elif isinstance(el, FeedLines):
            pieces.append((None, "left", el.dots))
    height = 2 * MARGIN + sum(p.height if p else extra for p, _, extra in pieces)
    page = Image.new("L", (paper_dots + 2 * MARGIN, max(height, 2 * MARGIN)), 255)
    y = MARGIN
    for img, align, extra in pieces:
        if img is None:
            y += extra
            continue
        if img.width > paper_dots:  # the printer would clip it at the paper edge
            img = img.crop((0, 0, paper_dots, img.height))
        page.paste(img, (MARGIN + _place(paper_dots, img, align), y))
        y += img.height
    if receipt.cut:
        draw = ImageDraw.Draw(page)
        for x in range(0, page.width, 12):
            draw.line([(x, page.height - 4), (x + 6, page.height - 1)], fill=128)
    return page


def save_receipt(receipt: Receipt, path: Path, paper_dots: int = 576) -> Path:
    render_receipt(receipt, paper_dots).save(path, format="PNG")
    return path
