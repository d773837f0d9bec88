"""Shifts and the cash drawer: open with a float, suprimento and sangria, a blind close.

Who may do what (every action is one unit of work with its audit row):

- **Open** a shift: any active staff member at the counter (the cashier who takes
  the drawer declares the float counted into it). Not privileged, but audited.
  One shift at a time per terminal; a day closed by its Z report cannot be
  opened again.
- **Suprimento** (cash in) and **sangria** (cash out): a manager's PIN and a
  reason, both checked inside the unit of work.
- **Close**: the drawer is counted *blind*, note by note and coin by coin, by
  whoever is at the counter; the close itself needs a manager's PIN. Only after
  the close are the expected cash, the count and the difference shown.

The expected cash of a shift is: float + cash paid for its sales − change given
+ tips (gorjetas) given in cash while it was open, for the professionals
+ suprimentos − sangrias − cash given back by refunds made during it. A refund's
money goes back in cash up to the cash its sale took (net of change and of
earlier refunds); the rest goes back by the sale's card or PIX.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from db.models import (
    CashMovement,
    Refund,
    Sale,
    SalePayment,
    Shift,
    ShiftCount,
    Staff,
    table_of,
)
from db.salon_models import Tip
from posapp.core.errors import (
    InvalidAmount,
    InvalidCount,
    NoOpenShift,
    ReasonRequired,
    ShiftAlreadyOpen,
)
from posapp.core.money import format_money
from posapp.core.pricing import Tender
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.local_day import refuse_closed_day
from posapp.services.common.station import Station

DENOMINATIONS: tuple[int, ...] = (
    20_000,
    10_000,
    5_000,
    2_000,
    1_000,
    500,
    200,
    100,
    50,
    25,
    10,
    5,
)
"""The real's notes (R$ 200 down to R$ 2) and coins (R$ 1 down to 5 centavos), in centavos."""
NOTES = frozenset(d for d in DENOMINATIONS if d >= 200)
CASH_IN, CASH_OUT = "in", "out"

_SHIFT, _SALE, _PAYMENT = table_of(Shift), table_of(Sale), table_of(SalePayment)
_REFUND, _MOVE, _TIP = table_of(Refund), table_of(CashMovement), table_of(Tip)
_OPEN_SHIFT = (
    select(_SHIFT.c.id)
    .where(_SHIFT.c.terminal_id == bindparam("terminal_id"), _SHIFT.c.closed_at.is_(None))
    .order_by(_SHIFT.c.id.desc())
    .limit(1)
)


def _sum(column: Any) -> Any:
    return func.coalesce(func.sum(column), 0)


def _cash_statement() -> Select[Any]:
    ids: Any = bindparam("shift_ids", expanding=True)
    return select(
        select(_sum(_SHIFT.c.opening_float)).where(_SHIFT.c.id.in_(ids)).scalar_subquery(),
        select(_sum(_PAYMENT.c.amount))
        .select_from(_PAYMENT.join(_SALE, _SALE.c.id == _PAYMENT.c.sale_id))
        .where(_SALE.c.shift_id.in_(ids), _PAYMENT.c.tender == Tender.CASH.value)
        .scalar_subquery(),
        select(_sum(_SALE.c.change)).where(_SALE.c.shift_id.in_(ids)).scalar_subquery(),
        select(_sum(_REFUND.c.cash_back)).where(_REFUND.c.shift_id.in_(ids)).scalar_subquery(),
        select(_sum(_MOVE.c.amount))
        .where(_MOVE.c.shift_id.in_(ids), _MOVE.c.kind == CASH_IN)
        .scalar_subquery(),
        select(_sum(_MOVE.c.amount))
        .where(_MOVE.c.shift_id.in_(ids), _MOVE.c.kind == CASH_OUT)
        .scalar_subquery(),
        _cash_tips(ids).scalar_subquery(),
    )


