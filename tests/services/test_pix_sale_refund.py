"""A refund or void of a sale paid by a dynamic Pix returns the Pix share to the payer
through the PSP (devolução), after the refund is committed, once; against our PSP on
127.0.0.1 (HTTPS, mTLS, OAuth2)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from db.models import AuditLog, Sale, SaleLine
from hardware.emulator.decoder import decode
from hardware.escpos_render import render_bytes
from payments.amounts import from_decimal_text
from payments.testing.psp_server import PspServer
from posapp.core.errors import NotAuthorized
from posapp.core.pricing import Tender
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.payments.dynamic_pix import DynamicPix
from posapp.services.payments.errors import PixReturnNotOpen
from posapp.services.payments.late_pix import settle_charges
from posapp.services.payments.sale_pix_refund import (
    ANOTHER_WAY,
    DONE,
    NOT_DONE,
    PROCESSING,
    TO_SEND,
    pix_return,
    return_now,
    returned_another_way,
    unreturned,
)
from posapp.services.payments.static_pix import new_static_txid
from posapp.services.payments.tenders import PixTender
from posapp.services.sales import receipts, refunds
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from posapp.services.sales.refunds import RefundRequest
from tests.payments.conftest import psp, psp_certificates  # noqa: F401
from tests.services.payments_support import configure_pix, pix_sale
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop

Maker = Callable[..., Shop]


def returned(psp: PspServer, e2eid: str) -> list[int]:  # noqa: F811
    return [from_decimal_text(r["valor"]) for r in psp.refunds_of(e2eid)]


def line_of(shop: Shop, sale_id: int, item: str) -> int:
    with shop.station.read() as session:
        return int(
            session.scalar(
                select(SaleLine.id).where(
                    SaleLine.sale_id == sale_id, SaleLine.item_id == shop.items[item]
                )
            )
            or 0
        )


def paper(shop: Shop, refund_id: int) -> list[str]:
    receipt = receipts.refund_receipt(shop.station, refund_id, CounterSettings(paper_mm=80))
    [printed] = decode(render_bytes(receipt).data)
    return list(printed.lines)


def sale_number(shop: Shop, sale_id: int) -> int:
    with shop.station.read() as session:
        return session.get_one(Sale, sale_id).number


def audit_actions(shop: Shop) -> list[str]:
    with shop.station.read() as session:
        return [a.action for a in session.scalars(select(AuditLog).order_by(AuditLog.id))]


def test_a_void_returns_the_pix_to_the_payer_once(make_shop: Maker, psp: PspServer) -> None:  # noqa: F811
    shop = make_shop()
    configure_pix(shop, psp)
    sale_id, e2eid = pix_sale(shop, psp, "corte")
    done = refunds.void(shop.station, sale_id, shop.cashier_id, MANAGER_PIN, "cliente desistiu")
    assert returned(psp, e2eid) == []  # committed first; the PSP is asked after

    sent = return_now(shop.station, done.refund_id)

    assert sent is not None and (sent.status, sent.amount) == (DONE, 8_000)
    assert sent.message("pt_BR") == "Pix: R$ 80,00 devolvidos ao pagador pelo provedor."
    assert returned(psp, e2eid) == [8_000]
    assert return_now(shop.station, done.refund_id) == sent  # asked again: nothing sent twice
    with DynamicPix.open(shop.station) as pix:
        settle_charges(pix)
    assert returned(psp, e2eid) == [8_000]
    assert "pix.sale_refund_done" in audit_actions(shop)
    with shop.station.read() as session:
        assert session.get(Sale, sale_id).status == "voided"  # type: ignore[union-attr]


def test_returns_one_by_one_give_back_the_pix_exactly_with_cash_first(
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    """R$ 115,00 paid R$ 15,00 in cash and R$ 100,00 by Pix: the manicure back (R$ 35,00)
    is R$ 15,00 from the drawer and R$ 20,00 by Pix; the corte back is R$ 80,00 by Pix.
    What the PSP returned is what each refund receipt says goes back to the Pix."""
    shop = make_shop()
    configure_pix(shop, psp)
    sale_id, e2eid = pix_sale(shop, psp, "corte", "manicure", cash=1_500)
    first = refunds.refund(
        shop.station,
        RefundRequest(
            sale_id,
            shop.cashier_id,
            MANAGER_PIN,
            "não gostou",
            {line_of(shop, sale_id, "manicure"): 1},
        ),
    )
    assert (first.money_back, return_now(shop.station, first.refund_id).amount) == (3_500, 2_000)  # type: ignore[union-attr]
    second = refunds.refund(
        shop.station,
        RefundRequest(
            sale_id,
            shop.cashier_id,
            MANAGER_PIN,
            "não gostou",
            {line_of(shop, sale_id, "corte"): 1},
        ),
    )
    assert return_now(shop.station, second.refund_id).amount == 8_000  # type: ignore[union-attr]
    assert returned(psp, e2eid) == [2_000, 8_000]  # two devoluções, each with its own id
    assert len({r["id"] for r in psp.refunds_of(e2eid)}) == 2
    first_paper, second_paper = (paper(shop, r.refund_id) for r in (first, second))
    assert any(line.startswith("  Estorno PIX") and "R$ 20,00" in line for line in first_paper)
    assert any(line.startswith("  Dinheiro") and "R$ 15,00" in line for line in first_paper)
    assert any(line.startswith("  Estorno PIX") and "R$ 80,00" in line for line in second_paper)


def test_a_psp_out_of_reach_keeps_the_refund_and_the_upkeep_sends_it_later(
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    shop = make_shop()
    configure_pix(shop, psp)
    sale_id, e2eid = pix_sale(shop, psp, "manicure")
    configure_pix(shop, psp, psp_base_url="https://127.0.0.1:9/api/v2")  # nobody there
    done = refunds.void(shop.station, sale_id, shop.cashier_id, MANAGER_PIN, "erro de lançamento")

    waiting = return_now(shop.station, done.refund_id)

    assert waiting is not None and waiting.status == TO_SEND
    assert "será enviada de novo" in waiting.message("pt_BR")
    assert returned(psp, e2eid) == []
    with shop.station.read() as session:
        assert session.get(Sale, sale_id).status == "voided"  # type: ignore[union-attr]
    configure_pix(shop, psp)  # the link is back: the 15-minute upkeep sends it
    with DynamicPix.open(shop.station) as pix:
        settle_charges(pix)
    assert returned(psp, e2eid) == [3_500]
    assert pix_return(shop.station, done.refund_id).status == DONE  # type: ignore[union-attr]


def test_a_devolucao_in_processing_is_followed_until_done(
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    shop = make_shop()
    configure_pix(shop, psp)
    sale_id, e2eid = pix_sale(shop, psp, "corte")
    psp.refund_status = "EM_PROCESSAMENTO"
    done = refunds.void(shop.station, sale_id, shop.cashier_id, MANAGER_PIN, "cliente desistiu")
    assert return_now(shop.station, done.refund_id).status == PROCESSING  # type: ignore[union-attr]
    psp.settle_refund(e2eid, psp.refunds_of(e2eid)[0]["id"], "DEVOLVIDO")
    with DynamicPix.open(shop.station) as pix:
        settle_charges(pix)
    assert pix_return(shop.station, done.refund_id).status == DONE  # type: ignore[union-attr]
    assert returned(psp, e2eid) == [8_000]


def test_a_devolucao_the_bank_did_not_carry_out_is_said_and_not_sent_again(
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    shop = make_shop()
    configure_pix(shop, psp)
    sale_id, e2eid = pix_sale(shop, psp, "corte")
    psp.refund_status = "NAO_REALIZADO"
    done = refunds.void(shop.station, sale_id, shop.cashier_id, MANAGER_PIN, "cliente desistiu")

    failed = return_now(shop.station, done.refund_id)

    assert failed is not None and failed.status == NOT_DONE
    assert "Conta do pagador encerrada" in failed.message("pt_BR")
    assert "devolva por outro meio" in failed.message("pt_BR")
    psp.refund_status = "DEVOLVIDO"
    with DynamicPix.open(shop.station) as pix:
        settle_charges(pix)
    assert len(psp.refunds_of(e2eid)) == 1  # not tried again by itself
    assert "pix.sale_refund_not_done" in audit_actions(shop)


def test_a_static_pix_has_nothing_sent_to_the_psp(make_shop: Maker, psp: PspServer) -> None:  # noqa: F811
    shop = make_shop()
    configure_pix(shop, psp)
    result = checkout(
        shop.station,
        CheckoutRequest(
            staff_id=shop.cashier_id,
            lines=[LineRequest(shop.items["corte"])],
            payments=[TenderRequest(Tender.PIX, 8_000, pix=PixTender(new_static_txid()))],
        ),
    )
    done = refunds.void(shop.station, result.sale_id, shop.cashier_id, MANAGER_PIN, "erro")
    assert return_now(shop.station, done.refund_id) is None
    assert psp.refund_requests == []


def test_what_kept_the_pix_from_going_back_is_said_in_the_counters_language(
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    """An English counter is told why in English; and with the store's API Pix taken out
    of Gerência > Pagamentos since the sale, the reason says so (before: an empty '()')."""
    shop = make_shop()
    configure_pix(shop, psp)
    first, _ = pix_sale(shop, psp, "manicure")
    second, _ = pix_sale(shop, psp, "manicure")
    configure_pix(shop, psp, psp_base_url="https://127.0.0.1:9/api/v2")  # nobody there
    done = refunds.void(shop.station, first, shop.cashier_id, MANAGER_PIN, "erro de lançamento")
    waiting = return_now(shop.station, done.refund_id)
    assert waiting is not None and waiting.status == TO_SEND
    english = waiting.message("en")
    assert english.startswith("Pix: refund of R$35.00 not sent (No connection to the Pix")
    assert "Sem conexão" not in english
    assert "(Sem conexão com o provedor Pix" in waiting.message("pt_BR")

    configure_pix(shop)  # the API Pix taken out: only the store's key is left
    done = refunds.void(shop.station, second, shop.cashier_id, MANAGER_PIN, "erro de lançamento")
    waiting = return_now(shop.station, done.refund_id)
    assert waiting is not None and waiting.status == TO_SEND
    assert waiting.message("pt_BR") == (
        "Pix: devolução de R$ 35,00 não enviada (API Pix não configurada em Gerência >"
        " Pagamentos); será enviada de novo a cada 15 minutos."
    )
    assert waiting.message("en") == (
        "Pix: refund of R$35.00 not sent (API Pix not set up in Management > Payments);"
        " it is sent again every 15 minutes."
    )


def test_a_pix_the_bank_did_not_return_stays_owed_until_a_manager_returns_it_another_way(
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    """The message said "devolva por outro meio" once, on the status bar: missed, the
    customer's money was owed with nothing left to remind the store."""
    shop = make_shop()
    configure_pix(shop, psp)
    kept, kept_e2e = pix_sale(shop, psp, "corte")
    returned_fine, _ = pix_sale(shop, psp, "manicure")
    psp.refund_status = "NAO_REALIZADO"
    owed = refunds.void(shop.station, kept, shop.cashier_id, MANAGER_PIN, "cliente desistiu")
    return_now(shop.station, owed.refund_id)
    psp.refund_status = "DEVOLVIDO"
    fine = refunds.void(shop.station, returned_fine, shop.cashier_id, MANAGER_PIN, "erro")
    assert return_now(shop.station, fine.refund_id).status == DONE  # type: ignore[union-attr]

    (row,) = unreturned(shop.station)
    number = sale_number(shop, kept)
    assert (row.refund_id, row.sale_number, row.amount, row.status, row.owed) == (
        owed.refund_id,
        number,
        8_000,
        NOT_DONE,
        True,
    )
    assert row.reason is not None and "Conta do pagador encerrada" in row.reason
    with DynamicPix.open(shop.station) as pix:
        settle_charges(pix)
    assert unreturned(shop.station) == (row,)  # the upkeep neither retries nor forgets it

    with pytest.raises(NotAuthorized):
        returned_another_way(
            shop.station, owed.refund_id, staff_id=shop.cashier_id, manager_pin=CASHIER_PIN
        )
    assert unreturned(shop.station) == (row,)
    done = returned_another_way(
        shop.station, owed.refund_id, staff_id=shop.cashier_id, manager_pin=MANAGER_PIN
    )
    assert (done.status, done.owed, done.amount) == (ANOTHER_WAY, False, 8_000)
    assert unreturned(shop.station) == (done,)
    assert "pix.sale_refund_another_way" in audit_actions(shop)
    with pytest.raises(PixReturnNotOpen) as again:
        returned_another_way(
            shop.station, owed.refund_id, staff_id=shop.cashier_id, manager_pin=MANAGER_PIN
        )
    assert again.value.message("pt_BR").startswith(f"A devolução Pix da venda {number} não")
    with pytest.raises(PixReturnNotOpen):  # the PSP returned this one: nothing to say
        returned_another_way(
            shop.station, fine.refund_id, staff_id=shop.cashier_id, manager_pin=MANAGER_PIN
        )
    assert len(psp.refunds_of(kept_e2e)) == 1  # nothing sent again
