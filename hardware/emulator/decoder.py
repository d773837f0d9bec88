"""ESC/POS bytes back into what the paper would show.

No installable package decodes ESC/POS, so this is ours. It is incremental:
`feed()` takes whatever chunk arrived (a TCP read, a USB bulk packet) and keeps
an incomplete command for the next chunk. It understands the commands a
receipt printer needs (text and its modes, code pages, feeds, raster and
column images, GS ( L graphics, QR via GS ( k, GS k barcodes, cuts, drawer
pulses, DLE EOT status requests) and records anything else as an
`Unknown` element instead of skipping it quietly.

Output is a list of `Receipt`s (one per cut); each is a list of elements in
paper order: `Line`, `Raster`, `QRCode`, `BarcodePrint`, `FeedLines`, plus
the non-paper events `Pulse` and `Cut`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# ESC t n -> Python codec (Epson numbering).
CODEPAGES: dict[int, str] = {
    0: "cp437",
    2: "cp850",
    3: "cp860",
    4: "cp863",
    5: "cp865",
    16: "cp1252",
    17: "cp866",
    18: "cp852",
    19: "cp858",
    40: "iso8859_15",
}

ESC, GS, DLE, FS = 0x1B, 0x1D, 0x10, 0x1C


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    width: int = 1
    height: int = 1
    underline: bool = False
    font_b: bool = False
    invert: bool = False


@dataclass(frozen=True)
class Line:
    spans: tuple[Span, ...]
    align: str = "left"

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    @property
    def height(self) -> int:
        return max((s.height for s in self.spans), default=1)

    @property
    def bold(self) -> bool:
        return any(s.bold for s in self.spans if s.text.strip())


@dataclass(frozen=True)
class Raster:
    """A 1-bit image: `rows` of packed bytes, MSB first, 1 = black dot."""

    width: int
    height: int
    data: bytes
    align: str = "left"
    scale_x: int = 1
    scale_y: int = 1

    def pixel(self, x: int, y: int) -> bool:
        row_bytes = (self.width + 7) // 8
        return bool(self.data[y * row_bytes + x // 8] & (0x80 >> (x % 8)))


@dataclass(frozen=True)
class QRCode:
    payload: str
    module: int = 3
    ec: str = "L"
    align: str = "left"


@dataclass(frozen=True)
class BarcodePrint:
    kind: str  # "EAN13", "CODE128", ...
    data: str
    height: int = 162
    module: int = 3
    hri: int = 0  # 0 none, 1 above, 2 below, 3 both
    align: str = "left"


@dataclass(frozen=True)
class FeedLines:
    dots: int


@dataclass(frozen=True)
class Pulse:
    pin: int
    on_ms: int
    off_ms: int


@dataclass(frozen=True)
class Cut:
    partial: bool


@dataclass(frozen=True)
class Unknown:
    command: bytes


Element = Line | Raster | QRCode | BarcodePrint | FeedLines | Pulse | Cut | Unknown


@dataclass
class Receipt:
    """What came out between two cuts (or up to the end of the connection)."""

    elements: list[Element] = field(default_factory=list)
    cut: bool = False
    complete: bool = True  # False when the connection dropped before the cut

    @property
    def lines(self) -> list[str]:
        return [e.text for e in self.elements if isinstance(e, Line)]

    @property
    def text_lines(self) -> list[Line]:
        return [e for e in self.elements if isinstance(e, Line)]

    @property
    def qr_payloads(self) -> list[str]:
        return [e.payload for e in self.elements if isinstance(e, QRCode)]

    @property
    def barcodes(self) -> list[tuple[str, str]]:
        return [(e.kind, e.data) for e in self.elements if isinstance(e, BarcodePrint)]

    @property
    def pulses(self) -> list[Pulse]:
        return [e for e in self.elements if isinstance(e, Pulse)]

    @property
    def images(self) -> list[Raster]:
        return [e for e in self.elements if isinstance(e, Raster)]

    @property
    def unknown(self) -> list[bytes]:
        return [e.command for e in self.elements if isinstance(e, Unknown)]

    def printed(self) -> bool:
        return any(not isinstance(e, Pulse | Cut | FeedLines) for e in self.elements)


class NeedMore(Exception):
    """The buffer ends in the middle of a command."""


_ALIGN = {0: "left", 48: "left", 1: "center", 49: "center", 2: "right", 50: "right"}
_BARCODE_A = {0: "UPC-A", 1: "UPC-E", 2: "EAN13", 3: "EAN8", 4: "CODE39", 5: "ITF", 6: "NW7"}
_BARCODE_B = {
    65: "UPC-A",
    66: "UPC-E",
    67: "EAN13",
    68: "EAN8",
    69: "CODE39",
    70: "ITF",
    71: "NW7",
    72: "CODE93",
    73: "CODE128",
    74: "GS1-128",
}


class Decoder:
    """Streaming ESC/POS decoder. `on_status(n)` is called for each DLE EOT n."""

    def __init__(self, on_status: Callable[[int], None] | None = None) -> None:
        self.on_status = on_status
        self._buf = bytearray()
        self.receipts: list[Receipt] = []
        self.current = Receipt()
        self._reset_modes()
        self._line: list[Span] = []
        self._line_align = "left"
        self._qr_data = b""
        self._qr_module = 3
        self._qr_ec = "L"
        self._graphics: bytes | None = None
        self._graphics_shape = (0, 0, 1, 1)

    def _reset_modes(self) -> None:
        self.codec = "cp437"
        self.bold = False
        self.underline = False
        self.width = 1
        self.height = 1
        self.font_b = False
        self.invert = False
        self.align = "left"
        self.line_spacing = 30
        self.bc_height = 162
        self.bc_width = 3
        self.bc_hri = 0

    # -- public -------------------------------------------------------------

    def feed(self, data: bytes) -> None:
        self._buf += data
        pos = 0
        buf = bytes(self._buf)
        while pos < len(buf):
            try:
                pos = self._step(buf, pos)
            except NeedMore:
                break
        del self._buf[:pos]

    def finish(self, complete: bool = True) -> list[Receipt]:
        """End of stream: flush the open line and close the receipt in progress."""
        self._flush_line(force=False)
        if self._buf:
            self.current.elements.append(Unknown(bytes(self._buf)))
            self._buf.clear()
            complete = False
        if self.current.elements:
            self.current.complete = complete
            self.receipts.append(self.current)
        self.current = Receipt()
        return self.receipts

    def take_receipts(self) -> list[Receipt]:
        """Receipts finished (cut) so far; they are removed from the decoder."""
        done, self.receipts = self.receipts, []
        return done

    # -- lines --------------------------------------------------------------

    def _span_text(self, text: str) -> None:
        if not self._line:
            self._line_align = self.align
        span = Span(
            text, self.bold, self.width, self.height, self.underline, self.font_b, self.invert
        )
        if self._line and self._same_style(self._line[-1], span):
            last = self._line[-1]
            self._line[-1] = Span(
                last.text + text,
                last.bold,
                last.width,
                last.height,
                last.underline,
                last.font_b,
                last.invert,
            )
        else:
            self._line.append(span)

    @staticmethod
    def _same_style(a: Span, b: Span) -> bool:
        return (a.bold, a.width, a.height, a.underline, a.font_b, a.invert) == (
            b.bold,
            b.width,
            b.height,
            b.underline,
            b.font_b,
            b.invert,
        )

    def _flush_line(self, force: bool = True) -> None:
        if self._line or force:
            self.current.elements.append(Line(tuple(self._line), self._line_align))
        self._line = []

    def _emit(self, element: Element) -> None:
        self._flush_line(force=False)
        self.current.elements.append(element)

    def _cut(self, partial: bool) -> None:
        self._emit(Cut(partial))
        self.current.cut = True
        self.receipts.append(self.current)
        self.current = Receipt()

    # -- parsing ------------------------------------------------------------

    @staticmethod
    def _need(buf: bytes, end: int) -> None:
        if end > len(buf):
            raise NeedMore

    def _step(self, buf: bytes, pos: int) -> int:
        b = buf[pos]
        if b == 0x0A:
            self._flush_line(force=True)
            return pos + 1
        if b in (0x0D, 0x00):
            return pos + 1
        if b == 0x0C:  # FF: print and return to standard mode
            self._flush_line(force=False)
            return pos + 1
        if b == 0x09:
            self._span_text(" ")
            return pos + 1
        if b == ESC:
            return self._esc(buf, pos)
        if b == GS:
            return self._gs(buf, pos)
        if b == DLE:
            return self._dle(buf, pos)
        if b == FS:
            return self._fs(buf, pos)
        if b < 0x20:
            self._emit(Unknown(bytes([b])))
            return pos + 1
        end = pos
        while end < len(buf) and buf[end] >= 0x20:
            end += 1
        self._span_text(buf[pos:end].decode(self.codec, errors="replace"))
        return end

    def _esc(self, buf: bytes, pos: int) -> int:
        self._need(buf, pos + 2)
        cmd = buf[pos + 1]

        def arg(n: int = 1) -> int:
            self._need(buf, pos + 2 + n)
            return buf[pos + 2]

        if cmd == ord("@"):
            self._flush_line(force=False)
            self._reset_modes()
            return pos + 2
        if cmd == ord("!"):
            n = arg()
            self.font_b = bool(n & 0x01)
            self.bold = bool(n & 0x08)
            self.height = 2 if n & 0x10 else 1
            self.width = 2 if n & 0x20 else 1
            self.underline = bool(n & 0x80)
            return pos + 3
        if cmd == ord("E") or cmd == ord("G"):
            self.bold = bool(arg() & 1)
            return pos + 3
        if cmd == ord("-"):
            self.underline = arg() in (1, 2, 49, 50)
            return pos + 3
        if cmd == ord("a"):
            self.align = _ALIGN.get(arg(), "left")
            return pos + 3
        if cmd == ord("M"):
            self.font_b = arg() in (1, 49)
            return pos + 3
        if cmd == ord("t"):
            n = arg()
            codec = CODEPAGES.get(n)
            if codec is None:
                self._emit(Unknown(bytes(buf[pos : pos + 3])))
            else:
                self.codec = codec
            return pos + 3
        if cmd == ord("d"):
            n = arg()
            self._flush_line(force=False)
            if n:
                self._emit(FeedLines(n * self.line_spacing))
            return pos + 3
        if cmd == ord("J"):
            self._flush_line(force=False)
            self._emit(FeedLines(arg()))
            return pos + 3
        if cmd == ord("2"):
            self.line_spacing = 30
            return pos + 2
        if cmd == ord("3"):
            self.line_spacing = max(arg(), 1)
            return pos + 3
        if cmd == ord("p"):
            self._need(buf, pos + 5)
            pin = 5 if buf[pos + 2] in (1, 49) else 2
            self._emit(Pulse(pin, buf[pos + 3] * 2, buf[pos + 4] * 2))
            return pos + 5
        if cmd == ord("*"):
            return self._esc_star(buf, pos)
        if cmd == ord("D"):  # tab stops, NUL-terminated
            end = buf.find(b"\x00", pos + 2)
            if end < 0:
                raise NeedMore
            return end + 1
        if cmd in (ord("{"), ord("V"), ord("r"), ord("U"), ord("="), ord(" "), ord("R")):
            arg()
            return pos + 3
        if cmd == ord("c"):
            self._need(buf, pos + 4)
            return pos + 4
        if cmd == ord("B"):
            self._need(buf, pos + 4)
            return pos + 4
        if cmd == ord("?"):
            self._need(buf, pos + 4)
            return pos + 4
        self._emit(Unknown(bytes(buf[pos : pos + 2])))
        return pos + 2

    def _esc_star(self, buf: bytes, pos: int) -> int:
        self._need(buf, pos + 5)
        m, nl, nh = buf[pos + 2], buf[pos + 3], buf[pos + 4]
        width = nl + nh * 256
        dots = 24 if m in (32, 33) else 8
        size = width * dots // 8
        self._need(buf, pos + 5 + size)
        cols = buf[pos + 5 : pos + 5 + size]
        # column format -> packed rows
        row_bytes = (width + 7) // 8
        rows = bytearray(row_bytes * dots)
        per_col = dots // 8
        for x in range(width):
            for k in range(per_col):
                byte = cols[x * per_col + k]
                for bit in range(8):
                    if byte & (0x80 >> bit):
                        y = k * 8 + bit
                        rows[y * row_bytes + x // 8] |= 0x80 >> (x % 8)
        scale_x = 1 if m in (1, 33) else 2
        self._emit(Raster(width, dots, bytes(rows), self.align, scale_x, 1))
        end = pos + 5 + size
        if end < len(buf) and buf[end] == 0x0A:  # the LF that ends the stripe
            end += 1
        return end

    def _gs(self, buf: bytes, pos: int) -> int:
        self._need(buf, pos + 2)
        cmd = buf[pos + 1]
        if cmd == ord("!"):
            self._need(buf, pos + 3)
            n = buf[pos + 2]
            self.width = (n >> 4) + 1
            self.height = (n & 0x07) + 1
            return pos + 3
        if cmd == ord("V"):
            self._need(buf, pos + 3)
            m = buf[pos + 2]
            self._flush_line(force=False)
            if m in (65, 66):
                self._need(buf, pos + 4)
                self._emit(FeedLines(buf[pos + 3]))
                self._cut(m == 66)
                return pos + 4
            self._cut(m in (1, 49))
            return pos + 3
        if cmd == ord("v"):
            self._need(buf, pos + 8)
            m = buf[pos + 3]
            xb = buf[pos + 4] + buf[pos + 5] * 256
            h = buf[pos + 6] + buf[pos + 7] * 256
            self._need(buf, pos + 8 + xb * h)
            data = bytes(buf[pos + 8 : pos + 8 + xb * h])
            self._emit(Raster(xb * 8, h, data, self.align, 2 if m & 1 else 1, 2 if m & 2 else 1))
            return pos + 8 + xb * h
        if cmd == ord("("):
            self._need(buf, pos + 5)
            kind = buf[pos + 2]
            length = buf[pos + 3] + buf[pos + 4] * 256
            self._need(buf, pos + 5 + length)
            body = bytes(buf[pos + 5 : pos + 5 + length])
            if kind == ord("k"):
                self._gs_k2d(body, bytes(buf[pos : pos + 5 + length]))
            elif kind == ord("L"):
                self._gs_graphics(body, bytes(buf[pos : pos + 5 + length]))
            else:
                self._emit(Unknown(bytes(buf[pos : pos + 5 + length])))
            return pos + 5 + length
        if cmd == ord("k"):
            return self._gs_barcode(buf, pos)
        if cmd == ord("h"):
            self._need(buf, pos + 3)
            self.bc_height = buf[pos + 2]
            return pos + 3
        if cmd == ord("w"):
            self._need(buf, pos + 3)
            self.bc_width = buf[pos + 2]
            return pos + 3
        if cmd == ord("H"):
            self._need(buf, pos + 3)
            self.bc_hri = buf[pos + 2] % 48
            return pos + 3
        if cmd == ord("B"):
            self._need(buf, pos + 3)
            self.invert = bool(buf[pos + 2] & 1)
            return pos + 3
        if cmd in (ord("f"), ord("b"), ord("|"), ord("a"), ord("r")):
            self._need(buf, pos + 3)
            return pos + 3
        self._emit(Unknown(bytes(buf[pos : pos + 2])))
        return pos + 2

    def _gs_k2d(self, body: bytes, raw: bytes) -> None:
        if len(body) < 2 or body[0] != ord("1"):  # cn 49 = QR; others unsupported
            self._emit(Unknown(raw))
            return
        fn = body[1]
        if fn == 65:  # model
            return
        if fn == 67 and len(body) >= 3:
            self._qr_module = body[2]
        elif fn == 69 and len(body) >= 3:
            self._qr_ec = "LMQH"[(body[2] - 48) % 4]
        elif fn == 80:
            self._qr_data = body[3:]
        elif fn == 81:
            payload = self._qr_data.decode("utf-8", errors="replace")
            self._emit(QRCode(payload, self._qr_module, self._qr_ec, self.align))
        else:
            self._emit(Unknown(raw))

    def _gs_graphics(self, body: bytes, raw: bytes) -> None:
        if len(body) < 2:
            self._emit(Unknown(raw))
            return
        fn = body[1]
        if fn == 112 and len(body) >= 10:  # store raster graphics
            bx, by = body[3], body[4]
            w = body[6] + body[7] * 256
            h = body[8] + body[9] * 256
            self._graphics = body[10:]
            self._graphics_shape = (w, h, 2 if bx == 2 else 1, 2 if by == 2 else 1)
        elif fn == 50 and self._graphics is not None:  # print stored graphics
            w, h, sx, sy = self._graphics_shape
            self._emit(Raster(w, h, self._graphics, self.align, sx, sy))
            self._graphics = None
        elif fn != 48:  # fn 48: function 48 ("transmit NV capacity") ignored
            self._emit(Unknown(raw))

    def _gs_barcode(self, buf: bytes, pos: int) -> int:
        self._need(buf, pos + 3)
        m = buf[pos + 2]
        if m <= 6:
            end = buf.find(b"\x00", pos + 3)
            if end < 0:
                raise NeedMore
            data, nxt, kind = bytes(buf[pos + 3 : end]), end + 1, _BARCODE_A.get(m, f"A{m}")
        else:
            self._need(buf, pos + 4)
            n = buf[pos + 3]
            self._need(buf, pos + 4 + n)
            data, nxt, kind = (
                bytes(buf[pos + 4 : pos + 4 + n]),
                pos + 4 + n,
                _BARCODE_B.get(m, f"B{m}"),
            )
        text = data.decode("ascii", errors="replace")
        if kind in ("CODE128", "GS1-128") and text[:1] == "{":
            text = _code128_text(text)
        self._emit(BarcodePrint(kind, text, self.bc_height, self.bc_width, self.bc_hri, self.align))
        return nxt

    def _dle(self, buf: bytes, pos: int) -> int:
        self._need(buf, pos + 2)
        cmd = buf[pos + 1]
        if cmd == 0x04:  # DLE EOT n: real-time status
            self._need(buf, pos + 3)
            if self.on_status is not None:
                self.on_status(buf[pos + 2])
            return pos + 3
        if cmd == 0x05:  # DLE ENQ n
            self._need(buf, pos + 3)
            return pos + 3
        if cmd == 0x14:  # DLE DC4 fn m t (pulse) or other fn
            self._need(buf, pos + 5)
            if buf[pos + 2] == 1:
                self._emit(
                    Pulse(5 if buf[pos + 3] == 1 else 2, buf[pos + 4] * 100, buf[pos + 4] * 100)
                )
            return pos + 5
        self._emit(Unknown(bytes(buf[pos : pos + 2])))
        return pos + 2

    def _fs(self, buf: bytes, pos: int) -> int:
        self._need(buf, pos + 2)
        cmd = buf[pos + 1]
        if cmd in (ord("."), ord("&")):  # cancel / select Kanji mode
            return pos + 2
        if cmd == ord("p"):  # print NV bit image n m: we hold no NV images
            self._need(buf, pos + 4)
            self._emit(Unknown(bytes(buf[pos : pos + 4])))
            return pos + 4
        self._emit(Unknown(bytes(buf[pos : pos + 2])))
        return pos + 2


def _code128_text(raw: str) -> str:
    """Human-readable data of a CODE128 GS k payload ({A/{B/{C code set escapes)."""
    out: list[str] = []
    i = 0
    mode = "B"
    while i < len(raw):
        if raw[i] == "{" and i + 1 < len(raw):
            nxt = raw[i + 1]
            if nxt in "ABC":
                mode = nxt
            elif nxt == "{":
                out.append("{")
            i += 2
            continue
        if mode == "C":
            out.append(f"{ord(raw[i]):02d}")
        else:
            out.append(raw[i])
        i += 1
    return "".join(out)


def decode(data: bytes) -> list[Receipt]:
    """Decode a whole byte stream at once (tests, previews)."""
    dec = Decoder()
    dec.feed(data)
    return dec.finish()
