"""Gerência > Catálogo on a real shop, and the favourite tiles it puts on the sale screen.

A manager adds a service as a favourite with the PIN: the sale screen (another screen on
the same database) shows its tile at once, and one tap adds the line. A product's NFC-e
fields are edited in the same form; a price or barcode that cannot be saved is said in
pt_BR and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import AuditLog, Item
from hardware.emulator.virtual import stop_virtual_printers
from posapp.services.sales.catalog import catalogue
from posapp.ui.sale.screen import SaleScreen
from posapp.ui.settings.screen import SettingsScreen
from tests.support import Shop
from tests.ui.settings_support import settle
from tests.ui.ui_support import Pins, make_context

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def open_catalogue(screens: Callable[..., SettingsScreen], shop: Shop) -> SettingsScreen:
    screen = screens(shop, 0)
    index = next(i for i in range(screen.tabs.count()) if screen.tabs.tabText(i) == "Catálogo")
    screen.tabs.setCurrentIndex(index)
    return screen


def item_count(shop: Shop) -> int:
    with shop.station.read() as session:
        return int(session.scalar(select(func.count()).select_from(Item)) or 0)


def test_a_favourite_service_added_in_gerencia_is_a_tile_one_tap_sells(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    sale_context = make_context(shop, staff="cashier")
    sale = SaleScreen(sale_context)
    qtbot.addWidget(sale)
    sale.show()
    assert not sale.tiles.isVisible()  # no favourites yet: no room taken

    screen = open_catalogue(screens, shop)
    tab = screen.catalog_tab
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    tab.kind.setCurrentIndex(tab.kind.findData("service"))
    tab.name.setText("Escova progressiva")
    tab.price.setText("180,00")
    tab.category.setCurrentText("Cabelo")
    tab.duration.setValue(90)
    tab.favourite.setChecked(True)
    paula = next(
        tab.professionals.item(i)
        for i in range(tab.professionals.count())
        if tab.professionals.item(i).text() == "Paula Manicure"
    )
    paula.setCheckState(Qt.CheckState.Checked)
    assert not tab.ncm.isEnabled()  # a service has no NFC-e data
    pins = Pins()
    screen.ask_pin = pins
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert pins.asked == ["editar catálogo"]
    assert screen.message.text() == "Item salvo: Escova progressiva"
    assert tab.form_title.text() == "Editando: Escova progressiva"
    saved = catalogue(shop.station, "Escova")[0].draft
    assert (saved.price, saved.category, saved.duration_min) == (18_000, "Cabelo", 90)
    assert saved.professionals == (shop.professional_id,) and saved.favourite
    with shop.station.read() as session:
        audited = session.scalars(
            select(AuditLog).where(AuditLog.action == "catalog.item_added")
        ).one()
    assert audited.authorized_by_id == shop.manager_id

    qtbot.waitUntil(lambda: sale.tiles.isVisible() and len(sale.tiles.tiles) == 1, timeout=5_000)
    tile = sale.tiles.tiles[0]
    assert tile.text() == "Escova progressiva\nR$ 180,00"
    assert tile.width() >= 120 and tile.height() >= 64  # a finger's target
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert [row.item.name for row in sale.model.rows] == ["Escova progressiva"]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert sum(row.quantity for row in sale.model.rows) == 2
    qtbot.waitUntil(sale.idle, timeout=5_000)
    assert sale.total_label.text() == "Total: R$ 360,00"
    sale_context.stop_listening()
    sale_context.printing.close()


def test_a_product_s_tax_fields_are_edited_and_a_bad_price_or_barcode_is_said(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("pharmacy")
    screen = open_catalogue(screens, shop)
    screen.ask_pin = Pins()
    tab = screen.catalog_tab
    tab.search_box.setText("Dipirona")
    tab.search_box.returnPressed.emit()
    settle(screen, qtbot)
    assert tab.model.rowCount() == 1
    tab.table.selectRow(0)
    assert tab.name.text() == "Dipirona 500 mg" and tab.price.text() == "12,50"

    tab.ncm.setText("3004.90.99")
    tab.cfop.setText("5102")
    tab.csosn.setText("102")
    tab.origin.setCurrentIndex(tab.origin.findData(0))
    tab.unit.setText("cx")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    with shop.station.read() as session:
        item = session.get(Item, shop.items["dipirona"])
        assert item is not None
        assert (item.ncm, item.cfop, item.csosn, item.origin, item.unit) == (
            "30049099",
            "5102",
            "102",
            0,
            "CX",
        )

    before = item_count(shop)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    tab.name.setText("Vitamina C")
    tab.price.setText("12,3,4")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert screen.message.text() == "Preço inválido: “12,3,4”. Digite o valor, por exemplo 12,90."
    tab.price.setText("19,90")
    tab.gtin.setText("7891000053509")  # the check digit should be 8
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert screen.message.text() == "Código de barras inválido: 7891000053509."
    assert item_count(shop) == before
