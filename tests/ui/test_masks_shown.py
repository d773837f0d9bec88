"""The store's CNPJ and phone show in their masks in Gerência, however they were typed."""

from __future__ import annotations

from collections.abc import Callable

from posapp.services.admin import store as store_admin
from posapp.services.admin.store import StoreData
from posapp.ui.settings.screen import LOJA, SettingsScreen
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


def test_the_store_tab_shows_cnpj_and_phone_masked(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen]
) -> None:
    shop = make_shop("salon")
    store_admin.update_store(
        shop.station,
        StoreData("Salão Bela", "11222333000181", "Rua Augusta, 500", "11912345678"),
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    screen = screens(shop, LOJA)
    assert screen.store_cnpj.text() == "11.222.333/0001-81"
    assert screen.store_phone.text() == "(11) 91234-5678"
