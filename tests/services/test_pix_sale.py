"""A Pix sale through the counter's services against our PSP on 127.0.0.1 (HTTPS, mTLS,
OAuth2): it completes by itself, one charge never pays two sales, a restart resumes a
charge, and money arriving after the cashier gave up is surfaced and returned once."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from db.models import AuditLog, PixCharge, PixLatePayment, Sale
from payments import brcode
from payments.pix_flow import Phase
from payments.testing.psp_server import PspServer
from posapp.core.errors import NotAuthorized
from posapp.core.pricing import Tender
from posapp.services.common.station import open_station
from posapp.services.payments.dynamic_pix import DynamicPix, paid_tender
from posapp.services.payments.errors import (
    LatePixAlreadyRefunded,
    PaymentRefused,
    PixChargeNotPaid,
    PixNotConfigured,
)
from posapp.services.payments.late_pix import late_payments, refund_late_payment, settle_charges
from posapp.services.payments.settings import payment_settings_view
from posapp.services.payments.static_pix import static_code
from posapp.services.payments.tenders import PixTender, pix_in
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from tests.payments.conftest import STORE_KEY, psp, psp_certificates  # noqa: F401
from tests.services.payments_support import configure_pix
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop

Maker = Callable[..., Shop]


def pix_request(shop: Shop, tender: TenderRequest, item: str = "corte") -> CheckoutRequest:
    return CheckoutRequest(
        staff_id=shop.cashier_id, lines=[LineRequest(shop.items[item])], payments=[tender]
    )


def charges(shop: Shop) -> list[PixCharge]:
    with shop.station.read() as session:
        return list(session.scalars(select(PixCharge)))


def sales_count(shop: Shop) -> int:
    with shop.station.read() as session:
        return int(session.scalar(select(func.count()).select_from(Sale)) or 0)


def test_a_dynamic_pix_sale_completes_by_itself_when_the_payer_pays(
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    shop = make_shop()
    configure_pix(shop, psp)
    psp.auto_pay_after_s = 0.3
    with DynamicPix.open(shop.station, poll_interval_s=0.05) as pix:
        pending = pix.start(8_000, shop.cashier_id)
        with shop.station.read() as session:
            waiting = session.get(PixCharge, pending.txid)
            assert waiting is not None and waiting.status == "waiting"  # on record before paid
        assert pending.qr_text is not None and brcode.parse(pending.qr_text).dynamic
        began = time.monotonic()
        outcome = pix.wait(pending)
    assert outcome.phase is Phase.PAID and time.monotonic() - began < 3
    result = checkout(
        shop.station, pix_request(shop, TenderRequest(Tender.PIX, 8_000, pix=paid_tender(outcome)))
    )
    assert result.total == 8_000 and result.payments == (("pix", 8_000),)
    with shop.station.read() as session:
        charge = session.get(PixCharge, pending.txid)
        assert charge is not None
        assert (charge.status, charge.sale_id) == ("sold", result.sale_id)
        assert charge.end_to_end_id == psp.charges[pending.txid].payments[0]["endToEndId"]
        recorded = pix_in(session, result.sale_id)
    assert (
        recorded is not None and recorded.dynamic and recorded.end_to_end_id == charge.end_to_end_id
    )

    before = sales_count(shop)
    with pytest.raises(PixChargeNotPaid) as refused:  # the same payment cannot pay a second sale
        checkout(
            shop.station,
            pix_request(shop, TenderRequest(Tender.PIX, 8_000, pix=paid_tender(outcome))),
        )
    assert pending.txid in refused.value.message("pt_BR")
    assert sales_count(shop) == before


def test_an_unpaid_or_invented_charge_pays_nothing(make_shop: Maker, psp: PspServer) -> None:  # noqa: F811
    shop = make_shop()
    configure_pix(shop, psp)
    invented = PixTender("a" * 32, dynamic=True, end_to_end_id="E" + "1" * 31)
    with pytest.raises(PixChargeNotPaid):
        checkout(shop.station, pix_request(shop, TenderRequest(Tender.PIX, 8_000, pix=invented)))
    with DynamicPix.open(shop.station, poll_interval_s=0.05, timeout_s=0.3) as pix:
        pending = pix.start(8_000, shop.cashier_id)
        outcome = pix.wait(pending)  # nobody pays: the deadline cancels it
    assert outcome.phase is Phase.EXPIRED
    assert psp.charges[pending.txid].status == "REMOVIDA_PELO_USUARIO_RECEBEDOR"
    with shop.station.read() as session:
        assert session.get(PixCharge, pending.txid).status == "expired"  # type: ignore[union-attr]
    unpaid = PixTender(pending.txid, dynamic=True, end_to_end_id=None)
    with pytest.raises(PixChargeNotPaid):
        checkout(shop.station, pix_request(shop, TenderRequest(Tender.PIX, 8_000, pix=unpaid)))
    assert sales_count(shop) == 0


def test_a_restart_resumes_a_charge_and_its_money_is_returned_once(
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    shop = make_shop()
    configure_pix(shop, psp)
    with DynamicPix.open(shop.station) as pix:
        pending = pix.start(3_500, shop.cashier_id)
    shop.station.close()
    psp.pay(pending.txid)  # the customer paid while the counter was down
    # The counter restarts on the same file: the charge is found and settled.
    station = open_station(shop.station.path, clock=shop.clock)
    with DynamicPix.open(station, poll_interval_s=0.05) as pix:
        settled = settle_charges(pix)
        assert (settled.resumed, settled.found) == (1, 1)
        rows = late_payments(station)
        assert [(r.txid, r.amount, r.refunded) for r in rows] == [(pending.txid, 3_500, False)]
        e2eid = rows[0].end_to_end_id
        with pytest.raises(NotAuthorized):
            refund_late_payment(pix, e2eid, staff_id=shop.cashier_id, manager_pin=CASHIER_PIN)
        assert psp.refunds_of(e2eid) == []
        done = refund_late_payment(pix, e2eid, staff_id=shop.cashier_id, manager_pin=MANAGER_PIN)
        assert done.refunded
        with pytest.raises(LatePixAlreadyRefunded):
            refund_late_payment(pix, e2eid, staff_id=shop.cashier_id, manager_pin=MANAGER_PIN)
        assert settle_charges(pix).found == 0  # known already: not surfaced twice
    refunds = psp.refunds_of(e2eid)
    assert len(refunds) == 1 and refunds[0]["valor"] == "35.00"
    with station.read() as session:
        audit_row = session.scalars(select(AuditLog).where(AuditLog.action == "pix.refund")).one()
        assert audit_row.authorized_by_id == shop.manager_id
        assert json.loads(audit_row.details)["amount"] == 3_500
        assert session.get(PixCharge, pending.txid).sale_id is None  # type: ignore[union-attr]
    station.close()


def test_a_payment_after_the_cashier_gave_up_is_surfaced_for_refund(
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    shop = make_shop()
    configure_pix(shop, psp)
    with DynamicPix.open(shop.station, poll_interval_s=0.05) as pix:
        pending = pix.start(4_990, shop.cashier_id)
        outcome = pix.wait(pending, should_stop=lambda: True)
        assert outcome.phase is Phase.CANCELLED and outcome.late_payments == ()
        psp.pay_late(pending.txid)  # the payer's app had already sent it
        assert settle_charges(pix).found == 1
        with shop.station.read() as session:
            late = session.scalars(select(PixLatePayment)).one()
            assert (late.txid, late.amount, late.refunded_at) == (pending.txid, 4_990, None)
        refund_late_payment(pix, late.end_to_end_id, staff_id=None, manager_pin=MANAGER_PIN)
    assert len(psp.refunds_of(late.end_to_end_id)) == 1
    assert sales_count(shop) == 0


def test_static_code_carries_the_amount_and_a_txid_that_the_sale_records(make_shop: Maker) -> None:
    shop = make_shop()
    configure_pix(shop)
    code = static_code(shop.station, 8_000)
    parsed = brcode.parse(code.text)  # CRC checked, every field read back
    assert brcode.verify_crc(code.text)
    assert (parsed.amount_centavos, parsed.txid, parsed.key) == (8_000, code.txid, STORE_KEY)
    assert (parsed.name, parsed.city) == ("SALAO BELEZA PURA", "SAO PAULO")
    result = checkout(
        shop.station, pix_request(shop, TenderRequest(Tender.PIX, 8_000, pix=PixTender(code.txid)))
    )
    with shop.station.read() as session:
        recorded = pix_in(session, result.sale_id)
    assert recorded is not None and (recorded.txid, recorded.dynamic) == (code.txid, False)


def test_pix_settings_need_a_manager_and_never_show_the_secret(
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    shop = make_shop()
    with pytest.raises(PixNotConfigured):
        static_code(shop.station, 100)
    configure_pix(shop, psp)
    view = payment_settings_view(shop.station)
    assert view.has_secret and view.settings.psp_client_secret == ""
    configure_pix(shop, psp, psp_client_secret="")  # empty keeps the stored secret
    with DynamicPix.open(shop.station, poll_interval_s=0.05) as pix:
        assert pix.client.access_token()
    with shop.station.read() as session:
        details = [
            row.details
            for row in session.scalars(
                select(AuditLog).where(AuditLog.action == "payments.configure")
            )
        ]
    assert len(details) == 2 and all(psp.client_secret not in text for text in details)
    assert json.loads(details[0])["secret_changed"] is True
    assert json.loads(details[1])["secret_changed"] is False


def test_the_upkeep_leaves_a_charge_on_screen_alone(make_shop: Maker, psp: PspServer) -> None:  # noqa: F811
    shop = make_shop()
    configure_pix(shop, psp)
    with DynamicPix.open(shop.station, poll_interval_s=0.05) as shown:
        pending = shown.start(3_000, shop.cashier_id)
        with DynamicPix.open(shop.station) as upkeep:
            assert settle_charges(upkeep).resumed == 0
        assert psp.charges[pending.txid].status == "ATIVA"  # still payable by the customer
        psp.pay(pending.txid)
        assert shown.wait(pending).phase is Phase.PAID


def test_a_paid_charge_no_sale_took_is_surfaced_after_the_grace(
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    shop = make_shop()
    configure_pix(shop, psp)
    psp.auto_pay_after_s = 0.1
    with DynamicPix.open(shop.station, poll_interval_s=0.05) as pix:
        outcome = pix.wait(pix.start(3_000, shop.cashier_id))
    assert outcome.phase is Phase.PAID  # ... and the cashier then abandoned the sale
    with DynamicPix.open(shop.station) as pix:
        assert settle_charges(pix).found == 0  # a checkout may still be on its way
        shop.clock.advance(minutes=11)
        assert settle_charges(pix).found == 1
    (late,) = late_payments(shop.station)
    assert outcome.payment is not None
    assert (late.end_to_end_id, late.amount) == (outcome.payment.end_to_end_id, 3_000)
    with pytest.raises(PixChargeNotPaid):  # it can no longer pay a sale: it is to return
        checkout(
            shop.station,
            pix_request(
                shop, TenderRequest(Tender.PIX, 3_000, pix=paid_tender(outcome)), "shampoo"
            ),
        )


def test_a_charge_the_psp_never_got_is_closed_not_asked_about_forever(
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    shop = make_shop()
    configure_pix(shop, psp)
    psp.unavailable("PUT", "/api/v2/cob", times=10)  # the counter stopped before the PSP had it
    psp.unavailable("GET", "/api/v2/cob", times=3)
    with DynamicPix.open(shop.station) as pix, pytest.raises(PaymentRefused):
        pix.start(2_500, shop.cashier_id)
    (txid,) = [row.txid for row in charges(shop)]
    with shop.station.write() as session:  # as a crash mid-start leaves it
        session.get(PixCharge, txid).status = "waiting"  # type: ignore[union-attr]
    with DynamicPix.open(shop.station) as pix:
        first = settle_charges(pix)
        assert (first.resumed, first.found, first.unreachable) == (0, 0, 0)
        assert settle_charges(pix).unreachable == 0
    assert [row.status for row in charges(shop)] == ["failed"]


def test_money_of_another_amount_pays_no_sale_and_is_surfaced_for_refund(
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    """R$ 1,00 received on an R$ 80,00 charge (a PSP that let the payer change the amount)
    completed the sale as paid in full."""
    shop = make_shop()
    configure_pix(shop, psp)
    with DynamicPix.open(shop.station, poll_interval_s=0.05) as pix:
        pending = pix.start(8_000, shop.cashier_id)
        received = psp.pay(pending.txid, 100)
        outcome = pix.wait(pending)
    assert outcome.phase is not Phase.PAID and outcome.payment is None
    assert outcome.message("pt_BR").startswith(
        "O Pix recebido (R$ 1,00) não é o valor da cobrança (R$ 80,00)"
    )
    assert outcome.message("en").startswith("The Pix received (R$1.00) is not")
    (late,) = late_payments(shop.station)
    assert (late.end_to_end_id, late.amount, late.refunded) == (received["endToEndId"], 100, False)
    claimed = PixTender(pending.txid, dynamic=True, end_to_end_id=received["endToEndId"])
    with pytest.raises(PixChargeNotPaid):
        checkout(shop.station, pix_request(shop, TenderRequest(Tender.PIX, 8_000, pix=claimed)))
    assert sales_count(shop) == 0


def test_a_second_payment_of_a_sold_charge_is_surfaced_for_refund(
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    """Two phones paid the same QR: the sale takes one payment, the other is to return."""
    shop = make_shop()
    configure_pix(shop, psp)
    psp.auto_pay_after_s = 0.1
    with DynamicPix.open(shop.station, poll_interval_s=0.05) as pix:
        pending = pix.start(8_000, shop.cashier_id)
        outcome = pix.wait(pending)
    checkout(
        shop.station, pix_request(shop, TenderRequest(Tender.PIX, 8_000, pix=paid_tender(outcome)))
    )
    second = psp.pay_late(pending.txid)
    with DynamicPix.open(shop.station) as pix:
        assert settle_charges(pix).found == 1
        assert settle_charges(pix).found == 0
        asked = len(psp.requests)
        shop.clock.advance(hours=3)  # the day's sales are not asked about every 15 min
        settle_charges(pix)
        assert len(psp.requests) == asked
    assert [(r.end_to_end_id, r.amount) for r in late_payments(shop.station)] == [
        (second["endToEndId"], 8_000)
    ]
    with shop.station.read() as session:
        assert session.get(PixCharge, pending.txid).status == "sold"  # type: ignore[union-attr]


def test_a_devolucao_the_spi_did_not_carry_out_is_to_return_again(
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    """A devolução taken EM_PROCESSAMENTO that ends NAO_REALIZADO returned nothing: the
    row said 'Devolvido' for good and a second try was refused as already returned."""
    shop = make_shop()
    configure_pix(shop, psp)
    with DynamicPix.open(shop.station, poll_interval_s=0.05) as pix:
        pending = pix.start(4_990, shop.cashier_id)
        pix.wait(pending, should_stop=lambda: True)
        e2eid = psp.pay_late(pending.txid)["endToEndId"]
        assert settle_charges(pix).found == 1
        psp.refund_status = "EM_PROCESSAMENTO"
        first = refund_late_payment(pix, e2eid, staff_id=None, manager_pin=MANAGER_PIN)
        assert first.refunded  # asked for: shown as returned while the SPI works on it
        (asked,) = psp.refunds_of(e2eid)
        psp.settle_refund(e2eid, asked["id"], "NAO_REALIZADO")
        assert settle_charges(pix).found == 1  # said on the status bar again
        (row,) = late_payments(shop.station)
        assert (row.refunded, row.refund_status) == (False, "NAO_REALIZADO")

        psp.refund_status = "NAO_REALIZADO"
        with pytest.raises(PaymentRefused) as refused:
            refund_late_payment(pix, e2eid, staff_id=None, manager_pin=MANAGER_PIN)
        assert refused.value.message("pt_BR").startswith(
            "O provedor Pix não realizou a devolução de R$ 49,90 (Conta do pagador encerrada.)"
        )
        assert not late_payments(shop.station)[0].refunded

        psp.refund_status = "DEVOLVIDO"
        done = refund_late_payment(pix, e2eid, staff_id=None, manager_pin=MANAGER_PIN)
        assert (done.refunded, done.refund_status) == (True, "DEVOLVIDO")
        assert settle_charges(pix).found == 0
    refunds = psp.refunds_of(e2eid)
    assert [r["status"] for r in refunds] == ["NAO_REALIZADO", "NAO_REALIZADO", "DEVOLVIDO"]
    assert len({r["id"] for r in refunds}) == 3
    with shop.station.read() as session:
        actions = [
            row.action
            for row in session.scalars(
                select(AuditLog).where(AuditLog.action.like("pix.refund%")).order_by(AuditLog.id)
            )
        ]
    assert actions == ["pix.refund", "pix.refund_not_done", "pix.refund"]


def test_a_charge_answered_without_its_copy_and_paste_still_shows_a_qr_that_pays(
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    """The API Pix does not require pixCopiaECola: the dialog showed an empty QR and the
    customer had nothing to scan until the time ran out."""
    shop = make_shop()
    configure_pix(shop, psp)
    psp.send_copy_paste = False
    psp.auto_pay_after_s = 0.2
    with DynamicPix.open(shop.station, poll_interval_s=0.05) as pix:
        pending = pix.start(8_000, shop.cashier_id)
        assert pending.qr_text
        code = brcode.parse(pending.qr_text)  # CRC and fields checked
        assert code.dynamic and code.url == psp.charges[pending.txid].body["location"]
        assert (code.amount_centavos, code.name, code.city) == (
            8_000,
            "SALAO BELEZA PURA",
            "SAO PAULO",
        )
        assert pix.wait(pending).phase is Phase.PAID
