"""How a customer reaches their page with no password: a signed link, or phone + one-time code.

A link is `PC1.<chain>.<customer>.<expires, unix s>.<signature>`, the signature being an
HMAC-SHA256 under a key derived from the server's secret key (`SecretBox.link_signature`):
a message or the page itself hands it out; one opened from a receipt's survey QR
(`PS1|store|sale|sig`, signed by the store) leads to the customer of that sale.

A receipt is paper anyone may hold (left on the counter, thrown away): the page it opens
is marked `PR1` instead of `PC1`, shows the balance, vouchers and statement, but
downloading the customer's data (CPF, phone, e-mail, birthday) or asking to be
forgotten needs the visitor to prove the phone is theirs (`verified`: a one-time code).

Without a link, the customer gives their phone; when it belongs to a customer of the
chain who is not anonymized, a 6-digit code goes to them by WhatsApp (the Cloud API,
an authentication template), else SMS (the provider webhook), else e-mail. Only the
code's SHA-256 is kept, for 10 minutes. The answer is the same whether the phone is
known or not, so the form cannot be used to learn who is a customer.

The tries are counted per customer and hour, not per code: within `TRY_WINDOW` of the
first code, 5 tries in all, and each code sent again uses one of them; a new code
comes at most once a `RESEND_GAP`. Otherwise asking again gave 5 fresh tries each
time (a million codes guessed 5 at a time, while the customer's phone got a code per
request: the page shows their statement and the download has their CPF and phone).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets as random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud import secrets
from cloud.delivery import senders_for
from cloud.models import AccessCode, Customer, DeliverySettings, LedgerEntry
from cloud.phones import given_key
from cloud.secrets import WrongSecretKey
from cloud.survey import SurveyRefused, find_survey
from cloud.whatsapp import ACCESS_KIND_TEMPLATE
from messaging import DeliveryError, OutgoingMessage
from posapp.core.messages import Channel

log = logging.getLogger(__name__)

PREFIX = "PC1"
RECEIPT_PREFIX = "PR1"
"""A link opened from a receipt: whoever holds the paper (see the module)."""
LINK_DAYS = 90
"""A link from a message or a receipt stays good this long."""
SESSION = timedelta(hours=2)
"""A link made after a one-time code: short, it was typed on someone's phone."""
CODE_LIFE = timedelta(minutes=10)
CODE_TRIES = 5
"""Tries in a `TRY_WINDOW`, wrong codes and codes sent again together."""
TRY_WINDOW = timedelta(hours=1)
RESEND_GAP = timedelta(minutes=1)
ACCESS_KIND = ACCESS_KIND_TEMPLATE


class AccessRefused(Exception):
    """The link or the code does not open a page: a pt_BR message for the customer."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


BAD_LINK = "Este link não é válido ou expirou. Peça um código de acesso pelo seu telefone."
NOT_VERIFIED = (
    "Para baixar seus dados ou pedir para ser esquecido, confirme que é você: peça um código "
    "de acesso pelo seu celular. To download your data or be forgotten, sign in with a code."
)


@dataclass(frozen=True, slots=True)
class Visitor:
    chain_id: str
    customer_uuid: str
    survey_payload: str | None = None
    """The receipt's survey payload, when the page was opened from a receipt."""
    verified: bool = True
    """False: the page was opened from a receipt, not by the customer's own code."""


def make_link(
    session: Session,
    chain_id: str,
    customer_uuid: str,
    life: timedelta,
    *,
    verified: bool = True,
) -> str:
    expires = int(time.time() + life.total_seconds())
    text = f"{PREFIX if verified else RECEIPT_PREFIX}.{chain_id}.{customer_uuid}.{expires}"
    return f"{text}.{secrets.box_for(session).link_signature(text)}"


def open_link(session: Session, token: str | None, *, verified: bool = False) -> Visitor:
    """The visitor of a signed link; with `verified`, only a link made after a code."""
    parts = (token or "").strip().split(".")
    if len(parts) != 5 or parts[0] not in (PREFIX, RECEIPT_PREFIX) or len(token or "") > 200:
        raise AccessRefused(BAD_LINK)
    text = ".".join(parts[:4])
    if not hmac.compare_digest(secrets.box_for(session).link_signature(text), parts[4]):
        raise AccessRefused(BAD_LINK)
    if not parts[3].isdigit() or int(parts[3]) < time.time():
        raise AccessRefused(BAD_LINK)
    visitor = Visitor(parts[1], parts[2], verified=parts[0] == PREFIX)
    _known(session, visitor)
    if verified and not visitor.verified:
        raise AccessRefused(NOT_VERIFIED, 403)
    return visitor


