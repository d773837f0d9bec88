"""Customer messages the counters leave to the endpoint: `message.queued` in, `message.outcome` out.

A counter that does not send itself (its messaging setting `counter_sends` off) pushes
each message as a `message.queued` event, rendered with its own templates in its own
language, with the store's time zone, quiet hours and weekly cap. Applying the event
writes one `message` row per (chain, idempotency key): a key seen again (the same
message from a retried push, or from a second counter) changes nothing.

Every change of a message's fate is told back as a `message.outcome` event
(`outcome_body`), which every counter of the chain pulls; the one holding the message
updates its log.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from cloud.chains import append_event, iso
from cloud.models import Chain, CustomerMessage
from cloud.schemas import MessageQueuedBody

QUEUED, SENT, SKIPPED, DEFERRED, FAILED = "queued", "sent", "skipped", "deferred", "failed"
FINAL = frozenset({SENT, SKIPPED, FAILED})
REASON_QUEUED = "queued"
REASON_INCOMPLETE = "incomplete"
REASON_ANONYMIZED = "anonymized"
OUTCOME_KIND = "message.outcome"


def receive(
    session: Session,
    chain: Chain,
    body: MessageQueuedBody,
    *,
    event_uuid: str,
    store_uuid: str | None,
) -> bool:
    """Keep a queued message (insert by idempotency key); True when it is new.

    A message without its rendered subject or text (a counter of an older version)
    cannot be sent without the counter's templates: it is kept as failed with the
    reason 'incomplete', and its outcome is emitted at once.
    """
    now = datetime.now(UTC)
    complete = body.subject is not None and body.text is not None
    values: dict[str, Any] = {
        "chain_id": chain.id,
        "idempotency_key": body.idempotency_key,
        "event_uuid": event_uuid,
        "store_uuid": body.store or store_uuid,
        "kind": body.kind.value,
        "channel": body.channel.value,
        "customer_uuid": body.customer,
        "to_address": body.to,
        "subject": body.subject or "",
        "text": body.text or "",
        "qr_payload": body.qr_payload,
        "facts": _facts(body),
        "timezone": body.timezone,
        "quiet_start": body.quiet_start,
        "quiet_end": body.quiet_end,
        "weekly_cap": body.weekly_cap,
        "status": QUEUED if complete else FAILED,
        "reason": REASON_QUEUED if complete else REASON_INCOMPLETE,
        "reason_detail": None
        if complete
        else "A mensagem chegou sem o texto pronto (caixa de versão antiga).",
        "attempts": 0,
        "next_attempt_at": None,
        "created_at": now,
        "sent_at": None,
    }
    inserted = session.execute(
        insert(CustomerMessage)
        .values(values)
        .on_conflict_do_nothing(index_elements=["chain_id", "idempotency_key"])
        .returning(CustomerMessage.id)
    ).first()
    if inserted is None:
        return False
    if not complete:
        emit_outcome(session, chain, values)
    return True


def _facts(body: MessageQueuedBody) -> str | None:
    """The counter's facts (JSON text), kept for a WhatsApp template's parameters."""
    facts = (body.model_extra or {}).get("facts")
    return facts if isinstance(facts, str) and len(facts) <= 20_000 else None


def event_summary(body: MessageQueuedBody) -> dict[str, Any]:
    """What the stored `message.queued` event keeps: no address, no text."""
    return {
        "idempotency_key": body.idempotency_key,
        "kind": body.kind.value,
        "channel": body.channel.value,
        "customer": body.customer,
        "store": body.store,
    }


def scrub_customer(session: Session, chain_id: str, customer_uuid: str) -> None:
    """An anonymized customer's messages keep their fate, not their address or words.

    Messages still waiting are left to the delivery run, which skips them with the
    reason 'anonymized' and tells the counter.
    """
    session.execute(
        update(CustomerMessage)
        .where(
            CustomerMessage.chain_id == chain_id,
            CustomerMessage.customer_uuid == customer_uuid,
        )
        .values(to_address=None, subject="", text="", qr_payload=None, facts=None)
    )


def outcome_body(values: dict[str, Any]) -> dict[str, Any]:
    sent_at = values.get("sent_at")
    return {
        "idempotency_key": values["idempotency_key"],
        "status": values["status"],
        "reason": values["reason"],
        "reason_detail": values.get("reason_detail"),
        "sent_at": iso(sent_at) if isinstance(sent_at, datetime) else None,
        "attempts": int(values.get("attempts") or 0),
        **({"cost_class": values["cost_class"]} if values.get("cost_class") else {}),
    }


def emit_outcome(session: Session, chain: Chain, values: dict[str, Any]) -> None:
    """Append `message.outcome`; the caller holds the chain's lock (`lock_chain`)."""
    append_event(session, chain, kind=OUTCOME_KIND, body=outcome_body(values))
