"""Staff: add, change role, reset PIN, deactivate; a manager's PIN, audited, never deleted."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from posapp.core.errors import (
    FieldRequired,
    InvalidStaffPin,
    LastAdmin,
    NotAuthorized,
    PinInUse,
    PosError,
    WrongPin,
)
from posapp.services.admin import staff
from posapp.services.admin.staff_changes import (
    add_member,
    change_role,
    deactivate,
    reset_pin,
    staff_members,
)
from posapp.services.common.auth import Role
from tests.services.admin_support import everything, last_audit
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]
ADMIN_PIN = "0000"


def test_a_manager_adds_a_cashier_who_can_then_sign_in(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    bia = add_member(
        shop.station,
        " Bia Souza ",
        Role.CASHIER,
        "4321",
        staff_id=shop.cashier_id,
        manager_pin=MANAGER_PIN,
    )
    assert (bia.name, bia.role, bia.active) == ("Bia Souza", Role.CASHIER, True)
    assert staff.sign_in(shop.station, bia.id, "4321").name == "Bia Souza"
    row, details = last_audit(shop, "staff.add")
    assert (row.staff_id, row.authorized_by_id) == (shop.cashier_id, shop.manager_id)
    assert details == {"name": "Bia Souza", "role": "cashier"}
    assert row.target is not None and row.target.startswith("staff:")


def test_roles_change_pins_reset_and_people_are_deactivated_never_deleted(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    change_role(
        shop.station,
        shop.cashier_id,
        Role.MANAGER,
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    row, details = last_audit(shop, "staff.role")
    assert details == {"name": "Carlos Caixa", "before": "cashier", "after": "manager"}
    assert row.authorized_by_id == shop.manager_id

    reset_pin(
        shop.station,
        shop.professional_id,
        "555666",
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    with pytest.raises(WrongPin):
        staff.sign_in(shop.station, shop.professional_id, "2222")
    assert staff.sign_in(shop.station, shop.professional_id, "555666").name == "Paula Manicure"
    _row, details = last_audit(shop, "staff.pin_reset")
    assert details == {"name": "Paula Manicure"}  # never the PIN

    deactivate(
        shop.station, shop.professional_id, staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    with pytest.raises(WrongPin):
        staff.sign_in(shop.station, shop.professional_id, "555666")
    members = {m.name: m for m in staff_members(shop.station)}
    assert not members["Paula Manicure"].active  # still there
    assert "Paula Manicure" not in {m.name for m in staff.list_staff(shop.station)}
    assert last_audit(shop, "staff.deactivate")[0].authorized_by_id == shop.manager_id


def test_a_pin_reset_unlocks_a_locked_account(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    for _ in range(5):
        with pytest.raises(PosError):
            staff.sign_in(shop.station, shop.cashier_id, "0001")
    reset_pin(
        shop.station, shop.cashier_id, "8080", staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    assert staff.sign_in(shop.station, shop.cashier_id, "8080").id == shop.cashier_id


def test_a_cashiers_pin_is_refused_for_every_action_and_nothing_is_written(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    before = everything(shop)
    actions = [
        lambda pin: add_member(
            shop.station, "X", Role.CASHIER, "7777", staff_id=shop.cashier_id, manager_pin=pin
        ),
        lambda pin: change_role(
            shop.station, shop.cashier_id, Role.MANAGER, staff_id=shop.cashier_id, manager_pin=pin
        ),
        lambda pin: reset_pin(
            shop.station, shop.cashier_id, "7777", staff_id=shop.cashier_id, manager_pin=pin
        ),
        lambda pin: deactivate(
            shop.station, shop.manager_id, staff_id=shop.cashier_id, manager_pin=pin
        ),
    ]
    for act in actions:
        for pin in (CASHIER_PIN, "2222", "31337"):  # cashier, professional, nobody
            with pytest.raises(NotAuthorized):
                act(pin)
    assert everything(shop) == before


@pytest.mark.parametrize("pin", ["123", "1234567", "12a4", "１２３４", ""])
def test_a_pin_needs_4_to_6_digits(make_shop: MakeShop, pin: str) -> None:
    shop = make_shop("salon")
    before = everything(shop)
    with pytest.raises(InvalidStaffPin) as refused:
        add_member(
            shop.station,
            "Bia",
            Role.CASHIER,
            pin,
            staff_id=shop.manager_id,
            manager_pin=MANAGER_PIN,
        )
    assert refused.value.message() == "O PIN deve ter de 4 a 6 dígitos."
    with pytest.raises(InvalidStaffPin):
        reset_pin(
            shop.station, shop.cashier_id, pin, staff_id=shop.manager_id, manager_pin=MANAGER_PIN
        )
    assert everything(shop) == before


def test_a_pin_in_use_by_active_staff_is_refused(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    before = everything(shop)
    for pin in (CASHIER_PIN, MANAGER_PIN, ADMIN_PIN):
        with pytest.raises(PinInUse) as refused:
            add_member(
                shop.station,
                "Bia",
                Role.CASHIER,
                pin,
                staff_id=shop.manager_id,
                manager_pin=MANAGER_PIN,
            )
        assert refused.value.message() == (
            "Este PIN já é usado por outra pessoa da equipe. Escolha outro."
        )
    with pytest.raises(PinInUse):
        reset_pin(
            shop.station,
            shop.professional_id,
            CASHIER_PIN,
            staff_id=shop.manager_id,
            manager_pin=MANAGER_PIN,
        )
    with pytest.raises(FieldRequired):
        add_member(
            shop.station,
            "  ",
            Role.CASHIER,
            "4545",
            staff_id=shop.manager_id,
            manager_pin=MANAGER_PIN,
        )
    assert everything(shop) == before
    # one's own PIN again is fine, and a PIN of someone who left is free
    reset_pin(
        shop.station,
        shop.cashier_id,
        CASHIER_PIN,
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    deactivate(
        shop.station, shop.professional_id, staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    add_member(
        shop.station,
        "Bia",
        Role.PROFESSIONAL,
        "2222",
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )


def test_the_last_active_admin_can_be_neither_deactivated_nor_demoted(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    before = everything(shop)
    with pytest.raises(LastAdmin) as refused:
        deactivate(shop.station, shop.admin_id, staff_id=shop.admin_id, manager_pin=ADMIN_PIN)
    assert refused.value.message() == (
        "Ana Admin é a única pessoa ativa com acesso de administração: "
        "cadastre outra antes de desativar."
    )
    with pytest.raises(LastAdmin):
        change_role(
            shop.station, shop.admin_id, Role.MANAGER, staff_id=shop.admin_id, manager_pin=ADMIN_PIN
        )
    assert everything(shop) == before
    # a second admin first; then the first may step down
    second = add_member(
        shop.station, "Beto Dono", Role.ADMIN, "4646", staff_id=shop.admin_id, manager_pin=ADMIN_PIN
    )
    change_role(
        shop.station, shop.admin_id, Role.MANAGER, staff_id=shop.admin_id, manager_pin=ADMIN_PIN
    )
    with pytest.raises(LastAdmin):
        deactivate(shop.station, second.id, staff_id=second.id, manager_pin="4646")


def test_only_an_admin_makes_or_unmakes_an_admin(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    before = everything(shop)
    with pytest.raises(NotAuthorized):
        add_member(
            shop.station,
            "Beto",
            Role.ADMIN,
            "4646",
            staff_id=shop.manager_id,
            manager_pin=MANAGER_PIN,
        )
    with pytest.raises(NotAuthorized):
        change_role(
            shop.station,
            shop.manager_id,
            Role.ADMIN,
            staff_id=shop.manager_id,
            manager_pin=MANAGER_PIN,
        )
    with pytest.raises(NotAuthorized):
        reset_pin(
            shop.station, shop.admin_id, "4646", staff_id=shop.manager_id, manager_pin=MANAGER_PIN
        )
    assert everything(shop) == before
