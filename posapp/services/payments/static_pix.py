"""A static BR Code for the amount due, with a txid of its own per sale.

"Pago" on a static code is the cashier's word (the PSP is not asked); the txid is on
the code so the store's bank statement names the sale's Pix, and the sale records it
(`tenders.PixTender`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from hardware.receipt import Receipt, ReceiptBuilder
from payments import brcode
from payments.errors import PaymentError, format_brl
from posapp.services.common.station import Station
from posapp.services.payments.errors import PaymentRefused, PixNotConfigured
from posapp.services.payments.settings import load_payment_settings

TXID_LENGTH = 25
"""The most a static code's txid may have."""


@dataclass(frozen=True, slots=True)
class StaticCode:
    text: str
    """The "Pix copia e cola": draw it as a QR, print it."""
    txid: str
    amount_centavos: int
    key: str
    merchant_name: str
    merchant_city: str


def new_static_txid() -> str:
    return uuid.uuid4().hex[:TXID_LENGTH].upper()


def static_code(station: Station, amount_centavos: int, txid: str | None = None) -> StaticCode:
    """The store's static code for this amount (PixNotConfigured without key, name, city)."""
    settings = load_payment_settings(station)
    if not settings.static_ready:
        raise PixNotConfigured(what="a chave Pix, o nome e a cidade / the Pix key, name and city")
    txid = txid or new_static_txid()
    try:
        text = brcode.build_static(
            settings.pix_key,
            settings.merchant_name,
            settings.merchant_city,
            amount_centavos,
            txid=txid,
        )
    except PaymentError as error:
        raise PaymentRefused(error) from None
    return StaticCode(
        text,
        txid,
        amount_centavos,
        settings.pix_key,
        settings.merchant_name,
        settings.merchant_city,
    )


def code_slip(code: StaticCode, locale: str = "pt_BR", paper_mm: int = 80) -> Receipt:
    """The code on paper for the customer to scan: amount, QR, txid."""
    pt = locale.startswith("pt")
    out = ReceiptBuilder(paper=paper_mm)
    out.text(code.merchant_name, align="center", bold=True)
    out.text("PAGUE COM PIX" if pt else "PAY WITH PIX", align="center", bold=True)
    out.text(format_brl(code.amount_centavos, locale), align="center", double=True)
    out.qr(code.text)
    out.text(f"txid {code.txid}", align="center")
    return out.feed(2).cut().build()
