"""Delivering the chain's customer messages from the endpoint: settings, policy, sending, retries.

`deliver_due` is one run; `DeliveryLoop` repeats it on a daemon thread (started by
`posapp-cloud serve`), `posapp-cloud deliver --once` runs it from the shell. A run:

1. claims the due messages (queued, deferred past quiet hours, or waiting for a
   retry) with `FOR UPDATE SKIP LOCKED` and a lease, so two runs (two replicas, the
   loop and an operator's `deliver --once`) never send the same message at once; a
   run that dies leaves its claim to lapse and the message is tried again;
2. decides again for each one with `posapp.core.messages.decide`, as a counter does:
   consent from the latest `customer.upsert` the endpoint holds (an anonymized
   customer is skipped), the contact from it too, the weekly cap K of the store that
   wrote the message counting what was sent to that customer by ANY store of the
   chain in the 7 days before now, quiet hours in the store's time zone (deferred),
   and a message whose day has passed by now (a counter that pushed it days late, a
   channel set up days later) dropped as 'outdated';
3. sends with no transaction open, through `messaging` (SMTP, the provider webhook, or
   WhatsApp's Cloud API when the chain configured it, cloud.whatsapp) and
   `messaging.retry.attempt`; a WhatsApp message keeps its wamid and cost class;
4. records Delivered (sent), RetryAt (queued again with the next attempt and the
   reason) or GiveUp (failed, with the reason), and tells the counters with a
   `message.outcome` event whenever the status, the reason or the attempts changed.

A channel the chain has not configured is not a failure of the message: it waits
(reason 'no_channel') and is looked at again every `NO_CHANNEL_WAIT`. So does a message
whose chain's SMTP password or webhook headers do not open with this server's key
(reason 'secret_key_wrong': the server was started with another key than the one that
sealed them, see cloud.secrets).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import ssl
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from cloud import secrets, whatsapp
from cloud.chains import iso, lock_chain
from cloud.db import unit_of_work
from cloud.errors import ApiError
from cloud.messages import (
    DEFERRED,
    FAILED,
    QUEUED,
    REASON_ANONYMIZED,
    SENT,
    SKIPPED,
    emit_outcome,
)
from cloud.models import Customer, CustomerMessage, DeliverySettings
from cloud.schemas import DeliveryIn, DeliveryOut, WhatsAppTemplateIn
from cloud.secrets import SecretBox, WrongSecretKey
from messaging import OutgoingMessage, PermanentDeliveryError, Sender, TemporaryDeliveryError
from messaging.qr import qr_attachment
from messaging.retry import (
    RetryPolicy,
    after_failure,
    attempt,
    outcome_record,
)
from messaging.smtp import SmtpSender, SmtpSettings, TlsMode, build_email
from messaging.webhook import WebhookSender, WebhookSettings, validate_body_template
from messaging.whatsapp import WhatsAppTemplate
from posapp.core.messages import (
    TRANSACTIONAL,
    Channel,
    Defer,
    Draft,
    MessageKind,
    QuietHours,
    Skip,
    decide,
)

log = logging.getLogger(__name__)

DEFAULT_BODY = '{"to": "{to}", "text": "{text}", "id": "{idempotency_key}"}'
"""The webhook body when the chain gives no template (the counter's default too)."""
BATCH = 100
LEASE = timedelta(minutes=10)
NO_CHANNEL_WAIT = timedelta(minutes=15)
WEEK = timedelta(days=7)
REASON_WRONG_KEY = "secret_key_wrong"
"""The chain's delivery secrets do not open with this server's key (cloud.secrets)."""
ANONYMIZED_DETAIL = "Cliente anonimizado (LGPD): a mensagem não é enviada."

# -- the chain's settings ----------------------------------------------------------------


def invalid_settings(problems: list[tuple[str, str]]) -> ApiError:
    return ApiError(
        422,
        "invalid_settings",
        "Configuração de envio inválida: " + "; ".join(pt for pt, _ in problems) + ".",
        "Invalid delivery settings: " + "; ".join(en for _, en in problems) + ".",
    )


def settings_out(row: DeliverySettings | None) -> DeliveryOut:
    """The settings as the API shows them: never the password, only the header names."""
    if row is None:
        return DeliveryOut(
            smtp_host="",
            smtp_port=587,
            smtp_tls=TlsMode.STARTTLS.value,
            smtp_username="",
            smtp_password_set=False,
            smtp_sender="",
            webhook_url="",
            webhook_header_names=[],
            webhook_body_template="",
            whatsapp_templates=_templates_out(whatsapp.DEFAULT_TEMPLATES),
            updated_at=None,
        )
    return DeliveryOut(
        smtp_host=row.smtp_host,
        smtp_port=row.smtp_port,
        smtp_tls=row.smtp_tls,
        smtp_username=row.smtp_username,
        smtp_password_set=bool(row.smtp_password),
        smtp_sender=row.smtp_sender,
        webhook_url=row.webhook_url,
        webhook_header_names=sorted(row.webhook_headers),
        webhook_body_template=row.webhook_body_template,
        whatsapp_phone_number_id=row.whatsapp_phone_number_id,
        whatsapp_access_token_set=bool(row.whatsapp_access_token),
        whatsapp_app_secret_set=bool(row.whatsapp_app_secret),
        whatsapp_verify_token_set=bool(row.whatsapp_verify_token),
        whatsapp_graph_url=row.whatsapp_graph_url,
        whatsapp_templates=_templates_out(whatsapp.templates_of(row)),
        updated_at=iso(row.updated_at),
    )


def _templates_out(templates: Mapping[str, WhatsAppTemplate]) -> dict[str, WhatsAppTemplateIn]:
    return {
        str(kind): WhatsAppTemplateIn(
            name=t.name,
            params=list(t.params),
            category=t.category,  # type: ignore[arg-type]  # ours or validated on the way in
        )
        for kind, t in templates.items()
    }


def _problems(body: DeliveryIn) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if body.smtp_host.strip() or body.smtp_sender.strip():
        if not body.smtp_host.strip() or not body.smtp_sender.strip():
            problems.append(
                (
                    "o e-mail precisa do servidor SMTP e do remetente",
                    "e-mail needs the SMTP server and the sender",
                )
            )
        else:
            try:
                build_email(OutgoingMessage("teste@example.com", "", ""), body.smtp_sender)
            except PermanentDeliveryError:
                problems.append(("remetente inválido", "invalid sender address"))
    if body.webhook_url:
        if not body.webhook_url.startswith(("http://", "https://")):
            problems.append(
                (
                    "o endereço do provedor deve começar com http:// ou https://",
                    "the provider's URL must start with http:// or https://",
                )
            )
        for problem in validate_body_template(body.webhook_body_template or DEFAULT_BODY):
            problems.append((f"modelo do corpo: {problem}", f"body template: {problem}"))
    if body.whatsapp_graph_url and not body.whatsapp_graph_url.startswith(("http://", "https://")):
        problems.append(
            (
                "o endereço da Graph API deve começar com http:// ou https://",
                "the Graph API's URL must start with http:// or https://",
            )
        )
    problems.extend(whatsapp.template_problems(body.whatsapp_templates))
    return problems


def opened_password(box: SecretBox, row: DeliverySettings) -> str:
    """The SMTP password in clear ('' when none); WrongSecretKey when it does not open."""
    return box.open(row.chain_id, secrets.SMTP_PASSWORD, row.smtp_password)


def opened_headers(box: SecretBox, row: DeliverySettings) -> dict[str, str]:
    """The webhook headers with their values in clear; WrongSecretKey when one does not open."""
    return {
        str(name): box.open(row.chain_id, secrets.header_place(str(name)), str(value))
        for name, value in row.webhook_headers.items()
    }


def opened_whatsapp(box: SecretBox, row: DeliverySettings) -> None:
    """WrongSecretKey when a stored WhatsApp secret does not open."""
    for place in secrets.WHATSAPP_SECRETS:
        whatsapp.opened(box, row, place)


def get_settings(session: Session, chain_id: str) -> DeliveryOut:
    """The settings; a 503 `secret_key_wrong` when the stored secrets do not open.

    Nothing secret is shown, but the answer says at once that this server could not
    send the chain's messages (it runs with another key than the one that sealed them).
    """
    row = session.get(DeliverySettings, chain_id)
    if row is not None:
        box = secrets.box_for(session)
        try:
            opened_password(box, row)
            opened_headers(box, row)
            opened_whatsapp(box, row)
        except WrongSecretKey as wrong:
            raise wrong.api_error() from None
    return settings_out(row)


def set_settings(session: Session, chain_id: str, body: DeliveryIn) -> DeliveryOut:
    """Replace the chain's settings; a password or headers left out (None) are kept.

    The secrets are sealed (cloud.secrets) before they are stored. A kept secret that
    does not open with this server's key refuses the change (503 `secret_key_wrong`):
    give it again, or start the server with the right key.
    """
    problems = _problems(body)
    if problems:
        raise invalid_settings(problems)
    box = secrets.box_for(session)
    row = session.get(DeliverySettings, chain_id, with_for_update=True)
    if row is None:
        row = DeliverySettings(
            chain_id=chain_id,
            smtp_password="",
            webhook_headers={},
            whatsapp_access_token="",
            whatsapp_app_secret="",
            whatsapp_verify_token="",
            whatsapp_templates={},
        )
        session.add(row)
    given = {
        secrets.WHATSAPP_TOKEN: body.whatsapp_access_token,
        secrets.WHATSAPP_APP_SECRET: body.whatsapp_app_secret,
        secrets.WHATSAPP_VERIFY_TOKEN: body.whatsapp_verify_token,
    }
    try:
        if body.smtp_password is None:
            opened_password(box, row)
        if body.webhook_headers is None:
            opened_headers(box, row)
        for place, value in given.items():
            if value is None:
                whatsapp.opened(box, row, place)
    except WrongSecretKey as wrong:
        raise wrong.api_error() from None
    for place, value in given.items():
        if value is not None:
            sealed = box.seal(chain_id, place, value) if value else ""
            setattr(row, place.rsplit(".", 1)[1], sealed)
    if body.whatsapp_phone_number_id and not row.whatsapp_access_token:
        raise invalid_settings(
            [("o WhatsApp precisa do token de acesso", "WhatsApp needs the access token")]
        )
    row.whatsapp_phone_number_id = body.whatsapp_phone_number_id
    row.whatsapp_graph_url = body.whatsapp_graph_url.strip()
    row.whatsapp_templates = {
        kind: template.model_dump() for kind, template in body.whatsapp_templates.items()
    }
    row.smtp_host = body.smtp_host.strip()
    row.smtp_port = body.smtp_port
    row.smtp_tls = body.smtp_tls
    row.smtp_username = body.smtp_username
    if body.smtp_password is not None:
        row.smtp_password = (
            box.seal(chain_id, secrets.SMTP_PASSWORD, body.smtp_password)
            if body.smtp_password
            else ""
        )
    row.smtp_sender = body.smtp_sender.strip()
    row.webhook_url = body.webhook_url.strip()
    if body.webhook_headers is not None:
        row.webhook_headers = {
            name: box.seal(chain_id, secrets.header_place(name), value)
            for name, value in body.webhook_headers.items()
        }
    row.webhook_body_template = body.webhook_body_template
    row.updated_at = datetime.now(UTC)
    session.flush()
    return settings_out(row)


def stored_settings_in(session: Session, chain_id: str) -> DeliveryIn:
    """The stored settings as an update that changes nothing (the CLI edits a copy)."""
    row = session.get(DeliverySettings, chain_id)
    if row is None:
        return DeliveryIn()
    return DeliveryIn(
        smtp_host=row.smtp_host,
        smtp_port=row.smtp_port,
        smtp_tls=row.smtp_tls,  # type: ignore[arg-type]  # stored only after validation
        smtp_username=row.smtp_username,
        smtp_sender=row.smtp_sender,
        webhook_url=row.webhook_url,
        webhook_body_template=row.webhook_body_template,
        whatsapp_phone_number_id=row.whatsapp_phone_number_id,
        whatsapp_graph_url=row.whatsapp_graph_url,
        whatsapp_templates={
            str(kind): WhatsAppTemplateIn.model_validate(value)
            for kind, value in row.whatsapp_templates.items()
        },
    )


def senders_for(
    row: DeliverySettings | None, box: SecretBox, ssl_context: ssl.SSLContext | None = None
) -> dict[Channel, Sender]:
    """The channels the chain's settings make possible (WhatsApp and SMS share the webhook).

    Raises WrongSecretKey when a secret of a configured channel does not open.
    """
    out: dict[Channel, Sender] = {}
    if row is None:
        return out
    if row.smtp_host and row.smtp_sender:
        out[Channel.EMAIL] = SmtpSender(
            SmtpSettings(
                row.smtp_host,
                row.smtp_port,
                row.smtp_sender,
                TlsMode(row.smtp_tls),
                row.smtp_username or None,
                opened_password(box, row) or None,
                ssl_context=ssl_context,
            )
        )
    if row.webhook_url:
        hook = WebhookSender(
            WebhookSettings(
                row.webhook_url,
                row.webhook_body_template or DEFAULT_BODY,
                opened_headers(box, row),
            )
        )
        out[Channel.WHATSAPP] = out[Channel.SMS] = hook
    cloud_api = whatsapp.sender_for(row, box)
    if cloud_api is not None:
        out[Channel.WHATSAPP] = cloud_api
    return out


# -- one delivery run ------------------------------------------------------------------


@dataclass
class DeliveryReport:
    sent: int = 0
    skipped: int = 0
    deferred: int = 0
    retrying: int = 0
    failed: int = 0
    waiting: int = 0
    """Left for a channel the chain has not configured, or secrets this key cannot open."""
    reasons: list[str] = field(default_factory=list)
    """Each message's reason, in the order handled (for logs and tests)."""

    def line(self) -> str:
        return (
            f"sent={self.sent} skipped={self.skipped} deferred={self.deferred} "
            f"retrying={self.retrying} failed={self.failed} waiting={self.waiting}"
        )


@dataclass(frozen=True, slots=True)
class _Ready:
    sender: Sender
    outgoing: OutgoingMessage
    attempts: int


Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


def _claim(sessions: sessionmaker[Session], token: str, now: datetime, limit: int) -> list[int]:
    with unit_of_work(sessions) as session:
        ids = list(
            session.scalars(
                select(CustomerMessage.id)
                .where(
                    CustomerMessage.status.in_((QUEUED, DEFERRED)),
                    or_(
                        CustomerMessage.next_attempt_at.is_(None),
                        CustomerMessage.next_attempt_at <= now,
                    ),
                    or_(
                        CustomerMessage.claimed_until.is_(None),
                        CustomerMessage.claimed_until <= now,
                    ),
                )
                .order_by(CustomerMessage.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        )
        if ids:
            session.execute(
                update(CustomerMessage)
                .where(CustomerMessage.id.in_(ids))
                .values(claim=token, claimed_until=now + LEASE)
            )
        return ids


def sent_in_last_week(session: Session, chain_id: str, customer_uuid: str, now: datetime) -> int:
    """Messages the endpoint sent to the customer in the 7 days before `now`, from any store."""
    count: int = (
        session.scalar(
            select(func.count())
            .select_from(CustomerMessage)
            .where(
                CustomerMessage.chain_id == chain_id,
                CustomerMessage.customer_uuid == customer_uuid,
                CustomerMessage.status == SENT,
                CustomerMessage.sent_at > now - WEEK,
                CustomerMessage.sent_at <= now,
            )
        )
        or 0
    )
    return count


def _contact(customer: Customer, channel: Channel) -> str | None:
    """The address the latest upsert gives for the channel (as the counter's `contact`)."""
    key = "email" if channel is Channel.EMAIL else "phone"
    value = customer.data.get(key)
    return str(value) if value else None


def _quiet_hours(message: CustomerMessage) -> QuietHours | None:
    start = dt.time.fromisoformat(message.quiet_start)
    end = dt.time.fromisoformat(message.quiet_end)
    return None if start == end else QuietHours(start, end)


def _prepare(
    sessions: sessionmaker[Session],
    message_id: int,
    token: str,
    now: datetime,
    ssl_context: ssl.SSLContext | None,
) -> tuple[_Ready | None, dict[str, Any] | None]:
    """(ready to send, None) or (None, the row's new values) or (None, None): not ours."""
    with unit_of_work(sessions) as session:
        message = session.get(CustomerMessage, message_id)
        if message is None or message.claim != token:
            return None, None
        customer = session.get(Customer, (message.chain_id, message.customer_uuid))
        if customer is not None and customer.anonymized:
            return None, {
                "status": SKIPPED,
                "reason": REASON_ANONYMIZED,
                "reason_detail": ANONYMIZED_DETAIL,
                "next_attempt_at": None,
                "to_address": None,
                "subject": "",
                "text": "",
                "qr_payload": None,
            }
        kind, channel = MessageKind(message.kind), Channel(message.channel)
        if kind in TRANSACTIONAL:  # a receipt: to the address the cashier gave
            to = message.to_address
        else:
            to = _contact(customer, channel) if customer is not None else None
        decision = decide(
            Draft(kind, channel, to),
            customer is not None and bool(customer.data.get("marketing_consent")),
            now.astimezone(ZoneInfo(message.timezone)),
            _quiet_hours(message),
            sent_in_last_week(session, message.chain_id, message.customer_uuid, now),
            message.weekly_cap or None,
            facts=whatsapp.facts_of(message),
        )
        if isinstance(decision, Skip):
            return None, {
                "status": SKIPPED,
                "reason": decision.reason.value,
                "reason_detail": decision.text("pt_BR"),
                "next_attempt_at": None,
            }
        if isinstance(decision, Defer):
            return None, {
                "status": DEFERRED,
                "reason": decision.reason.value,
                "reason_detail": decision.text("pt_BR"),
                "next_attempt_at": decision.until.astimezone(UTC),
            }
        assert to is not None
        try:
            sender = senders_for(
                session.get(DeliverySettings, message.chain_id),
                secrets.box_for(session),
                ssl_context,
            ).get(channel)
        except WrongSecretKey as wrong:
            # the operator's mistake, not the message's: it waits, no attempt counted
            log.error("delivery of chain %s: %s", message.chain_id, wrong.en())
            return None, {
                "status": QUEUED,
                "reason": REASON_WRONG_KEY,
                "reason_detail": wrong.pt(),
                "next_attempt_at": now + NO_CHANNEL_WAIT,
            }
        if sender is None:
            return None, {
                "status": QUEUED,
                "reason": "no_channel",
                "reason_detail": f"A rede ainda não configurou o canal {channel.value}.",
                "next_attempt_at": now + NO_CHANNEL_WAIT,
            }
        attachments = [qr_attachment(message.qr_payload)] if message.qr_payload else []
        outgoing = OutgoingMessage(
            to,
            message.subject,
            message.text,
            attachments=attachments,
            idempotency_key=message.idempotency_key,
            kind=message.kind,
            values=whatsapp.values_of(message),
        )
        return _Ready(sender, outgoing, message.attempts), None


def _record(
    sessions: sessionmaker[Session], message_id: int, token: str, values: Mapping[str, Any]
) -> bool:
    """Write the message's new state under the chain's lock; tell the counters when it moved."""
    with unit_of_work(sessions) as session:
        chain_id = session.scalar(
            select(CustomerMessage.chain_id).where(CustomerMessage.id == message_id)
        )
        if chain_id is None:
            return False
        chain = lock_chain(session, chain_id)  # the outcome event takes the chain's next seq
        message = session.get(CustomerMessage, message_id, with_for_update=True)
        if message is None or message.claim != token:
            return False
        before = (message.status, message.reason, message.attempts)
        for key, value in values.items():
            setattr(message, key, value)
        message.claim = None
        message.claimed_until = None
        if (message.status, message.reason, message.attempts) != before:
            emit_outcome(
                session,
                chain,
                {
                    "idempotency_key": message.idempotency_key,
                    "status": message.status,
                    "reason": message.reason,
                    "reason_detail": message.reason_detail,
                    "sent_at": message.sent_at,
                    "attempts": message.attempts,
                },
            )
        return True


def deliver_due(
    sessions: sessionmaker[Session],
    *,
    clock: Clock = _now,
    policy: RetryPolicy | None = None,
    rng: random.Random | None = None,
    limit: int = BATCH,
    ssl_context: ssl.SSLContext | None = None,
) -> DeliveryReport:
    """One run over every chain's due messages (see the module)."""
    report = DeliveryReport()
    policy = policy or RetryPolicy()
    rng = rng or random.Random()
    token = str(uuid.uuid4())
    for message_id in _claim(sessions, token, clock(), limit):
        moment = clock()
        ready, values = _prepare(sessions, message_id, token, moment, ssl_context)
        if ready is not None:
            try:
                outcome = attempt(
                    partial(ready.sender.send, ready.outgoing), ready.attempts, moment, policy, rng
                )
            except Exception as error:  # a bug in a channel must not stop the other messages
                log.exception("delivering message %s", message_id)
                outcome = after_failure(
                    TemporaryDeliveryError("internal_error", repr(error)[:300]),
                    ready.attempts + 1,
                    moment,
                    policy,
                    rng,
                )
            values = outcome_record(outcome, clock())
            values.update(whatsapp.receipt_values(ready.sender, ready.outgoing.idempotency_key))
        if values is None or not _record(sessions, message_id, token, values):
            continue
        _count(report, values)
    return report


def _count(report: DeliveryReport, values: Mapping[str, Any]) -> None:
    status, reason = values["status"], str(values["reason"])
    report.reasons.append(reason)
    if status == SENT:
        report.sent += 1
    elif status == SKIPPED:
        report.skipped += 1
    elif status == DEFERRED:
        report.deferred += 1
    elif status == FAILED:
        report.failed += 1
    elif reason in ("no_channel", REASON_WRONG_KEY):
        report.waiting += 1
    else:
        report.retrying += 1


# -- the background loop -----------------------------------------------------------------


class DeliveryLoop:
    """`deliver_due` every `interval` seconds on a daemon thread, never in a request's way."""

    def __init__(self, sessions: sessionmaker[Session], interval: float) -> None:
        if interval <= 0:
            raise ValueError("the delivery interval must be positive")
        self.sessions = sessions
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="posapp-cloud-delivery", daemon=True)
        self._thread.start()

    def run_forever(self) -> None:
        """The loop in the calling thread (`posapp-cloud deliver` without --once)."""
        self._run()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                report = deliver_due(self.sessions)
                if report.reasons:
                    log.info("delivery: %s", report.line())
            except Exception:  # the database away for a moment: try again next time
                log.exception("delivery run failed")
            self._stop.wait(self.interval)

    def stop(self, timeout: float = 30.0) -> bool:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()
