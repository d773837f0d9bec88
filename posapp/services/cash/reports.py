"""The X report (any time, changes nothing) and the Z report (closes the day).

"The day" is the local day in the counter's time zone (settings.timezone), from
midnight to midnight. Sales, refunds, cashback movements and the cash drawer are
this terminal's; vouchers, customers and the program's liability are the store's
as this counter's database holds them. With sync, the file also holds other
stores' vouchers: issued and open vouchers count only this store's
(`voucher.store_uuid` NULL or ours), redeemed ones those taken at this counter's
sales, whichever store issued them. The cashback liability is the sum of the
balances this file holds, which sync makes chain-wide.

Every figure is a SQL aggregate (a dozen small statements on indexed columns),
never a Python loop over sales, so a report costs the same on a database of two
million sales as on a new one (bench/report.py measures it).

Figures, all money in centavos:

- sales: count, gross (before discounts), discounts, and their total; refunds and
  voids made during the day (count and the goods' value); net = gross − discounts
  − refunds − voids.
- per payment method: what each tender paid for the day's sales (cash less change);
  card payments again by kind and brand (`cards`, named "credit:02" = Mastercard credit)
  from the details recorded with them. Tips (gorjetas) by the tender they were given with,
  apart (a tip records no card brand), and per tender the payments and tips together: what
  the card machine's and the bank's statements show. A tip counts the day it is given and
  stays there when its sale is voided, as a cash tip stays in the drawer.
- per staff member: the sales each rang up (count, total); per professional: the net
  of the service lines each performed, less what came back of them that day (the
  base of the salon's commissions); per category and top items: what was sold (net
  of discounts, before returns).
- cashback, valued in money: earned, spent, reversed (by refunds), expired, and
  referral bonuses; vouchers issued, redeemed, and still open at the end of the day;
  the liability: every customer's balance at the end of the day (pending included)
  plus the open vouchers' face value.
- customers enrolled that day and how many of them came referred.
- the cash drawer of the shifts opened that day: float, cash sales, cash refunds,
  suprimentos, sangrias, expected, counted and the difference (once closed).
- satisfaction: the NPS answers recorded that day (the store's, every counter's this
  database holds): promoters, passives, detractors and the score.

The Z report needs a manager's PIN, is numbered per terminal (1, 2, 3...), is made
once per day and terminal, and needs the terminal's shift closed first (the close
is the blind count, which a Z cannot make up). Once a day has its Z, no shift can
open on it again, so no sale can land in a closed day. Its figures are stored with
it, so a reprint is the same paper.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, func, literal, literal_column, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from db.models import (
    CardPayment,
    Category,
    Customer,
    CustomerBalance,
    LedgerEntry,
    NpsResponse,
    Refund,
    RefundLine,
    Sale,
    SaleLine,
    SalePayment,
    Shift,
    Staff,
    Voucher,
    ZReport,
    table_of,
)
from db.salon_models import Tip
from db.types import UTCDateTime
from posapp.core.errors import DayClosed, InvalidSetting, ShiftStillOpen
from posapp.core.ledger import GENESIS_HASH, EntryKind
from posapp.core.nps import DETRACTOR_MAX, PROMOTER_MIN, NpsSummary
from posapp.core.pricing import Tender
from posapp.core.program import LoyaltyProgram
from posapp.services.cash.shifts import CashFigures, cash_figures, open_shift_id
from posapp.services.common import audit, outbox
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.local_day import day_bounds, local_day, store_timezone
from posapp.services.common.station import Station
from posapp.services.salon.split import split

X, Z = "X", "Z"
TOP_ITEMS = 10

_SALE, _LINE, _PAY = table_of(Sale), table_of(SaleLine), table_of(SalePayment)
_REFUND, _RLINE, _SHIFT = table_of(Refund), table_of(RefundLine), table_of(Shift)
_ENTRY, _VOUCHER, _CUSTOMER = table_of(LedgerEntry), table_of(Voucher), table_of(Customer)
_STAFF, _CATEGORY, _BALANCE = table_of(Staff), table_of(Category), table_of(CustomerBalance)
_NPS, _CARD, _TIP = table_of(NpsResponse), table_of(CardPayment), table_of(Tip)


@dataclass(frozen=True, slots=True)
class Figure:
    """One line of a breakdown: a name, how many, how much (centavos)."""

    name: str
    count: int
    amount: int


@dataclass(frozen=True, slots=True)
class CashReport:
    shifts: int
    open_shifts: int
    opening_float: int
    cash_sales: int
    cash_refunds: int
    cash_in: int
    cash_out: int
    expected: int
    counted: int | None
    """None while a shift of the day is still open."""
    cash_tips: int = 0
    """Tips (gorjetas) given in cash, in the drawer for the professionals (0 on a Z made
    before they were counted)."""

    @property
    def difference(self) -> int | None:
        return None if self.counted is None else self.counted - self.expected


@dataclass(frozen=True, slots=True)
class Report:
    kind: str
    number: int | None
    day: date
    start: datetime
    end: datetime
    made_at: datetime
    store_name: str
    terminal_name: str
    timezone: str
    sales_count: int
    gross: int
    discounts: int
    refunds_count: int
    refunds: int
    voids_count: int
    voids: int
    money_back: int
    payments: tuple[Figure, ...]
    staff: tuple[Figure, ...]
    professionals: tuple[Figure, ...]
    categories: tuple[Figure, ...]
    top_items: tuple[Figure, ...]
    cashback_earned: int
    cashback_spent: int
    cashback_reversed: int
    cashback_expired: int
    referral_bonus: int
    vouchers_issued: Figure
    vouchers_redeemed: Figure
    vouchers_open: Figure
    liability_cashback: int
    customers_enrolled: int
    referrals: int
    cash: CashReport
    made_by: str = ""
    authorized_by: str = ""
    z_id: int | None = field(default=None)
    nps_promoters: int = 0
    nps_passives: int = 0
    nps_detractors: int = 0
    cards: tuple[Figure, ...] = ()
    """Card tenders by kind and tBand brand, named "kind:brand" (e.g. "credit:02")."""
    chain_seq: int = 0
    """Z only: this terminal's ledger entries when it was made (the anchor's position)."""
    chain_head: str = ""
    """Z only: the hash of the last of them, printed so the file can be checked against it."""
    salon_share: int = 0
    """The salon's cota-parte of its partners' services (Lei 13.352/2016)."""
    partner_shares: tuple[Figure, ...] = ()
    """Each partner professional's cota-parte (count: lines; amount: the share)."""
    commissions: tuple[Figure, ...] = ()
    """Each employed professional's commission."""
    tips: tuple[Figure, ...] = ()
    """Each professional's tips (gorjetas), outside the sales' totals."""
    tips_by_tender: tuple[Figure, ...] = ()
    """The tips given this day by tender (name: the tender), outside `payments` and `cards`;
    a void of their sale leaves them, as it leaves a cash tip in the drawer."""

    @property
    def nps(self) -> NpsSummary:
        return NpsSummary(
            self.nps_promoters + self.nps_passives + self.nps_detractors,
            self.nps_promoters,
            self.nps_passives,
            self.nps_detractors,
        )

    @property
    def with_tips(self) -> tuple[Figure, ...]:
        """Each tender that took tips: its payments and its tips together (count and amount),
        what the acquirer's and the bank's statements show."""
        paid = {f.name: f for f in self.payments}
        nothing = Figure("", 0, 0)
        return tuple(
            Figure(
                tip.name,
                paid.get(tip.name, nothing).count + tip.count,
                paid.get(tip.name, nothing).amount + tip.amount,
            )
            for tip in self.tips_by_tender
        )

    @property
    def net(self) -> int:
        return self.gross - self.discounts - self.refunds - self.voids

    @property
    def liability(self) -> int:
        return self.liability_cashback + self.vouchers_open.amount

    def to_json(self) -> str:
        data = asdict(self)
        for key in ("day", "start", "end", "made_at"):
            data[key] = data[key].isoformat()
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Report:
        data: dict[str, Any] = json.loads(text)
        data["day"] = date.fromisoformat(data["day"])
        for key in ("start", "end", "made_at"):
            data[key] = datetime.fromisoformat(data[key])
        for key in ("payments", "staff", "professionals", "categories", "top_items"):
            data[key] = tuple(Figure(**f) for f in data[key])
        for key in ("cards", "partner_shares", "commissions", "tips", "tips_by_tender"):
            data[key] = tuple(Figure(**f) for f in data.get(key, ()))
        for key in ("vouchers_issued", "vouchers_redeemed", "vouchers_open"):
            data[key] = Figure(**data[key])
        data["cash"] = CashReport(**data["cash"])
        return cls(**data)


