"""The cashback ledger read back, and `db verify` naming each kind of tampering (issue 23).

Edges of posapp/services/loyalty/ledger.py and verify.py where a one-line bug once left
every selected test green: a customer search showing each found customer's own balance,
the balance on a sale's result when the sale both spends and earns, cashback that never
expires, the referrer's bonus per referred customer, and each fault and notice of
`db verify` with its words in pt_BR and en. Each test was run against the bug it targets,
put in by hand, and failed.

Three tests were written as strict xfails against bugs they found, since fixed in
`verify.py`: a reached anchor's entry number said twice, a moved anchor said lost, and an
entry re-chained with its key name wiped only counted as signed elsewhere.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Customer, LedgerEntry
from posapp.core.ledger import GENESIS_HASH, EntryKind, chain_hash
from posapp.core.presets import preset
from posapp.services.cash.reports import z_report
from posapp.services.cash.shifts import close_shift, open_shift
from posapp.services.common.station import Station, open_station
from posapp.services.customers import registry as customers
from posapp.services.customers.adjustments import adjust
from posapp.services.customers.history import referrals
from posapp.services.customers.registry import Enrolment, account, enrol
from posapp.services.loyalty.ledger import Book, Refs, entry_record
from posapp.services.loyalty.ledger_key import forget_cached_keys
from posapp.services.loyalty.verify import Anchor, Fault, Verdict, verify_all
from posapp.services.sales.refunds import RefundRequest, refund
from tests.support import MANAGER_PIN, MovableClock, Shop

MakeShop = Callable[..., Shop]

WEEK_PENDING = replace(preset("salon"), pending_days=7, expiry_days=180)
"""Salon: 10 % back on services, nothing on products; here spendable 7 days after the
sale and expiring 180 days after that."""


# -- helpers ---------------------------------------------------------------------------


@contextmanager
def reopened(shop: Shop, *statements: str) -> Iterator[Station]:
    """Apply raw SQL behind the app's back (the append-only guards dropped), then reopen."""
    path: Path = shop.station.path
    shop.station.close()
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TRIGGER IF EXISTS ledger_entry_no_update")
        connection.execute("DROP TRIGGER IF EXISTS ledger_entry_no_delete")
        for statement in statements:
            connection.execute(statement)
    connection.close()
    station = open_station(path, clock=shop.clock)
    try:
        yield station
    finally:
        station.close()


def said(faults: tuple[Fault, ...]) -> list[tuple[str, str]]:
    """What `db verify` prints for each fault or notice, in Portuguese and in English."""
    return [(fault.message("pt_BR"), fault.message("en")) for fault in faults]


def entries(station: Station) -> list[LedgerEntry]:
    with station.read() as session:
        return list(session.scalars(select(LedgerEntry).order_by(LedgerEntry.id)))


def terminal_of(station: Station) -> str:
    with station.read() as session:
        return station.terminal(session).uuid


def two_sales(make_shop: MakeShop) -> tuple[Shop, int]:
    """Salon, 10 % back on services: Bela's cut (R$ 80,00 earns R$ 8,00) and manicure
    (R$ 35,00 earns R$ 3,50): two entries, seq 1 and 2, R$ 11,50 on her balance."""
    shop = make_shop("salon")
    bela = shop.enrol("Bela Nunes", cpf="529.982.247-25")
    assert shop.sell("corte", customer=bela, pix=8_000).earned == 800
    assert shop.sell("manicure", customer=bela, pix=3_500).earned == 350
    assert verify_all(shop.station) == Verdict((), ())
    return shop, bela


# -- the customer search shows each found customer's own balance --------------------------


