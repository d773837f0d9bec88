"""What the Gerência's message log and template preview read: the latest messages with
their customer's name and the reason in words (pt_BR or en), and the store's name.

`message_outbox.messages` lists the rows without the customer's name, and keeps the
reason's sentence in pt_BR only (`reason_detail`); the manager's screen needs both, in
the counter's language. The reason codes are stable (`posapp.core.messages.Reason`,
'queued', 'endpoint', 'sent', 'retry:<code>', 'no_channel', 'permanent:<code>',
'max_attempts:<code>', 'anonymized'), so the English is rebuilt from the code and its figures.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from sqlalchemy import select

from db.models import Customer, Message
from posapp.core.messages import Reason, reason_text
from posapp.services.common.station import Station
from posapp.services.messages.queue import (
    REASON_ENDPOINT,
    REASON_QUEUED,
    REMINDER_WITHDRAWN,
    REMINDER_WITHDRAWN_TEXT,
)

_CONTACT = {
    "email": ("e-mail", "e-mail address"),
    "whatsapp": ("celular", "mobile number"),
    "sms": ("celular", "mobile number"),
}
_NUMBER = re.compile(r"\d+")
_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_DAY = re.compile(r"\d{2}/\d{2}/\d{4}(?: \d{2}:\d{2})?")


@dataclass(frozen=True, slots=True)
class LoggedMessage:
    """A message as the log lists it."""

    id: int
    created_at: datetime.datetime
    customer_name: str | None
    kind: str
    channel: str
    status: str
    reason: str
    reason_detail: str | None
    attempts: int
    sent_at: datetime.datetime | None
    next_attempt_at: datetime.datetime | None


def message_log(station: Station, limit: int = 100) -> list[LoggedMessage]:
    """The latest `limit` messages, newest first, with the customer's name."""
    query = (
        select(Message, Customer.name)
        .outerjoin(Customer, Customer.id == Message.customer_id)
        .order_by(Message.id.desc())
        .limit(limit)
    )
    with station.read() as session:
        return [
            LoggedMessage(
                m.id,
                m.created_at,
                name,
                m.kind,
                m.channel,
                m.status,
                m.reason,
                m.reason_detail,
                m.attempts,
                m.sent_at,
                m.next_attempt_at,
            )
            for m, name in session.execute(query)
        ]


def store_for_preview(station: Station) -> tuple[str, str]:
    """(the store's name, its segment): what the template preview fills and picks by."""
    with station.read() as session:
        store = station.snapshot(session).store
        return store.name, store.segment


def reason_words(message: LoggedMessage, locale: str = "pt_BR") -> str:
    """Why the message went out, waits or was dropped, in `locale`'s language."""
    pt = locale.startswith("pt")
    code, detail = message.reason, message.reason_detail or ""
    policy = {r.value for r in Reason}
    if code in policy:
        if pt and detail:
            return detail
        reason = Reason(code)
        params: dict[str, str] = {}
        if reason is Reason.NO_CONTACT:
            params["channel_pt"], params["channel_en"] = _CONTACT.get(
                message.channel, (message.channel, message.channel)
            )
        elif reason is Reason.WEEKLY_CAP:
            found = _NUMBER.search(detail)
            params["cap"] = found.group() if found else "?"
        elif reason is Reason.QUIET_HOURS:
            clock = _CLOCK.search(detail)
            params["until"] = clock.group() if clock else "?"
        elif reason is Reason.OUTDATED:
            day = _DAY.search(detail)
            params["day"] = day.group() if day else "?"
        return reason_text(reason, locale, **params)
    if code == "sent":
        return "Enviada." if pt else "Sent."
    if code == REASON_QUEUED:
        return "Na fila para envio." if pt else "Waiting to be sent."
    if code == REASON_ENDPOINT:
        return (
            "A central da rede envia esta mensagem."
            if pt
            else "The chain's endpoint sends this message."
        )
    if code == "anonymized":  # services.privacy: the customer's data was erased (LGPD)
        if pt:
            return detail or "Cliente anonimizado (LGPD): mensagem descartada."
        return "Customer anonymized (LGPD): message dropped."
    if code == REMINDER_WITHDRAWN:  # queue.withdraw_reminders: the visit moved or was called off
        if pt:
            return detail or REMINDER_WITHDRAWN_TEXT
        return "The appointment moved or was called off: reminder not sent."
    if code == "endpoint_refused":  # services.sync.push set the message's event aside
        if pt:
            return f"A central da rede recusou esta mensagem: {detail}"
        return "The chain's endpoint refused this message (see Gerência > Sincronização)."
    if code == "no_channel":
        return (
            f"O canal {message.channel} não está configurado."
            if pt
            else f"The {message.channel} channel is not set up."
        )
    if code in ("delivered", "read"):  # Meta's status webhook, through the endpoint
        if pt:
            return detail or (
                "Entregue no WhatsApp." if code == "delivered" else "Lida no WhatsApp."
            )
        return "Delivered on WhatsApp." if code == "delivered" else "Read on WhatsApp."
    if code.startswith("whatsapp_"):  # Meta reported the message failed
        if pt:
            return detail or f"O WhatsApp não entregou a mensagem (erro {code[9:]})."
        return f"WhatsApp could not deliver the message (error {code[9:]})."
    head, _, tail = code.partition(":")
    if head == "retry":
        return (
            f"Falha temporária ({tail}) em {message.attempts} tentativa(s); tentará de novo."
            if pt
            else f"Temporary failure ({tail}) after {message.attempts} attempt(s); will retry."
        )
    if head == "permanent":
        text = f"Recusada pelo servidor ({tail})." if pt else f"Refused by the server ({tail})."
        return f"{text} {detail}".strip()
    if head == "max_attempts":
        return (
            f"Desistimos após {message.attempts} tentativas ({tail})."
            if pt
            else f"Gave up after {message.attempts} attempts ({tail})."
        )
    return detail or code
