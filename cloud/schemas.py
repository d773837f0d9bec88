"""Request and response bodies (pydantic), as docs/sync-protocol.md writes them."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from posapp.core.messages import Channel, MessageKind

MAX_BATCH = 1000
MAX_CENTAVOS = 10**13
"""Far above any real sum, far below PostgreSQL's bigint: bounds every amount."""
DEFAULT_ZONE = "America/Sao_Paulo"

UuidStr = Annotated[
    str, StringConstraints(pattern=r"^[0-9A-Fa-f]{8}-?([0-9A-Fa-f]{4}-?){3}[0-9A-Fa-f]{12}$")
]
HashHex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(max_length=2000)]
Centavos = Annotated[int, Field(strict=True, ge=-MAX_CENTAVOS, le=MAX_CENTAVOS)]
PositiveCentavos = Annotated[int, Field(strict=True, gt=0, le=MAX_CENTAVOS)]
EventKind = Annotated[
    str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$", max_length=64)
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorOut(BaseModel):
    error: str
    message: str
    message_en: str


class HealthOut(BaseModel):
    status: Literal["ok"]


class TerminalIn(Strict):
    name: Name


class TerminalOut(BaseModel):
    terminal_id: str
    token: str


class HelloIn(Strict):
    terminal_uuid: UuidStr
    terminal_name: Name
    store_uuid: UuidStr
    store_name: Name
    segment: Annotated[str, StringConstraints(max_length=64)]
    program: dict[str, Any]
    signing_key: Annotated[str, StringConstraints(pattern=r"^[0-9A-Fa-f]{2,512}$")]


class StoreOut(BaseModel):
    store_uuid: str
    name: str
    signing_key: str


class HelloOut(BaseModel):
    chain_id: str
    chain_name: str
    terminal_id: str
    runs_expiry: bool
    program: dict[str, Any] | None
    stores: list[StoreOut]


class EventIn(BaseModel):
    uuid: UuidStr
    kind: EventKind
    created_at: AwareDatetime
    body: dict[str, Any]


class PushIn(Strict):
    events: Annotated[list[EventIn], Field(max_length=MAX_BATCH)]


class PushOut(BaseModel):
    accepted: int
    duplicates: int
    last_seq: int


class EventOut(BaseModel):
    seq: int
    uuid: str
    kind: str
    created_at: str
    terminal_uuid: str | None
    store_uuid: str | None
    body: dict[str, Any]


class PullOut(BaseModel):
    events: list[EventOut]
    last_seq: int
    more: bool
    runs_expiry: bool
    """Whether the caller is the chain's expiry terminal now (the role can move)."""


class ExpiryTerminalIn(Strict):
    terminal_id: UuidStr


class ExpiryTerminalOut(BaseModel):
    terminal_id: str
    name: str


class LedgerEntryBody(Strict):
    """A pushed `ledger.entry` body; its hash is checked on the raw JSON, not on this."""

    uuid: UuidStr
    terminal: UuidStr
    seq: Annotated[int, Field(strict=True, ge=1, le=2**62)]
    kind: Literal[
        "earn", "redeem", "expire", "reverse", "restore", "adjust", "referral_bonus",
        "voucher_issue", "voucher_redeem", "voucher_restore", "voucher_change", "voucher_cancel",
    ]  # fmt: skip
    customer: UuidStr
    amount: Centavos
    created_at: AwareDatetime
    available_from: AwareDatetime | None
    expires_at: AwareDatetime | None
    lot: UuidStr | None
    sale: UuidStr | None
    voucher: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None
    note: Text | None
    prev_hash: HashHex
    hash: HashHex


class CustomerBody(BaseModel):
    """A pushed `customer.upsert` body: the fields the server looks at; the rest is kept."""

    model_config = ConfigDict(extra="allow")
    uuid: UuidStr
    cpf: Annotated[str, StringConstraints(max_length=32)] | None = None
    email: Annotated[str, StringConstraints(max_length=320)] | None = None
    anonymized: bool | None = False


class VoucherBody(BaseModel):
    """A pushed `voucher.issued` body: the fields the server looks at; the rest is kept."""

    model_config = ConfigDict(extra="allow")
    code: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    customer: UuidStr | None = None
    value: Annotated[int, Field(strict=True, ge=0, le=MAX_CENTAVOS)] | None = 0
    expires_at: AwareDatetime | None = None


class BookedServiceBody(Strict):
    item_uuid: UuidStr
    name: Name
    minutes: Annotated[int, Field(strict=True, gt=0, le=720)]
    price: Annotated[int, Field(strict=True, ge=0, le=MAX_CENTAVOS)]


class AppointmentBody(Strict):
    """A pushed `appointment.saved` body: a salon appointment as it now is (the whole row,
    so the chain's other counters keep the same book; the latest `updated_at` wins)."""

    uuid: UuidStr
    group: UuidStr
    customer: UuidStr | None
    client_name: Name
    professional: UuidStr
    professional_name: Name
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    status: Literal["booked", "confirmed", "arrived", "in_service", "done", "no_show", "cancelled"]
    services: Annotated[list[BookedServiceBody], Field(min_length=1, max_length=20)]
    note: Annotated[str, StringConstraints(max_length=200)]
    sale: UuidStr | None
    updated_at: AwareDatetime

    @model_validator(mode="after")
    def _ends_after_start(self) -> AppointmentBody:
        if not self.starts_at < self.ends_at <= self.starts_at + timedelta(hours=12):
            raise ValueError("ends_at must be after starts_at, within 12 hours")
        return self


class ProgramChangedBody(BaseModel):
    model_config = ConfigDict(extra="allow")
    store_uuid: UuidStr | None = None
    program: dict[str, Any]


class ClaimIn(Strict):
    sale_uuid: UuidStr
    qr: Annotated[str, StringConstraints(min_length=1, max_length=300)] | None = None
    """The scanned QR of a voucher the counter has not pulled yet: the endpoint checks it
    against the voucher as its store issued it and answers the voucher (`ClaimOut.voucher`)."""


class ClaimedVoucher(BaseModel):
    """The voucher as its store announced it (`voucher.issued`'s body), with names."""

    uuid: str | None = None
    code: str
    kind: str | None = None
    value: int = 0
    percent_bps: int = 0
    max_discount: int = 0
    min_purchase: int = 0
    issued_at: str | None = None
    expires_at: str | None = None
    store: str
    store_name: str | None = None
    customer: str | None = None
    customer_name: str | None = None


class ClaimOut(BaseModel):
    status: Literal["claimed"]
    voucher: ClaimedVoucher | None = None
    """Only for a claim with a `qr`, once verified."""


class HoldIn(Strict):
    sale_uuid: UuidStr
    amount: PositiveCentavos


class HoldOut(BaseModel):
    held: int
    available: int


class LedgerHeadOut(BaseModel):
    seq: int
    """The terminal's entries the endpoint holds (its chain's length)."""
    hash: str
    """The last one's hash (64 zeros before the first)."""


class BalanceOut(BaseModel):
    total: int
    """The chain-wide sum of the customer's entries."""
    spendable: int
    """What of it is spendable now (the lots' replay), before holds."""
    applied_seq: int
    """The chain's last event seq when the balance was read: the total includes every
    entry up to it."""


class ConflictOut(BaseModel):
    id: str
    kind: Literal["overdraft", "voucher_reuse"]
    customer: str | None
    amount: int
    entry: str
    sale: str | None
    voucher: str | None
    terminal_uuid: str | None
    store_uuid: str | None
    created_at: str
    status: Literal["open", "resolved"]
    resolution: str | None = None
    note: str | None = None
    resolved_by: str | None = None
    resolved_at: str | None = None
    resolved_terminal_uuid: str | None = None
    """The counter whose resolve closed it: that counter writes the adjustment."""


class ConflictList(BaseModel):
    conflicts: list[ConflictOut]


class ResolveIn(Strict):
    resolution: Literal["absorbed", "customer_debit"]
    note: Text | None = None
    resolved_by: Name
    request_id: UuidStr | None = None
    """Made by the counter before its first try and sent again by each retry: the same
    request on a conflict it already resolved gets the same `200` answer."""


class OrderCustomer(BaseModel):
    cpf: Annotated[str, StringConstraints(max_length=32)] | None = None
    email: Annotated[str, StringConstraints(max_length=320)] | None = None


class OrderItem(BaseModel):
    sku: Annotated[str, StringConstraints(max_length=128)]
    name: Annotated[str, StringConstraints(max_length=500)]
    quantity: Annotated[int, Field(strict=True, gt=0, le=1_000_000)]
    unit_price: Annotated[int, Field(strict=True, ge=0, le=MAX_CENTAVOS // 1_000_000)]
    category: Annotated[str, StringConstraints(max_length=128)] | None = None


class OrderIn(BaseModel):
    order_id: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    customer: OrderCustomer
    total: Annotated[int, Field(strict=True, ge=0, le=MAX_CENTAVOS)]
    items: Annotated[list[OrderItem], Field(max_length=1000)]
    status: Literal["paid", "cancelled"]


class OrderOut(BaseModel):
    status: Literal["earned", "reversed", "duplicate", "recorded"]
    amount: int = 0
    """Cashback moved: earned (positive) or reversed (negative)."""
    entry: str | None = None


# -- customer messages ----------------------------------------------------------------

ClockTime = Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")]


class MessageQueuedBody(BaseModel):
    """A pushed `message.queued` body: what the endpoint needs to send it; the rest is kept.

    `subject` and `text` are optional only so that a counter of an older version (which
    sent its figures, not the rendered text) is not stuck: such a message is recorded
    as failed with the reason 'incomplete' instead of refusing the whole batch.
    """

    model_config = ConfigDict(extra="allow")
    idempotency_key: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    kind: MessageKind
    channel: Channel
    customer: UuidStr
    to: Annotated[str, StringConstraints(max_length=320)] | None = None
    subject: Annotated[str, StringConstraints(max_length=2000)] | None = None
    text: Annotated[str, StringConstraints(max_length=20_000)] | None = None
    qr_payload: Annotated[str, StringConstraints(max_length=2000)] | None = None
    store: UuidStr | None = None
    timezone: Annotated[str, StringConstraints(min_length=1, max_length=64)] = DEFAULT_ZONE
    quiet_start: ClockTime = "21:00"
    quiet_end: ClockTime = "08:00"
    weekly_cap: Annotated[int, Field(strict=True, ge=0, le=10_000)] = 3

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except Exception:  # ZoneInfoNotFoundError, ValueError on odd paths...
            raise ValueError(f"unknown time zone {value!r}") from None
        return value


HeaderName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$")]
HeaderValue = Annotated[str, StringConstraints(pattern=r"^[^\r\n\x00]{0,2000}$")]
Setting = Annotated[str, StringConstraints(pattern=r"^[^\x00]*$", max_length=2000)]


TemplateKind = Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,30}$")]


class WhatsAppTemplateIn(Strict):
    """An approved template for a message kind: its body parameters are facts' names."""

    name: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,512}$")]
    params: Annotated[list[Annotated[str, StringConstraints(max_length=40)]], Field(max_length=20)]
    category: Literal["utility", "marketing", "authentication"] = "utility"


class DeliveryIn(Strict):
    """A chain's delivery settings. `smtp_password` and `webhook_headers` left out (null)
    keep what is stored (they are never shown back, so a form cannot resend them)."""

    smtp_host: Setting = ""
    smtp_port: Annotated[int, Field(strict=True, ge=1, le=65_535)] = 587
    smtp_tls: Literal["none", "starttls", "implicit"] = "starttls"
    smtp_username: Setting = ""
    smtp_password: Setting | None = None
    smtp_sender: Setting = ""
    webhook_url: Setting = ""
    webhook_headers: Annotated[dict[HeaderName, HeaderValue], Field(max_length=50)] | None = None
    webhook_body_template: Annotated[str, StringConstraints(pattern=r"^[^\x00]*$")] = ""
    whatsapp_phone_number_id: Annotated[str, StringConstraints(pattern=r"^[0-9]{0,40}$")] = ""
    whatsapp_access_token: Setting | None = None
    whatsapp_app_secret: Setting | None = None
    whatsapp_verify_token: Setting | None = None
    """The three secrets: left out (null) keeps what is stored; '' clears."""
    whatsapp_graph_url: Setting = ""
    """'' for Meta's Graph API; another URL only for a test server."""
    whatsapp_templates: Annotated[dict[TemplateKind, WhatsAppTemplateIn], Field(max_length=50)] = (
        Field(default_factory=dict)
    )


class DeliveryOut(BaseModel):
    """The settings as stored, without their secrets."""

    smtp_host: str
    smtp_port: int
    smtp_tls: str
    smtp_username: str
    smtp_password_set: bool
    smtp_sender: str
    webhook_url: str
    webhook_header_names: list[str]
    """Header values usually hold the provider's token: only the names are shown."""
    webhook_body_template: str
    whatsapp_phone_number_id: str = ""
    whatsapp_access_token_set: bool = False
    whatsapp_app_secret_set: bool = False
    whatsapp_verify_token_set: bool = False
    whatsapp_graph_url: str = ""
    whatsapp_templates: dict[str, WhatsAppTemplateIn] = Field(default_factory=dict)
    """The templates in use by kind (the defaults with the chain's own over them)."""
    updated_at: str | None


# -- terminals, keys, the audit and the quarantine (the chain's admin) ---------------------


class TerminalInfo(BaseModel):
    terminal_id: str
    name: str
    terminal_uuid: str | None
    terminal_name: str | None
    store_uuid: str | None
    created_at: str
    hello_at: str | None
    last_seen_at: str | None
    """The last call made with its token: the counter's last contact."""
    revoked_at: str | None
    revoked_reason: str | None
    runs_expiry: bool


class TerminalList(BaseModel):
    terminals: list[TerminalInfo]


class ReasonIn(Strict):
    reason: Annotated[str, StringConstraints(min_length=1, max_length=500, pattern=r"^[^\x00]*$")]


class MovedOut(BaseModel):
    terminal_id: str
    token: str
    """The new token (shown once); the old one is revoked."""
    terminal_uuid: str | None


class AdminKeyOut(BaseModel):
    admin_key: str
    """The new admin key (shown once); the old one is revoked."""


class AuditEntry(BaseModel):
    at: str
    actor: str
    action: str
    terminal_id: str | None
    detail: dict[str, Any]


class AuditList(BaseModel):
    entries: list[AuditEntry]


class QuarantinedOut(BaseModel):
    event_uuid: str
    kind: str
    terminal_id: str
    error: str
    reason: str
    reason_en: str
    excerpt: str
    """The refused event's JSON, cut to its first 4 000 characters."""
    received_at: str


class QuarantineList(BaseModel):
    events: list[QuarantinedOut]
