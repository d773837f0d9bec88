"""Tips (gorjetas): given with a sale to one professional, outside the sale's total.

Being outside the total they are outside the cashback base (nothing is earned on them)
and outside the commission base; the professional's statement pays them in full.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select

from db.models import Sale, Staff
from db.salon_models import Tip
from posapp.core.errors import InvalidPrice, PosError
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff
from posapp.services.common.station import Station

LARGEST_TIP = 100_000_00


class TipSaleCancelled(PosError, LookupError):
    """Said to the cashier (the Agenda's Gorjeta on a visit whose sale was voided since);
    still a LookupError for the callers that look for a missing sale."""

    code = "tip_sale_cancelled"
    pt_BR = "A venda {number} foi cancelada: não é possível registrar gorjeta nela."
    en = "Sale {number} was cancelled: no tip can be recorded on it."


def record_tip(
    station: Station, sale_id: int, *, professional_id: int, amount: int, tender: str, staff_id: int
) -> None:
    if not 0 < amount <= LARGEST_TIP:
        raise InvalidPrice(value=amount)
    now = station.now()
    with station.write() as session:
        acting_staff(session, staff_id)
        sale = session.get(Sale, sale_id)
        if sale is None:
            raise LookupError(f"sale {sale_id} not found")
        if sale.voided_at is not None:
            raise TipSaleCancelled(number=sale.number)
        if session.get(Staff, professional_id) is None:
            raise LookupError(f"professional {professional_id} not found")
        session.add(
            Tip(
                uuid=str(uuid.uuid4()),
                sale_id=sale_id,
                professional_id=professional_id,
                tender=tender,
                amount=amount,
                created_at=now,
            )
        )
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="salon.tip",
            staff_id=staff_id,
            target=f"sale:{sale.uuid}",
            professional_id=professional_id,
            amount=amount,
            tender=tender,
        )


def sale_id_of(station: Station, sale_uuid: str) -> int | None:
    with station.read() as session:
        found: int | None = session.scalar(select(Sale.id).where(Sale.uuid == sale_uuid))
        return found
