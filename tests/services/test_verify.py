"""`db verify` names each fault it finds, and finds none in an honest database."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from posapp.services.common.station import open_station
from posapp.services.loyalty.projections import rebuild_balances
from posapp.services.loyalty.verify import verify
from tests.support import Shop

MakeShop = Callable[..., Shop]


def tampered(shop: Shop, *statements: str) -> list[str]:
    """Apply raw SQL behind the app's back (guards dropped), then verify afresh."""
    path: Path = shop.station.path
    shop.station.close()
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TRIGGER ledger_entry_no_update")
        for statement in statements:
            connection.execute(statement)
    station = open_station(path, clock=shop.clock)
    try:
        return [fault.code for fault in verify(station)]
    finally:
        station.close()


def busy_shop(make_shop: MakeShop) -> Shop:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    shop.sell("batom", customer=maria, pix=4_990)
    shop.sell("vestido", customer=maria, pix=20_000)
    assert verify(shop.station) == []
    return shop


def test_an_edited_ledger_amount_breaks_the_chain_and_the_balance(make_shop: MakeShop) -> None:
    codes = tampered(busy_shop(make_shop), "UPDATE ledger_entry SET amount = 9999 WHERE seq = 1")
    assert "chain_hash" in codes
    assert "balance_mismatch" in codes


def test_a_rewritten_hash_still_breaks_the_link_to_the_next_entry(make_shop: MakeShop) -> None:
    codes = tampered(busy_shop(make_shop), "UPDATE ledger_entry SET hash = 'f00d' WHERE seq = 2")
    assert codes.count("chain_link") == 1 and "chain_hash" in codes


def test_a_projection_out_of_step_is_named(make_shop: MakeShop) -> None:
    codes = tampered(busy_shop(make_shop), "UPDATE customer_balance SET units = units + 1")
    assert codes == ["balance_mismatch"]


def test_a_sale_whose_lines_or_payments_do_not_add_up_is_named(make_shop: MakeShop) -> None:
    codes = tampered(
        busy_shop(make_shop),
        "UPDATE sale_line SET net = net - 1 WHERE id = 1",
        "UPDATE sale_payment SET amount = amount + 5 WHERE id = 2",
    )
    assert sorted(codes) == ["sale_lines", "sale_payments"]


def test_fault_messages_in_both_languages(make_shop: MakeShop) -> None:
    shop = busy_shop(make_shop)
    path = shop.station.path
    shop.station.close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE customer_balance SET units = 5")
    station = open_station(path)
    (fault,) = verify(station)
    station.close()
    assert "saldo gravado difere" in fault.message("pt_BR")
    assert "stored balance differs" in fault.message("en")


def test_balances_are_rebuilt_from_the_entries(make_shop: MakeShop) -> None:
    shop = busy_shop(make_shop)
    shop.sell("batom", customer=1, pix=4_990)
    path = shop.station.path
    shop.station.close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE customer_balance SET units = 12345")
    station = open_station(path, clock=shop.clock)
    assert [f.code for f in verify(station)] == ["balance_mismatch"]
    assert rebuild_balances(station) == 1
    assert verify(station) == []
    assert rebuild_balances(station) == 0
    station.close()


def test_ledger_rows_moved_to_another_customer_are_named_even_with_balances_rebuilt(
    make_shop: MakeShop,
) -> None:
    shop = busy_shop(make_shop)
    joao = shop.enrol("João Lima", phone="11 98765-4321")
    path: Path = shop.station.path
    shop.station.close()
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TRIGGER ledger_entry_no_update")
        moved = connection.execute(
            f"UPDATE ledger_entry SET customer_id = {joao} WHERE customer_id = 1"
        ).rowcount
    connection.close()
    assert moved > 0
    station = open_station(path, clock=shop.clock)
    try:
        rebuild_balances(station)  # the projection now agrees with the moved rows
        faults = verify(station)
        assert {fault.code for fault in faults} == {"entry_customer"}
        assert len(faults) == moved
        assert "não é o cliente" in faults[0].message("pt_BR")
        assert "not the customer" in faults[0].message("en")
    finally:
        station.close()