def open_receipt(session: Session, payload: str | None) -> Visitor:
    """The customer of the receipt's sale (its survey QR, signed by the store)."""
    try:
        survey = find_survey(session, payload)
    except SurveyRefused as refused:
        raise AccessRefused(refused.message, refused.status) from None
    customer = session.scalar(
        select(LedgerEntry.customer_uuid)
        .where(LedgerEntry.chain_id == survey.chain_id, LedgerEntry.sale_uuid == survey.sale_uuid)
        .limit(1)
    )
    if customer is None:
        raise AccessRefused(
            "Esta venda não tem cliente identificado (ou ainda não chegou à central). "
            "Peça um código de acesso pelo seu telefone."
        )
    visitor = Visitor(survey.chain_id, customer, survey.payload, verified=False)
    _known(session, visitor)
    return visitor


def _known(session: Session, visitor: Visitor) -> Customer:
    customer = session.get(Customer, (visitor.chain_id, visitor.customer_uuid))
    if customer is None or customer.anonymized:
        raise AccessRefused(BAD_LINK)
    return customer


# -- phone and one-time code -----------------------------------------------------------


def _code_hash(chain_id: str, customer_uuid: str, code: str) -> str:
    return hashlib.sha256(f"{chain_id}|{customer_uuid}|{code}".encode()).hexdigest()


def customer_by_phone(session: Session, chain_id: str, phone: str) -> Customer | None:
    """The customer of the chain with this phone, in whatever form it was typed or written
    (`cloud.phones`), never an anonymized one: one lookup in the phone index.

    Two customers of the chain with the same phone (a number typed twice at the counters,
    a shared family phone): the code goes to one of them, always the same one, the first
    by uuid, so the code sent and the code checked are hers (the page shows one customer's
    balance). The other one reaches her page by a link or a receipt."""
    wanted = given_key(phone)
    if wanted is None:
        return None
    return session.scalars(
        select(Customer)
        .where(
            Customer.chain_id == chain_id,
            Customer.phone_digits == wanted,
            Customer.anonymized.is_(False),
        )
        .order_by(Customer.uuid)
        .limit(1)
    ).first()


def send_code(session: Session, chain_id: str, phone: str, now: datetime | None = None) -> None:
    """Send a code when the phone is a customer's; silent otherwise (see the module)."""
    now = now or datetime.now(UTC)
    customer = customer_by_phone(session, chain_id, phone)
    if customer is None:
        return
    earlier = session.get(AccessCode, (chain_id, customer.uuid), with_for_update=True)
    window_start, tries = now, 0
    if earlier is not None and now < earlier.created_at + TRY_WINDOW:
        if earlier.attempts >= CODE_TRIES - 1 or now < earlier.expires_at - CODE_LIFE + RESEND_GAP:
            return  # no try left for another code, or the last one has just gone
        window_start, tries = earlier.created_at, earlier.attempts + 1
    row = session.get(DeliverySettings, chain_id)
    try:
        senders = senders_for(row, secrets.box_for(session))
    except WrongSecretKey as wrong:
        log.error("access code of chain %s: %s", chain_id, wrong.en())
        return
    code = f"{random.randbelow(10**6):06d}"
    for channel in (Channel.WHATSAPP, Channel.SMS, Channel.EMAIL):
        sender = senders.get(channel)
        key = "email" if channel is Channel.EMAIL else "phone"
        to = str(customer.data.get(key) or "")
        if sender is None or not to:
            continue
        message = OutgoingMessage(
            to,
            "Seu código de acesso",
            f"Seu código de acesso é {code}. Vale por 10 minutos. Não o compartilhe.",
            idempotency_key=f"access:{customer.uuid}:{int(now.timestamp())}",
            kind=ACCESS_KIND,
            values={"code": code},
        )
        try:
            sender.send(message)
        except DeliveryError as error:
            log.warning("access code by %s for chain %s: %s", channel.value, chain_id, error)
            continue
        session.merge(
            AccessCode(
                chain_id=chain_id,
                customer_uuid=customer.uuid,
                code_hash=_code_hash(chain_id, customer.uuid, code),
                expires_at=now + CODE_LIFE,
                attempts=tries,
                channel=channel.value,
                created_at=window_start,
            )
        )
        session.flush()
        return


WRONG_CODE = "Código incorreto ou expirado. Confira o número ou peça um novo código."


def check_code(
    session: Session, chain_id: str, phone: str, code: str, now: datetime | None = None
) -> Visitor | None:
    """The visitor when the code is right; None otherwise. Each try counts, so the caller
    commits before it refuses (WRONG_CODE)."""
    now = now or datetime.now(UTC)
    customer = customer_by_phone(session, chain_id, phone)
    if customer is None:
        return None
    row = session.get(AccessCode, (chain_id, customer.uuid), with_for_update=True)
    if row is None or row.expires_at <= now or row.attempts >= CODE_TRIES:
        return None
    row.attempts += 1
    expected = _code_hash(chain_id, customer.uuid, code.strip())
    if not hmac.compare_digest(row.code_hash, expected):
        session.flush()
        return None
    session.delete(row)
    session.flush()
    return Visitor(chain_id, customer.uuid)
