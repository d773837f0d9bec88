"""The counter's storage, as SQLAlchemy 2 typed models.

Two tables are append-only and guarded by triggers (see the initial migration):
`ledger_entry` and `audit_log`. Everything a customer is owed is derived from
the ledger; `customer_balance` is a projection kept in step with it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    true,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    configure_mappers,
    make_transient_to_detached,
    mapped_column,
    relationship,
)
from sqlalchemy.orm.attributes import manager_of_class

from db.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


_Model = TypeVar("_Model", bound=Base)


def table_of(model: type[Base]) -> Table:
    """A model's table, for Core statements (typed as the Table it is)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def unsaved_row(model: type[_Model], values: Mapping[str, Any]) -> _Model:
    """An object holding `values`, made without the constructor's attribute events: transient."""
    if not inspect(model).configured:  # the instrumentation is complete once configured
        configure_mappers()
    row = manager_of_class(model).new_instance()
    row.__dict__.update(values)
    return row


def written_row(model: type[_Model], values: Mapping[str, Any]) -> _Model:
    """The object of a row just written with a Core INSERT: detached, as if loaded.

    `values` must hold every column, the primary key included; `session.add()` then
    makes it persistent and clean, without writing it again.
    """
    row = unsaved_row(model, values)
    make_transient_to_detached(row)
    return row


@cache
def _layout(model: type[Base]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The attribute of each of the table's columns, and where the primary key's columns are."""
    mapper = inspect(model)
    columns: list[Any] = list(table_of(model).c)
    keys = tuple(mapper.get_property_by_column(column).key for column in columns)
    return keys, tuple(columns.index(column) for column in mapper.primary_key)


def loaded_row(session: Session, model: type[_Model], row: Sequence[Any]) -> _Model:
    """The object of a row read with a Core select of `model`'s table (every column, in the
    table's order), in `session` as if the ORM had loaded it: the one already there, if any.
    """
    keys, key_at = _layout(model)
    identity = inspect(model).identity_key_from_primary_key(tuple(row[index] for index in key_at))
    known = session.identity_map.get(identity)
    if known is not None:
        return known  # type: ignore[return-value]
    loaded = written_row(model, dict(zip(keys, row, strict=True)))
    session.add(loaded)
    return loaded


class Store(Base):
    __tablename__ = "store"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    segment: Mapped[str] = mapped_column(String(20))
    cnpj: Mapped[str | None] = mapped_column(String(14))
    address: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))
    program_json: Mapped[str] = mapped_column(Text)
    signing_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Terminal(Base):
    __tablename__ = "terminal"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"))
    name: Mapped[str] = mapped_column(String(60))
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Customer(Base):
    __tablename__ = "customer"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    cpf: Mapped[str | None] = mapped_column(String(11), unique=True)
    phone: Mapped[str | None] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(200))
    birthday: Mapped[date | None] = mapped_column(Date)
    marketing_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    consent_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    """When the customer last granted or withdrew the consent; a pulled upsert's consent
    is taken only when newer (posapp.core.consent). None: no decision known."""
    details_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    """When the details (name, CPF, phone, e-mail, birthday) were last edited at a counter;
    a pulled upsert's details are taken only when newer (posapp.core.details). None: not
    edited since before the field (or a placeholder)."""
    referral_code: Mapped[str] = mapped_column(String(12), unique=True)
    referred_by_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    referred_by: Mapped[Customer | None] = relationship(remote_side=[id])


class CustomerBalance(Base):
    """Projection of the ledger: the sum of a customer's entries, in program units."""

    __tablename__ = "customer_balance"
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), primary_key=True)
    units: Mapped[int] = mapped_column(Integer, default=0)
    last_entry_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Category(Base):
    __tablename__ = "category"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(160), index=True)
    gtin: Mapped[str | None] = mapped_column(String(14), unique=True)
    sku: Mapped[str | None] = mapped_column(String(40), unique=True)
    price: Mapped[int] = mapped_column(Integer)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))
    duration_min: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    ncm: Mapped[str | None] = mapped_column(String(8))
    """The NFC-e tax data of a product (None: not filled; services need none)."""
    cest: Mapped[str | None] = mapped_column(String(7))
    cfop: Mapped[str | None] = mapped_column(String(4))
    csosn: Mapped[str | None] = mapped_column(String(3))
    cst: Mapped[str | None] = mapped_column(String(2))
    origin: Mapped[int | None] = mapped_column(Integer)
    unit: Mapped[str | None] = mapped_column(String(6))
    category: Mapped[Category | None] = relationship()