# -- X and Z ------------------------------------------------------------------------


def x_report(station: Station, day: date | None = None) -> Report:
    """The day's figures so far (today by default). Writes nothing."""
    with station.read() as session:
        timezone = store_timezone(session)
        day = day or local_day(station.now(), timezone)
        return compute(session, station, day, timezone, X)


def z_report(station: Station, staff_id: int, manager_pin: str, day: date | None = None) -> Report:
    """Close the day (today by default) with its numbered Z report; a manager's PIN."""
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "redução Z", now)
        terminal = station.terminal(session)
        timezone = store_timezone(session)
        today = local_day(now, timezone)
        day = day or today
        if day > today:
            raise InvalidSetting(
                value_pt=f"a redução Z de {day:%d/%m/%Y} só pode ser feita nesse dia",
                value_en=f"the Z report of {day.isoformat()} can only be run on that day",
            )
        done = session.scalars(
            select(ZReport).where(ZReport.terminal_id == terminal.id, ZReport.day == day)
        ).first()
        if done is not None:
            raise DayClosed(day=day.strftime("%d/%m/%Y"), number=done.number)
        if open_shift_id(session.connection(), terminal.id) is not None:
            raise ShiftStillOpen()
        last = session.scalar(
            select(func.max(ZReport.number)).where(ZReport.terminal_id == terminal.id)
        )
        number = (last or 0) + 1
        report = compute(session, station, day, timezone, Z, number=number, made_at=now)
        row = ZReport(
            uuid=str(uuid.uuid4()),
            terminal_id=terminal.id,
            number=number,
            day=day,
            created_at=now,
            staff_id=staff.id,
            authorized_by_id=manager.id,
            sales_count=report.sales_count,
            gross=report.gross,
            net=report.net,
            figures_json="{}",
        )
        session.add(row)
        session.flush()
        head = session.execute(
            select(LedgerEntry.seq, LedgerEntry.hash)
            .where(LedgerEntry.terminal_uuid == terminal.uuid)
            .order_by(LedgerEntry.seq.desc())
            .limit(1)
        ).first()
        row.chain_seq, row.chain_head = (head[0], head[1]) if head else (0, GENESIS_HASH)
        report = _with(
            report,
            made_by=staff.name,
            authorized_by=manager.name,
            z_id=row.id,
            chain_seq=row.chain_seq,
            chain_head=row.chain_head,
        )
        row.figures_json = report.to_json()
        audit.record(
            session,
            at=now,
            terminal_uuid=terminal.uuid,
            action="report.z",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target=f"z:{number}",
            day=day.isoformat(),
            sales=report.sales_count,
            net=report.net,
        )
        outbox.emit(
            session,
            "report.z",
            now,
            {
                "terminal": terminal.uuid,
                "number": number,
                "day": day.isoformat(),
                "sales": report.sales_count,
                "gross": report.gross,
                "net": report.net,
            },
        )
        return report


