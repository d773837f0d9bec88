"""The store's messaging settings: channels, SMTP, the provider webhook, the sending policy.

One JSON document in the `setting` table (key 'messaging'), so it travels with the
database like the rest of the store's settings. Changing it is a manager's action,
audited with what changed (the SMTP password is never written to the audit log).

`channels` lists the channels in order of preference ('email', 'whatsapp', 'sms'):
a message goes by the first one the customer has a contact for. An empty list turns
customer messages off: nothing is written to the message outbox at all.

`counter_sends`: this counter delivers its messages itself. When it is off (the
chain's endpoint delivers), messages stay queued here with the reason 'endpoint' and
travel to the endpoint as `message.queued` outbox events.

A demo database is marked (`mark_demo_database`, called by services.demo) and never
sends: every message it writes is skipped with the reason 'demo_database'.
"""

from __future__ import annotations

import datetime
import json
import ssl
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from sqlalchemy.orm import Session

from db.models import Setting
from messaging import Sender
from messaging.smtp import SmtpSender, SmtpSettings, TlsMode
from messaging.webhook import WebhookSender, WebhookSettings, validate_body_template
from posapp.core.errors import InvalidSetting
from posapp.core.messages import Channel, MessageKind, QuietHours
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.station import Station

KEY = "messaging"
DEMO_KEY = "demo_database"
DEFAULT_BODY = '{"to": "{to}", "text": "{text}", "id": "{idempotency_key}"}'


@dataclass(frozen=True, slots=True)
class MessagingSettings:
    channels: tuple[str, ...] = ()
    """Channel values in order of preference; empty: messages off."""
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_tls: str = TlsMode.STARTTLS.value
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_sender: str = ""
    """The From address: 'Salão Bella <contato@bella.com.br>'."""
    webhook_url: str = ""
    webhook_headers: Mapping[str, str] = field(default_factory=dict)
    webhook_body_template: str = DEFAULT_BODY
    quiet_start: str = "21:00"
    quiet_end: str = "08:00"
    """Local times; equal: no quiet hours. The window may cross midnight."""
    weekly_cap: int = 3
    """K: at most this many messages sent to a customer in 7 days; 0: no cap."""
    reminder_idle_days: int = 0
    """N: balance reminders after N idle days; 0: the program's `reminder_idle_days`."""
    expiry_warning_days: int = 7
    campaign_lead_days: int = 2
    disabled_kinds: tuple[str, ...] = ()
    """Message kinds this store does not send (never written to the outbox)."""
    counter_sends: bool = True

    @property
    def enabled(self) -> bool:
        return bool(self.channels)

    def kind_enabled(self, kind: MessageKind) -> bool:
        return self.enabled and kind.value not in self.disabled_kinds

    def with_changes(self, **changes: Any) -> MessagingSettings:
        return replace(self, **changes)

    def to_json(self) -> str:
        data = asdict(self)
        data["webhook_headers"] = dict(self.webhook_headers)
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> MessagingSettings:
        raw = json.loads(text)
        known = {f.name for f in fields(cls)}
        data: dict[str, Any] = {k: v for k, v in raw.items() if k in known}
        for name in ("channels", "disabled_kinds"):
            if name in data:
                data[name] = tuple(data[name])
        return cls(**data)


def _time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def quiet_hours(settings: MessagingSettings) -> QuietHours | None:
    start, end = _time(settings.quiet_start), _time(settings.quiet_end)
    return None if start == end else QuietHours(start, end)


def weekly_cap(settings: MessagingSettings) -> int | None:
    return settings.weekly_cap or None


