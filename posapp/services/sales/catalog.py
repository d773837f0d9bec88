"""The catalogue: services and products, found by barcode, SKU or name."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Category, Item
from posapp.core.errors import InvalidPrice, UnknownItem
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
