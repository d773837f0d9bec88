"""The salon's tables: the appointment book, working hours, commission rules, card fees, tips.

Loaded with `db` (db/__init__.py), so `Base.metadata` always holds them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base
from db.types import UTCDateTime


class Appointment(Base):
    """One professional's time with a client; a booking of several professionals is several
    rows sharing `group_uuid`. `services_json` lists the services as booked:
    [{"item": uuid, "name": ..., "minutes": ..., "price": centavos}]."""

    __tablename__ = "appointment"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    group_uuid: Mapped[str] = mapped_column(String(36), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    client_name: Mapped[str] = mapped_column(String(120))
    professional_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(12))
    services_json: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(String(200), default="")
    sale_uuid: Mapped[str | None] = mapped_column(String(36))
    arrived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class WorkHours(Base):
    """A professional's hours on a weekday (0 Monday), in minutes from local midnight.
    A professional with rows works only on those weekdays; one with none is not limited."""

    __tablename__ = "work_hours"
    __table_args__ = (UniqueConstraint("staff_id", "weekday"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    weekday: Mapped[int] = mapped_column(Integer)
    start_min: Mapped[int] = mapped_column(Integer)
    end_min: Mapped[int] = mapped_column(Integer)
    break_start_min: Mapped[int | None] = mapped_column(Integer)
    break_end_min: Mapped[int | None] = mapped_column(Integer)


class TimeOff(Base):
    """A day a professional does not work (holiday, leave)."""

    __tablename__ = "time_off"
    __table_args__ = (UniqueConstraint("staff_id", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    day: Mapped[date] = mapped_column(Date)


class CommissionRule(Base):
    """A share of sale lines: for a professional (None: everyone) and an item (None: every
    item of `item_kind`). The most specific rule of a line wins. Kept as a history: a new
    share for the same professional, item and kind is a new row in force from its
    `valid_from`, so the sales rung up before keep the share they were paid with."""

    __tablename__ = "commission_rule"
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("item.id"))
    item_kind: Mapped[str] = mapped_column(String(10))
    mode: Mapped[str] = mapped_column(String(12))
    share_bps: Mapped[int] = mapped_column(Integer)
    base: Mapped[str] = mapped_column(String(8))
    card_fees: Mapped[bool] = mapped_column(Boolean, default=False)
    valid_from: Mapped[datetime | None] = mapped_column(UTCDateTime())
    """In force for the sales rung up from this moment (None: set before rules had dates,
    in force since always)."""


class CardFee(Base):
    """What the acquirer keeps of a tender (debit, credit, pix), in basis points, for the
    sales rung up from `valid_from` (None: since always) until the tender's next fee."""

    __tablename__ = "card_fee"
    id: Mapped[int] = mapped_column(primary_key=True)
    tender: Mapped[str] = mapped_column(String(10))
    fee_bps: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Tip(Base):
    """A gorjeta given with a sale to one professional: outside the sale's total, so outside
    the commission base and the cashback base; paid to the professional in full."""

    __tablename__ = "tip"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id"), index=True)
    professional_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    tender: Mapped[str] = mapped_column(String(10))
    amount: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
