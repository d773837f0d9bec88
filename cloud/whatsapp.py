"""The chain's WhatsApp Business number: its templates, its sender, and Meta's status webhook.

A chain that gives its phone number id and access token sends its customers' WhatsApp
messages through the Cloud API (messaging.whatsapp) instead of the provider webhook;
SMS keeps the webhook. Each kind goes out as an approved template (`DEFAULT_TEMPLATES`,
or the chain's own), its parameters taken from the facts the counter sent with the
message, in pt_BR. Consent is the one the endpoint already checks before any message
(the latest `customer.upsert`): WhatsApp's opt-in is that consent.

Meta tells the endpoint what became of each message by a webhook, which a chain
subscribes at `/v1/whatsapp/{chain id}/webhook`: a GET with the verify token
(`verify`), then POSTs signed with the app secret (`receive`). Each status updates the
message (delivered, read, failed; the pricing category as its cost class) and is told
to the counters as a `message.outcome`, so the counter's message log shows it.

A customer who writes back asking to stop (SAIR, PARAR, STOP, the "Parar promoções"
button: `messaging.whatsapp_status.is_opt_out`) loses their consent at once: the
endpoint's copy says no, so nothing waiting is sent, and a `customer.upsert` with
`marketing_consent` false, dated by the reply (`consent_changed_at`), goes to every
counter of the chain, whose scheduler and
delivery then leave them out. A receipt asked for at a counter still goes (transactional).
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud import secrets
from cloud.chains import append_event, iso, lock_chain
from cloud.errors import ApiError
from cloud.messages import FAILED, SENT, emit_outcome
from cloud.models import Chain, Customer, CustomerMessage, DeliverySettings
from cloud.phones import wa_id_key
from cloud.schemas import WhatsAppTemplateIn
from cloud.secrets import SecretBox, WrongSecretKey
from messaging.whatsapp import GRAPH_URL, WhatsAppSender, WhatsAppSettings, WhatsAppTemplate
from messaging.whatsapp_status import (
    RANK,
    Reply,
    StatusUpdate,
    is_opt_out,
    replies,
    signature_valid,
    statuses,
)
from posapp.core import consent, details
from posapp.core.messages import MessageFacts, MessageKind, facts_from_json

log = logging.getLogger(__name__)

LANGUAGE = "pt_BR"
ACCESS_KIND_TEMPLATE = "access_code"
"""The one-time code of the customer's page (cloud.customer_access), not a counter's kind."""
DEFAULT_TEMPLATES: dict[str, WhatsAppTemplate] = {
    MessageKind.WELCOME: WhatsAppTemplate("boas_vindas", ("customer", "store"), "marketing"),
    MessageKind.CASHBACK_CREDITED: WhatsAppTemplate(
        "cashback_creditado", ("customer", "amount", "store", "balance"), "utility"
    ),
    MessageKind.VOUCHER_ISSUED: WhatsAppTemplate(
        "vale_emitido",
        ("customer", "voucher_value", "voucher_code", "voucher_expires_on"),
        "utility",
    ),
    MessageKind.CASHBACK_EXPIRING: WhatsAppTemplate(
        "cashback_expirando", ("customer", "amount", "expires_on", "store"), "utility"
    ),
    MessageKind.BALANCE_REMINDER: WhatsAppTemplate(
        "lembrete_saldo", ("customer", "balance", "store"), "marketing"
    ),
    MessageKind.REFERRAL_REWARD: WhatsAppTemplate(
        "indicacao_premiada", ("customer", "referred", "amount", "store"), "utility"
    ),
    MessageKind.REFERRAL_REVERSED: WhatsAppTemplate(
        "indicacao_desfeita", ("customer", "amount", "store"), "utility"
    ),
    MessageKind.BIRTHDAY: WhatsAppTemplate("aniversario", ("customer", "store"), "marketing"),
    MessageKind.CAMPAIGN: WhatsAppTemplate(
        "campanha", ("customer", "campaign", "offer", "store"), "marketing"
    ),
    "appointment_reminder": WhatsAppTemplate(
        "lembrete_horario", ("customer", "service", "professional", "appointment_at"), "utility"
    ),
    MessageKind.RECEIPT: WhatsAppTemplate(
        "recibo", ("customer", "store", "sale_number", "amount", "page_link"), "utility"
    ),
    ACCESS_KIND_TEMPLATE: WhatsAppTemplate("codigo_acesso", ("code",), "authentication"),
}
"""Our suggested templates; the chain submits them to Meta under these names, or maps its own."""
FACT_NAMES = frozenset(MessageFacts("", "").values(LANGUAGE))
"""The names a template's parameters may use (the counter's placeholders)."""


def missing_defaults() -> list[str]:
    """Kinds with no default template (a new kind must get one here)."""
    return sorted(kind.value for kind in MessageKind if kind.value not in DEFAULT_TEMPLATES)


def template_problems(templates: Mapping[str, WhatsAppTemplateIn]) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    kinds = {kind.value for kind in MessageKind}
    for kind, template in templates.items():
        if kind not in kinds:
            problems.append(
                (f"tipo de mensagem desconhecido: {kind}", f"unknown message kind: {kind}")
            )
        unknown = [name for name in template.params if name not in FACT_NAMES]
        if unknown:
            names = ", ".join(unknown)
            problems.append(
                (
                    f"modelo {template.name}: parâmetros desconhecidos ({names})",
                    f"template {template.name}: unknown parameters ({names})",
                )
            )
    return problems


def templates_of(row: DeliverySettings) -> dict[str, WhatsAppTemplate]:
    """The templates in use: the defaults, with the chain's own over them."""
    out = dict(DEFAULT_TEMPLATES)
    for kind, value in (row.whatsapp_templates or {}).items():
        out[str(kind)] = WhatsAppTemplate(
            str(value["name"]), tuple(value["params"]), str(value.get("category", "utility"))
        )
    return out


