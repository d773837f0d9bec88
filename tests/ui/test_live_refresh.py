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