def test_the_search_shows_each_found_customers_balance_spendable_pending_and_expiry(
    make_shop: MakeShop,
) -> None:
    shop = make_shop(WEEK_PENDING)
    start = shop.clock()
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    bia = shop.enrol("Bia Souza", phone="(21) 99876-5432")
    carla = shop.enrol("Carla Souza", phone="(31) 99123-4567")
    shop.sell("corte", customer=ana, pix=8_000)  # R$ 8,00, spendable from day 7
    shop.clock.advance(days=8)
    second = shop.sell("corte", customer=ana, pix=8_000)  # R$ 8,00 more, pending a week
    shop.sell("manicure", customer=ana, pix=3_500)  # R$ 3,50, pending a week
    shop.sell("manicure", customer=bia, pix=3_500)  # R$ 3,50, pending a week
    shop.sell("shampoo", customer=carla, pix=3_000)  # a product: 0 % in a salon
    back = refund(
        shop.station, RefundRequest(second.sale_id, shop.cashier_id, MANAGER_PIN, "desistiu")
    )
    # The refund takes back the R$ 8,00 the refunded cut earned, from that cut's own
    # (still pending) lot, not from the first cut's spendable one.
    assert back.cashback_reversed == 800

    page = customers.search_with_balances(shop.station, "souza")
    found = {summary.name: balance for summary, balance in page.found}
    assert set(found) == {"Ana Souza", "Bia Souza", "Carla Souza"}
    ana_now, bia_now, carla_now = found["Ana Souza"], found["Bia Souza"], found["Carla Souza"]
    # Ana: 800 + 800 + 350 - 800 = R$ 11,50; the first cut's R$ 8,00 spendable (it expires
    # 7 + 180 days after it was earned), the manicure's R$ 3,50 pending.
    assert (ana_now.total, ana_now.spendable, ana_now.pending) == (1_150, 800, 350)
    assert ana_now.next_expiry == start + timedelta(days=7 + 180)
    assert ana_now.expiring_soon == 0  # 179 days away, not within 30
    assert (bia_now.total, bia_now.spendable, bia_now.pending) == (350, 0, 350)
    assert bia_now.next_expiry is None  # nothing spendable yet
    assert (carla_now.total, carla_now.spendable, carla_now.pending) == (0, 0, 0)
    # The same as each customer's own account shows.
    for customer_id, balance in ((ana, ana_now), (bia, bia_now), (carla, carla_now)):
        assert account(shop.station, customer_id).balance == balance
    assert customers.search_with_balances(shop.station, "nobody").found == ()
    # Carla's shampoo earned nothing and wrote no entry: the file is still sound.
    assert verify_all(shop.station) == Verdict((), ())


# -- a sale that spends and earns: the balance on its result ----------------------------


def test_a_sale_paid_partly_with_cashback_shows_the_new_cashback_as_pending_on_its_result(
    make_shop: MakeShop,
) -> None:
    shop = make_shop(WEEK_PENDING)
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    shop.sell("corte", customer=ana, pix=8_000)  # R$ 8,00, spendable from day 7
    shop.clock.advance(days=8)
    # A second cut: R$ 8,00 of cashback and R$ 72,00 by Pix; 10 % of the R$ 72,00 paid
    # in money earns R$ 7,20, spendable only in a week.
    sale = shop.sell("corte", customer=ana, cashback=800, pix=7_200)
    assert (sale.redeemed, sale.earned) == (800, 720)
    assert sale.balance is not None
    assert (sale.balance.total, sale.balance.spendable, sale.balance.pending) == (720, 0, 720)
    assert sale.balance.next_expiry is None
    assert account(shop.station, ana).balance == sale.balance


