"""Tenders by name, in pt_BR and English, for receipts, reports and screens."""

from __future__ import annotations

from posapp.core.pricing import Tender

_TENDERS: dict[str, tuple[str, str]] = {
    Tender.CASH: ("Dinheiro", "Cash"),
    Tender.DEBIT: ("Débito", "Debit card"),
    Tender.CREDIT: ("Crédito", "Credit card"),
    Tender.PIX: ("PIX", "PIX"),
    Tender.CASHBACK: ("Cashback", "Cashback"),
    Tender.VOUCHER: ("Vale", "Voucher"),
}


def tender_name(tender: str, locale: str) -> str:
    pt, en = _TENDERS.get(tender, (tender, tender))
    return pt if locale.startswith("pt") else en
