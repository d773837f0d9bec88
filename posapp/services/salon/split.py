"""The shares of a period's sale lines: each professional's statement, the salon's part.

A line counts in the period its sale was rung up; a refund or void of it comes off in the
period the refund is made (net by the refunded amount, gross by the refunded quantity), and
a tip in the period it is given (and off in the period its sale is voided), so the figures
of a period already paid never change afterwards. A line's rule
is the most specific of `rules.rule_for`; a line with no professional or no rule gives
no share. For the Z report, `split` adds up by professional; the salon's share is what
the partners' lines brought in less the partners' shares (Lei 13.352/2016: the salon
keeps its cota-parte of the partners' services), beside the employees' commissions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from db.models import Item, Refund, RefundLine, Sale, SaleLine, SalePayment, Staff
from db.salon_models import Tip
from posapp.core.commission import Mode, Rule, card_fee, line_share, part
from posapp.services.common.local_day import day_bounds, store_timezone
from posapp.services.common.station import Station
from posapp.services.salon.rules import CardFees, card_fees, rule_for, rules

DAY, WEEK, MONTH = "day", "week", "month"
NO_SHARE = Rule(0)


@dataclass(frozen=True, slots=True)
class StatementLine:
    at: datetime
    sale_number: int
    description: str
    item_kind: str
    quantity: int
    gross: int
    net: int
    base: int
    deduction: int
    share: int
    mode: str


@dataclass(slots=True)
class ProfessionalShare:
    staff_id: int
    name: str
    lines: list[StatementLine] = field(default_factory=list)
    tips: int = 0
    tip_count: int = 0

    @property
    def services_done(self) -> int:
        return sum(line.quantity for line in self.lines if line.item_kind == "service")

    @property
    def base(self) -> int:
        return sum(line.base for line in self.lines)

    @property
    def deductions(self) -> int:
        return sum(line.deduction for line in self.lines)

    @property
    def share(self) -> int:
        return sum(line.share for line in self.lines)

    @property
    def partner_share(self) -> int:
        return sum(line.share for line in self.lines if line.mode == Mode.PARTNER.value)

    @property
    def commission(self) -> int:
        return sum(line.share for line in self.lines if line.mode == Mode.COMMISSION.value)

    @property
    def partner_revenue(self) -> int:
        return sum(line.net for line in self.lines if line.mode == Mode.PARTNER.value)

    @property
    def to_pay(self) -> int:
        return self.share + self.tips


@dataclass(frozen=True, slots=True)
class Statement:
    professional: ProfessionalShare
    start: datetime
    end: datetime
    first_day: date
    last_day: date
    span: str


def period_days(on: date, span: str) -> tuple[date, date]:
    """The first and last local day of the day, week (Monday to Sunday) or month of `on`."""
    if span == DAY:
        return on, on
    if span == WEEK:
        monday = on - timedelta(days=on.weekday())
        return monday, monday + timedelta(days=6)
    if span == MONTH:
        first = on.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return first, following - timedelta(days=1)
    raise ValueError(f"not a period: {span}")


def statement(station: Station, professional_id: int, on: date, span: str) -> Statement:
    first, last = period_days(on, span)
    with station.read() as session:
        zone = store_timezone(session)
        start, _ = day_bounds(first, zone)
        _, end = day_bounds(last, zone)
        shares = shares_between(session, start, end, professional_id=professional_id)
        found = shares.get(professional_id)
        if found is None:
            staff = session.get(Staff, professional_id)
            if staff is None:
                raise LookupError(f"professional {professional_id} not found")
            found = ProfessionalShare(professional_id, staff.name)
        return Statement(found, start, end, first, last, span)


def former_professionals(station: Station) -> list[tuple[int, str]]:
    """(id, name) of the staff no longer active who did sale lines or were given tips: they
    are still paid for that work, so their statements stay at hand."""
    worked = select(SaleLine.professional_id).union(select(Tip.professional_id))
    with station.read() as session:
        rows = session.execute(
            select(Staff.id, Staff.name)
            .where(Staff.active.is_(False), Staff.id.in_(worked))
            .order_by(Staff.name)
        ).all()
        return [(staff_id, name) for staff_id, name in rows]


def shares_between(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    terminal_id: int | None = None,
    professional_id: int | None = None,
) -> dict[int, ProfessionalShare]:
    """Each professional's lines of [start, end), and the tips given (or voided) in it.

    A line counts for what it was worth at `end` less what it was worth at `start` (nothing
    before its sale), where its worth at a moment is its share after the refunds and voids
    made before that moment. So a refund comes off in the period it is made: a period
    already paid keeps its figures, and the days, weeks and months add up exactly.
    """
    table = rules(session)
    fees = card_fees(session)
    line_conditions = [Sale.created_at < end, SaleLine.professional_id.is_not(None)]
    if terminal_id is not None:
        line_conditions.append(Sale.terminal_id == terminal_id)
    if professional_id is not None:
        line_conditions.append(SaleLine.professional_id == professional_id)

    def before(moment: datetime, column: Any) -> Any:
        return func.coalesce(func.sum(case((Refund.created_at < moment, column), else_=0)), 0)

    refunded = (
        select(
            RefundLine.sale_line_id,
            before(start, RefundLine.quantity).label("quantity_before"),
            before(start, RefundLine.amount).label("amount_before"),
            before(end, RefundLine.quantity).label("quantity_by_end"),
            before(end, RefundLine.amount).label("amount_by_end"),
            func.max(Refund.created_at).label("last_at"),
        )
        .join(Refund, Refund.id == RefundLine.refund_id)
        .where(Refund.created_at < end)
        .group_by(RefundLine.sale_line_id)
        .subquery()
    )
    rows = session.execute(
        select(SaleLine, Sale, Item.kind, Staff.name, refunded)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .join(Item, Item.id == SaleLine.item_id)
        .join(Staff, Staff.id == SaleLine.professional_id)
        .outerjoin(refunded, refunded.c.sale_line_id == SaleLine.id)
        .where(
            *line_conditions,
            or_(Sale.created_at >= start, refunded.c.last_at >= start),
        )
        .order_by(Sale.created_at, SaleLine.id)
    ).all()
    sale_fees = _sale_fees(session, {row.Sale.id: row.Sale.created_at for row in rows}, fees)
    found: list[tuple[datetime, int, int, str, StatementLine]] = []
    for row in rows:
        line, sale, kind = row.SaleLine, row.Sale, row.kind
        assert line.professional_id is not None
        # no rule: the work is listed on the statement, with no share
        rule = (
            rule_for(table, line.professional_id, line.item_id, kind, sale.created_at) or NO_SHARE
        )
        fee = sale_fees.get(sale.id, 0)
        at_end = _worth(rule, line, sale.total, fee, row.quantity_by_end, row.amount_by_end)
        at_start = (
            _worth(rule, line, sale.total, fee, row.quantity_before, row.amount_before)
            if sale.created_at < start
            else _NOTHING
        )
        counted = _Worth(*(e - s for e, s in zip(at_end, at_start, strict=True)))
        if counted == _NOTHING:
            continue
        # a line of an earlier sale is here for its refund: dated by the refund
        at = sale.created_at if sale.created_at >= start else row.last_at
        found.append(
            (
                at,
                line.id,
                line.professional_id,
                row.name,
                StatementLine(
                    at,
                    sale.number,
                    line.description,
                    kind,
                    counted.quantity,
                    counted.gross,
                    counted.net,
                    counted.base,
                    counted.deduction,
                    counted.share,
                    rule.mode.value,
                ),
            )
        )
    shares: dict[int, ProfessionalShare] = {}
    for _at, _id, staff_id, name, statement_line in sorted(found, key=lambda f: f[:2]):
        holder = shares.setdefault(staff_id, ProfessionalShare(staff_id, name))
        holder.lines.append(statement_line)
    for staff_id, name, amount, count in _tips(session, start, end, terminal_id, professional_id):
        holder = shares.setdefault(staff_id, ProfessionalShare(staff_id, name))
        holder.tips, holder.tip_count = int(amount or 0), int(count or 0)
    return shares


def _tips(
    session: Session,
    start: datetime,
    end: datetime,
    terminal_id: int | None,
    professional_id: int | None,
) -> list[Any]:
    """(professional, name, amount, count) of the tips given in [start, end) less those
    whose sale was voided in it: a void takes its tips back the day it is made."""
    given = and_(Tip.created_at >= start, Tip.created_at < end)
    taken = and_(Sale.voided_at.is_not(None), Sale.voided_at >= start, Sale.voided_at < end)

    def net(value: Any) -> Any:
        return func.sum(case((given, value), else_=0)) - func.sum(case((taken, value), else_=0))

    query = (
        select(Tip.professional_id, Staff.name, net(Tip.amount), net(1))
        .join(Sale, Sale.id == Tip.sale_id)
        .join(Staff, Staff.id == Tip.professional_id)
        .where(or_(given, taken))
        .group_by(Tip.professional_id, Staff.name)
    )
    if terminal_id is not None:
        query = query.where(Sale.terminal_id == terminal_id)
    if professional_id is not None:
        query = query.where(Tip.professional_id == professional_id)
    return list(session.execute(query))


class _Worth(NamedTuple):
    quantity: int
    gross: int
    net: int
    base: int
    deduction: int
    share: int


_NOTHING = _Worth(0, 0, 0, 0, 0, 0)


def _worth(
    rule: Rule, line: SaleLine, sale_total: int, sale_fee: int, back_quantity: Any, back_amount: Any
) -> _Worth:
    """What a line is worth after `back_quantity` of it (for `back_amount`) came back."""
    quantity = line.quantity - int(back_quantity or 0)
    if quantity <= 0:
        return _NOTHING
    gross = part(line.unit_price * line.quantity, quantity, line.quantity)
    net = line.net - int(back_amount or 0)
    share = line_share(rule, gross, net, sale_total, sale_fee)
    return _Worth(quantity, gross, net, share.base, share.deduction, share.share)


@dataclass(frozen=True, slots=True)
class SplitFigure:
    name: str
    count: int
    """Partners and commissions: the services done; tips: how many."""
    amount: int


@dataclass(frozen=True, slots=True)
class Split:
    """The Z report's salon figures."""

    salon_share: int
    partners: tuple[SplitFigure, ...]
    commissions: tuple[SplitFigure, ...]
    tips: tuple[SplitFigure, ...]


