"""A dynamic Pix sale at the counter, driven through the real client against our PSP on
127.0.0.1: it completes by itself, survives a slow PSP, times out back to other tenders,
and a payment arriving after the cashier gave up is surfaced and refunded once."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from payments.errors import PaymentError
from payments.pix_api import ChargeStatus, PixApiClient, RefundStatus
from payments.pix_flow import ChargeNotCreated, Phase, PixCheckout
from payments.testing.psp_server import PspServer
from tests.payments.conftest import STORE_KEY


def checkout(client: PixApiClient, **options: float) -> PixCheckout:
    settings: dict[str, float] = {"timeout_s": 5.0, "poll_interval_s": 0.05}
    settings.update(options)
    return PixCheckout(
        client,
        STORE_KEY,
        timeout_s=settings["timeout_s"],
        poll_interval_s=settings["poll_interval_s"],
        expiry_margin_s=int(settings.get("expiry_margin_s", 60)),
    )


def test_a_pix_sale_completes_by_itself_when_the_payer_pays(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    psp.auto_pay_after_s = 0.3
    flow = checkout(make_client())
    pending = flow.start(8990)
    assert pending.qr_text is not None and pending.location is not None
    began = time.monotonic()
    outcome = flow.wait(pending)
    assert outcome.phase is Phase.PAID
    assert 0.25 < time.monotonic() - began < 3.0
    assert outcome.payment is not None
    assert outcome.payment.end_to_end_id == psp.charges[pending.txid].payments[0]["endToEndId"]
    assert outcome.payment.amount_centavos == 8990
    assert outcome.late_payments == ()
    assert outcome.message("pt_BR") == "Pix recebido: R$ 89,90."
    assert outcome.nfce_card("11222333000181") == {
        "tpIntegra": "1",
        "CNPJ": "11222333000181",
        "cAut": outcome.payment.end_to_end_id,
    }
    assert list(psp.charges) == [pending.txid]
    assert flow.wait(pending) is outcome  # a charge ends once


def test_a_lost_answer_on_create_is_recovered_without_a_second_charge(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    client = make_client(timeout_s=0.5)
    client.access_token()
    psp.slow(1.5, "PUT", "/api/v2/cob/", times=1)
    flow = checkout(client)
    pending = flow.start(1500)
    assert list(psp.charges) == [pending.txid]
    calls = [method for method, path in psp.requests if path.startswith("/api/v2/cob/")]
    assert calls[:2] == ["PUT", "GET"]
    psp.pay(pending.txid)
    assert flow.wait(pending).phase is Phase.PAID


def test_a_slow_poll_does_not_end_the_wait(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    client = make_client(timeout_s=0.3)
    flow = checkout(client)
    pending = flow.start(700)
    psp.slow(0.6, "GET", "/api/v2/cob/", times=1)
    psp.auto_pay_after_s = None
    psp.pay(pending.txid)
    assert flow.wait(pending).phase is Phase.PAID


def test_a_psp_out_of_service_for_a_while_does_not_end_the_wait(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    flow = checkout(make_client())
    pending = flow.start(700)
    psp.unavailable("GET", "/api/v2/cob/", times=3)
    psp.pay(pending.txid)
    assert flow.wait(pending).phase is Phase.PAID
    gets = [path for method, path in psp.requests if method == "GET"]
    assert len(gets) == 4


def test_when_time_runs_out_the_charge_is_cancelled_and_can_no_longer_be_paid(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    flow = checkout(make_client(), timeout_s=0.4, expiry_margin_s=0)
    pending = flow.start(1000)
    outcome = flow.wait(pending)
    assert outcome.phase is Phase.EXPIRED
    assert outcome.cancel_confirmed
    assert outcome.message("pt_BR").startswith("Tempo esgotado: a cobrança Pix foi cancelada.")
    assert outcome.message("en").startswith("Time is up")
    assert psp.charges[pending.txid].status == ChargeStatus.REMOVED_BY_RECEIVER
    with pytest.raises(RuntimeError):
        psp.pay(pending.txid)


def test_a_charge_past_its_psp_expiry_cannot_be_paid(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    flow = checkout(make_client(), timeout_s=1, expiry_margin_s=0)
    pending = flow.start(1000)
    assert psp.charges[pending.txid].body["calendario"]["expiracao"] == 1
    time.sleep(1.1)
    with pytest.raises(RuntimeError, match="expired"):
        psp.pay(pending.txid)


def test_a_payment_landing_between_the_last_look_and_the_cancel_completes_the_sale(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    """The dialog was still open when the deadline came: the sale is paid, not refunded."""
    calls = [0]
    pending_txid: list[str] = []

    def clock() -> float:
        calls[0] += 1
        if calls[0] == 3:  # the second deadline check: the payer pays just before it
            psp.pay(pending_txid[0])
            return 1e9
        return 0.0

    flow = PixCheckout(make_client(), STORE_KEY, timeout_s=10, poll_interval_s=0.05, clock=clock)
    pending = flow.start(4200)
    pending_txid.append(pending.txid)
    outcome = flow.wait(pending)
    assert outcome.phase is Phase.PAID
    assert outcome.payment is not None and outcome.payment.amount_centavos == 4200
    assert psp.charges[pending.txid].status == ChargeStatus.COMPLETED


def test_a_payment_after_the_cashier_gave_up_is_surfaced_and_refunded_once(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    flow = checkout(make_client())
    pending = flow.start(5000)
    polls = [0]

    def cashier_gives_up() -> bool:
        polls[0] += 1
        return polls[0] >= 3

    outcome = flow.wait(pending, should_stop=cashier_gives_up)
    assert outcome.phase is Phase.CANCELLED
    assert outcome.late_payments == ()
    assert psp.charges[pending.txid].status == ChargeStatus.REMOVED_BY_RECEIVER

    late_pix = psp.pay_late(pending.txid)  # the payer's app had already sent it
    assert flow.wait(pending).phase is Phase.CANCELLED  # the sale is not completed by it
    (late,) = flow.check_late(pending.txid)
    assert (late.end_to_end_id, late.amount_centavos, late.refunded) == (
        late_pix["endToEndId"],
        5000,
        False,
    )
    assert "R$ 50,00 recebido após o cancelamento (a devolver)" in late.message("pt_BR")
    assert psp.refunds_of(late.end_to_end_id) == []  # nothing is returned by itself

    refund = flow.refund_late(late)
    again = flow.refund_late(late)  # the cashier presses twice, or the answer was lost
    assert refund.status is RefundStatus.RETURNED
    assert again.rtr_id == refund.rtr_id
    assert len(psp.refunds_of(late.end_to_end_id)) == 1
    assert len(psp.refund_requests) == 2
    (after,) = flow.check_late(pending.txid)
    assert after.refunded and after.refund is not None
    assert after.refund.rtr_id == refund.rtr_id
    assert flow.refund_late(after).rtr_id == refund.rtr_id
    assert len(psp.refund_requests) == 2  # known refunded: not even asked again


def test_a_refund_the_spi_did_not_carry_out_is_not_taken_for_returned(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    flow = checkout(make_client())
    pending = flow.start(2500)
    flow.give_up(pending)
    psp.pay_late(pending.txid)
    (late,) = flow.check_late(pending.txid)
    psp.refund_status = "NAO_REALIZADO"
    with pytest.raises(PaymentError) as refused:
        flow.refund_late(late)
    assert "não realizou a devolução de R$ 25,00" in refused.value.message("pt_BR")
    (after,) = flow.check_late(pending.txid)
    assert not after.refunded and "(a devolver)" in after.message("pt_BR")
    psp.refund_status = "DEVOLVIDO"
    refund = flow.refund_late(after)  # a new id: the refused one cannot be asked again
    assert refund.status is RefundStatus.RETURNED and refund.id != late.refund_id
    assert flow.refund_late(after).rtr_id == refund.rtr_id  # pressed twice: still one
    returned = [r for r in psp.refunds_of(late.end_to_end_id) if r["status"] == "DEVOLVIDO"]
    assert [r["valor"] for r in returned] == ["25.00"]


def test_a_charge_without_a_qr_to_show_is_cancelled_not_left_open(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    psp.send_copy_paste = False
    flow = checkout(make_client())  # no merchant name and city to build the QR from
    with pytest.raises(PaymentError) as refused:
        flow.start(1500)
    assert refused.value.message("pt_BR").startswith("O provedor Pix criou a cobrança sem o QR")
    (charge,) = psp.charges.values()
    assert charge.status == ChargeStatus.REMOVED_BY_RECEIVER


def test_a_payment_just_before_the_cashier_gave_up_is_a_late_payment_not_a_sale(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    flow = checkout(make_client())
    pending = flow.start(3000)
    paid = psp.pay(pending.txid)
    outcome = flow.give_up(pending)
    assert outcome.phase is Phase.CANCELLED
    assert [late.end_to_end_id for late in outcome.late_payments] == [paid["endToEndId"]]
    assert "a devolver" in outcome.message("pt_BR")
    assert flow.wait(pending) is outcome


def test_a_second_payment_on_a_paid_charge_is_a_late_payment(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    flow = checkout(make_client())
    pending = flow.start(1000)
    psp.pay(pending.txid)
    outcome = flow.wait(pending)
    assert outcome.payment is not None
    second = psp.pay_late(pending.txid)
    late = flow.check_late(pending.txid, sale_paid_by=outcome.payment.end_to_end_id)
    assert [item.end_to_end_id for item in late] == [second["endToEndId"]]


def test_money_of_another_amount_on_an_open_charge_pays_nothing_and_closes_it(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    flow = checkout(make_client())
    pending = flow.start(8000)
    wrong = psp.pay_late(pending.txid, 7990)  # the charge stays ATIVA at this PSP
    outcome = flow.wait(pending)
    assert outcome.payment is None and outcome.phase == "wrong_amount"
    assert [(late.end_to_end_id, late.amount_centavos) for late in outcome.late_payments] == [
        (wrong["endToEndId"], 7990)
    ]
    assert "(R$ 79,90) não é o valor da cobrança (R$ 80,00)" in outcome.message("pt_BR")
    assert psp.charges[pending.txid].status == ChargeStatus.REMOVED_BY_RECEIVER
    with pytest.raises(RuntimeError):  # nobody can pay it now: back to other tenders
        psp.pay(pending.txid)
    assert flow.wait(pending) is outcome


def test_after_a_restart_a_paid_charge_is_found_paid(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    pending = checkout(make_client()).start(2000)
    psp.pay(pending.txid)
    after_restart = checkout(make_client())
    resumed = after_restart.resume(pending.txid, 2000)
    assert after_restart.wait(resumed).phase is Phase.PAID


def test_after_a_restart_an_unpaid_charge_is_cancelled(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    pending = checkout(make_client()).start(2000)
    after_restart = checkout(make_client())
    outcome = after_restart.wait(after_restart.resume(pending.txid, 2000))
    assert outcome.phase is Phase.EXPIRED
    assert psp.charges[pending.txid].status == ChargeStatus.REMOVED_BY_RECEIVER


def test_a_psp_that_cannot_be_reached_leaves_no_sale_and_says_why(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    client = make_client()
    psp.stop()
    with pytest.raises(ChargeNotCreated) as refused:
        checkout(client).start(1000)
    assert "Não foi possível criar a cobrança Pix (Sem conexão" in refused.value.message("pt_BR")
    assert "another tender" in refused.value.message("en")


def test_when_the_cancel_cannot_reach_the_psp_the_outcome_says_to_check_later(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    flow = checkout(make_client(timeout_s=0.3))
    pending = flow.start(1000)
    psp.slow(1.0)
    outcome = flow.give_up(pending)
    assert outcome.phase is Phase.CANCELLED
    assert not outcome.cancel_confirmed
    assert "confira depois se chegou pagamento" in outcome.message("pt_BR")
