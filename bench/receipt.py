"""Render a 30-line receipt with a QR: hardware.render_bytes vs bare python-escpos.

    .venv/bin/python -m bench.receipt

Both sides make the same python-escpos calls on a Dummy printer (init, code
page, 30 two-column lines, a QR, a cut); ours also builds the Receipt document,
lays out the columns and checks every character against the code page. The
figure that matters is the ratio, measured in the same run.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from escpos.printer import Dummy

from hardware.escpos_render import render_bytes
from hardware.layout import row_lines
from hardware.profiles import PAPER_80, make_profile
from hardware.receipt import Receipt, ReceiptBuilder

ITEMS = [(f"Item {i:02d} – serviço de salão nº {i}", f"R$ {i * 7},{i:02d}") for i in range(30)]
QR = "https://loja.example/cashback?cupom=0001234&valor=R$12,34"


def build() -> Receipt:
    b = ReceiptBuilder(PAPER_80)
    for left, right in ITEMS:
        b.row(left, right)
    b.qr(QR)
    b.cut()
    return b.build()


def ours(profile: str) -> Callable[[], bytes]:
    def run() -> bytes:
        return render_bytes(build(), profile).data

    return run


def baseline(profile: str) -> Callable[[], bytes]:
    native = make_profile(profile, PAPER_80).supports("qrCode")

    def run() -> bytes:
        p = Dummy(profile=make_profile(profile, PAPER_80))
        p.hw("INIT")
        p.charcode("CP860")
        for left, right in ITEMS:
            p.set(align="left", bold=False, normal_textsize=True)
            p.textln(left[:30].ljust(48 - len(right)) + right)
        p.set(align="center")
        p.qr(QR, size=6, native=bool(native))
        p.cut()
        return bytes(p.output)

    return run


def measure(fn: Callable[[], bytes], rounds: int = 7, number: int = 20) -> float:
    fn()  # warm caches (profile load, code page tables)
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        samples.append((time.perf_counter() - t0) / number)
    return statistics.median(samples)


def main() -> None:
    assert row_lines("a", "b", 48)[0].endswith("b")
    print(f"{'profile':<20}{'baseline ms':>12}{'ours ms':>10}{'ratio':>8}")
    for profile in ("TM-T20II", "Bematech-MP4200TH"):
        base = measure(baseline(profile))
        mine = measure(ours(profile))
        print(f"{profile:<20}{base * 1000:>12.3f}{mine * 1000:>10.3f}{mine / base:>8.2f}")


if __name__ == "__main__":
    main()
