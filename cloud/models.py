"""The endpoint's tables (SQLAlchemy 2 typed models).

Everything a terminal can see is keyed by its chain. Money is integer centavos
(BigInteger). Secrets the endpoint only checks are kept as SHA-256 hex; those it must
read back (delivery passwords and headers, the stores' signing keys) are AES-256-GCM
tokens (cloud.secrets).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

UUID_LEN = 36
HASH_LEN = 64
SEALED = "AES-256-GCM token v1:<key id>:<base64>, see cloud/secrets.py"


class Base(DeclarativeBase):
    pass


class Chain(Base):
    __tablename__ = "chain"

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    admin_key_hash: Mapped[str] = mapped_column(String(HASH_LEN), unique=True)
    webhook_secret_hash: Mapped[str] = mapped_column(String(HASH_LEN))
    program: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    program_store_uuid: Mapped[str | None] = mapped_column(String(UUID_LEN))
    expiry_terminal_id: Mapped[str | None] = mapped_column(String(UUID_LEN))
    """The terminal that runs the expiry (the first that said hello)."""
    online_terminal_uuid: Mapped[str] = mapped_column(String(UUID_LEN))
    online_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    online_head: Mapped[str] = mapped_column(String(HASH_LEN))
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    """The chain's event counter; taken under the chain row's lock, so seq order is commit order."""
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Terminal(Base):
    __tablename__ = "terminal"
    __table_args__ = (
        # one counter identity per chain: a copied database under a new token is refused
        Index("ux_terminal_chain_uuid", "chain_id", "terminal_uuid", unique=True),
    )

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"), index=True)
    name: Mapped[str] = mapped_column(Text)
    token_hash: Mapped[str | None] = mapped_column(String(HASH_LEN), unique=True)
    """None once the terminal is revoked (its old token is in `revoked_secret`)."""
    terminal_uuid: Mapped[str | None] = mapped_column(String(UUID_LEN))
    terminal_name: Mapped[str | None] = mapped_column(Text)
    store_uuid: Mapped[str | None] = mapped_column(String(UUID_LEN))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    hello_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """The last call made with the terminal's token (its last contact)."""
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    rate_tokens: Mapped[float] = mapped_column(Float, server_default=sql_text("0"))
    """The token bucket of the rate limit (cloud.limits), as of `rate_at`."""
    rate_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AdminRate(Base):
    """A chain's admin key's rate bucket (`cloud.terminals.RateLimit`), as a terminal's
    is kept in its row: shared by every worker and server on the database."""

    __tablename__ = "admin_rate"

    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"), primary_key=True)
    tokens: Mapped[float] = mapped_column(Float)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RevokedSecret(Base):
    """A revoked terminal token or admin key (SHA-256), so its caller is told why."""

    __tablename__ = "revoked_secret"

    secret_hash: Mapped[str] = mapped_column(String(HASH_LEN), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    """token | admin_key"""
    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"))
    terminal_id: Mapped[str | None] = mapped_column(String(UUID_LEN))
    revoked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str] = mapped_column(Text)


