"""The catalogue: services and products, found by barcode, SKU or name, and their tax data.

Checkout's fiscal gate lives here too: with NFC-e on (`NFCE_ENABLED`, a `setting`
row the invoices domain writes), a product whose item lacks the data an NFC-e line
needs is refused before anything is written, naming the item; stores without NFC-e
sell as before, and services never need tax data (they stay out of the NFC-e).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Category, Item, Setting
from posapp.core.errors import InvalidPrice, PosError, UnknownItem
from posapp.core.gtin import is_valid_gtin, normalize_gtin
from posapp.core.money import format_money
from posapp.services.common.station import Station

PRODUCT = "product"
SERVICE = "service"


@dataclass(frozen=True, slots=True)
class ItemView:
    id: int
    kind: str
    name: str
    price: int
    gtin: str | None
    sku: str | None
    category: str | None
    duration_min: int | None


def category(session: Session, code: str, name: str | None = None) -> Category:
    found = session.scalars(select(Category).where(Category.code == code)).first()
    if found is None:
        found = Category(code=code, name=name or code)
        session.add(found)
        session.flush()
    return found


def add_item(
    session: Session,
    *,
    name: str,
    price: int,
    kind: str = PRODUCT,
    gtin: str | None = None,
    sku: str | None = None,
    category_code: str | None = None,
    duration_min: int | None = None,
) -> Item:
    if price <= 0:
        raise InvalidPrice(value=format_money(price))
    item = Item(
        uuid=str(uuid.uuid4()),
        kind=kind,
        name=name,
        gtin=normalize_gtin(gtin) if gtin else None,
        sku=sku,
        price=price,
        category_id=category(session, category_code).id if category_code else None,
        duration_min=duration_min,
        active=True,
    )
    session.add(item)
    session.flush()
    return item


def find_by_code(station: Station, code: str) -> ItemView:
    """The item a scanned or typed barcode or SKU names; UnknownItem otherwise."""
    code = code.strip()
    with station.read() as session:
        query = select(Item).where(Item.active)
        if code.isdigit() and is_valid_gtin(code):
            item = session.scalars(query.where(Item.gtin == code)).first()
        else:
            item = None
        if item is None:
            item = session.scalars(query.where(Item.sku == code)).first()
        if item is None:
            raise UnknownItem(value=code)
        return view(item)


def search_items(station: Station, text: str, limit: int = 30) -> list[ItemView]:
    words = text.split()
    with station.read() as session:
        query = select(Item).where(Item.active)
        for word in words:
            query = query.where(Item.name.ilike(f"%{word}%"))
        return [view(item) for item in session.scalars(query.order_by(Item.name).limit(limit))]


def view(item: Item) -> ItemView:
    return ItemView(
        item.id,
        item.kind,
        item.name,
        item.price,
        item.gtin,
        item.sku,
        item.category.code if item.category else None,
        item.duration_min,
    )


# -- the NFC-e tax data ---------------------------------------------------------------

NFCE_ENABLED = "nfce.enabled"
"""The `setting` key: "1" when this store issues an NFC-e for each product sale."""


class MissingTaxData(PosError):
    code = "missing_tax_data"
    pt_BR = (
        'O produto "{item}" não tem os dados fiscais da NFC-e ({fields}). '
        "Preencha-os no cadastro (ou importe o CSV com eles) antes de vender."
    )
    en = (
        'The product "{item}" lacks its NFC-e tax data ({fields}). '
        "Fill them in the catalogue (or import the CSV with them) before selling."
    )


def nfce_enabled(station: Station, session: Session) -> bool:
    def load(s: Session) -> bool:
        return s.scalar(select(Setting.value).where(Setting.key == NFCE_ENABLED)) == "1"

    return station.cached(NFCE_ENABLED, session, load)


def missing_fields(item: Item) -> list[str]:
    """The NFC-e fields a product item lacks (empty when it can go on a note)."""
    if item.kind != "product":
        return []
    missing = [
        name
        for name, value in (("NCM", item.ncm), ("CFOP", item.cfop), ("unidade", item.unit))
        if not value
    ]
    if not (item.csosn or item.cst):
        missing.append("CSOSN/CST")
    if item.origin is None:
        missing.append("origem")
    return missing


def check_tax_data(station: Station, session: Session, item_ids: Iterable[int]) -> None:
    """Raise `MissingTaxData` naming the first product without its data (NFC-e on only)."""
    if not nfce_enabled(station, session):
        return
    ids = sorted(set(item_ids))
    for item in session.scalars(select(Item).where(Item.id.in_(ids)).order_by(Item.name)):
        missing = missing_fields(item)
        if missing:
            raise MissingTaxData(item=item.name, fields=", ".join(missing))
