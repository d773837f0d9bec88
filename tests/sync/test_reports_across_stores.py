"""The X report after sync: a store counts the vouchers it issued and those its sales took."""

from __future__ import annotations

from posapp.services.cash.reports import x_report
from tests.sync.conftest import Network, converge


def test_a_voucher_issued_at_a_and_spent_at_b_counts_once_in_each_right_place(
    network: Network,
) -> None:
    a, b = network.make("Centro"), network.make("Shopping")
    maria = a.shop.enrol("Maria Souza", cpf="529.982.247-25")
    bought = a.sell("batom", customer=maria, cash=4_990)  # a R$ 5,00 voucher, issued at A
    (voucher,) = bought.vouchers_issued
    converge(a, b)

    paid = b.sell(
        "shampoo", customer=b.customer_id(a.customer_uuid(maria)), voucher=voucher.qr, cash=2_500
    )
    converge(a, b)

    at_a, at_b = x_report(a.station), x_report(b.station)
    issued_at_b = len(paid.vouchers_issued)
    assert (at_a.vouchers_issued.count, at_a.vouchers_issued.amount) == (1, 500)
    assert at_b.vouchers_issued.count == issued_at_b  # A's voucher is not B's to count
    assert (at_b.vouchers_redeemed.count, at_b.vouchers_redeemed.amount) == (1, 500)
    assert at_a.vouchers_redeemed.count == 0  # taken at B's counter, not A's
    assert at_a.vouchers_open.count == 0  # A's liability for it is gone