def test_cashback_spent_and_earned_in_one_sale_leaves_a_balance_expiring_in_180_days(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")  # no pending days: spendable at once, 180 days to use it
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    shop.sell("corte", customer=ana, pix=8_000)  # R$ 8,00
    shop.clock.advance(days=10)
    # Manicure R$ 35,00: R$ 8,00 of cashback, R$ 27,00 by Pix earns R$ 2,70.
    sale = shop.sell("manicure", customer=ana, cashback=800, pix=2_700)
    assert (sale.redeemed, sale.earned) == (800, 270)
    assert sale.balance is not None
    assert (sale.balance.total, sale.balance.spendable, sale.balance.pending) == (270, 270, 0)
    assert sale.balance.next_expiry == shop.clock() + timedelta(days=180)
    assert account(shop.station, ana).balance == sale.balance


def test_cashback_of_a_program_without_expiry_is_spendable_at_once_and_never_expires(
    make_shop: MakeShop,
) -> None:
    shop = make_shop(replace(preset("salon"), expiry_days=0))
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    sale = shop.sell("corte", customer=ana, pix=8_000)  # R$ 80,00 at 10 %: R$ 8,00
    assert sale.balance is not None
    assert (sale.balance.spendable, sale.balance.next_expiry) == (800, None)
    shop.clock.advance(days=1_000)
    later = account(shop.station, ana).balance
    assert (later.total, later.spendable, later.expiring_soon) == (800, 800, 0)


def test_a_first_purchase_with_a_goodwill_credit_turns_both_new_credits_into_one_voucher(
    make_shop: MakeShop,
) -> None:
    """Pharmacy, 5 % back, a voucher for each full R$ 5,00 of spendable balance, R$ 5,00 to a
    referred customer on a first purchase of R$ 30,00 or more."""
    shop = make_shop("pharmacy")
    ana = enrol(shop.station, Enrolment(name="Ana Souza", cpf="529.982.247-25"))
    bia = enrol(
        shop.station,
        Enrolment(name="Bia Lima", phone="(21) 99876-5432", referred_by_code=ana.referral_code),
    )
    goodwill = adjust(
        shop.station,
        customer_id=bia.id,
        units=400,
        reason="cortesia",
        staff_id=shop.cashier_id,
        manager_pin=MANAGER_PIN,
    )
    assert goodwill.spendable == 400  # R$ 4,00: below R$ 5,00, no voucher yet
    # The ledger keeps who gave it and why, for the manager's and the accountant's eyes.
    (credit,) = entries(shop.station)
    assert (credit.kind, credit.amount, credit.staff_id, credit.note) == (
        "adjust",
        400,
        shop.cashier_id,
        "cortesia",
    )
    # The R$ 200,00 dress: R$ 4,00 of cashback, R$ 196,00 by Pix. 5 % of R$ 196,00 earns
    # R$ 9,80, and the first purchase R$ 5,00: R$ 14,80 spendable, so a R$ 10,00 voucher
    # (two full R$ 5,00) and R$ 4,80 left on the balance.
    sale = shop.sell("vestido", customer=bia.id, cashback=400, pix=19_600)
    assert (sale.redeemed, sale.earned, sale.referral_bonus) == (400, 980, 500)
    assert [voucher.value for voucher in sale.vouchers_issued] == [1_000]
    assert sale.balance is not None and sale.balance.total == 480
    assert account(shop.station, bia.id).balance.total == 480


# -- the referrer's bonus, per referred customer ----------------------------------------


def test_the_referrer_sees_the_bonus_each_referred_customer_earned_them(
    make_shop: MakeShop,
) -> None:
    """Pharmacy: a first purchase of R$ 30,00 or more by a referred customer gives them
    R$ 5,00 and their referrer R$ 10,00."""
    shop = make_shop("pharmacy")
    ana = enrol(shop.station, Enrolment(name="Ana Souza", cpf="529.982.247-25"))
    bia = enrol(
        shop.station,
        Enrolment(name="Bia Lima", phone="(21) 99876-5432", referred_by_code=ana.referral_code),
    )
    cris = enrol(
        shop.station,
        Enrolment(name="Cris Dias", phone="(31) 99123-4567", referred_by_code=ana.referral_code),
    )
    assert shop.sell("batom", customer=bia.id, pix=4_990).referral_bonus == 500  # Bia's own
    assert shop.sell("dipirona", customer=cris.id, pix=1_250).referral_bonus == 0  # < R$ 30
    found = {r.name: (r.purchases, r.bonus) for r in referrals(shop.station, ana.id)}
    assert found == {"Bia Lima": (1, 1_000), "Cris Dias": (1, 0)}


# -- db verify: an honest file, and each kind of tampering with its words -----------------


def test_an_honest_day_is_verified_with_no_fault_and_nothing_left_unchecked(
    make_shop: MakeShop,
) -> None:
    """Cosmetics, 10 % back, a R$ 5,00 voucher for a purchase above R$ 20,00."""
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    joana = shop.enrol("Joana Reis", cpf="390.533.447-05")
    # R$ 49,90 paid with R$ 50,00 cash, R$ 0,10 change: earns R$ 4,99 and a voucher.
    first = shop.sell("batom", customer=maria, cash=5_000)
    assert (first.change, first.earned, len(first.vouchers_issued)) == (10, 499, 1)
    # The voucher pays R$ 5,00 of a R$ 30,00 shampoo: redeemed, with its ledger entry.
    shop.sell("shampoo", customer=maria, voucher=first.vouchers_issued[0].qr, pix=2_500)
    shop.sell("dipirona", pix=1_250)  # no customer: earns nothing, no entry
    # Joana's R$ 1,25 back (10 % of R$ 12,50) goes back with the refund: her balance is 0.
    bought = shop.sell("dipirona", customer=joana, pix=1_250)
    refund(shop.station, RefundRequest(bought.sale_id, shop.cashier_id, MANAGER_PIN, "troca"))
    assert account(shop.station, joana).balance.total == 0
    assert verify_all(shop.station) == Verdict(faults=(), notices=())


def test_an_amount_edited_behind_the_program_names_the_entry_and_both_sums(
    make_shop: MakeShop,
) -> None:
    shop, bela = two_sales(make_shop)
    first = entries(shop.station)[0]
    with reopened(shop, "UPDATE ledger_entry SET amount = 8000 WHERE seq = 1") as station:
        verdict = verify_all(station)
    # Bela's R$ 8,00 made R$ 80,00: the entry's hash and this counter's signature no
    # longer match it, and her stored R$ 11,50 is not the R$ 83,50 of her entries.
    assert said(verdict.faults) == [
        (
            f"Lançamento {first.uuid}: conteúdo alterado, o hash não confere (seq 1).",
            f"Entry {first.uuid}: content altered, the hash does not match (seq 1).",
        ),
        (
            f"Lançamento {first.uuid}: a assinatura deste caixa não confere; o extrato foi "
            "alterado e recalculado fora do programa (seq 1).",
            f"Entry {first.uuid}: this counter's signature does not match; the ledger was "
            "altered and re-chained outside the program (seq 1).",
        ),
        (
            f"Cliente {bela}: saldo gravado difere da soma dos lançamentos "
            "(gravado 1150, soma 8350).",
            f"Customer {bela}: stored balance differs from the sum of its entries "
            "(gravado 1150, soma 8350).",
        ),
        (  # and the cut's sale says it earned R$ 8,00, not the R$ 80,00 now in the ledger
            "Venda nº 1: cashback gerado difere do lançado (venda 800, itens 800, extrato 8000).",
            "Sale nº 1: cashback earned differs from the ledger (venda 800, itens 800, "
            "extrato 8000).",
        ),
    ]
    assert verdict.notices == ()


def test_a_deleted_entry_breaks_the_sequence_and_the_next_entrys_link(
    make_shop: MakeShop,
) -> None:
    shop, bela = two_sales(make_shop)
    shop.sell("corte", customer=bela, pix=8_000)  # seq 3, R$ 8,00 more: R$ 19,50
    terminal = terminal_of(shop.station)
    third = entries(shop.station)[2]
    with reopened(shop, "DELETE FROM ledger_entry WHERE seq = 2") as station:
        verdict = verify_all(station)
    # The manicure's R$ 3,50 is gone: the chain goes 1, 3; entry 3 points at entry 2.
    assert said(verdict.faults) == [
        (
            f"Cadeia do terminal {terminal}: sequência quebrada (esperado 2, achado 3).",
            f"Chain of terminal {terminal}: broken sequence (esperado 2, achado 3).",
        ),
        (
            f"Lançamento {third.uuid}: não aponta para o lançamento anterior (seq 3).",
            f"Entry {third.uuid}: does not point at the previous entry (seq 3).",
        ),
        (
            f"Cliente {bela}: saldo gravado difere da soma dos lançamentos "
            "(gravado 1950, soma 1600).",
            f"Customer {bela}: stored balance differs from the sum of its entries "
            "(gravado 1950, soma 1600).",
        ),
        (  # and the manicure's sale earned R$ 3,50 the ledger no longer has
            "Venda nº 2: cashback gerado difere do lançado (venda 350, itens 350, extrato 0).",
            "Sale nº 2: cashback earned differs from the ledger (venda 350, itens 350, extrato 0).",
        ),
    ]


def test_an_entry_stripped_of_its_signature_after_a_signed_one_is_a_fault(
    make_shop: MakeShop,
) -> None:
    shop, _ = two_sales(make_shop)
    second = entries(shop.station)[1]
    with reopened(shop, "UPDATE ledger_entry SET mac = NULL WHERE seq = 2") as station:
        verdict = verify_all(station)
    assert said(verdict.faults) == [
        (
            f"Lançamento {second.uuid}: sem a assinatura deste caixa, gravado depois que ela "
            "passou a existir (seq 2).",
            f"Entry {second.uuid}: without this counter's signature, written after it existed "
            "(seq 2).",
        )
    ]


def test_unsigned_entries_older_than_the_key_are_said_not_judged(make_shop: MakeShop) -> None:
    """A file from before the signature existed: its first entries carry no MAC.

    The shop's clock (March 2026) is before the moment this machine's key was made (the
    real clock, when the first entry was signed), so those entries predate the key."""
    shop, _ = two_sales(make_shop)
    shop.sell("corte", customer=1, pix=8_000)  # seq 3, signed
    with reopened(shop, "UPDATE ledger_entry SET mac = NULL WHERE seq IN (1, 2)") as station:
        verdict = verify_all(station)
    assert verdict.faults == ()
    assert said(verdict.notices) == [
        (
            "2 lançamento(s) gravados antes da assinatura existir: conferidos só pela "
            "cadeia de hash.",
            "2 entry(ies) written before the signature existed: checked by the hash chain only.",
        )
    ]


def test_an_unsigned_first_entry_written_after_the_key_existed_is_a_fault(
    make_shop: MakeShop, clock: MovableClock
) -> None:
    clock.moment = datetime(2099, 3, 2, 13, 0, tzinfo=UTC)  # long after the key was made
    shop, _ = two_sales(make_shop)
    first = entries(shop.station)[0]
    with reopened(shop, "UPDATE ledger_entry SET mac = NULL WHERE seq = 1") as station:
        verdict = verify_all(station)
    assert [fault.code for fault in verdict.faults] == ["chain_unsigned"]
    assert verdict.faults[0].message("en") == (
        f"Entry {first.uuid}: without this counter's signature, written after it existed (seq 1)."
    )
    assert verdict.notices == ()


def test_entries_pointed_at_a_customer_that_does_not_exist_are_named_each(
    make_shop: MakeShop,
) -> None:
    shop, bela = two_sales(make_shop)
    first, second = entries(shop.station)
    with reopened(shop, "UPDATE ledger_entry SET customer_id = 999") as station:
        verdict = verify_all(station)
    # Both entries now belong to no customer: each is named, customer 999 has R$ 11,50 of
    # entries and no stored balance, and Bela a stored R$ 11,50 with no entries.
    assert said(verdict.faults) == [
        (
            f"Lançamento {entry.uuid}: o cliente ligado a ele não é o cliente do lançamento "
            f"(seq {entry.seq}).",
            f"Entry {entry.uuid}: the customer it is linked to is not the customer of the "
            f"entry (seq {entry.seq}).",
        )
        for entry in (first, second)
    ] + [
        (
            f"Cliente {bela}: saldo gravado difere da soma dos lançamentos (gravado 1150, soma 0).",
            f"Customer {bela}: stored balance differs from the sum of its entries "
            "(gravado 1150, soma 0).",
        ),
        (
            "Cliente 999: saldo gravado difere da soma dos lançamentos (gravado 0, soma 1150).",
            "Customer 999: stored balance differs from the sum of its entries "
            "(gravado 0, soma 1150).",
        ),
    ]


def test_a_negative_balance_is_a_fault_unless_an_open_sync_conflict_explains_it(
    make_shop: MakeShop,
) -> None:
    shop, bela = two_sales(make_shop)
    with shop.station.read() as session:
        customer = session.get(Customer, bela)
        assert customer is not None
        bela_uuid = customer.uuid
    # Her R$ 8,00 made -R$ 12,50, and the stored balance patched to match: -1250 + 350.
    edits = (
        "UPDATE ledger_entry SET amount = -1250 WHERE seq = 1",
        "UPDATE customer_balance SET units = -900",
    )
    with reopened(shop, *edits) as station:
        verdict = verify_all(station)
    faults = [fault.code for fault in verdict.faults]
    assert faults == ["chain_hash", "chain_mac", "balance_negative", "sale_earned"]
    assert said(verdict.faults[2:3]) == [
        (
            f"Cliente {bela}: saldo negativo, que o programa não permite (-900).",
            f"Customer {bela}: negative balance, which the program does not allow (-900).",
        )
    ]
    conflict = (
        "INSERT INTO sync_conflict (kind, customer_uuid, amount, created_at, status) "
        f"VALUES ('overdraft', '{bela_uuid}', 900, '2026-03-02 13:00:00', 'open')"
    )
    with reopened(shop, conflict) as station:
        verdict = verify_all(station)
    assert [fault.code for fault in verdict.faults] == ["chain_hash", "chain_mac", "sale_earned"]
    assert said(verdict.notices) == [
        (
            f"Cliente {bela}: saldo negativo por uso offline em dois caixas; é uma divergência "
            "aberta da sincronização, para o gerente resolver, não um defeito (-900).",
            f"Customer {bela}: negative balance from offline use at two counters; an open sync "
            "conflict for a manager to settle, not corruption (-900).",
        )
    ]
    settled = "UPDATE sync_conflict SET status = 'resolved'"
    with reopened(shop, settled) as station:
        codes = [fault.code for fault in verify_all(station).faults]
    assert codes == ["chain_hash", "chain_mac", "balance_negative", "sale_earned"]


def test_a_sale_that_does_not_add_up_is_named_by_its_number_with_both_sums(
    make_shop: MakeShop,
) -> None:
    shop, _ = two_sales(make_shop)
    cash = shop.sell("batom", cash=5_000)  # nº 3: R$ 49,90 with R$ 50,00, R$ 0,10 change
    assert (cash.number, cash.change) == (3, 10)
    edits = (
        "UPDATE sale_line SET net = net - 1 WHERE sale_id = 1",  # the cut: R$ 79,99
        "UPDATE sale_payment SET amount = amount + 5 WHERE sale_id = 2",  # R$ 35,05 paid
        "UPDATE sale SET earned = earned + 1 WHERE id = 2",  # says it earned R$ 3,51
    )
    with reopened(shop, *edits) as station:
        verdict = verify_all(station)
    assert said(verdict.faults) == [
        (
            "Venda nº 1: itens não somam o total (itens 7999, total 8000).",
            "Sale nº 1: lines do not add up to the total (itens 7999, total 8000).",
        ),
        (
            "Venda nº 2: pagamentos menos troco não somam o total (pago 3505, total 3500).",
            "Sale nº 2: payments less change do not add up to the total (pago 3505, total 3500).",
        ),
        (
            "Venda nº 2: cashback gerado difere do lançado (venda 351, itens 350, extrato 350).",
            "Sale nº 2: cashback earned differs from the ledger (venda 351, itens 350, "
            "extrato 350).",
        ),
    ]


def test_a_voucher_marked_used_without_its_ledger_entry_is_named_by_its_code(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    with reopened(shop, "UPDATE voucher SET status = 'redeemed'") as station:
        verdict = verify_all(station)
    assert said(verdict.faults) == [
        (
            f"Vale {voucher.code}: usado sem lançamento de uso no extrato.",
            f"Voucher {voucher.code}: used without a redemption entry in the ledger.",
        )
    ]
    # Unless asked otherwise, `db verify` speaks the store's language, Portuguese.
    assert verdict.faults[0].message() == said(verdict.faults)[0][0]


def test_entries_of_another_counter_are_counted_and_checked_by_their_own_chain(
    make_shop: MakeShop,
) -> None:
    """Two entries another counter wrote for Bela (as sync pulls them): their own chain,
    seq 1 and 2 from the genesis hash, beside this counter's; only counted, not signed here."""
    shop, bela = two_sales(make_shop)
    other = "ffffffff-0000-4000-8000-000000000001"  # sorts after this counter's chain
    with shop.station.write() as session:
        customer = session.get(Customer, bela)
        assert customer is not None
        book = Book(session, other, shop.clock())
        book.append(customer, EntryKind.ADJUST, 100, Refs(note="outro caixa"))
        book.append(customer, EntryKind.ADJUST, -50, Refs(note="outro caixa"))
    verdict = verify_all(shop.station)
    assert verdict.faults == ()
    assert said(verdict.notices) == [
        (
            "2 lançamento(s) de outros caixas (recebidos pela sincronização): conferidos "
            "pela cadeia de hash; a assinatura deles só o caixa de origem confere (SHA-256).",
            "2 entry(ies) of other counters (pulled by sync): checked by their hash chain; "
            "only their own counter can check their signature (SHA-256).",
        )
    ]
    assert account(shop.station, bela).balance.total == 800 + 350 + 100 - 50


def test_a_copy_on_a_computer_without_the_key_says_how_many_entries_and_which_key(
    make_shop: MakeShop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop, _ = two_sales(make_shop)
    key_id = entries(shop.station)[0].mac_key
    assert key_id
    monkeypatch.setenv("POSAPP_CONFIG_DIR", str(tmp_path / "another-computer"))
    forget_cached_keys()
    verdict = verify_all(shop.station)
    assert verdict.faults == ()
    assert said(verdict.notices) == [
        (
            f"2 lançamento(s) deste caixa assinados com a chave {key_id}, que não está neste "
            "computador: a assinatura deles não pôde ser conferida aqui.",
            f"2 entry(ies) of this counter signed with key {key_id}, which is not on this "
            "computer: their signature could not be checked here.",
        )
    ]


def test_an_entry_whose_key_name_was_wiped_is_a_fault(make_shop: MakeShop) -> None:
    """The entry's signature is there, the name of the key that made it is not: no honest
    write leaves a signature without its key's name, so `db verify` calls it a fault
    rather than an entry it cannot check here (which would hide a re-chained edit)."""
    shop, _ = two_sales(make_shop)
    with shop.station.read() as session:
        second = session.scalars(select(LedgerEntry.uuid).where(LedgerEntry.seq == 2)).one()
    with reopened(shop, "UPDATE ledger_entry SET mac_key = NULL WHERE seq = 2") as station:
        verdict = verify_all(station)
    assert [(fault.code, fault.subject, fault.detail) for fault in verdict.faults] == [
        ("chain_mac", second, "seq 2")
    ]
    assert said(verdict.notices) == []


@pytest.mark.parametrize(
    ("days_ahead", "judged"),
    [(0, False), (365 * 73, True)],
    ids=["written-before-this-computers-key", "written-after-it"],
)
def test_another_keys_name_is_judged_only_on_entries_written_after_this_computers_key(
    make_shop: MakeShop, days_ahead: int, judged: bool
) -> None:
    """The key file is made (real time) at the first sale. Entries dated before it (the
    test clock's March 2026) may honestly carry another computer's key: said, not judged.
    Entries dated after it (the clock moved to 2099) can only have been signed here, so
    another key's name on one is a bad signature."""
    shop = make_shop("salon")
    shop.clock.advance(days=days_ahead)
    bela = shop.enrol("Bela Nunes", cpf="529.982.247-25")
    shop.sell("corte", customer=bela, pix=8_000)
    shop.sell("manicure", customer=bela, pix=3_500)
    with shop.station.read() as session:
        second = session.scalars(select(LedgerEntry.uuid).where(LedgerEntry.seq == 2)).one()
    with reopened(shop, "UPDATE ledger_entry SET mac_key = 'k-outro' WHERE seq = 2") as station:
        verdict = verify_all(station)
    if judged:
        assert [(f.code, f.subject) for f in verdict.faults] == [("chain_mac", second)]
        assert verdict.notices == ()
    else:
        assert verdict.faults == ()
        assert [(f.code, f.subject, f.detail) for f in verdict.notices] == [
            ("keyed_elsewhere", "1", "k-outro")
        ]


def test_cashback_moved_and_re_chained_is_a_fault_even_with_the_key_name_wiped(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    bela = shop.enrol("Bela Nunes", cpf="529.982.247-25")
    ana = shop.enrol("Ana Reis", cpf="390.533.447-05")
    shop.sell("corte", customer=bela, pix=8_000)
    shop.sell("manicure", customer=ana, pix=3_500)
    with shop.station.read() as session:
        ana_uuid = session.scalars(select(Customer.uuid).where(Customer.id == ana)).one()
    # As an attacker with the file and the source would: Bela's R$ 8,00 becomes Ana's, the
    # SHA-256 chain is recomputed with the program's own functions, the balances patched
    # to match, and the name of the signing key wiped from every re-chained entry.
    statements = [
        f"UPDATE ledger_entry SET customer_id = {ana}, customer_uuid = '{ana_uuid}' WHERE seq = 1",
        f"UPDATE customer_balance SET units = 0 WHERE customer_id = {bela}",
        f"UPDATE customer_balance SET units = 1150 WHERE customer_id = {ana}",
        "UPDATE ledger_entry SET mac_key = NULL",
    ]
    previous = GENESIS_HASH
    for entry in entries(shop.station):
        if entry.seq == 1:
            entry.customer_uuid = ana_uuid
        entry.prev_hash = previous
        previous = chain_hash(previous, entry_record(entry))
        statements.append(
            f"UPDATE ledger_entry SET prev_hash = '{entry.prev_hash}', hash = '{previous}' "
            f"WHERE id = {entry.id}"
        )
    with reopened(shop, *statements) as station:
        assert account(station, ana).balance.total == 1_150
        assert "chain_mac" in [fault.code for fault in verify_all(station).faults]


# -- anchors: the heads the Z reports printed, and a typed one ---------------------------


def two_z_reports(make_shop: MakeShop) -> tuple[Shop, str]:
    """Z nº 1 on a day without cashback (the chain is empty: entry 0), Z nº 2 the next day
    after one cut with a customer (entry 1); returns the head Z nº 2 printed."""
    shop = make_shop("salon")
    shop.sell("corte", pix=8_000)
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {})
    empty = z_report(shop.station, shop.manager_id, MANAGER_PIN)
    assert (empty.chain_seq, empty.chain_head) == (0, "0" * 64)
    shop.clock.advance(days=1)
    open_shift(shop.station, shop.cashier_id, 0)
    shop.sell("corte", customer=shop.enrol("Bela Nunes", cpf="529.982.247-25"), pix=8_000)
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {})
    report = z_report(shop.station, shop.manager_id, MANAGER_PIN)
    assert report.chain_seq == 1
    return shop, report.chain_head


def test_each_z_head_and_a_typed_anchor_are_said_reached_newest_z_first(
    make_shop: MakeShop,
) -> None:
    shop, head = two_z_reports(make_shop)
    verdict = verify_all(shop.station, [Anchor("--anchor", head)])
    assert verdict.faults == ()
    pt = [message for message, _ in said(verdict.notices)]
    assert len(pt) == 3
    assert pt[0].startswith(f"Âncora Z nº 2 ({head[:16]}…): alcançada (") and pt[0].endswith(
        "nº 1)."
    )
    assert pt[1] == "Âncora Z nº 1 (0000000000000000…): alcançada (lançamento nº 0)."
    assert pt[2].startswith(f"Âncora --anchor ({head[:16]}…): alcançada (")
    assert pt[2].endswith("nº 1).")


def test_a_reached_anchor_names_its_entry_number_once_in_each_language(
    make_shop: MakeShop,
) -> None:
    shop, head = two_z_reports(make_shop)
    (newest, _) = verify_all(shop.station).notices
    assert said((newest,)) == [
        (
            f"Âncora Z nº 2 ({head[:16]}…): alcançada (lançamento nº 1).",
            f"Anchor Z nº 2 ({head[:16]}…): reached (entry no. 1).",
        )
    ]


def test_an_anchor_the_file_no_longer_reaches_is_a_fault_naming_it(make_shop: MakeShop) -> None:
    shop, _ = two_z_reports(make_shop)
    stranger = "ab" * 32
    verdict = verify_all(shop.station, [Anchor("--anchor", stranger)])
    assert said(verdict.faults) == [
        (
            "O arquivo não alcança mais a âncora --anchor (abababababababab…): nenhum "
            "lançamento tem este hash (lançamentos apagados, ou alterados e recalculados).",
            "The file no longer reaches the anchor --anchor (abababababababab…): no entry has "
            "this hash (entries deleted, or altered and re-chained).",
        )
    ]
    assert len(verdict.notices) == 2  # both Z heads are still reached


def test_a_z_head_found_at_another_entry_than_the_z_printed_is_a_fault(
    make_shop: MakeShop,
) -> None:
    shop, head = two_z_reports(make_shop)
    with reopened(shop, "UPDATE z_report SET chain_seq = 2 WHERE number = 2") as station:
        verdict = verify_all(station)
    assert [fault.code for fault in verdict.faults] == ["anchor_moved"]
    assert (
        verdict.faults[0]
        .message("pt_BR")
        .startswith(f"O arquivo não alcança mais a âncora Z nº 2 ({head[:16]}…)")
    )
    assert said(verdict.notices) == [
        (
            "Âncora Z nº 1 (0000000000000000…): alcançada (lançamento nº 0).",
            "Anchor Z nº 1 (0000000000000000…): reached (entry no. 0).",
        )
    ]


def test_a_z_head_found_at_another_entry_says_where_it_is(make_shop: MakeShop) -> None:
    shop, head = two_z_reports(make_shop)
    with reopened(shop, "UPDATE z_report SET chain_seq = 2 WHERE number = 2") as station:
        (fault,) = verify_all(station).faults
    assert fault.message("pt_BR") == (
        f"O arquivo não alcança mais a âncora Z nº 2 ({head[:16]}…): o hash está no "
        "lançamento nº 1, não na posição da âncora."
    )


def test_a_z_printed_before_anchors_existed_is_neither_an_anchor_nor_a_fault(
    make_shop: MakeShop,
) -> None:
    """A file upgraded from a release whose Z reports had no chain head: only the Z that
    printed one is an anchor."""
    shop, head = two_z_reports(make_shop)
    with reopened(
        shop, "UPDATE z_report SET chain_seq = NULL, chain_head = NULL WHERE number = 1"
    ) as station:
        verdict = verify_all(station)
    assert verdict.faults == ()
    assert said(verdict.notices) == [
        (
            f"Âncora Z nº 2 ({head[:16]}…): alcançada (lançamento nº 1).",
            f"Anchor Z nº 2 ({head[:16]}…): reached (entry no. 1).",
        )
    ]
