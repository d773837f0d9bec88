"""Tips (gorjetas): given with a sale to one professional, outside the sale's total.

Being outside the total they are outside the cashback base (nothing is earned on them)
and outside the commission base; the professional's statement pays them in full.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Sale, Shift, Staff
from db.salon_models import Tip
from posapp.core.errors import InvalidPrice, PosError
from posapp.core.pricing import Tender
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff
from posapp.services.common.local_day import refuse_closed_day
from posapp.services.common.station import Station

LARGEST_TIP = 100_000_00


class TipSaleCancelled(PosError, LookupError):
    """Said to the cashier (the Agenda's Gorjeta on a visit whose sale was voided since);
    still a LookupError for the callers that look for a missing sale."""

    code = "tip_sale_cancelled"
    pt_BR = "A venda {number} foi cancelada: não é possível registrar gorjeta nela."
    en = "Sale {number} was cancelled: no tip can be recorded on it."


class TipNeedsShift(PosError):
    code = "tip_needs_shift"
    pt_BR = "Abra o turno para registrar gorjeta em dinheiro."
    en = "Open the shift to record a tip in cash."


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
        _refuse_outside_the_day(session, station, tender, now)
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


def _refuse_outside_the_day(session: Session, station: Station, tender: str, now: datetime) -> None:
    """A tip counts on the Z of the day it is given, and one in cash in the open shift's
    drawer: none after the day's Z (it would reach no Z), none in cash with no shift open
    (no drawer count would expect it)."""
    terminal_id = station.terminal(session).id
    refuse_closed_day(session, terminal_id, now)
    if tender == Tender.CASH.value and (
        session.scalar(
            select(Shift.id).where(Shift.terminal_id == terminal_id, Shift.closed_at.is_(None))
        )
        is None
    ):
        raise TipNeedsShift()


def sale_id_of(station: Station, sale_uuid: str) -> int | None:
    with station.read() as session:
        found: int | None = session.scalar(select(Sale.id).where(Sale.uuid == sale_uuid))
        return found