class AdminAudit(Base):
    """What was done to a chain's terminals and keys, by whom (`admin_api` or `cli`)."""

    __tablename__ = "admin_audit"
    __table_args__ = (Index("ix_admin_audit_chain", "chain_id", "id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(32))
    terminal_id: Mapped[str | None] = mapped_column(String(UUID_LEN))
    detail: Mapped[dict[str, Any]] = mapped_column(JSONB)


class QuarantinedEvent(Base):
    """An event the endpoint refused, kept with the reason; never pulled by anyone."""

    __tablename__ = "quarantined_event"
    __table_args__ = (UniqueConstraint("chain_id", "event_uuid"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"))
    terminal_id: Mapped[str] = mapped_column(String(UUID_LEN))
    event_uuid: Mapped[str] = mapped_column(String(UUID_LEN))
    kind: Mapped[str] = mapped_column(String(64))
    error: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    reason_en: Mapped[str] = mapped_column(Text)
    excerpt: Mapped[str] = mapped_column(Text)
    """The event's JSON, cut to its first few kilobytes."""
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Store(Base):
    __tablename__ = "store"

    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"), primary_key=True)
    store_uuid: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    segment: Mapped[str] = mapped_column(Text)
    signing_key: Mapped[str] = mapped_column(Text, comment=SEALED)
    """The key's hex, sealed (cloud.secrets, place `store.signing_key:<store_uuid>`)."""
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Event(Base):
    __tablename__ = "event"
    __table_args__ = (
        UniqueConstraint("chain_id", "seq"),
        UniqueConstraint("chain_id", "uuid"),
        # seal and rotate find the store.joined events (their signing_key is sealed)
        Index("ix_event_store_joined", "id", postgresql_where=sql_text("kind = 'store.joined'")),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"))
    seq: Mapped[int] = mapped_column(BigInteger)
    uuid: Mapped[str] = mapped_column(String(UUID_LEN))
    kind: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    terminal_uuid: Mapped[str | None] = mapped_column(String(UUID_LEN))
    """Who wrote it: a counter, the chain's online terminal, or None (the server itself)."""
    store_uuid: Mapped[str | None] = mapped_column(String(UUID_LEN))
    body: Mapped[dict[str, Any]] = mapped_column(JSONB)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Customer(Base):
    __tablename__ = "customer"
    __table_args__ = (
        Index("ix_customer_cpf", "chain_id", "cpf"),
        Index("ix_customer_email", "chain_id", "email"),
        Index("ix_customer_phone", "chain_id", "phone_digits"),
    )

    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"), primary_key=True)
    uuid: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    cpf: Mapped[str | None] = mapped_column(String(11))
    email: Mapped[str | None] = mapped_column(Text)
    """Lower case, for lookups."""
    phone_digits: Mapped[str | None] = mapped_column(String(11))
    """`data['phone']` as the endpoint matches a phone (`cloud.phones`: DDD + number);
    NULL when anonymized or without a Brazilian number. Indexed with the chain."""
    anonymized: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB)
    consent_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """When the customer last granted or withdrew the marketing consent (`data` says
    which); an upsert's consent is taken only when newer (`posapp.core.consent`)."""
    details_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """When the details in `data` were last edited at a counter; an upsert's details are
    taken only when newer (`posapp.core.details`)."""
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Voucher(Base):
    __tablename__ = "voucher"

    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_uuid: Mapped[str | None] = mapped_column(String(UUID_LEN))
    value: Mapped[int] = mapped_column(BigInteger, default=0)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    data: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    """The voucher.issued body; None while only its redemption is known."""
    status: Mapped[str] = mapped_column(String(16), default="open")
    """open | redeemed | cancelled"""
    redeemed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    redeemed_sale: Mapped[str | None] = mapped_column(String(UUID_LEN))
    redeemed_store_uuid: Mapped[str | None] = mapped_column(String(UUID_LEN))
    claim_sale: Mapped[str | None] = mapped_column(String(UUID_LEN))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class LedgerEntry(Base):
    __tablename__ = "ledger_entry"
    __table_args__ = (
        UniqueConstraint("chain_id", "terminal_uuid", "seq"),
        Index("ix_ledger_customer", "chain_id", "customer_uuid", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    """Order of application on the server (a customer's replay runs in this order)."""
    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"))
    uuid: Mapped[str] = mapped_column(String(UUID_LEN))
    terminal_uuid: Mapped[str] = mapped_column(String(UUID_LEN))
    seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(32))
    customer_uuid: Mapped[str] = mapped_column(String(UUID_LEN))
    amount: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    available_from: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    lot_uuid: Mapped[str | None] = mapped_column(String(UUID_LEN))
    sale_uuid: Mapped[str | None] = mapped_column(String(UUID_LEN))
    voucher_code: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(HASH_LEN))
    hash: Mapped[str] = mapped_column(String(HASH_LEN))
    event_seq: Mapped[int] = mapped_column(BigInteger)


Index("ux_ledger_uuid", LedgerEntry.chain_id, LedgerEntry.uuid, unique=True)


class CustomerBalance(Base):
    __tablename__ = "customer_balance"

    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"), primary_key=True)
    customer_uuid: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    total: Mapped[int] = mapped_column(BigInteger, default=0)
    applied_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    """The chain event seq of the last entry that moved this balance."""


class Hold(Base):
    __tablename__ = "hold"

    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"), primary_key=True)
    customer_uuid: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    sale_uuid: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Conflict(Base):
    __tablename__ = "conflict"
    __table_args__ = (Index("ix_conflict_chain_status", "chain_id", "status"),)

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"))
    kind: Mapped[str] = mapped_column(String(16))
    customer_uuid: Mapped[str | None] = mapped_column(String(UUID_LEN))
    amount: Mapped[int] = mapped_column(BigInteger)
    entry_uuid: Mapped[str] = mapped_column(String(UUID_LEN))
    sale_uuid: Mapped[str | None] = mapped_column(String(UUID_LEN))
    voucher_code: Mapped[str | None] = mapped_column(String(64))
    terminal_uuid: Mapped[str | None] = mapped_column(String(UUID_LEN))
    store_uuid: Mapped[str | None] = mapped_column(String(UUID_LEN))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="open")
    resolution: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolve_request: Mapped[str | None] = mapped_column(String(UUID_LEN))
    """The request id of the resolve that closed it: that same request retried gets 200."""
    resolved_terminal_uuid: Mapped[str | None] = mapped_column(String(UUID_LEN))
    """The counter whose resolve closed it (its terminal uuid)."""


class Order(Base):
    """An online-shop order status seen by the webhook (the idempotency key)."""

    __tablename__ = "shop_order"

    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"), primary_key=True)
    order_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    customer_uuid: Mapped[str] = mapped_column(String(UUID_LEN))
    amount: Mapped[int] = mapped_column(BigInteger)
    """Cashback moved by this status (earned, or reversed as a negative)."""
    entry_uuid: Mapped[str | None] = mapped_column(String(UUID_LEN))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CustomerMessage(Base):
    """A customer message a counter left to the endpoint (`message.queued`), and its fate.

    `subject` and `text` arrive rendered by the counter (its templates, its language);
    the sending policy's inputs that belong to the store (time zone, quiet hours, the
    weekly cap) arrive with it. The customer's consent is read at send time from the
    latest `customer.upsert` (the `customer` table), never from here.
    """

    __tablename__ = "message"
    __table_args__ = (
        UniqueConstraint("chain_id", "idempotency_key"),
        Index("ix_message_due", "status", "next_attempt_at"),
        Index("ix_message_customer_sent", "chain_id", "customer_uuid", "sent_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"))
    idempotency_key: Mapped[str] = mapped_column(String(200))
    event_uuid: Mapped[str] = mapped_column(String(UUID_LEN))
    store_uuid: Mapped[str | None] = mapped_column(String(UUID_LEN))
    kind: Mapped[str] = mapped_column(String(30))
    channel: Mapped[str] = mapped_column(String(10))
    customer_uuid: Mapped[str] = mapped_column(String(UUID_LEN))
    to_address: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    qr_payload: Mapped[str | None] = mapped_column(Text)
    timezone: Mapped[str] = mapped_column(String(64))
    quiet_start: Mapped[str] = mapped_column(String(8))
    quiet_end: Mapped[str] = mapped_column(String(8))
    weekly_cap: Mapped[int] = mapped_column(BigInteger, default=0)
    """K of the store that wrote it; 0: no cap."""
    status: Mapped[str] = mapped_column(String(10))
    """queued | sent | skipped | deferred | failed"""
    reason: Mapped[str] = mapped_column(String(60))
    reason_detail: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(BigInteger, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """A delivery run took it until then (so two runs never send it at once)."""
    claim: Mapped[str | None] = mapped_column(String(UUID_LEN))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    facts: Mapped[str | None] = mapped_column(Text)
    """The counter's facts (JSON of MessageFacts): a WhatsApp template's parameters."""
    provider_message_id: Mapped[str | None] = mapped_column(String(200), index=True)
    """The provider's id of the sent message (WhatsApp: the wamid its status webhooks name)."""
    provider_status: Mapped[str | None] = mapped_column(String(12))
    """The provider's latest word: sent | delivered | read | failed."""
    cost_class: Mapped[str | None] = mapped_column(String(20))
    """WhatsApp pricing category (utility, marketing, authentication, service)."""


class DeliverySettings(Base):
    """How the endpoint reaches a chain's customers: SMTP and the provider webhook.

    The SMTP password and the webhook header values (which usually carry the provider's
    token) are sealed (cloud.secrets): the endpoint must present them to the servers,
    so they cannot be hashes, and a dump of the database alone must not reveal them.
    The header names stay in clear. Neither is ever returned by the API.
    """

    __tablename__ = "delivery_settings"

    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"), primary_key=True)
    smtp_host: Mapped[str] = mapped_column(Text, default="")
    smtp_port: Mapped[int] = mapped_column(BigInteger, default=587)
    smtp_tls: Mapped[str] = mapped_column(String(16), default="starttls")
    smtp_username: Mapped[str] = mapped_column(Text, default="")
    smtp_password: Mapped[str] = mapped_column(Text, default="", comment=SEALED)
    """'' when none; else sealed (place `delivery_settings.smtp_password`)."""
    smtp_sender: Mapped[str] = mapped_column(Text, default="")
    webhook_url: Mapped[str] = mapped_column(Text, default="")
    webhook_headers: Mapped[dict[str, Any]] = mapped_column(
        JSONB, default=dict, comment="names in clear, each value " + SEALED
    )
    webhook_body_template: Mapped[str] = mapped_column(Text, default="")
    whatsapp_phone_number_id: Mapped[str] = mapped_column(String(40), default="")
    whatsapp_access_token: Mapped[str] = mapped_column(Text, default="", comment=SEALED)
    whatsapp_app_secret: Mapped[str] = mapped_column(Text, default="", comment=SEALED)
    """Meta's app secret: the key of the status webhooks' X-Hub-Signature-256."""
    whatsapp_verify_token: Mapped[str] = mapped_column(Text, default="", comment=SEALED)
    whatsapp_graph_url: Mapped[str] = mapped_column(Text, default="")
    """'' for Meta's https://graph.facebook.com."""
    whatsapp_templates: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    """By message kind: {"name", "params", "category"}; a kind left out uses the default."""
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class NpsAnswer(Base):
    """A customer's own answer to the receipt's survey (`/s`), once per sale of the chain.

    A score the cashier recorded at the counter (a pushed `nps.recorded`) is kept here
    too, with `source` 'counter', so the survey page knows the sale was already scored.
    """

    __tablename__ = "nps_answer"
    __table_args__ = (UniqueConstraint("chain_id", "sale_uuid"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"))
    store_uuid: Mapped[str | None] = mapped_column(String(UUID_LEN))
    sale_uuid: Mapped[str] = mapped_column(String(UUID_LEN))
    score: Mapped[int] = mapped_column(BigInteger)
    comment: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(10))
    """'customer' (answered on the survey page) | 'counter' (the cashier's, pushed)."""
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AccessCode(Base):
    """A one-time code that opens a customer's page (sent by WhatsApp, SMS or e-mail).

    Only its SHA-256 is kept; one live code per customer, minutes of life. `attempts` and
    `created_at` are the customer's hour of tries (cloud.customer_access): they carry over
    when a code is sent again within it.
    """

    __tablename__ = "access_code"

    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"), primary_key=True)
    customer_uuid: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(HASH_LEN))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(BigInteger, default=0)
    channel: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ForgetRequest(Base):
    """A customer asked, on their page, to be forgotten (LGPD): queued for the manager."""

    __tablename__ = "forget_request"
    __table_args__ = (Index("ix_forget_request_chain_status", "chain_id", "status"),)

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"))
    customer_uuid: Mapped[str] = mapped_column(String(UUID_LEN))
    status: Mapped[str] = mapped_column(String(10))
    """open | done"""
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
