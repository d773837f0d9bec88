"""A card tender's details go with the sale and come back on the receipt, in Vendas, on
the Z report (cards by brand) and as `payments.card` objects for the NFC-e."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from db.models import CardPayment, Sale
from hardware.emulator.decoder import decode
from hardware.escpos_render import render_bytes
from payments.card import CardDetails, CardKind, card_details
from posapp.core.pricing import Tender
from posapp.services.cash.report_output import report_csv, report_receipt
from posapp.services.cash.reports import Figure, stored_z, z_report
from posapp.services.cash.shifts import close_shift
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.payments.errors import CardTenderMismatch
from posapp.services.payments.tenders import sale_cards
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from posapp.services.sales.history import sale_detail
from posapp.services.sales.receipts import sale_receipt
from tests.services.payments_support import elo_debit, mastercard_3x
from tests.support import MANAGER_PIN, Shop

Maker = Callable[..., Shop]


def card_sale(shop: Shop) -> int:
    """R$ 280,00: R$ 200,00 Mastercard 3x, R$ 50,00 Elo debit, R$ 30,00 cash."""
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[LineRequest(shop.items["vestido"]), LineRequest(shop.items["corte"])],
        payments=[
            TenderRequest(Tender.CREDIT, 20_000, card=mastercard_3x()),
            TenderRequest(Tender.DEBIT, 5_000, card=elo_debit()),
            TenderRequest(Tender.CASH, 3_000),
        ],
    )
    return checkout(shop.station, request).sale_id


def receipt_lines(shop: Shop, sale_id: int, language: str = "pt_BR") -> list[str]:
    receipt = sale_receipt(shop.station, sale_id, CounterSettings(language=language))
    [paper] = decode(render_bytes(receipt).data)
    return [line.strip() for line in paper.lines]


def test_card_details_print_under_their_payment_on_the_receipt(make_shop: Maker) -> None:
    shop = make_shop()
    sale_id = card_sale(shop)
    lines = receipt_lines(shop, sale_id)
    credit = next(i for i, line in enumerate(lines) if line.startswith("Crédito"))
    assert lines[credit + 1 : credit + 4] == [
        "Mastercard Crédito 3x",
        "NSU 000123456789 DOC 4321 AUT 123456",
        "Credenciadora CNPJ 01.027.058/0001-91",
    ]
    debit = next(i for i, line in enumerate(lines) if line.startswith("Débito"))
    assert lines[debit + 1 : debit + 3] == ["Elo Débito", "NSU 998877 DOC 55"]
    english = receipt_lines(shop, sale_id, "en")
    assert "Mastercard Credit 3x" in english and "Acquirer CNPJ 01.027.058/0001-91" in english


def test_vendas_and_the_nfce_read_the_cards_back(make_shop: Maker) -> None:
    shop = make_shop()
    sale_id = card_sale(shop)
    detail = sale_detail(shop.station, sale_id)
    by_tender = {p.tender: p.card for p in detail.payments}
    assert by_tender["credit"] == mastercard_3x() and by_tender["debit"] == elo_debit()
    assert by_tender["cash"] is None
    cards = sale_cards(shop.station, sale_id)
    assert [(c.tender, c.amount, c.card.kind) for c in cards] == [
        ("credit", 20_000, CardKind.CREDIT),
        ("debit", 5_000, CardKind.DEBIT),
    ]
    assert cards[0].card.nfce_card() == {
        "tpIntegra": "1",
        "CNPJ": "01027058000191",
        "tBand": "02",
        "cAut": "123456",
    }
    assert cards[1].card.nfce_card() == {"tpIntegra": "2", "tBand": "06"}


def test_a_card_tender_with_the_other_kind_of_card_is_refused_and_nothing_written(
    make_shop: Maker,
) -> None:
    shop = make_shop()
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[LineRequest(shop.items["corte"])],
        payments=[TenderRequest(Tender.DEBIT, 8_000, card=mastercard_3x())],
    )
    with pytest.raises(CardTenderMismatch) as refused:
        checkout(shop.station, request)
    assert refused.value.message("pt_BR") == (
        "Os dados do cartão são de crédito, mas a forma de pagamento é débito."
    )
    with shop.station.read() as session:
        assert session.scalar(select(func.count()).select_from(Sale)) == 0
        assert session.scalar(select(func.count()).select_from(CardPayment)) == 0


def test_the_z_report_sums_cards_by_brand_and_keeps_them_on_reprint(make_shop: Maker) -> None:
    shop = make_shop()
    card_sale(shop)
    card_sale(shop)
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[LineRequest(shop.items["batom"])],
        payments=[TenderRequest(Tender.CREDIT, 4_990, card=elo_credit())],
    )
    checkout(shop.station, request)
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {5_000: 1, 1_000: 1})
    z = z_report(shop.station, shop.cashier_id, MANAGER_PIN)
    assert z.cards == (
        Figure("debit:06", 2, 10_000),
        Figure("credit:02", 2, 40_000),
        Figure("credit:06", 1, 4_990),
    )
    assert stored_z(shop.station, z.z_id or 0).cards == z.cards
    [paper] = decode(render_bytes(report_receipt(z, "pt_BR")).data)
    text = [line.strip() for line in paper.lines]
    title = text.index("Cartões por bandeira")
    block = [" ".join(line.split()) for line in text[title + 1 : title + 7]]
    assert block == [
        "Elo Débito",
        "2 R$ 100,00",
        "Mastercard Crédito",
        "2 R$ 400,00",
        "Elo Crédito",
        "1 R$ 49,90",
    ]
    assert "Mastercard Crédito" in report_csv(z)


def elo_credit() -> CardDetails:
    return card_details("credit", "06")