def split(
    session: Session, start: datetime, end: datetime, terminal_id: int | None = None
) -> Split:
    shares = sorted(
        shares_between(session, start, end, terminal_id=terminal_id).values(),
        key=lambda s: s.name,
    )
    partner_lines = [s for s in shares if any(line.mode == Mode.PARTNER.value for line in s.lines)]
    return Split(
        salon_share=sum(s.partner_revenue - s.partner_share for s in partner_lines),
        partners=tuple(
            SplitFigure(s.name, s.services_done, s.partner_share) for s in partner_lines
        ),
        commissions=tuple(
            SplitFigure(s.name, s.services_done, s.commission) for s in shares if s.commission
        ),
        tips=tuple(SplitFigure(s.name, s.tip_count, s.tips) for s in shares if s.tips),
    )


def _sale_fees(session: Session, sales: dict[int, datetime], fees: CardFees) -> dict[int, int]:
    """Each sale's card fees, at the fees in force when it was rung up."""
    if not sales or not fees:
        return {}
    totals: dict[int, int] = defaultdict(int)
    for sale_id, tender, amount in session.execute(
        select(SalePayment.sale_id, SalePayment.tender, SalePayment.amount).where(
            SalePayment.sale_id.in_(sales)
        )
    ):
        totals[sale_id] += card_fee(amount, fees.at(sales[sale_id]).get(tender, 0))
    return dict(totals)