def stored_z(station: Station, z_id: int) -> Report:
    """A Z report as it was made (for a reprint)."""
    with station.read() as session:
        row = session.get(ZReport, z_id)
        if row is None:
            raise LookupError(f"Z report {z_id} not found")
        return Report.from_json(row.figures_json)


def _with(report: Report, **changes: Any) -> Report:
    data = {f: getattr(report, f) for f in report.__dataclass_fields__}
    data.update(changes)
    return Report(**data)


# -- the figures ----------------------------------------------------------------------


def _sum(column: Any) -> Any:
    return func.coalesce(func.sum(column), 0)


def compute(
    session: Session,
    station: Station,
    day: date,
    timezone: str,
    kind: str,
    *,
    number: int | None = None,
    made_at: datetime | None = None,
) -> Report:
    """Every figure of the day, each from a SQL aggregate."""
    snapshot = station.snapshot(session)
    store, terminal, program = snapshot.store, snapshot.terminal, snapshot.program
    start, end = day_bounds(day, timezone)
    c = session.connection()
    in_day = and_(
        _SALE.c.terminal_id == terminal.id, _SALE.c.created_at >= start, _SALE.c.created_at < end
    )

    count, gross, discounts, change = c.execute(
        select(func.count(), _sum(_SALE.c.gross), _sum(_SALE.c.discount), _sum(_SALE.c.change))
        .select_from(_SALE)
        .where(in_day)
    ).one()

    refund_terminal = func.coalesce(_SHIFT.c.terminal_id, _SALE.c.terminal_id)
    refunds_in_day = and_(
        _REFUND.c.created_at >= start, _REFUND.c.created_at < end, refund_terminal == terminal.id
    )
    refund_rows = c.execute(
        select(
            _REFUND.c.kind,
            func.count(),
            _sum(_REFUND.c.goods_amount),
            _sum(_REFUND.c.money_back),
        )
        .select_from(
            _REFUND.join(_SALE, _SALE.c.id == _REFUND.c.sale_id).outerjoin(
                _SHIFT, _SHIFT.c.id == _REFUND.c.shift_id
            )
        )
        .where(refunds_in_day)
        .group_by(_REFUND.c.kind)
    ).all()
    refunds = {row[0]: (row[1], row[2], row[3]) for row in refund_rows}
    r_count, r_goods, r_money = refunds.get("refund", (0, 0, 0))
    v_count, v_goods, v_money = refunds.get("void", (0, 0, 0))

    payment_rows = c.execute(
        select(_PAY.c.tender, func.count(), _sum(_PAY.c.amount))
        .select_from(_PAY.join(_SALE, _SALE.c.id == _PAY.c.sale_id))
        .where(in_day)
        .group_by(_PAY.c.tender)
    ).all()
    payments = tuple(
        Figure(tender, n, amount - (change if tender == Tender.CASH.value else 0))
        for tender, n, amount in _in_tender_order(payment_rows)
    )

    cards = tuple(
        Figure(f"{kind}:{brand}", n, amount)
        for kind, brand, n, amount in c.execute(
            select(_CARD.c.kind, _CARD.c.brand, func.count(), _sum(_PAY.c.amount))
            .select_from(
                _CARD.join(_PAY, _PAY.c.id == _CARD.c.sale_payment_id).join(
                    _SALE, _SALE.c.id == _CARD.c.sale_id
                )
            )
            .where(in_day)
            .group_by(_CARD.c.kind, _CARD.c.brand)
            .order_by(_CARD.c.kind.desc(), _sum(_PAY.c.amount).desc(), _CARD.c.brand)
        )
    )

    staff = tuple(
        Figure(name, n, amount)
        for name, n, amount in c.execute(
            select(_STAFF.c.name, func.count(), _sum(_SALE.c.total))
            .select_from(_SALE.join(_STAFF, _STAFF.c.id == _SALE.c.staff_id))
            .where(in_day)
            .group_by(_STAFF.c.id)
            .order_by(_sum(_SALE.c.total).desc(), _STAFF.c.name)
        )
    )

    performed = c.execute(
        select(_LINE.c.professional_id, _sum(_LINE.c.quantity), _sum(_LINE.c.net))
        .select_from(_LINE.join(_SALE, _SALE.c.id == _LINE.c.sale_id))
        .where(in_day, _LINE.c.professional_id.is_not(None))
        .group_by(_LINE.c.professional_id)
    ).all()
    returned: dict[int, int] = dict(
        c.execute(
            select(_LINE.c.professional_id, _sum(_RLINE.c.amount))
            .select_from(
                _RLINE.join(_REFUND, _REFUND.c.id == _RLINE.c.refund_id)
                .join(_LINE, _LINE.c.id == _RLINE.c.sale_line_id)
                .join(_SALE, _SALE.c.id == _REFUND.c.sale_id)
                .outerjoin(_SHIFT, _SHIFT.c.id == _REFUND.c.shift_id)
            )
            .where(refunds_in_day, _LINE.c.professional_id.is_not(None))
            .group_by(_LINE.c.professional_id)
        ).all()
    )
    names = dict(
        c.execute(
            select(_STAFF.c.id, _STAFF.c.name).where(
                _STAFF.c.id.in_([row[0] for row in performed] + list(returned))
            )
        ).all()
    )
    pro_ids = {row[0] for row in performed} | set(returned)
    done = {row[0]: (row[1], row[2]) for row in performed}
    professionals = tuple(
        sorted(
            (
                Figure(
                    names.get(pid, "—"),
                    done.get(pid, (0, 0))[0],
                    done.get(pid, (0, 0))[1] - returned.get(pid, 0),
                )
                for pid in pro_ids
            ),
            key=lambda f: (-f.amount, f.name),
        )
    )

    categories = tuple(
        Figure(name or code or "—", qty, amount)
        for code, name, qty, amount in c.execute(
            select(
                _LINE.c.category_code,
                func.max(_CATEGORY.c.name),
                _sum(_LINE.c.quantity),
                _sum(_LINE.c.net),
            )
            .select_from(
                _LINE.join(_SALE, _SALE.c.id == _LINE.c.sale_id).outerjoin(
                    _CATEGORY, _CATEGORY.c.code == _LINE.c.category_code
                )
            )
            .where(in_day)
            .group_by(_LINE.c.category_code)
            .order_by(_sum(_LINE.c.net).desc())
        )
    )
    top_items = tuple(
        Figure(name, qty, amount)
        for name, qty, amount in c.execute(
            select(func.max(_LINE.c.description), _sum(_LINE.c.quantity), _sum(_LINE.c.net))
            .select_from(_LINE.join(_SALE, _SALE.c.id == _LINE.c.sale_id))
            .where(in_day)
            .group_by(_LINE.c.item_id)
            .order_by(_sum(_LINE.c.net).desc(), func.max(_LINE.c.description))
            .limit(TOP_ITEMS)
        )
    )

    ledger = {
        kind_: amount
        for kind_, amount in c.execute(
            select(_ENTRY.c.kind, _sum(_ENTRY.c.amount))
            .where(
                _ENTRY.c.terminal_uuid == terminal.uuid,
                _ENTRY.c.created_at >= start,
                _ENTRY.c.created_at < end,
            )
            .group_by(_ENTRY.c.kind)
        )
    }

    def value(kind_: EntryKind, sign: int = 1) -> int:
        return program.value_of_units(sign * ledger.get(kind_.value, 0))

    ours = or_(_VOUCHER.c.store_uuid.is_(None), _VOUCHER.c.store_uuid == store.uuid)
    issued = c.execute(
        select(func.count(), _sum(_VOUCHER.c.value)).where(
            _VOUCHER.c.issued_at >= start, _VOUCHER.c.issued_at < end, ours
        )
    ).one()
    redeemed = c.execute(
        select(func.count(), _sum(_VOUCHER.c.redeemed_amount)).where(
            _VOUCHER.c.redeemed_at >= start,
            _VOUCHER.c.redeemed_at < end,
            # Taken at this counter's sales, whichever store issued it (a redemption
            # pulled from another counter has no sale here).
            _VOUCHER.c.redeemed_sale_id.is_not(None),
        )
    ).one()
    still_open = c.execute(
        select(func.count(), _sum(_VOUCHER.c.value)).where(
            ours,
            # "+issued_at": keep SQLite on the expires_at index; the issued_at
            # index would read nearly every voucher for this question.
            literal_column("+voucher.issued_at", UTCDateTime()) < end,
            _VOUCHER.c.expires_at > end,
            or_(
                _VOUCHER.c.status == "open",
                and_(_VOUCHER.c.status == "redeemed", _VOUCHER.c.redeemed_at >= end),
            ),
        )
    ).one()
    balance_units = c.execute(
        select(
            select(_sum(_BALANCE.c.units)).scalar_subquery()
            - select(_sum(_ENTRY.c.amount)).where(_ENTRY.c.created_at >= end).scalar_subquery()
        )
    ).scalar_one()
    enrolled, referred = c.execute(
        select(
            func.count(),
            _sum(case((_CUSTOMER.c.referred_by_id.is_not(None), literal(1)), else_=literal(0))),
        ).where(_CUSTOMER.c.created_at >= start, _CUSTOMER.c.created_at < end)
    ).one()

    cash = _cash(c, terminal.id, start, end)
    answers, promoters, detractors = c.execute(
        select(
            func.count(),
            _sum(case((_NPS.c.score >= PROMOTER_MIN, literal(1)), else_=literal(0))),
            _sum(case((_NPS.c.score <= DETRACTOR_MAX, literal(1)), else_=literal(0))),
        ).where(_NPS.c.at >= start, _NPS.c.at < end)
    ).one()
    return Report(
        kind=kind,
        number=number,
        day=day,
        start=start,
        end=end,
        made_at=made_at or station.now(),
        store_name=store.name,
        terminal_name=terminal.name,
        timezone=timezone,
        sales_count=count,
        gross=gross,
        discounts=discounts,
        refunds_count=r_count,
        refunds=r_goods,
        voids_count=v_count,
        voids=v_goods,
        money_back=r_money + v_money,
        payments=payments,
        cards=cards,
        tips_by_tender=_tips_by_tender(c, terminal.id, start, end),
        staff=staff,
        professionals=professionals,
        categories=categories,
        top_items=top_items,
        cashback_earned=value(EntryKind.EARN),
        cashback_spent=value(EntryKind.REDEEM, -1),
        cashback_reversed=value(EntryKind.REVERSE, -1),
        cashback_expired=value(EntryKind.EXPIRE, -1),
        referral_bonus=value(EntryKind.REFERRAL_BONUS),
        vouchers_issued=Figure("issued", issued[0], issued[1]),
        vouchers_redeemed=Figure("redeemed", redeemed[0], redeemed[1]),
        vouchers_open=Figure("open", still_open[0], still_open[1]),
        liability_cashback=_money(program, balance_units),
        customers_enrolled=enrolled,
        referrals=referred,
        cash=cash,
        nps_promoters=promoters,
        nps_passives=answers - promoters - detractors,
        nps_detractors=detractors,
        **_salon_figures(session, start, end, terminal.id),
    )