def opened(box: SecretBox, row: DeliverySettings, place: str) -> str:
    return box.open(row.chain_id, place, str(getattr(row, place.rsplit(".", 1)[1])))


def sender_for(row: DeliverySettings, box: SecretBox) -> WhatsAppSender | None:
    """The Cloud API channel when the chain gave its number and token (WrongSecretKey if
    the token does not open)."""
    if not row.whatsapp_phone_number_id or not row.whatsapp_access_token:
        return None
    return WhatsAppSender(
        WhatsAppSettings(
            row.whatsapp_phone_number_id,
            opened(box, row, secrets.WHATSAPP_TOKEN),
            templates_of(row),
            graph_url=row.whatsapp_graph_url or GRAPH_URL,
            language=LANGUAGE,
        )
    )


def facts_of(message: CustomerMessage) -> MessageFacts | None:
    """The facts the counter sent with the message; None when it sent none (or odd ones)."""
    if not message.facts:
        return None
    try:
        return facts_from_json(message.facts)
    except (ValueError, TypeError):
        return None


def values_of(message: CustomerMessage) -> dict[str, str]:
    """The facts' texts in pt_BR (the template's language); {} when the counter sent none."""
    facts = facts_of(message)
    return facts.values(LANGUAGE) if facts is not None else {}


# -- Meta's webhook ------------------------------------------------------------------------


def _refused() -> ApiError:
    return ApiError(
        403,
        "bad_verify_token",
        "Token de verificação do webhook do WhatsApp inválido.",
        "Invalid WhatsApp webhook verify token.",
    )


def verify(session: Session, chain_id: str, mode: str | None, token: str | None) -> None:
    """Meta's subscription GET: ApiError unless the mode is subscribe and the token is ours."""
    row = session.get(DeliverySettings, chain_id)
    if row is None or mode != "subscribe" or not token or not row.whatsapp_verify_token:
        raise _refused()
    box = secrets.box_for(session)
    try:
        expected = opened(box, row, secrets.WHATSAPP_VERIFY_TOKEN)
    except WrongSecretKey as wrong:
        raise wrong.api_error() from None
    if not hmac.compare_digest(expected.encode(), token.encode()):
        raise _refused()


def receive(session: Session, chain_id: str, raw: bytes, header: str | None) -> int:
    """Apply a signed status webhook; the number of messages it changed."""
    row = session.get(DeliverySettings, chain_id)
    secret = ""
    if row is not None and row.whatsapp_app_secret:
        try:
            secret = opened(secrets.box_for(session), row, secrets.WHATSAPP_APP_SECRET)
        except WrongSecretKey as wrong:
            raise wrong.api_error() from None
    if row is None or not signature_valid(raw, secret, header):
        raise ApiError(
            401,
            "bad_signature",
            "Assinatura do webhook do WhatsApp ausente ou inválida (X-Hub-Signature-256).",
            "Missing or invalid WhatsApp webhook signature (X-Hub-Signature-256).",
        )
    try:
        payload = json.loads(raw)
    except ValueError:
        payload = None
    ours = ("", row.whatsapp_phone_number_id)
    updates = [u for u in statuses(payload) if u.phone_number_id in ours]
    stops = [r for r in replies(payload) if r.phone_number_id in ours and is_opt_out(r.text)]
    if not updates and not stops:
        return 0
    chain = lock_chain(session, chain_id)
    changed = sum(withdraw_consent(session, chain, reply) for reply in stops)
    for update in updates:
        message = session.scalars(
            select(CustomerMessage)
            .where(
                CustomerMessage.chain_id == chain_id,
                CustomerMessage.provider_message_id == update.message_id,
            )
            .with_for_update()
        ).first()
        if message is None or not _apply(message, update):
            continue
        changed += 1
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
                "cost_class": message.cost_class,
            },
        )
    session.flush()
    return changed


