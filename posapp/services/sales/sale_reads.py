"""Small reads the sale screen needs: items by id (a recalled cart) and a voucher preview."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from db.models import Item
from posapp.services.common.station import Station
from posapp.services.loyalty.vouchers import (
    check_usable,
    face_value,
    foreign_unknown_code,
    resolve,
)
from posapp.services.sales.authority import Authority
from posapp.services.sales.catalog import ItemView, view


def items_by_id(station: Station, ids: Iterable[int]) -> dict[int, ItemView]:
    wanted = set(ids)
    with station.read() as session:
        rows = session.scalars(
            select(Item).where(Item.id.in_(wanted)).options(selectinload(Item.category))
        )
        return {item.id: view(item) for item in rows}


@dataclass(frozen=True, slots=True)
class VoucherPreview:
    code: str
    value: int
    """What the voucher would pay of this purchase."""


def preview_voucher(
    station: Station,
    offered: str,
    customer_id: int | None,
    purchase: int,
    *,
    authority: Authority | None = None,
    sale_uuid: str | None = None,
) -> VoucherPreview:
    """What a voucher offered at the counter is worth here; the PosError checkout would raise.

    A QR of another store's voucher not pulled here yet is verified by the endpoint when
    there is an `authority` (online), which records it here and claims it for `sale_uuid`
    (the sale checkout then writes, with the same uuid); otherwise it is refused. This
    asks the network: call it off the GUI thread.
    """
    if authority is not None and sale_uuid is not None:
        with station.read() as session:
            code = foreign_unknown_code(
                session, offered, station.store(session), or_key_unknown=True
            )
        if code is not None:
            authority.learn_voucher(offered, code, sale_uuid)
            offered = code
    with station.read() as session:
        voucher = resolve(session, offered, station.store(session))
        check_usable(voucher, customer_id, purchase, station.now())
        return VoucherPreview(voucher.code, min(face_value(voucher, purchase), purchase))
