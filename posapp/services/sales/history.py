"""What the sales screen reads: the sales of a day (or by number) and one sale in full.

Read-only companions of `posapp.services.sales.refunds`: a sale's lines carry how
much of each was already returned, so the screen bounds what can still be
returned; the refunds made so far carry what went back in money.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from db.models import Customer, Refund, RefundLine, Sale, SaleLine, SalePayment, Staff, Voucher
from payments.card import CardDetails
from posapp.core.errors import UnknownSale
from posapp.services.common.station import Station
from posapp.services.payments.tenders import SalePix, cards_in, pix_in

STORE_ZONE = "America/Sao_Paulo"
COMPLETED, PARTIALLY_REFUNDED, REFUNDED, VOIDED = (
    "completed",
    "partially_refunded",
    "refunded",
    "voided",
)


@dataclass(frozen=True, slots=True)
class SaleSummary:
    id: int
    number: int
    created_at: datetime
    customer_id: int | None
    customer_name: str | None
    total: int
    status: str
    staff_name: str


@dataclass(frozen=True, slots=True)
class SaleLineView:
    id: int
    description: str
    quantity: int
    returned: int
    """Units of this line already returned by earlier refunds."""
    unit_price: int
    net: int
    professional: str | None

    @property
    def left(self) -> int:
        """Units that can still be returned."""
        return self.quantity - self.returned


@dataclass(frozen=True, slots=True)
class PaymentView:
    tender: str
    amount: int
    voucher_code: str | None
    card: CardDetails | None = None
    """A card tender's details (brand, NSU/DOC, authorisation, acquirer, instalments)."""
    pix: SalePix | None = None


@dataclass(frozen=True, slots=True)
class RefundView:
    id: int
    kind: str
    created_at: datetime
    reason: str
    goods_amount: int
    money_back: int
    loyalty_share: int
    clawback: int
    staff_name: str
    authorized_by: str


@dataclass(frozen=True, slots=True)
class SaleDetail:
    summary: SaleSummary
    gross: int
    discount: int
    change: int
    earned: int
    lines: tuple[SaleLineView, ...]
    payments: tuple[PaymentView, ...]
    refunds: tuple[RefundView, ...]

    @property
    def id(self) -> int:
        return self.summary.id

    @property
    def refundable(self) -> bool:
        """Some unit is left to return."""
        return self.summary.status not in (REFUNDED, VOIDED) and any(
            line.left > 0 for line in self.lines
        )

    @property
    def voidable(self) -> bool:
        """A void undoes a whole sale that has had no refund yet."""
        return self.summary.status == COMPLETED and not self.refunds


def _day_bounds(day: date, timezone: str) -> tuple[datetime, datetime]:
    zone = ZoneInfo(timezone)
    start = datetime.combine(day, time(0), zone)
    end = datetime.combine(day + timedelta(days=1), time(0), zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def recent_sales(
    station: Station,
    *,
    day: date | None = None,
    number: int | None = None,
    limit: int = 200,
    timezone: str = STORE_ZONE,
) -> list[SaleSummary]:
    """Sales newest first: of one day in the store's zone, and/or with one number.

    Neither given: the newest `limit` sales of all.
    """
    with station.read() as session:
        query = (
            select(Sale, Customer.name, Staff.name)
            .outerjoin(Customer, Customer.id == Sale.customer_id)
            .join(Staff, Staff.id == Sale.staff_id)
            .order_by(Sale.created_at.desc(), Sale.id.desc())
            .limit(limit)
        )
        if day is not None:
            start, end = _day_bounds(day, timezone)
            query = query.where(Sale.created_at >= start, Sale.created_at < end)
        if number is not None:
            query = query.where(Sale.number == number)
        return [_summary(sale, customer, staff) for sale, customer, staff in session.execute(query)]


def _summary(sale: Sale, customer: str | None, staff: str) -> SaleSummary:
    return SaleSummary(
        id=sale.id,
        number=sale.number,
        created_at=sale.created_at,
        customer_id=sale.customer_id,
        customer_name=customer,
        total=sale.total,
        status=sale.status,
        staff_name=staff,
    )


def sale_detail(station: Station, sale_id: int) -> SaleDetail:
    """One sale: its lines (with what was returned of each), payments and refunds so far."""
    with station.read() as session:
        row = session.execute(
            select(Sale, Customer.name, Staff.name)
            .outerjoin(Customer, Customer.id == Sale.customer_id)
            .join(Staff, Staff.id == Sale.staff_id)
            .where(Sale.id == sale_id)
        ).first()
        if row is None:
            raise UnknownSale(value=sale_id)
        sale, customer, staff = row
        returned = (
            select(
                RefundLine.sale_line_id,
                func.sum(RefundLine.quantity).label("returned"),
            )
            .join(SaleLine, SaleLine.id == RefundLine.sale_line_id)
            .where(SaleLine.sale_id == sale_id)
            .group_by(RefundLine.sale_line_id)
            .subquery()
        )
        lines = session.execute(
            select(SaleLine, returned.c.returned, Staff.name)
            .outerjoin(returned, returned.c.sale_line_id == SaleLine.id)
            .outerjoin(Staff, Staff.id == SaleLine.professional_id)
            .where(SaleLine.sale_id == sale_id)
            .order_by(SaleLine.id)
        ).all()
        payments = session.execute(
            select(SalePayment, Voucher.code)
            .outerjoin(Voucher, Voucher.id == SalePayment.voucher_id)
            .where(SalePayment.sale_id == sale_id)
            .order_by(SalePayment.id)
        ).all()
        cards = {item.payment_id: item.card for item in cards_in(session, sale_id)}
        pix = pix_in(session, sale_id)
        authorizer = aliased(Staff)
        refunds = session.execute(
            select(Refund, Staff.name, authorizer.name)
            .join(Staff, Staff.id == Refund.staff_id)
            .join(authorizer, authorizer.id == Refund.authorized_by_id)
            .where(Refund.sale_id == sale_id)
            .order_by(Refund.id)
        ).all()
        return SaleDetail(
            summary=_summary(sale, customer, staff),
            gross=sale.gross,
            discount=sale.discount,
            change=sale.change,
            earned=sale.earned,
            lines=tuple(
                SaleLineView(
                    id=line.id,
                    description=line.description,
                    quantity=line.quantity,
                    returned=int(done or 0),
                    unit_price=line.unit_price,
                    net=line.net,
                    professional=professional,
                )
                for line, done, professional in lines
            ),
            payments=tuple(
                PaymentView(
                    tender=payment.tender,
                    amount=payment.amount,
                    voucher_code=code,
                    card=cards.get(payment.id),
                    pix=pix if pix is not None and pix.payment_id == payment.id else None,
                )
                for payment, code in payments
            ),
            refunds=tuple(
                RefundView(
                    id=refund.id,
                    kind=refund.kind,
                    created_at=refund.created_at,
                    reason=refund.reason,
                    goods_amount=refund.goods_amount,
                    money_back=refund.money_back,
                    loyalty_share=refund.loyalty_share,
                    clawback=refund.clawback,
                    staff_name=staff_name,
                    authorized_by=authorized_by,
                )
                for refund, staff_name, authorized_by in refunds
            ),
        )
