"""The catalogue: services and products, found by barcode, SKU or name, and their tax data.

Checkout's fiscal gate lives here too: with NFC-e on (`NFCE_ENABLED`, a `setting`
row the invoices domain writes), a product whose item lacks the data an NFC-e line
needs is refused before anything is written, naming the item; stores without NFC-e
sell as before, and services never need tax data (they stay out of the NFC-e).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Category, Item, Setting
from posapp.core.errors import InvalidPrice, PosError, PriceTooHigh, UnknownItem
from posapp.core.gtin import is_valid_gtin, normalize_gtin
from posapp.core.limits import MAX_PRICE_CENTAVOS
from posapp.core.money import format_money
from posapp.services.common import audit, lookups
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.changes import Change, announces
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
    if price > MAX_PRICE_CENTAVOS:
        raise PriceTooHigh(value=format_money(price))
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
    found = []
    if code.isdigit() and is_valid_gtin(code):
        found = lookups.rows(station, _BY_GTIN, (code,))
    if not found:
        found = lookups.rows(station, _BY_SKU, (code,))
    if not found:
        raise UnknownItem(value=code)
    return ItemView(*found[0])


_ITEM_VIEW = (
    "SELECT i.id, i.kind, i.name, i.price, i.gtin, i.sku, c.code, i.duration_min "
    "FROM item AS i LEFT JOIN category AS c ON c.id = i.category_id "
)
_BY_GTIN = _ITEM_VIEW + "WHERE i.gtin = ? AND i.active"
_BY_SKU = _ITEM_VIEW + "WHERE i.sku = ? AND i.active"
"""A scan's item in one indexed read outside the ORM (see services.common.lookups)."""


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


# -- the catalogue as a manager edits it -------------------------------------------------

MAX_PRICE = 10_000_000
"""R$ 100.000,00: a price above it is a typo (an extra zero), not a product."""
MAX_DURATION_MIN = 12 * 60
FAVOURITES = "catalog.favourites"
"""The `setting` key: the uuids of the sale screen's tiles, in tile order, one a line."""
PROFESSIONALS = "catalog.professionals."
"""The `setting` key prefix (+ the item's uuid): the staff ids who do a service."""
TAX_RULES: dict[str, tuple[str, str]] = {
    "ncm": (r"\d{8}", "8 dígitos / 8 digits"),
    "cest": (r"\d{7}", "7 dígitos / 7 digits"),
    "cfop": (r"5\d{3}", "5xxx"),
    "csosn": (r"\d{3}", "3 dígitos / 3 digits"),
    "cst": (r"\d{2}", "2 dígitos / 2 digits"),
    "unit": (r"[A-Za-z0-9]{1,6}", "até 6 letras / up to 6 letters"),
}
"""The NFC-e fields of a product as the CSV import checks them (admin.csv_io)."""


class ItemNameRequired(PosError):
    code = "item_name_required"
    pt_BR = "Informe o nome do item (até 160 letras)."
    en = "Enter the item's name (up to 160 characters)."


class PriceOutOfBounds(PosError):
    code = "price_out_of_bounds"
    pt_BR = "Preço fora do limite: {value}. Use de R$ 0,01 a {limit}."
    en = "Price out of bounds: {value}. Use R$ 0.01 to {limit}."


class CodeTaken(PosError):
    code = "code_taken"
    pt_BR = "O {field} {value} já é de “{item}”."
    en = "The {field} {value} already belongs to “{item}”."


class InvalidTaxField(PosError):
    code = "invalid_tax_field"
    pt_BR = "{field} inválido: {value} ({rule})."
    en = "Invalid {field}: {value} ({rule})."


class InvalidDuration(PosError):
    code = "invalid_duration"
    pt_BR = "Duração inválida: {value} min (de 1 a 720)."
    en = "Invalid duration: {value} min (1 to 720)."


