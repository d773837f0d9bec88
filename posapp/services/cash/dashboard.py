"""The manager's dashboard: sales by hour today, the last 30 days, the liability over time.

Days and hours are the counter's local ones (`CounterSettings.timezone`): their
bounds are worked out here in the zone (so a day of 23 or 25 hours is right) and
handed to SQLite as UTC moments; each figure is one aggregate query that puts
every row in its bucket with a CASE over those bounds.

- Sales: the sales rung (voided sales left out), their count and total.
- Cashback earned: earn and referral bonus entries; spent: cashback redeemed at
  the counter plus the balance vouchers redeemed (the cashback they carried).
  Points programs are turned into money with the program's rate.
- Liability at the end of each day: the sum of every ledger entry up to that
  moment (cashback customers hold, pending included) plus the value of the
  vouchers open at that moment (issued, not expired, and not redeemed or
  cancelled, unless a refund gave them back), replayed from the ledger's
  voucher entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from db.models import LedgerEntry, Sale, Voucher
from posapp.core.errors import NotAuthorized
from posapp.core.ledger import EntryKind
from posapp.services.common.auth import acting_staff
from posapp.services.common.station import Station

DAYS = 30
EARNED = (EntryKind.EARN.value, EntryKind.REFERRAL_BONUS.value)
_CLOSING = frozenset({EntryKind.VOUCHER_REDEEM.value, EntryKind.VOUCHER_CANCEL.value})
_REOPENING = frozenset({EntryKind.VOUCHER_RESTORE.value})


@dataclass(frozen=True, slots=True)
class HourFigures:
    hour: int
    """The local hour, 0..23."""
    sales: int
    total: int


@dataclass(frozen=True, slots=True)
class DayFigures:
    day: date
    sales: int
    total: int
    earned: int
    spent: int
    liability: int
    """What customers could still spend at the end of the day: cashback + open vouchers."""


@dataclass(frozen=True, slots=True)
class Dashboard:
    today: date
    timezone: str
    hours: tuple[HourFigures, ...]
    days: tuple[DayFigures, ...]
    """The last `DAYS` days, oldest first, today last."""

    @property
    def today_total(self) -> int:
        return sum(h.total for h in self.hours)

    @property
    def today_sales(self) -> int:
        return sum(h.sales for h in self.hours)


def local_day(moment: datetime, timezone: str) -> date:
    return moment.astimezone(ZoneInfo(timezone)).date()


def day_start(day: date, timezone: str) -> datetime:
    """The UTC moment a local day begins."""
    return datetime.combine(day, time(0), ZoneInfo(timezone)).astimezone(UTC)


def hour_bounds(day: date, timezone: str) -> list[datetime]:
    """25 UTC moments: the start of each local hour 0..23 of `day`, then the next midnight.

    On a day that skips an hour, the skipped hour is empty; on a day that repeats
    one, the repeated hour is counted in the first one's bucket.
    """
    zone = ZoneInfo(timezone)
    bounds = [datetime.combine(day, time(h), zone).astimezone(UTC) for h in range(24)]
    bounds.append(day_start(day + timedelta(days=1), timezone))
    for i in range(1, len(bounds)):  # a skipped hour: keep the bounds in order
        bounds[i] = max(bounds[i], bounds[i - 1])
    return bounds


def _bucket(column: Any, bounds: Sequence[datetime]) -> ColumnElement[Any]:
    """The bucket index of `column` (bucket i is [bounds[i], bounds[i+1])), else NULL."""
    return case(
        *((column < bounds[i + 1], i) for i in range(len(bounds) - 1)),
        else_=None,
    )


def _sums_by_bucket(
    session: Session, bounds: Sequence[datetime]
) -> tuple[dict[int, tuple[int, int]], dict[int, int], dict[int, int], dict[int, int]]:
    """(sales count and total, earned units, redeemed units, balance vouchers redeemed)."""
    start, end = bounds[0], bounds[-1]
    bucket = _bucket(Sale.created_at, bounds).label("b")
    sales = {
        b: (n, t or 0)
        for b, n, t in session.execute(
            select(bucket, func.count(), func.sum(Sale.total))
            .where(Sale.created_at >= start, Sale.created_at < end, Sale.status != "voided")
            .group_by(bucket)
        )
        if b is not None
    }
    entry_bucket = _bucket(LedgerEntry.created_at, bounds).label("b")
    earned: dict[int, int] = {}
    redeemed: dict[int, int] = {}
    for b, e, r in session.execute(
        select(
            entry_bucket,
            func.sum(case((LedgerEntry.kind.in_(EARNED), LedgerEntry.amount), else_=0)),
            func.sum(
                case((LedgerEntry.kind == EntryKind.REDEEM.value, -LedgerEntry.amount), else_=0)
            ),
        )
        .where(LedgerEntry.created_at >= start, LedgerEntry.created_at < end)
        .where(LedgerEntry.kind.in_((*EARNED, EntryKind.REDEEM.value)))
        .group_by(entry_bucket)
    ):
        if b is not None:
            earned[b], redeemed[b] = e or 0, r or 0
    vouchers = {
        b: v or 0
        for b, v in session.execute(
            select(entry_bucket, func.sum(Voucher.value))
            .join(Voucher, Voucher.id == LedgerEntry.voucher_id)
            .where(LedgerEntry.created_at >= start, LedgerEntry.created_at < end)
            .where(
                LedgerEntry.kind == EntryKind.VOUCHER_REDEEM.value,
                Voucher.kind == "balance",
            )
            .group_by(entry_bucket)
        )
        if b is not None
    }
    return sales, earned, redeemed, vouchers


def _ledger_totals(session: Session, ends: Sequence[datetime]) -> list[int]:
    """The sum of every ledger entry written before each moment of `ends` (ascending)."""
    before = session.scalar(
        select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(
            LedgerEntry.created_at < ends[0]
        )
    )
    running = int(before or 0)
    bounds = [ends[0], *ends[1:]]
    steps: dict[int, int] = {}
    if len(bounds) > 1:
        bucket = _bucket(LedgerEntry.created_at, bounds).label("b")
        steps = {
            b: int(s or 0)
            for b, s in session.execute(
                select(bucket, func.sum(LedgerEntry.amount))
                .where(LedgerEntry.created_at >= ends[0], LedgerEntry.created_at < ends[-1])
                .group_by(bucket)
            )
            if b is not None
        }
    totals = [running]
    for i in range(len(ends) - 1):
        running += steps.get(i, 0)
        totals.append(running)
    return totals


def _open_voucher_values(session: Session, ends: Sequence[datetime]) -> list[int]:
    """The value of the vouchers open at each moment of `ends`."""
    first, last = ends[0], ends[-1]
    rows = session.execute(
        select(Voucher.id, Voucher.value, Voucher.issued_at, Voucher.expires_at).where(
            Voucher.issued_at < last, Voucher.expires_at > first, Voucher.value > 0
        )
    ).all()
    if not rows:
        return [0] * len(ends)
    events: dict[int, list[tuple[datetime, str]]] = {}
    for voucher_id, at, kind in session.execute(
        select(LedgerEntry.voucher_id, LedgerEntry.created_at, LedgerEntry.kind)
        .join(Voucher, Voucher.id == LedgerEntry.voucher_id)
        .where(Voucher.issued_at < last, Voucher.expires_at > first, Voucher.value > 0)
        .where(LedgerEntry.created_at < last)
        .where(LedgerEntry.kind.in_(_CLOSING | _REOPENING))
        .order_by(LedgerEntry.id)
    ):
        if voucher_id is not None:
            events.setdefault(voucher_id, []).append((at, kind))
    values = []
    for end in ends:
        total = 0
        for voucher_id, value, issued_at, expires_at in rows:
            if not issued_at < end < expires_at:
                continue
            is_open = True
            for at, kind in events.get(voucher_id, ()):
                if at >= end:
                    break
                is_open = kind in _REOPENING
            if is_open:
                total += value
        values.append(total)
    return values


def dashboard(station: Station, timezone: str, *, staff_id: int, days: int = DAYS) -> Dashboard:
    """The figures, for a manager or an admin (anyone else: NotAuthorized)."""
    now = station.now()
    today = local_day(now, timezone)
    first_day = today - timedelta(days=days - 1)
    day_bounds = [day_start(first_day + timedelta(days=i), timezone) for i in range(days + 1)]
    with station.read() as session:
        if not acting_staff(session, staff_id).is_manager:
            raise NotAuthorized(action="painel")
        program = station.program(session)
        by_hour, _, _, _ = _sums_by_bucket(session, hour_bounds(today, timezone))
        by_day, earned, redeemed, vouchers = _sums_by_bucket(session, day_bounds)
        ends = day_bounds[1:]
        ledger = _ledger_totals(session, ends)
        open_vouchers = _open_voucher_values(session, ends)
    hours = tuple(HourFigures(h, *by_hour.get(h, (0, 0))) for h in range(24))
    figures = []
    for i in range(days):
        count, total = by_day.get(i, (0, 0))
        figures.append(
            DayFigures(
                first_day + timedelta(days=i),
                count,
                total,
                program.value_of_units(earned.get(i, 0)),
                program.value_of_units(redeemed.get(i, 0)) + vouchers.get(i, 0),
                program.value_of_units(ledger[i]) + open_vouchers[i],
            )
        )
    return Dashboard(today, timezone, hours, tuple(figures))
