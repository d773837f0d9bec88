"""A change made anywhere shows on the screens that show it, without a restart."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers
from posapp.services.admin.staff_changes import add_member, deactivate
from posapp.services.common.auth import Role
from posapp.services.common.changes import Change
from posapp.ui.signin import SignInScreen
from tests.support import MANAGER_PIN, Shop
from tests.ui.ui_support import make_context

MakeShop = Callable[..., Shop]


@pytest.fixture
def shop(make_shop: MakeShop) -> Shop:
    return make_shop("salon")


@pytest.fixture
def signin(shop: Shop, qtbot: QtBot) -> Iterator[SignInScreen]:
    screen = SignInScreen(make_context(shop, staff=None))
    qtbot.addWidget(screen)
    screen.show()
    yield screen
    screen.context.printing.close()
    stop_virtual_printers()


def tile_names(screen: SignInScreen) -> list[str]:
    return sorted(tile.text().split("\n")[0] for tile in screen.tiles.values())


def test_a_new_hairdresser_gets_a_sign_in_tile_and_a_leaver_loses_it(
    signin: SignInScreen, shop: Shop, qtbot: QtBot
) -> None:
    assert "Bia Cabeleireira" not in tile_names(signin)
    with qtbot.waitSignal(signin.context.events.changed) as changed:
        bia = add_member(
            shop.station,
            "Bia Cabeleireira",
            Role.PROFESSIONAL,
            "5678",
            staff_id=shop.manager_id,
            manager_pin=MANAGER_PIN,
        )
    assert changed.args == [frozenset({Change.STAFF})]
    assert "Bia Cabeleireira" in tile_names(signin)
    signin.choose(bia.id)
    deactivate(shop.station, bia.id, staff_id=shop.manager_id, manager_pin=MANAGER_PIN)
    qtbot.waitUntil(lambda: "Bia Cabeleireira" not in tile_names(signin))
    assert signin.chosen is None


def test_a_program_changed_in_gerencia_shows_in_the_customers_screen_at_once(
    shop: Shop, qtbot: QtBot
) -> None:
    from posapp.services.admin import store as store_admin
    from posapp.ui.customers.screen import CustomersScreen

    screen = CustomersScreen(make_context(shop))
    qtbot.addWidget(screen)
    screen.show()
    assert "10%" in screen.rules_label.text()
    program = store_admin.edit_program(store_admin.current_program(shop.station), earn_bps=500)
    store_admin.change_program(
        shop.station, program, staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    qtbot.waitUntil(lambda: "5%" in screen.rules_label.text(), timeout=5_000)
    assert "10%" not in screen.rules_label.text()
    screen.context.printing.close()


def test_a_renamed_store_shows_in_the_window_title_at_once(shop: Shop, qtbot: QtBot) -> None:
    from posapp.services.admin import store as store_admin
    from posapp.ui.shell import Shell

    shell = Shell(make_context(shop, staff=None))
    qtbot.addWidget(shell)
    data = store_admin.store_data(shop.station)
    store_admin.update_store(
        shop.station,
        store_admin.StoreData("Salão Bela Vista", data.cnpj, data.address, data.phone),
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    qtbot.waitUntil(lambda: shell.windowTitle() == "Salão Bela Vista — posapp", timeout=5_000)
    assert shell.nav_store.text() == "Salão Bela Vista"
    shell.context.printing.close()
