"""A shop set up for Pix against our PSP on 127.0.0.1, and card details to tender."""

from __future__ import annotations

from db.models import Item
from payments.card import CardDetails, card_details
from payments.testing.psp_server import PspServer
from posapp.core.pricing import Tender
from posapp.services.payments.dynamic_pix import DynamicPix, paid_tender
from posapp.services.payments.settings import PaymentSettings, save_payment_settings
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from tests.payments.conftest import STORE_KEY
from tests.support import MANAGER_PIN, Shop

CIELO = "01027058000191"


def configure_pix(shop: Shop, psp: PspServer | None = None, **changes: object) -> None:
    """The store's key, name and city; the PSP's API Pix when a server is given."""
    values: dict[str, object] = {
        "pix_key": STORE_KEY,
        "merchant_name": "Salão Beleza Pura",
        "merchant_city": "São Paulo",
        "ask_card_details": True,
        "acquirers": (("CIELO", CIELO),),
    }
    if psp is not None:
        values.update(
            psp_base_url=psp.base_url,
            psp_token_url=psp.token_url,
            psp_client_id=psp.client_id,
            psp_client_secret=psp.client_secret,
            psp_cert_file=str(psp.certificates.client_cert),
            psp_key_file=str(psp.certificates.client_key),
            psp_ca_file=str(psp.certificates.ca_cert),
            psp_cnpj="11222333000181",
        )
    values.update(changes)
    save_payment_settings(
        shop.station,
        PaymentSettings(**values),  # type: ignore[arg-type]
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )


def pix_sale(shop: Shop, psp: PspServer, *items: str, cash: int = 0) -> tuple[int, str]:
    """A sale of `items` paid by a dynamic charge (and `cash`): (sale id, endToEndId)."""
    total = sum(shop_price(shop, item) for item in items)
    with DynamicPix.open(shop.station, poll_interval_s=0.05) as pix:
        pending = pix.start(total - cash, shop.cashier_id)
        psp.pay(pending.txid)
        outcome = pix.wait(pending)
    tenders = [TenderRequest(Tender.PIX, total - cash, pix=paid_tender(outcome))]
    if cash:
        tenders.append(TenderRequest(Tender.CASH, cash))
    result = checkout(
        shop.station,
        CheckoutRequest(
            staff_id=shop.cashier_id,
            lines=[LineRequest(shop.items[item]) for item in items],
            payments=tenders,
        ),
    )
    assert outcome.payment is not None
    return result.sale_id, outcome.payment.end_to_end_id


def shop_price(shop: Shop, item: str) -> int:
    with shop.station.read() as session:
        found = session.get(Item, shop.items[item])
        assert found is not None
        return found.price


def mastercard_3x() -> CardDetails:
    return card_details(
        "credit",
        "Mastercard",
        authorization="123456",
        nsu="000123456789",
        doc="4321",
        acquirer_cnpj="01.027.058/0001-91",
        instalments="3",
        integration="1",
    )


def elo_debit() -> CardDetails:
    return card_details("debit", "Elo", nsu="998877", doc="55", integration="2")