class Shift(Base):
    __tablename__ = "shift"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    terminal_id: Mapped[int] = mapped_column(ForeignKey("terminal.id"))
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    opening_float: Mapped[int] = mapped_column(Integer, default=0)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expected_cash: Mapped[int | None] = mapped_column(Integer)
    counted_cash: Mapped[int | None] = mapped_column(Integer)


class CashMovement(Base):
    """Money put into the drawer (suprimento, 'in') or taken out (sangria, 'out')."""

    __tablename__ = "cash_movement"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shift.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    amount: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    authorized_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ShiftCount(Base):
    """The blind count at a shift's close: how many notes or coins of one denomination."""

    __tablename__ = "shift_count"
    __table_args__ = (UniqueConstraint("shift_id", "denomination"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shift.id"))
    denomination: Mapped[int] = mapped_column(Integer)
    """The face value in centavos (20000 for a R$ 200 note, 5 for a 5-centavo coin)."""
    quantity: Mapped[int] = mapped_column(Integer)


class ZReport(Base):
    """An end-of-day report: numbered per terminal, one per local day and terminal."""

    __tablename__ = "z_report"
    __table_args__ = (
        UniqueConstraint("terminal_id", "number"),
        UniqueConstraint("terminal_id", "day", name="uq_z_report_terminal_id_day"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    terminal_id: Mapped[int] = mapped_column(ForeignKey("terminal.id"))
    number: Mapped[int] = mapped_column(Integer)
    day: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    authorized_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    sales_count: Mapped[int] = mapped_column(Integer)
    gross: Mapped[int] = mapped_column(Integer)
    net: Mapped[int] = mapped_column(Integer)
    figures_json: Mapped[str] = mapped_column(Text)
    """Every figure of the report as it was made, so a reprint is the same paper."""
    chain_seq: Mapped[int | None] = mapped_column(Integer)
    """This terminal's ledger entry count when the Z was made (the anchor's position)."""
    chain_head: Mapped[str | None] = mapped_column(String(64))
    """The hash of that last entry: the anchor `db verify` checks the file against."""


class Sale(Base):
    __tablename__ = "sale"
    __table_args__ = (UniqueConstraint("terminal_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    terminal_id: Mapped[int] = mapped_column(ForeignKey("terminal.id"))
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shift.id"), index=True)
    gross: Mapped[int] = mapped_column(Integer)
    discount: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    change: Mapped[int] = mapped_column(Integer, default=0)
    earned: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cpf_on_note: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    """The customer said yes to "CPF na nota?": her CPF identifies the consumer on the NFC-e."""
    lines: Mapped[list[SaleLine]] = relationship(back_populates="sale", order_by="SaleLine.id")
    payments: Mapped[list[SalePayment]] = relationship(
        back_populates="sale", order_by="SalePayment.id"
    )
    customer: Mapped[Customer | None] = relationship()


class SaleLine(Base):
    __tablename__ = "sale_line"
    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"))
    description: Mapped[str] = mapped_column(String(160))
    category_code: Mapped[str | None] = mapped_column(String(40))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)
    line_discount: Mapped[int] = mapped_column(Integer, default=0)
    sale_discount_share: Mapped[int] = mapped_column(Integer, default=0)
    net: Mapped[int] = mapped_column(Integer)
    earned: Mapped[int] = mapped_column(Integer, default=0)
    professional_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    sale: Mapped[Sale] = relationship(back_populates="lines")


class SalePayment(Base):
    __tablename__ = "sale_payment"
    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id"), index=True)
    tender: Mapped[str] = mapped_column(String(10))
    amount: Mapped[int] = mapped_column(Integer)
    voucher_id: Mapped[int | None] = mapped_column(ForeignKey("voucher.id"))
    sale: Mapped[Sale] = relationship(back_populates="payments")


class Refund(Base):
    """Money given back for some or all lines of a sale; a void is a whole refund."""

    __tablename__ = "refund"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    authorized_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shift.id"), index=True)
    """The shift open when the refund was made (its money left that drawer)."""
    reason: Mapped[str] = mapped_column(String(200))
    goods_amount: Mapped[int] = mapped_column(Integer)
    """The net value of the lines returned."""
    money_back: Mapped[int] = mapped_column(Integer)
    """Paid back in money (goods amount less the loyalty share and any clawback)."""
    cashback_restored: Mapped[int] = mapped_column(Integer, default=0)
    cashback_reversed: Mapped[int] = mapped_column(Integer, default=0)
    clawback: Mapped[int] = mapped_column(Integer, default=0)
    """Earned cashback already spent, kept from the money back."""
    loyalty_share: Mapped[int] = mapped_column(Integer, default=0)
    """The part of the goods amount that cashback and vouchers had paid."""
    cash_back: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """The part of the money back paid from the drawer (the rest goes back to card or PIX)."""
    lines: Mapped[list[RefundLine]] = relationship(back_populates="refund")


class RefundLine(Base):
    __tablename__ = "refund_line"
    id: Mapped[int] = mapped_column(primary_key=True)
    refund_id: Mapped[int] = mapped_column(ForeignKey("refund.id"), index=True)
    sale_line_id: Mapped[int] = mapped_column(ForeignKey("sale_line.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Integer)
    earned: Mapped[int] = mapped_column(Integer, default=0)
    refund: Mapped[Refund] = relationship(back_populates="lines")


class Voucher(Base):
    __tablename__ = "voucher"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    """'balance' (cashback turned into a voucher) or 'discount' (a gift of the store)."""
    value: Mapped[int] = mapped_column(Integer, default=0)
    percent_bps: Mapped[int] = mapped_column(Integer, default=0)
    max_discount: Mapped[int] = mapped_column(Integer, default=0)
    min_purchase: Mapped[int] = mapped_column(Integer, default=0)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    issue_sale_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"))
    status: Mapped[str] = mapped_column(String(10), default="open")
    redeemed_sale_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"))
    redeemed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    redeemed_amount: Mapped[int] = mapped_column(Integer, default=0)
    store_uuid: Mapped[str | None] = mapped_column(String(36))
    """The issuing store when it is another store of the chain (pulled by sync); None: ours."""


class LedgerEntry(Base):
    """One movement of a customer's cashback. Append-only; chained by hash per terminal."""

    __tablename__ = "ledger_entry"
    __table_args__ = (
        UniqueConstraint("terminal_uuid", "seq"),
        Index("ix_ledger_entry_customer_id_id", "customer_id", "id"),
        Index("ix_ledger_entry_expires_at", "expires_at"),
        Index("ix_ledger_entry_created_at", "created_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    terminal_uuid: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    customer_uuid: Mapped[str] = mapped_column(String(36))
    amount: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    available_from: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    lot_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"), index=True)
    sale_uuid: Mapped[str | None] = mapped_column(String(36))
    refund_id: Mapped[int | None] = mapped_column(ForeignKey("refund.id"))
    voucher_id: Mapped[int | None] = mapped_column(ForeignKey("voucher.id"))
    voucher_code: Mapped[str | None] = mapped_column(String(20))
    related_customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str | None] = mapped_column(String(200))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str | None] = mapped_column(String(64))
    """HMAC-SHA256 of the hashed bytes with this terminal's secret (none: pulled or older)."""
    mac_key: Mapped[str | None] = mapped_column(String(16))
    """Which terminal secret keyed `mac` (its SHA-256's first 16 hex digits)."""


class OutboxEvent(Base):
    __tablename__ = "outbox_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)


class AuditLog(Base):
    """Who did what, and who authorized it. Append-only."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    terminal_uuid: Mapped[str] = mapped_column(String(36))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    authorized_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    action: Mapped[str] = mapped_column(String(40), index=True)
    target: Mapped[str | None] = mapped_column(String(80))
    details: Mapped[str] = mapped_column(Text, default="{}")


class Setting(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class PrintJob(Base):
    """The print queue: a receipt waits here until the printer has taken it."""

    __tablename__ = "print_job"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    ref_id: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ParkedSale(Base):
    """A cart put aside (a salon client's tab while the service runs)."""

    __tablename__ = "parked_sale"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(80))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    payload: Mapped[str] = mapped_column(Text)


class StoreKey(Base):
    """Another store of the chain (learned by sync): the key its voucher QRs are signed with."""

    __tablename__ = "store_key"
    store_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    signing_key: Mapped[bytes] = mapped_column(LargeBinary(32))


class SyncKnown(Base):
    """A customer or voucher the sync endpoint already has (pushed by us or pulled from it).

    The push sends an upsert of every customer and voucher not listed here (a first sync's
    history, customers imported from CSV), so nothing an entry names is missing upstream.
    """

    __tablename__ = "sync_known"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))


class SyncConflict(Base):
    """Something for a manager to settle: the endpoint's conflicts (overdraft, voucher reuse)
    and, recorded here only, a pulled customer whose CPF or phone a local customer holds,
    or an event of this counter the endpoint refused as invalid ('event_refused': set
    aside so the rest of the outbox still syncs; `event_uuid`, `event_kind` and the
    server's words in `reason` / `reason_en` say which and why)."""

    __tablename__ = "sync_conflict"
    id: Mapped[int] = mapped_column(primary_key=True)
    server_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    """The endpoint's id; None for a conflict recorded only here."""
    kind: Mapped[str] = mapped_column(String(20))
    customer_uuid: Mapped[str | None] = mapped_column(String(36))
    amount: Mapped[int] = mapped_column(Integer, default=0)
    entry_uuid: Mapped[str | None] = mapped_column(String(36))
    sale_uuid: Mapped[str | None] = mapped_column(String(36))
    terminal_uuid: Mapped[str | None] = mapped_column(String(36))
    store_uuid: Mapped[str | None] = mapped_column(String(36))
    detail: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(10), index=True)
    resolution: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(String(200))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    event_uuid: Mapped[str | None] = mapped_column(String(36))
    event_kind: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str | None] = mapped_column(Text)
    reason_en: Mapped[str | None] = mapped_column(Text)


class Message(Base):
    """The customer message outbox: written in the cause's transaction, delivered later.

    Every message keeps why it went out, waits or was dropped (`reason`, a stable code,
    and `reason_detail`, a sentence). `idempotency_key` names the message's cause
    ('voucher_issued:<customer>:<code>', 'birthday:<customer>:2026'), so writing the same
    message twice (a scheduler run repeated) is refused by the database.
    """

    __tablename__ = "message"
    __table_args__ = (
        Index("ix_message_status_next_attempt_at", "status", "next_attempt_at"),
        Index("ix_message_customer_id_sent_at", "customer_id", "sent_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    channel: Mapped[str] = mapped_column(String(10))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    to_address: Mapped[str | None] = mapped_column(String(200))
    facts_json: Mapped[str] = mapped_column(Text)
    qr_payload: Mapped[str | None] = mapped_column(String(300))
    """A voucher's signed QR payload: delivery attaches it drawn as a PNG."""
    status: Mapped[str] = mapped_column(String(10))
    """queued, sent, skipped, deferred or failed."""
    reason: Mapped[str] = mapped_column(String(60))
    reason_detail: Mapped[str | None] = mapped_column(String(300))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class MessageTemplate(Base):
    """A manager's own text for a message kind in one language (else the default)."""

    __tablename__ = "message_template"
    __table_args__ = (UniqueConstraint("kind", "locale"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    locale: Mapped[str] = mapped_column(String(10))
    subject: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class Campaign(Base):
    """Cashback multiplied (or a bonus) over a date range, optionally per category."""

    __tablename__ = "campaign"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    starts: Mapped[date] = mapped_column(Date)
    ends: Mapped[date] = mapped_column(Date)
    multiplier_bps: Mapped[int] = mapped_column(Integer, default=10_000)
    bonus_centavos: Mapped[int] = mapped_column(Integer, default=0)
    categories: Mapped[str | None] = mapped_column(Text)
    """A JSON list of category codes; NULL: every category."""
    birthday_month: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class NpsResponse(Base):
    """A satisfaction score (0-10) given about one sale."""

    __tablename__ = "nps_response"
    id: Mapped[int] = mapped_column(primary_key=True)
    sale_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    score: Mapped[int] = mapped_column(Integer)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    comment: Mapped[str | None] = mapped_column(String(500))
    """What the customer wrote on the survey page (None for a score tapped at the counter)."""


class NfceSeries(Base):
    """The next NFC-e number of a series: taken before a note is built, never given twice."""

    __tablename__ = "nfce_series"
    series: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    next_number: Mapped[int] = mapped_column(Integer)
    first_number: Mapped[int] = mapped_column(Integer, default=1)
    """Where posapp started the series: the numbers below are another issuer's."""


class NfceNote(Base):
    """One number of one NFC-e series and what became of it (never deleted: a trigger
    refuses it). `proc_xml` is the latest document SEFAZ gave (nfeProc, or the
    cancellation / voiding event); `authorised_xml` keeps the nfeProc once authorised,
    whatever happens after, for the 5-year archive and the accountant's export."""

    __tablename__ = "nfce_note"
    series: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    status: Mapped[str] = mapped_column(String(12), index=True)
    key: Mapped[str] = mapped_column(String(44), index=True)
    tp_emis: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sale_ref: Mapped[str] = mapped_column(String(40))
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"), index=True)
    cstat: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    protocol: Mapped[str] = mapped_column(String(20))
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime())
    replaced_by: Mapped[int | None] = mapped_column(Integer)
    xml: Mapped[bytes] = mapped_column(LargeBinary)
    proc_xml: Mapped[bytes] = mapped_column(LargeBinary)
    authorised_xml: Mapped[bytes | None] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class NfseNote(Base):
    """One DPS of the national NFS-e for a sale's services and what became of it (never
    deleted: a trigger refuses it). `nfse_xml` is the NFS-e the national environment
    signed; `cancel_xml` its cancellation event. `maybe_sent`: an answer was lost, so the
    DPS is looked up by its Id before it is sent again."""

    __tablename__ = "nfse_note"
    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id"), index=True)
    series: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    dps_id: Mapped[str] = mapped_column(String(45), unique=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    key: Mapped[str | None] = mapped_column(String(50), index=True)
    nfse_number: Mapped[str | None] = mapped_column(String(13))
    dps_xml: Mapped[bytes] = mapped_column(LargeBinary)
    nfse_xml: Mapped[bytes | None] = mapped_column(LargeBinary)
    cancel_xml: Mapped[bytes | None] = mapped_column(LargeBinary)
    code: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    maybe_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CardPayment(Base):
    """What is on record for one card tender of a sale (NFC-e card group, the slip's
    references): written with the sale, in its transaction."""

    __tablename__ = "card_payment"
    id: Mapped[int] = mapped_column(primary_key=True)
    sale_payment_id: Mapped[int] = mapped_column(ForeignKey("sale_payment.id"), unique=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id"), index=True)
    kind: Mapped[str] = mapped_column(String(6))
    brand: Mapped[str] = mapped_column(String(2))
    integration: Mapped[str] = mapped_column(String(1))
    authorization: Mapped[str | None] = mapped_column(String(128))
    nsu: Mapped[str | None] = mapped_column(String(20))
    doc: Mapped[str | None] = mapped_column(String(20))
    acquirer_cnpj: Mapped[str | None] = mapped_column(String(14))
    instalments: Mapped[int] = mapped_column(Integer, default=1)
    terminal_ref: Mapped[str | None] = mapped_column(String(40))


class PixCharge(Base):
    """A Pix shown at the counter: a static BR Code the cashier confirmed, or a dynamic
    charge at the PSP, recorded before it is created so a restart finds it again."""

    __tablename__ = "pix_charge"
    txid: Mapped[str] = mapped_column(String(35), primary_key=True)
    kind: Mapped[str] = mapped_column(String(7))
    amount: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    end_to_end_id: Mapped[str | None] = mapped_column(String(32))
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"), unique=True)
    sale_payment_id: Mapped[int | None] = mapped_column(ForeignKey("sale_payment.id"))


class PixLatePayment(Base):
    """Money the PSP received for a charge that completed no sale: shown to managers
    until it is returned through a devolução (once: the refund id is fixed per payment)."""

    __tablename__ = "pix_late_payment"
    end_to_end_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    txid: Mapped[str] = mapped_column(ForeignKey("pix_charge.txid"), index=True)
    amount: Mapped[int] = mapped_column(Integer)
    found_at: Mapped[datetime] = mapped_column(UTCDateTime())
    refund_id: Mapped[str | None] = mapped_column(String(35))
    refund_status: Mapped[str | None] = mapped_column(String(20))
    refunded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    refunded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class PixSaleRefund(Base):
    """The Pix share of a refund or void of a sale a dynamic charge paid: returned to the
    payer through the PSP's devolução after the refund is committed, and asked again
    until the PSP has it (the devolução id is fixed per refund and attempt)."""

    __tablename__ = "pix_sale_refund"
    refund_id: Mapped[int] = mapped_column(ForeignKey("refund.id"), primary_key=True)
    end_to_end_id: Mapped[str] = mapped_column(String(32), index=True)
    amount: Mapped[int] = mapped_column(Integer)
    devolucao_id: Mapped[str] = mapped_column(String(35))
    status: Mapped[str] = mapped_column(String(12), index=True)
    reason: Mapped[str | None] = mapped_column(String(200))
    """Why the PSP refused it or the SPI did not carry it out (its words)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


# The salon's tables share Base's metadata: whoever maps or creates the tables has them all.
from db import salon_models as salon_models  # noqa: E402
