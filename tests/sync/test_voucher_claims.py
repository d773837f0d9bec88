"""A voucher offered online: what the endpoint's claim answer makes of it at the counter.

Two counters of one chain against the real endpoint (tests/sync/conftest.py); only the
tests of an answer the endpoint does not give today use a fake transport at the edge.
"""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select

from cloud.errors import ApiError
from db.models import LedgerEntry, Sale, Voucher
from posapp.core.errors import VoucherCancelled, VoucherExpired, VoucherRefusedByNetwork
from posapp.core.pricing import Tender
from posapp.services.sales.checkout import (
    CheckoutRequest,
    LineRequest,
    SaleResult,
    TenderRequest,
    checkout,
)
from posapp.services.sales.refunds import void
from posapp.services.sync.authority import OnlineAuthority
from posapp.services.sync.client import SyncClient
from tests.support import MANAGER_PIN
from tests.sync.conftest import Counter, Network, converge


def _written(counter: Counter) -> tuple[int, int]:
    """Sales and ledger entries on the counter's database."""
    with counter.station.read() as session:
        return (
            session.scalar(select(func.count()).select_from(Sale)) or 0,
            session.scalar(select(func.count()).select_from(LedgerEntry)) or 0,
        )


def _status(counter: Counter, code: str) -> str | None:
    with counter.station.read() as session:
        return session.scalar(select(Voucher.status).where(Voucher.code == code))


def test_a_voucher_the_chain_cancelled_is_refused_online_before_this_counter_pulled_it(
    network: Network,
) -> None:
    """Centro voids the sale that gave Ana her voucher (the voucher is cancelled there and
    the endpoint told); Shopping, which learned the voucher open and has not pulled since,
    must not take it: it asks the endpoint, which says cancelled."""
    a, b = network.make("Centro"), network.make("Shopping")
    ana = a.shop.enrol("Ana Lima", phone="11 91234-5678")
    bought = a.sell("batom", customer=ana, cash=4_990)
    (voucher,) = bought.vouchers_issued
    converge(a, b)
    assert _status(b, voucher.code) == "open"

    void(a.station, bought.sale_id, a.shop.cashier_id, MANAGER_PIN, "venda errada")
    assert _status(a, voucher.code) == "cancelled"
    assert a.sync().ok  # the endpoint has it cancelled; Shopping does not know yet
    ana_at_b = b.customer_id(a.customer_uuid(ana))
    before = _written(b)

    for offered in (voucher.qr, voucher.code):
        with pytest.raises(VoucherCancelled) as refused:
            b.sell("shampoo", customer=ana_at_b, voucher=offered, cash=2_500)
        assert refused.value.message("pt_BR") == f"O vale {voucher.code} foi cancelado."
        assert refused.value.message("en") == f"Voucher {voucher.code} was cancelled."
    assert _written(b) == before
    assert _status(b, voucher.code) == "open"  # until the pull brings the cancel

    converge(a, b)
    assert _status(b, voucher.code) == "cancelled"
    with pytest.raises(VoucherCancelled):  # offline now, the counter knows it itself
        b.sell("shampoo", customer=ana_at_b, voucher=voucher.code, cash=2_500, online=False)
    assert a.faults() == [] and b.faults() == []


def test_a_voucher_the_endpoint_has_not_seen_is_decided_by_the_counter(
    network: Network,
) -> None:
    """Issued at this counter and not pushed yet: the endpoint answers unknown_voucher and
    the counter's own record decides (open: taken)."""
    a = network.make("Centro")
    assert a.sync().ok
    ana = a.shop.enrol("Ana Lima", phone="11 91234-5678")
    (voucher,) = a.sell("batom", customer=ana, cash=4_990, online=False).vouchers_issued
    paid = a.sell("shampoo", customer=ana, voucher=voucher.qr, cash=2_500)
    assert dict(paid.payments) == {"voucher": 500, "cash": 2_500}
    assert _status(a, voucher.code) == "redeemed"


