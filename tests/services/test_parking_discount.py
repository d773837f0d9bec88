"""A parked cart keeps its whole-sale discount as typed (an amount or a percentage), and a
payload written before the discount was kept still comes back, with none."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from db.models import ParkedSale
from posapp.services.sales import parking
from posapp.services.sales.checkout import LineRequest
from tests.support import Shop

MakeShop = Callable[..., Shop]


def lines(shop: Shop) -> list[LineRequest]:
    return [
        LineRequest(shop.items["shampoo"], 2, discount=500),
        LineRequest(shop.items["dipirona"]),
    ]


def test_a_percentage_comes_back_as_a_percentage(make_shop: MakeShop) -> None:
    shop = make_shop("pharmacy")
    joana = shop.enrol("Joana Lima", cpf="529.982.247-25")
    parked_id = parking.park(
        shop.station,
        label="Joana",
        staff_id=shop.cashier_id,
        lines=lines(shop),
        customer_id=joana,
        sale_discount_bps=1_000,
    )
    with shop.station.read() as session:
        stored = json.loads(session.get(ParkedSale, parked_id).payload)  # type: ignore[union-attr]
    assert stored["sale_discount_bps"] == 1_000 and "sale_discount" not in stored

    (listed,) = parking.parked(shop.station)
    assert (listed.sale_discount, listed.sale_discount_bps) == (0, 1_000)
    cart = parking.recall(shop.station, parked_id, shop.cashier_id)
    assert cart.lines == tuple(lines(shop)) and cart.customer_id == joana
    assert (cart.sale_discount, cart.sale_discount_bps) == (0, 1_000)
    assert parking.parked(shop.station) == []


def test_an_amount_comes_back_as_an_amount(make_shop: MakeShop) -> None:
    shop = make_shop("pharmacy")
    parked_id = parking.park(
        shop.station, label="", staff_id=shop.cashier_id, lines=lines(shop), sale_discount=750
    )
    cart = parking.recall(shop.station, parked_id, shop.cashier_id)
    assert (cart.sale_discount, cart.sale_discount_bps) == (750, 0)


def test_a_cart_with_no_discount_comes_back_with_none(make_shop: MakeShop) -> None:
    shop = make_shop("pharmacy")
    parked_id = parking.park(shop.station, label="", staff_id=shop.cashier_id, lines=lines(shop))
    with shop.station.read() as session:
        stored = json.loads(session.get(ParkedSale, parked_id).payload)  # type: ignore[union-attr]
    assert set(stored) == {"lines"}
    cart = parking.recall(shop.station, parked_id, shop.cashier_id)
    assert (cart.sale_discount, cart.sale_discount_bps) == (0, 0)


def test_a_payload_parked_before_the_discount_was_kept_still_recalls(make_shop: MakeShop) -> None:
    """A row as the previous release wrote it: only the lines (no discount keys at all)."""
    shop = make_shop("pharmacy")
    old = {
        "lines": [
            {
                "item_id": shop.items["dipirona"],
                "quantity": 3,
                "discount": 0,
                "unit_price": None,
                "professional_id": None,
            }
        ]
    }
    with shop.station.write() as session:
        row = ParkedSale(
            label="antiga",
            customer_id=None,
            staff_id=shop.cashier_id,
            created_at=shop.clock(),
            payload=json.dumps(old),
        )
        session.add(row)
        session.flush()
        parked_id = row.id
    (listed,) = parking.parked(shop.station)
    assert listed.lines == (LineRequest(shop.items["dipirona"], 3),)
    cart = parking.recall(shop.station, parked_id, shop.cashier_id)
    assert (cart.label, cart.sale_discount, cart.sale_discount_bps) == ("antiga", 0, 0)
    assert parking.parked(shop.station) == []


@pytest.mark.parametrize(("amount", "bps"), [(-1, 0), (0, -1), (0, 10_001), (500, 1_000)], ids=str)
def test_what_is_not_one_discount_is_refused_and_nothing_is_parked(
    make_shop: MakeShop, amount: int, bps: int
) -> None:
    shop = make_shop("pharmacy")
    with pytest.raises(ValueError):
        parking.park(
            shop.station,
            label="",
            staff_id=shop.cashier_id,
            lines=lines(shop),
            sale_discount=amount,
            sale_discount_bps=bps,
        )
    assert parking.parked(shop.station) == []