@dataclass(frozen=True, slots=True)
class ItemDraft:
    """An item as the catalogue form holds it (money in centavos, codes as typed)."""

    name: str
    price: int
    kind: str = PRODUCT
    gtin: str | None = None
    sku: str | None = None
    category: str | None = None
    """The category's name ("Cuidados pessoais"); a new name makes a new category."""
    duration_min: int | None = None
    active: bool = True
    favourite: bool = False
    """A tile on the sale screen (one tap adds a line)."""
    professionals: tuple[int, ...] = ()
    """Who does this service (staff ids); empty: anyone."""
    ncm: str | None = None
    cest: str | None = None
    cfop: str | None = None
    csosn: str | None = None
    cst: str | None = None
    origin: int | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    id: int
    uuid: str
    draft: ItemDraft


def _lines(session: Session, key: str) -> list[str]:
    text = session.scalar(select(Setting.value).where(Setting.key == key)) or ""
    return [line for line in text.splitlines() if line]


def _draft(session: Session, item: Item, favourites: list[str]) -> ItemDraft:
    pros = tuple(int(p) for p in _lines(session, PROFESSIONALS + item.uuid))
    return ItemDraft(
        name=item.name,
        price=item.price,
        kind=item.kind,
        gtin=item.gtin,
        sku=item.sku,
        category=item.category.name if item.category else None,
        duration_min=item.duration_min,
        active=item.active,
        favourite=item.uuid in favourites,
        professionals=pros,
        ncm=item.ncm,
        cest=item.cest,
        cfop=item.cfop,
        csosn=item.csosn,
        cst=item.cst,
        origin=item.origin,
        unit=item.unit,
    )


def catalogue(station: Station, text: str = "", limit: int = 500) -> list[CatalogEntry]:
    """Every item (inactive ones too) whose name, barcode or SKU has all the words of `text`."""
    with station.read() as session:
        favourites = _lines(session, FAVOURITES)
        query = select(Item)
        for word in text.split():
            like = f"%{word}%"
            query = query.where(
                Item.name.ilike(like) | Item.gtin.ilike(like) | Item.sku.ilike(like)
            )
        items = session.scalars(query.order_by(Item.name).limit(limit))
        return [CatalogEntry(i.id, i.uuid, _draft(session, i, favourites)) for i in items]


def category_names(station: Station) -> list[str]:
    with station.read() as session:
        return list(session.scalars(select(Category.name).order_by(Category.name)))


def favourites(station: Station) -> list[ItemView]:
    """The sale screen's tiles: the active favourites in the order they were marked."""
    with station.read() as session:
        order = _lines(session, FAVOURITES)
        items = {
            i.uuid: i
            for i in session.scalars(select(Item).where(Item.uuid.in_(order), Item.active))
        }
        return [view(items[u]) for u in order if u in items]


def checked_draft(draft: ItemDraft) -> ItemDraft:
    """The draft cleaned up (spaces, barcode's digits, tax fields upper case), or a PosError
    naming the first field that cannot be saved."""
    name = " ".join(draft.name.split())
    if not name or len(name) > 160:
        raise ItemNameRequired()
    if not 0 < draft.price <= MAX_PRICE:
        raise PriceOutOfBounds(value=format_money(draft.price), limit=format_money(MAX_PRICE))
    gtin = normalize_gtin(draft.gtin) if draft.gtin and draft.gtin.strip() else None
    sku = draft.sku.strip().upper() if draft.sku and draft.sku.strip() else None
    if sku is not None and len(sku) > 40:
        raise InvalidTaxField(field="SKU", value=sku, rule="até 40 / up to 40")
    duration = draft.duration_min
    if duration is not None and not 0 < duration <= MAX_DURATION_MIN:
        raise InvalidDuration(value=duration)
    taxes: dict[str, str | None] = {}
    for attr, (pattern, rule) in TAX_RULES.items():
        text = (getattr(draft, attr) or "").strip()
        clean = text.replace(".", "").replace("-", "") if attr in ("ncm", "cest", "cfop") else text
        if clean and not re.fullmatch(pattern, clean):
            raise InvalidTaxField(field=attr.upper(), value=text, rule=rule)
        taxes[attr] = clean.upper() or None
    if draft.origin is not None and not 0 <= draft.origin <= 8:
        raise InvalidTaxField(field="origem", value=draft.origin, rule="0-8")
    category_name = " ".join((draft.category or "").split()) or None
    cleaned = replace(
        draft,
        name=name,
        gtin=gtin,
        sku=sku,
        category=category_name,
        duration_min=duration if draft.kind == SERVICE else None,
        professionals=tuple(sorted(set(draft.professionals))) if draft.kind == SERVICE else (),
    )
    return replace(cleaned, **taxes)  # type: ignore[arg-type]


