"""Audit of 4007724: a refund's Pix share the PSP refused is listed until returned."""

from __future__ import annotations

from collections.abc import Callable

from payments.testing.psp_server import PspServer
from posapp.services.payments.dynamic_pix import DynamicPix
from posapp.services.payments.late_pix import settle_charges
from posapp.services.payments.sale_pix_refund import REFUSED, return_now, unreturned
from posapp.services.sales import refunds
from tests.payments.conftest import psp, psp_certificates  # noqa: F401
from tests.services.payments_support import configure_pix, pix_sale
from tests.support import MANAGER_PIN, Shop


def test_a_share_the_psp_refused_is_owed_and_not_sent_again(
    make_shop: Callable[..., Shop],
    psp: PspServer,  # noqa: F811
) -> None:
    """Guard: the PSP refuses the void's devolução (the payer's R$ 80,00 were already given
    back through the bank's own app): nothing went back through us, so Gerência lists it
    as owed with the PSP's words, and the upkeep neither sends it again nor forgets it."""
    shop = make_shop()
    configure_pix(shop, psp)
    sale_id, e2eid = pix_sale(shop, psp, "corte")
    with DynamicPix.open(shop.station) as pix:
        pix.client.refund(e2eid, "bancoproprio0000000000000000000001", 8_000)
    voided = refunds.void(shop.station, sale_id, shop.cashier_id, MANAGER_PIN, "desistiu")
    said = return_now(shop.station, voided.refund_id)
    assert said is not None and said.status == REFUSED

    (row,) = unreturned(shop.station)
    assert (row.refund_id, row.amount, row.status, row.owed) == (
        voided.refund_id,
        8_000,
        REFUSED,
        True,
    )
    assert row.reason is not None and "excederia" in row.reason
    asked = len(psp.refund_requests)
    with DynamicPix.open(shop.station) as pix:
        settle_charges(pix)
    assert len(psp.refund_requests) == asked
    assert unreturned(shop.station) == (row,)
