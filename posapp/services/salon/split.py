"""The shares of a period's sale lines: each professional's statement, the salon's part.

A line counts when its sale (not voided) was rung up in the period; what was refunded of
it comes off (net by the refunded amount, gross by the refunded quantity). A line's rule
is the most specific of `rules.rule_for`; a line with no professional or no rule gives
no share. For the Z report, `split` adds up by professional; the salon's share is what
the partners' lines brought in less the partners' shares (Lei 13.352/2016: the salon
keeps its cota-parte of the partners' services), beside the employees' commissions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Item, RefundLine, Sale, SaleLine, SalePayment, Staff
from db.salon_models import Tip
from posapp.core.commission import Mode, Rule, card_fee, line_share, part
from posapp.services.common.local_day import day_bounds, store_timezone
from posapp.services.common.station import Station
from posapp.services.salon.rules import card_fees, rule_for, rules

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


def shares_between(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    terminal_id: int | None = None,
    professional_id: int | None = None,
) -> dict[int, ProfessionalShare]:
    """Each professional's lines of the sales rung up in [start, end), and their tips."""
    table = rules(session)
    fees = card_fees(session)
    conditions = [Sale.created_at >= start, Sale.created_at < end, Sale.voided_at.is_(None)]
    if terminal_id is not None:
        conditions.append(Sale.terminal_id == terminal_id)
    line_conditions = [*conditions, SaleLine.professional_id.is_not(None)]
    if professional_id is not None:
        line_conditions.append(SaleLine.professional_id == professional_id)
    refunded = (
        select(
            RefundLine.sale_line_id,
            func.sum(RefundLine.quantity).label("quantity"),
            func.sum(RefundLine.amount).label("amount"),
        )
        .group_by(RefundLine.sale_line_id)
        .subquery()
    )
    rows = session.execute(
        select(SaleLine, Sale, Item.kind, Staff.name, refunded.c.quantity, refunded.c.amount)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .join(Item, Item.id == SaleLine.item_id)
        .join(Staff, Staff.id == SaleLine.professional_id)
        .outerjoin(refunded, refunded.c.sale_line_id == SaleLine.id)
        .where(*line_conditions)
        .order_by(Sale.created_at, SaleLine.id)
    ).all()
    sale_fees = _sale_fees(session, {sale.id for _l, sale, *_ in rows}, fees)
    shares: dict[int, ProfessionalShare] = {}
    for line, sale, kind, name, back_quantity, back_amount in rows:
        assert line.professional_id is not None
        # no rule: the work is listed on the statement, with no share
        rule = rule_for(table, line.professional_id, line.item_id, kind) or NO_SHARE
        quantity = line.quantity - int(back_quantity or 0)
        if quantity <= 0:
            continue
        gross = part(line.unit_price * line.quantity, quantity, line.quantity)
        net = line.net - int(back_amount or 0)
        share = line_share(rule, gross, net, sale.total, sale_fees.get(sale.id, 0))
        holder = shares.setdefault(
            line.professional_id, ProfessionalShare(line.professional_id, name)
        )
        holder.lines.append(
            StatementLine(
                sale.created_at,
                sale.number,
                line.description,
                kind,
                quantity,
                gross,
                net,
                share.base,
                share.deduction,
                share.share,
                rule.mode.value,
            )
        )
    tip_query = (
        select(Tip.professional_id, Staff.name, func.sum(Tip.amount), func.count())
        .join(Sale, Sale.id == Tip.sale_id)
        .join(Staff, Staff.id == Tip.professional_id)
        .where(*conditions)
        .group_by(Tip.professional_id, Staff.name)
    )
    if professional_id is not None:
        tip_query = tip_query.where(Tip.professional_id == professional_id)
    for staff_id, name, amount, count in session.execute(tip_query):
        holder = shares.setdefault(staff_id, ProfessionalShare(staff_id, name))
        holder.tips, holder.tip_count = int(amount or 0), int(count)
    return shares


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


def _sale_fees(session: Session, sale_ids: set[int], fees: dict[str, int]) -> dict[int, int]:
    if not sale_ids or not fees:
        return {}
    totals: dict[int, int] = defaultdict(int)
    for sale_id, tender, amount in session.execute(
        select(SalePayment.sale_id, SalePayment.tender, SalePayment.amount).where(
            SalePayment.sale_id.in_(sale_ids)
        )
    ):
        totals[sale_id] += card_fee(amount, fees.get(tender, 0))
    return dict(totals)