def validate_messaging(settings: MessagingSettings) -> list[tuple[str, str]]:
    """Every problem as (pt_BR, en); empty when the settings can be saved."""
    problems: list[tuple[str, str]] = []
    known = {c.value for c in Channel}
    unknown = [c for c in settings.channels if c not in known]
    if unknown or len(set(settings.channels)) != len(settings.channels):
        problems.append(("canais desconhecidos ou repetidos", "unknown or repeated channels"))
    if Channel.EMAIL.value in settings.channels:
        if not settings.smtp_host.strip() or not settings.smtp_sender.strip():
            problems.append(
                (
                    "o e-mail precisa do servidor SMTP e do remetente",
                    "e-mail needs the SMTP server and the sender",
                )
            )
        if settings.smtp_tls not in {t.value for t in TlsMode}:
            problems.append(("modo TLS desconhecido", "unknown TLS mode"))
        if not 0 < settings.smtp_port < 65_536:
            problems.append(("porta SMTP inválida", "invalid SMTP port"))
    if {Channel.WHATSAPP.value, Channel.SMS.value} & set(settings.channels):
        if not settings.webhook_url.startswith(("http://", "https://")):
            problems.append(
                (
                    "WhatsApp/SMS precisam do endereço (URL) do provedor",
                    "WhatsApp/SMS need the provider's URL",
                )
            )
        for problem in validate_body_template(settings.webhook_body_template):
            problems.append((f"modelo do corpo: {problem}", f"body template: {problem}"))
    try:
        _time(settings.quiet_start), _time(settings.quiet_end)
    except ValueError:
        problems.append(("horário de silêncio no formato HH:MM", "quiet hours in the form HH:MM"))
    numbers = (
        settings.weekly_cap,
        settings.reminder_idle_days,
        settings.expiry_warning_days,
        settings.campaign_lead_days,
    )
    if any(n < 0 for n in numbers):
        problems.append(("os números não podem ser negativos", "numbers cannot be negative"))
    kinds = {k.value for k in MessageKind}
    if any(k not in kinds for k in settings.disabled_kinds):
        problems.append(("tipo de mensagem desconhecido", "unknown message kind"))
    return problems


def read_messaging(session: Session) -> MessagingSettings:
    row = session.get(Setting, KEY)
    return MessagingSettings.from_json(row.value) if row is not None else MessagingSettings()


def messaging_settings(station: Station, session: Session) -> MessagingSettings:
    """The settings, cached on the station until they change."""
    return station.cached(KEY, session, read_messaging)


def load_messaging(station: Station) -> MessagingSettings:
    with station.read() as session:
        return read_messaging(session)


def save_messaging(
    station: Station, new: MessagingSettings, *, staff_id: int, manager_pin: str
) -> MessagingSettings:
    """Validate and store the settings (a manager's PIN; audited without the password)."""
    problems = validate_messaging(new)
    if problems:
        raise InvalidSetting(
            value_pt="; ".join(pt for pt, _ in problems),
            value_en="; ".join(en for _, en in problems),
        )
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "alterar mensagens", now)
        old = json.loads(read_messaging(session).to_json())
        changed = {
            k: ["***", "***"] if k == "smtp_password" else [old.get(k), v]
            for k, v in json.loads(new.to_json()).items()
            if old.get(k) != v
        }
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="settings.messaging",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target="settings:messaging",
            changed=changed,
        )
        session.merge(Setting(key=KEY, value=new.to_json()))
    return new


def senders(
    settings: MessagingSettings, ssl_context: ssl.SSLContext | None = None
) -> dict[Channel, Sender]:
    """The delivery channels the settings configure (WhatsApp and SMS share the webhook)."""
    out: dict[Channel, Sender] = {}
    for value in settings.channels:
        channel = Channel(value)
        if channel is Channel.EMAIL:
            out[channel] = SmtpSender(
                SmtpSettings(
                    settings.smtp_host,
                    settings.smtp_port,
                    settings.smtp_sender,
                    TlsMode(settings.smtp_tls),
                    settings.smtp_username or None,
                    settings.smtp_password or None,
                    ssl_context=ssl_context,
                )
            )
        else:
            out[channel] = WebhookSender(
                WebhookSettings(
                    settings.webhook_url,
                    settings.webhook_body_template,
                    dict(settings.webhook_headers),
                )
            )
    return out


# -- the demo database ---------------------------------------------------------------


def mark_demo_database(session: Session) -> None:
    """This database holds made-up people: it must never send a message."""
    session.merge(Setting(key=DEMO_KEY, value="true"))


def _is_demo(session: Session) -> bool:
    row = session.get(Setting, DEMO_KEY)
    return row is not None and row.value == "true"


def is_demo_database(station: Station, session: Session) -> bool:
    return station.cached(DEMO_KEY, session, _is_demo)