def _cash_tips(ids: Any) -> Select[Any]:
    """Tips given in cash at the terminal while one of the shifts was open (a tip names
    its sale, not its shift; the sale names the terminal)."""
    return (
        select(_sum(_TIP.c.amount))
        .select_from(
            _TIP.join(_SALE, _SALE.c.id == _TIP.c.sale_id).join(
                _SHIFT, _SHIFT.c.terminal_id == _SALE.c.terminal_id
            )
        )
        .where(
            _SHIFT.c.id.in_(ids),
            _TIP.c.tender == Tender.CASH.value,
            _TIP.c.created_at >= _SHIFT.c.opened_at,
            or_(_SHIFT.c.closed_at.is_(None), _TIP.c.created_at < _SHIFT.c.closed_at),
        )
    )


_CASH = _cash_statement()


@dataclass(frozen=True, slots=True)
class CashFigures:
    """The drawer of one or more shifts, in centavos."""

    opening_float: int
    cash_sales: int
    """Cash paid for sales, less the change given."""
    cash_refunds: int
    cash_in: int
    cash_out: int
    cash_tips: int = 0
    """Tips (gorjetas) given in cash, kept in the drawer for the professionals."""

    @property
    def expected(self) -> int:
        return (
            self.opening_float
            + self.cash_sales
            + self.cash_tips
            - self.cash_refunds
            + self.cash_in
            - self.cash_out
        )


@dataclass(frozen=True, slots=True)
class ShiftView:
    """An open shift as the counter shows it: no expected cash (the close is blind)."""

    id: int
    opened_at: datetime
    opened_by: str
    opening_float: int


@dataclass(frozen=True, slots=True)
class MovementView:
    id: int
    kind: str
    amount: int
    reason: str
    authorized_by: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ClosedShift:
    """What the close shows, after the blind count was entered."""

    id: int
    opened_at: datetime
    closed_at: datetime
    cash: CashFigures
    counts: tuple[tuple[int, int], ...]
    """(denomination, quantity) for every denomination, highest first."""
    counted: int
    closed_by: str
    authorized_by: str

    @property
    def expected(self) -> int:
        return self.cash.expected

    @property
    def difference(self) -> int:
        """Counted less expected: negative when cash is missing, positive when over."""
        return self.counted - self.expected


def open_shift_id(connection: Connection, terminal_id: int) -> int | None:
    """The terminal's open shift, if any."""
    found: int | None = connection.execute(_OPEN_SHIFT, {"terminal_id": terminal_id}).scalar()
    return found


def cash_figures(connection: Connection, shift_ids: Sequence[int]) -> CashFigures:
    """The drawer's figures of these shifts, in one aggregate statement."""
    if not shift_ids:
        return CashFigures(0, 0, 0, 0, 0)
    float_, paid, change, refunds, cash_in, cash_out, tips = connection.execute(
        _CASH,
        {"shift_ids": list(shift_ids)},
    ).one()
    return CashFigures(float_, paid - change, refunds, cash_in, cash_out, tips)


def current_shift(station: Station) -> ShiftView | None:
    with station.read() as session:
        terminal = station.terminal(session)
        shift_id = open_shift_id(session.connection(), terminal.id)
        if shift_id is None:
            return None
        shift = session.get(Shift, shift_id)
        assert shift is not None
        return _view(session, shift)


def open_shift(station: Station, staff_id: int, opening_float: int) -> ShiftView:
    """Open the counter's shift with the float counted into the drawer."""
    if isinstance(opening_float, bool) or not isinstance(opening_float, int) or opening_float < 0:
        raise InvalidAmount(value=opening_float)
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        terminal = station.terminal(session)
        held = open_shift_id(session.connection(), terminal.id)
        if held is not None:
            shift = session.get(Shift, held)
            assert shift is not None
            raise ShiftAlreadyOpen(name=_name(session, shift.opened_by_id))
        refuse_closed_day(session, terminal.id, now)
        shift = Shift(
            uuid=str(uuid.uuid4()),
            terminal_id=terminal.id,
            opened_by_id=staff.id,
            opened_at=now,
            opening_float=opening_float,
        )
        session.add(shift)
        session.flush()
        audit.record(
            session,
            at=now,
            terminal_uuid=terminal.uuid,
            action="shift.open",
            staff_id=staff.id,
            target=f"shift:{shift.id}",
            opening_float=opening_float,
        )
        return _view(session, shift)


