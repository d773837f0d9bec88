"""The service call that changes something a screen shows announces it once it is committed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from posapp.core.errors import PinInUse
from posapp.services.admin import store as store_admin
from posapp.services.admin.csv_io import import_catalog
from posapp.services.admin.staff_changes import add_member, deactivate
from posapp.services.common.auth import Role
from posapp.services.common.changes import Change
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


def heard(shop: Shop) -> list[frozenset[Change]]:
    said: list[frozenset[Change]] = []
    shop.station.changes.listen(said.append)
    return said


def test_adding_and_deactivating_staff_announce_staff(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    said = heard(shop)
    bia = add_member(
        shop.station,
        "Bia",
        Role.PROFESSIONAL,
        "4321",
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    assert said == [frozenset({Change.STAFF})]
    deactivate(shop.station, bia.id, staff_id=shop.manager_id, manager_pin=MANAGER_PIN)
    assert said == [frozenset({Change.STAFF})] * 2


def test_a_refused_change_announces_nothing(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    said = heard(shop)
    with pytest.raises(PinInUse):
        add_member(
            shop.station,
            "Bia",
            Role.CASHIER,
            CASHIER_PIN,
            staff_id=shop.manager_id,
            manager_pin=MANAGER_PIN,
        )
    assert said == []


def test_the_program_the_store_and_an_import_announce_theirs(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    said = heard(shop)
    program = store_admin.edit_program(store_admin.current_program(shop.station), earn_bps=500)
    store_admin.change_program(
        shop.station, program, staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    data = store_admin.store_data(shop.station)
    store_admin.update_store(shop.station, data, staff_id=shop.manager_id, manager_pin=MANAGER_PIN)
    csv = b"tipo;nome;preco\nservico;Escova;45,00\n"
    import_catalog(shop.station, csv, staff_id=shop.manager_id, manager_pin=MANAGER_PIN)
    assert said == [
        frozenset({Change.PROGRAM}),
        frozenset({Change.STORE}),
        frozenset({Change.CATALOG}),
    ]


def test_a_failing_listener_neither_fails_the_call_nor_silences_the_others(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")

    def broken(_changes: frozenset[Change]) -> None:
        raise ValueError("a screen's bug")

    shop.station.changes.listen(broken)
    said = heard(shop)
    bia = add_member(
        shop.station,
        "Bia",
        Role.PROFESSIONAL,
        "4321",
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    assert bia.name == "Bia" and said == [frozenset({Change.STAFF})]
