"""A shop set up for Pix against our PSP on 127.0.0.1, and card details to tender."""

from __future__ import annotations

from payments.card import CardDetails, card_details
from payments.testing.psp_server import PspServer
from posapp.services.payments.settings import PaymentSettings, save_payment_settings
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