def _category_for(session: Session, name: str) -> Category:
    found = session.scalars(select(Category).where(Category.name == name)).first()
    if found is not None:
        return found
    code = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:40] or "categoria"
    while session.scalars(select(Category).where(Category.code == code)).first() is not None:
        code = f"{code[:36]}_{uuid.uuid4().hex[:3]}"
    return category(session, code, name)


def _check_codes(session: Session, item_id: int | None, draft: ItemDraft) -> None:
    for label, column, value in (
        ("código de barras", Item.gtin, draft.gtin),
        ("SKU", Item.sku, draft.sku),
    ):
        if value is None:
            continue
        other = session.scalars(
            select(Item).where(column == value, Item.id != (item_id or 0))
        ).first()
        if other is not None:
            raise CodeTaken(field=label, value=value, item=other.name)


def _set_lines(session: Session, key: str, lines: list[str]) -> None:
    session.merge(Setting(key=key, value="\n".join(lines)))


@announces(Change.CATALOG)
def save_item(
    station: Station,
    draft: ItemDraft,
    *,
    item_id: int | None,
    staff_id: int,
    manager_pin: str,
) -> CatalogEntry:
    """Add (`item_id` None) or change an item, with a manager's PIN; audited with what
    changed. Its favourite mark and its professionals are saved with it."""
    clean = checked_draft(draft)
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "editar catálogo", now)
        _check_codes(session, item_id, clean)
        favourites_now = _lines(session, FAVOURITES)
        if item_id is None:
            item = Item(uuid=str(uuid.uuid4()), kind=clean.kind, name=clean.name, price=clean.price)
            session.add(item)
            before: ItemDraft | None = None
        else:
            found = session.get(Item, item_id)
            if found is None:
                raise UnknownItem(value=str(item_id))
            item = found
            before = _draft(session, item, favourites_now)
        item.kind, item.name, item.price = clean.kind, clean.name, clean.price
        item.gtin, item.sku, item.duration_min, item.active = (
            clean.gtin,
            clean.sku,
            clean.duration_min,
            clean.active,
        )
        item.category_id = _category_for(session, clean.category).id if clean.category else None
        item.ncm, item.cest, item.cfop = clean.ncm, clean.cest, clean.cfop
        item.csosn, item.cst, item.origin, item.unit = (
            clean.csosn,
            clean.cst,
            clean.origin,
            clean.unit,
        )
        session.flush()
        marked = [u for u in favourites_now if u != item.uuid]
        if clean.favourite:
            keep = item.uuid in favourites_now
            marked = favourites_now if keep else [*marked, item.uuid]
        _set_lines(session, FAVOURITES, marked)
        _set_lines(session, PROFESSIONALS + item.uuid, [str(p) for p in clean.professionals])
        changed = {
            name: getattr(clean, name)
            for name in clean.__slots__
            if before is None or getattr(before, name) != getattr(clean, name)
        }
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="catalog.item_added" if before is None else "catalog.item_changed",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target=f"item:{item.uuid}",
            **{k: list(v) if isinstance(v, tuple) else v for k, v in changed.items()},
        )
        return CatalogEntry(item.id, item.uuid, clean)
