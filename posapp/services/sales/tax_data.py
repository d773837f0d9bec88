"""Checkout's fiscal gate: with NFC-e on, a product without its tax data cannot be sold.

The NFC-e itself is issued by the invoices domain after the sale commits; sales
only knows the switch (`NFCE_ENABLED`, a `setting` row the invoices domain writes)
and refuses, before anything is written, a product line whose item lacks the data
an NFC-e line needs. Stores without NFC-e sell as before. Services never go on an
NFC-e, so they need no tax data.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Item, Setting
from posapp.core.errors import PosError
from posapp.services.common.station import Station

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
