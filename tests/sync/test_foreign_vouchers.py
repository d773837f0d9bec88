"""A QR of another store's voucher this counter has not pulled yet.

Every counter holds every store's signing key (hello, `store.joined`), so a counter alone
cannot tell a genuine QR of store A's voucher from one another store signed for it. Online,
the endpoint, which holds the voucher as A issued it, verifies the QR, claims the voucher
for the sale and answers it; the counter records it as a pull would. Offline it is refused.

Two counters of one chain against the real endpoint and PostgreSQL (tests/sync/conftest.py).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from db.models import Customer, LedgerEntry, Sale, Store, StoreKey, SyncKnown, Voucher
from posapp.core.codes import sign_voucher_qr
from posapp.core.errors import (
    ForeignVoucherNotKnown,
    ForgedVoucher,
    PosError,
    VoucherHeldElsewhere,
    VoucherUsedElsewhere,
)
from posapp.core.pricing import Tender
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from posapp.services.sales.sale_reads import preview_voucher
from posapp.services.sync.authority import OnlineAuthority
from posapp.services.sync.client import Refused
from posapp.services.sync.pull import PLACEHOLDER_NAME
from posapp.services.sync.push import VOUCHER
from tests.sync.conftest import Counter, Network, converge


def _issued_at_centro(
    network: Network, *, centro_joins_later: bool = False
) -> tuple[Counter, Counter, int, str, str, date]:
    """Centro and Shopping have both said hello; Ana buys at Centro and gets a R$ 5,00
    voucher, which the endpoint knows; Shopping has not pulled since (and with
    `centro_joins_later`, has not even Centro's key: Centro joined after it last pulled).
    (centro, shopping, ana at Centro, code, qr, expiry day signed)."""
    a, b = network.make("Centro"), network.make("Shopping")
    if centro_joins_later:
        assert b.sync().ok
        assert a.sync().ok
        with b.station.read() as session:
            assert session.scalar(select(func.count()).select_from(StoreKey)) == 0
    else:
        converge(a, b)
    ana = a.shop.enrol("Ana Lima", phone="11 91234-5678")
    (voucher,) = a.sell("batom", customer=ana, cash=4_990).vouchers_issued
    assert a.sync().ok
    assert _vouchers(b, voucher.code) == 0
    return a, b, ana, voucher.code, voucher.qr, date.fromisoformat(_day(voucher.qr))


def _day(qr: str) -> str:
    day = qr.split("|")[4]
    return f"{day[:4]}-{day[4:6]}-{day[6:]}"


def _vouchers(counter: Counter, code: str) -> int:
    with counter.station.read() as session:
        return int(
            session.scalar(select(func.count()).select_from(Voucher).where(Voucher.code == code))
            or 0
        )


def _written(counter: Counter) -> tuple[int, int, int, int]:
    """Sales, ledger entries, vouchers and customers on the counter's database."""
    with counter.station.read() as session:
        return tuple(  # type: ignore[return-value]
            int(session.scalar(select(func.count()).select_from(table)) or 0)
            for table in (Sale, LedgerEntry, Voucher, Customer)
        )


def _store_uuid(counter: Counter) -> str:
    with counter.station.read() as session:
        return session.scalars(select(Store)).one().uuid


def _key_of(counter: Counter) -> bytes:
    with counter.station.read() as session:
        return bytes(session.scalars(select(Store)).one().signing_key)


def _messages(error: PosError) -> tuple[str, str]:
    return error.message("pt_BR"), error.message("en")


def test_a_voucher_of_another_store_not_pulled_yet_pays_online_once_the_endpoint_verifies_it(
    network: Network,
) -> None:
    a, b, ana, code, qr, _ = _issued_at_centro(network)
    ana_uuid = a.customer_uuid(ana)

    # Shampoo R$ 30,00 at Shopping: Centro's R$ 5,00 voucher, R$ 25,00 cash.
    sale = b.sell("shampoo", voucher=qr, cash=2_500)
    assert dict(sale.payments) == {"voucher": 500, "cash": 2_500}
    with b.station.read() as session:
        voucher = session.scalars(select(Voucher).where(Voucher.code == code)).one()
        assert voucher.status == "redeemed"
        assert voucher.store_uuid == _store_uuid(a)  # Centro's, not announced as Shopping's
        customer = session.get(Customer, voucher.customer_id)
        assert customer is not None and customer.uuid == ana_uuid
        assert customer.name == "Ana Lima"  # the endpoint's name until her upsert arrives
        known = set(session.scalars(select(SyncKnown.uuid).where(SyncKnown.kind == VOUCHER)))
        assert voucher.uuid in known
        assert session.scalar(select(Sale.customer_id).where(Sale.id == sale.sale_id)) == (
            customer.id
        )
    assert b.sync().ok

    # Redeemed on the endpoint: Centro, which still has it open, cannot spend it again.
    with pytest.raises(VoucherUsedElsewhere):
        a.sell("shampoo", customer=ana, voucher=qr, cash=2_500)

    converge(a, b)
    assert _vouchers(a, code) == 1 and _vouchers(b, code) == 1  # the pull added none
    with a.station.read() as session:
        assert session.scalar(select(Voucher.status).where(Voucher.code == code)) == "redeemed"
    with b.station.read() as session:
        assert session.scalar(select(Customer.name).where(Customer.uuid == ana_uuid)) == (
            "Ana Lima"
        )
        assert session.scalar(select(Voucher.store_uuid).where(Voucher.code == code)) == (
            _store_uuid(a)
        )
    assert a.balances() == b.balances()
    assert a.faults() == [] and b.faults() == []


def test_a_voucher_of_another_store_not_pulled_yet_is_refused_offline_in_clear_words(
    network: Network,
) -> None:
    a, b, _, code, qr, _ = _issued_at_centro(network)
    before = _written(b)
    dead = OnlineAuthority(
        b.station, b.client(url="http://127.0.0.1:9"), large_spend_centavos=5_000
    )
    for authority in (None, dead):  # sync off, or the endpoint unreachable
        request = CheckoutRequest(
            staff_id=b.shop.cashier_id,
            lines=[LineRequest(b.shop.items["shampoo"])],
            payments=[
                TenderRequest(Tender.VOUCHER, voucher=qr),
                TenderRequest(Tender.CASH, 2_500),
            ],
        )
        with pytest.raises(ForeignVoucherNotKnown) as refused:
            checkout(b.station, request, authority)
        assert _messages(refused.value) == (
            f"O vale {code} é de outra loja da rede e ainda não é conhecido neste caixa: "
            "sem a confirmação do servidor da rede (conexão), ele não pode ser aceito agora.",
            f"Voucher {code} is from another store of the chain and not known at this "
            "counter yet: without the chain's server confirming it (connection), it cannot "
            "be taken now.",
        )
        with pytest.raises(ForeignVoucherNotKnown):
            preview_voucher(b.station, qr, None, 3_000, authority=authority, sale_uuid=None)
    assert _written(b) == before

    # Once pulled, it is known here and pays offline too.
    converge(a, b)
    sale = b.sell("shampoo", voucher=qr, cash=2_500, online=False)
    assert dict(sale.payments) == {"voucher": 500, "cash": 2_500}


def test_a_qr_another_store_signed_or_altered_is_refused_by_the_endpoint(
    network: Network,
) -> None:
    a, b, _, code, qr, day = _issued_at_centro(network)
    centro = _store_uuid(a)
    with b.station.read() as session:
        centro_key = bytes(session.get(StoreKey, centro).signing_key)  # type: ignore[union-attr]
    assert centro_key == _key_of(a)
    forged = [
        sign_voucher_qr(code, 500, day, centro, _key_of(b)),  # Shopping's key, naming Centro
        sign_voucher_qr(code, 5_000, day, centro, centro_key),  # another value
        sign_voucher_qr(code, 500, day + timedelta(days=90), centro, centro_key),  # a later date
    ]
    before = _written(b)
    for text in forged:
        with pytest.raises(ForgedVoucher) as refused:
            b.sell("shampoo", voucher=text, cash=2_500)
        assert _messages(refused.value) == (
            "QR do vale inválido ou adulterado. O vale não foi aceito.",
            "The voucher QR is invalid or altered. The voucher was not accepted.",
        )
        # The endpoint's own answer, as any client gets it.
        with pytest.raises(Refused) as answered:
            b.default_client.claim_voucher(code, "4f0c5a2e-0000-4000-8000-000000000001", qr=text)
        assert answered.value.code == "forged_voucher"
    assert _written(b) == before  # nothing recorded, and the voucher was not claimed:

    sale = b.sell("shampoo", voucher=qr, cash=2_500)
    assert dict(sale.payments) == {"voucher": 500, "cash": 2_500}
    converge(a, b)
    assert _vouchers(b, code) == 1
    assert a.faults() == [] and b.faults() == []


@pytest.mark.parametrize("centro_joins_later", [False, True], ids=["keys_known", "key_unknown"])
def test_the_sale_screens_voucher_check_learns_it_online_for_the_sale_it_is_claimed_for(
    network: Network, centro_joins_later: bool
) -> None:
    """The screen checks a scanned voucher before checkout (`preview_voucher`, run off the
    GUI thread): online it takes the endpoint's word, claimed for the sale the screen then
    writes with the same uuid and the same QR (verified by the endpoint again when
    Centro's key is not here yet)."""
    a, b, _, code, qr, _ = _issued_at_centro(network, centro_joins_later=centro_joins_later)
    authority = OnlineAuthority(b.station, b.default_client, large_spend_centavos=5_000)
    sale_uuid = "4f0c5a2e-0000-4000-8000-000000000002"
    seen = preview_voucher(b.station, qr, None, 3_000, authority=authority, sale_uuid=sale_uuid)
    assert (seen.code, seen.value) == (code, 500)
    with b.station.read() as session:
        assert session.scalar(select(Customer.name).where(Customer.name == PLACEHOLDER_NAME)) is (
            None
        )
    request = CheckoutRequest(
        staff_id=b.shop.cashier_id,
        lines=[LineRequest(b.shop.items["shampoo"])],
        payments=[TenderRequest(Tender.VOUCHER, voucher=qr), TenderRequest(Tender.CASH, 2_500)],
        sale_uuid=sale_uuid,
    )
    sale = checkout(b.station, request, authority)  # its own claim does not hold it against it
    assert dict(sale.payments) == {"voucher": 500, "cash": 2_500}
    # Centro cannot take it again: held for Shopping's sale until its redeem arrives.
    with pytest.raises(VoucherHeldElsewhere):
        a.sell("shampoo", voucher=qr, cash=2_500)
    converge(a, b)
    assert _vouchers(b, code) == 1
    assert a.faults() == [] and b.faults() == []
