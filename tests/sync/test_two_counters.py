"""Two counters of one chain against the real endpoint: earn here, spend there, offline, back."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.models import LedgerEntry, Sale, StoreKey, Voucher
from posapp.core.errors import VoucherHeldElsewhere, VoucherUsedElsewhere
from posapp.services.customers.registry import Enrolment, enrol
from posapp.services.sales.refunds import RefundRequest, refund
from posapp.services.sync.status import sync_status
from tests.support import MANAGER_PIN, MovableClock
from tests.sync.conftest import Counter, Network, converge


def _counts(counter: Counter) -> tuple[int, int, int]:
    with counter.station.read() as session:
        return (
            session.scalar(select(func.count()).select_from(Sale)) or 0,
            session.scalar(select(func.count()).select_from(LedgerEntry)) or 0,
            session.scalar(
                select(func.count()).select_from(Voucher).where(Voucher.status == "redeemed")
            )
            or 0,
        )


def test_a_customer_earns_at_a_and_spends_cashback_and_a_voucher_at_b(network: Network) -> None:
    a, b = network.make("Centro"), network.make("Shopping")
    maria = a.shop.enrol("Maria Souza", cpf="529.982.247-25")
    bought = a.sell("batom", customer=maria, cash=4_990)  # earns R$ 4,99 and a R$ 5,00 voucher
    assert bought.earned == 499 and len(bought.vouchers_issued) == 1
    voucher = bought.vouchers_issued[0]
    maria_uuid = a.customer_uuid(maria)

    converge(a, b)
    at_b = b.customer_id(maria_uuid)
    assert b.balances()[maria_uuid] == 499
    with a.station.read() as session:
        a_store = a.station.snapshot(session).store.uuid
    with b.station.read() as session:  # A's key came with store.joined: A's QRs verify at B
        assert session.scalars(select(StoreKey.store_uuid)).all() == [a_store]

    spent = b.sell("shampoo", customer=at_b, cashback=499, cash=3_000 - 499)
    assert spent.redeemed == 499
    paid = b.sell("shampoo", customer=at_b, voucher=voucher.qr, cash=2_500)  # QR signed by A
    assert paid.total == 3_000

    converge(a, b)
    network_total = network.network_balance(maria_uuid, a)
    earned_at_b = spent.earned + paid.earned
    assert a.balances()[maria_uuid] == b.balances()[maria_uuid] == network_total == earned_at_b
    with a.station.read() as session:
        assert session.scalars(
            select(Voucher.status).where(Voucher.code == voucher.code)
        ).one() == ("redeemed")
    assert a.faults() == [] and b.faults() == []
    assert sorted(a.entry_uuids()) == sorted(b.entry_uuids())
    assert sync_status(a.station).waiting == sync_status(b.station).waiting == 0


def test_the_same_voucher_offered_at_both_counters_online_is_accepted_once(
    network: Network,
) -> None:
    a, b = network.make("Centro"), network.make("Shopping")
    ana = a.shop.enrol("Ana Lima", phone="11 91234-5678")
    code = a.sell("batom", customer=ana, cash=4_990).vouchers_issued[0].code
    converge(a, b)
    ana_at_b = b.customer_id(a.customer_uuid(ana))

    a.sell("shampoo", customer=ana, voucher=code, cash=2_500)  # claimed, then written at A
    before = _counts(b)
    with pytest.raises(VoucherHeldElsewhere) as held:  # A has not pushed its sale yet
        b.sell("shampoo", customer=ana_at_b, voucher=code, cash=2_500)
    assert "outra venda" in held.value.message("pt_BR")
    assert _counts(b) == before

    assert a.sync().ok  # the redemption reaches the endpoint: the claim is confirmed
    with pytest.raises(VoucherUsedElsewhere) as used:
        b.sell("shampoo", customer=ana_at_b, voucher=code, cash=2_500)
    day = a.shop.clock().astimezone(__import__("zoneinfo").ZoneInfo("America/Sao_Paulo"))
    assert used.value.message("pt_BR") == (f"Vale {code} já usado em {day:%d/%m} na loja Centro.")
    assert "already used" in used.value.message("en")
    assert _counts(b) == before  # nothing written at B

    converge(a, b)
    assert a.faults() == [] and b.faults() == []


def test_an_exchange_reuses_the_voucher_the_refund_gave_back_before_any_sync(
    network: Network,
) -> None:
    """Ana pays a shampoo with her voucher at Centro (synced: the endpoint has it used),
    brings it back (the refund reopens the voucher here) and takes a batom instead, the
    same voucher paying: Centro tells the endpoint of the refund and the voucher is
    taken, not refused as "already used at Centro". Shopping, which also pushes what it
    has waiting before it answers, still cannot take it: used is used."""
    a, b = network.make("Centro"), network.make("Shopping")
    ana = a.shop.enrol("Ana Lima", phone="11 91234-5678")
    code = a.sell("batom", customer=ana, cash=4_990).vouchers_issued[0].code
    shampoo = a.sell("shampoo", customer=ana, voucher=code, cash=2_500)
    converge(a, b)

    back = refund(
        a.station, RefundRequest(shampoo.sale_id, a.shop.cashier_id, MANAGER_PIN, "troca")
    )
    assert back.vouchers_reopened == (code,)
    batom = a.sell("batom", customer=ana, voucher=code, cash=4_490)
    assert dict(batom.payments)["voucher"] == 500

    assert a.sync().ok  # the endpoint has the voucher used by the batom now
    ana_at_b = b.customer_id(a.customer_uuid(ana))
    b.sell("dipirona", cash=1_250)  # waiting at Shopping: the refusal pushes it
    with pytest.raises(VoucherUsedElsewhere):
        b.sell("shampoo", customer=ana_at_b, voucher=code, cash=2_500)
    assert sync_status(b.station).waiting == 0
    converge(a, b)
    for counter in (a, b):
        with counter.station.read() as session:
            status = session.scalar(select(Voucher.status).where(Voucher.code == code))
        assert status == "redeemed", counter.name
    assert a.faults() == [] and b.faults() == []
    assert a.default_client.conflicts("open") == []


def test_b_offline_keeps_selling_then_converges(network: Network, clock: MovableClock) -> None:
    a, b = network.make("Centro"), network.make("Shopping")
    customers = [a.shop.enrol(f"Cliente {n}", phone=f"11 9{n:04d}-5678") for n in range(1, 4)]
    for customer in customers:
        a.sell("batom", customer=customer, cash=4_990)
    converge(a, b)
    uuids = [a.customer_uuid(c) for c in customers]

    network.server.stop()
    for n, customer_uuid in enumerate(uuids):
        clock.advance(minutes=5)
        here = b.customer_id(customer_uuid)
        b.sell("shampoo", customer=here, cashback=100 + n, cash=3_000 - 100 - n)  # offline
    walk_in = enrol(b.station, Enrolment(name="Nova Cliente", cpf="111.444.777-35"))
    b.sell("vestido", customer=walk_in.id, cash=20_000)
    result = b.sync()
    assert result.offline and not result.ok
    status = sync_status(b.station)
    assert status.online is False and status.waiting > 0 and status.last_error

    network.server.start()
    converge(a, b)
    status = sync_status(b.station)
    assert status.online is True and status.waiting == 0 and status.last_error is None
    assert status.last_sync_at == clock()
    balances_a, balances_b = a.balances(), b.balances()
    assert balances_a == balances_b
    for customer_uuid in [*uuids, walk_in.uuid]:
        assert network.network_balance(customer_uuid, b) == balances_a[customer_uuid]
    assert balances_a[walk_in.uuid] == 2_000
    assert sorted(a.entry_uuids()) == sorted(b.entry_uuids())
    assert a.faults() == [] and b.faults() == []