def cash_in(
    station: Station, staff_id: int, manager_pin: str, amount: int, reason: str
) -> MovementView:
    """Suprimento: money put into the drawer (change for the day, say)."""
    return _move(station, staff_id, manager_pin, amount, reason, CASH_IN)


def cash_out(
    station: Station, staff_id: int, manager_pin: str, amount: int, reason: str
) -> MovementView:
    """Sangria: money taken out of the drawer (to the safe, to the bank)."""
    return _move(station, staff_id, manager_pin, amount, reason, CASH_OUT)


def movements(station: Station, shift_id: int) -> list[MovementView]:
    with station.read() as session:
        rows = session.scalars(
            select(CashMovement).where(CashMovement.shift_id == shift_id).order_by(CashMovement.id)
        )
        return [_movement(session, row) for row in rows]


def close_shift(
    station: Station, staff_id: int, manager_pin: str, counts: Mapping[int, int]
) -> ClosedShift:
    """Close the open shift with the blind count (denomination -> quantity); a manager's PIN."""
    for denomination, quantity in counts.items():
        if denomination not in DENOMINATIONS:
            raise InvalidCount(value=format_money(denomination))
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
            raise InvalidCount(value=format_money(denomination))
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "fechar o turno", now)
        terminal = station.terminal(session)
        connection = session.connection()
        shift_id = open_shift_id(connection, terminal.id)
        if shift_id is None:
            raise NoOpenShift()
        shift = session.get(Shift, shift_id)
        assert shift is not None
        cash = cash_figures(connection, [shift_id])
        full = tuple((d, counts.get(d, 0)) for d in DENOMINATIONS)
        counted = sum(d * q for d, q in full)
        session.add_all(
            ShiftCount(shift_id=shift_id, denomination=d, quantity=q) for d, q in full if q
        )
        shift.closed_at = now
        shift.closed_by_id = staff.id
        shift.expected_cash = cash.expected
        shift.counted_cash = counted
        audit.record(
            session,
            at=now,
            terminal_uuid=terminal.uuid,
            action="shift.close",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target=f"shift:{shift_id}",
            expected=cash.expected,
            counted=counted,
            difference=counted - cash.expected,
            counts={str(d): q for d, q in full if q},
        )
        return ClosedShift(
            shift_id,
            shift.opened_at,
            now,
            cash,
            full,
            counted,
            staff.name,
            manager.name,
        )


def _move(
    station: Station, staff_id: int, manager_pin: str, amount: int, reason: str, kind: str
) -> MovementView:
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise InvalidAmount(value=amount)
    if not reason.strip():
        raise ReasonRequired()
    now = station.now()
    action = "suprimento" if kind == CASH_IN else "sangria"
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, action, now)
        terminal = station.terminal(session)
        shift_id = open_shift_id(session.connection(), terminal.id)
        if shift_id is None:
            raise NoOpenShift()
        row = CashMovement(
            uuid=str(uuid.uuid4()),
            shift_id=shift_id,
            kind=kind,
            amount=amount,
            reason=reason.strip(),
            staff_id=staff.id,
            authorized_by_id=manager.id,
            created_at=now,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            at=now,
            terminal_uuid=terminal.uuid,
            action=f"cash.{kind}",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target=f"shift:{shift_id}",
            amount=amount,
            reason=row.reason,
        )
        return _movement(session, row)


def _name(session: Session, staff_id: int | None) -> str:
    staff = session.get(Staff, staff_id) if staff_id is not None else None
    return staff.name if staff else "—"


def _view(session: Session, shift: Shift) -> ShiftView:
    return ShiftView(
        shift.id, shift.opened_at, _name(session, shift.opened_by_id), shift.opening_float
    )


def _movement(session: Session, row: CashMovement) -> MovementView:
    return MovementView(
        row.id,
        row.kind,
        row.amount,
        row.reason,
        _name(session, row.authorized_by_id),
        row.created_at,
    )
