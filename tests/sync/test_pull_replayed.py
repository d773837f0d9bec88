"""A pulled page applied twice (a retry after a lost answer) changes nothing the second time."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import Customer, LedgerEntry, Voucher
from posapp.services.sync.pull import apply_page
from tests.sync.conftest import Counter, Network


def _state(counter: Counter) -> tuple[dict[str, int], int, int, list[tuple[str, str]]]:
    with counter.station.read() as session:
        customers = session.scalar(select(func.count()).select_from(Customer)) or 0
        entries = session.scalar(select(func.count()).select_from(LedgerEntry)) or 0
        vouchers = [
            (code, status)
            for code, status in session.execute(
                select(Voucher.code, Voucher.status).order_by(Voucher.code)
            )
        ]
    return counter.balances(), customers, entries, vouchers


def test_the_same_pulled_page_applied_twice_counts_once(network: Network) -> None:
    a, b = network.make("Centro"), network.make("Shopping")
    assert b.sync().ok  # B says hello before A has anything to tell
    maria = a.shop.enrol("Maria Souza", cpf="529.982.247-25")
    first = a.sell("batom", customer=maria, cash=4_990)  # R$ 4,99 and a R$ 5,00 voucher
    a.sell("shampoo", customer=maria, voucher=first.vouchers_issued[0].qr, cash=2_500)
    assert a.sync().ok
    maria_uuid = a.customer_uuid(maria)

    page = b.default_client.pull(0, 500)
    ledger_events = sum(1 for event in page.events if event.kind == "ledger.entry")
    assert ledger_events >= 3  # earn, voucher issue, voucher redeem, earn
    once = apply_page(b.station, page.events, page.last_seq)
    after_once = _state(b)
    again = apply_page(b.station, page.events, page.last_seq)

    assert once.entries == ledger_events and again.entries == 0
    assert again.skipped >= ledger_events
    assert _state(b) == after_once
    assert b.balances()[maria_uuid] == a.balances()[maria_uuid] == first.earned + 250
    assert b.faults() == []
