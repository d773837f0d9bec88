"""Vouchers at their edges: one-line bugs in posapp/services/loyalty/vouchers.py that the
rest of the suite let pass (mutation testing, docs/testing.md "Mutation testing").

Each test was run against the bug it targets, put in by hand, and failed. The shop's
clock starts on 2026-03-02 at 13:00 UTC (tests/support.py `MovableClock`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

from hardware.emulator.decoder import decode
from hardware.escpos_render import render_bytes
from posapp.core.codes import (
    new_store_key,
    new_voucher_code,
    sign_voucher_qr,
)
from posapp.core.errors import (
    ForgedVoucher,
    PosError,
    UnknownVoucher,
    VoucherExpired,
    VoucherMinimumNotMet,
    VoucherNotForCustomer,
    VoucherSpent,
)
from posapp.core.presets import preset
from posapp.core.program import LoyaltyProgram, VoucherRule, VoucherTrigger
from posapp.services.admin import loyalty_upkeep
from posapp.services.admin.store import change_program
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.customers import registry as customers
from posapp.services.customers.privacy import export_customer
from posapp.services.sales.receipts import refund_receipt, sale_receipt
from posapp.services.sales.refunds import void
from posapp.services.sales.sale_reads import preview_voucher
from posapp.services.sync.client import PulledEvent
from posapp.services.sync.pull import apply_page
from posapp.services.sync.push import pending_items
from tests.support import MANAGER_PIN, Shop, voucher_code_beginning

MakeShop = Callable[..., Shop]

MARIA_CPF = "529.982.247-25"
BIA_PHONE = "(21) 99876-5432"


def _messages(error: PosError) -> tuple[str, str]:
    """The refusal as the cashier reads it, in pt_BR and in en."""
    return error.message("pt_BR"), error.message("en")


def _paper(receipt: object) -> list[str]:
    [paper] = decode(render_bytes(receipt).data)  # type: ignore[arg-type]
    return list(paper.lines)


def _statement(shop: Shop, customer: int) -> list[tuple[str, int, int | None, str | None]]:
    """The customer's statement as the counter shows it: kind, amount, sale number, voucher."""
    return [
        (row.kind, row.amount, row.sale_number, row.voucher_code)
        for row in customers.history(shop.station, customer)
    ]


def _pull(shop: Shop, *events: tuple[str, dict[str, Any]]) -> None:
    """Apply events as sync pulls them from the chain's endpoint (another store's)."""
    pulled = [
        PulledEvent(
            seq=i,
            uuid=str(uuid.uuid4()),
            kind=kind,
            created_at=shop.clock.moment.isoformat(),
            terminal_uuid=None,
            store_uuid=body.get("store_uuid") or body.get("store"),
            body=body,
        )
        for i, (kind, body) in enumerate(events, start=1)
    ]
    apply_page(shop.station, pulled, len(pulled))


# -- a voucher QR: this store's, another store's of the chain, or nobody's --------------


def _other_store_voucher(shop: Shop, customer: int, value: int) -> tuple[str, bytes, str]:
    """Store "Loja Centro" of the chain joined (sync keeps its key in store_key) and issued
    `customer` a R$ voucher valid 30 days; returns (its store uuid, its key, the QR)."""
    other_uuid, key = str(uuid.uuid4()), new_store_key()
    code = new_voucher_code()
    expires = shop.clock.moment + timedelta(days=30)
    joined = {"store_uuid": other_uuid, "signing_key": key.hex(), "name": "Loja Centro"}
    issued = {
        "uuid": str(uuid.uuid4()),
        "code": code,
        "customer": shop.customer_uuid(customer),
        "kind": "discount",
        "value": value,
        "issued_at": shop.clock.moment.isoformat(),
        "expires_at": expires.isoformat(),
        "store": other_uuid,
    }
    _pull(shop, ("store.joined", joined), ("voucher.issued", issued))
    return other_uuid, key, sign_voucher_qr(code, value, expires.date(), other_uuid, key)