def _in_tender_order(rows: Any) -> list[Any]:
    """(tender, ...) rows in the order of `Tender`, any other tender last."""
    order = [tender.value for tender in Tender]
    return sorted(rows, key=lambda r: order.index(r[0]) if r[0] in order else len(order))


def _tips_by_tender(
    c: Connection, terminal_id: int, start: datetime, end: datetime
) -> tuple[Figure, ...]:
    """The tips given during the day on the terminal's sales, by tender (voided or not)."""
    rows = c.execute(
        select(_TIP.c.tender, func.count(), _sum(_TIP.c.amount))
        .select_from(_TIP.join(_SALE, _SALE.c.id == _TIP.c.sale_id))
        .where(
            _SALE.c.terminal_id == terminal_id,
            _TIP.c.created_at >= start,
            _TIP.c.created_at < end,
        )
        .group_by(_TIP.c.tender)
    ).all()
    return tuple(Figure(tender, n, amount) for tender, n, amount in _in_tender_order(rows))


def _salon_figures(session: Session, start: datetime, end: datetime, terminal_id: int) -> Any:
    """The salon's split of the day's lines: its share, the partners', commissions, tips."""
    shares = split(session, start, end, terminal_id)
    return {
        "salon_share": shares.salon_share,
        "partner_shares": tuple(Figure(f.name, f.count, f.amount) for f in shares.partners),
        "commissions": tuple(Figure(f.name, f.count, f.amount) for f in shares.commissions),
        "tips": tuple(Figure(f.name, f.count, f.amount) for f in shares.tips),
    }


def _money(program: LoyaltyProgram, units: int) -> int:
    return program.value_of_units(units)


def _cash(c: Connection, terminal_id: int, start: datetime, end: datetime) -> CashReport:
    """The drawer of the terminal's shifts opened during the day."""
    shifts = c.execute(
        select(_SHIFT.c.id, _SHIFT.c.closed_at, _SHIFT.c.counted_cash).where(
            _SHIFT.c.terminal_id == terminal_id,
            _SHIFT.c.opened_at >= start,
            _SHIFT.c.opened_at < end,
        )
    ).all()
    figures: CashFigures = cash_figures(c, [row[0] for row in shifts])
    still_open = sum(1 for row in shifts if row[1] is None)
    counted = None if still_open or not shifts else sum(row[2] or 0 for row in shifts)
    return CashReport(
        shifts=len(shifts),
        open_shifts=still_open,
        opening_float=figures.opening_float,
        cash_sales=figures.cash_sales,
        cash_refunds=figures.cash_refunds,
        cash_in=figures.cash_in,
        cash_out=figures.cash_out,
        expected=figures.expected,
        counted=counted,
        cash_tips=figures.cash_tips,
    )