def _endpoint_saying(error: ApiError) -> SyncClient:
    """A client whose endpoint answers every call with `error` (an answer the real
    endpoint does not give today), built as cloud.errors.ApiError builds it."""

    def answer(_: httpx.Request) -> httpx.Response:
        return httpx.Response(error.status, json=error.body())

    return SyncClient("http://cloud.invalid", "token", transport=httpx.MockTransport(answer))


def _sell_with(counter: Counter, client: SyncClient, customer: int, code: str) -> SaleResult:
    request = CheckoutRequest(
        staff_id=counter.shop.cashier_id,
        lines=[LineRequest(counter.shop.items["shampoo"])],
        payments=[TenderRequest(Tender.VOUCHER, voucher=code), TenderRequest(Tender.CASH, 2_500)],
        customer_id=customer,
    )
    authority = OnlineAuthority(counter.station, client, large_spend_centavos=5_000)
    return checkout(counter.station, request, authority)


def test_a_voucher_refusal_this_counter_does_not_know_is_a_refusal_in_the_servers_words(
    network: Network,
) -> None:
    a = network.make("Centro")
    ana = a.shop.enrol("Ana Lima", phone="11 91234-5678")
    (voucher,) = a.sell("batom", customer=ana, cash=4_990, online=False).vouchers_issued
    before = _written(a)
    blocked = ApiError(
        409,
        "voucher_blocked",
        f"Vale {voucher.code} bloqueado pela gerência da rede.",
        f"Voucher {voucher.code} blocked by the chain's management.",
    )
    with pytest.raises(VoucherRefusedByNetwork) as refused:
        _sell_with(a, _endpoint_saying(blocked), ana, voucher.code)
    assert refused.value.message("pt_BR") == (
        f"O servidor da rede recusou o vale {voucher.code}: "
        f"Vale {voucher.code} bloqueado pela gerência da rede."
    )
    assert refused.value.message("en") == (
        f"The chain's server refused voucher {voucher.code}: "
        f"Voucher {voucher.code} blocked by the chain's management."
    )
    assert _written(a) == before and _status(a, voucher.code) == "open"


@pytest.mark.parametrize(
    "answer",
    [
        ApiError(401, "unauthorized", "Token inválido.", "Invalid token."),
        ApiError(409, "hello_required", "Diga olá.", "Say hello."),
        ApiError(422, "invalid_request", "Pedido inválido.", "Invalid request."),
    ],
    ids=lambda error: error.code,
)
def test_an_answer_that_says_nothing_of_the_voucher_leaves_it_to_the_counter(
    network: Network, answer: ApiError
) -> None:
    a = network.make("Centro")
    ana = a.shop.enrol("Ana Lima", phone="11 91234-5678")
    (voucher,) = a.sell("batom", customer=ana, cash=4_990, online=False).vouchers_issued
    sale = _sell_with(a, _endpoint_saying(answer), ana, voucher.code)
    assert dict(sale.payments) == {"voucher": 500, "cash": 2_500}
    assert _status(a, voucher.code) == "redeemed"


def test_a_voucher_the_endpoint_says_expired_is_refused_with_its_day_in_brasilia(
    network: Network,
) -> None:
    """The endpoint's expiry instant is UTC; the cashier reads the customer's day as
    Brazilians write it (01:30 UTC on 1 April is 22:30 on 31 March in Brasília)."""
    a = network.make("Centro")
    ana = a.shop.enrol("Ana Lima", phone="11 91234-5678")
    (voucher,) = a.sell("batom", customer=ana, cash=4_990, online=False).vouchers_issued
    expired = ApiError(
        410,
        "voucher_expired",
        f"Vale {voucher.code} vencido.",
        f"Voucher {voucher.code} expired.",
        expires_at="2026-04-01T01:30:00+00:00",
    )
    with pytest.raises(VoucherExpired) as refused:
        _sell_with(a, _endpoint_saying(expired), ana, voucher.code)
    assert refused.value.message("pt_BR") == f"O vale {voucher.code} venceu em 31/03/2026."
    assert refused.value.message("en") == f"Voucher {voucher.code} expired on 2026-03-31."