def test_a_qr_of_another_store_of_the_chain_pays_here_once_sync_brought_its_key(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    _, _, qr = _other_store_voucher(shop, maria, 1_000)
    # Shampoo R$ 30,00: the other store's R$ 10,00 voucher, R$ 20,00 by Pix.
    sale = shop.sell("shampoo", customer=maria, voucher=qr, pix=2_000)
    assert dict(sale.payments) == {"voucher": 1_000, "pix": 2_000}
    assert customers.vouchers(shop.station, maria)[0].status == "redeemed"


def test_a_qr_of_a_store_sync_never_announced_is_refused_as_forged(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    _, _, genuine = _other_store_voucher(shop, maria, 1_000)
    # The same voucher, signed by a store uuid no store_key row names, with its own key.
    stranger, stranger_key = str(uuid.uuid4()), new_store_key()
    code, value, day = genuine.split("|")[2:5]
    expires = datetime.strptime(day, "%Y%m%d").date()
    forged = sign_voucher_qr(code, int(value), expires, stranger, stranger_key)
    with pytest.raises(ForgedVoucher) as refused:
        shop.sell("shampoo", customer=maria, voucher=forged, pix=2_000)
    assert _messages(refused.value) == (
        "QR do vale inválido ou adulterado. O vale não foi aceito.",
        "The voucher QR is invalid or altered. The voucher was not accepted.",
    )
    assert customers.vouchers(shop.station, maria)[0].status == "open"


def test_another_store_of_the_chain_cannot_sign_a_qr_for_this_stores_voucher(
    make_shop: MakeShop,
) -> None:
    """Store Centro's key is known here, but a QR of THIS store's voucher must carry this
    store's signature: Centro cannot mint this store's vouchers, whether its QR names this
    store or, signed as it may sign its own, Centro itself."""
    shop = make_shop("cosmetics")  # a R$ 5,00 voucher after a purchase above R$ 20,00
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (ours,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    centro, centro_key, _ = _other_store_voucher(shop, maria, 1_000)
    with shop.station.read() as session:
        here = shop.station.store(session).uuid
    day = ours.expires_at.date()
    naming_here = sign_voucher_qr(ours.code, 500, day, here, centro_key)
    naming_centro = sign_voucher_qr(ours.code, 500, day, centro, centro_key)
    for forged in (naming_here, naming_centro):
        with pytest.raises(ForgedVoucher):
            shop.sell("batom", customer=maria, voucher=forged, pix=4_490)
    assert customers.vouchers(shop.station, maria)[0].status == "open"
    # The genuine QR of the same voucher is taken: R$ 49,90 - R$ 5,00 = R$ 44,90 by Pix.
    sale = shop.sell("batom", customer=maria, voucher=ours.qr, pix=4_490)
    assert dict(sale.payments) == {"voucher": 500, "pix": 4_490}


def test_a_qr_read_only_up_to_its_prefix_is_refused_as_forged(make_shop: MakeShop) -> None:
    """A scanner that read only "PV1" of a damaged QR: refused, not a crash."""
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    with pytest.raises(ForgedVoucher):
        preview_voucher(shop.station, "PV1", maria, 4_990)


def test_a_signed_qr_that_disagrees_with_the_voucher_on_record_is_refused(
    make_shop: MakeShop,
) -> None:
    """Signed with this store's own key, but the value (or the code) is not the record's."""
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    with shop.station.read() as session:
        store = shop.station.store(session)
        here, key = store.uuid, store.signing_key
    day = voucher.expires_at.date()
    worth_more = sign_voucher_qr(voucher.code, 5_000, day, here, key)  # R$ 50 for a R$ 5 voucher
    no_such_code = sign_voucher_qr(new_voucher_code(), 500, day, here, key)
    for qr in (worth_more, no_such_code):
        with pytest.raises(ForgedVoucher):
            shop.sell("vestido", customer=maria, voucher=qr, pix=15_000)
    assert customers.vouchers(shop.station, maria)[0].status == "open"


def test_a_typed_code_no_voucher_has_is_refused_naming_what_was_typed(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    typed = new_voucher_code().lower()  # a well-formed code (check symbol right), not issued
    with pytest.raises(UnknownVoucher) as refused:
        shop.sell("batom", customer=maria, voucher=f"  {typed} ", pix=4_990)
    assert _messages(refused.value) == (
        f"Vale não encontrado: {typed}.",
        f"Voucher not found: {typed}.",
    )


def test_a_voucher_whose_code_begins_like_a_qr_is_taken_typed_or_scanned(
    make_shop: MakeShop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One code in 32 768 begins with "PV1", the voucher QR's own prefix: typed, it was
    taken for a QR and refused as forged (the crash test met one)."""
    code = voucher_code_beginning("PV1")
    codes = iter([code])
    monkeypatch.setattr(
        "posapp.services.loyalty.vouchers.new_voucher_code",
        lambda: next(codes, None) or new_voucher_code(),
    )
    shop = make_shop("cosmetics")  # a R$ 5,00 voucher after a purchase above R$ 20,00
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    assert voucher.code == code
    for typed in (code, code.replace("-", ""), f" {code.lower()}\n"):
        preview = preview_voucher(shop.station, typed, maria, 4_990)
        assert preview.value == 500, typed
    sale = shop.sell("batom", customer=maria, voucher=code.replace("-", " "), pix=4_490)
    assert dict(sale.payments) == {"voucher": 500, "pix": 4_490}
    with pytest.raises(VoucherSpent) as refused:
        shop.sell("batom", customer=maria, voucher=voucher.qr, pix=4_490)
    assert refused.value.message("pt_BR").count(code) == 1


# -- a voucher that cannot be used: the refusal names it --------------------------------


def test_a_voucher_is_no_longer_usable_at_the_very_instant_it_expires(
    make_shop: MakeShop,
) -> None:
    """Fashion: R$ 200,00 at 10 % earns R$ 20,00, which becomes a voucher valid 60 days:
    issued 2026-03-02 13:00 UTC, it expires 2026-05-01 13:00 UTC (29 + 30 + 1 days)."""
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (voucher,) = shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued
    assert voucher.expires_at == shop.clock.moment + timedelta(days=60)

    shop.clock.moment = voucher.expires_at - timedelta(seconds=1)
    assert preview_voucher(shop.station, voucher.code, maria, 3_000).value == 2_000
    shop.clock.moment = voucher.expires_at
    with pytest.raises(VoucherExpired) as refused:
        shop.sell("shampoo", customer=maria, voucher=voucher.code, pix=1_000)
    assert _messages(refused.value) == (
        f"O vale {voucher.code} venceu em 01/05/2026.",
        f"Voucher {voucher.code} expired on 2026-05-01.",
    )


def test_a_used_voucher_is_refused_naming_its_code(make_shop: MakeShop) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (voucher,) = shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued
    shop.sell("shampoo", customer=maria, voucher=voucher.code, pix=1_000)  # R$ 30 - R$ 20
    with pytest.raises(VoucherSpent) as refused:
        shop.sell("shampoo", customer=maria, voucher=voucher.code, pix=1_000)
    assert _messages(refused.value) == (
        f"O vale {voucher.code} já foi usado.",
        f"Voucher {voucher.code} has already been used.",
    )


def test_another_customers_voucher_is_refused_naming_its_code(make_shop: MakeShop) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    bia = shop.enrol("Beatriz Costa", phone=BIA_PHONE)
    (voucher,) = shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued
    with pytest.raises(VoucherNotForCustomer) as refused:
        shop.sell("shampoo", customer=bia, voucher=voucher.code, pix=1_000)
    assert _messages(refused.value) == (
        f"O vale {voucher.code} pertence a outro cliente.",
        f"Voucher {voucher.code} belongs to another customer.",
    )
    # Offered with no customer attached, the voucher names its own holder: accepted.
    assert preview_voucher(shop.station, voucher.code, None, 3_000).value == 2_000


def test_a_voucher_below_its_minimum_is_refused_naming_its_code_and_the_minimum(
    make_shop: MakeShop,
) -> None:
    """Cosmetics: R$ 5,00 voucher usable on purchases from R$ 20,00; shampoo is R$ 30,00
    but dipirona R$ 12,50 is below."""
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    with pytest.raises(VoucherMinimumNotMet) as refused:
        shop.sell("dipirona", customer=maria, voucher=voucher.code, pix=750)
    assert _messages(refused.value) == (
        f"O vale {voucher.code} vale para compras a partir de R$ 20,00.",
        f"Voucher {voucher.code} applies to purchases of R$20.00 or more.",
    )


# -- percent vouchers -------------------------------------------------------------------


def _percent_program(max_discount: int) -> LoyaltyProgram:
    """A purchase above R$ 100,00 gives a 10 % voucher (capped at `max_discount` when not
    0), valid 30 days; 5 % cashback."""
    return LoyaltyProgram(
        key="perfumaria",
        name="Perfumaria: 5% de cashback + vale de 10% após compra acima de R$ 100",
        segment="cosmetics",
        earn_bps=500,
        voucher=VoucherRule(
            trigger=VoucherTrigger.PURCHASE_ABOVE,
            threshold_centavos=10_000,
            percent_bps=1_000,
            max_discount_centavos=max_discount,
            validity_days=30,
        ),
    )


def test_a_percent_voucher_is_capped_at_its_maximum_discount(make_shop: MakeShop) -> None:
    shop = make_shop(_percent_program(max_discount=1_500))
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (voucher,) = shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued
    assert (voucher.value, voucher.percent_bps) == (0, 1_000)
    # Vestido R$ 200,00 again: 10 % is R$ 20,00, capped at R$ 15,00; R$ 185,00 by Pix.
    sale = shop.sell("vestido", customer=maria, voucher=voucher.qr, pix=18_500)
    assert dict(sale.payments) == {"voucher": 1_500, "pix": 18_500}
    paper = _paper(sale_receipt(shop.station, sale.sale_id, CounterSettings(paper_mm=80)))
    assert any("VALE 10% DE DESCONTO" in line for line in paper)  # the new voucher it gave


def test_a_percent_voucher_pays_its_share_below_its_cap_and_without_one(
    make_shop: MakeShop,
) -> None:
    """Corte R$ 80,00: 10 % is R$ 8,00, under a R$ 15,00 cap, and the same with no cap;
    with no cap a R$ 200,00 vestido takes the full R$ 20,00."""
    capped = make_shop(_percent_program(max_discount=1_500))
    uncapped = make_shop(_percent_program(max_discount=0))
    for shop in (capped, uncapped):
        maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
        (voucher,) = shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued
        assert preview_voucher(shop.station, voucher.code, maria, 8_000).value == 800
        sale = shop.sell("corte", customer=maria, voucher=voucher.code, pix=7_200)
        assert dict(sale.payments) == {"voucher": 800, "pix": 7_200}
    bia = uncapped.enrol("Beatriz Costa", phone=BIA_PHONE)
    (second,) = uncapped.sell("vestido", customer=bia, pix=20_000).vouchers_issued
    sale = uncapped.sell("vestido", customer=bia, voucher=second.code, pix=18_000)
    assert dict(sale.payments) == {"voucher": 2_000, "pix": 18_000}


def test_a_fixed_value_rule_wins_over_a_percent_left_in_the_program(
    make_shop: MakeShop,
) -> None:
    """A manager moved the rule from 10 % to a fixed R$ 5,00 and left the percent filled
    in: the vouchers are worth R$ 5,00, whatever the purchase."""
    program = preset("cosmetics").with_changes(
        voucher=VoucherRule(
            trigger=VoucherTrigger.PURCHASE_ABOVE,
            threshold_centavos=2_000,
            value_centavos=500,
            percent_bps=1_000,
            validity_days=30,
        )
    )
    shop = make_shop(program)
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    assert (voucher.value, voucher.percent_bps) == (500, 0)
    # On a R$ 200,00 vestido 10 % would be R$ 20,00: the voucher pays its R$ 5,00.
    sale = shop.sell("vestido", customer=maria, voucher=voucher.code, pix=19_500)
    assert dict(sale.payments) == {"voucher": 500, "pix": 19_500}


def test_a_balance_voucher_is_not_held_to_the_discount_vouchers_minimum(
    make_shop: MakeShop,
) -> None:
    """The manager filled in "usable from R$ 100,00" on a balance-voucher program: that
    minimum is for gift (discount) vouchers; a balance voucher is the customer's own
    cashback and pays any purchase."""
    program = preset("fashion").with_changes(
        voucher=VoucherRule(
            trigger=VoucherTrigger.BALANCE_THRESHOLD,
            threshold_centavos=2_000,
            min_purchase_to_use_centavos=10_000,
            validity_days=60,
        )
    )
    shop = make_shop(program)
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    sold = shop.sell("vestido", customer=maria, pix=20_000)  # 10 % of R$ 200,00: R$ 20,00
    (voucher,) = sold.vouchers_issued
    assert (voucher.value, voucher.min_purchase) == (2_000, 0)
    paper = _paper(sale_receipt(shop.station, sold.sale_id, CounterSettings(paper_mm=80)))
    assert any("VALE R$ 20,00" in line for line in paper)
    assert not any("Em compras a partir de" in line for line in paper)
    # Shampoo R$ 30,00, well under R$ 100,00: R$ 20,00 by the voucher, R$ 10,00 by Pix.
    sale = shop.sell("shampoo", customer=maria, voucher=voucher.code, pix=1_000)
    assert dict(sale.payments) == {"voucher": 2_000, "pix": 1_000}


def test_the_customers_data_export_shows_an_unused_voucher_with_nothing_redeemed(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    (exported,) = export_customer(shop.station, maria)["vouchers"]
    assert exported["code"] == voucher.code
    assert (exported["status"], exported["redeemed_at"], exported["redeemed_amount"]) == (
        "open",
        None,
        0,
    )
    assert (exported["value"], exported["min_purchase"]) == (500, 2_000)


# -- issuing: the ledger rows a voucher writes, and what sync is told -------------------


def test_a_purchase_voucher_moves_no_cashback_and_shows_on_the_statement_with_its_sale(
    make_shop: MakeShop,
) -> None:
    """Cosmetics: batom R$ 49,90 at 10 % earns R$ 4,99 (4,990 x 0.10 = 499), and the
    R$ 5,00 gift voucher is the store's, not taken from nor added to the balance."""
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    sale = shop.sell("batom", customer=maria, pix=4_990)
    (voucher,) = sale.vouchers_issued
    assert sale.earned == 499
    assert customers.account(shop.station, maria).balance.total == 499
    assert _statement(shop, maria) == [
        ("earn", 499, 1, None),
        ("voucher_issue", 0, 1, voucher.code),
    ]
    issue_row = export_customer(shop.station, maria)["ledger"][1]
    assert (issue_row["kind"], issue_row["sale"]) == ("voucher_issue", sale.uuid)


def test_a_balance_voucher_shows_on_the_statement_with_its_sale_and_code(
    make_shop: MakeShop,
) -> None:
    """Fashion: R$ 200,00 at 10 % earns R$ 20,00, all of it turned into the voucher."""
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    sale = shop.sell("vestido", customer=maria, pix=20_000)
    (voucher,) = sale.vouchers_issued
    assert _statement(shop, maria) == [
        ("earn", 2_000, 1, None),
        ("voucher_issue", -2_000, 1, voucher.code),
    ]
    issue_row = export_customer(shop.station, maria)["ledger"][1]
    assert (issue_row["kind"], issue_row["sale"]) == ("voucher_issue", sale.uuid)


def test_sync_announces_each_new_voucher_once_with_its_full_record(make_shop: MakeShop) -> None:
    """What the next push sends the chain's endpoint: one voucher.issued per voucher,
    carrying the voucher's record (so other stores can take it)."""
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    events = [item.event for item in pending_items(shop.station, 100)]
    about_vouchers = [event for event in events if "voucher" in event["kind"].lower()]
    assert [event["kind"] for event in about_vouchers] == ["voucher.issued"]
    body = about_vouchers[0]["body"]
    assert (body["code"], body["kind"], body["value"]) == (voucher.code, "discount", 500)
    assert body["customer"] == shop.customer_uuid(maria)
    assert body["expires_at"] == voucher.expires_at.isoformat()


def test_a_one_centavo_balance_becomes_a_voucher_and_comes_back_when_it_lapses(
    make_shop: MakeShop,
) -> None:
    """A store that turns any balance into a voucher (threshold R$ 0,01): a R$ 0,10 bag at
    10 % earns R$ 0,01, a voucher of R$ 0,01, which lapsing unused gives back."""
    program = preset("fashion").with_changes(
        voucher=VoucherRule(
            trigger=VoucherTrigger.BALANCE_THRESHOLD, threshold_centavos=1, validity_days=60
        ),
    )
    shop = make_shop(program)
    shop.add_item("sacola", "Sacola", 10)
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    sale = shop.sell("sacola", customer=maria, pix=10)
    assert sale.earned == 1
    assert [v.value for v in sale.vouchers_issued] == [1]
    assert customers.account(shop.station, maria).balance.total == 0

    shop.clock.advance(days=61)
    assert loyalty_upkeep.run_daily(shop.station).vouchers_lapsed == 1
    assert customers.account(shop.station, maria).balance.total == 1


# -- a lapsed voucher gives back what it took, lot by lot --------------------------------


def test_a_lapsed_discount_voucher_gives_no_cashback(make_shop: MakeShop) -> None:
    """Cosmetics: batom R$ 49,90 earns R$ 4,99; the R$ 5,00 gift voucher (30 days) lapses:
    it was never cashback, so the balance stays R$ 4,99."""
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    shop.clock.advance(days=31)
    assert loyalty_upkeep.run_daily(shop.station).vouchers_lapsed == 1
    [lapsed] = customers.vouchers(shop.station, maria)
    assert (lapsed.code, lapsed.status) == (voucher.code, "expired")
    assert customers.account(shop.station, maria).balance.total == 499
    assert [row[0] for row in _statement(shop, maria)] == ["earn", "voucher_issue"]


def test_a_lapsed_balance_voucher_taken_from_two_earnings_returns_each_with_its_dates(
    make_shop: MakeShop,
) -> None:
    """Fashion (10 %, a voucher when the balance reaches R$ 20,00, cashback lasts 180
    days): corte R$ 80,00 on day 0 earns R$ 8,00, batom R$ 49,90 on day 10 R$ 4,99, corte
    on day 20 R$ 8,00: 800 + 499 + 800 = R$ 20,99 becomes a voucher on day 20. It lapses
    on day 80: R$ 20,99 comes back as three lots expiring on days 180, 190 and 200."""
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    day0 = shop.clock.moment
    shop.sell("corte", customer=maria, pix=8_000)
    shop.clock.advance(days=10)
    shop.sell("batom", customer=maria, pix=4_990)
    shop.clock.advance(days=10)
    (voucher,) = shop.sell("corte", customer=maria, pix=8_000).vouchers_issued
    assert voucher.value == 2_099

    shop.clock.moment = day0 + timedelta(days=80)
    loyalty_upkeep.run_daily(shop.station)
    balance = customers.account(shop.station, maria).balance
    assert (balance.total, balance.spendable) == (2_099, 2_099)
    assert balance.next_expiry == day0 + timedelta(days=180)
    back = [
        e for e in export_customer(shop.station, maria)["ledger"] if e["kind"] == "voucher_cancel"
    ]
    assert [(e["amount"], e["available_from"], e["expires_at"]) for e in back] == [
        (800, day0.isoformat(), (day0 + timedelta(days=180)).isoformat()),
        (499, (day0 + timedelta(days=10)).isoformat(), (day0 + timedelta(days=190)).isoformat()),
        (800, (day0 + timedelta(days=20)).isoformat(), (day0 + timedelta(days=200)).isoformat()),
    ]
    # On day 181 the first lot is written off, the other two are still there.
    shop.clock.moment = day0 + timedelta(days=180, minutes=1)
    assert loyalty_upkeep.run_daily(shop.station).expired_units == 800
    assert customers.account(shop.station, maria).balance.total == 1_299


def test_two_customers_lapsed_vouchers_each_return_their_own_cashback_dates(
    make_shop: MakeShop,
) -> None:
    """Bia's voucher is issued first (day 0), Maria's on day 30: when both lapse (day 91),
    each gets her own cashback back with her own earning's 180 days."""
    shop = make_shop("fashion")
    bia = shop.enrol("Beatriz Costa", phone=BIA_PHONE)
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    day0 = shop.clock.moment
    shop.sell("vestido", customer=bia, pix=20_000)
    shop.clock.advance(days=30)
    shop.sell("vestido", customer=maria, pix=20_000)

    shop.clock.moment = day0 + timedelta(days=91)
    assert loyalty_upkeep.run_daily(shop.station).vouchers_lapsed == 2
    for customer, earned_on in ((bia, day0), (maria, day0 + timedelta(days=30))):
        balance = customers.account(shop.station, customer).balance
        assert balance.total == 2_000
        assert balance.next_expiry == earned_on + timedelta(days=180)


def test_a_voucher_pulled_without_its_issue_entry_gives_its_whole_value_back_when_it_lapses(
    make_shop: MakeShop,
) -> None:
    """A R$ 15,00 balance voucher of another store of the chain reached this counter by
    sync, its issue entry did not. Maria also earned R$ 8,00 here (corte R$ 80,00 at
    10 %). When the voucher lapses (first nightly run, day 61), R$ 15,00 comes back, once:
    R$ 23,00, over the R$ 20,00 threshold, but the cashback of a voucher that just lapsed
    is not turned straight into a new voucher that night."""
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    code = new_voucher_code()
    issued = {
        "uuid": str(uuid.uuid4()),
        "code": code,
        "customer": shop.customer_uuid(maria),
        "kind": "balance",
        "value": 1_500,
        "issued_at": shop.clock.moment.isoformat(),
        "expires_at": (shop.clock.moment + timedelta(days=60)).isoformat(),
        "store": str(uuid.uuid4()),
    }
    _pull(shop, ("voucher.issued", issued))
    shop.sell("corte", customer=maria, pix=8_000)
    shop.clock.advance(days=61)
    run = loyalty_upkeep.run_daily(shop.station)
    assert (run.vouchers_lapsed, run.vouchers_issued) == (1, 0)
    assert customers.account(shop.station, maria).balance.total == 2_300
    assert _statement(shop, maria) == [
        ("earn", 800, 1, None),
        ("voucher_cancel", 1_500, None, code),
    ]
    assert customers.history(shop.station, maria)[1].note == (
        "vale vencido sem uso: cashback de volta ao saldo"
    )


def test_a_void_that_reopens_a_lapsed_voucher_records_the_return_on_the_void(
    make_shop: MakeShop,
) -> None:
    """Maria's R$ 20,00 voucher (from sale 1) paid part of sale 2 on day 50; sale 2 is
    voided on day 70, past the voucher's 60 days: the voucher lapses at once and its
    R$ 20,00 comes back, written as part of the void of sale 2, with a note saying why."""
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    first = shop.sell("vestido", customer=maria, pix=20_000)
    (voucher,) = first.vouchers_issued
    shop.clock.advance(days=50)
    paid = shop.sell("shampoo", customer=maria, voucher=voucher.code, pix=1_000)
    shop.clock.advance(days=20)
    undone = void(shop.station, paid.sale_id, shop.cashier_id, MANAGER_PIN, "desistiu")

    rows = customers.history(shop.station, maria)
    (back,) = [row for row in rows if row.kind == "voucher_cancel"]
    assert (back.amount, back.sale_number, back.voucher_code) == (2_000, 2, voucher.code)
    assert back.note == "vale vencido sem uso: cashback de volta ao saldo"
    (exported,) = [
        e for e in export_customer(shop.station, maria)["ledger"] if e["kind"] == "voucher_cancel"
    ]
    assert exported["sale"] == paid.uuid
    paper = _paper(refund_receipt(shop.station, undone.refund_id, CounterSettings(paper_mm=80)))
    printed = " ".join(line.strip() for line in paper)
    assert (
        f"Vale vencido: {voucher.code} (reaberto após a validade; R$ 20,00 de volta ao saldo)"
        in printed
    )
    assert printed.count(voucher.code) == 1  # not "reaberto", then "cancelado"
    # Sale 2 earned 10 % of its R$ 10,00 by Pix (R$ 1,00), taken back: R$ 20,00 is left.
    assert any("Saldo de cashback agora" in line and "R$ 20,00" in line for line in paper)


def test_a_void_reopening_a_discount_voucher_past_its_date_prints_it_expired(
    make_shop: MakeShop,
) -> None:
    """Cosmetics: above R$ 20,00 a purchase gives a R$ 5,00 discount voucher valid 30 days.
    It pays part of a shampoo on day 20; the shampoo's sale is voided on day 40: the voucher
    comes back already past its date, so the void's receipt says it expired (no cashback in
    it to give back), in pt_BR and in English, not that it is open again."""
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (voucher,) = shop.sell("batom", "shampoo", customer=maria, pix=7_990).vouchers_issued
    shop.clock.advance(days=20)
    paid = shop.sell("shampoo", customer=maria, voucher=voucher.code, pix=2_500)
    shop.clock.advance(days=20)
    undone = void(shop.station, paid.sale_id, shop.cashier_id, MANAGER_PIN, "desistiu")
    assert undone.vouchers_reopened == (voucher.code,)
    assert customers.account(shop.station, maria).open_vouchers == ()

    def printed(language: str) -> str:
        settings = CounterSettings(paper_mm=80, language=language)
        return " ".join(
            line.strip()
            for line in _paper(refund_receipt(shop.station, undone.refund_id, settings))
        )

    assert f"Vale vencido: {voucher.code} (reaberto após a validade)" in printed("pt_BR")
    assert f"Voucher expired: {voucher.code} (reopened past its date)" in printed("en")
    assert "reaberto:" not in printed("pt_BR")


def test_a_lapsed_gift_voucher_does_not_hold_back_a_balance_voucher_due_the_same_night(
    make_shop: MakeShop,
) -> None:
    """A cosmetics store (gift vouchers) moves to the fashion program (a voucher when the
    balance reaches R$ 20,00). Maria bought a R$ 200,00 vestido (R$ 20,00 cashback, and a
    R$ 5,00 gift voucher for 30 days) before; the first nightly run after the gift voucher
    lapsed turns her R$ 20,00 into a voucher all the same."""
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (gift,) = shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued
    change_program(
        shop.station, preset("fashion"), staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    shop.clock.advance(days=31)
    run = loyalty_upkeep.run_daily(shop.station)
    assert (run.vouchers_lapsed, run.vouchers_issued) == (1, 1)
    [still_open] = customers.account(shop.station, maria).open_vouchers
    assert (still_open.kind, still_open.value) == ("balance", 2_000)
    assert still_open.code != gift.code
