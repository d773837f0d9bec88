"""Meta's WhatsApp webhook: its signature and the message statuses it carries.

Meta signs each webhook POST with `X-Hub-Signature-256: sha256=<hex>`, the HMAC-SHA256
of the raw body keyed with the app secret; the subscription is verified by a GET with
`hub.mode=subscribe`, `hub.verify_token` and `hub.challenge` (echoed back as it is).
A `messages` change may hold `statuses`: each names a message by its wamid, says
sent, delivered, read or failed (with `errors`), and carries `pricing.category`.
It may also hold `messages` the customer wrote back (`from` their wa_id): a text, or a
template's quick-reply button; one that asks to stop (`is_opt_out`: SAIR, PARAR, STOP,
Meta's own "Parar promoções" button...) withdraws the customer's consent.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

SIGNATURE_HEADER = "X-Hub-Signature-256"
STATUSES = ("sent", "delivered", "read", "failed")
RANK = {"sent": 1, "delivered": 2, "read": 3}
"""Statuses may arrive out of order: a lower rank never replaces a higher one."""


def signature(body: bytes, app_secret: str) -> str:
    """The header's value for `body`, as Meta computes it."""
    return "sha256=" + hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def signature_valid(body: bytes, app_secret: str, header: str | None) -> bool:
    if not header or not app_secret:
        return False
    return hmac.compare_digest(signature(body, app_secret), header.strip())


@dataclass(frozen=True, slots=True)
class StatusUpdate:
    message_id: str
    status: str
    at: datetime
    phone_number_id: str
    recipient: str = ""
    category: str = ""
    """Meta's pricing category (the cost class), when the status carries it."""
    error_code: int | None = None
    error_title: str = ""


def statuses(payload: Any) -> list[StatusUpdate]:
    """Every well-formed status of a webhook body; anything else (messages, odd values) ignored."""
    found = (_status(item, number) for item, number in _items(payload, "statuses"))
    return [update for update in found if update is not None]


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _status(item: dict[str, Any], number: str) -> StatusUpdate | None:
    wamid, status, stamp = item.get("id"), item.get("status"), item.get("timestamp")
    if not isinstance(wamid, str) or status not in STATUSES:
        return None
    try:
        at = datetime.fromtimestamp(int(str(stamp)), UTC)
    except (TypeError, ValueError, OverflowError):
        return None
    pricing = item.get("pricing")
    category = str(pricing.get("category", "")) if isinstance(pricing, dict) else ""
    errors = _dicts(item.get("errors"))
    code = errors[0].get("code") if errors else None
    return StatusUpdate(
        message_id=wamid,
        status=str(status),
        at=at,
        phone_number_id=number,
        recipient=str(item.get("recipient_id", "")),
        category=category[:20],
        error_code=code if isinstance(code, int) else None,
        error_title=str(errors[0].get("title") or errors[0].get("message") or "")[:200]
        if errors
        else "",
    )


@dataclass(frozen=True, slots=True)
class Reply:
    """A message a customer wrote to the business number (text or quick-reply button)."""

    wa_id: str
    """The sender's WhatsApp id: country code and number, digits only."""
    text: str
    at: datetime
    phone_number_id: str


OPT_OUT_WORDS = frozenset(
    {
        "sair", "parar", "pare", "stop", "cancelar", "descadastrar", "remover",
        "parar promocoes", "nao quero mais", "nao quero receber", "stop promotions",
        "unsubscribe",
    }
)  # fmt: skip
"""Whole replies that ask for no more messages (accents, case and punctuation ignored):
what Brazilian customers write, and the quick-reply button Meta adds to marketing
templates ("Parar promoções" / "Stop promotions")."""


def is_opt_out(text: str) -> bool:
    plain = unicodedata.normalize("NFKD", text.casefold())
    words = "".join(c if c.isalnum() else " " for c in plain if not unicodedata.combining(c))
    return " ".join(words.split()) in OPT_OUT_WORDS


def replies(payload: Any) -> list[Reply]:
    """Every text or button reply of a webhook body; other messages (images...) ignored."""
    found = (_reply(item, number) for item, number in _items(payload, "messages"))
    return [reply for reply in found if reply is not None]


def _items(payload: Any, kind: str) -> Iterator[tuple[dict[str, Any], str]]:
    """Each object of `kind` ("statuses" or "messages") in a webhook body, with the
    business phone number id it came to; nothing for a body of another shape."""
    if not isinstance(payload, dict) or payload.get("object") != "whatsapp_business_account":
        return
    for entry in _dicts(payload.get("entry")):
        for change in _dicts(entry.get("changes")):
            value = change.get("value")
            if change.get("field") != "messages" or not isinstance(value, dict):
                continue
            metadata = value.get("metadata")
            number = str(metadata.get("phone_number_id", "")) if isinstance(metadata, dict) else ""
            for item in _dicts(value.get(kind)):
                yield item, number


def _reply(item: dict[str, Any], number: str) -> Reply | None:
    sender, stamp = item.get("from"), item.get("timestamp")
    text = _reply_text(item)
    if not isinstance(sender, str) or not sender.isdigit() or text is None:
        return None
    try:
        at = datetime.fromtimestamp(int(str(stamp)), UTC)
    except (TypeError, ValueError, OverflowError):
        return None
    return Reply(sender, text[:200], at, number)


def _reply_text(item: dict[str, Any]) -> str | None:
    kind = item.get("type")
    part = item.get(str(kind))
    if not isinstance(part, dict):
        return None
    if kind == "text":
        body = part.get("body")
    elif kind == "button":  # a template's quick reply
        body = part.get("text") or part.get("payload")
    elif kind == "interactive":
        chosen = part.get("button_reply") or part.get("list_reply")
        body = chosen.get("title") if isinstance(chosen, dict) else None
    else:
        return None
    return body if isinstance(body, str) else None
