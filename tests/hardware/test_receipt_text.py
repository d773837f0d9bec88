"""Receipts rendered by python-escpos, decoded back by our emulator, compared as text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hardware.emulator.decoder import decode
from hardware.escpos_render import render_bytes
from hardware.layout import row_lines
from hardware.profiles import PAPER_58, PAPER_80, Paper
from hardware.receipt import Receipt, ReceiptBuilder

PROFILES = ["default", "TM-T20II", "TM-T88V", "Bematech-MP4200TH", "Elgin-i9", "Generic-58mm"]
PORTUGUESE = "Ação, coração, pão, põe, água, café, você, avô, útil, Nº 5, 1ª via, ÇÃÕÁÉÊÔÚ"


def sale(paper: Paper) -> Receipt:
    return (
        ReceiptBuilder(paper)
        .text("Salão Beleza Pura", align="center", bold=True, double=True)
        .text("CNPJ 12.345.678/0001-90 — São Paulo", align="center")
        .rule()
        .text(PORTUGUESE)
        .row("Escova progressiva com hidratação", "R$ 180,00")
        .row("Esmaltação pé e mão", "R$ 45,50")
        .row("Cashback usado", "-R$ 10,00")
        .rule("=")
        .row("TOTAL", "R$ 215,50", bold=True)
        .cut()
        .build()
    )


def printed_lines(receipt: Receipt, profile: str) -> list[str]:
    receipts = decode(render_bytes(receipt, profile).data)
    assert len(receipts) == 1 and receipts[0].cut
    return receipts[0].lines


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("paper", [PAPER_58, PAPER_80], ids=["58mm", "80mm"])
def test_portuguese_text_comes_back_exactly(profile: str, paper: Paper) -> None:
    lines = printed_lines(sale(paper), profile)
    text = " ".join(lines)
    for word in PORTUGUESE.replace(",", "").split():
        assert word in text, f"{word!r} lost on {profile}"
    assert "?" not in text


@pytest.mark.parametrize("paper", [PAPER_58, PAPER_80], ids=["58mm", "80mm"])
def test_every_line_fits_the_paper_and_prices_end_at_the_edge(paper: Paper) -> None:
    receipt = sale(paper)
    decoded = decode(render_bytes(receipt, "TM-T20II").data)[0]
    for line in decoded.text_lines:
        width = sum(len(s.text) * s.width for s in line.spans)
        assert width <= paper.columns, line.text
    prices = [ln for ln in decoded.lines if "R$" in ln]
    assert len(prices) == 4
    assert {len(ln) for ln in prices} == {paper.columns}  # flush right, all aligned
    total = next(ln for ln in decoded.text_lines if ln.text.startswith("TOTAL"))
    assert total.bold and total.text.endswith("R$ 215,50")
    title = decoded.text_lines[0]
    assert title.align == "center" and title.spans[0].width == 2 and title.spans[0].height == 2


def test_characters_outside_the_code_page_are_replaced_and_reported() -> None:
    receipt = ReceiptBuilder(80).text("Preço € 5 “promo” ☃").build()
    rendered = render_bytes(receipt, "TM-T20II")
    assert decode(rendered.data)[0].lines[0] == 'Preço EUR 5 "promo" ?'
    assert {(s.original, s.printed) for s in rendered.substitutions} == {
        ("€", "EUR"),
        ("“", '"'),
        ("”", '"'),
        ("☃", "?"),
    }


def test_the_portuguese_code_page_is_selected_explicitly() -> None:
    data = render_bytes(ReceiptBuilder(80).text("ção").build(), "TM-T20II").data
    assert data.startswith(b"\x1b@\x1bt\x03")  # init, then ESC t 3 = CP860
    assert "ção".encode("cp860") in data


words = st.text(alphabet="abcçãõáéêôúº ª-XYZ0123456789", min_size=1, max_size=60)


@settings(max_examples=60, deadline=None)
@given(
    left=words,
    right=st.text(alphabet="R$0123456789,.-", min_size=1, max_size=14),
    columns=st.sampled_from([32, 48]),
)
def test_rows_never_lose_text_and_keep_the_right_column_flush(
    left: str, right: str, columns: int
) -> None:
    lines = row_lines(left, right, columns)
    assert all(len(ln) <= columns for ln in lines)
    assert lines[-1].endswith(right.strip())
    assert len(lines[-1]) == columns or len(right.strip()) >= columns
    assert "".join(left.split()) in "".join("".join(lines).split())
