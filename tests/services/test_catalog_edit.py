"""The catalogue a manager edits in Gerência: items and services, prices within bounds,
categories, barcodes (GTIN check digit), the NFC-e fields, favourites and professionals."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from db.models import Category, Item
from posapp.core.errors import InvalidGTIN, NotAuthorized, PosError
from posapp.services.sales import catalog
from posapp.services.sales.catalog import (
    CodeTaken,
    InvalidTaxField,
    ItemDraft,
    PriceOutOfBounds,
    catalogue,
    favourites,
    find_by_code,
    save_item,
)
from tests.services.admin_support import everything, last_audit
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]
PROTETOR = ItemDraft(
    name="  Protetor solar   FPS 50 ",
    price=5_990,
    gtin="7891000053508",
    category="Dermocosméticos",
    favourite=True,
    ncm="3304.99.90",
    cest="20.035.00",
    cfop="5102",
    csosn="102",
    origin=0,
    unit="un",
)


@pytest.fixture
def shop(make_shop: MakeShop) -> Shop:
    return make_shop("pharmacy")


def test_a_new_product_sells_by_its_barcode_and_is_a_tile(shop: Shop) -> None:
    entry = save_item(
        shop.station, PROTETOR, item_id=None, staff_id=shop.cashier_id, manager_pin=MANAGER_PIN
    )
    found = find_by_code(shop.station, "7891000053508")
    assert (found.id, found.name, found.price) == (entry.id, "Protetor solar FPS 50", 5_990)
    assert [tile.name for tile in favourites(shop.station)] == ["Protetor solar FPS 50"]
    with shop.station.read() as session:
        item = session.get(Item, entry.id)
        assert item is not None
        assert (item.ncm, item.cest, item.cfop, item.csosn, item.origin, item.unit) == (
            "33049990",
            "2003500",
            "5102",
            "102",
            0,
            "UN",
        )
        assert catalog.missing_fields(item) == []
        assert session.scalars(
            select(Category.name).where(Category.id == item.category_id)
        ).one() == ("Dermocosméticos")
    row, details = last_audit(shop, "catalog.item_added")
    assert (row.staff_id, row.authorized_by_id) == (shop.cashier_id, shop.manager_id)
    assert details["price"] == 5_990 and details["gtin"] == "7891000053508"


def test_editing_a_service_keeps_its_professionals_and_audits_only_what_changed(
    shop: Shop,
) -> None:
    corte_id = shop.items["corte"]
    corte = next(e for e in catalogue(shop.station, "Corte") if e.id == corte_id)
    assert corte.draft.kind == catalog.SERVICE and not corte.draft.favourite
    changed = ItemDraft(
        **{
            **{name: getattr(corte.draft, name) for name in corte.draft.__slots__},
            "price": 9_500,
            "favourite": True,
            "professionals": (shop.professional_id,),
        }
    )
    save_item(
        shop.station, changed, item_id=corte_id, staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    again = next(e for e in catalogue(shop.station, "SRV-CORTE"))
    assert again.draft.price == 9_500
    assert again.draft.professionals == (shop.professional_id,)
    assert [tile.id for tile in favourites(shop.station)] == [corte_id]
    _row, details = last_audit(shop, "catalog.item_changed")
    assert details == {"price": 9_500, "favourite": True, "professionals": [shop.professional_id]}

    unmarked = ItemDraft(**{**{n: getattr(changed, n) for n in changed.__slots__}, "active": False})
    save_item(
        shop.station, unmarked, item_id=corte_id, staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    assert favourites(shop.station) == []  # an inactive item is no tile
    assert catalog.search_items(shop.station, "Corte") == []


@pytest.mark.parametrize(
    ("draft", "refusal", "pt_br"),
    [
        (ItemDraft(name="Caro", price=10_000_001), PriceOutOfBounds, "Preço fora do limite"),
        (ItemDraft(name="Grátis", price=0), PriceOutOfBounds, "Use de R$ 0,01 a R$ 100.000,00"),
        (ItemDraft(name="Errado", price=100, gtin="7891000053509"), InvalidGTIN, "inválido"),
        (ItemDraft(name="Repetido", price=100, sku="bat-01"), CodeTaken, "“Batom matte”"),
        (ItemDraft(name="Sem NCM", price=100, ncm="3304"), InvalidTaxField, "NCM inválido"),
        (ItemDraft(name="CFOP", price=100, cfop="6102"), InvalidTaxField, "(5xxx)"),
    ],
)
def test_a_wrong_field_is_refused_in_pt_br_and_nothing_is_written(
    shop: Shop, draft: ItemDraft, refusal: type[PosError], pt_br: str
) -> None:
    before = everything(shop)
    with pytest.raises(refusal) as caught:
        save_item(
            shop.station, draft, item_id=None, staff_id=shop.cashier_id, manager_pin=MANAGER_PIN
        )
    assert pt_br in caught.value.message("pt_BR")
    assert caught.value.message("en") != caught.value.message("pt_BR")
    assert everything(shop) == before


def test_a_wrong_manager_pin_changes_nothing(shop: Shop) -> None:
    """The cashier's own PIN (1111) is not a manager's."""
    before = everything(shop)
    with pytest.raises(NotAuthorized):
        save_item(
            shop.station, PROTETOR, item_id=None, staff_id=shop.cashier_id, manager_pin="1111"
        )
    assert everything(shop) == before
    assert catalogue(shop.station, "Protetor") == []