def withdraw_consent(session: Session, chain: Chain, reply: Reply) -> int:
    """The customers of the number that wrote SAIR/PARAR... lose their consent, at the
    endpoint and, by a `customer.upsert` every counter pulls, at every counter; how many.

    Her phone is matched as the page's sign-in matches it (`cloud.phones`: a Brazilian
    mobile's wa_id often lacks the ninth digit, 55 11 8765-4321 for 11 98765-4321), through
    the phone index; anonymized customers never. Every customer of the chain with that
    phone loses the consent (the number asked to hear no more, whoever's record it is on);
    a wa_id of another country matches no one."""
    changed = 0
    wanted = wa_id_key(reply.wa_id)
    if wanted is None:
        return 0
    found = session.scalars(
        select(Customer)
        .where(
            Customer.chain_id == chain.id,
            Customer.phone_digits == wanted,
            Customer.anonymized.is_(False),
        )
        .with_for_update()
    ).all()
    for customer in found:
        held = consent.held_in(customer.data, customer.consent_changed_at)
        if not held.consent and held.at is not None and held.at >= reply.at:
            continue  # her refusal is on record already
        # The refusal carries its moment, the reply's, and is recorded even where no consent
        # is known here yet: an upsert a counter wrote before it (consent true, an older
        # moment), pushed before or after, does not grant the consent again. A grant
        # dated later by a counter's clock still loses to the reply (a tie, refusal wins).
        at = max(reply.at, held.at) if held.at is not None else reply.at
        customer.data = {
            **customer.data,
            "marketing_consent": False,
            "consent_at": None,
            consent.FIELD: iso(at),
            # the details as held, with their moment: not an edit, so no newer
            # counter's edit is undone (undated ones never undo a dated edit)
            details.FIELD: iso(edited) if (edited := customer.details_changed_at) else None,
        }
        customer.consent_changed_at = at
        customer.updated_at = datetime.now(UTC)
        append_event(session, chain, kind="customer.upsert", body=dict(customer.data))
        log.info(
            "chain %s: customer %s replied %r: consent withdrawn",
            chain.id,
            customer.uuid,
            reply.text,
        )
        changed += 1
    return changed


def _when(update: StatusUpdate, zone: str) -> str:
    return update.at.astimezone(ZoneInfo(zone)).strftime("%d/%m/%Y %H:%M")


def _apply(message: CustomerMessage, update: StatusUpdate) -> bool:
    """The message's new state from one status; False when it says nothing new."""
    if update.category:
        message.cost_class = update.category
    current = message.provider_status or ""
    if current == "failed" or (
        update.status != "failed" and RANK.get(update.status, 0) <= RANK.get(current, 0)
    ):
        return False
    message.provider_status = update.status
    if update.status == "failed":
        message.status = FAILED
        message.reason = f"whatsapp_{update.error_code or 'failed'}"[:60]
        message.reason_detail = (
            f"O WhatsApp não entregou a mensagem: {update.error_title or 'falha'}."
        )
        return True
    if update.status == "sent":
        return False  # what delivery already recorded: sent
    message.status = SENT
    message.sent_at = message.sent_at or update.at
    word = "Entregue" if update.status == "delivered" else "Lida"
    message.reason = update.status
    message.reason_detail = f"{word} no WhatsApp em {_when(update, message.timezone)}."
    return True


def receipt_values(sender: Any, key: str) -> dict[str, Any]:
    """What delivery records of an accepted WhatsApp message: its wamid and cost class."""
    if not isinstance(sender, WhatsAppSender):
        return {}
    receipt = sender.receipts.get(key)
    if receipt is None:
        return {}
    return {"provider_message_id": receipt.message_id, "cost_class": receipt.cost_class}
