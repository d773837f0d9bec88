"""The page `posapp printer test URI` prints: accents, columns, a QR and barcodes."""

from __future__ import annotations

from hardware.profiles import Paper
from hardware.receipt import Receipt, ReceiptBuilder

ACCENTS = "ç ã õ á é ê ô ú à í ó â Ç Ã Õ É º ª"
TEST_QR = "https://posapp.example/teste?acentuação=ção"
TEST_EAN13 = "7891234567895"
TEST_CODE128 = "TESTE-01"


def test_page(paper: Paper, uri: str = "", profile: str = "") -> Receipt:
    b = ReceiptBuilder(paper)
    b.text("Página de teste", align="center", bold=True, double=True)
    b.text("posapp", align="center")
    if uri:
        b.text(uri, align="center")
    if profile:
        b.text(f"Modelo: {profile}  Papel: {paper.mm} mm", align="center")
    b.rule()
    b.text(ACCENTS)
    b.text("Nº 1ª via — São João, Ação, Coração, Pé")
    b.rule()
    b.row("Corte + escova", "R$ 80,00")
    b.row("Hidratação profunda com queratina", "R$ 120,00")
    b.row("TOTAL", "R$ 200,00", bold=True)
    b.rule("=")
    b.qr(TEST_QR)
    b.barcode(TEST_EAN13, kind="EAN13")
    b.barcode(TEST_CODE128, kind="CODE128")
    b.text("Fim do teste", align="center")
    b.cut()
    return b.build()
